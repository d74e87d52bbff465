// RecordingStore against the rules of pynn-api.md §3 "Neo output" and PyNN's Recorder (segments, clear, reset).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RecordingStore, type BlockRequest } from '../../frontend/results/recording-store.js';
import { samplesMessage, spikesMessage } from './recorded-data.js';
import { MemoryError } from '../../frontend/errors.js';

const f32 = (x: number): number => Math.fround(x);

function request(overrides: Partial<BlockRequest> = {}): BlockRequest {
  return {
    population: 0,
    label: 'exc',
    dt: 0.1,
    currentTime: 0,
    recordings: [
      { variable: 'spikes', indices: [0, 1, 2], ids: [11, 12, 13] },
      { variable: 'v', indices: [0, 2], ids: [11, 13], units: 'mV', samplingInterval: 0.1 },
    ],
    description: 'Population "exc"',
    annotations: { size: 3, label: 'exc', dt: 0.1 },
    ...overrides,
  };
}

/** Feeds samples of a run from time `from` to `to` (both included when from = 0) in chunks, like an engine. */
function feedSamples(store: RecordingStore, variable: string, interval: number, from: number, to: number, nCells: number, chunk = 7): void {
  const first = from === 0 ? 0 : Math.floor(from / interval + 1e-9) + 1;
  const last = Math.floor(to / interval + 1e-9);
  for (let k = first; k <= last; k += chunk) {
    const n = Math.min(chunk, last - k + 1);
    store.add(samplesMessage(0, variable, k, n, nCells, (s, c) => -65 + s * 0.01 + c));
  }
}

test('int(t/interval) + 1 samples (t = 0 and t_stop included) for several dt and sampling intervals', () => {
  for (const [dt, interval, tStop] of [
    [0.1, 0.1, 100],
    [0.1, 0.5, 100],
    [0.1, 1.0, 33.3],
    [0.25, 0.25, 10],
    [0.01, 0.3, 1.0],
  ]) {
    const store = new RecordingStore();
    store.markRunning();
    feedSamples(store, 'v', interval, 0, tStop, 2);
    const block = store.getBlock(
      request({ dt, currentTime: tStop, recordings: [{ variable: 'v', indices: [0, 2], ids: [11, 13], units: 'mV', samplingInterval: interval }] }),
    );
    const signal = block.segments[0].filter({ name: 'v' })[0];
    const expected = Math.floor(tStop / interval + 1e-9) + 1;
    assert.equal(signal.shape, [expected, 2], `dt=${dt} interval=${interval} t=${tStop}`);
    assert.is(signal.samplingPeriod, interval);
    assert.is(signal.tStart, 0);
    assert.is(signal.get(expected - 1, 1), f32(-65 + (expected - 1) * 0.01 + 1));
    assert.equal(Array.from(signal.column(0).subarray(0, 3)), [f32(-65), f32(-64.99), f32(-64.98)]);
  }
});

test('two runs continue one signal; samples beyond t_stop are cut', () => {
  const store = new RecordingStore();
  store.markRunning();
  feedSamples(store, 'v', 0.1, 0, 50, 2);
  feedSamples(store, 'v', 0.1, 50, 100, 2);
  let signal = store.getBlock(request({ currentTime: 100 })).segments[0].analogsignals[0];
  assert.equal(signal.shape, [1001, 2]);
  assert.is(signal.get(1000, 0), f32(-65 + 10));
  // Asked at an earlier time (as the current segment is read mid-run), later samples are left out.
  signal = store.getBlock(request({ currentTime: 20 })).segments[0].analogsignals[0];
  assert.equal(signal.shape, [201, 2]);
});

