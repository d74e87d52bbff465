// The seams between the frontend's parts, so populations, projections and the graph builder can be written
// apart. Population, PopulationView and Assembly implement CellCollection; the simulation state implements
// SimulationContext.
import type { CellSet, Projection as ProjectionMessage, Population as PopulationMessage } from '../generated/tsnn/v1/model.js';

/** Static facts about a cell type that projections need (from the standard-model tables). */
export interface CellTypeInfo {
  /** PyNN name, e.g. 'IF_cond_exp' or 'PointNeuron'. */
  readonly name: string;
  /** Receptor types in PyNN order, e.g. ['excitatory', 'inhibitory']; [] for spike sources. */
  readonly receptorTypes: readonly string[];
  readonly conductanceBased: boolean;
  /** True for IF_curr_delta and Izhikevich: weights are voltage jumps in mV. */
  readonly voltageBasedSynapses: boolean;
  readonly injectable: boolean;
}

/** A Population, PopulationView or Assembly, as a projection or a current source sees it. */
export interface CellCollection {
  readonly label: string;
  readonly size: number;
  /** Receptor types every cell accepts (an Assembly: the intersection). */
  readonly receptorTypes: readonly string[];
  /** True only when every cell is conductance-based. */
  readonly conductanceBased: boolean;
  /** The cell type of every cell when homogeneous; undefined for a mixed Assembly. */
  readonly celltypeInfo: CellTypeInfo | undefined;
  /** The cells, as the contract's ordered CellSet (cell k of the collection = k-th cell of the set). */
  toCellSet(): CellSet;
  /** Positions of the cells in collection order: x, y, z arrays of length size. */
  positionsXYZ(): { x: Float64Array; y: Float64Array; z: Float64Array };
  /**
   * For each cell of the collection: [population index in the network, index within that population].
   * Identifies cells across collections (self-connection rules compare these).
   */
  cellAddresses(): Array<readonly [number, number]>;
  /** PyNN's describe(template=None): the collection's facts. */
  describe(template: null): Record<string, unknown>;
}

/** Something that becomes one Projection message when the network is built. */
export interface ProjectionLike {
  readonly label: string;
  toMessage(): ProjectionMessage;
}

/** The state of the current simulation (created by setup()). */
export interface SimulationContext {
  readonly timestep: number;
  /** Resolved min delay in ms: the numeric setting, or the timestep while 'auto'. */
  readonly minDelay: number;
  readonly minDelaySetting: number | 'auto';
  readonly maxDelay: number | 'auto';
  readonly seed: number;
  /** A new RNG stream number, unique in this network, in construction order. */
  allocateStream(): bigint;
  /** Registers a projection; returns its index in Network.projections. */
  registerProjection(projection: ProjectionLike): number;
  /** Index of a population in Network.populations. */
  populationIndex(population: { readonly label: string }): number;
  /** Whether the network has been sent to the backend (then changes go through between-run calls). */
  readonly built: boolean;
}

export type { PopulationMessage };
