/**
 * The reference model's pagination and list filters, computed from scratch (WIRE.md §5.3–5.4, §13 #18, #19).
 *
 * @since 0.1.0
 */
import { normalize, type Org } from "./State.js"

/**
 * A page request as the model reads it.
 *
 * @since 0.1.0
 * @category pagination
 */
export interface PageRequest {
  readonly order: "asc" | "desc" | "normal"
  readonly limit: number
  /** Creation ranks of the cursors. */
  readonly before?: number | undefined
  readonly after?: number | undefined
}

/**
 * One page, computed from scratch over items in creation order (`rank`): WIRE.md §5.3–5.4. For `asc` and `desc`,
 * `after` continues forward and `before` gives the `limit` items nearest before the cursor; `list_metadata.before`
 * is the first item when matching items precede it and `after` the last item when matching items follow it.
 * `normal` is the mirror image. A cursor marks a position even when its item is gone.
 *
 * @since 0.1.0
 * @category pagination
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  rank: (a: A) => number,
  request: PageRequest
): { readonly data: ReadonlyArray<A>; readonly before: A | null; readonly after: A | null } => {
  if (request.order === "normal") {
    const mirrored = page(items, rank, {
      order: "desc",
      limit: request.limit,
      after: request.before,
      before: request.after
    })
    return { data: mirrored.data, before: mirrored.after, after: mirrored.before }
  }
  const sorted = [...items].sort((x, y) => rank(x) - rank(y))
  if (request.order === "desc") sorted.reverse()
  // "comes before the cursor in this order"
  const precedes = (a: A, cursor: number) => (request.order === "asc" ? rank(a) < cursor : rank(a) > cursor)
  let data: ReadonlyArray<A>
  if (request.after !== undefined) {
    const cursor = request.after
    data = sorted.filter((a) => precedes(a, cursor) === false && rank(a) !== cursor).slice(0, request.limit)
  } else if (request.before !== undefined) {
    const cursor = request.before
    const prior = sorted.filter((a) => precedes(a, cursor))
    data = prior.slice(Math.max(0, prior.length - request.limit))
  } else {
    data = sorted.slice(0, request.limit)
  }
  if (data.length === 0) return { data, before: null, after: null }
  const first = sorted.indexOf(data[0]!)
  const last = sorted.indexOf(data[data.length - 1]!)
  return {
    data,
    before: first > 0 ? data[0]! : null,
    after: last < sorted.length - 1 ? data[data.length - 1]! : null
  }
}

/**
 * The organizations a list filter selects (WIRE.md §13 #18, #19): any of the domains (case-insensitive), and the
 * name containing `search` (case-insensitive).
 *
 * @since 0.1.0
 * @category pagination
 */
export const matches = (
  org: Org,
  filter: { readonly domains?: ReadonlyArray<string> | undefined; readonly search?: string | undefined }
): boolean => {
  // empty entries are no filter (WIRE.md §6: an empty value is absent)
  const wanted = (filter.domains ?? []).map(normalize).filter((d) => d !== "")
  if (wanted.length > 0 && !org.domains.some((d) => wanted.includes(d.domain))) return false
  // an empty search is in every name
  return filter.search === undefined || org.name.toLowerCase().includes(filter.search.toLowerCase())
}
