// FixedProbabilityConnector: each pair is connected independently with probability p_connect.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';
import type { AbstractRNG } from '../random/rng.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export interface RandomConnectorOptions extends ConnectorOptions {
  allowSelfConnections?: AllowSelfConnections;
  /** Default: NumpyRNG(seed=151985012), as PyNN. */
  rng?: AbstractRNG;
}

export class FixedProbabilityConnector extends Connector {
  readonly connectorName = 'FixedProbabilityConnector';
  readonly pConnect: number;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly rng: AbstractRNG;

  constructor(pConnect: number, options: RandomConnectorOptions = {}) {
    super(options, ['allowSelfConnections', 'rng']);
    if (typeof pConnect !== 'number' || !(pConnect >= 0 && pConnect <= 1)) {
      throw new ValueError(
        `FixedProbabilityConnector: p_connect must be a number in [0, 1], got ${String(pConnect)}`,
      );
    }
    this.pConnect = pConnect;
    this.allowSelfConnections = checkAllowSelfConnections(this.connectorName, options.allowSelfConnections);
    this.rng = checkRng(this.connectorName, options.rng);
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    return {
      ...baseMessage(this),
      rule: {
        $case: 'fixedProbability',
        value: { pConnect: this.pConnect, selfConnections: selfConnectionsMessage(this.allowSelfConnections) },
      },
      rng: connectorRngSpec(this.rng, ctx),
    };
  }

  protected describeParameters(): Record<string, unknown> {
    return { p_connect: this.pConnect, allow_self_connections: this.allowSelfConnections, rng: this.rng };
  }
}
