// What FixedNumberPreConnector and FixedNumberPostConnector share: n (an integer, or a RandomDistribution drawn
// once per cell on the fixed side), with_replacement, allow_self_connections and rng.
import type { Value } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { RandomDistribution } from '../random/random-distribution.js';
import { Connector, type ConnectorOptions } from './connector.js';
import type { AbstractRNG } from '../random/rng.js';
import { checkRng } from './connector-rng.js';
import { checkAllowSelfConnections, type AllowSelfConnections } from './self-connections.js';

export interface FixedNumberOptions extends ConnectorOptions {
  allowSelfConnections?: AllowSelfConnections;
  /** Default false, as PyNN. */
  withReplacement?: boolean;
  rng?: AbstractRNG;
}

export function checkCount(owner: string, name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new ValueError(`${owner}: ${name} must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

export abstract class FixedNumberConnector extends Connector {
  readonly n: number | RandomDistribution;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly withReplacement: boolean;
  readonly rng: AbstractRNG;

  constructor(owner: string, n: number | RandomDistribution, options: FixedNumberOptions) {
    super(options);
    this.n = n instanceof RandomDistribution ? n : checkCount(owner, 'n', n);
    this.allowSelfConnections = checkAllowSelfConnections(owner, options.allowSelfConnections);
    if (options.withReplacement !== undefined && typeof options.withReplacement !== 'boolean') {
      throw new TypeError(`${owner}: 'withReplacement' must be true or false, got ${String(options.withReplacement)}`);
    }
    this.withReplacement = options.withReplacement ?? false;
    this.rng = checkRng(owner, options.rng);
  }

  /** n as a contract Value; a distribution gets its own stream. */
  protected countValue(ctx: ProjectionBuildContext): Value {
    if (typeof this.n === 'number') return { kind: { $case: 'scalar', value: this.n } };
    return { kind: { $case: 'distribution', value: this.n.engineMessage(() => ctx.allocateStream()) } };
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
