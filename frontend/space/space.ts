// PyNN's Space (pyNN.space.Space): how distances between pre- and postsynaptic cells are measured.
// distance(A, B) = sqrt(Σ_axes δ²), δ = A − s·(B + offset), A presynaptic, B postsynaptic, s = scaleFactor;
// on an axis with periodic boundaries (min, max), |δ| becomes min(|δ|, (max − min) − |δ|) (pynn-api.md §9).
import { Space_Axes, type Space as SpaceMessage } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import { positionCount, type PositionsLike } from './positions.js';
import { checkOptionKeys } from '../core/option-keys.js';

export type AxesName = 'x' | 'y' | 'z' | 'xy' | 'yz' | 'xz' | 'xyz';

/** Per-axis (min, max), or null for an open axis (PyNN's None). */
export type PeriodicBoundaries = readonly [
  readonly [number, number] | null,
  readonly [number, number] | null,
  readonly [number, number] | null,
];

export interface SpaceOptions {
  /** Axes that count in distances; null/undefined = all three (PyNN's None). */
  axes?: AxesName | null;
  /** Multiplies postsynaptic positions (different units in pre and post); default 1. */
  scaleFactor?: number;
  /** Added to postsynaptic positions before scaling; default 0. */
  offset?: number;
  /** Per-axis periodic boundaries, or null/undefined for none. */
  periodicBoundaries?: PeriodicBoundaries | null;
}

const AXES: Readonly<Record<AxesName, readonly number[]>> = {
  x: [0],
  y: [1],
  z: [2],
  xy: [0, 1],
  yz: [1, 2],
  xz: [0, 2],
  xyz: [0, 1, 2],
};

const AXES_KIND: Readonly<Record<AxesName, Space_Axes>> = {
  x: Space_Axes.X,
  y: Space_Axes.Y,
  z: Space_Axes.Z,
  xy: Space_Axes.XY,
  yz: Space_Axes.YZ,
  xz: Space_Axes.XZ,
  xyz: Space_Axes.XYZ,
};

/** Signed displacements post − pre along each axis, pre-major (row i = presynaptic cell i). */
export interface Displacements {
  readonly dx: Float64Array;
  readonly dy: Float64Array;
  readonly dz: Float64Array;
}

export class Space {
  readonly axes: AxesName | null;
  readonly scaleFactor: number;
  readonly offset: number;
  readonly periodicBoundaries: PeriodicBoundaries | null;
  /** Axis numbers (0 = x) that count in distances. */
  readonly axisIndices: readonly number[];
  /** Period (max − min) of each axis, or 0 for an open axis. */
  private readonly periods: readonly [number, number, number];

