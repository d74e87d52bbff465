// The state of the current simulation, created by setup(): settings, the registered network objects in
// construction order, the clock, and the changes made since the last run. Populations, projections and current
// sources register here; the graph builder and run() read it. Implements the SimulationContext seam.
import type { Backend, Req } from '../backend/backend.js';
import { PynnErrorsBackend, type NetworkObjectNames } from './pynn-errors-from-engine.js';
import type { ProjectionLike, SimulationContext } from '../core/interfaces.js';
import type {
  CellSet,
  CurrentSource as CurrentSourceMessage,
  Population as PopulationMessage,
  RecordingRequest,
} from '../generated/tsnn/v1/model.js';
import type {
  InitializeRequest,
  SetParametersRequest,
  SetSynapseValuesRequest,
  UpdateSpikeTimesRequest,
} from '../generated/tsnn/v1/simulator.js';
import { ValueError } from '../errors.js';
import { gridTime } from '../core/grid-time.js';
import { RecordingStore, type RecordingDescription } from '../results/recording-store.js';
import type { SessionInfo } from '../generated/tsnn/v1/simulator.js';

/** A Population as the simulation state sees it. */
export interface RegisteredPopulation {
  readonly label: string;
  /** Its cell type, named in error messages. */
  readonly celltype?: { readonly name: string };
  readonly size: number;
  toMessage(): PopulationMessage;
  /** This population's RecordingRequests (merged per variable); `index` is its position in the network. */
  recordingRequests(index: number): RecordingRequest[];
  /** Ascending indices of the cells recording `variable` now: the columns of its sample chunks. */
  recordedCells(variable: string): number[];
  /** Its sampled (analog) recordings now: each variable's number of cells, and the sampling interval (ms). */
  sampledRecordings(): { variables: Array<{ variable: string; cells: number }>; samplingInterval: number | undefined };
  /** What it records now, for a segment closed by reset(). */
  recordingDescriptions(): RecordingDescription[];
  /** Before every run (the interval of the samples it will take: see Recorder.noteRun). */
  noteRun?(dt: number): void;
}

export interface WriteOnEnd {
  readonly collection: { writeData(filename: string, options: { variables?: string | readonly string[] }): Promise<void> };
  readonly variables: string | readonly string[];
  readonly file: string;
}

export interface RegisteredCurrentSource {
  readonly label: string;
  readonly typeName: string;
  toMessage(): CurrentSourceMessage;
}

export interface RegisteredAssembly {
  readonly label: string;
  toCellSet(): CellSet;
}

/** A change made between runs, sent to the backend before the next run, in the order it was made. */
export type BetweenRunChange =
  | { kind: 'setParameters'; request: Req<SetParametersRequest> }
  | { kind: 'initialize'; request: Req<InitializeRequest> }
  | { kind: 'updateSpikeTimes'; request: Req<UpdateSpikeTimesRequest> }
  | { kind: 'setSynapseValues'; request: Req<SetSynapseValuesRequest> };

/** How setup() obtains a backend: an instance, or a factory called at the first run. */
export type BackendProvider = Backend | (() => Promise<Backend>);

export interface SimulationSettingsInput {
  timestep: number;
  minDelay: number | 'auto';
  maxDelay: number | 'auto';
  seed: number;
  /** Threads for the engine's step loop (PyNN's setup(threads=...)); 1 when not given. */
  threads?: number;
  backend?: BackendProvider;
}

