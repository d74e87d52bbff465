// Recorded data of a Population, PopulationView or Assembly as a Neo-like Block, built by the results module's
// RecordingStore. A view gets its own cells' trains and columns; an Assembly merges its members' blocks, as
// PyNN's Assembly.get_data does (channel indices offset by the sizes of the preceding members).
import { AnalogSignal } from '../results/analog-signal.js';
import { Block } from '../results/block.js';
import type { RecordingDescription } from '../results/recording-store.js';
import { mergeAnnotations } from '../results/merge-annotations.js';
import { Segment } from '../results/segment.js';
import type { SpikeTrain } from '../results/spike-train.js';
import type { BasePopulation } from './base-population.js';
import type { Population } from './population.js';
import { checkOptionKeys } from '../core/option-keys.js';
import { ValueError } from '../errors.js';

export interface GetDataOptions {
  /** 'all' (default), one variable or a list. */
  variables?: 'all' | string | readonly string[];
  /** Empties the recorded data afterwards; the next t_start is now. */
  clear?: boolean;
  gather?: boolean;
}

function wanted(variables: GetDataOptions['variables']): 'all' | readonly string[] {
  if (variables === undefined || variables === 'all') return 'all';
  return typeof variables === 'string' ? [variables] : variables;
}

/** Only the columns of `signal` whose channel index is in `keep`. */
function subsetSignal(signal: AnalogSignal, keep: ReadonlySet<number>): AnalogSignal | undefined {
  const columns = signal.channelIndex.map((c, k) => (keep.has(c) ? k : -1)).filter((k) => k >= 0);
  if (columns.length === 0) return undefined;
  const [nSamples, nCells] = signal.shape;
  const data = new Float32Array(nSamples * columns.length);
  for (let s = 0; s < nSamples; s++) columns.forEach((c, j) => (data[s * columns.length + j] = signal.data[s * nCells + c]!));
  return new AnalogSignal(
    signal.name,
    data,
    columns.length,
    signal.units,
    signal.samplingPeriod,
    signal.tStart,
    { ...signal.annotations, channel_ids: columns.map((c) => signal.annotations.channel_ids[c]!) },
    { channel_index: columns.map((c) => signal.channelIndex[c]!) },
  );
}

/** writeData's options: getData's and the annotations to add to the Block. */
export interface WriteDataOptions extends GetDataOptions {
  annotations?: Record<string, unknown>;
}

/** The options that may follow the variables given positionally: getData('v', { clear: true }). */
export type DataOptions = Omit<GetDataOptions, 'variables'>;

/**
 * getData's (and writeData's) arguments as PyNN's get_data(variables, gather, clear): the variables positionally
 * (a name or a list, `p.getData('v', { clear: true })`) or in the options object. Unknown keys are refused (a
 * typo would return every variable); `extraKeys` are the caller's own (writeData's `annotations`).
 */
export function dataArguments<T extends GetDataOptions = GetDataOptions>(
  owner: string,
  first: unknown,
  more: unknown,
  extraKeys: readonly string[] = [],
): T {
  if (typeof first === 'string' || Array.isArray(first)) {
    checkOptionKeys(owner, more, ['clear', 'gather', ...extraKeys]);
    return { ...((more ?? {}) as object), variables: first } as T;
  }
  if (more !== undefined) {
    throw new TypeError(`${owner}: the options come once, after the variables (a name or a list), got two option objects`);
  }
  checkOptionKeys(owner, first, ['variables', 'clear', 'gather', ...extraKeys]);
  return (first ?? {}) as T;
}

/** What a population records now, variable by variable: the cells, their IDs, the units and sampling interval. */
export function recordingDescriptions(root: Population): RecordingDescription[] {
  const dt = root.simulation.timestep;
  return root.recorder.variables.map((variable) => {
    const indices = root.recorder.recordedCells(variable);
    return {
      variable,
      indices,
      ids: indices.map((i) => root.firstId + i),
      units: root.celltype.units[variable] ?? '',
      samplingInterval: root.recorder.samplingInterval ?? dt,
    };
  });
}