test('AnalogSignal metadata: name, units, channel_index, channel_ids, source_population, times', () => {
  const store = new RecordingStore();
  feedSamples(store, 'v', 0.5, 0, 2, 2);
  const signal = store.getBlock(request({ currentTime: 2, recordings: [{ variable: 'v', indices: [0, 2], ids: [11, 13], units: 'mV', samplingInterval: 0.5 }] }))
    .segments[0].analogsignals[0];
  assert.is(signal.name, 'v');
  assert.is(signal.units, 'mV');
  assert.equal(signal.channelIndex, [0, 2]);
  assert.equal(signal.annotations, { channel_ids: [11, 13], source_population: 'exc' });
  assert.equal(Array.from(signal.times), [0, 0.5, 1, 1.5, 2]);
  assert.is(signal.tStop, 2.5);
});

test('one SpikeTrain per recorded cell, empty for silent cells; times = step·dt, sorted; after t_stop left out', () => {
  const store = new RecordingStore();
  store.add(spikesMessage(0, [1, 2, 1], [105, 30, 40]));
  store.add(spikesMessage(0, [1, 2, 5], [20, 2000, 10])); // cell 5 is not recorded; step 2000 is after t_stop
  const trains = store.getBlock(request({ currentTime: 100 })).segments[0].spiketrains;
  assert.is(trains.length, 3);
  assert.equal(Array.from(trains[0].times), []);
  assert.equal(Array.from(trains[1].times), [20 * 0.1, 40 * 0.1, 105 * 0.1]);
  assert.equal(Array.from(trains[2].times), [30 * 0.1]);
  assert.equal(trains[1].annotations, { source_population: 'exc', channel_id: 12, source_index: 1 });
  assert.is(trains[0].tStart, 0);
  assert.is(trains[0].tStop, 100);
  assert.is(trains[0].units, 'ms');
  assert.equal(store.spikeCounts(0, [0, 1, 2], 100, 0.1), [0, 3, 1]);
});

test('a variable without samples gives no AnalogSignal; variables filter', () => {
  const store = new RecordingStore();
  store.add(spikesMessage(0, [0], [5]));
  let segment = store.getBlock(request({ currentTime: 10 })).segments[0];
  assert.is(segment.analogsignals.length, 0);
  assert.is(segment.spiketrains.length, 3);
  feedSamples(store, 'v', 0.1, 0, 10, 2);
  segment = store.getBlock(request({ currentTime: 10, variables: ['v'] })).segments[0];
  assert.is(segment.spiketrains.length, 0);
  assert.is(segment.analogsignals.length, 1);
});

test('Block: name = label, description, annotations', () => {
  const store = new RecordingStore();
  store.markRunning();
  const block = store.getBlock(request({ currentTime: 5 }));
  assert.is(block.name, 'exc');
  assert.is(block.description, 'Population "exc"');
  assert.equal(block.annotations, { size: 3, label: 'exc', dt: 0.1 });
  assert.is(block.segments[0].description, 'Population "exc"');
});

test('segments: "segment%03d", one per reset; no segment before the first run; reset at t = 0 stores none', () => {
  const store = new RecordingStore();
  assert.is(store.getBlock(request()).segments.length, 0);
  store.add(spikesMessage(0, [0], [10]));
  store.newSegment(100, { trial: 1 });
  assert.is(store.getBlock(request()).segments.length, 1); // after reset, before a run: cached ones only
  store.add(spikesMessage(0, [0], [20]));
  store.newSegment(50);
  store.newSegment(0); // reset at t = 0: nothing stored, but the counter moves on
  store.add(spikesMessage(0, [2], [30]));
  const block = store.getBlock(request({ currentTime: 70 }));
  assert.equal(block.segments.map((s) => s.name), ['segment000', 'segment001', 'segment003']);
  assert.equal(block.segments[0].annotations, { trial: 1 });
  assert.is(block.segments[0].spiketrains[0].tStop, 100);
  assert.equal(Array.from(block.segments[0].spiketrains[0].times), [1]);
  assert.equal(Array.from(block.segments[1].spiketrains[0].times), [2]);
  assert.is(block.segments[1].spiketrains[0].tStop, 50);
  assert.equal(Array.from(block.segments[2].spiketrains[2].times), [3]);
  assert.equal(store.spikeCounts(0, [0, 2], 70, 0.1), [0, 1]);
});

