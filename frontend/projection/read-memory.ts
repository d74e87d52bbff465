// How much memory reading a projection's connections back takes, and the refusal, before anything is fetched,
// of a read whose result could not be held (Python's MemoryError rather than V8 aborting the process).
//
// A read has two stages that are not alive together: the engine's chunks, decoded into plain arrays, become a
// ConnectionTable (typed arrays, outside the JS heap); the chunks are then garbage while the result is built from
// the table. So the JS heap must hold the larger of the two, and the memory outside the heap the response bytes
// and the table. Bytes per connection, measured in Node 20 (8-byte slots, `slot` below) with
// process.memoryUsage() after gc(); Chromium's (4-byte slots) come within 10 % of the same formulas with slot 4:
//   decoded chunks   1.165 × (2 slots + 8 per name): ts-proto pushes into arrays of 65536, which end up 16.5 %
//                    larger than they are long (18.6 bytes with no name, + 9.3 per name)
//   rows             7 slots + 8 per column, [i, j, w] 80 bytes: the row (4 slots), its double store (2 + 8 each)
//                    and its place in the outer array
//   values           Array.from of a Float64Array grows by 1.5× steps: at most 8 × 2.5 while the last old store
//                    is copied into the new one
//   matrices         per pre cell one row as above, with one value per post cell
//   Connection       16 slots + 3 per name (152 bytes for one name, 200 for three): the object, its values
//                    record and a number box per value
import { MemoryError } from '../errors.js';
import { MAX_TYPED_ARRAY_LENGTH } from '../results/growable.js';
import { availableMemoryBytes } from '../core/available-memory.js';
import { heapFreeBytes, heapWithRoomFor, jsHeap, MAX_JS_ARRAY_LENGTH, type JsHeap } from '../core/js-heap.js';

/** What a read builds from the fetched connections. */
export type ReadResult =
  /** One number per connection (get(name, { withAddress: false })). */
  | { kind: 'values' }
  /** One array of `width` numbers per connection (list format). */
  | { kind: 'rows'; width: number }
  /** `count` pre × post matrices of number arrays (array format), all alive at the end. */
  | { kind: 'matrices'; count: number }
  /** One Connection object per connection, carrying `names` values. */
  | { kind: 'connections'; names: number }
  /** Nothing that grows with the projection: the connections are used a few at a time (save, iteration). */
  | { kind: 'streamed' };

export interface ConnectionRead {
  /** The call as a script writes it, for messages: "get('weight', { format: 'array' })". */
  call: string;
  /** Why to make this call instead, for messages: "one name at a time". */
  why?: string;
  /** Names fetched from the engine (each once). */
  fetchedNames: number;
  result: ReadResult;
}

export interface ProjectionExtent {
  /** Connections, where known before fetching them. */
  connections: number | undefined;
  preSize: number;
  postSize: number;
}

export interface ReadCost {
  /** Peak bytes in the garbage-collected JS heap. */
  heapBytes: number;
  /** Peak bytes outside it (typed arrays, the engine's response). */
  outsideBytes: number;
  /** The longest plain JS array the read makes. */
  longestArray: number;
}

const CHUNK_SLACK = 1.165;
const GROWTH_PEAK = 2.5;
/** Bytes per value in a double store; an engine response carries doubles too. */
const DOUBLE = 8;
/**
 * The part of the heap's old generation that can be counted on. With the estimates above, each read needed 1.5 to
 * 2 % more than estimated (the smallest --max-old-space-size each one succeeded with, 4 million connections).
 */
const USABLE_FRACTION = 0.95;

function varintBytes(largest: number): number {
  return Math.max(1, Math.ceil(Math.log2(largest + 1) / 7));
}

export function readCost(read: ConnectionRead, extent: ProjectionExtent, slot: number): ReadCost {
  const n = extent.connections ?? 0;
  const k = read.fetchedNames;
  const fetchHeap = n * CHUNK_SLACK * (2 * slot + DOUBLE * k);
  const response = n * (varintBytes(extent.preSize) + varintBytes(extent.postSize) + DOUBLE * k);
  const table = n * (2 * 4 + DOUBLE * k);
  const row = (width: number) => 7 * slot + DOUBLE * width;
  let resultHeap = 0;
  let longestArray = 0;
  const result = read.result;
  switch (result.kind) {
    case 'values':
      resultHeap = n * DOUBLE * GROWTH_PEAK;
      longestArray = n;
      break;
    case 'rows':
      resultHeap = n * row(result.width);
      longestArray = n;
      break;
    case 'matrices':
      resultHeap = result.count * extent.preSize * row(extent.postSize);
      longestArray = Math.max(extent.preSize, extent.postSize);
      break;
    case 'connections':
      resultHeap = n * (16 + 3 * result.names) * slot;
      longestArray = n;
      break;
    case 'streamed':
      break;
  }
  return { heapBytes: Math.max(fetchHeap, resultHeap), outsideBytes: response + table, longestArray };
}

