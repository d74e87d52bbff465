// Cell positions as three coordinate arrays (PyNN's 3×N positions array, split by axis).
import { ValueError } from '../errors.js';

export interface Positions {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
}

/** Anything with x, y, z coordinate arrays of equal length. */
export interface PositionsLike {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly z: ArrayLike<number>;
}

/** Number of cells in a positions object; throws if the three arrays differ in length. */
export function positionCount(positions: PositionsLike, owner: string): number {
  const n = positions.x.length;
  if (positions.y.length !== n || positions.z.length !== n) {
    throw new ValueError(
      `${owner}: x, y and z must have the same length, got ${n}, ${positions.y.length}, ${positions.z.length}`,
    );
  }
  return n;
}

export function emptyPositions(n: number): Positions {
  return { x: new Float64Array(n), y: new Float64Array(n), z: new Float64Array(n) };
}
