// PyNN's module function pyNN.space.distance(src, tgt, mask, scale_factor, offset, periodic_boundaries):
// the distance between two cells (or points), with d = src − s·(tgt + offset), each periodic component folded
// to min(|d|, L − |d|) with L the axis length, and `mask` choosing the axes (e.g. [0, 1] ignores z).
import { ValueError } from '../errors.js';
import { checkOptionKeys } from '../core/option-keys.js';

export type Point = readonly [number, number, number];

export interface DistanceOptions {
  /** Axes that count, e.g. [0, 1] to ignore z, [2] for z only; default all three. */
  mask?: readonly number[];
  /** Multiplies the target's position; default 1. */
  scaleFactor?: number;
  /** Added to the target's position before scaling: one number for every axis, or one per axis; default 0. */
  offset?: number | Point;
  /** Per-axis lengths of a periodic space (PyNN passes the ranges here, not (min, max) pairs). */
  periodicBoundaries?: Point | null;
}

function pointOf(cell: Point | { readonly position: readonly number[] }, name: string): readonly number[] {
  const position = Array.isArray(cell) ? cell : (cell as { position?: readonly number[] }).position;
  if (!position || position.length !== 3 || !position.every((v) => typeof v === 'number')) {
    throw new ValueError(`distance: ${name} must be a cell with a position or a point [x, y, z], got ${String(cell)}`);
  }
  return position;
}

export function distance(
  src: Point | { readonly position: readonly number[] },
  tgt: Point | { readonly position: readonly number[] },
  options: DistanceOptions = {},
): number {
  checkOptionKeys('distance()', options, ['mask', 'scaleFactor', 'offset', 'periodicBoundaries']);
  const { mask = [0, 1, 2], scaleFactor = 1, offset = 0, periodicBoundaries = null } = options;
  const a = pointOf(src, 'src');
  const b = pointOf(tgt, 'tgt');
  let sum = 0;
  for (const axis of mask) {
    if (axis !== 0 && axis !== 1 && axis !== 2) throw new ValueError(`distance: mask entries must be 0, 1 or 2, got ${axis}`);
    let d = Math.abs(a[axis] - scaleFactor * (b[axis] + (typeof offset === 'number' ? offset : offset[axis])));
    if (periodicBoundaries !== null) d = Math.min(d, periodicBoundaries[axis] - d);
    sum += d * d;
  }
  return Math.sqrt(sum);
}
