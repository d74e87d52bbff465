// PyNN's allow_self_connections: true, false or 'NoMutual' (keep only i > j within one Population).
import { SelfConnections } from '../generated/tsnn/v1/model.js';
import { ValueError } from '../errors.js';

export type AllowSelfConnections = boolean | 'NoMutual';

export function checkAllowSelfConnections(owner: string, value: unknown): AllowSelfConnections {
  if (value === undefined) return true;
  if (value === true || value === false || value === 'NoMutual') return value;
  throw new ValueError(
    `${owner}: invalid allow_self_connections ${JSON.stringify(value)}; allowed: true, false or 'NoMutual'`,
  );
}

export function selfConnectionsMessage(value: AllowSelfConnections): SelfConnections {
  if (value === 'NoMutual') return SelfConnections.NO_MUTUAL;
  return value ? SelfConnections.ALLOW : SelfConnections.FORBID;
}
