// PyNN's ArrayParameter and Sequence (pyNN.parameters): one parameter value made of several numbers, such as a
// SpikeSourceArray's spike_times. The wrapper keeps "one array for one cell" apart from "one number per cell".
import { InvalidParameterValueError } from '../errors.js';
import type { Sequence as SequenceMessage } from '../generated/tsnn/v1/model.js';

export class ArrayParameter {
  readonly value: readonly number[];

  constructor(value: ArrayLike<number> | Iterable<number> | ArrayParameter) {
    const name = new.target.name;
    const items =
      value instanceof ArrayParameter
        ? [...value.value]
        : value !== null && typeof value === 'object'
          ? Array.from(value as ArrayLike<number>)
          : undefined;
    if (items === undefined) {
      throw new InvalidParameterValueError(`${name}: expected an array of numbers, got ${String(value)}`);
    }
    items.forEach((item, i) => {
      if (typeof item !== 'number' || Number.isNaN(item)) {
        throw new InvalidParameterValueError(`${name}: item ${i} must be a number, got ${String(item)}`);
      }
    });
    this.value = Object.freeze(items);
  }

  get length(): number {
    return this.value.length;
  }

  /** The largest value (-Infinity when empty, as Math.max). */
  max(): number {
    return this.value.reduce((a, b) => Math.max(a, b), -Infinity);
  }

  /** value + x, element-wise; an array x gives one new object per element of x, as PyNN. */
  add(x: number): this;
  add(x: ArrayLike<number>): this[];
  add(x: number | ArrayLike<number>): this | this[] {
    return this.map(x, (a, b) => a + b);
  }
  sub(x: number): this;
  sub(x: ArrayLike<number>): this[];
  sub(x: number | ArrayLike<number>): this | this[] {
    return this.map(x, (a, b) => a - b);
  }
  mul(x: number): this;
  mul(x: ArrayLike<number>): this[];
  mul(x: number | ArrayLike<number>): this | this[] {
    return this.map(x, (a, b) => a * b);
  }
  div(x: number): this;
  div(x: ArrayLike<number>): this[];
  div(x: number | ArrayLike<number>): this | this[] {
    return this.map(x, (a, b) => a / b);
  }

  equals(other: unknown): boolean {
    const values = other instanceof ArrayParameter ? other.value : Array.isArray(other) ? other : undefined;
    return values !== undefined && values.length === this.value.length && values.every((v, i) => v === this.value[i]);
  }

  toArray(): number[] {
    return [...this.value];
  }

  toMessage(): SequenceMessage {
    return { values: [...this.value] };
  }

  toString(): string {
    return `${this.constructor.name}([${this.value.join(', ')}])`;
  }

  private map(x: number | ArrayLike<number>, op: (a: number, b: number) => number): this | this[] {
    const make = (b: number): this =>
      new (this.constructor as new (v: number[]) => this)(this.value.map((a) => op(a, b)));
    return typeof x === 'number' ? make(x) : Array.from(x, make);
  }
}

/** PyNN's Sequence: an ArrayParameter used for spike times and other time lists. */
export class Sequence extends ArrayParameter {}
