// DistanceDependentProbabilityConnector: each pair is connected with probability p(d), d the distance under the
// projection's Space. p is a string expression in d (d[0], d[1], d[2] allowed too), sent as an expression tree for
// the engine to evaluate, or a JS function of d, evaluated here into a pre × post matrix.
import type { Connector as ConnectorMessage, Expression } from '../generated/tsnn/v1/model.js';
import { InvalidParameterValueError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import type { AbstractRNG } from '../random/rng.js';
import { Connector, baseMessage, type PairFilter } from './connector.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
import type { RandomConnectorOptions } from './fixed-probability.js';
import { checkDistanceProbability, evaluateExpression } from '../expressions/index.js';
import { parseProbabilityExpression, probabilityMatrix } from './probability-expression.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export type DistanceProbability = string | ((d: number) => number | boolean);

export class DistanceDependentProbabilityConnector extends Connector {
  readonly connectorName = 'DistanceDependentProbabilityConnector';
  readonly dExpression: DistanceProbability;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly rng: AbstractRNG;
  private readonly parsed: Expression | undefined;

  constructor(dExpression: DistanceProbability, options: RandomConnectorOptions = {}) {
    super(options, ['allowSelfConnections', 'rng']);
    const owner = this.connectorName;
    if (typeof dExpression === 'string') {
      this.parsed = parseProbabilityExpression(owner, 'd_expression', dExpression, 'distance');
      // PyNN's check: the expression must give a probability ≥ 0 at d = 0 and at d = 1e12.
      try {
        checkDistanceProbability(dExpression, this.parsed);
      } catch (err) {
        if (err instanceof InvalidParameterValueError) throw new InvalidParameterValueError(`${owner}: ${err.message}`);
        throw err;
      }
    } else if (typeof dExpression !== 'function') {
      throw new TypeError(`${owner}: d_expression must be a string in d or a function of d, got ${String(dExpression)}`);
    }
    this.dExpression = dExpression;
    this.allowSelfConnections = checkAllowSelfConnections(owner, options.allowSelfConnections);
    this.rng = checkRng(owner, options.rng);
  }

  override possiblePairs(ctx: ProjectionBuildContext): PairFilter {
    const f = this.dExpression;
    const parsed = this.parsed;
    const g = ctx.geometry;
    if (typeof f === 'function') return (i, j) => Number(f(g.distance(i, j))) > 0;
    return (i, j) => {
      const [d0, d1, d2] = g.displacement(i, j);
      return evaluateExpression(parsed!, { d: g.distance(i, j), d0, d1, d2 }) > 0;
    };
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    const rng = connectorRngSpec(this.rng, ctx);
    const selfConnections = selfConnectionsMessage(this.allowSelfConnections);
    const f = this.dExpression;
    const value =
      typeof f === 'string'
        ? { dExpression: this.parsed, probabilities: undefined, selfConnections }
        : {
            dExpression: undefined,
            probabilities: probabilityMatrix(this.connectorName, ctx.pre.size, ctx.post.size, (i, j) =>
              f(ctx.geometry.distance(i, j)),
            ),
            selfConnections,
          };
    return { ...baseMessage(this), rule: { $case: 'distanceDependentProbability', value }, rng };
  }

  protected describeParameters(): Record<string, unknown> {
    return { d_expression: this.dExpression, allow_self_connections: this.allowSelfConnections, rng: this.rng };
  }
}