/** The Block of a Population or PopulationView. */
export function populationBlock(collection: BasePopulation, options: GetDataOptions): Block {
  const root = collection.root;
  const state = root.simulation;
  const index = state.populationIndex(root);
  const dt = state.timestep;
  const recordings = recordingDescriptions(root);
  const block = state.store.getBlock({
    population: index,
    label: root.label,
    dt,
    currentTime: state.t,
    recordings,
    variables: wanted(options.variables),
    description: collection.describe(),
    annotations: {
      size: collection.size,
      first_index: 0,
      last_index: collection.size,
      first_id: collection.firstId,
      last_id: collection.lastId,
      label: collection.label,
      simulator: `tsnn${state.backend ? ` (${state.backend.name})` : ''}`,
      dt,
      mpi_processes: 1,
      ...collection.annotations,
    },
  });
  if (options.clear) state.store.clear(index, state.t);
  if (collection === root) return block;
  const keep = new Set(collection.rootIndices);
  const segments = block.segments.map(
    (seg) =>
      new Segment(
        seg.name,
        seg.spiketrains.filter((st) => keep.has(st.annotations.source_index as number)),
        seg.analogsignals.map((a) => subsetSignal(a, keep)).filter((a): a is AnalogSignal => a !== undefined),
        seg.annotations,
        seg.description,
        seg.recDatetime,
      ),
  );
  return new Block(collection.label, block.description, block.annotations, segments);
}

/** Neo's AnalogSignal.merge refuses signals whose sampling rate or t_start differ (MergeError); so does this. */
function checkMergeable(label: string, parts: readonly AnalogSignal[]): void {
  const first = parts[0]!;
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  for (const a of parts) {
    for (const [what, x, y] of [['sampling periods', first.samplingPeriod, a.samplingPeriod], ['start times', first.tStart, a.tStart]] as const) {
      if (!same(x, y)) {
        throw new ValueError(
          `Assembly '${label}': cannot merge the members' '${first.name}' signals, whose ${what} differ (${x} and ${y} ms), ` +
            'as Neo cannot (MergeError); record them at one sampling interval, or get each population\'s data',
        );
      }
    }
  }
}

/**
 * Merges the members' blocks of an Assembly as Neo's Block.merge does, which PyNN's Assembly.get_data calls: segments
 * of the same name are merged (one trial of every member), the others appended in the order met, so that members
 * whose data were cleared at different times do not mix their trials. The blocks' and segments' annotations merge
 * by Neo's rule (reset()'s segment annotations are kept), and `annotations` (the Assembly's) go on top.
 */
export function mergeBlocks(label: string, description: string, blocks: readonly Block[], sizes: readonly number[], annotations: Record<string, unknown>): Block {
  const offsets = sizes.map((_, m) => sizes.slice(0, m).reduce((a, b) => a + b, 0));
  const groups = new Map<string, Array<{ segment: Segment; member: number }>>();
  blocks.forEach((b, member) => {
    for (const segment of b.segments) {
      if (!groups.has(segment.name)) groups.set(segment.name, []);
      groups.get(segment.name)!.push({ segment, member });
    }
  });
  const segments = [...groups].map(([name, parts]) => {
    const trains: SpikeTrain[] = parts.flatMap(({ segment }) => segment.spiketrains);
    const signals = new Map<string, Array<{ signal: AnalogSignal; offset: number }>>();
    for (const { segment, member } of parts) {
      for (const signal of segment.analogsignals) {
        if (!signals.has(signal.name)) signals.set(signal.name, []);
        signals.get(signal.name)!.push({ signal, offset: offsets[member]! });
      }
    }
    const merged = [...signals.values()].map((named) => mergeSignals(label, named));
    return new Segment(name, trains, merged, mergeAnnotations(...parts.map(({ segment }) => segment.annotations)), description);
  });
  return new Block(label, description, { ...mergeAnnotations(...blocks.map((b) => b.annotations)), ...annotations }, segments);
}

/** One signal of the members' same-named signals, columns side by side, channel indices offset by member. */
function mergeSignals(label: string, named: ReadonlyArray<{ signal: AnalogSignal; offset: number }>): AnalogSignal {
  const parts = named.map(({ signal }) => signal);
  checkMergeable(label, parts);
  const nSamples = Math.min(...parts.map((a) => a.shape[0]));
  const nCells = parts.reduce((n, a) => n + a.shape[1], 0);
  const data = new Float32Array(nSamples * nCells);
  let col = 0;
  for (const a of parts) {
    for (let s = 0; s < nSamples; s++) for (let c = 0; c < a.shape[1]; c++) data[s * nCells + col + c] = a.data[s * a.shape[1] + c]!;
    col += a.shape[1];
  }
  const first = parts[0]!;
  return new AnalogSignal(
    first.name,
    data,
    nCells,
    first.units,
    first.samplingPeriod,
    first.tStart,
    // Neo's merge joins differing string annotations with ';': PyNN's Assembly gives 'p1;p2'.
    {
      channel_ids: parts.flatMap((a) => a.annotations.channel_ids),
      source_population: [...new Set(parts.map((a) => a.annotations.source_population))].join(';'),
    },
    { channel_index: named.flatMap(({ signal, offset }) => signal.channelIndex.map((c) => c + offset)) },
  );
}
