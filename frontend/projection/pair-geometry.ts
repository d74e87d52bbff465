// Distances and displacements between presynaptic cell i and postsynaptic cell j under a Space, computed from the
// contract's Space message so that the frontend evaluates JS functions of distance exactly as the engines evaluate
// expressions in d, d0, d1, d2 (pynn-api.md §9):
//   distance(A, B) = sqrt(sum over the Space's axes of (A - s·(B + offset))²), periodic axes wrapping the difference.
import { Space_Axes, type Space as SpaceMessage } from '../generated/tsnn/v1/model.js';
import type { CellCollection } from '../core/interfaces.js';

/** Which of x, y, z count towards the distance, per Space axes. */
function axisMask(axes: Space_Axes): [boolean, boolean, boolean] {
  switch (axes) {
    case Space_Axes.X:
      return [true, false, false];
    case Space_Axes.Y:
      return [false, true, false];
    case Space_Axes.Z:
      return [false, false, true];
    case Space_Axes.XY:
      return [true, true, false];
    case Space_Axes.YZ:
      return [false, true, true];
    case Space_Axes.XZ:
      return [true, false, true];
    default:
      return [true, true, true];
  }
}

export class PairGeometry {
  private readonly preXYZ: readonly [Float64Array, Float64Array, Float64Array];
  private readonly postXYZ: readonly [Float64Array, Float64Array, Float64Array];
  private readonly mask: [boolean, boolean, boolean];
  private readonly scale: number;
  private readonly offset: number;
  /** Per axis: the period (max - min) when the axis is periodic, else 0. */
  private readonly periods: [number, number, number];

  constructor(pre: CellCollection, post: CellCollection, space: SpaceMessage) {
    const a = pre.positionsXYZ();
    const b = post.positionsXYZ();
    this.preXYZ = [a.x, a.y, a.z];
    this.postXYZ = [b.x, b.y, b.z];
    this.mask = axisMask(space.axes);
    this.scale = space.scaleFactor === 0 ? 1 : space.scaleFactor;
    this.offset = space.offset;
    const bounds = space.periodicBoundaries;
    this.periods = [0, 1, 2].map((k) => (bounds.length === 3 ? bounds[k]!.max - bounds[k]!.min : 0)) as [
      number,
      number,
      number,
    ];
  }

  get preSize(): number {
    return this.preXYZ[0].length;
  }

  get postSize(): number {
    return this.postXYZ[0].length;
  }

  /** Displacement post - pre along each axis (after scale and offset; periodic axes take the shorter way). */
  displacement(i: number, j: number): [number, number, number] {
    const out: [number, number, number] = [0, 0, 0];
    for (let k = 0; k < 3; k++) {
      let diff = this.scale * (this.postXYZ[k]![j]! + this.offset) - this.preXYZ[k]![i]!;
      const period = this.periods[k]!;
      if (period > 0) {
        const wrapped = period - Math.abs(diff);
        if (wrapped < Math.abs(diff)) diff = -Math.sign(diff) * wrapped;
      }
      out[k] = diff;
    }
    return out;
  }

  distance(i: number, j: number): number {
    const disp = this.displacement(i, j);
    let sum = 0;
    for (let k = 0; k < 3; k++) if (this.mask[k]) sum += disp[k]! * disp[k]!;
    return Math.sqrt(sum);
  }
}
