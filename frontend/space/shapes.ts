// The volumes of RandomStructure: Cuboid and Sphere, each sampling points with uniform density around 0.
import type { AbstractRNG } from '../random/rng.js';
import { emptyPositions, type Positions } from './positions.js';
import { checkNonNegative, checkPositive } from './structure-checks.js';

export abstract class Shape {
  /** n points uniformly distributed inside the shape, centred on the origin. */
  abstract sample(n: number, rng: AbstractRNG): Positions;
}

/**
 * width along x, height along y, depth along z: points uniform in ±width/2, ±height/2, ±depth/2. A side may be 0,
 * as in PyNN (which does not check them): Cuboid(w, h, 0) is a flat sheet at z = 0.
 */
export class Cuboid extends Shape {
  readonly width: number;
  readonly height: number;
  readonly depth: number;

  constructor(width: number, height: number, depth: number) {
    super();
    this.width = checkNonNegative('Cuboid', 'width', width);
    this.height = checkNonNegative('Cuboid', 'height', height);
    this.depth = checkNonNegative('Cuboid', 'depth', depth);
  }

  /** Each point draws x, y, z in turn, as numpy's uniform(-1, 1, size=(n, 3)). */
  sample(n: number, rng: AbstractRNG): Positions {
    const positions = emptyPositions(n);
    for (let i = 0; i < n; ++i) {
      positions.x[i] = 0.5 * rng.uniform(-1, 1) * this.width;
      positions.y[i] = 0.5 * rng.uniform(-1, 1) * this.height;
      positions.z[i] = 0.5 * rng.uniform(-1, 1) * this.depth;
    }
    return positions;
  }

  toString(): string {
    return `Cuboid(width=${this.width}, height=${this.height}, depth=${this.depth})`;
  }
}

/** A ball of the given radius, sampled by rejection from the enclosing cube (as PyNN). */
export class Sphere extends Shape {
  readonly radius: number;

  constructor(radius: number) {
    super();
    this.radius = checkPositive('Sphere', 'radius', radius);
  }

  sample(n: number, rng: AbstractRNG): Positions {
    const positions = emptyPositions(n);
    let i = 0;
    while (i < n) {
      const x = rng.uniform(-1, 1);
      const y = rng.uniform(-1, 1);
      const z = rng.uniform(-1, 1);
      if (x * x + y * y + z * z < 1) {
        positions.x[i] = this.radius * x;
        positions.y[i] = this.radius * y;
        positions.z[i] = this.radius * z;
        i += 1;
      }
    }
    return positions;
  }

  toString(): string {
    return `Sphere(radius=${this.radius})`;
  }
}
