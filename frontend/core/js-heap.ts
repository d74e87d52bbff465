// What the JavaScript engine running a script can still hold in its garbage-collected heap. Running out of that
// heap is not an exception a script can catch: V8 aborts the whole process ("JavaScript heap out of memory"), so
// large results must be refused before they are built. Node.js reports its heap (node:v8, reached through
// process.getBuiltinModule so that bundles for the browser carry no Node import); Chromium reports it through
// performance.memory; elsewhere V8's usual 4 GiB ceiling is assumed.

export interface JsHeap {
  /** The most the heap may grow to. */
  limitBytes: number;
  /** The part of the limit kept for new objects (V8's young generation), where large arrays never go. */
  reservedBytes: number;
  /** What live and not yet collected objects take now. */
  usedBytes: number;
  /** Bytes per pointer-sized slot: 8, or 4 where the engine compresses pointers (Chromium). */
  slotBytes: 4 | 8;
  /** How the platform lets a user raise the limit, for error messages; undefined where it cannot. */
  raiseLimit?: string;
}

/**
 * The longest array V8 keeps in one contiguous store: 2^27 − 3 elements (measured in Node 20 and in Chromium: one
 * more throws "Invalid array length", and growing an array past it by push aborts the process).
 */
export const MAX_JS_ARRAY_LENGTH = 2 ** 27 - 3;

const ASSUMED_LIMIT_BYTES = 4 * 2 ** 30;
const MiB = 2 ** 20;
/** Node's heap_size_limit is --max-old-space-size plus 3 × 16 MiB semi-spaces (4144 MiB by default). */
const NODE_YOUNG_GENERATION = 48 * MiB;
/** Chromium reports a 4192 MiB limit for its 4 GiB old generation. */
const CHROMIUM_YOUNG_GENERATION = 96 * MiB;

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
  config?: { variables?: { v8_enable_pointer_compression?: unknown } };
}

interface ChromiumMemory {
  jsHeapSizeLimit: number;
  usedJSHeapSize: number;
}

function measureHeap(): JsHeap {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const v8 = proc?.getBuiltinModule?.('node:v8') as
    | { getHeapStatistics(): { heap_size_limit: number; used_heap_size: number } }
    | undefined;
  if (v8) {
    const stats = v8.getHeapStatistics();
    const compressed = Boolean(Number(proc?.config?.variables?.v8_enable_pointer_compression ?? 0));
    return {
      limitBytes: stats.heap_size_limit,
      reservedBytes: NODE_YOUNG_GENERATION,
      usedBytes: stats.used_heap_size,
      slotBytes: compressed ? 4 : 8,
      raiseLimit: 'start node with a larger --max-old-space-size (in MB)',
    };
  }
  const memory = (globalThis as { performance?: { memory?: ChromiumMemory } }).performance?.memory;
  if (memory && memory.jsHeapSizeLimit > 0) {
    return {
      limitBytes: memory.jsHeapSizeLimit,
      reservedBytes: CHROMIUM_YOUNG_GENERATION,
      usedBytes: memory.usedJSHeapSize,
      slotBytes: 4,
    };
  }
  return { limitBytes: ASSUMED_LIMIT_BYTES, reservedBytes: 0, usedBytes: 0, slotBytes: 8 };
}

let fullCollection: (() => void) | undefined;

/**
 * Node only: a full garbage collection, so that the next jsHeap() counts live objects alone. used_heap_size also
 * counts garbage not yet collected (a dropped result of an earlier read, say), which would make a read that fits
 * look too large. Returns false where it cannot be done.
 */
export function collectGarbage(): boolean {
  if (!fullCollection) {
    const exposed = (globalThis as { gc?: unknown }).gc;
    const proc = (globalThis as { process?: NodeProcess }).process;
    const v8 = proc?.getBuiltinModule?.('node:v8') as { setFlagsFromString(flags: string): void } | undefined;
    const vm = proc?.getBuiltinModule?.('node:vm') as { runInNewContext(code: string): unknown } | undefined;
    if (typeof exposed === 'function') {
      fullCollection = exposed as () => void;
    } else if (v8 && vm) {
      // The flag exposes gc() to contexts made while it is set: one, made here, and the flag is cleared again.
      v8.setFlagsFromString('--expose-gc');
      fullCollection = vm.runInNewContext('gc') as () => void;
      v8.setFlagsFromString('--no-expose-gc');
    } else {
      return false;
    }
  }
  fullCollection();
  return true;
}

let measure: () => JsHeap = measureHeap;

export function jsHeap(): JsHeap {
  return measure();
}

/** Bytes the heap can still take: `usableFraction` of what is not kept for new objects, less what is in use. */
export function heapFreeBytes(heap: JsHeap, usableFraction = 1): number {
  return (heap.limitBytes - heap.reservedBytes) * usableFraction - heap.usedBytes;
}

/**
 * The heap measured again after a full collection, when `neededBytes` does not fit now and collecting can change
 * that (garbage counts as used until collected; a full collection of a large heap takes a second, so only then).
 */
export function heapWithRoomFor(heap: JsHeap, neededBytes: number, usableFraction = 1): JsHeap {
  return neededBytes > heapFreeBytes(heap, usableFraction) && collectGarbage() ? jsHeap() : heap;
}

/** Tests only: measure the heap with `replacement` until the returned function is called. */
export function replaceJsHeapForTesting(replacement: () => JsHeap): () => void {
  const previous = measure;
  measure = replacement;
  return () => {
    measure = previous;
  };
}
