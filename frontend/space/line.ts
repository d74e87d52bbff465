// PyNN's Line: cells evenly spaced along x; cell i at (x0 + i·dx, y, z).
import type { Structure } from '../generated/tsnn/v1/model.js';
import { BaseStructure } from './base-structure.js';
import { checkCount, checkFinite } from './structure-checks.js';
import { emptyPositions, type Positions } from './positions.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface LineOptions {
  dx?: number;
  x0?: number;
  y?: number;
  z?: number;
}

export class Line extends BaseStructure {
  readonly parameterNames = ['dx', 'x0', 'y', 'z'] as const;
  readonly dx: number;
  readonly x0: number;
  readonly y: number;
  readonly z: number;

  constructor(options: LineOptions = {}) {
    super();
    checkOptionKeys('Line', options, ['dx', 'x0', 'y', 'z']);
    const { dx = 1.0, x0 = 0.0, y = 0.0, z = 0.0 } = options;
    this.dx = checkFinite('Line', 'dx', dx);
    this.x0 = checkFinite('Line', 'x0', x0);
    this.y = checkFinite('Line', 'y', y);
    this.z = checkFinite('Line', 'z', z);
  }

  generatePositions(n: number): Positions {
    const positions = emptyPositions(checkCount('Line', n));
    for (let i = 0; i < n; ++i) positions.x[i] = this.dx * i + this.x0;
    positions.y.fill(this.y);
    positions.z.fill(this.z);
    return positions;
  }

  toMessage(): Structure {
    return { kind: { $case: 'line', value: { dx: this.dx, x0: this.x0, y: this.y, z: this.z } } };
  }
}
