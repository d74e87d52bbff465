// PyNN's allow_self_connections: true, false or 'NoMutual' (keep only i > j within one Population).
import { SelfConnections, type Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import type { CellCollection } from '../core/interfaces.js';
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

/**
 * 'NoMutual' orders the cells of one population (the engine keeps i > j where pre and post cells share a
 * population, views of it included): between populations with no cell population in common it would allow every
 * pair without a word, where PyNN raises. Refused when the projection is made.
 */
export function checkNoMutualApplies(
  owner: string,
  connectorName: string,
  message: ConnectorMessage,
  pre: CellCollection,
  post: CellCollection,
): void {
  const rule = message.rule?.value as { selfConnections?: SelfConnections } | undefined;
  if (rule?.selfConnections !== SelfConnections.NO_MUTUAL) return;
  const prePopulations = new Set(pre.toCellSet().parts.map((part) => part.population));
  if (post.toCellSet().parts.some((part) => prePopulations.has(part.population))) return;
  throw new ValueError(
    `${owner}: ${connectorName} with allow_self_connections 'NoMutual' applies only to a population connected to ` +
      `itself (or views of it); '${pre.label}' and '${post.label}' are different populations. Use true or false`,
  );
}
