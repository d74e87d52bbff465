// RecordingStore: keeps what the engines record, compactly, and builds Neo-like Blocks from it on request.
//
// How the simulation code uses it (one store per simulation, created by setup()):
//
//   const store = new RecordingStore();
//   // run(): every RunEvent whose event.$case is 'data'
//   store.add(event.event.value, cells?);          // a RecordedData message (simulator.proto); cells = the
//                                                  // population indices of its sample columns (optional; lets
//                                                  // the recorded cells change between runs)
//   store.markRunning();                           // at every run(), even one that records nothing (PyNN's
//                                                  // state.running: the current segment exists from then on)
//   // population.getData(variables, { clear }):
//   const block = store.getBlock({
//     population: 0, label: 'exc', dt: 0.1, currentTime: 100,
//     recordings: [
//       { variable: 'spikes', indices: [0, 1, 2], ids: [1, 2, 3] },
//       { variable: 'v', indices: [0, 1], ids: [1, 2], units: 'mV', samplingInterval: 0.1 },
//     ],
//     variables: 'all',                            // or ['v']
//     description: population.describe(), annotations: { size: 3, label: 'exc', dt: 0.1, ... },
//   });
//   if (clear) store.clear(0, currentTime);        // drops that population's data but the sample taken now;
//                                                  // t_start restarts at now
//   store.newSegment(currentTime, annotations, (p) => recordingsNow(p), populationCount);  // reset(): closes
//                                                  // every population's current segment, each with what it
//                                                  // records now (nothing: an empty segment)
//   store.spikeCounts(0, indices, currentTime, dt); // getSpikeCounts(): spikes per cell in the current segment
//   store.currentSourceSignal(0, { label, dt, currentTime });  // a recorded current source, or undefined
//
// Rules (pynn-api.md §3, PyNN's Recorder): segments are named "segment%03d" after a counter that every reset
// increments; reset() at t = 0, or after a clear in that segment, stores no segment; clear drops the population's
// past segments too. Spike times are grid times (step · dt as gridTime writes it); spikes after t_stop are left out. Samples are kept as sent
// (sample k at k·samplingInterval, so a run to t holds ⌊t/interval⌋ + 1 samples, t = 0 included) and cut at
// t_stop. A variable with no samples gives no AnalogSignal; a recorded cell with no spike gives an empty train.
// A closed segment is built with what its population recorded when the segment was closed (newSegment's
// recordingsOf), as PyNN saves a segment at reset(); the current one with the recordings given in the request (the
// cells recorded now). Columns of cells that were not recorded at some time read NaN there (when add() was given
// the cells).
import type { RecordedData } from '../generated/tsnn/v1/simulator.js';
import { AnalogSignal } from './analog-signal.js';
import { Block } from './block.js';
import { availableMemoryBytes } from '../core/available-memory.js';
import { gridTimes } from '../core/grid-time.js';
import { SampleBuffer } from './sample-buffer.js';
import { SpikeBuffer } from './spike-buffer.js';
import { Segment } from './segment.js';
import { SpikeTrain } from './spike-train.js';

/** One recorded variable of a population, as the population knows it now. */
export interface RecordingDescription {
  /** 'spikes' or a state variable ('v', 'gsyn_exc', 'AMPA.gsyn', ...). */
  variable: string;
  /** Population indices of the recorded cells, ascending (the RecordingRequest's selection order). */
  indices: ArrayLike<number>;
  /** IDs of the same cells. */
  ids: ArrayLike<number>;
  /** Units of the variable ('mV', 'uS', 'nA'); not used for spikes. */
  units?: string;
  /** ms; default dt. Not used for spikes. */
  samplingInterval?: number;
}

export interface BlockRequest {
  /** Index of the population in Network.populations (RecordedData.population). */
  population: number;
  label: string;
  /** Simulation timestep, ms. */
  dt: number;
  /** The current simulation time, ms (t_stop of the current segment). */
  currentTime: number;
  recordings: readonly RecordingDescription[];
  /** 'all' (default) or the variables to include. */
  variables?: 'all' | readonly string[];
  /** population.describe() text, used for the Block and its Segments. */
  description?: string;
  /** The Block's annotations (PyNN's recorder metadata and population annotations). */
  annotations?: Record<string, unknown>;
}

export interface CurrentSourceSignalRequest {
  label: string;
  dt: number;
  currentTime: number;
  /** Default dt. */
  samplingInterval?: number;
}

type VariableData = Map<string, SpikeBuffer | SampleBuffer>;

