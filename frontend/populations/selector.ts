// PyNN's ways of picking cells out of a population (p[3], p[2:10:2], p[mask], p[[1, 5, 7]]), turned into a
// sorted list of unique indices. Slices follow Python's rules, negative indices included.
import { warn } from '../core/warnings.js';
import { IndexError } from '../errors.js';

/** Python's slice: `{ start, stop, step }`, each optional (p[::2] is `{ step: 2 }`). */
export interface Slice {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

export type Selector = Slice | ArrayLike<boolean> | ArrayLike<number>;

export function isSlice(value: unknown): value is Slice {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.keys(value).every((key) => key === 'start' || key === 'stop' || key === 'step')
  );
}

function integer(owner: string, what: string, v: number): number {
  if (!Number.isInteger(v)) throw new TypeError(`${owner}: ${what} must be an integer, got ${v}`);
  return v;
}

/** Python's slice.indices(size), then the range it denotes. */
export function sliceIndices(owner: string, s: Slice, size: number): number[] {
  const step = s.step == null ? 1 : integer(owner, 'slice step', s.step);
  if (step === 0) throw new RangeError(`${owner}: slice step cannot be zero`);
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  let start: number;
  let stop: number;
  if (step > 0) {
    start = s.start == null ? 0 : integer(owner, 'slice start', s.start);
    stop = s.stop == null ? size : integer(owner, 'slice stop', s.stop);
    start = clamp(start < 0 ? start + size : start, 0, size);
    stop = clamp(stop < 0 ? stop + size : stop, 0, size);
  } else {
    start = s.start == null ? size - 1 : integer(owner, 'slice start', s.start);
    stop = s.stop == null ? -1 : integer(owner, 'slice stop', s.stop);
    start = clamp(start < 0 ? start + size : start, -1, size - 1);
    stop = s.stop == null ? -1 : clamp(stop < 0 ? stop + size : stop, -1, size - 1);
  }
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

/** A single index, negative counting from the end; IndexError when out of range. */
export function normalizeIndex(owner: string, index: number, size: number): number {
  integer(owner, 'index', index);
  const i = index < 0 ? index + size : index;
  if (i < 0 || i >= size) throw new IndexError(`${owner}: index ${index} out of range for size ${size}`);
  return i;
}

/**
 * Positions (within a collection of `size` cells) picked by `selector`, sorted and unique. Duplicates in an index
 * array are removed with a warning, as PyNN does.
 */
export function resolveSelector(owner: string, selector: Selector, size: number): number[] {
  if (isSlice(selector)) return sliceIndices(owner, selector, size).sort((a, b) => a - b);
  if (typeof selector !== 'object' || selector === null || typeof (selector as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(
      `${owner}: invalid selector ${String(selector)}; use an index, a slice {start, stop, step}, a boolean mask or an array of indices`,
    );
  }
  const items = Array.from(selector as ArrayLike<unknown>);
  if (items.length > 0 && items.every((v) => typeof v === 'boolean')) {
    if (items.length !== size) {
      throw new Error(`${owner}: boolean mask has ${items.length} entries, but the population has ${size} cells`);
    }
    const out: number[] = [];
    items.forEach((v, i) => {
      if (v) out.push(i);
    });
    return out;
  }
  if (!items.every((v) => typeof v === 'number')) {
    throw new TypeError(`${owner}: an index array must contain only integers (or only booleans for a mask)`);
  }
  const indices = (items as number[]).map((v) => normalizeIndex(owner, v, size));
  const unique = [...new Set(indices)].sort((a, b) => a - b);
  if (unique.length !== indices.length) {
    warn(`${owner}: duplicate indices removed from the selector`);
  }
  return unique;
}
