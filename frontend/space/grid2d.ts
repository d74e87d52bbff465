// PyNN's Grid2D: nx = √(n·aspectRatio) columns (must divide n), ny = n/nx rows; cell i at
// (x0 + dx·⌊i/ny⌋, y0 + dy·(i mod ny), z) in sequential fill order.
import { Structure_FillOrder, type Structure } from '../generated/tsnn/v1/model.js';
import type { AbstractRNG } from '../random/rng.js';
import { rngSpec } from '../random/rng-spec.js';
import { FRONTEND_STREAM } from '../random/rng.js';
import { BaseStructure } from './base-structure.js';
import { defaultRng, permutePositions } from './grid-fill.js';
import { emptyPositions, type Positions } from './positions.js';
import { checkCount, checkFillOrder, checkFinite, checkPositive, checkRng, pythonRound, type FillOrder } from './structure-checks.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface Grid2DOptions {
  aspectRatio?: number;
  dx?: number;
  dy?: number;
  x0?: number;
  y0?: number;
  z?: number;
  fillOrder?: FillOrder;
  rng?: AbstractRNG;
}

export class Grid2D extends BaseStructure {
  readonly parameterNames = ['aspectRatio', 'dx', 'dy', 'x0', 'y0', 'z', 'fillOrder'] as const;
  readonly aspectRatio: number;
  readonly dx: number;
  readonly dy: number;
  readonly x0: number;
  readonly y0: number;
  readonly z: number;
  readonly fillOrder: FillOrder;
  /** Set on first random fill when none was given (as PyNN). */
  rng: AbstractRNG | undefined;

  constructor(options: Grid2DOptions = {}) {
    super();
    checkOptionKeys('Grid2D', options, ['aspectRatio', 'dx', 'dy', 'x0', 'y0', 'z', 'fillOrder', 'rng']);
    const { aspectRatio = 1.0, dx = 1.0, dy = 1.0, x0 = 0.0, y0 = 0.0, z = 0.0, fillOrder = 'sequential', rng } = options;
    this.aspectRatio = checkPositive('Grid2D', 'aspectRatio', aspectRatio);
    this.dx = checkFinite('Grid2D', 'dx', dx);
    this.dy = checkFinite('Grid2D', 'dy', dy);
    this.x0 = checkFinite('Grid2D', 'x0', x0);
    this.y0 = checkFinite('Grid2D', 'y0', y0);
    this.z = checkFinite('Grid2D', 'z', z);
    this.fillOrder = checkFillOrder('Grid2D', fillOrder);
    this.rng = checkRng('Grid2D', rng);
  }

  /** [nx, ny] for n cells; Error when √(n·aspectRatio) does not divide n (PyNN's "Invalid size"). */
  calculateSize(n: number): [number, number] {
    const nxExact = Math.sqrt(n * this.aspectRatio);
    const remainder = n % nxExact;
    if (!(Math.abs(remainder) <= 1e-12) || n === 0) {
      throw new Error(
        `Grid2D: invalid size n=${n}: nx = sqrt(n*aspectRatio) = ${nxExact} does not divide n ` +
          `(aspectRatio=${this.aspectRatio}; n must be nx*ny with nx/ny = aspectRatio)`,
      );
    }
    const nx = pythonRound(nxExact);
    return [nx, Math.floor(n / nx)];
  }

  generatePositions(n: number): Positions {
    const [nx, ny] = this.calculateSize(checkCount('Grid2D', n));
    const grid = emptyPositions(nx * ny);
    for (let i = 0; i < nx * ny; ++i) {
      grid.x[i] = this.x0 + this.dx * Math.floor(i / ny);
      grid.y[i] = this.y0 + this.dy * (i % ny);
      grid.z[i] = this.z;
    }
    if (this.fillOrder === 'sequential') return grid;
    this.rng = defaultRng(this.rng);
    return permutePositions(grid, this.rng);
  }

  toMessage(): Structure {
    return {
      kind: {
        $case: 'grid2d',
        value: {
          aspectRatio: this.aspectRatio,
          dx: this.dx,
          dy: this.dy,
          x0: this.x0,
          y0: this.y0,
          z: this.z,
          fillOrder: this.fillOrder === 'random' ? Structure_FillOrder.RANDOM : Structure_FillOrder.SEQUENTIAL,
          // Positions are drawn by the frontend, so the spec records the rng on the frontend's own stream.
          rng: this.rng === undefined ? undefined : rngSpec(this.rng, FRONTEND_STREAM),
        },
      },
    };
  }
}
