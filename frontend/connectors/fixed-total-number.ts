// FixedTotalNumberConnector: n connections in all, each from a random presynaptic to a random postsynaptic cell.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';
import type { AbstractRNG } from '../random/rng.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
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
    super(options);
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
