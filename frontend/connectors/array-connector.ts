// ArrayConnector: a boolean pre × post array; pair (i, j) is connected where the entry is true (or non-zero).
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { InvalidDimensionsError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions, type PairFilter } from './connector.js';

export type ConnectionMask = ReadonlyArray<ArrayLike<boolean | number>>;

export class ArrayConnector extends Connector {
  readonly connectorName = 'ArrayConnector';
  readonly rows: number;
  readonly cols: number;
  /** Row-major, one byte per pair, 1 = connect. */
  readonly mask: Uint8Array;

  constructor(array: ConnectionMask, options: ConnectorOptions = {}) {
    super(options, []);
    if (!Array.isArray(array) || !array.every((row) => row !== null && typeof row === 'object' && 'length' in row)) {
      throw new TypeError('ArrayConnector: the array must be a 2-D array (pre × post) of booleans');
    }
    this.rows = array.length;
    this.cols = this.rows > 0 ? array[0]!.length : 0;
    this.mask = new Uint8Array(this.rows * this.cols);
    array.forEach((row, i) => {
      if (row.length !== this.cols) {
        throw new InvalidDimensionsError(`ArrayConnector: row ${i} has ${row.length} entries, but row 0 has ${this.cols}`);
      }
      for (let j = 0; j < this.cols; j++) this.mask[i * this.cols + j] = row[j] ? 1 : 0;
    });
  }

  override possiblePairs(): PairFilter {
    return (i, j) => this.mask[i * this.cols + j] === 1;
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    if (this.rows !== ctx.pre.size || this.cols !== ctx.post.size) {
      throw new InvalidDimensionsError(
        `ArrayConnector: the array is ${this.rows} × ${this.cols}, but the projection '${ctx.pre.label}' → ` +
          `'${ctx.post.label}' needs ${ctx.pre.size} × ${ctx.post.size} (pre × post)`,
      );
    }
    // The generated type says Buffer (ts-proto env=node); the encoder only needs a Uint8Array, which browsers have.
    const mask = this.mask.slice() as unknown as Buffer;
    return { ...baseMessage(this), rule: { $case: 'array', value: { rows: this.rows, cols: this.cols, mask } } };
  }

  protected describeParameters(): Record<string, unknown> {
    return { shape: `${this.rows} × ${this.cols}` };
  }
}
