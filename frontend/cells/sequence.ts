// PyNN's Sequence: an array-valued parameter value (SpikeSourceArray.spike_times, StepCurrentSource.times,
// GIF_cond_exp.tau_eta, ...). Wrapping the numbers says "one value that happens to be a list", as opposed to a
// plain array, which means "one number per cell".
export class Sequence {
  readonly value: readonly number[];

  constructor(values: Iterable<number> | ArrayLike<number> = []) {
    const list = Array.from(values as ArrayLike<number>);
    for (const v of list) {
      if (typeof v !== 'number' || Number.isNaN(v)) {
        throw new TypeError(`Sequence: every item must be a number, got ${String(v)}`);
      }
    }
    this.value = Object.freeze(list);
  }

  get length(): number {
    return this.value.length;
  }

  toArray(): number[] {
    return [...this.value];
  }

  equals(other: unknown): boolean {
    return (
      other instanceof Sequence &&
      other.value.length === this.value.length &&
      other.value.every((v, i) => v === this.value[i])
    );
  }

  /** A new Sequence with every item mapped (PyNN supports arithmetic on Sequences). */
  map(f: (v: number) => number): Sequence {
    return new Sequence(this.value.map(f));
  }

  toString(): string {
    return `Sequence([${this.value.join(', ')}])`;
  }
}

/** PyNN's ArrayParameter (GIF_cond_exp's tau_eta, ...) behaves as a Sequence here. */
export const ArrayParameter = Sequence;
