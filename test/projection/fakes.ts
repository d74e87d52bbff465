// Test doubles for projection, connector and synapse tests: a cell collection on a Line (cell i at x = i, as a
// default PyNN population), a simulation context that counts streams and projections, and a backend that
// answers getConnections with known chunks and records setSynapseValues.
import type { Backend, Req } from '../../frontend/backend/backend.js';
import type { CellCollection, CellTypeInfo, ProjectionLike, SimulationContext } from '../../frontend/core/interfaces.js';
import type { CellSet } from '../../frontend/generated/tsnn/v1/model.js';
import type {
  ConnectionsChunk,
  GetConnectionsRequest,
  SetSynapseValuesRequest,
} from '../../frontend/generated/tsnn/v1/simulator.js';
import { Space } from '../../frontend/space/space.js';
import { PairGeometry } from '../../frontend/projection/pair-geometry.js';
import type { ProjectionBuildContext } from '../../frontend/projection/build-context.js';

export interface FakeCellsOptions {
  receptorTypes?: string[];
  conductanceBased?: boolean;
  population?: number;
  /** Indices within the population (a view); default all cells 0..size-1. */
  indices?: number[];
  x?: number[];
}

export function fakeCells(label: string, size: number, options: FakeCellsOptions = {}): CellCollection {
  const receptorTypes = options.receptorTypes ?? ['excitatory', 'inhibitory'];
  const conductanceBased = options.conductanceBased ?? false;
  const population = options.population ?? 0;
  const indices = options.indices ?? Array.from({ length: size }, (_, i) => i);
  const info: CellTypeInfo = {
    name: conductanceBased ? 'IF_cond_exp' : 'IF_curr_exp',
    receptorTypes,
    conductanceBased,
    voltageBasedSynapses: false,
    injectable: true,
  };
  return {
    label,
    size,
    receptorTypes,
    conductanceBased,
    celltypeInfo: info,
    toCellSet(): CellSet {
      return { parts: [{ population, cells: { $case: 'indices', value: { values: indices } } }], label };
    },
    positionsXYZ() {
      const x = Float64Array.from(options.x ?? indices);
      return { x, y: new Float64Array(size), z: new Float64Array(size) };
    },
    cellAddresses() {
      return indices.map((i) => [population, i] as const);
    },
    describe() {
      return { label, size };
    },
  };
}

export class FakeSimulation implements SimulationContext {
  readonly timestep = 0.1;
  readonly minDelaySetting: number | 'auto';
  readonly maxDelay = 'auto' as const;
  readonly seed = 42;
  readonly projections: ProjectionLike[] = [];
  built = false;
  backend: Backend | undefined;
  private stream = 0n;

  constructor(readonly minDelay = 0.1) {
    this.minDelaySetting = minDelay;
  }

  allocateStream(): bigint {
    return this.stream++;
  }

  get streamsAllocated(): number {
    return Number(this.stream);
  }

  registerProjection(projection: ProjectionLike): number {
    this.projections.push(projection);
    return this.projections.length - 1;
  }

  populationIndex(): number {
    return 0;
  }

  async getBackend(): Promise<Backend> {
    if (!this.backend) throw new Error('FakeSimulation: no backend');
    return this.backend;
  }
}

/** A build context for a connector or synapse type alone. */
export function buildContext(
  pre: CellCollection,
  post: CellCollection,
  options: { space?: Space; minDelay?: number; names?: string[]; simulation?: FakeSimulation } = {},
): ProjectionBuildContext & { simulation: FakeSimulation } {
  const simulation = options.simulation ?? new FakeSimulation(options.minDelay ?? 0.1);
  return {
    pre,
    post,
    geometry: new PairGeometry(pre, post, options.space ?? new Space()),
    minDelay: simulation.minDelay,
    synapseParameterNames: options.names ?? ['weight', 'delay'],
    allocateStream: () => simulation.allocateStream(),
    simulation,
  };
}

/** Answers getConnections from a fixed list of connections; records setSynapseValues. */
export class FakeBackend implements Backend {
  readonly name = 'fake';
  readonly setRequests: Array<Req<SetSynapseValuesRequest>> = [];
  readonly getRequests: Array<Req<GetConnectionsRequest>> = [];

  /** connections: [pre, post, {name: value}] in the engine's order; chunkSize splits them into several chunks. */
  constructor(
    private readonly connections: Array<[number, number, Record<string, number>]>,
    private readonly chunkSize = 2,
  ) {}

  async getConnections(request: Req<GetConnectionsRequest>): Promise<ConnectionsChunk[]> {
    this.getRequests.push(request);
    const chunks: ConnectionsChunk[] = [];
    for (let start = 0; start < this.connections.length; start += this.chunkSize) {
      const part = this.connections.slice(start, start + this.chunkSize);
      chunks.push({
        pre: part.map((c) => c[0]),
        post: part.map((c) => c[1]),
        values: request.names.map((name) => ({ values: part.map((c) => c[2][name]!) })),
        total: BigInt(this.connections.length),
      });
    }
    return chunks;
  }

  async setSynapseValues(request: Req<SetSynapseValuesRequest>): Promise<void> {
    this.setRequests.push(request);
  }

  private unused(): never {
    throw new Error('FakeBackend: not used by projection tests');
  }
  getInfo: Backend['getInfo'] = async () => this.unused();
  createSession: Backend['createSession'] = async () => this.unused();
  run: Backend['run'] = async () => this.unused();
  setParameters: Backend['setParameters'] = async () => this.unused();
  initialize: Backend['initialize'] = async () => this.unused();
  updateSpikeTimes: Backend['updateSpikeTimes'] = async () => this.unused();
  setCurrentSource: Backend['setCurrentSource'] = async () => this.unused();
  setRecording: Backend['setRecording'] = async () => this.unused();
  getState: Backend['getState'] = async () => this.unused();
  reset: Backend['reset'] = async () => this.unused();
  close: Backend['close'] = async () => {};
}
