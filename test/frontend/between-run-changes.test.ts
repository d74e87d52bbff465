// The first run builds the network (createSession once); later runs send only what changed since the last run,
// in the order it was changed: setParameters, initialize, updateSpikeTimes, setCurrentSource, setRecording.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IF_curr_exp, SpikeSourceArray } from '../../frontend/cells/standard-cell-types.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import { StepCurrentSource } from '../../frontend/currents/step-current-source.js';
import type {
  InitializeRequest,
  SetCurrentSourceRequest,
  SetParametersRequest,
  SetRecordingRequest,
  UpdateSpikeTimesRequest,
} from '../../frontend/generated/tsnn/v1/simulator.js';
import { Population } from '../../frontend/populations/population.js';
import { Sequence } from '../../frontend/random/sequence.js';
import { run, setup } from '../../frontend/simulation/control.js';
import { FakeBackend } from './fake-backend.js';

async function fresh(): Promise<FakeBackend> {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  return fake;
}

test('the network is built once, on the first run; unchanged runs send nothing else', async () => {
  const fake = await fresh();
  new Population(3, new IF_curr_exp());
  await run(10);
  await run(10);
  assert.equal(fake.methods(), ['createSession', 'run', 'run']);
  assert.is(fake.network.populations.length, 1);
});

test('changes before the first run go into the Network, not into between-run calls', async () => {
  const fake = await fresh();
  const p = new Population(2, new IF_curr_exp());
  p.set({ tau_m: 12 });
  p.record('v');
  await run(1);
  assert.equal(fake.methods(), ['createSession', 'run']);
  assert.equal(fake.network.populations[0]!.cellType!.parameters.tau_m, { kind: { $case: 'scalar', value: 12 } });
  assert.is(fake.network.recordings.length, 1);
});

test('set between runs → setParameters for the selected cells only', async () => {
  const fake = await fresh();
  const p = new Population(4, new IF_curr_exp());
  await run(1);
  p.view([1, 3]).set({ tau_m: [11, 13] });
  p.set({ cm: 2 });
  await run(1);
  assert.equal(fake.methods(), ['createSession', 'run', 'setParameters', 'setParameters', 'run']);
  const [first, second] = fake.requests<SetParametersRequest>('setParameters');
  assert.equal(first!.cells, { population: 0, cells: { $case: 'range', value: { start: 1, stop: 4, step: 2 } } });
  assert.equal(first!.parameters, { tau_m: { kind: { $case: 'array', value: { values: [11, 13] } } } });
  assert.equal(second!.cells, { population: 0, cells: { $case: 'all', value: true } });
  assert.equal(second!.parameters, { cm: { kind: { $case: 'scalar', value: 2 } } });
});

test('initialize between runs → initialize; ID attribute writes → setParameters of one cell', async () => {
  const fake = await fresh();
  const p = new Population(3, new IF_curr_exp());
  await run(1);
  p.initialize({ v: -60 });
  p[2].tau_refrac = 2;
  await run(1);
  const [init] = fake.requests<InitializeRequest>('initialize');
  assert.equal(init!.initialValues, { v: { kind: { $case: 'scalar', value: -60 } } });
  const [set] = fake.requests<SetParametersRequest>('setParameters');
  assert.equal(set!.cells, { population: 0, cells: { $case: 'indices', value: { values: [2] } } });
  assert.equal(fake.methods().slice(2), ['initialize', 'setParameters', 'run']);
});

test('SpikeSourceArray spike_times between runs → updateSpikeTimes with one Sequence per selected cell', async () => {
  const fake = await fresh();
  const src = new Population(2, new SpikeSourceArray({ spike_times: [1, 2] }));
  await run(5);
  src.set({ spike_times: [new Sequence([6, 7]), new Sequence([8])] });
  await run(5);
  const [upd] = fake.requests<UpdateSpikeTimesRequest>('updateSpikeTimes');
  assert.equal(upd!.spikeTimes, { items: [{ values: [6, 7] }, { values: [8] }] });
  assert.is(fake.requests('setParameters').length, 0);
});

test('current source attributes changed between runs → one setCurrentSource with the full description', async () => {
  const fake = await fresh();
  const p = new Population(1, new IF_curr_exp());
  const other = new StepCurrentSource({ times: [1], amplitudes: [0.1] });
  other.injectInto(p);
  const dc = new DCSource({ amplitude: 0.1 });
  dc.injectInto(p);
  await run(1);
  dc.amplitude = 0.5;
  dc.start = 3;
  await run(1);
  const calls = fake.requests<SetCurrentSourceRequest>('setCurrentSource');
  assert.is(calls.length, 1);
  assert.is(calls[0]!.source, 1);
  assert.equal(calls[0]!.currentSource!.kind, { $case: 'dc', value: { amplitude: 0.5, start: 3, stop: 1e12 } });
});

test('a new current source after the network is built is refused with an explanation', async () => {
  await fresh();
  const p = new Population(1, new IF_curr_exp());
  await run(1);
  try {
    new DCSource().injectInto(p);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /^Cannot add DCSource 'dcsource\d+' after the first run\(\)/);
  }
});

test('record between runs → setRecording with the complete new set', async () => {
  const fake = await fresh();
  const p = new Population(3, new IF_curr_exp());
  const q = new Population(2, new IF_curr_exp());
  p.record('spikes');
  await run(1);
  q.record('v');
  p.record(null);
  await run(1);
  const [rec] = fake.requests<SetRecordingRequest>('setRecording');
  assert.equal(rec!.recordings, [
    { population: 1, variable: 'v', cells: { population: 1, cells: { $case: 'all', value: true } }, samplingInterval: 0 },
  ]);
});

test('a new Population after the network is built is refused', async () => {
  await fresh();
  new Population(1, new IF_curr_exp());
  await run(1);
  try {
    new Population(1, new IF_curr_exp());
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /^Cannot add a Population after the first run\(\): the engines build the network once/);
  }
});

test.run();
