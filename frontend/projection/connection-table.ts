// The connections of a projection as read back from an engine (ConnectionsChunks, in the engine's canonical
// order: sorted by (pre, post), multapses in creation order), and PyNN's two output formats of Projection.get:
//   'list'   rows (i, j, v1, ...), or values only without the address (a flat list for a single name);
//   'array'  one pre × post matrix per name, NaN where there is no connection, multapses combined by
//            'sum' (default), 'first', 'last', 'min' or 'max'.
import type { ConnectionsChunk } from '../generated/tsnn/v1/simulator.js';
import { ValueError } from '../errors.js';

export type MultipleSynapses = 'sum' | 'first' | 'last' | 'min' | 'max';

const MULTIPLE_SYNAPSES: readonly MultipleSynapses[] = ['sum', 'first', 'last', 'min', 'max'];

export function checkMultipleSynapses(value: unknown): MultipleSynapses {
  if (MULTIPLE_SYNAPSES.includes(value as MultipleSynapses)) return value as MultipleSynapses;
  throw new ValueError(
    `Projection.get: multipleSynapses must be one of ${MULTIPLE_SYNAPSES.map((m) => `'${m}'`).join(', ')}, got ${String(value)}`,
  );
}

export class ConnectionTable {
  readonly pre: Uint32Array;
  readonly post: Uint32Array;
  /** One column per name, each as long as the table. */
  readonly columns: ReadonlyMap<string, Float64Array>;

  constructor(
    readonly names: readonly string[],
    chunks: readonly ConnectionsChunk[],
  ) {
    const n = chunks.reduce((sum, c) => sum + c.pre.length, 0);
    this.pre = new Uint32Array(n);
    this.post = new Uint32Array(n);
    const columns = names.map(() => new Float64Array(n));
    let offset = 0;
    for (const chunk of chunks) {
      if (chunk.post.length !== chunk.pre.length || chunk.values.length !== names.length) {
        throw new ValueError(
          `ConnectionsChunk: expected ${chunk.pre.length} post indices and ${names.length} value columns, ` +
            `got ${chunk.post.length} and ${chunk.values.length}`,
        );
      }
      this.pre.set(chunk.pre, offset);
      this.post.set(chunk.post, offset);
      chunk.values.forEach((column, k) => {
        if (column.values.length !== chunk.pre.length) {
          throw new ValueError(`ConnectionsChunk: column '${names[k]}' has ${column.values.length} values, expected ${chunk.pre.length}`);
        }
        columns[k]!.set(column.values, offset);
      });
      offset += chunk.pre.length;
    }
    this.columns = new Map(names.map((name, k) => [name, columns[k]!]));
  }

  get length(): number {
    return this.pre.length;
  }

  column(name: string): Float64Array {
    const c = this.columns.get(name);
    if (!c) throw new ValueError(`ConnectionTable: no column '${name}' (have ${this.names.join(', ')})`);
    return c;
  }

  /** PyNN's format='list': [i, j, v...] rows, or values only; a single name without address gives a flat list. */
  toList(names: readonly string[], withAddress: boolean, flatSingle = true): number[][] | number[] {
    const cols = names.map((name) => this.column(name));
    if (!withAddress && cols.length === 1 && flatSingle) return Array.from(cols[0]!);
    // Each row is allocated at its final width: a spread or push leaves room for 17 values (216 bytes for
    // [i, j, w] instead of 80 in Node) and is several times slower.
    const first = withAddress ? 2 : 0;
    const width = first + cols.length;
    const rows: number[][] = new Array(this.length);
    for (let k = 0; k < this.length; k++) {
      const row = new Array<number>(width);
      if (withAddress) {
        row[0] = this.pre[k]!;
        row[1] = this.post[k]!;
      }
      for (let c = 0; c < cols.length; c++) row[first + c] = cols[c]![k]!;
      rows[k] = row;
    }
    return rows;
  }

  /** PyNN's format='array' for one name: rows × cols, NaN where unconnected, multapses combined. */
  toArray(name: string, rows: number, cols: number, multipleSynapses: MultipleSynapses): number[][] {
    const values = this.column(name);
    const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(Number.NaN));
    for (let k = 0; k < this.length; k++) {
      const i = this.pre[k]!;
      const j = this.post[k]!;
      if (i >= rows || j >= cols) {
        throw new ValueError(`ConnectionTable: connection (${i}, ${j}) lies outside the ${rows} × ${cols} projection`);
      }
      const row = out[i]!;
      const held = row[j]!;
      const v = values[k]!;
      if (Number.isNaN(held)) {
        row[j] = v;
        continue;
      }
      switch (multipleSynapses) {
        case 'sum':
          row[j] = held + v;
          break;
        case 'first':
          break;
        case 'last':
          row[j] = v;
          break;
        case 'min':
          row[j] = Math.min(held, v);
          break;
        case 'max':
          row[j] = Math.max(held, v);
          break;
      }
    }
    return out;
  }
}
