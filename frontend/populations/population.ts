// PyNN's Population: a group of cells of one type, with their parameters, initial values, positions and
// recorder. It registers itself with the current simulation and becomes one Population message.
import { Sequence } from '../random/sequence.js';
import { checkOptionKeys } from '../core/option-keys.js';
import { warn } from '../core/warnings.js';
import { MemoryError, NonExistentParameterError, ValueError } from '../errors.js';
import { CellType, type ParameterValues } from '../cells/cell-type.js';
import type { ParameterValue } from '../cells/parameter-values.js';
import type { Annotation, Population as PopulationMessage, RecordingRequest, Value } from '../generated/tsnn/v1/model.js';
import { currentState, type SimulationState } from '../simulation/state.js';
import { BasePopulation, collectionFactories, type InjectableSource } from './base-population.js';
import { CellStore, cellValuesToMessage } from './cell-store.js';
// Side effects: register the view and assembly constructors that BasePopulation uses.
import './population-view.js';
import './assembly.js';
import { Line } from '../space/index.js';
import { ID } from './id.js';
import { Recorder } from './recorder.js';
import { recordingDescriptions } from './population-data.js';
import type { RecordingDescription } from '../results/recording-store.js';
import { selectionFor } from './selection-message.js';
import {
  checkStructure,
  structureForShape,
  structureMessage,
  positionsFromStructure,
  type StructureLike,
} from './structure-adapter.js';

export interface PopulationOptions {
  /** Parameters when `cellclass` is a class rather than an instance (PyNN's deprecated form). */
  cellparams?: ParameterValues;
  structure?: StructureLike;
  initialValues?: Record<string, ParameterValue>;
  label?: string;
}

type CellTypeClass = new (parameters?: ParameterValues) => CellType;

let populationCount = 0;

/** The most cells in one Population (2^27): per-cell values alone then take over 10 GB of the JavaScript heap. */
export const MAX_POPULATION_SIZE = 2 ** 27;

/**
 * The most cells of one Population that any engine could be sent (89,478,485). The contract carries every cell's
 * position (three doubles, 24 bytes) in the network message; a protobuf message is at most 2 GiB (the server's
 * parser refuses more), and the WebAssembly engine must hold the message and its decoded copy in its 4 GiB.
 */
export const MAX_BUILDABLE_POPULATION_SIZE = Math.floor(2 ** 31 / 24);

export class Population extends BasePopulation {
  label: string;
  private readonly celltypeValue: CellType;
  private readonly firstIdValue: number;
  readonly store: CellStore;
  readonly recorder: Recorder;
  /** The simulation this population belongs to. */
  readonly simulation: SimulationState;
  /** Where this population sits in its simulation's network. */
  readonly registration: { readonly state: SimulationState; readonly index: number };
  private structureValue: StructureLike;
  /** True once positions were set directly: the message then says 'explicit' instead of the structure. */
  private explicitPositions = false;
  /** True once every position was set at once: `structure` is then null. */
  private structureDropped = false;
  private positionArrays: { x: Float64Array; y: Float64Array; z: Float64Array } | undefined;
  private readonly sizeValue: number;
  private readonly indices: readonly number[];