test('a segment closed by reset keeps the cells its population recorded then, whatever is recorded later', () => {
  // PyNN's test_reset_recording: cell 3 recorded before the reset, cell 4 after; each segment holds its own cell.
  const store = new RecordingStore();
  const then = [{ variable: 'spikes', indices: [3], ids: [4] }];
  store.add(spikesMessage(0, [3, 3], [10, 40]));
  store.newSegment(5, {}, (population) => (population === 0 ? then : undefined));
  store.add(spikesMessage(0, [4], [20]));
  const now = request({ currentTime: 5, recordings: [{ variable: 'spikes', indices: [4], ids: [5] }] });
  const [closed, current] = store.getBlock(now).segments;
  assert.equal(closed!.spiketrains.map((st) => [st.annotations.source_index, Array.from(st.times)]), [[3, [1, 4]]]);
  assert.equal(current!.spiketrains.map((st) => [st.annotations.source_index, Array.from(st.times)]), [[4, [2]]]);
});

test('clear: drops the data, t_start restarts at now, earlier segments go, and that segment is not stored at reset', () => {
  const store = new RecordingStore();
  store.add(spikesMessage(0, [0], [10]));
  store.newSegment(100);
  store.add(spikesMessage(0, [0], [20]));
  feedSamples(store, 'v', 0.1, 0, 50, 2);
  store.clear(0, 50);
  store.add(spikesMessage(0, [1], [600]));
  feedSamples(store, 'v', 0.1, 50, 80, 2);
  let block = store.getBlock(request({ currentTime: 80 }));
  assert.equal(block.segments.map((s) => s.name), ['segment001']);
  const [segment] = block.segments;
  assert.is(segment.spiketrains[0].tStart, 50);
  assert.equal(Array.from(segment.spiketrains[0].times), []);
  assert.equal(Array.from(segment.spiketrains[1].times), [60]);
  const signal = segment.analogsignals[0];
  assert.is(signal.tStart, 50); // PyNN's t_start is the clear time, with the sample taken then
  assert.equal(signal.shape, [301, 2]);
  store.newSegment(80);
  store.add(spikesMessage(0, [2], [5]));
  block = store.getBlock(request({ currentTime: 10 }));
  assert.equal(block.segments.map((s) => s.name), ['segment002']);
  // Other populations keep their data.
  const other = store.getBlock(request({ population: 1, currentTime: 10 }));
  assert.equal(other.segments.map((s) => s.name), ['segment000', 'segment001', 'segment002']);
});

