// PyNN's Assembly: an ordered group of Populations and PopulationViews, possibly of different cell types, used
// wherever a population is. Operations forward to the members; cell k of the assembly is the k-th cell when the
// members are concatenated, which is also the order of its CellSet.
import { warn } from '../core/warnings.js';
import { IndexError, KeyError, ValueError } from '../errors.js';
import type { ParameterValue } from '../cells/parameter-values.js';
import type { CellCollection, CellTypeInfo } from '../core/interfaces.js';
import type { CellSet } from '../generated/tsnn/v1/model.js';
import { currentState } from '../simulation/state.js';
import {
  BasePopulation,
  collectionFactories,
  idList,
  sampleIndices,
  type GetOptions,
  type InjectableSource,
  type RecordOptions,
  type SampleRng,
  writePositions,
} from './base-population.js';
import type { ID } from './id.js';
import { normalizeIndex, resolveSelector, type Selector } from './selector.js';
import { dataArguments, mergeBlocks, populationBlock, type WriteDataOptions } from './population-data.js';
import type { Block } from '../results/block.js';
import { writeData as writeBlock } from '../results/write-data.js';
import { checkOptionKeys } from '../core/option-keys.js';

let assemblyCount = 0;

export class Assembly implements CellCollection {
  readonly [index: number]: ID;
  label: string;
  populations: BasePopulation[] = [];
  annotations: Record<string, unknown> = {};

