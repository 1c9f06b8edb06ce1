/** Binary search over arrays kept in order. */

/** How many items of `sorted` (ascending by `key`) have a key below `offset`: the index of the first one at or after it. */
export function countBefore<T>(sorted: readonly T[], key: (item: T) => number, offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(sorted[mid]) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
