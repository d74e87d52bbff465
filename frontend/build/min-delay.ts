// PyNN's min_delay='auto' (issue 231): the smallest delay actually used, or the timestep when there are no
// connections. Delays given as distributions or expressions are known only to the engine; then the engine's
// resolved value (SessionInfo.min_delay) is used after the network is built.
import type { Network, Value } from '../generated/tsnn/v1/model.js';

function smallest(value: Value | undefined): number | undefined {
  const kind = value?.kind;
  if (!kind) return undefined;
  switch (kind.$case) {
    case 'scalar':
      return kind.value;
    case 'array':
      return kind.value.values.length ? Math.min(...kind.value.values) : Infinity;
    case 'matrix': {
      const finite = kind.value.values.filter((v) => !Number.isNaN(v));
      return finite.length ? Math.min(...finite) : Infinity;
    }
    default:
      return undefined;
  }
}

/** The resolved min delay in ms, or undefined when only the engine can tell. */
export function resolveMinDelay(network: Network): number | undefined {
  const dt = network.settings?.timestep ?? 0.1;
  let min = Infinity;
  for (const projection of network.projections) {
    const synapse = projection.synapse;
    const fromList = projection.connector?.rule?.$case === 'fromList' ? projection.connector.rule.value : undefined;
    const column = fromList?.columnNames.indexOf('delay') ?? -1;
    if (fromList && column >= 0) {
      const values = fromList.columns[column]?.values ?? [];
      if (values.length) min = Math.min(min, ...values);
      continue;
    }
    if (!synapse?.delay) continue;
    const v = smallest(synapse.delay);
    if (v === undefined) return undefined;
    min = Math.min(min, v);
  }
  return Number.isFinite(min) ? Math.max(min, dt) : dt;
}