export class SimulationState implements SimulationContext {
  readonly timestep: number;
  readonly minDelaySetting: number | 'auto';
  readonly maxDelay: number | 'auto';
  readonly seed: number;
  readonly threads: number;
  readonly populations: RegisteredPopulation[] = [];
  readonly projections: ProjectionLike[] = [];
  readonly assemblies: RegisteredAssembly[] = [];
  readonly currentSources: RegisteredCurrentSource[] = [];
  /** record(..., { toFile }) calls, written at end() as PyNN's state.write_on_end: each its collection's variables. */
  readonly writeOnEnd: WriteOnEnd[] = [];
  /** Between-run changes not yet sent. */
  readonly pending: BetweenRunChange[] = [];
  readonly changedCurrentSources = new Set<number>();
  recordingChanged = false;
  /** Steps done since t = 0 (reset() returns to 0). */
  step = 0;
  /**
   * The time (ms) run() and runUntil() were last asked to reach, off the grid if they asked so: run(x) goes on
   * from it, not from the step reached, so that run(x + y) is run(x); run(y) (control.ts). reset() returns to 0.
   */
  requestedTime = 0;
  /** Segments started so far: reset() starts a new one. */
  segmentIndex = 0;
  backend: Backend | undefined;
  /** Set by end(), which closes the backend: a later run has to start again with setup(). */
  ended = false;
  /** Recorded data of every population and current source, by segment. */
  readonly store = new RecordingStore({
    recorderName: (i) => (this.populations[i] ? `Population '${this.populations[i]!.label}'` : undefined),
  });
  /** What the backend answered when the network was built. */
  sessionInfo: SessionInfo | undefined;
  /** The min delay the engine resolved ('auto'), once the network has been built. */
  resolvedMinDelay: number | undefined;
  private backendProvider: BackendProvider | undefined;
  private nextStream = 0n;
  private nextCellId = 0;
  private builtFlag = false;
  /** Projection.set reached the engine since the build: values a new build would not have. */
  private connectionValuesSet = false;

  constructor(settings: SimulationSettingsInput) {
    this.timestep = settings.timestep;
    this.minDelaySetting = settings.minDelay;
    this.maxDelay = settings.maxDelay;
    this.seed = settings.seed;
    this.threads = settings.threads ?? 1;
    this.backendProvider = settings.backend;
  }

  get minDelay(): number {
    if (this.minDelaySetting !== 'auto') return this.minDelaySetting;
    return this.resolvedMinDelay ?? this.timestep;
  }

  get built(): boolean {
    return this.builtFlag;
  }

  markBuilt(): void {
    this.builtFlag = true;
    this.connectionValuesSet = false;
  }

  connectionValuesChanged(): void {
    this.connectionValuesSet = true;
  }

  /** Current time in ms. */
  get t(): number {
    return gridTime(this.step, this.timestep);
  }

  allocateStream(): bigint {
    const s = this.nextStream;
    this.nextStream += 1n;
    return s;
  }

  /** The first global ID of a new population of `size` cells (IDs are unique in a simulation, as in PyNN). */
  allocateIds(size: number): number {
    const first = this.nextCellId;
    this.nextCellId += size;
    return first;
  }

  registerPopulation(population: RegisteredPopulation): number {
    this.rejectStructuralChange('a Population');
    this.populations.push(population);
    return this.populations.length - 1;
  }

  registerProjection(projection: ProjectionLike): number {
    this.rejectStructuralChange('a Projection');
    this.projections.push(projection);
    return this.projections.length - 1;
  }

  registerAssembly(assembly: RegisteredAssembly): number {
    this.assemblies.push(assembly);
    return this.assemblies.length - 1;
  }

  registerCurrentSource(source: RegisteredCurrentSource, what = 'a current source'): number {
    this.rejectStructuralChange(what);
    this.currentSources.push(source);
    return this.currentSources.length - 1;
  }

  populationIndex(population: { readonly label: string }): number {
    // A Population records where it was registered, so that its proxy and the object behind it agree.
    const registration = (population as { registration?: { state: SimulationState; index: number } }).registration;
    if (registration?.state === this) return registration.index;
    const index = this.populations.indexOf(population as RegisteredPopulation);
    if (index < 0) {
      throw new ValueError(
        `Population '${population.label}' does not belong to the current simulation (was it created before the last setup()?)`,
      );
    }
    return index;
  }

  currentSourceIndex(source: RegisteredCurrentSource): number {
    return this.currentSources.indexOf(source);
  }

  queueChange(change: BetweenRunChange): void {
    if (this.builtFlag) this.pending.push(change);
  }

