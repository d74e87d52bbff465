// PyNN's Grid3D: nx = round((n·a·b)^(1/3)), ny = round(nx/a), nz = round(nx/b) with a = aspectRatioXY,
// b = aspectRatioXZ; nx·ny·nz must equal n. Sequential fill: z varies fastest, then y, then x.
import { Structure_FillOrder, type Structure } from '../generated/tsnn/v1/model.js';
import { FRONTEND_STREAM, type AbstractRNG } from '../random/rng.js';
import { rngSpec } from '../random/rng-spec.js';
import { BaseStructure } from './base-structure.js';
import { defaultRng, permutePositions } from './grid-fill.js';
import { emptyPositions, type Positions } from './positions.js';
import { checkCount, checkFillOrder, checkFinite, checkPositive, checkRng, pythonRound, type FillOrder } from './structure-checks.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface Grid3DOptions {
  aspectRatioXY?: number;
  aspectRatioXZ?: number;
  dx?: number;
  dy?: number;
  dz?: number;
  x0?: number;
  y0?: number;
  z0?: number;
  fillOrder?: FillOrder;
  rng?: AbstractRNG;
}

export class Grid3D extends BaseStructure {
  readonly parameterNames = ['aspectRatios', 'dx', 'dy', 'dz', 'x0', 'y0', 'z0', 'fillOrder'] as const;
  /** [aspectRatioXY, aspectRatioXZ], PyNN's aspect_ratios. */
  readonly aspectRatios: readonly [number, number];
  readonly dx: number;
  readonly dy: number;
  readonly dz: number;
  readonly x0: number;
  readonly y0: number;
  readonly z0: number;
  readonly fillOrder: FillOrder;
  rng: AbstractRNG | undefined;

  constructor(options: Grid3DOptions = {}) {
    super();
    checkOptionKeys('Grid3D', options, [
      'aspectRatioXY', 'aspectRatioXZ', 'dx', 'dy', 'dz', 'x0', 'y0', 'z0', 'fillOrder', 'rng',
    ]);
    const {
      aspectRatioXY = 1.0,
      aspectRatioXZ = 1.0,
      dx = 1.0,
      dy = 1.0,
      dz = 1.0,
      x0 = 0.0,
      y0 = 0.0,
      z0 = 0.0,
      fillOrder = 'sequential',
      rng,
    } = options;
    this.aspectRatios = [
      checkPositive('Grid3D', 'aspectRatioXY', aspectRatioXY),
      checkPositive('Grid3D', 'aspectRatioXZ', aspectRatioXZ),
    ];
    this.dx = checkFinite('Grid3D', 'dx', dx);
    this.dy = checkFinite('Grid3D', 'dy', dy);
    this.dz = checkFinite('Grid3D', 'dz', dz);
    this.x0 = checkFinite('Grid3D', 'x0', x0);
    this.y0 = checkFinite('Grid3D', 'y0', y0);
    this.z0 = checkFinite('Grid3D', 'z0', z0);
    this.fillOrder = checkFillOrder('Grid3D', fillOrder);
    this.rng = checkRng('Grid3D', rng);
  }

  /** [nx, ny, nz] for n cells; Error when their product is not n. */
  calculateSize(n: number): [number, number, number] {
    const [a, b] = this.aspectRatios;
    const nx = pythonRound(Math.pow(n * a * b, 1 / 3));
    const ny = pythonRound(nx / a);
    const nz = pythonRound(nx / b);
    if (nx * ny * nz !== n || n === 0) {
      throw new Error(
        `Grid3D: invalid size n=${n}: nx, ny, nz = ${nx}, ${ny}, ${nz} (product ${nx * ny * nz}) for ` +
          `aspectRatioXY=${a}, aspectRatioXZ=${b}; n must equal nx*ny*nz`,
      );
    }
    return [nx, ny, nz];
  }

  generatePositions(n: number): Positions {
    const [nx, ny, nz] = this.calculateSize(checkCount('Grid3D', n));
    const grid = emptyPositions(n);
    for (let i = 0; i < n; ++i) {
      grid.x[i] = this.x0 + this.dx * Math.floor(i / (ny * nz));
      grid.y[i] = this.y0 + this.dy * (Math.floor(i / nz) % ny);
      grid.z[i] = this.z0 + this.dz * (i % nz);
    }
    if (this.fillOrder === 'sequential') return grid;
    this.rng = defaultRng(this.rng);
    return permutePositions(grid, this.rng);
  }

  toMessage(): Structure {
    return {
      kind: {
        $case: 'grid3d',
        value: {
          aspectRatioXy: this.aspectRatios[0],
          aspectRatioXz: this.aspectRatios[1],
          dx: this.dx,
          dy: this.dy,
          dz: this.dz,
          x0: this.x0,
          y0: this.y0,
          z0: this.z0,
          fillOrder: this.fillOrder === 'random' ? Structure_FillOrder.RANDOM : Structure_FillOrder.SEQUENTIAL,
          rng: this.rng === undefined ? undefined : rngSpec(this.rng, FRONTEND_STREAM),
        },
      },
    };
  }
}
