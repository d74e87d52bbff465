// The number of connections a rule makes when it is known without drawing anything, so that synaptic values
// given as one number per connection can be checked against it when the projection is made.
import { SelfConnections, type Connector as ConnectorMessage } from '../generated/tsnn/v1/model.js';
import type { CellCollection } from '../core/interfaces.js';

/** Pairs (i, j) where pre cell i is post cell j. */
function samePairs(pre: CellCollection, post: CellCollection): number {
  const postCells = new Set(post.cellAddresses().map(([p, k]) => `${p}/${k}`));
  return pre.cellAddresses().filter(([p, k]) => postCells.has(`${p}/${k}`)).length;
}

export function knownConnectionCount(
  connector: ConnectorMessage,
  pre: CellCollection,
  post: CellCollection,
): number | undefined {
  const rule = connector.rule;
  switch (rule?.$case) {
    case 'allToAll':
      if (rule.value.selfConnections === SelfConnections.FORBID) return pre.size * post.size - samePairs(pre, post);
      if (rule.value.selfConnections === SelfConnections.NO_MUTUAL) return undefined;
      return pre.size * post.size;
    case 'oneToOne':
      return pre.size;
    case 'fromList':
      return rule.value.pre.length;
    case 'array':
      return rule.value.mask.reduce((n: number, b: number) => n + (b !== 0 ? 1 : 0), 0);
    default:
      return undefined;
  }
}
