// The forms a parameter or initial value may take in a script (pynn-api.md §2, last paragraph), how each form is
// checked, and how it becomes one value per cell. Population values are drawn and evaluated here, in the
// frontend, so that `Population.get` shows exactly what every engine uses (docs/architecture.md).
import { InvalidDimensionsError, InvalidParameterValueError } from '../errors.js';
import { ArrayParameter } from '../random/sequence.js';
import { RandomDistribution } from '../random/random-distribution.js';
import type { ParameterKind } from './model-spec.js';

/** A distribution the frontend draws per-cell values from (frontend/random's RandomDistribution). */
export type DistributionLike = RandomDistribution;

export type CellFunction = (index: number) => number | ArrayParameter | readonly number[];

export type ParameterValue =
  | number
  | ArrayLike<number>
  | ArrayParameter
  | ReadonlyArray<ArrayParameter | readonly number[]>
  | DistributionLike
  | CellFunction;

/** Per-cell values of one parameter: numbers for scalar parameters, lists for Sequence-valued ones. */
export type CellValues = Float64Array | number[][];

export function isDistribution(value: unknown): value is DistributionLike {
  return value instanceof RandomDistribution;
}

function isNumberArray(value: unknown): value is ArrayLike<number> {
  if (ArrayBuffer.isView(value)) return !(value instanceof DataView);
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function describeValue(value: unknown): string {
  if (value instanceof ArrayParameter) return value.toString();
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON would print NaN and ±Infinity as null.
  if (typeof value === 'number') return String(value);
  if (isNumberArray(value)) return `[${Array.from(value, String).join(',')}]`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function allowedForms(kind: ParameterKind): string {
  return kind === 'scalar'
    ? 'a number, an array with one number per cell, a RandomDistribution or a function of the cell index'
    : 'a Sequence (or an array of numbers), an array with one Sequence per cell, or a function of the cell index returning a Sequence';
}

function invalid(owner: string, name: string, kind: ParameterKind, value: unknown): InvalidParameterValueError {
  return new InvalidParameterValueError(
    `${owner}: invalid value for parameter '${name}': ${describeValue(value)}. Allowed: ${allowedForms(kind)}`,
  );
}

/** Checks the form of a value before the number of cells is known (cell-type construction). */
export function checkValueForm(owner: string, name: string, kind: ParameterKind, value: unknown): void {
  if (typeof value === 'function') return;
  if (kind === 'scalar') {
    if (typeof value === 'number') {
      if (Number.isNaN(value)) throw invalid(owner, name, kind, value);
      return;
    }
    if (isDistribution(value)) return;
    if (isNumberArray(value)) {
      for (let i = 0; i < value.length; i++) if (Number.isNaN(value[i])) throw invalid(owner, name, kind, value);
      return;
    }
    throw invalid(owner, name, kind, value);
  }
  if (value instanceof ArrayParameter || isNumberArray(value)) return;
  if (Array.isArray(value) && value.every((v) => v instanceof ArrayParameter || isNumberArray(v))) return;
  throw invalid(owner, name, kind, value);
}

function toSequenceValues(owner: string, name: string, item: unknown): number[] {
  if (item instanceof ArrayParameter) return item.toArray();
  if (isNumberArray(item)) return Array.from(item);
  throw invalid(owner, name, 'sequence', item);
}

/**
 * One value per selected cell (`indices`: the cells' indices in their population). A function of the cell index
 * receives the position within the selection, 0 to n - 1: PyNN evaluates a view's values as a lazy array of the
 * view's own size (Population.set and initialize, pyNN/common/populations.py).
 */
export function expandValue(
  owner: string,
  name: string,
  kind: ParameterKind,
  value: unknown,
  indices: ArrayLike<number>,
): CellValues {
  checkValueForm(owner, name, kind, value);
  const n = indices.length;
  if (kind === 'scalar') {
    const out = new Float64Array(n);
    if (typeof value === 'number') {
      out.fill(value);
    } else if (typeof value === 'function') {
      for (let k = 0; k < n; k++) {
        const v = (value as CellFunction)(k);
        if (typeof v !== 'number' || Number.isNaN(v)) throw invalid(owner, name, kind, v);
        out[k] = v;
      }
    } else if (isDistribution(value)) {
      const drawn = value.next(n);
      if (typeof drawn === 'number') {
        out.fill(drawn);
      } else {
        if (drawn.length !== n) throw invalid(owner, name, kind, value);
        for (let k = 0; k < n; k++) out[k] = drawn[k]!;
      }
    } else {
      const arr = value as ArrayLike<number>;
      if (arr.length !== n) {
        throw new InvalidDimensionsError(
          `${owner}: parameter '${name}' was given ${arr.length} values for ${n} cells; give one value per cell or a single number`,
        );
      }
      for (let k = 0; k < n; k++) out[k] = arr[k]!;
    }
    return out;
  }
  // Sequence-valued parameters.
  if (typeof value === 'function') {
    const out: number[][] = [];
    for (let k = 0; k < n; k++) out.push(toSequenceValues(owner, name, (value as CellFunction)(k)));
    return out;
  }
  if (value instanceof ArrayParameter || isNumberArray(value)) {
    const one = toSequenceValues(owner, name, value);
    return Array.from({ length: n }, () => [...one]);
  }
  const list = value as ReadonlyArray<unknown>;
  if (list.length !== n) {
    throw new InvalidDimensionsError(
      `${owner}: parameter '${name}' was given ${list.length} Sequences for ${n} cells; give one Sequence per cell or a single Sequence`,
    );
  }
  return list.map((item) => toSequenceValues(owner, name, item));
}
