// Typed arrays that grow geometrically (×2), so appending recorded chunks costs amortised O(1) per value.

type TypedArray = Float64Array | Float32Array | Uint32Array;
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

  private reserve(capacity: number): void {
    if (capacity <= this.buffer.length) return;
    let size = this.buffer.length;
    while (size < capacity) size *= 2;
    const grown = new this.make(size);
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }
}
