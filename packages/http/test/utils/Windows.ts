/** Counting requests per window, for the rate-limit tests. */

/** The most times within any window `[t, t + window)`. */
export const busiest = (times: ReadonlyArray<number>, window: number): number => {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= window) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}
