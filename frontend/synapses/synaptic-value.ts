// The forms a synaptic value (weight, delay, U, tau_plus, w_max, ...) may take in a script, how each is checked
// when the synapse type is made, and how it becomes a contract Value for one projection (pynn-api.md §4, last
// paragraph):
//   number                      the same value for every connection
//   1-D array of numbers        one value per connection, in connection order
//   2-D array (pre × post)      a value per pair; NaN where no connection is expected
//   RandomDistribution          drawn by the engine, one value per connection, from its own RNG stream
//   string in d                 a distance expression, e.g. "0.2 + 0.3*d", evaluated by the engine
//   function of d               evaluated here, into a pre × post matrix, with the projection's Space
//   function of (i, j)          the same, by index (PyNN's IndexBasedExpression)
import type { Value } from '../generated/tsnn/v1/model.js';
import { InvalidDimensionsError, InvalidParameterValueError, MemoryError } from '../errors.js';
import { gigabytesText } from '../core/byte-text.js';
import { heapFreeBytes, heapWithRoomFor, jsHeap, MAX_JS_ARRAY_LENGTH } from '../core/js-heap.js';
import { RandomDistribution } from '../random/random-distribution.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { parseDistanceExpression } from './distance-expression.js';

export type DistanceFunction = (d: number) => number | boolean;

/** PyNN's IndexBasedExpression: a function of the pre and post indices within the projection. */
export type IndexFunction = (i: number, j: number) => number | boolean;

/** The value of a JS function for the pair (i, j): by index when it takes two arguments, else by distance. */
export function evaluatePairFunction(
  f: DistanceFunction | IndexFunction,
  i: number,
  j: number,
  distance: (i: number, j: number) => number,
): number {
  return Number(f.length >= 2 ? (f as IndexFunction)(i, j) : (f as DistanceFunction)(distance(i, j)));
}

export type SynapticValue =
  | number
  | ArrayLike<number>
  | ReadonlyArray<ArrayLike<number>>
  | RandomDistribution
  | string
  | DistanceFunction
  | IndexFunction;

