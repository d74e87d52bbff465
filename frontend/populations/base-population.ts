// What Population and PopulationView share (PyNN's BasePopulation): cell access, get/set/initialize, recording,
// positions, injection and the CellCollection seam. A view is a sorted list of its root population's cells, so
// every operation is written once, on (root population, root indices).
import { sortedIndexOf } from '../core/sorted-index.js';
import { checkOptionKeys } from '../core/option-keys.js';
import { IndexError, NonExistentParameterError, ValueError } from '../errors.js';
import type { CellType } from '../cells/cell-type.js';
import type { CellValues, ParameterValue } from '../cells/parameter-values.js';
import { Sequence } from '../random/sequence.js';
import type { CellCollection, CellTypeInfo } from '../core/interfaces.js';
import type { CellSet } from '../generated/tsnn/v1/model.js';
import { currentState } from '../simulation/state.js';
import { ID } from './id.js';
import type { Population } from './population.js';
import type { PopulationView } from './population-view.js';
import type { Assembly } from './assembly.js';
import { normalizeIndex, resolveSelector, type Selector } from './selector.js';
import { selectionFor } from './selection-message.js';
import { dataArguments, populationBlock, type DataOptions, type GetDataOptions, type WriteDataOptions } from './population-data.js';
import type { Block } from '../results/block.js';
import { dataFileExtension, writeData as writeBlock } from '../results/write-data.js';

/** The IDs of a list or of any iterable of them (a Population, view or Assembly); undefined for one ID. */
export function idList(ids: ID | number | Iterable<ID | number>): Array<ID | number> | undefined {
  if (typeof ids === 'number' || ids instanceof ID) return undefined;
  return Array.isArray(ids) ? ids : [...ids];
}

export interface GetOptions {
  /** true (default): one number when every cell has the same value. */
  simplify?: boolean;
  gather?: boolean;
}

export interface RecordOptions {
  samplingInterval?: number;
  /** A file written at end(): PyNN's to_file. */
  toFile?: string;
}

/** Something that injects current: a DCSource, ACSource, StepCurrentSource or NoisyCurrentSource. */
export interface InjectableSource {
  injectInto(cells: BasePopulation | ID | readonly ID[]): void;
}

/** Late-bound constructors, so this module need not import its subclasses (no import cycle). */
export const collectionFactories: {
  view?: (parent: BasePopulation, indices: number[], label?: string) => PopulationView;
  assembly?: (parts: BasePopulation[]) => Assembly;
} = {};

export abstract class BasePopulation implements CellCollection {
  /** The cells, as IDs, by position: `p[3]` (also `p.at(3)`). */
  readonly [index: number]: ID;
  /** The label (assignable, as in PyNN). */
  abstract label: string;
  /** The Population these cells belong to (itself for a Population). */
  abstract readonly root: Population;
  /** Indices of the cells in the root population, sorted. */
  abstract readonly rootIndices: readonly number[];
  annotations: Record<string, unknown> = {};