  constructor(options: SpaceOptions = {}) {
    checkOptionKeys('Space', options, ['axes', 'scaleFactor', 'offset', 'periodicBoundaries']);
    const { axes = null, scaleFactor = 1.0, offset = 0.0, periodicBoundaries = null } = options;
    if (axes !== null && !Object.prototype.hasOwnProperty.call(AXES, axes)) {
      throw new ValueError(
        `Space: invalid axes '${String(axes)}' (allowed: null, ${Object.keys(AXES).map((a) => `'${a}'`).join(', ')})`,
      );
    }
    if (typeof scaleFactor !== 'number' || !Number.isFinite(scaleFactor)) {
      throw new ValueError(`Space: scaleFactor must be a finite number, got ${String(scaleFactor)}`);
    }
    if (typeof offset !== 'number' || !Number.isFinite(offset)) {
      throw new ValueError(`Space: offset must be a finite number, got ${String(offset)}`);
    }
    const periods: [number, number, number] = [0, 0, 0];
    if (periodicBoundaries !== null) {
      if (!Array.isArray(periodicBoundaries) || periodicBoundaries.length !== 3) {
        throw new ValueError(
          'Space: periodicBoundaries must be null or three entries (x, y, z), each [min, max] or null',
        );
      }
      periodicBoundaries.forEach((bounds, axis) => {
        if (bounds === null) return;
        const [min, max] = bounds;
        if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
          throw new ValueError(
            `Space: periodicBoundaries[${axis}] must be [min, max] with finite min < max, got [${bounds.join(', ')}]`,
          );
        }
        periods[axis] = max - min;
      });
    }
    this.axes = axes;
    this.scaleFactor = scaleFactor;
    this.offset = offset;
    this.periodicBoundaries = periodicBoundaries;
    this.axisIndices = AXES[axes ?? 'xyz'];
    this.periods = periods;
  }

  /** Distance between one presynaptic point and one postsynaptic point, each [x, y, z]. */
  distance(pre: readonly [number, number, number], post: readonly [number, number, number]): number {
    let sum = 0;
    for (const axis of this.axisIndices) {
      const d = this.separation(axis, pre[axis], post[axis]);
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  /**
   * Distances from every presynaptic cell to every postsynaptic cell, as a pre × post row-major matrix
   * (element i·nPost + j is the distance from pre cell i to post cell j).
   */
  distances(pre: PositionsLike, post: PositionsLike): Float64Array {
    const nPre = positionCount(pre, 'Space.distances (pre)');
    const nPost = positionCount(post, 'Space.distances (post)');
    const out = new Float64Array(nPre * nPost);
    for (let i = 0; i < nPre; ++i) this.distanceRow(pre, i, post, out.subarray(i * nPost, (i + 1) * nPost));
    return out;
  }

  /** Distances from presynaptic cell `i` to every postsynaptic cell, written into `out` (length nPost). */
  distanceRow(pre: PositionsLike, i: number, post: PositionsLike, out = new Float64Array(post.x.length)): Float64Array {
    const preCoords = [pre.x[i], pre.y[i], pre.z[i]];
    const postCoords = [post.x, post.y, post.z];
    out.fill(0);
    for (const axis of this.axisIndices) {
      const a = preCoords[axis];
      const b = postCoords[axis];
      for (let j = 0; j < out.length; ++j) {
        const d = this.separation(axis, a, b[j]);
        out[j] += d * d;
      }
    }
    for (let j = 0; j < out.length; ++j) out[j] = Math.sqrt(out[j]);
    return out;
  }

  /**
   * Signed displacement post − pre of every pair (pre-major), from the raw positions: neither scale, offset nor
   * periodic boundaries apply, as PyNN's DisplacementDependentProbabilityConnector computes it
   * (post.positions − pre.positions) and as the contract says (Expression.Variable D0..D2). All three axes are
   * given whatever `axes` says (it selects axes for distances only).
   */
  displacements(pre: PositionsLike, post: PositionsLike): Displacements {
    const nPre = positionCount(pre, 'Space.displacements (pre)');
    const nPost = positionCount(post, 'Space.displacements (post)');
    const preAxes = [pre.x, pre.y, pre.z];
    const postAxes = [post.x, post.y, post.z];
    const result = [new Float64Array(nPre * nPost), new Float64Array(nPre * nPost), new Float64Array(nPre * nPost)];
    for (let axis = 0; axis < 3; ++axis) {
      const out = result[axis];
      for (let i = 0; i < nPre; ++i) {
        for (let j = 0; j < nPost; ++j) out[i * nPost + j] = this.displacement(axis, preAxes[axis][i], postAxes[axis][j]);
      }
    }
    return { dx: result[0], dy: result[1], dz: result[2] };
  }

  /** Signed post − pre along one axis (0 = x) for one pair, from the raw positions (see displacements). */
  displacement(axis: number, pre: number, post: number): number {
    if (axis !== 0 && axis !== 1 && axis !== 2) throw new ValueError(`Space.displacement: axis must be 0, 1 or 2, got ${axis}`);
    return post - pre;
  }

  toMessage(): SpaceMessage {
    return {
      axes: this.axes === null ? Space_Axes.AXES_UNSPECIFIED : AXES_KIND[this.axes],
      scaleFactor: this.scaleFactor,
      offset: this.offset,
      periodicBoundaries:
        this.periodicBoundaries === null
          ? []
          : this.periodicBoundaries.map((bounds) => (bounds === null ? { min: 0, max: 0 } : { min: bounds[0], max: bounds[1] })),
    };
  }

  toString(): string {
    return `Space(axes=${this.axes ?? 'None'}, scaleFactor=${this.scaleFactor}, offset=${this.offset})`;
  }

  /** Per-axis separation |δ| as in PyNN (periodic: min(|δ|, period − |δ|)). */
  private separation(axis: number, pre: number, post: number): number {
    const magnitude = Math.abs(pre - this.scaleFactor * (post + this.offset));
    const period = this.periods[axis];
    return period === 0 ? magnitude : Math.min(magnitude, period - magnitude);
  }
}
