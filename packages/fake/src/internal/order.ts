/**
 * The sort key of every list: `(created_at, id)`. Timestamps are canonical ISO strings (`…T…:…:….mmmZ`), so
 * comparing them as strings compares them in time; ids break ties.
 *
 * @internal
 */

/** Anything a list holds. @internal */
export interface Keyed {
  readonly id: string
  readonly createdAt: string
}

/** @internal */
export const compare = (aCreatedAt: string, aId: string, bCreatedAt: string, bId: string): number =>
  aCreatedAt < bCreatedAt ? -1 : aCreatedAt > bCreatedAt ? 1 : aId < bId ? -1 : aId > bId ? 1 : 0

/** @internal */
export const compareKeyed = (a: Keyed, b: Keyed): number => compare(a.createdAt, a.id, b.createdAt, b.id)

/** The first index whose key is `>=` the given key. @internal */
export const lowerBound = (items: ReadonlyArray<Keyed>, createdAt: string, id: string): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const item = items[mid]!
    if (compare(item.createdAt, item.id, createdAt, id) < 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first index whose key is `>` the given key. @internal */
export const upperBound = (items: ReadonlyArray<Keyed>, createdAt: string, id: string): number => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const item = items[mid]!
    if (compare(item.createdAt, item.id, createdAt, id) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Inserts in key order (a new object is usually the newest: the binary search then ends at the end). @internal */
export const insert = <A extends Keyed>(items: Array<A>, item: A): void => {
  items.splice(lowerBound(items, item.createdAt, item.id), 0, item)
}

/** Replaces the item with the same key, which must be present. @internal */
export const replace = <A extends Keyed>(items: Array<A>, item: A): void => {
  items[lowerBound(items, item.createdAt, item.id)] = item
}

/** Removes the item with this key, which must be present. @internal */
export const remove = <A extends Keyed>(items: Array<A>, item: Keyed): void => {
  items.splice(lowerBound(items, item.createdAt, item.id), 1)
}

/** @internal */
export const isSorted = (items: ReadonlyArray<Keyed>): boolean => {
  for (let i = 1; i < items.length; i++) if (compareKeyed(items[i - 1]!, items[i]!) >= 0) return false
  return true
}
