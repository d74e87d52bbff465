// PyNN's RandomStructure: cells placed uniformly at random inside a Shape centred on `origin`.
import type { Structure } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import { FRONTEND_STREAM, NumpyRNG, type AbstractRNG } from '../random/rng.js';
import { rngSpec } from '../random/rng-spec.js';
import { BaseStructure } from './base-structure.js';
import type { Positions } from './positions.js';
import { Cuboid, Shape, Sphere } from './shapes.js';
import { checkCount, checkRng } from './structure-checks.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface RandomStructureOptions {
  boundary: Shape;
  /** Centre of the volume, default [0, 0, 0]. */
  origin?: readonly [number, number, number];
  /** Default: an unseeded NumpyRNG (as PyNN). */
  rng?: AbstractRNG;
}

export class RandomStructure extends BaseStructure {
  readonly parameterNames = ['boundary', 'origin', 'rng'] as const;
  readonly boundary: Shape;
  readonly origin: readonly [number, number, number];
  readonly rng: AbstractRNG;

  constructor(options: RandomStructureOptions) {
    super();
    checkOptionKeys('RandomStructure', options, ['boundary', 'origin', 'rng']);
    const { boundary, origin = [0, 0, 0], rng } = options ?? ({} as RandomStructureOptions);
    if (!(boundary instanceof Shape)) {
      throw new ValueError(`RandomStructure: boundary must be a Cuboid or a Sphere, got ${String(boundary)}`);
    }
    if (!Array.isArray(origin) || origin.length !== 3 || !origin.every((v) => Number.isFinite(v))) {
      throw new ValueError(`RandomStructure: origin must be three finite numbers [x, y, z], got ${String(origin)}`);
    }
    this.boundary = boundary;
    this.origin = [origin[0], origin[1], origin[2]];
    this.rng = checkRng('RandomStructure', rng) ?? new NumpyRNG();
  }

  generatePositions(n: number): Positions {
    const positions = this.boundary.sample(checkCount('RandomStructure', n), this.rng);
    for (let i = 0; i < n; ++i) {
      positions.x[i] += this.origin[0];
      positions.y[i] += this.origin[1];
      positions.z[i] += this.origin[2];
    }
    return positions;
  }

  toMessage(): Structure {
    const boundary =
      this.boundary instanceof Sphere
        ? { $case: 'sphere' as const, value: { radius: this.boundary.radius } }
        : this.boundary instanceof Cuboid
          ? {
              $case: 'cuboid' as const,
              value: { width: this.boundary.width, height: this.boundary.height, depth: this.boundary.depth },
            }
          : undefined;
    return {
      kind: {
        $case: 'random',
        value: {
          boundary,
          originX: this.origin[0],
          originY: this.origin[1],
          originZ: this.origin[2],
          rng: rngSpec(this.rng, FRONTEND_STREAM),
        },
      },
    };
  }
}
