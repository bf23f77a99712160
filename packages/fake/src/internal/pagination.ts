/**
 * One page of a list (WIRE.md §5.4), computed on a collection sorted ascending by `(created_at, id)`, without
 * scanning it: cursors are found by binary search, and a filter is applied only from the cursor onward until the
 * page is full (plus one look on each side to set the cursors of `list_metadata`).
 *
 * @internal
 */
import * as Order from "./order.js"

/** A position in the list: the key of an item, which need not exist any more. @internal */
export interface Position {
  readonly createdAt: string
  readonly id: string
}

/** @internal */
export interface PageRequest {
  readonly order: "asc" | "desc" | "normal"
  readonly limit: number
  readonly after?: Position | undefined
  readonly before?: Position | undefined
}

/** @internal */
export interface Page<A> {
  readonly data: ReadonlyArray<A>
  readonly before: string | null
  readonly after: string | null
}

/**
 * `asc` and `desc`: `after=X` gives the first `limit` items after X in the requested order, `before=X` the `limit`
 * items right before X (the ones nearest X), still in the requested order; with both, the items between them,
 * from `after` on. `list_metadata.after` is the last id when matching items follow the page, `before` the first id
 * when matching items precede it.
 *
 * `normal` (legacy) is the mirror image: newest first, `before=X` pages toward older items and `after=X` toward
 * newer ones, and the two cursors of `list_metadata` swap meaning.
 *
 * @internal
 */
export const page = <A extends Order.Keyed>(
  items: ReadonlyArray<A>,
  matches: (item: A) => boolean,
  request: PageRequest
): Page<A> => {
  if (request.order === "normal") {
    const mirrored = directed(items, matches, false, request.limit, request.before, request.after)
    return { data: mirrored.data, before: mirrored.after, after: mirrored.before }
  }
  return directed(items, matches, request.order === "asc", request.limit, request.after, request.before)
}

const directed = <A extends Order.Keyed>(
  items: ReadonlyArray<A>,
  matches: (item: A) => boolean,
  ascending: boolean,
  limit: number,
  after: Position | undefined,
  before: Position | undefined
): Page<A> => {
  const n = items.length
  // the k-th item of the list in the requested order
  const at = ascending ? (k: number) => items[k]! : (k: number) => items[n - 1 - k]!
  // the first k strictly after the position, and the end (exclusive) of the ks strictly before it
  const startAfter = (p: Position) =>
    ascending ? Order.upperBound(items, p.createdAt, p.id) : n - Order.lowerBound(items, p.createdAt, p.id)
  const endBefore = (p: Position) =>
    ascending ? Order.lowerBound(items, p.createdAt, p.id) : n - Order.upperBound(items, p.createdAt, p.id)

  const lo = after === undefined ? 0 : startAfter(after)
  const hi = before === undefined ? n : endBefore(before)
  const found: Array<number> = []
  if (after !== undefined || before === undefined) {
    for (let k = lo; k < hi && found.length < limit; k++) if (matches(at(k))) found.push(k)
  } else {
    for (let k = hi - 1; k >= lo && found.length < limit; k--) if (matches(at(k))) found.push(k)
    found.reverse()
  }
  if (found.length === 0) return { data: [], before: null, after: null }

  const first = found[0]!
  const last = found[found.length - 1]!
  let precedes = false
  for (let k = first - 1; k >= 0; k--) {
    if (matches(at(k))) {
      precedes = true
      break
    }
  }
  let follows = false
  for (let k = last + 1; k < n; k++) {
    if (matches(at(k))) {
      follows = true
      break
    }
  }
  const data = found.map(at)
  return {
    data,
    before: precedes ? data[0]!.id : null,
    after: follows ? data[data.length - 1]!.id : null
  }
}