/** Three digits, so that what is needed and what is free read differently when they are close. */
function bytesText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toPrecision(3)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}

function sizeText(read: ConnectionRead, extent: ProjectionExtent): string {
  const connections = `${extent.connections} connections`;
  switch (read.result.kind) {
    case 'matrices': {
      const matrices = read.result.count > 1 ? `${read.result.count} matrices of ` : '';
      return `${matrices}${extent.preSize} × ${extent.postSize} (pre × post) values from ${connections}`;
    }
    case 'rows':
      return `${connections} as rows of ${read.result.width} numbers`;
    case 'connections':
      return `${connections} as Connection objects`;
    default:
      return connections;
  }
}

interface Shortfall {
  text: string;
  /** A larger heap would let the read through. */
  heapBound: boolean;
}

/** Why the read cannot be held, or undefined when it can. */
function shortfall(
  cost: ReadCost,
  heap: JsHeap,
  outsideAvailable: number | undefined,
  extent: ProjectionExtent,
): Shortfall | undefined {
  const n = extent.connections ?? 0;
  if (n > MAX_TYPED_ARRAY_LENGTH) {
    return { text: `typed arrays of ${n} values, and one holds at most ${MAX_TYPED_ARRAY_LENGTH}`, heapBound: false };
  }
  if (cost.longestArray > MAX_JS_ARRAY_LENGTH) {
    const text = `an array of ${cost.longestArray} elements, and a JavaScript array holds at most ${MAX_JS_ARRAY_LENGTH}`;
    return { text, heapBound: false };
  }
  const free = heapFreeBytes(heap, USABLE_FRACTION);
  if (cost.heapBytes > free) {
    const text =
      `about ${bytesText(cost.heapBytes)} of JavaScript heap, and ${bytesText(Math.max(0, free))} of it can be ` +
      `used now (limit ${bytesText(heap.limitBytes)}, ${bytesText(heap.usedBytes)} in use)`;
    return { text, heapBound: true };
  }
  if (outsideAvailable !== undefined && cost.outsideBytes > outsideAvailable) {
    const text = `about ${bytesText(cost.outsideBytes)} outside the JavaScript heap, and ${bytesText(outsideAvailable)} is available`;
    return { text, heapBound: false };
  }
  return undefined;
}

/**
 * Throws MemoryError, naming the projection, the call, its size, the bytes needed and the limit, when `read`
 * could not be held; the message suggests those `alternatives` that could. A read of unknown size passes.
 */
export function checkConnectionRead(
  owner: string,
  read: ConnectionRead,
  extent: ProjectionExtent,
  alternatives: readonly ConnectionRead[] = [],
): void {
  if (extent.connections === undefined && read.result.kind !== 'matrices') return;
  const measured = jsHeap();
  const cost = readCost(read, extent, measured.slotBytes);
  const heap = heapWithRoomFor(measured, cost.heapBytes, USABLE_FRACTION);
  // Asking the system costs 40 µs, a tenth of a small get(); below 256 MiB the answer never matters.
  const outsideAvailable = cost.outsideBytes >= 2 ** 28 ? availableMemoryBytes() : undefined;
  const problem = shortfall(cost, heap, outsideAvailable, extent);
  if (problem === undefined) return;
  const instead = alternatives
    .filter((alternative) => alternative.call !== read.call)
    .map((alternative) => ({ alternative, cost: readCost(alternative, extent, heap.slotBytes) }))
    .filter(({ cost }) => shortfall(cost, heap, outsideAvailable, extent) === undefined)
    .map(({ alternative, cost }) => {
      const why = alternative.why ? `${alternative.why}; ` : '';
      return `${alternative.call} (${why}about ${bytesText(cost.heapBytes)})`;
    });
  if (problem.heapBound && heap.raiseLimit) instead.push(heap.raiseLimit);
  const remedy = instead.length > 0 ? ` Instead: ${instead.join('; or ')}.` : '';
  throw new MemoryError(
    `${owner}.${read.call}: ${sizeText(read, extent)} would need ${problem.text}. Nothing was fetched; the simulation ` +
      `is unchanged.${remedy}`,
  );
}
