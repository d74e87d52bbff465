// One connection of a projection, as PyNN's Connection object: indices within pre and post and the synaptic
// values read from the engine. A snapshot: change values with Projection.set.
export class Connection {
  constructor(
    readonly presynapticIndex: number,
    readonly postsynapticIndex: number,
    /** Attribute values by PyNN name (weight, delay, U, tau_rec, ...). */
    readonly values: Readonly<Record<string, number>>,
  ) {}

  get weight(): number | undefined {
    return this.values.weight;
  }

  get delay(): number | undefined {
    return this.values.delay;
  }

  /** PyNN's as_tuple(*names): the values of the named attributes, in order. */
  asTuple(...names: string[]): number[] {
    return names.map((name) => {
      const value = this.values[name];
      if (value === undefined) {
        throw new RangeError(`Connection: no attribute '${name}' (have ${Object.keys(this.values).join(', ')})`);
      }
      return value;
    });
  }
}