  constructor(size: number | readonly number[], cellclass: CellType | CellTypeClass, options: PopulationOptions = {}) {
    super();
    checkOptionKeys('Population', options, ['cellparams', 'structure', 'initialValues', 'label']);
    const label = options.label ?? `population${populationCount}`;
    populationCount += 1;
    this.label = label;
    let structure = options.structure;
    let n: number;
    if (Array.isArray(size)) {
      if (structure) {
        throw new ValueError(`Population '${label}': give either a size tuple or a structure, not both`);
      }
      structure = structureForShape(label, size);
      n = size.reduce((a, b) => a * b, 1);
    } else {
      n = size as number;
    }
    if (!Number.isInteger(n) || n < 0) {
      throw new TypeError(`Population '${label}': size must be a non-negative integer or a tuple of them, got ${String(size)}`);
    }
    // The frontend keeps every cell's values; past this, V8 aborts the process (1e9 cells: "invalid table size"),
    // which no catch can stop. Engines index cells in 32 bits.
    if (n > MAX_POPULATION_SIZE) {
      throw new ValueError(`Population '${label}': ${n} cells is more than the ${MAX_POPULATION_SIZE} one population may hold`);
    }
    if (n > MAX_BUILDABLE_POPULATION_SIZE) {
      throw new MemoryError(
        `Population '${label}': ${n} cells can never be built; at most ${MAX_BUILDABLE_POPULATION_SIZE} are allowed, because every ` +
          `cell's position travels in the network message (24 bytes a cell) and that message cannot exceed 2 GiB ` +
          `(protobuf's limit; the WebAssembly engine must also hold the message and its decoded copy in its 4 GiB)`,
      );
    }
    this.sizeValue = n;
    if (cellclass instanceof CellType) {
      if (options.cellparams) {
        throw new TypeError(`Population '${label}': cellparams apply only when cellclass is a class; set them on the instance`);
      }
      this.celltypeValue = cellclass;
    } else if (typeof cellclass === 'function' && cellclass.prototype instanceof CellType) {
      warn(`Population '${label}': passing a cell class with cellparams is deprecated; pass an instance`);
      this.celltypeValue = new cellclass(options.cellparams ?? {});
    } else {
      throw new TypeError(`Population '${label}': cellclass must be a cell type instance such as new IF_cond_exp()`);
    }
    if (structure !== undefined) checkStructure(label, structure);
    this.structureValue = structure ?? new Line();  // PyNN: `structure or space.Line()`
    this.indices = Object.freeze(Array.from({ length: n }, (_, i) => i));
    this.store = new CellStore(this.celltypeValue, n, options.initialValues ?? {}, `Population '${label}'`);
    this.recorder = new Recorder(this.celltypeValue, n, `Population '${label}'`);
    this.simulation = currentState();
    this.firstIdValue = this.simulation.allocateIds(n);
    const self = this.withIndexAccess();
    this.registration = { state: this.simulation, index: this.simulation.registerPopulation(self) };
    return self;
  }

  override get celltype(): CellType {
    return this.celltypeValue;
  }
  /** Global ID of the first cell. */
  override get firstId(): number {
    return this.firstIdValue;
  }
  override get lastId(): number {
    return this.firstIdValue + this.sizeValue - 1;
  }
  get root(): Population {
    return this;
  }
  get rootIndices(): readonly number[] {
    return this.indices;
  }
  override get size(): number {
    return this.sizeValue;
  }

  /**
   * The structure positions come from (Line by default); null once all positions were set (`p.positions = ...`), as
   * PyNN's. Setting one cell's position keeps it (PyNN's too), though the message then carries explicit positions.
   */
  get structure(): StructureLike | null {
    return this.structureDropped ? null : this.structureValue;
  }
  set structure(structure: StructureLike) {
    checkStructure(this.label, structure);
    this.structureValue = structure;
    this.positionArrays = undefined;
    this.explicitPositions = false;
    this.structureDropped = false;
  }

  override get positions(): [number[], number[], number[]] {
    return super.positions;
  }
  override set positions(positions: readonly (readonly number[])[]) {
    super.positions = positions;
    this.structureDropped = true;
  }

  allPositions(): { x: Float64Array; y: Float64Array; z: Float64Array } {
    if (!this.positionArrays) this.positionArrays = positionsFromStructure(this.label, this.structureValue, this.size);
    return this.positionArrays;
  }

  positionOf(index: number): [number, number, number] {
    const { x, y, z } = this.allPositions();
    return [x[index]!, y[index]!, z[index]!];
  }

  setPositionOf(index: number, position: readonly number[]): void {
    const { x, y, z } = this.allPositions();
    x[index] = position[0] ?? 0;
    y[index] = position[1] ?? 0;
    z[index] = position[2] ?? 0;
    this.explicitPositions = true;
  }