/** What the store keeps for one recorder (a population or a current source). */
class RecorderState {
  current: VariableData = new Map();
  /** Data of closed segments, by segment counter. */
  readonly closedData = new Map<number, VariableData>();
  /** What the population recorded when each closed segment ended (PyNN saves a segment with its cells then). */
  readonly closedRecordings = new Map<number, readonly RecordingDescription[]>();
  /** Closed segments with a smaller counter were dropped by clear(). */
  firstKeptCounter = 0;
  /** t_start of the current segment: 0, or the time of the last clear. */
  recordingStart = 0;
}

interface ClosedSegment {
  readonly counter: number;
  readonly tStop: number;
  readonly annotations: Record<string, unknown>;
  readonly recDatetime: Date;
}

const SPIKES = 'spikes';

export interface RecordingStoreOptions {
  /** How errors name a population ("Population 'exc'"), by its index in the network. */
  recorderName?: (population: number) => string | undefined;
  /** What the machine can still allocate, checked before the spikes' room grows; default: what Node says. */
  availableMemory?: () => number | undefined;
}

export class RecordingStore {
  constructor(private readonly options: RecordingStoreOptions = {}) {}

  private readonly recorders = new Map<string, RecorderState>();
  private readonly closed: ClosedSegment[] = [];
  private segmentCounter = 0;
  private running = false;
  /** The values each sampled variable will hold at the end of the run in progress (`population:P/variable`). */
  private expected = new Map<string, number>();

  /** Counter of the current segment (its name is segment%03d of it). */
  get currentSegmentCounter(): number {
    return this.segmentCounter;
  }

  /** Whether run() was called since the last reset (PyNN's state.running). */
  get isRunning(): boolean {
    return this.running;
  }

  markRunning(): void {
    this.running = true;
  }

  /**
   * Takes one RecordedData message (spikes or a block of samples) into the current segment. `cells`, the
   * population indices of the sample columns (the recording's selection when the chunk was made), is optional;
   * given, the recorded cells of a variable may change between runs (see sample_buffer.ts).
   */
  add(message: RecordedData, cells?: ArrayLike<number>): void {
    this.running = true;
    const key = message.isCurrentSource ? `source:${message.population}` : `population:${message.population}`;
    const owner = `RecordedData(${message.isCurrentSource ? 'current source' : 'population'} ${message.population}, '${message.variable}')`;
    const state = this.state(key);
    const existing = state.current.get(message.variable);
    if (message.variable === SPIKES && !message.isCurrentSource) {
      const buffer = existing instanceof SpikeBuffer ? existing : new SpikeBuffer();
      buffer.append(message, () => this.options.recorderName?.(message.population) ?? owner, this.options.availableMemory ?? availableMemoryBytes);
      state.current.set(SPIKES, buffer);
      return;
    }
    if (message.nSamples === 0) return;
    const buffer =
      existing instanceof SampleBuffer ? existing : new SampleBuffer(message.nCells, Number(message.firstSample), cells);
    // The run's whole recording at once: no buffer twice the size it needs, no copy at every doubling.
    const expected = this.expected.get(`${key}/${message.variable}`);
    if (expected !== undefined) buffer.reserve(expected);
    buffer.append(message, owner, cells);
    state.current.set(message.variable, buffer);
  }

  /** A population's sampled variable in the current segment: the values held, their room and columns (0s if none). */
  sampleStorage(population: number, variable: string): { values: number; capacity: number; width: number } {
    const buffer = this.recorders.get(`population:${population}`)?.current.get(variable);
    return buffer instanceof SampleBuffer ? buffer.storage : { values: 0, capacity: 0, width: 0 };
  }

  /** Whether a population's sampled variable holds samples taken in the current segment since the last clear. */
  holdsSamples(population: number, variable: string): boolean {
    const buffer = this.recorders.get(`population:${population}`)?.current.get(variable);
    return buffer instanceof SampleBuffer && buffer.holdsNewSamples;
  }

  /** Before a run: the values (samples × cells) each population's sampled variable will hold at its end. */
  expectRun(values: ReadonlyArray<{ population: number; variable: string; values: number }>): void {
    this.expected = new Map(values.map((v) => [`population:${v.population}/${v.variable}`, v.values]));
  }

