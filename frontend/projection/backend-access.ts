// How a Projection reaches the engine that holds its connections. The simulation (frontend/simulation) provides
// this: `builtBackend()` returns the backend once the network has been built, building it first (createSession,
// no time advanced) when a script asks for connections before its first run(), as PyNN connects in the
// Projection constructor.
import type { Backend } from '../backend/backend.js';

export interface ProjectionBackendAccess {
  builtBackend(): Promise<Backend>;
  /**
   * The connection count of every projection in Network order, as the engine reported it when it built the
   * network (SessionInfo.projection_sizes), building it first as builtBackend() does; undefined where unknown.
   * Connections are made once, at the build, so the counts stay true until setup() starts a new network.
   */
  builtProjectionSizes?(): Promise<readonly bigint[] | undefined>;
  /** Told after a Projection changed connection values on the engine (values that only the engine now holds). */
  connectionValuesChanged?(): void;
}

export function isProjectionBackendAccess(value: unknown): value is ProjectionBackendAccess {
  return typeof value === 'object' && value !== null && typeof (value as ProjectionBackendAccess).builtBackend === 'function';
}

/** What the simulation state offers today: a built flag and its backend (FRONT's SimulationState). */
interface BuiltFlagAndBackend {
  readonly built: boolean;
  getBackend(): Promise<Backend>;
}

function hasBuiltFlagAndBackend(value: unknown): value is BuiltFlagAndBackend {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BuiltFlagAndBackend).built === 'boolean' &&
    typeof (value as BuiltFlagAndBackend).getBackend === 'function'
  );
}

/**
 * The access for a simulation context: the context itself when it implements ProjectionBackendAccess, else its
 * backend once built (before that, a clear error: connections exist after the network is built by run()).
 */
export function backendAccessFor(context: unknown, projectionLabel: string): ProjectionBackendAccess {
  if (isProjectionBackendAccess(context)) return context;
  return {
    async builtBackend(): Promise<Backend> {
      if (hasBuiltFlagAndBackend(context) && context.built) return context.getBackend();
      throw new Error(
        `Projection '${projectionLabel}': its connections are made by the engine when the network is built; ` +
          'call run() (run(0) is enough) before reading or changing them',
      );
    },
  };
}
