// SmallWorldConnector (Watts–Strogatz style): connect cells within `degree` distance, then rewire each connection
// to a random target with probability `rewiring`. PyNN's core raises NotImplementedError here; our engines
// expand the rule themselves.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';
import type { AbstractRNG } from '../random/rng.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
import { checkCount } from './fixed-number.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export interface SmallWorldOptions extends ConnectorOptions {
  allowSelfConnections?: AllowSelfConnections;
  nConnections?: number;
  rng?: AbstractRNG;
}

export class SmallWorldConnector extends Connector {
  readonly connectorName = 'SmallWorldConnector';
  readonly degree: number;
  readonly rewiring: number;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly nConnections: number | undefined;
  readonly rng: AbstractRNG;

  constructor(degree: number, rewiring: number, options: SmallWorldOptions = {}) {
    super(options, ['allowSelfConnections', 'nConnections', 'rng']);
    if (typeof degree !== 'number' || !(degree >= 0) || !Number.isFinite(degree)) {
      throw new ValueError(`SmallWorldConnector: degree must be a finite distance ≥ 0, got ${String(degree)}`);
    }
    if (typeof rewiring !== 'number' || !(rewiring >= 0 && rewiring <= 1)) {
      throw new ValueError(`SmallWorldConnector: rewiring must be a probability in [0, 1], got ${String(rewiring)}`);
    }
    this.degree = degree;
    this.rewiring = rewiring;
    this.allowSelfConnections = checkAllowSelfConnections(this.connectorName, options.allowSelfConnections);
    this.nConnections =
      options.nConnections === undefined ? undefined : checkCount(this.connectorName, 'n_connections', options.nConnections);
    this.rng = checkRng(this.connectorName, options.rng);
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    return {
      ...baseMessage(this),
      rule: {
        $case: 'smallWorld',
        value: {
          degree: this.degree,
          rewiring: this.rewiring,
          selfConnections: selfConnectionsMessage(this.allowSelfConnections),
          nConnections: BigInt(this.nConnections ?? 0),
        },
      },
      rng: connectorRngSpec(this.rng, ctx),
    };
  }

  protected describeParameters(): Record<string, unknown> {
    return {
      degree: this.degree,
      rewiring: this.rewiring,
      allow_self_connections: this.allowSelfConnections,
      n_connections: this.nConnections,
      rng: this.rng,
    };
  }
}