  constructor(populations: readonly BasePopulation[] = [], options: { label?: string } = {}) {
    // PyNN's Assembly(p1, p2): here a Population would be iterated as its IDs, the second taken as the options.
    const isCells = (x: unknown) => x instanceof BasePopulation || x instanceof Assembly;
    if (isCells(options) || isCells(populations)) {
      throw new TypeError('Assembly: give the members in an array, new Assembly([p1, p2], { label }), not as separate arguments');
    }
    checkOptionKeys('Assembly', options, ['label']);
    this.label = options.label ?? `assembly${assemblyCount}`;
    assemblyCount += 1;
    for (const p of populations) this.append(p);
    const self = new Proxy(this, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^-?\d+$/.test(key)) return (receiver as typeof target).at(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    currentState().registerAssembly(self);
    return self;
  }

  /**
   * PyNN's `a += p`: adds members in place. A member that would hold a cell twice (the same member again, a view
   * of a member, or a view overlapping one) is ignored with a warning, as PyNN's Assembly._insert does.
   */
  append(...members: Array<BasePopulation | Assembly>): this {
    for (const m of members) {
      const parts = m instanceof Assembly ? m.populations : [m];
      for (const p of parts) {
        if (!(p instanceof BasePopulation)) {
          throw new TypeError(`Assembly '${this.label}': members must be Populations or PopulationViews, got ${String(p)}`);
        }
        // A population from before the last setup() would stop the current network's next build.
        currentState().populationIndex(p.root);
        if (this.populations.includes(p)) {
          warn(`Assembly '${this.label}': '${p.label}' is already a member; ignored`);
          continue;
        }
        const overlapped = this.populations.find((q) => sharesCells(q, p));
        if (overlapped) {
          warn(`Assembly '${this.label}': '${p.label}' has cells of the member '${overlapped.label}'; ignored`);
          continue;
        }
        this.populations.push(p);
      }
    }
    return this;
  }

  /** PyNN's `a + p`: a new Assembly. */
  add(...others: Array<BasePopulation | Assembly>): Assembly {
    const a = new Assembly(this.populations);
    a.append(...others);
    return a;
  }

  get size(): number {
    return this.populations.reduce((n, p) => n + p.size, 0);
  }
  get length(): number {
    return this.size;
  }
  get receptorTypes(): readonly string[] {
    if (this.populations.length === 0) return [];
    return this.populations[0]!.receptorTypes.filter((r) => this.populations.every((p) => p.receptorTypes.includes(r)));
  }
  get conductanceBased(): boolean {
    return this.populations.length > 0 && this.populations.every((p) => p.conductanceBased);
  }
  get injectable(): boolean {
    return this.populations.every((p) => p.injectable);
  }
  get celltypeInfo(): CellTypeInfo | undefined {
    const types = new Set(this.populations.map((p) => p.celltype));
    return types.size === 1 ? [...types][0] : undefined;
  }
  get firstId(): number {
    return Math.min(...this.populations.map((p) => p.firstId));
  }
  get lastId(): number {
    return Math.max(...this.populations.map((p) => p.lastId));
  }

  /** The member holding cell k of the assembly, and k's index in it. */
  private locate(k: number): [BasePopulation, number] {
    let offset = 0;
    for (const p of this.populations) {
      if (k < offset + p.size) return [p, k - offset];
      offset += p.size;
    }
    throw new RangeError(`Assembly '${this.label}': index ${k} out of range`);
  }

  at(i: number): ID {
    const [p, k] = this.locate(normalizeIndex(this.label, i, this.size));
    return p.at(k);
  }

  /** PyNN's `a[selector]`: an Assembly of views of the members. */
  view(selector: Selector): Assembly {
    const picked = resolveSelector(this.label, selector, this.size);
    const views: BasePopulation[] = [];
    let offset = 0;
    for (const p of this.populations) {
      const mine = picked.filter((k) => k >= offset && k < offset + p.size).map((k) => k - offset);
      if (mine.length > 0) views.push(collectionFactories.view!(p, mine));
      offset += p.size;
    }
    return new Assembly(views);
  }

  *[Symbol.iterator](): IterableIterator<ID> {
    for (const p of this.populations) yield* p;
  }
  all(): IterableIterator<ID> {
    return this[Symbol.iterator]();
  }

  getPopulation(label: string): BasePopulation {
    const p = this.populations.find((m) => m.label === label);
    if (!p) {
      throw new KeyError(`Assembly '${this.label}' does not contain a population labelled '${label}' (members: ${this.populations.map((m) => m.label).join(', ')})`);
    }
    return p;
  }

  /** Values of the members, concatenated (PyNN hstacks them); one number when all equal and `simplify`. */
  get(names: string | readonly string[], options: GetOptions = {}): unknown {
    checkOptionKeys(`get() of Assembly '${this.label}'`, options, ['simplify', 'gather']);
    const one = (name: string) => {
      const parts = this.populations.map((p) => p.get(name, { simplify: false }) as unknown[]);
      const all = parts.flat();
      if ((options.simplify ?? true) && all.length > 0 && all.every((v) => v === all[0])) return all[0];
      return all;
    };
    return typeof names === 'string' ? one(names) : names.map(one);
  }

  /**
   * Splits values given one per assembly cell among the members; other forms go to every member. For a
   * Sequence parameter (spike_times, tau_eta, ...) a flat array of numbers is one Sequence, for every cell as in
   * PyNN; only a list of Sequences, one per cell, is split.
   */
  private perMember(values: Record<string, ParameterValue>): Array<Record<string, ParameterValue>> {
    const size = this.size;
    let offset = 0;
    return this.populations.map((p) => {
      const mine: Record<string, ParameterValue> = {};
      for (const [name, v] of Object.entries(values)) {
        const oneSequence = p.celltype.spec.parameters[name]?.kind === 'sequence' && isFlatNumbers(v);
        const isPerCell =
          !oneSequence && (Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length === size;
        mine[name] = isPerCell
          ? (Array.prototype.slice.call(v as ArrayLike<unknown>, offset, offset + p.size) as ParameterValue)
          : v;
      }
      offset += p.size;
      return mine;
    });
  }

  set(values: Record<string, ParameterValue>): void {
    const split = this.perMember(values);
    this.populations.forEach((p, k) => p.set(split[k]!));
  }

  initialize(values: Record<string, ParameterValue>): void {
    const split = this.perMember(values);
    this.populations.forEach((p, k) => p.initialize(split[k]!));
  }

  record(variables: string | readonly string[] | null, options: RecordOptions = {}): void {
    for (const p of this.populations) p.record(variables, options);
  }

  inject(source: InjectableSource): void {
    source.injectInto(this as unknown as BasePopulation);
  }

  /**
   * The members' data merged into one Block (channel indices offset by the preceding members' sizes). Where Neo's
   * merge of the members' annotations gives 'MERGE CONFLICT' (size, ids) or 'p;q' (label), the Assembly's own are set.
   */
  async getData(options?: WriteDataOptions): Promise<Block>;
  async getData(variables: string | readonly string[], options?: Omit<WriteDataOptions, 'variables'>): Promise<Block>;
  async getData(first: WriteDataOptions | string | readonly string[] = {}, more?: Omit<WriteDataOptions, 'variables'>): Promise<Block> {
    return this.block(dataArguments<WriteDataOptions>(`getData() of '${this.label}'`, first, more, ['annotations']));
  }

  /** As PyNN's Assembly.write_data: the variables may come second, annotations go onto the Block. */
  async writeData(filename: string, options?: WriteDataOptions): Promise<void>;
  async writeData(filename: string, variables: string | readonly string[], options?: Omit<WriteDataOptions, 'variables'>): Promise<void>;
  async writeData(filename: string, first: WriteDataOptions | string | readonly string[] = {}, more?: Omit<WriteDataOptions, 'variables'>): Promise<void> {
    await writeBlock(this.block(dataArguments<WriteDataOptions>(`writeData() of '${this.label}'`, first, more, ['annotations'])), filename);
  }

  /** PyNN's Assembly.get_data(variables, gather, clear, annotations): `annotations` go onto the merged Block. */
  private block({ annotations, ...options }: WriteDataOptions): Block {
    const blocks = this.populations.map((p) => populationBlock(p, options));
    const ids = this.populations.length > 0 ? { first_id: this.firstId, last_id: this.lastId } : {};
    return mergeBlocks(this.label, this.describe(), blocks, this.populations.map((p) => p.size), {
      size: this.size,
      first_index: 0,
      last_index: this.size,
      ...ids,
      label: this.label,
      ...this.annotations,
      ...annotations,
    });
  }

  getSpikeCounts(): Map<number, number> {
    const out = new Map<number, number>();
    for (const p of this.populations) for (const [id, n] of p.getSpikeCounts()) out.set(id, n);
    return out;
  }

  meanSpikeCount(): number {
    const counts = [...this.getSpikeCounts().values()];
    return counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  }

  canRecord(variable: string): boolean {
    return this.populations.every((p) => p.canRecord(variable));
  }

  /** Positions in the assembly of one ID or a list of them; IndexError for an ID outside it (as PyNN). */
  idToIndex(ids: ID | number | Iterable<ID | number>): number | number[] {
    const one = (id: ID | number): number => {
      const n = typeof id === 'number' ? id : id.id;
      let offset = 0;
      for (const p of this.populations) {
        const k = p.rootIndices.indexOf(n - p.root.firstId);
        if (k >= 0) return offset + k;
        offset += p.size;
      }
      throw new IndexError(`Assembly '${this.label}': ID ${n} is not a member`);
    };
    const list = idList(ids);
    return list ? list.map(one) : one(ids as ID | number);
  }

  get allCells(): ID[] {
    return [...this];
  }
  get localCells(): ID[] {
    return this.allCells;
  }

  /** An Assembly of n cells picked at random (PyNN's Assembly.sample); all of them when n ≥ size. */
  sample(n: number, rng?: SampleRng): Assembly {
    return this.view(sampleIndices(this.label, this.size, n, rng));
  }

  /** Units of a variable, the same in every member (PyNN's Assembly.find_units). */
  findUnits(variable: string): string {
    const units = new Set(this.populations.map((p) => p.findUnits(variable)));
    if (units.size > 1) throw new ValueError(`Assembly '${this.label}': '${variable}' has different units in its members: ${[...units].join(', ')}`);
    return [...units][0] ?? '';
  }

  /** Writes the members' positions as lines "index x y z", indices running over the assembly. */
  async savePositions(filename: string): Promise<void> {
    await writePositions(filename, this.positionsXYZ());
  }

  /** The members' annotations for the given keys, per member label. */
  /**
   * PyNN's get_annotations(keys, simplify): for each key the members' values in member order (array values joined
   * end to end), one value when all are the same and `simplify` is true; a member without the key is a KeyError.
   */
  getAnnotations(keys: string | readonly string[], simplify = true): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const values = this.populations.flatMap((p) => {
        if (!Object.hasOwn(p.annotations, key)) {
          throw new KeyError(`Assembly '${this.label}': member '${p.label}' has no annotation '${key}'`);
        }
        const value = p.annotations[key];
        return Array.isArray(value) ? value : [value];
      });
      out[key] = simplify && values.length > 0 && values.every((v) => v === values[0]) ? values[0] : values;
    }
    return out;
  }

