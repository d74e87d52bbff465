// Recorded data flow: RecordedData events of a run reach the recording store and come back through getData as a
// Neo-like Block (spike times = step·dt, samples as sent), restricted to a view's cells, merged for an Assembly
// with channel indices offset by member sizes; getSpikeCounts keyed by ID; current-source recording.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IF_cond_exp, IF_curr_exp } from '../../frontend/cells/standard-cell-types.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import type { RecordedData, RunEvent } from '../../frontend/generated/tsnn/v1/simulator.js';
import { Assembly } from '../../frontend/populations/assembly.js';
import { Population } from '../../frontend/populations/population.js';
import { ValueError } from '../../frontend/errors.js';
import { end, reset, run, setup } from '../../frontend/simulation/control.js';
import { currentState } from '../../frontend/simulation/state.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeBackend } from './fake-backend.js';

function data(partial: Partial<RecordedData>): RunEvent {
  const base: RecordedData = {
    population: 0,
    variable: 'spikes',
    spikeCells: [],
    spikeSteps: [],
    firstSample: 0n,
    nSamples: 0,
    nCells: 0,
    samples: Buffer.alloc(0),
    isCurrentSource: false,
  };
  return { event: { $case: 'data', value: { ...base, ...partial } } };
}

function floats(values: number[]): Buffer {
  return Buffer.from(new Float32Array(values).buffer);
}

test('spike trains: one per recorded cell, times = step·dt, empty trains for silent cells', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  const p = new Population(3, new IF_curr_exp(), { label: 'exc' });
  p.record('spikes');
  fake.nextRunEvents = [data({ spikeCells: [0, 2, 0], spikeSteps: [15n, 40n, 70n] })];
  await run(10);
  const block = await p.getData();
  assert.is(block.name, 'exc');
  assert.is(block.segments.length, 1);
  const trains = block.segments[0]!.spiketrains;
  assert.is(trains.length, 3);
  assert.equal(Array.from(trains[0]!.times), [15 * 0.1, 70 * 0.1]);
  assert.equal(Array.from(trains[1]!.times), []);
  assert.equal(Array.from(trains[2]!.times), [40 * 0.1]);
  assert.is(block.annotations.size, 3);
  assert.is(block.annotations.first_id, p.firstId);
  assert.equal(p.getSpikeCounts(), new Map([[p.firstId, 2], [p.firstId + 1, 0], [p.firstId + 2, 1]]));
  assert.is(p.meanSpikeCount(), 1);
});

test('analog signals: samples as sent, shape [samples, cells], a view gets its own columns', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(3, new IF_cond_exp(), { label: 'p' });
  p.record('v');
  // samples at t = 0, 1, 2 of cells 0, 1, 2
  fake.nextRunEvents = [data({ variable: 'v', firstSample: 0n, nSamples: 3, nCells: 3, samples: floats([-65, -64, -63, -60, -59, -58, -55, -54, -53]) })];
  await run(2);
  const sig = (await p.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.equal(sig.shape, [3, 3]);
  assert.is(sig.units, 'mV');
  assert.equal(Array.from(sig.column(1)), [-64, -59, -54]);
  const viewSig = (await p.view([0, 2]).getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.equal(viewSig.shape, [3, 2]);
  assert.equal(Array.from(viewSig.column(1)), [-63, -58, -53]);
  assert.equal(viewSig.channelIndex, [0, 2]);
  assert.equal(viewSig.annotations.channel_ids, [p.firstId, p.firstId + 2]);
});

test('variables option selects; clear empties the data and restarts t_start at now', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(1, new IF_cond_exp());
  p.record(['spikes', 'v']);
  fake.nextRunEvents = [data({ spikeCells: [0], spikeSteps: [1n] }), data({ variable: 'v', nSamples: 3, nCells: 1, samples: floats([1, 2, 3]) })];
  await run(2);
  const onlySpikes = await p.getData({ variables: 'spikes' });
  assert.is(onlySpikes.segments[0]!.analogsignals.length, 0);
  assert.is(onlySpikes.segments[0]!.spiketrains.length, 1);
  await p.getData({ clear: true });
  await run(2);
  const after = await p.getData();
  assert.is(after.segments[0]!.spiketrains[0]!.times.length, 0);
  assert.is(after.segments[0]!.spiketrains[0]!.tStart, 2);
});

