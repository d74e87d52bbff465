// IndexBasedProbabilityConnector: each pair (i, j) is connected with probability p(i, j), i and j the indices
// within the projection's pre and post. p is a string expression in i and j (sent as an expression tree) or a JS
// function (i, j) => p (evaluated here into a pre × post matrix), PyNN's IndexBasedExpression.
import type { Connector as ConnectorMessage, Expression } from '../generated/tsnn/v1/model.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import type { AbstractRNG } from '../random/rng.js';
import { Connector, baseMessage } from './connector.js';
import { checkRng, connectorRngSpec } from './connector-rng.js';
import type { RandomConnectorOptions } from './fixed-probability.js';
import { parseProbabilityExpression, probabilityMatrix } from './probability-expression.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export type IndexProbability = string | ((i: number, j: number) => number | boolean);

export class IndexBasedProbabilityConnector extends Connector {
  readonly connectorName = 'IndexBasedProbabilityConnector';
  readonly indexExpression: IndexProbability;
  readonly allowSelfConnections: AllowSelfConnections;
  readonly rng: AbstractRNG;
  private readonly parsed: Expression | undefined;

  constructor(indexExpression: IndexProbability, options: RandomConnectorOptions = {}) {
    super(options, ['allowSelfConnections', 'rng']);
    const owner = this.connectorName;
    if (typeof indexExpression === 'string') {
      this.parsed = parseProbabilityExpression(owner, 'index_expression', indexExpression, 'index');
    } else if (typeof indexExpression !== 'function') {
      throw new TypeError(
        `${owner}: index_expression must be a string in i and j or a function (i, j) => p, got ${String(indexExpression)}`,
      );
    }
    this.indexExpression = indexExpression;
    this.allowSelfConnections = checkAllowSelfConnections(owner, options.allowSelfConnections);
    this.rng = checkRng(owner, options.rng);
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    const rng = connectorRngSpec(this.rng, ctx);
    const selfConnections = selfConnectionsMessage(this.allowSelfConnections);
    const f = this.indexExpression;
    const value =
      typeof f === 'string'
        ? { indexExpression: this.parsed, probabilities: undefined, selfConnections }
        : {
            indexExpression: undefined,
            probabilities: probabilityMatrix(this.connectorName, ctx.pre.size, ctx.post.size, f),
            selfConnections,
          };
    return { ...baseMessage(this), rule: { $case: 'indexBasedProbability', value }, rng };
  }

  protected describeParameters(): Record<string, unknown> {
    return { index_expression: this.indexExpression, allow_self_connections: this.allowSelfConnections, rng: this.rng };
  }
}