  annotate(annotations: Record<string, unknown>): void {
    Object.assign(this.annotations, annotations);
  }

  /** With `template` null, PyNN's describe(template=None): the label and each member's facts; otherwise a text. */
  describe(template: null): Record<string, unknown>;
  describe(template?: string): string;
  describe(template?: string | null): string | Record<string, unknown> {
    if (template === null) return { label: this.label, populations: this.populations.map((p) => p.describe(null)) };
    return [`Assembly "${this.label}" of ${this.populations.length} members, ${this.size} cells:`]
      .concat(this.populations.map((p) => `    ${p.label} (${p.size} ${p.celltype.name})`))
      .join('\n');
  }

  get positions(): [number[], number[], number[]] {
    const { x, y, z } = this.positionsXYZ();
    return [Array.from(x), Array.from(y), Array.from(z)];
  }

  /** PyNN's position_generator: the position of the assembly's i-th cell (negative i counts from the end). */
  get positionGenerator(): (i: number) => [number, number, number] {
    return (i) => this.at(i).position as [number, number, number];
  }

  toCellSet(): CellSet {
    return { parts: this.populations.flatMap((p) => p.toCellSet().parts), label: this.label };
  }

  positionsXYZ(): { x: Float64Array; y: Float64Array; z: Float64Array } {
    const parts = this.populations.map((p) => p.positionsXYZ());
    const cat = (key: 'x' | 'y' | 'z') => Float64Array.from(parts.flatMap((q) => Array.from(q[key])));
    return { x: cat('x'), y: cat('y'), z: cat('z') };
  }

  cellAddresses(): Array<readonly [number, number]> {
    return this.populations.flatMap((p) => p.cellAddresses());
  }
}

collectionFactories.assembly = (parts) => new Assembly(parts);

/** A plain array or typed array of numbers (not a list of Sequences). */
function isFlatNumbers(value: unknown): boolean {
  if (ArrayBuffer.isView(value)) return true;
  return Array.isArray(value) && value.every((x) => typeof x === 'number');
}

/** Whether two members hold a common cell (the same root population and root index). */
function sharesCells(a: BasePopulation, b: BasePopulation): boolean {
  if (a.root !== b.root) return false;
  const cells = new Set(a.rootIndices);
  return b.rootIndices.some((i) => cells.has(i));
}