  /** Makes `p[i]` return the i-th ID; called by subclass constructors on `this`. */
  protected withIndexAccess(): this {
    return new Proxy(this, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^-?\d+$/.test(key)) return (receiver as typeof target).at(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
  }

  get size(): number {
    return this.rootIndices.length;
  }
  get length(): number {
    return this.size;
  }
  get localSize(): number {
    return this.size;
  }
  get celltype(): CellType {
    return this.root.celltype;
  }
  get celltypeInfo(): CellTypeInfo {
    return this.root.celltype;
  }
  get receptorTypes(): readonly string[] {
    return this.celltype.receptorTypes;
  }
  get conductanceBased(): boolean {
    return this.celltype.conductanceBased;
  }
  get injectable(): boolean {
    return this.celltype.injectable;
  }
  get firstId(): number {
    return this.root.firstId + (this.rootIndices[0] ?? 0);
  }
  get lastId(): number {
    return this.root.firstId + (this.rootIndices[this.size - 1] ?? 0);
  }

  /** The i-th cell (negative counts from the end). */
  at(i: number): ID {
    return new ID(this.root, this.rootIndices[normalizeIndex(this.label, i, this.size)]!);
  }

  /** PyNN's `p[selector]` for slices, masks and index arrays: a PopulationView. */
  view(selector: Selector, label?: string): PopulationView {
    const picked = resolveSelector(this.label, selector, this.size);
    return collectionFactories.view!(this, picked, label);
  }

  *[Symbol.iterator](): IterableIterator<ID> {
    for (const i of this.rootIndices) yield new ID(this.root, i);
  }
  all(): IterableIterator<ID> {
    return this[Symbol.iterator]();
  }
  get allCells(): ID[] {
    return [...this];
  }
  get localCells(): ID[] {
    return this.allCells;
  }

  /** PyNN's `p + q`: an Assembly. */
  add(...others: BasePopulation[]): Assembly {
    return collectionFactories.assembly!([this, ...others]);
  }

  canRecord(variable: string): boolean {
    return this.celltype.canRecord(variable);
  }

  /**
   * Parameter (or initial) values. A name gives one value: a number when homogeneous and `simplify`, else one
   * per cell; an array of names gives an array of such values.
   */
  get(names: string | readonly string[], options: GetOptions = {}): unknown {
    checkOptionKeys(`get() of '${this.label}'`, options, ['simplify', 'gather']);
    const simplify = options.simplify ?? true;
    const one = (name: string) => this.simplifiedValue(this.root.store.read(name, this.rootIndices), simplify);
    if (typeof names === 'string') return one(names);
    return names.map(one);
  }

  private simplifiedValue(values: CellValues, simplify: boolean): unknown {
    if (values instanceof Float64Array) {
      if (simplify && values.length > 0 && values.every((v) => v === values[0])) return values[0];
      return Array.from(values);
    }
    const seqs = values.map((s) => new Sequence(s));
    if (simplify && seqs.length > 0 && seqs.every((s) => s.equals(seqs[0]))) return seqs[0];
    return seqs;
  }

  /** Sets parameters: numbers, arrays (one per cell), RandomDistributions, functions of the index, Sequences. */
  set(values: Record<string, ParameterValue>): void {
    this.root.writeCells(values, this.rootIndices);
  }

  /** Sets initial values of state variables (applied now and after every reset()). */
  initialize(values: Record<string, ParameterValue>): void {
    this.root.initializeCells(values, this.rootIndices);
  }

  /** Initial values of every state variable (simplified like get()). */
  get initialValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of this.root.store.initialValues.keys()) out[name] = this.get(name);
    return out;
  }

  /** Records variables ('spikes', 'v', ..., or 'all'); `null` stops all recording of the whole population. */
  record(variables: string | readonly string[] | null, options: RecordOptions = {}): void {
    checkOptionKeys(`record() of '${this.label}'`, options, ['samplingInterval', 'toFile']);
    const recorder = this.root.recorder;
    if (variables === null) {
      recorder.clear();
    } else {
      const list = recorder.resolveVariables(variables);
      if (options.toFile !== undefined) dataFileExtension(options.toFile, `record() of '${this.label}': toFile`);
      recorder.record(list, this.rootIndices, options.samplingInterval, currentState().timestep, this.heldSampleInterval());
      if (options.toFile !== undefined) currentState().writeOnEnd.push({ collection: this, variables, file: options.toFile });
    }
    currentState().markRecordingChanged();
  }

  /** The sampling interval of the analog samples the population's current segment holds; undefined if none. */
  private heldSampleInterval(): number | undefined {
    const root = this.root;
    const state = root.simulation;
    if (state !== currentState()) return undefined;
    const index = state.populationIndex(root);
    const held = root.celltype.recordable.some((v) => v !== 'spikes' && state.store.holdsSamples(index, v));
    return held ? root.recorder.sampledInterval : undefined;
  }

  /**
   * The recorded data as a Neo-like Block (one Segment per run period between resets). As PyNN's get_data, the
   * variables may come first: getData('v', { clear: true }).
   */
  async getData(options?: GetDataOptions): Promise<Block>;
  async getData(variables: string | readonly string[], options?: DataOptions): Promise<Block>;
  async getData(first: GetDataOptions | string | readonly string[] = {}, more?: DataOptions): Promise<Block> {
    return populationBlock(this, dataArguments(`getData() of '${this.label}'`, first, more));
  }

  /**
   * Writes the recorded data to a file; the format follows the extension (.json, .npz). As PyNN's write_data,
   * the variables may come second: writeData(file, 'spikes').
   */
  async writeData(filename: string, options?: WriteDataOptions): Promise<void>;
  async writeData(filename: string, variables: string | readonly string[], options?: Omit<WriteDataOptions, 'variables'>): Promise<void>;
  async writeData(filename: string, first: WriteDataOptions | string | readonly string[] = {}, more?: Omit<WriteDataOptions, 'variables'>): Promise<void> {
    const { annotations, ...options } = dataArguments<WriteDataOptions>(`writeData() of '${this.label}'`, first, more, ['annotations']);
    const block = populationBlock(this, options);
    Object.assign(block.annotations, annotations ?? {});
    await writeBlock(block, filename);
  }

  /** Spikes per recorded cell in the current segment, keyed by global ID. */
  getSpikeCounts(): Map<number, number> {
    const root = this.root;
    const state = root.simulation;
    const recorded = new Set(root.recorder.recordedCells('spikes'));
    const cells = this.rootIndices.filter((i) => recorded.has(i));
    const counts = state.store.spikeCounts(state.populationIndex(root), cells, state.t, state.timestep);
    return new Map(cells.map((i, k) => [root.firstId + i, counts[k]!]));
  }

  /** Mean number of spikes per recorded cell (0 when none is recorded). */
  meanSpikeCount(): number {
    const counts = [...this.getSpikeCounts().values()];
    return counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  }

  inject(source: InjectableSource): void {
    if (!this.celltype.injectable) {
      throw new TypeError(`Can't inject current into a spike source: '${this.label}' is a ${this.celltype.name}`);
    }
    if (typeof (source as Partial<InjectableSource> | null)?.injectInto !== 'function') {
      throw new TypeError(`inject() of '${this.label}': expected a current source (DCSource, ACSource, StepCurrentSource, NoisyCurrentSource), got ${String(source)}`);
    }
    source.injectInto(this);
  }

  /** A view of n cells picked at random (without replacement); all of them when n ≥ size, as PyNN's. */
  sample(n: number, rng?: SampleRng): PopulationView {
    return collectionFactories.view!(this, sampleIndices(this.label, this.size, n, rng));
  }

  /** PyNN's position_generator: the position of the i-th cell (negative counts from the end). */
  get positionGenerator(): (i: number) => [number, number, number] {
    return (i) => this.at(i).position as [number, number, number];
  }

  /** PyNN's is_local: true for a cell of this collection (one process holds every cell); an ID of another, an error. */
  isLocal(id: ID | number): boolean {
    this.idToIndex(id);
    return true;
  }

  /** Positions as PyNN's 3×N array: [xs, ys, zs]. */
  get positions(): [number[], number[], number[]] {
    const { x, y, z } = this.positionsXYZ();
    return [Array.from(x), Array.from(y), Array.from(z)];
  }
  set positions(positions: readonly (readonly number[])[]) {
    if (positions.length !== 3 || positions.some((row) => row.length !== this.size)) {
      throw new ValueError(`${this.label}: positions must be a 3×${this.size} array [xs, ys, zs]`);
    }
    this.rootIndices.forEach((cell, k) => this.root.setPositionOf(cell, [positions[0]![k]!, positions[1]![k]!, positions[2]![k]!]));
  }

  /** The cell nearest to a position. */
  nearest(position: readonly number[]): ID {
    const { x, y, z } = this.positionsXYZ();
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < this.size; k++) {
      const d = (x[k]! - (position[0] ?? 0)) ** 2 + (y[k]! - (position[1] ?? 0)) ** 2 + (z[k]! - (position[2] ?? 0)) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return this.at(best);
  }

  /** Index (or indices) in this collection of global IDs: an ID, a list of them, or a collection's cells. */
  idToIndex(ids: ID | number | Iterable<ID | number>): number | number[] {
    const one = (id: ID | number) => {
      const cell = (typeof id === 'number' ? id : id.id) - this.root.firstId;
      const k = sortedIndexOf(this.rootIndices, cell);
      if (k < 0) {
        if (this.root === (this as unknown)) {
          throw new ValueError(`${this.label}: ID ${+id} is not in this population (IDs ${this.firstId}–${this.lastId})`);
        }
        throw new IndexError(`${this.label}: ID ${+id} is not in this view`);
      }
      return k;
    };
    const list = idList(ids);
    return list ? list.map(one) : one(ids as ID | number);
  }
  idToLocalIndex(ids: ID | number | Iterable<ID | number>): number | number[] {
    return this.idToIndex(ids);
  }

  annotate(annotations: Record<string, unknown>): void {
    Object.assign(this.annotations, annotations);
  }

  /**
   * A description of the population. With `template` null, the facts as an object (PyNN's describe(template=None));
   * otherwise a text.
   */
  describe(template: null): Record<string, unknown>;
  describe(template?: string): string;
  describe(template?: string | null): string | Record<string, unknown> {
    const isView = this.root !== (this as unknown);
    const facts: Record<string, unknown> = {
      label: this.label,
      kind: isView ? 'PopulationView' : 'Population',
      size: this.size,
      first_id: this.firstId,
      last_id: this.lastId,
      celltype: { name: this.celltype.name, parameters: this.celltype.describe() },
      annotations: { ...this.annotations },
      ...(isView ? { parent: this.root.label } : { structure: String(this.root.structure ?? 'explicit positions') }),
    };
    if (template === null) return facts;
    const lines = [
      `${facts.kind} "${this.label}"`,
      `    Cell type: ${this.celltype.describe()}`,
      `    Size: ${this.size} cells (IDs ${this.firstId}–${this.lastId})`,
    ];
    if (isView) lines.push(`    Parent: "${this.root.label}"`);
    else lines.push(`    Structure: ${facts.structure}`);
    for (const [k, v] of Object.entries(this.annotations)) lines.push(`    ${k}: ${JSON.stringify(v)}`);
    return lines.join('\n');
  }

  /** Units of a recordable variable, parameter or state variable ('mV', 'nA', ...). */
  findUnits(variable: string): string {
    const unit = this.celltype.units[variable];
    if (unit === undefined) throw new NonExistentParameterError(variable, this.celltype.name, this.celltype.recordable);
    return unit;
  }

  /** Writes the positions as lines "index x y z" (PyNN's save_positions); Node.js only. */
  async savePositions(filename: string): Promise<void> {
    await writePositions(filename, this.positionsXYZ());
  }

  /** Sorted unique cells of this collection as a Selection of the root population. */
  toCellSet(): CellSet {
    const index = currentState().populationIndex(this.root);
    return { parts: [selectionFor(index, this.rootIndices, this.root.size)], label: this.label };
  }

  positionsXYZ(): { x: Float64Array; y: Float64Array; z: Float64Array } {
    const all = this.root.allPositions();
    const pick = (a: Float64Array) => Float64Array.from(this.rootIndices, (i) => a[i]!);
    return { x: pick(all.x), y: pick(all.y), z: pick(all.z) };
  }

  cellAddresses(): Array<readonly [number, number]> {
    const index = currentState().populationIndex(this.root);
    return this.rootIndices.map((i) => [index, i] as const);
  }

}

