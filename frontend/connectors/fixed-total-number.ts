// FixedTotalNumberConnector: n connections in all, each from a random presynaptic to a random postsynaptic cell.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { ConnectionError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';
import type { AbstractRNG } from '../random/rng.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
import { allowedPairs } from './allowed-pairs.js';
import { checkCount } from './fixed-number.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export interface FixedTotalNumberOptions extends ConnectorOptions {
  allowSelfConnections?: AllowSelfConnections;
  /** Default true, as PyNN. */
  withReplacement?: boolean;
  rng?: AbstractRNG;
}

export class FixedTotalNumberConnector extends Connector {
  readonly connectorName = 'FixedTotalNumberConnector';
  readonly n: number;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly withReplacement: boolean;
  readonly rng: AbstractRNG;

  constructor(n: number, options: FixedTotalNumberOptions = {}) {
    super(options, ['allowSelfConnections', 'withReplacement', 'rng']);
    this.n = checkCount(this.connectorName, 'n', n);
    this.allowSelfConnections = checkAllowSelfConnections(this.connectorName, options.allowSelfConnections);
    if (options.withReplacement !== undefined && typeof options.withReplacement !== 'boolean') {
      throw new TypeError(
        `${this.connectorName}: 'withReplacement' must be true or false, got ${String(options.withReplacement)}`,
      );
    }
    this.withReplacement = options.withReplacement ?? true;
    this.rng = checkRng(this.connectorName, options.rng);
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    if (this.n > 0) {
      const total = allowedPairs(ctx.pre, ctx.post, this.allowSelfConnections).total();
      const between = `${this.connectorName} from '${ctx.pre.label}' to '${ctx.post.label}'`;
      if (total === 0) throw new ConnectionError(`${between}: n = ${this.n}, but no pair of cells may be connected`);
      if (!this.withReplacement && this.n > total) {
        throw new ConnectionError(
          `${between}: cannot draw n = ${this.n} connections without replacement from ${total} allowed pairs ` +
            `(allow_self_connections ${JSON.stringify(this.allowSelfConnections)}); use withReplacement: true or a smaller n`,
        );
      }
    }
    return {
      ...baseMessage(this),
      rule: {
        $case: 'fixedTotalNumber',
        value: {
          n: BigInt(this.n),
          selfConnections: selfConnectionsMessage(this.allowSelfConnections),
          withReplacement: this.withReplacement,
        },
      },
      rng: connectorRngSpec(this.rng, ctx),
    };
  }

  protected describeParameters(): Record<string, unknown> {
    return {
      n: this.n,
      allow_self_connections: this.allowSelfConnections,
      with_replacement: this.withReplacement,
      rng: this.rng,
    };
  }
}