test('a recorded current source comes back as signal "i" in nA', () => {
  const store = new RecordingStore();
  store.add(samplesMessage(0, 'i', 0, 11, 1, (k) => (k >= 5 ? 0.5 : 0), true));
  const signal = store.currentSourceSignal(0, { label: 'step', dt: 0.1, currentTime: 1.0 });
  assert.ok(signal);
  assert.is(signal!.name, 'i');
  assert.is(signal!.units, 'nA');
  assert.equal(Array.from(signal!.column(0)), [0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
  assert.is(store.currentSourceSignal(1, { label: 'x', dt: 0.1, currentTime: 1 }), undefined);
  // A current source's data do not appear as population 0's.
  assert.is(store.getBlock(request({ currentTime: 1 })).segments[0].analogsignals.length, 0);
});

test('inconsistent chunks are rejected with the population and variable named', () => {
  const store = new RecordingStore();
  store.add(samplesMessage(0, 'v', 0, 3, 2, () => 0));
  assert.throws(() => store.add(samplesMessage(0, 'v', 5, 1, 2, () => 0)), (e: Error) => /population 0, 'v'.*starts at sample 5, expected 3/.test(e.message));
  assert.throws(() => store.add(samplesMessage(0, 'v', 3, 1, 3, () => 0)), (e: Error) => /3 cells in this chunk but 2/.test(e.message));
  assert.throws(
    () => store.getBlock(request({ currentTime: 0.2, recordings: [{ variable: 'v', indices: [0], ids: [1] }] })),
    (e: Error) => /getData\('exc', 'v'\): 1 recorded cells requested but the data hold 2/.test(e.message),
  );
});

test('with cell indices given to add(), the recorded cells may change between runs (NaN where not recorded)', () => {
  const store = new RecordingStore();
  // Run 1: cells 0 and 2 recorded, samples 0..2. Run 2: cells 1 and 2, samples 3..4.
  store.add(samplesMessage(0, 'v', 0, 3, 2, (k, c) => 10 * k + c), [0, 2]);
  store.add(samplesMessage(0, 'v', 3, 2, 2, (k, c) => 10 * k + c), [1, 2]);
  const signal = store
    .getBlock(request({ currentTime: 0.4, recordings: [{ variable: 'v', indices: [0, 1, 2], ids: [11, 12, 13], units: 'mV' }] }))
    .segments[0].analogsignals[0];
  assert.equal(signal.shape, [5, 3]);
  assert.equal(Array.from(signal.column(0)), [0, 10, 20, NaN, NaN]);
  assert.equal(Array.from(signal.column(1)), [NaN, NaN, NaN, 30, 40]);
  assert.equal(Array.from(signal.column(2)), [1, 11, 21, 31, 41]);
  // A request for a subset reads only those columns.
  const two = store
    .getBlock(request({ currentTime: 0.4, recordings: [{ variable: 'v', indices: [2], ids: [13], units: 'mV' }] }))
    .segments[0].analogsignals[0];
  assert.equal(Array.from(two.data), [1, 11, 21, 31, 41]);
  assert.throws(() => store.add(samplesMessage(0, 'v', 5, 1, 2, () => 0), [1]), (e: Error) => /1 cell indices given for a chunk of 2 cells/.test(e.message));
});

test('samples at an odd byte offset inside a larger buffer decode correctly', () => {
  const store = new RecordingStore();
  const message = samplesMessage(0, 'v', 0, 2, 2, (k, c) => k * 10 + c + 0.5);
  const padded = Buffer.alloc(message.samples.length + 3);
  message.samples.copy(padded, 1);
  store.add({ ...message, samples: padded.subarray(1, 1 + message.samples.length) });
  const signal = store.getBlock(request({ currentTime: 0.1 })).segments[0].analogsignals[0];
  assert.equal(Array.from(signal.data), [0.5, 1.5, 10.5, 11.5]);
});

test.run();

test("spikes' room grows only as far as the machine's memory allows; beyond it a MemoryError, the spikes kept whole", () => {
  const bytesPerSpike = 12; // a uint32 cell and a float64 step
  const store = new RecordingStore({ recorderName: (p) => (p === 0 ? "Population 'exc'" : undefined), availableMemory: () => 1000 * bytesPerSpike });
  store.markRunning();
  let step = 0;
  const spikes = (n: number) => spikesMessage(0, Array.from({ length: n }, (_, k) => k % 3), Array.from({ length: n }, () => step++));
  for (const n of [60, 100, 700, 100]) store.add(spikes(n)); // 960 spikes: doubling would not fit, exactly 960 does
  const error = (() => {
    try {
      store.add(spikes(50));
    } catch (e) {
      return e as Error;
    }
    return undefined;
  })();
  assert.instance(error, MemoryError);
  assert.match(error!.message, /^Population 'exc': recording spikes: it holds 960 spikes in the current segment and needs room for 1010, which takes 0\.000 GB more, and 0\.000 GB is available; record spikes from fewer cells/);
  const counts = store.spikeCounts(0, [0, 1, 2], 1000, 0.1);
  assert.equal(counts, [320, 320, 320]);
  const train = store.getBlock(request({ currentTime: 1000 })).segments[0].spiketrains[0];
  assert.is(train.times.length, 320);
  assert.is(train.times[319], 957 * 0.1);
});
