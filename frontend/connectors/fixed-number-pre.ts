// FixedNumberPreConnector: every postsynaptic cell receives exactly n connections from random presynaptic cells.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import type { RandomDistribution } from '../random/random-distribution.js';
import { baseMessage } from './connector.js';
import { connectorRngSpec } from './connector-rng.js';
import { FixedNumberConnector, type FixedNumberOptions } from './fixed-number.js';
import { selfConnectionsMessage } from './self-connections.js';

export class FixedNumberPreConnector extends FixedNumberConnector {
  readonly connectorName = 'FixedNumberPreConnector';

  constructor(n: number | RandomDistribution, options: FixedNumberOptions = {}) {
    super('FixedNumberPreConnector', n, options);
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    this.checkPartners(ctx, false);
    const rng = connectorRngSpec(this.rng, ctx);
    return {
      ...baseMessage(this),
      rule: {
        $case: 'fixedNumberPre',
        value: {
          n: this.countValue(ctx),
          selfConnections: selfConnectionsMessage(this.allowSelfConnections),
          withReplacement: this.withReplacement,
        },
      },
      rng,
    };
  }
}