/** An rng for sample(): next(n) gives n numbers (NumpyRNG, GSLRNG, NativeRNG). */
export interface SampleRng {
  next(n: number): ArrayLike<number> | number;
}

/**
 * n of `size` positions in random order's first n, sorted: PyNN's rng.permutation(arange(size))[0:n], which gives all
 * positions when n ≥ size.
 */
export function sampleIndices(owner: string, size: number, n: number, rng?: SampleRng): number[] {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`${owner}: sample size must be a non-negative integer, got ${n}`);
  const keys = rng ? rng.next(size) : Float64Array.from({ length: size }, () => Math.random());
  if (typeof keys === 'number' || keys.length !== size) {
    throw new TypeError(`${owner}: sample() needs an rng whose next(n) returns n numbers`);
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  return order.slice(0, n).sort((a, b) => a - b);
}

/** PyNN's save_positions file: a line "index x y z" per cell, the index counting over the collection. */
export async function writePositions(filename: string, p: { x: Float64Array; y: Float64Array; z: Float64Array }): Promise<void> {
  const lines = Array.from(p.x, (x, k) => `${k} ${x} ${p.y[k]} ${p.z[k]}`);
  const fs = await import('node:fs/promises');
  await fs.writeFile(filename, lines.join('\n') + '\n');
}
