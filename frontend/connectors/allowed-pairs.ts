// How many (pre, post) pairs a self-connection rule leaves to each cell: what the fixed-number rules need to
// refuse, when the projection is made, a count that cannot be drawn. The engine would find it only when it builds
// the network (the first run(), size() or get()), and the failed projection would then stop every later build,
// where PyNN raises in the Projection constructor. The rule is the engine's (ProjectionGeometry::allowed): false
// drops a cell's pair with itself; 'NoMutual' keeps, between cells of one population, only pre index > post index.
import type { CellCollection } from '../core/interfaces.js';
import type { AllowSelfConnections } from './self-connections.js';

export interface AllowedPairs {
  /** Allowed postsynaptic partners of presynaptic cell i. */
  perPre(i: number): number;
  /** Allowed presynaptic partners of postsynaptic cell j. */
  perPost(j: number): number;
  /** All allowed pairs (a walk over the presynaptic cells, so only on demand). */
  total(): number;
}

/** Sorted indices, per population, of a collection's cells. */
function indicesByPopulation(addresses: ReadonlyArray<readonly [number, number]>): Map<number, Float64Array> {
  const lists = new Map<number, number[]>();
  for (const [population, index] of addresses) {
    let list = lists.get(population);
    if (!list) lists.set(population, (list = []));
    list.push(index);
  }
  const sorted = new Map<number, Float64Array>();
  for (const [population, list] of lists) sorted.set(population, Float64Array.from(list).sort());
  return sorted;
}

/** How many entries of the sorted `values` are below `x`. */
function countBelow(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function allowedPairs(pre: CellCollection, post: CellCollection, rule: AllowSelfConnections): AllowedPairs {
  const nPre = pre.size;
  const nPost = post.size;
  if (rule === true) return { perPre: () => nPost, perPost: () => nPre, total: () => nPre * nPost };
  const preAddresses = pre.cellAddresses();
  const postAddresses = post.cellAddresses();
  const preByPopulation = indicesByPopulation(preAddresses);
  const postByPopulation = indicesByPopulation(postAddresses);
  const none = new Float64Array(0);
  let perPre: (i: number) => number;
  let perPost: (j: number) => number;
  if (rule === false) {
    // A collection holds a cell at most once, so a cell meets itself at most once.
    const has = (sorted: Map<number, Float64Array>, [population, index]: readonly [number, number]) => {
      const list = sorted.get(population) ?? none;
      const k = countBelow(list, index);
      return k < list.length && list[k] === index ? 1 : 0;
    };
    perPre = (i) => nPost - has(postByPopulation, preAddresses[i]!);
    perPost = (j) => nPre - has(preByPopulation, postAddresses[j]!);
  } else {
    perPre = (i) => {
      const [population, index] = preAddresses[i]!;
      const same = postByPopulation.get(population) ?? none;
      return nPost - same.length + countBelow(same, index);
    };
    perPost = (j) => {
      const [population, index] = postAddresses[j]!;
      const same = preByPopulation.get(population) ?? none;
      return nPre - countBelow(same, index + 1);
    };
  }
  const total = () => {
    let sum = 0;
    for (let i = 0; i < nPre; i++) sum += perPre(i);
    return sum;
  };
  return { perPre, perPost, total };
}
