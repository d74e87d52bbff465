// DisplacementDependentProbabilityConnector: each pair is connected with probability p(displacement), the
// displacement post - pre along x, y, z. PyNN passes a function of the 3-vector d, e.g.
// (d) => (d[0] < 3 ? 1 : 0) * Math.exp(-Math.abs(d[2])); a string expression in d[0], d[1], d[2] is accepted too.
import type { Connector as ConnectorMessage, Expression } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import type { AbstractRNG } from '../random/rng.js';
import { Connector, baseMessage } from './connector.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
import type { RandomConnectorOptions } from './fixed-probability.js';
import { parseProbabilityExpression, probabilityMatrix } from './probability-expression.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export type DisplacementProbability = string | ((d: readonly [number, number, number]) => number | boolean);

export class DisplacementDependentProbabilityConnector extends Connector {
  readonly connectorName = 'DisplacementDependentProbabilityConnector';
  readonly dispFunction: DisplacementProbability;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly rng: AbstractRNG;
  private readonly parsed: Expression | undefined;

  constructor(dispFunction: DisplacementProbability, options: RandomConnectorOptions = {}) {
    super(options, ['allowSelfConnections', 'rng']);
    const owner = this.connectorName;
    if (typeof dispFunction === 'string') {
      this.parsed = parseProbabilityExpression(owner, 'disp_function', dispFunction, 'displacement');
    } else if (typeof dispFunction !== 'function') {
      throw new TypeError(
        `${owner}: disp_function must be a function of the displacement [dx, dy, dz] or a string in d[0], d[1], d[2], got ${String(dispFunction)}`,
      );
    }
    this.dispFunction = dispFunction;
    this.allowSelfConnections = checkAllowSelfConnections(owner, options.allowSelfConnections);
    this.rng = checkRng(owner, options.rng);
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    const rng = connectorRngSpec(this.rng, ctx);
    const selfConnections = selfConnectionsMessage(this.allowSelfConnections);
    const f = this.dispFunction;
    const value =
      typeof f === 'string'
        ? { dispExpression: this.parsed, probabilities: undefined, selfConnections }
        : {
            dispExpression: undefined,
            probabilities: probabilityMatrix(this.connectorName, ctx.pre.size, ctx.post.size, (i, j) =>
              f(ctx.geometry.displacement(i, j)),
            ),
            selfConnections,
          };
    return { ...baseMessage(this), rule: { $case: 'displacementDependentProbability', value }, rng };
  }

  protected describeParameters(): Record<string, unknown> {
    return { disp_function: this.dispFunction, allow_self_connections: this.allowSelfConnections, rng: this.rng };
  }
}
