// OneToOneConnector: presynaptic cell i connects to postsynaptic cell i; both sides must have the same size.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { InvalidDimensionsError } from '../errors.js';
import type { ProjectionBuildContext } from '../projection/build-context.js';
import { Connector, baseMessage, type ConnectorOptions, type PairFilter } from './connector.js';

export class OneToOneConnector extends Connector {
  readonly connectorName = 'OneToOneConnector';

  constructor(options: ConnectorOptions = {}) {
    super(options, []);
  }

  override possiblePairs(): PairFilter {
    return (i, j) => i === j;
  }

  toMessage(ctx: ProjectionBuildContext): ConnectorMessage {
    if (ctx.pre.size !== ctx.post.size) {
      throw new InvalidDimensionsError(
        `OneToOneConnector: presynaptic '${ctx.pre.label}' has ${ctx.pre.size} cells but postsynaptic ` +
          `'${ctx.post.label}' has ${ctx.post.size}; the sizes must be equal`,
      );
    }
    return { ...baseMessage(this), rule: { $case: 'oneToOne', value: {} } };
  }

  protected describeParameters(): Record<string, unknown> {
    return {};
  }
}
