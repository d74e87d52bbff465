// One connection of a projection, as PyNN's Connection object: indices within pre and post and the synaptic
// values read from the engine (a snapshot). PyNN assigns `c.weight = w`; a write to the engine is asynchronous,
// so here it is `await c.set('weight', w)`.

/** Writes one attribute of the connection at position `index` of its projection. */
export type ConnectionWriter = (index: number, name: string, value: number) => Promise<void>;

export class Connection {
  constructor(
    readonly presynapticIndex: number,
    readonly postsynapticIndex: number,
    /** Attribute values by PyNN name (weight, delay, U, tau_rec, ...). */
    readonly values: Readonly<Record<string, number>>,
    /** Position in the projection's connection order. */
    readonly index = -1,
    private readonly writer?: ConnectionWriter,
  ) {
    // PyNN's c.U, c.tau_rec, ...: each attribute also a property at run time (typed code reads c.values.U);
    // writing one is refused with the call to use.
    for (const name of Object.keys(values)) {
      if (name === 'weight' || name === 'delay' || name in this) continue;
      Object.defineProperty(this, name, {
        enumerable: true,
        get: () => this.values[name],
        set: (value: number) => this.refuseWrite(name, value),
      });
    }
  }

  private refuseWrite(name: string, value: unknown): never {
    throw new TypeError(
      `Connection: '${name}' cannot be assigned (a write goes to the engine, asynchronously); use await c.set('${name}', ${String(value)})`,
    );
  }

  /** PyNN's `c.weight = w` (any synaptic parameter): changes this connection on the engine. */
  async set(name: string, value: number): Promise<void> {
    if (!this.writer || this.index < 0) throw new Error('Connection.set: this connection is not attached to a projection');
    await this.writer(this.index, name, value);
  }

  get weight(): number | undefined {
    return this.values.weight;
  }

  set weight(value: number) {
    this.refuseWrite('weight', value);
  }

  get delay(): number | undefined {
    return this.values.delay;
  }

  set delay(value: number) {
    this.refuseWrite('delay', value);
  }

  /** PyNN's as_tuple(*names): the values of the named attributes, in order. */
  asTuple(...names: string[]): number[] {
    return names.map((name) => {
      const value = this.values[name];
      if (value === undefined) {
        // PyNN's AttributeError (TypeError here, docs/porting.md).
        throw new TypeError(`Connection: no attribute '${name}' (have ${Object.keys(this.values).join(', ')})`);
      }
      return value;
    });
  }
}