test('reset starts a new segment: earlier data stay in segment000', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(1, new IF_cond_exp());
  p.record('spikes');
  fake.nextRunEvents = [data({ spikeCells: [0], spikeSteps: [3n] })];
  await run(5);
  await reset();
  fake.nextRunEvents = [data({ spikeCells: [0], spikeSteps: [1n] })];
  await run(5);
  const block = await p.getData();
  assert.equal(block.segments.map((s) => s.name), ['segment000', 'segment001']);
  assert.equal(Array.from(block.segments[0]!.spiketrains[0]!.times), [3]);
  assert.equal(Array.from(block.segments[1]!.spiketrains[0]!.times), [1]);
});

test('an Assembly merges its members: trains concatenated, signal columns side by side, channel indices offset', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  const q = new Population(1, new IF_cond_exp(), { label: 'q' });
  const a = new Assembly([p, q], { label: 'pq' });
  a.record(['spikes', 'v']);
  fake.nextRunEvents = [
    data({ population: 0, variable: 'v', nSamples: 2, nCells: 2, samples: floats([1, 2, 3, 4]) }),
    data({ population: 1, variable: 'v', nSamples: 2, nCells: 1, samples: floats([9, 8]) }),
    data({ population: 1, spikeCells: [0], spikeSteps: [1n] }),
  ];
  await run(1);
  const block = await a.getData();
  assert.is(block.name, 'pq');
  const seg = block.segments[0]!;
  assert.is(seg.spiketrains.length, 3);
  const v = seg.filter({ name: 'v' })[0]!;
  assert.equal(v.shape, [2, 3]);
  assert.equal(Array.from(v.data), [1, 2, 9, 3, 4, 8]);
  assert.equal(v.channelIndex, [0, 1, 2]);
  assert.is(v.annotations.source_population, 'p;q');  // PyNN 0.10.1 + neo 0.11: Assembly(p1, p2) gives 'p1;p2'
  assert.equal(a.getSpikeCounts().get(q.firstId), 1);
});

test("an Assembly's block keeps reset()'s segment annotations and the members' common annotations, as Neo's merge", async () => {
  // PyNN 0.10.1 + neo 0.11 (pyNN.mock): Assembly(p, q).get_data() after reset(annotations={'trial': 1}) has
  // segment000 {'trial': 1}; its block has the members' simulator, dt and mpi_processes (size and ids conflict).
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  const q = new Population(1, new IF_cond_exp(), { label: 'q' });
  p.annotate({ foo: 1, tag: 'x' });
  q.annotate({ foo: 2, tag: 'y' });
  const a = new Assembly([p, q], { label: 'pq' });
  a.record('v');
  a.annotate({ study: 's' });
  fake.nextRunEvents = [
    data({ population: 0, variable: 'v', nSamples: 2, nCells: 2, samples: floats([1, 2, 3, 4]) }),
    data({ population: 1, variable: 'v', nSamples: 2, nCells: 1, samples: floats([9, 8]) }),
  ];
  await run(1);
  await reset({ annotations: { trial: 1 } });
  await run(1);
  const own = await p.getData();
  const block = await a.getData();
  assert.equal(block.segments.map((seg) => seg.annotations), own.segments.map((seg) => seg.annotations));
  assert.equal(block.segments[0]!.annotations, { trial: 1 });
  const { simulator, dt, mpi_processes } = own.annotations;
  assert.equal(block.annotations, {
    size: 3, first_index: 0, last_index: 3, first_id: p.firstId, last_id: q.lastId, label: 'pq',
    simulator, dt, mpi_processes, foo: 'MERGE CONFLICT', tag: 'x;y', study: 's',
  });
});

test('an Assembly whose members sample one variable at different intervals refuses to merge it, as Neo does', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  const q = new Population(1, new IF_cond_exp(), { label: 'q' });
  p.record('v', { samplingInterval: 2.0 });
  q.record('v');
  fake.nextRunEvents = [
    data({ population: 0, variable: 'v', nSamples: 2, nCells: 2, samples: floats([1, 2, 3, 4]) }),
    data({ population: 1, variable: 'v', nSamples: 3, nCells: 1, samples: floats([9, 8, 7]) }),
  ];
  await run(2);
  // neo 0.11: Block.merge -> "MergeError: Cannot merge these two signals as the sampling_rate differ."
  try {
    await new Assembly([p, q], { label: 'pq' }).getData();
    assert.unreachable('merged signals sampled at 2 ms and 1 ms');
  } catch (error) {
    assert.instance(error, ValueError);
    assert.match((error as Error).message, /Assembly 'pq': .*'v' signals, whose sampling periods differ \(2 and 1 ms\)/);
  }
  assert.equal((await q.getData()).segments[0]!.analogsignals[0]!.shape, [3, 1]);
});

