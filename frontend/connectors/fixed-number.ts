// What FixedNumberPreConnector and FixedNumberPostConnector share: n (an integer, or a RandomDistribution drawn
// once per cell on the fixed side), with_replacement, allow_self_connections and rng.
import type { Value } from '../generated/tsnn/v1/model.js';
import { ConnectionError, ValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { RandomDistribution } from '../random/random-distribution.js';
import { Connector, type ConnectorOptions } from './connector.js';
import type { AbstractRNG } from '../random/rng.js';
import { allowedPairs } from './allowed-pairs.js';
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
    super(options, ['allowSelfConnections', 'withReplacement', 'rng']);
    this.n = n instanceof RandomDistribution ? n : checkCount(owner, 'n', n);
    this.allowSelfConnections = checkAllowSelfConnections(owner, options.allowSelfConnections);
    if (options.withReplacement !== undefined && typeof options.withReplacement !== 'boolean') {
      throw new TypeError(`${owner}: 'withReplacement' must be true or false, got ${String(options.withReplacement)}`);
    }
    this.withReplacement = options.withReplacement ?? false;
    this.rng = checkRng(owner, options.rng);
  }

  /**
   * Refuses, when the projection is made, a fixed n > 0 that some cell on the fixed side (each presynaptic cell
   * for FixedNumberPost, each postsynaptic one for FixedNumberPre) has no allowed partner to take from.
   */
  protected checkPartners(ctx: ProjectionBuildContext, fixedIsPre: boolean): void {
    if (typeof this.n !== 'number' || this.n === 0 || this.allowSelfConnections === true) return;
    const pairs = allowedPairs(ctx.pre, ctx.post, this.allowSelfConnections);
    const [fixed, other] = fixedIsPre ? [ctx.pre, ctx.post] : [ctx.post, ctx.pre];
    for (let k = 0; k < fixed.size; k++) {
      if ((fixedIsPre ? pairs.perPre(k) : pairs.perPost(k)) > 0) continue;
      throw new ConnectionError(
        `${this.connectorName} from '${ctx.pre.label}' to '${ctx.post.label}': cell ${k} of '${fixed.label}' has no ` +
          `allowed ${fixedIsPre ? 'postsynaptic' : 'presynaptic'} cell in '${other.label}' for its n = ${this.n} ` +
          `connections (allow_self_connections ${JSON.stringify(this.allowSelfConnections)})`,
      );
    }
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