  /**
   * reset(): closes the current segment of every recorder. As PyNN, nothing is stored when the time is 0 or
   * when the recorder was cleared during the segment; the counter advances in any case.
   */
  newSegment(
    currentTime: number,
    annotations: Record<string, unknown> = {},
    recordingsOf: (population: number) => readonly RecordingDescription[] | undefined = () => undefined,
    populationCount = 0,
  ): void {
    // Every population closes its segment, those that held no data too: a population that recorded nothing then
    // gets an empty segment, not the cells it records later.
    for (let population = 0; population < populationCount; ++population) this.state(`population:${population}`);
    if (currentTime !== 0) {
      this.closed.push({ counter: this.segmentCounter, tStop: currentTime, annotations: { ...annotations }, recDatetime: new Date() });
      for (const [key, state] of this.recorders) {
        if (this.segmentCounter < state.firstKeptCounter) continue;
        state.closedData.set(this.segmentCounter, state.current);
        const recordings = key.startsWith('population:') ? recordingsOf(Number(key.slice('population:'.length))) : undefined;
        if (recordings) state.closedRecordings.set(this.segmentCounter, recordings);
      }
    }
    for (const state of this.recorders.values()) {
      state.current = new Map();
      state.recordingStart = 0;
    }
    this.segmentCounter += 1;
    this.running = false;
  }

  /** getData({clear: true}): drops everything recorded from the population so far; t_start restarts at now. */
  clear(population: number, currentTime: number): void {
    this.clearRecorder(this.state(`population:${population}`), currentTime);
  }

  /** Drops a current source's recorded data. */
  clearCurrentSource(source: number, currentTime: number): void {
    this.clearRecorder(this.state(`source:${source}`), currentTime);
  }

  /** Forgets everything (a new setup()). */
  reset(): void {
    this.recorders.clear();
    this.closed.length = 0;
    this.segmentCounter = 0;
    this.running = false;
  }

  /** The Neo-like Block of one population: its kept past segments, then the current one if running. */
  getBlock(request: BlockRequest): Block {
    const state = this.state(`population:${request.population}`);
    const description = request.description ?? '';
    const segments: Segment[] = [];
    for (const closed of this.closed) {
      if (closed.counter < state.firstKeptCounter) continue;
      const recordings = state.closedRecordings.get(closed.counter);
      segments.push(
        this.buildSegment(recordings ? { ...request, recordings } : request, state.closedData.get(closed.counter) ?? new Map(), {
          counter: closed.counter,
          tStart: 0,
          tStop: closed.tStop,
          annotations: closed.annotations,
          recDatetime: closed.recDatetime,
        }),
      );
    }
    if (this.running) {
      segments.push(
        this.buildSegment(request, state.current, {
          counter: this.segmentCounter,
          tStart: state.recordingStart,
          tStop: request.currentTime,
          annotations: {},
          recDatetime: new Date(),
        }),
      );
    }
    return new Block(request.label, description, { ...(request.annotations ?? {}) }, segments);
  }

  /** Spikes per given cell (population indices) in the current segment, up to currentTime. */
  spikeCounts(population: number, indices: ArrayLike<number>, currentTime: number, dt: number): number[] {
    const buffer = this.recorders.get(`population:${population}`)?.current.get(SPIKES);
    const position = new Map<number, number>();
    for (let k = 0; k < indices.length; ++k) position.set(indices[k], k);
    const counts = new Array<number>(indices.length).fill(0);
    if (!(buffer instanceof SpikeBuffer)) return counts;
    const cells = buffer.cells.view();
    const steps = buffer.steps.view();
    const lastStep = lastStepAt(currentTime, dt);
    for (let s = 0; s < cells.length; ++s) {
      const k = position.get(cells[s]);
      if (k !== undefined && steps[s] <= lastStep) counts[k] += 1;
    }
    return counts;
  }

  /** The recorded current ('i', nA) of a current source in the current segment, or undefined if none. */
  currentSourceSignal(source: number, request: CurrentSourceSignalRequest): AnalogSignal | undefined {
    const state = this.recorders.get(`source:${source}`);
    const buffer = state?.current.get('i');
    if (!(buffer instanceof SampleBuffer)) return undefined;
    const interval = request.samplingInterval ?? request.dt;
    const columns = Array.from({ length: buffer.nCells }, (_, c) => c);
    return buildSignal(
      'i',
      buffer,
      interval,
      state!.recordingStart,
      request.currentTime,
      'nA',
      { channel_ids: columns, source_population: request.label },
      columns,
      `currentSourceSignal(${source})`,
    );
  }

  private clearRecorder(state: RecorderState, currentTime: number): void {
    // As PyNN's Recorder, the signals recorded after a clear start at the clear time with the sample taken then
    // (the last one held, when the time falls on the sampling grid: buildSignal drops it otherwise).
    const kept: VariableData = new Map();
    for (const [variable, buffer] of state.current) {
      if (buffer instanceof SampleBuffer && buffer.nSamples > 0) kept.set(variable, buffer.lastSampleOnly());
    }
    state.current = kept;
    state.closedData.clear();
    state.closedRecordings.clear();
    state.firstKeptCounter = this.segmentCounter + 1;
    state.recordingStart = currentTime;
  }

