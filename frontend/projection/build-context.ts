// What connectors and synapse types need to turn themselves into contract messages for one projection: the two
// cell collections, their pair geometry under the projection's Space, the resolved min delay and a source of RNG
// streams. The Projection builds one of these from the SimulationContext at construction time.
import type { CellCollection } from '../core/interfaces.js';
import type { PairGeometry } from './pair-geometry.js';

export interface ProjectionBuildContext {
  readonly pre: CellCollection;
  readonly post: CellCollection;
  readonly geometry: PairGeometry;
  /** ms; the delay of a synapse whose delay is not given. */
  readonly minDelay: number;
  /** Names of the synapse type's parameters and state variables (columns a FromListConnector may carry). */
  readonly synapseParameterNames: readonly string[];
  /** A new RNG stream, unique in the network (SimulationContext.allocateStream). */
  allocateStream(): bigint;
}
