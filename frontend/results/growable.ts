// Typed arrays that grow geometrically (×2), so appending recorded chunks costs amortised O(1) per value.

type TypedArray = Float64Array | Float32Array | Uint32Array;

/** The longest typed array Node 20's V8 makes (2^32 elements); a longer one is a RangeError. */
export const MAX_TYPED_ARRAY_LENGTH = 2 ** 32;

/**
 * The capacity a buffer of `capacity` values grows to when it must hold `needed`: twice as many, or `needed` when
 * that is more (a run reserves its whole recording at once), and never past what a typed array can hold.
 */
export function grownCapacity(capacity: number, needed: number): number {
  if (needed <= capacity) return capacity;
  return Math.max(needed, Math.min(2 * capacity, MAX_TYPED_ARRAY_LENGTH));
}

type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

export class GrowableArray<T extends TypedArray> {
  private buffer: T;
  private used = 0;

  constructor(
    private readonly make: TypedArrayConstructor<T>,
    initialCapacity = 64,
  ) {
    this.buffer = new make(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.used;
  }

  get capacity(): number {
    return this.buffer.length;
  }

  /** Appends values (any array-like of numbers). */
  append(values: ArrayLike<number>): void {
    this.reserve(this.used + values.length);
    if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Uint32Array) {
      this.buffer.set(values, this.used);
    } else {
      for (let i = 0; i < values.length; ++i) this.buffer[this.used + i] = values[i];
    }
    this.used += values.length;
  }

  /** The values so far (a view: valid until the next append). */
  view(): T {
    return this.buffer.subarray(0, this.used) as T;
  }

  /** Room for `capacity` values in all, allocated now: at least twice the room it had, unless `exact`. */
  reserve(capacity: number, options: { exact?: boolean } = {}): void {
    if (capacity <= this.buffer.length) return;
    const grown = new this.make(options.exact ? capacity : grownCapacity(this.buffer.length, capacity));
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }
}
