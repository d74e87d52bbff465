// CloneConnector: the same connections as an earlier projection between the same pre and post cells.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import type { CellCollection } from '../core/interfaces.js';
import { ConnectionError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';

/** What CloneConnector needs of the reference: a registered Projection. */
export interface CloneableProjection {
  readonly label: string;
  readonly pre: CellCollection;
  readonly post: CellCollection;
  /** Position in Network.projections. */
  readonly index: number;
}

function isCloneable(value: unknown): value is CloneableProjection {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<CloneableProjection>;
  return typeof p.index === 'number' && typeof p.pre === 'object' && typeof p.post === 'object';
}

/** Same cells in the same order: the same object, or the same (population, index) addresses. */
function sameCells(a: CellCollection, b: CellCollection): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const x = a.cellAddresses();
  const y = b.cellAddresses();
  return x.every((addr, k) => addr[0] === y[k]![0] && addr[1] === y[k]![1]);
}

export class CloneConnector extends Connector {
  readonly connectorName = 'CloneConnector';
  readonly referenceProjection: CloneableProjection;

  constructor(referenceProjection: CloneableProjection, options: ConnectorOptions = {}) {
    super(options, []);
    if (!isCloneable(referenceProjection)) {
      throw new TypeError(`CloneConnector: the reference must be a Projection, got ${String(referenceProjection)}`);
    }
    this.referenceProjection = referenceProjection;
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    const ref = this.referenceProjection;
    if (!sameCells(ctx.pre, ref.pre) || !sameCells(ctx.post, ref.post)) {
      throw new ConnectionError(
        `CloneConnector: pre and post must match between the reference projection '${ref.label}' ` +
          `('${ref.pre.label}' → '${ref.post.label}') and the clone ('${ctx.pre.label}' → '${ctx.post.label}')`,
      );
    }
    return { ...baseMessage(this), rule: { $case: 'clone', value: { referenceProjection: ref.index } } };
  }

  protected describeParameters(): Record<string, unknown> {
    return { reference_projection: this.referenceProjection.label };
  }
}