function isNumberArray(value: unknown): value is ArrayLike<number> {
  if (ArrayBuffer.isView(value)) return !(value instanceof DataView);
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function isMatrix(value: unknown): value is ReadonlyArray<ArrayLike<number>> {
  return Array.isArray(value) && value.length > 0 && value.every((row) => isNumberArray(row));
}

const ALLOWED =
  'a number, an array with one number per connection, a pre × post array, a RandomDistribution, ' +
  'a distance expression string in d, a function of distance or a function (i, j)';

function invalid(owner: string, name: string, value: unknown, why = ''): InvalidParameterValueError {
  let shown: string;
  try {
    shown = typeof value === 'function' ? 'a function' : typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  return new InvalidParameterValueError(
    `${owner}: invalid value for parameter '${name}': ${shown}${why ? ` (${why})` : ''}. Allowed: ${ALLOWED}`,
  );
}

/** Checks the form of a value when the synapse type is made (sizes are checked later, per projection). */
export function checkSynapticValue(owner: string, name: string, value: unknown): SynapticValue {
  // Infinity is no synaptic value an engine accepts: refused here, where the script gives it, not at the build,
  // where it would stop every run of the network. NaN in an array or matrix means "no connection" (PyNN).
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(owner, name, value, Number.isNaN(value) ? 'NaN' : 'not finite');
    return value;
  }
  if (value instanceof RandomDistribution || typeof value === 'function') return value as SynapticValue;
  if (typeof value === 'string') {
    parseDistanceExpression(owner, name, value);
    return value;
  }
  if (isNumberArray(value) || isMatrix(value)) {
    const rows: ArrayLike<number>[] = isMatrix(value) ? [...value] : [value];
    for (const row of rows) {
      for (let k = 0; k < row.length; k++) {
        if (row[k] === Infinity || row[k] === -Infinity) throw invalid(owner, name, row[k], 'not finite');
      }
    }
    return value;
  }
  throw invalid(owner, name, value);
}

// A function of distance is evaluated here for every pre × post pair, into one plain array: past V8's longest array
// or the heap's free room that would end the process (not an exception), so it is refused first.
const PAIR_FUNCTION_BYTES_PER_VALUE = 8 * 2.5; // a double store, grown by 1.5× steps while it is filled

function checkPairFunctionFits(owner: string, name: string, preSize: number, postSize: number): void {
  const values = preSize * postSize;
  const needed = values * PAIR_FUNCTION_BYTES_PER_VALUE;
  const heap = heapWithRoomFor(jsHeap(), needed);
  const free = Math.max(0, heapFreeBytes(heap));
  if (values <= MAX_JS_ARRAY_LENGTH && needed <= free) return;
  const why = values > MAX_JS_ARRAY_LENGTH
    ? `more than a JavaScript array holds (${MAX_JS_ARRAY_LENGTH})`
    : `about ${gigabytesText(needed)} of JavaScript heap, and ${gigabytesText(free)} is free`;
  throw new MemoryError(
    `${owner}: parameter '${name}' is a function, evaluated in this process for every pre × post pair: ` +
      `${preSize} × ${postSize} = ${values} values would need ${why}. Nothing was changed; give it as a distance ` +
      `expression string (e.g. '0.1 * exp(-d / 50)'), which the engine evaluates for the connections it makes.`,
  );
}

/** The value as a contract Value for one projection. */
export function synapticValueMessage(owner: string, name: string, value: SynapticValue, ctx: ProjectionBuildContext): Value {
  if (typeof value === 'number') return { kind: { $case: 'scalar', value } };
  if (value instanceof RandomDistribution) {
    return { kind: { $case: 'distribution', value: value.engineMessage(() => ctx.allocateStream()) } };
  }
  if (typeof value === 'string') {
    return { kind: { $case: 'expression', value: parseDistanceExpression(owner, name, value) } };
  }
  if (typeof value === 'function') {
    const { preSize, postSize } = ctx.geometry;
    checkPairFunctionFits(owner, name, preSize, postSize);
    const values = new Array<number>(preSize * postSize);
    for (let i = 0; i < preSize; i++) {
      for (let j = 0; j < postSize; j++) {
        const v = evaluatePairFunction(value, i, j, (a, b) => ctx.geometry.distance(a, b));
        if (Number.isNaN(v)) throw invalid(owner, name, value, `it gives NaN at pre ${i}, post ${j}`);
        values[i * postSize + j] = v;
      }
    }
    return { kind: { $case: 'matrix', value: { rows: preSize, cols: postSize, values } } };
  }
  if (isMatrix(value)) {
    const rows = value.length;
    const cols = value[0]!.length;
    if (rows !== ctx.pre.size || value.some((row) => row.length !== ctx.post.size)) {
      throw new InvalidDimensionsError(
        `${owner}: parameter '${name}' is a ${rows} × ${cols} array, but the projection ` +
          `'${ctx.pre.label}' → '${ctx.post.label}' needs ${ctx.pre.size} × ${ctx.post.size} (pre × post)`,
      );
    }
    const values: number[] = [];
    for (const row of value) for (let j = 0; j < row.length; j++) values.push(row[j]!);
    return { kind: { $case: 'matrix', value: { rows, cols, values } } };
  }
  return { kind: { $case: 'array', value: { values: Array.from(value as ArrayLike<number>) } } };
}

/** A short text of a value for describe(). */
export function formatSynapticValue(value: SynapticValue | undefined): string {
  if (value === undefined) return 'None';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return value.length >= 2 ? 'function of (i, j)' : 'function of distance';
  if (value instanceof RandomDistribution) return value.toString();
  if (isMatrix(value)) return `${value.length} × ${value[0]!.length} array`;
  return `array of ${(value as ArrayLike<number>).length} values`;
}