  private state(key: string): RecorderState {
    let state = this.recorders.get(key);
    if (state === undefined) {
      state = new RecorderState();
      this.recorders.set(key, state);
    }
    return state;
  }

  private buildSegment(
    request: BlockRequest,
    data: VariableData,
    segment: { counter: number; tStart: number; tStop: number; annotations: Record<string, unknown>; recDatetime: Date },
  ): Segment {
    const wanted = request.variables ?? 'all';
    const include = (variable: string): boolean => wanted === 'all' || wanted.includes(variable);
    const spiketrains: SpikeTrain[] = [];
    const analogsignals: AnalogSignal[] = [];
    for (const recording of request.recordings) {
      if (!include(recording.variable)) continue;
      const buffer = data.get(recording.variable);
      if (recording.variable === SPIKES) {
        spiketrains.push(
          ...buildSpikeTrains(request, recording, buffer instanceof SpikeBuffer ? buffer : undefined, segment.tStart, segment.tStop),
        );
        continue;
      }
      if (!(buffer instanceof SampleBuffer)) continue;
      const signal = buildSignal(
        recording.variable,
        buffer,
        recording.samplingInterval ?? request.dt,
        segment.tStart,
        segment.tStop,
        recording.units ?? '',
        { channel_ids: Array.from(recording.ids), source_population: request.label },
        Array.from(recording.indices),
        `getData('${request.label}', '${recording.variable}')`,
      );
      if (signal !== undefined) analogsignals.push(signal);
    }
    return new Segment(
      Segment.nameFor(segment.counter),
      spiketrains,
      analogsignals,
      segment.annotations,
      request.description ?? '',
      segment.recDatetime,
    );
  }
}

/** The last step whose spikes belong to a segment ending at tStop (tolerant to rounding of t/dt). */
function lastStepAt(tStop: number, dt: number): number {
  return Math.floor(tStop / dt + 1e-9);
}

/** One train per recorded cell, in the order of the request (ascending index = ascending ID). */
function buildSpikeTrains(
  request: BlockRequest,
  recording: RecordingDescription,
  buffer: SpikeBuffer | undefined,
  tStart: number,
  tStop: number,
): SpikeTrain[] {
  const n = recording.indices.length;
  const position = new Map<number, number>();
  for (let k = 0; k < n; ++k) position.set(recording.indices[k], k);
  const lastStep = lastStepAt(tStop, request.dt);
  const perCell: number[][] = Array.from({ length: n }, () => []);
  if (buffer !== undefined) {
    const cells = buffer.cells.view();
    const steps = buffer.steps.view();
    for (let s = 0; s < cells.length; ++s) {
      const k = position.get(cells[s]);
      if (k !== undefined && steps[s] <= lastStep) perCell[k].push(steps[s]);
    }
  }
  const timeOf = gridTimes(request.dt);  // 5.8, not 58 · 0.1 = 5.800000000000001
  return perCell.map((steps, k) => {
    steps.sort((a, b) => a - b);
    const times = Float64Array.from(steps, timeOf);
    return new SpikeTrain(times, tStart, tStop, {
      source_population: request.label,
      channel_id: recording.ids[k],
      source_index: recording.indices[k],
    });
  });
}

/** The samples up to tStop as an AnalogSignal whose tStart is the time of its first sample; undefined if none. */
function buildSignal(
  name: string,
  buffer: SampleBuffer,
  interval: number,
  tStart: number,
  tStop: number,
  units: string,
  annotations: { channel_ids: number[]; source_population: string },
  channelIndex: number[],
  owner: string,
): AnalogSignal | undefined {
  const firstSample = Math.max(buffer.firstSample, Math.ceil(tStart / interval - 1e-9));
  const lastSample = Math.floor(tStop / interval + 1e-9);
  const skip = firstSample - buffer.firstSample;
  const count = Math.max(0, Math.min(buffer.nSamples - skip, lastSample + 1 - firstSample));
  if (count === 0 || channelIndex.length === 0) return undefined;
  const data = buffer.rows(count, channelIndex, skip);
  if (data === undefined) {
    throw new RangeError(
      `${owner}: ${channelIndex.length} recorded cells requested but the data hold ${buffer.nCells} per sample`,
    );
  }
  return new AnalogSignal(name, data, channelIndex.length, units, interval, firstSample * interval, annotations, {
    channel_index: channelIndex,
  });
}
