// The contract's Selection for a sorted set of cells of one population, in its most compact form: all, a
// range with a step, or an explicit list.
import type { Selection } from '../generated/tsnn/v1/model.js';

export function selectionFor(population: number, indices: ArrayLike<number>, populationSize: number): Selection {
  const n = indices.length;
  if (n === populationSize && (n === 0 || (indices[0] === 0 && indices[n - 1] === n - 1))) {
    return { population, cells: { $case: 'all', value: true } };
  }
  if (n >= 2) {
    const step = indices[1]! - indices[0]!;
    let regular = step >= 1;
    for (let k = 2; regular && k < n; k++) regular = indices[k]! - indices[k - 1]! === step;
    if (regular) {
      return {
        population,
        cells: { $case: 'range', value: { start: indices[0]!, stop: indices[n - 1]! + 1, step } },
      };
    }
  }
  return { population, cells: { $case: 'indices', value: { values: Array.from(indices) } } };
}
