// Grids fill cells in order, or (fillOrder 'random') in a random permutation of the grid points, as PyNN's
// rng.permutation(positions.T).T. An absent rng becomes an unseeded NumpyRNG kept for later calls.
import { NumpyRNG, type AbstractRNG } from '../random/rng.js';
import { emptyPositions, type Positions } from './positions.js';

export function permutePositions(grid: Positions, rng: AbstractRNG): Positions {
  const n = grid.x.length;
  const order = rng.permutation(n);
  const out = emptyPositions(n);
  for (let k = 0; k < n; ++k) {
    out.x[k] = grid.x[order[k]];
    out.y[k] = grid.y[order[k]];
    out.z[k] = grid.z[order[k]];
  }
  return out;
}

export function defaultRng(rng: AbstractRNG | undefined): AbstractRNG {
  return rng ?? new NumpyRNG();
}
