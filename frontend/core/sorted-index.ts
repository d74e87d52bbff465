// Position of a value in an ascending list by bisection: a view's cells are held in ascending order, so an ID's
// index is found in log time (indexOf made converting a view's IDs quadratic: 50,000 IDs took over a second).

/** The index of `value` in the ascending `sorted`, or -1 when it is not there. */
export function sortedIndexOf(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low] === value ? low : -1;
}