test('a recorded current source gives its current back (nA)', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(1, new IF_cond_exp());
  const dc = new DCSource({ amplitude: 0.5, start: 1 });
  dc.injectInto(p);
  dc.record();
  fake.nextRunEvents = [data({ population: 0, variable: 'i', isCurrentSource: true, nSamples: 3, nCells: 1, samples: floats([0, 0.5, 0.5]) })];
  await run(2);
  const sig = (await dc.getData())!;
  assert.is(sig.units, 'nA');
  assert.equal(Array.from(sig.column(0)), [0, 0.5, 0.5]);
});

test('end() writes the files named by record(..., { toFile }); the data stay readable afterwards', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(2, new IF_cond_exp(), { label: 'written' });
  const file = join(mkdtempSync(join(tmpdir(), 'tsnn-')), 'spikes.json');
  p.record('spikes', { toFile: file });
  fake.nextRunEvents = [data({ spikeCells: [1], spikeSteps: [2n] })];
  await run(3);
  await end();
  const text = readFileSync(file, 'utf8');
  assert.match(text, /"written"/);
  const again = await p.getData();
  assert.equal(Array.from(again.segments[0]!.spiketrains[1]!.times), [2]);
});

test('end() writes, for each record(..., { toFile }) call, the variables it named of the cells it was called on', async () => {
  // PyNN's state.write_on_end: (population or view, variables, file) per call.
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(4, new IF_cond_exp(), { label: 'four' });
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-'));
  p.record('spikes', { toFile: join(dir, 'a.json') });
  p.view([0, 1]).record('v', { toFile: join(dir, 'b.json') });
  fake.nextRunEvents = [
    data({ spikeCells: [1], spikeSteps: [2n] }),
    data({ variable: 'v', nSamples: 4, nCells: 2, samples: floats([-65, -64, -65, -63, -65, -62, -65, -61]) }),
  ];
  await run(3);
  await end();
  const a = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
  const b = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
  const contents = (block: { segments: Array<{ spiketrains: unknown[]; analogsignals: Array<{ name: string }> }> }) =>
    [block.segments[0]!.spiketrains.length, block.segments[0]!.analogsignals.map((s) => s.name)];
  assert.equal(contents(a), [4, []]);
  assert.equal(contents(b), [0, ['v']]);
});

test('a recorded chunk the store refuses ends the run with its error, and the clock follows the engine', async () => {
  // Before, the error left the run in the middle: the engine was at step 20, the frontend at 0, and every later
  // run started from the wrong step.
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  p.record('v');
  // 3 values for 2 samples × 2 cells: inconsistent.
  fake.nextRunEvents = [data({ variable: 'v', firstSample: 0n, nSamples: 2, nCells: 2, samples: floats([1, 2, 3]) })];
  let error: unknown;
  await run(20).catch((e: unknown) => (error = e));
  assert.instance(error, RangeError);
  assert.match((error as Error).message, '3 values for 2 samples × 2 cells');
  assert.is(currentState().t, 20);
  await run(5);
  assert.is(currentState().t, 25);
  assert.equal(fake.calls.filter((c) => c.method === 'run').map((c) => Number((c.request as { steps: bigint }).steps)), [20, 5]);
  await end();
});

test("a refused chunk drops only its own recording's later chunks: the others, and what came before, are kept", async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1.0, backend: fake });
  const a = new Population(2, new IF_cond_exp(), { label: 'a' });
  const b = new Population(2, new IF_cond_exp(), { label: 'b' });
  a.record('spikes');
  b.record('v');
  const vChunk = (first: number) =>
    data({ population: 1, variable: 'v', firstSample: BigInt(first), nSamples: 2, nCells: 2, samples: floats([first, -first, first + 1, -first - 1]) });
  fake.nextRunEvents = [
    data({ spikeCells: [0, 1], spikeSteps: [1n, 2n] }),
    vChunk(0),
    data({ spikeCells: [0, 1, 0], spikeSteps: [3n] }), // refused: 3 cells, 1 step
    vChunk(2),
    data({ spikeCells: [1], spikeSteps: [5n] }), // a's gap would make this wrong: dropped
    vChunk(4),
  ];
  let error: unknown;
  await run(5).catch((e: unknown) => (error = e));
  assert.instance(error, RangeError);
  assert.match((error as Error).message, '3 spike cells but 1 spike steps');
  assert.is(currentState().t, 5);
  const spikes = (await a.getData()).segments[0]!.spiketrains.map((train) => Array.from(train.times));
  assert.equal(spikes, [[1], [2]]);
  const v = (await b.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.equal(Array.from(v.column(0)), [0, 1, 2, 3, 4, 5]);
  await end();
});

test.run();