  /** One cell's value: a number, or a Sequence for list-valued parameters (spike_times, tau_eta), as get() gives. */
  readCell(name: string, index: number): number | Sequence {
    const values = this.store.read(name, [index]);
    return values instanceof Float64Array ? values[0]! : new Sequence(values[0]!);
  }

  writeCells(values: Record<string, ParameterValue>, indices: readonly number[]): void {
    const expanded = this.store.writeParameters(values, indices);
    const state = this.simulation;
    if (!state.built) return;
    const index = state.populationIndex(this);
    const cells = selectionFor(index, indices, this.size);
    const parameters: Record<string, Value> = {};
    for (const [name, cellValues] of expanded) {
      if (this.celltype.name === 'SpikeSourceArray' && name === 'spike_times') {
        state.queueChange({
          kind: 'updateSpikeTimes',
          request: { cells, spikeTimes: { items: (cellValues as number[][]).map((s) => ({ values: [...s] })) } },
        });
      } else {
        parameters[name] = cellValuesToMessage(cellValues);
      }
    }
    if (Object.keys(parameters).length > 0) state.queueChange({ kind: 'setParameters', request: { cells, parameters } });
  }

  initializeCells(values: Record<string, ParameterValue>, indices: readonly number[]): void {
    const expanded = this.store.writeInitialValues(values, indices);
    const state = this.simulation;
    if (!state.built) return;
    const index = state.populationIndex(this);
    const initialValues: Record<string, Value> = {};
    for (const [name, cellValues] of expanded) initialValues[name] = cellValuesToMessage(cellValues);
    state.queueChange({ kind: 'initialize', request: { cells: selectionFor(index, indices, this.size), initialValues } });
  }

  injectCells(source: unknown, indices: readonly number[]): void {
    (source as InjectableSource).injectInto(collectionFactories.view!(this, [...indices]));
  }

  viewOf(indices: readonly number[]): BasePopulation {
    return collectionFactories.view!(this, [...indices]);
  }

  /** A copy of the value of one parameter for every cell (throws for an unknown name). */
  parameterValues(name: string): number[] | number[][] {
    if (!this.store.parameters.has(name)) {
      throw new NonExistentParameterError(name, this.celltype.name, this.celltype.getParameterNames());
    }
    const v = this.store.read(name, this.indices);
    return v instanceof Float64Array ? Array.from(v) : v;
  }

  toMessage(): PopulationMessage {
    const parameters: Record<string, Value> = {};
    for (const [name, values] of this.store.parameters) parameters[name] = cellValuesToMessage(values);
    const initialValues: Record<string, Value> = {};
    for (const [name, values] of this.store.initialValues) initialValues[name] = cellValuesToMessage(values);
    const { x, y, z } = this.allPositions();
    const annotations: Annotation[] = Object.entries(this.annotations).map(([key, v]) => ({
      key,
      jsonValue: JSON.stringify(v) ?? 'null',
    }));
    return {
      label: this.label,
      size: this.size,
      cellType: {
        name: this.celltype.name,
        parameters,
        initialValues,
        pointNeuron: this.celltype.pointNeuronSpec(),
      },
      structure: this.explicitPositions
        ? { kind: { $case: 'explicit', value: true } }
        : structureMessage(this.structureValue, this.simulation),
      positions: { x: Array.from(x), y: Array.from(y), z: Array.from(z) },
      annotations,
    };
  }

  noteRun(dt: number): void {
    this.recorder.noteRun(dt);
  }

  recordingRequests(index: number): RecordingRequest[] {
    return this.recorder.toRequests(index);
  }

  recordedCells(variable: string): number[] {
    return this.recorder.recordedCells(variable);
  }

  sampledRecordings(): { variables: Array<{ variable: string; cells: number }>; samplingInterval: number | undefined } {
    return { variables: this.recorder.sampledCounts(), samplingInterval: this.recorder.samplingInterval };
  }

  recordingDescriptions(): RecordingDescription[] {
    return recordingDescriptions(this);
  }
}

export { ID };
