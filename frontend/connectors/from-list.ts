// FromListConnector: explicit connections, rows (pre index, post index, value1, ..., valuek). The only connector
// that carries data rather than a rule: the list travels as columns in the contract.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { ConnectionError, ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';

export type ConnectionRow = ArrayLike<number>;

export interface FromListOptions extends ConnectorOptions {
  /** Names of the value columns after (pre, post); required unless rows have 2 columns (none) or 4 (weight, delay). */
  columnNames?: readonly string[];
}

/** PyNN's rule for the value columns' names (FromListConnector.__init__). */
export function resolveColumnNames(owner: string, nColumns: number, columnNames: readonly string[] | undefined): string[] {
  if (columnNames === undefined) {
    if (nColumns === 2) return [];
    if (nColumns === 4) return ['weight', 'delay'];
    throw new TypeError(
      `${owner}: argument 'columnNames' is required for rows of ${nColumns} columns ` +
        `(only rows of 2 columns (pre, post) or 4 columns (pre, post, weight, delay) may omit it)`,
    );
  }
  if (!Array.isArray(columnNames) || !columnNames.every((n) => typeof n === 'string')) {
    throw new TypeError(`${owner}: 'columnNames' must be an array of parameter names`);
  }
  if (nColumns !== columnNames.length + 2) {
    throw new ValueError(
      `${owner}: connection list has ${nColumns - 2} parameter columns, but ${columnNames.length} column names were specified`,
    );
  }
  if (new Set(columnNames).size !== columnNames.length) {
    throw new ValueError(`${owner}: column names must be unique, got [${columnNames.join(', ')}]`);
  }
  return [...columnNames];
}

export class FromListConnector extends Connector {
  readonly connectorName: string = 'FromListConnector';
  readonly pre: Uint32Array;
  readonly post: Uint32Array;
  readonly columnNames: readonly string[];
  /** One array per column name, as long as the list. */
  readonly columns: readonly Float64Array[];

  constructor(connList: ArrayLike<ConnectionRow>, options: FromListOptions = {}) {
    super(options, ['columnNames']);
    const owner = new.target === FromListConnector ? 'FromListConnector' : new.target.name;
    if (connList === null || typeof connList !== 'object' || typeof connList.length !== 'number') {
      throw new TypeError(`${owner}: the connection list must be an array of rows [pre, post, ...values]`);
    }
    const n = connList.length;
    const nColumns = n > 0 ? rowLength(owner, connList[0], 0) : options.columnNames ? options.columnNames.length + 2 : 2;
    this.columnNames = n > 0 || options.columnNames ? resolveColumnNames(owner, nColumns, options.columnNames) : [];
    this.pre = new Uint32Array(n);
    this.post = new Uint32Array(n);
    const columns = this.columnNames.map(() => new Float64Array(n));
    for (let r = 0; r < n; r++) {
      const row = connList[r]!;
      if (rowLength(owner, row, r) !== nColumns) {
        throw new ValueError(`${owner}: row ${r} has ${row.length} columns, but row 0 has ${nColumns}`);
      }
      this.pre[r] = checkIndex(owner, 'presynaptic', row[0]!, r);
      this.post[r] = checkIndex(owner, 'postsynaptic', row[1]!, r);
      for (let c = 0; c < columns.length; c++) {
        const v = row[c + 2]!;
        if (typeof v !== 'number') {
          throw new ValueError(`${owner}: row ${r}, column '${this.columnNames[c]}' is not a number: ${String(v)}`);
        }
        // The engines refuse these at the build, where the error would stop every run of the network.
        if (!Number.isFinite(v)) {
          throw new ValueError(`${owner}: row ${r}, column '${this.columnNames[c]}' must be a finite number, got ${v}`);
        }
        columns[c]![r] = v;
      }
    }
    this.columns = columns;
  }

  get length(): number {
    return this.pre.length;
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    for (const name of this.columnNames) {
      if (!ctx.synapseParameterNames.includes(name)) {
        throw new ValueError(
          `${this.connectorName}: column '${name}' is not a parameter of the synapse type ` +
            `(allowed: ${ctx.synapseParameterNames.join(', ')})`,
        );
      }
    }
    checkRange(this.connectorName, 'presynaptic', this.pre, ctx.pre.size, ctx.pre.label);
    checkRange(this.connectorName, 'postsynaptic', this.post, ctx.post.size, ctx.post.label);
    return {
      ...baseMessage(this),
      rule: {
        $case: 'fromList',
        value: {
          pre: Array.from(this.pre),
          post: Array.from(this.post),
          columnNames: [...this.columnNames],
          columns: this.columns.map((c) => ({ values: Array.from(c) })),
        },
      },
    };
  }

  /** The values of one column, or undefined when the list does not carry it. */
  column(name: string): Float64Array | undefined {
    const k = this.columnNames.indexOf(name);
    return k < 0 ? undefined : this.columns[k];
  }

  protected describeParameters(): Record<string, unknown> {
    return { n_connections: this.length, column_names: this.columnNames };
  }
}

function rowLength(owner: string, row: unknown, r: number): number {
  if (row === null || typeof row !== 'object' || typeof (row as ArrayLike<number>).length !== 'number') {
    throw new ValueError(`${owner}: row ${r} is not an array [pre, post, ...values]: ${String(row)}`);
  }
  const length = (row as ArrayLike<number>).length;
  if (length < 2) throw new ValueError(`${owner}: row ${r} has ${length} columns; at least (pre, post) are needed`);
  return length;
}

function checkIndex(owner: string, side: string, value: number, r: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ValueError(`${owner}: row ${r}: the ${side} index must be an integer, got ${String(value)}`);
  }
  if (value < 0 || value > 0xffffffff) {
    throw new ConnectionError(`${owner}: row ${r}: ${side} index ${value} is out of range`);
  }
  return value;
}

function checkRange(owner: string, side: string, indices: Uint32Array, size: number, label: string): void {
  for (let r = 0; r < indices.length; r++) {
    if (indices[r]! >= size) {
      throw new ConnectionError(
        `${owner}: row ${r}: ${side} index ${indices[r]} is too large for '${label}' (size ${size}; allowed 0..${size - 1})`,
      );
    }
  }
}
