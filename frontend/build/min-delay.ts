// PyNN's min_delay='auto' (issue 231): the smallest delay actually used, or the timestep when there are no
// connections. Delays given as distributions or expressions are known only to the engine; then the engine's
// resolved value (SessionInfo.min_delay) is used after the network is built.
import { gridTime } from '../core/grid-time.js';
import type { Network, Projection, Value } from '../generated/tsnn/v1/model.js';

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

/** A delay of whole steps as the engine reports it (steps · dt), written on the grid: 0.7, not 0.7000000000000001. */
export function delayOnGrid(ms: number, dt: number): number {
  return gridTime(Math.round(ms / dt), dt);
}

/**
 * The smallest delay of these projections in ms, rounded to whole steps as the engine rounds delays, or the
 * timestep when there are none; undefined when only the engine can tell (drawn delays, expressions).
 */
export function knownMinDelay(projections: readonly Projection[], dt: number): number | undefined {
  let min = Infinity;
  for (const projection of projections) {
    const synapse = projection.synapse;
    const fromList = projection.connector?.rule?.$case === 'fromList' ? projection.connector.rule.value : undefined;
    const column = fromList?.columnNames.indexOf('delay') ?? -1;
    if (fromList && column >= 0) {
      const values = fromList.columns[column]?.values ?? [];
      for (const v of values) min = Math.min(min, v);
      continue;
    }
    if (!synapse?.delay) continue;
    const v = smallest(synapse.delay);
    if (v === undefined) return undefined;
    min = Math.min(min, v);
  }
  return Number.isFinite(min) ? delayOnGrid(Math.max(min, dt), dt) : dt;
}

/** The resolved min delay of a network in ms, or undefined when only the engine can tell. */
export function resolveMinDelay(network: Network): number | undefined {
  return knownMinDelay(network.projections, network.settings?.timestep ?? 0.1);
}
