// AllToAllConnector: every presynaptic cell connects to every postsynaptic cell.
import type { Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import { Connector, baseMessage, type ConnectorOptions } from './connector.js';
import { checkAllowSelfConnections, selfConnectionsMessage, type AllowSelfConnections } from './self-connections.js';

export interface AllToAllOptions extends ConnectorOptions {
  allowSelfConnections?: AllowSelfConnections;
}

export class AllToAllConnector extends Connector {
  readonly connectorName = 'AllToAllConnector';
  readonly allowSelfConnections: AllowSelfConnections;

  constructor(options: AllToAllOptions = {}) {
    super(options, ['allowSelfConnections']);
    this.allowSelfConnections = checkAllowSelfConnections('AllToAllConnector', options.allowSelfConnections);
  }

  toMessage(): ConnectorMessage {
    return {
      ...baseMessage(this),
      rule: { $case: 'allToAll', value: { selfConnections: selfConnectionsMessage(this.allowSelfConnections) } },
    };
  }

  protected describeParameters(): Record<string, unknown> {
    return { allow_self_connections: this.allowSelfConnections };
  }
}