  markCurrentSourceChanged(source: RegisteredCurrentSource): void {
    const index = this.currentSources.indexOf(source);
    if (this.builtFlag && index >= 0) this.changedCurrentSources.add(index);
  }

  markRecordingChanged(): void {
    if (this.builtFlag) this.recordingChanged = true;
  }

  /** The backend, created on first use from what setup() was given. */
  async getBackend(): Promise<Backend> {
    if (this.ended) throw new Error('The simulation was ended by end(); call setup() to start a new one');
    if (this.backend) return this.backend;
    const provider = this.backendProvider;
    // The state currentState() made because setup() was never called: the missing step is setup(), not an import.
    if (!provider && this === implicitState) {
      throw new Error("setup() has not been called: call await sim.setup() first (from 'tsnn/wasm' or 'tsnn/grpc')");
    }
    if (!provider) {
      throw new Error(
        "No backend: import the API from 'tsnn/wasm' or 'tsnn/grpc', or pass setup({ backend }) with a Backend instance",
      );
    }
    const backend = typeof provider === 'function' ? await provider() : provider;
    this.backend = new PynnErrorsBackend(backend, this.objectNames());
    return this.backend;
  }

  /** How an engine's fault names the object it is about (pynn-errors-from-engine.ts). */
  private objectNames(): NetworkObjectNames {
    return {
      population: (i) => {
        const population = this.populations[i];
        if (!population) return undefined;
        return `Population '${population.label}'${population.celltype ? ` (${population.celltype.name})` : ''}`;
      },
      projection: (i) => (this.projections[i] ? `Projection '${this.projections[i]!.label}'` : undefined),
      currentSource: (i) => {
        const source = this.currentSources[i];
        return source ? `${source.typeName} '${source.label}'` : undefined;
      },
    };
  }

  /**
   * The backend with the network built on it (createSession without advancing time when a script reads
   * connections before its first run) and the between-run changes sent: what Projection uses.
   */
  async builtBackend(): Promise<Backend> {
    const { ensureBuilt } = await import('./advance.js');
    const { flushChanges } = await import('./between-run-changes.js');
    await ensureBuilt(this);
    const backend = await this.getBackend();
    await flushChanges(this, backend);
    return backend;
  }

  /** SessionInfo.projection_sizes of the built network (Projection.size() without fetching every connection). */
  async builtProjectionSizes(): Promise<readonly bigint[] | undefined> {
    const { ensureBuilt } = await import('./advance.js');
    await ensureBuilt(this);
    return this.sessionInfo?.projectionSizes;
  }

  /**
   * A Population or Projection added after the build. Before the first run, where the network was built only to
   * read connections (Projection.get or size, as PyNN allows right after the constructor), it is built again at
   * the next use: the same seed and streams give the existing projections the same connections. After a run, or
   * after Projection.set changed values only the engine holds, that is no longer possible.
   */
  private rejectStructuralChange(what: string): void {
    if (!this.builtFlag) return;
    if (!this.store.isRunning && this.step === 0 && !this.connectionValuesSet) {
      this.builtFlag = false;
      this.sessionInfo = undefined;
      this.resolvedMinDelay = undefined;
      this.pending.length = 0;  // the new build sends every value as it is now
      this.changedCurrentSources.clear();
      this.recordingChanged = false;
      return;
    }
    const since = this.connectionValuesSet && !this.store.isRunning ? 'Projection.set changed connections on the engine' : 'the first run()';
    throw new Error(
      `Cannot add ${what} after ${since}: the engines build the network once. Add it before, or call setup() to start a new network.`,
    );
  }
}

let current: SimulationState | undefined;
let implicitState: SimulationState | undefined;

/** The state made by the last setup(); a default one (dt 0.1 ms, no backend) if setup() has not been called. */
export function currentState(): SimulationState {
  if (!current) current = implicitState = new SimulationState({ timestep: 0.1, minDelay: 'auto', maxDelay: 'auto', seed: 0 });
  return current;
}

export function replaceState(state: SimulationState | undefined): void {
  current = state;
}
