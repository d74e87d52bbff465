// A run whose sampled recording could not be kept is refused before it starts (MemoryError), and the simulation
// and its recorded data are kept; a run that records allocates its samples once. The truth: PyNN's sample count,
// ⌊t/interval⌋ + 1 samples a cell after a run to t (t = 0 included), four bytes each.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { currentState } from '../../frontend/simulation/state.js';
import { checkRecordingMemory } from '../../frontend/simulation/recording-memory.js';
import { RecordingStore } from '../../frontend/results/recording-store.js';
import { samplesMessage } from './recorded-data.js';

const dt = 0.1;

async function thrown(action: () => Promise<unknown> | unknown): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw');
}

test('more values than one recorded variable can hold: refused before the run, nothing lost', async () => {
  await sim.setup({ timestep: dt });
  const cells = 20_000;
  const p = new sim.Population(cells, new sim.IF_curr_exp({ i_offset: 0.5 }), { label: 'wide' });
  p.record('v');
  await sim.run(1);
  // 30 s more: 300,011 samples × 20,000 cells = 6.0e9 values, past a typed array's 2^32.
  const error = await thrown(() => sim.run(30_000));
  assert.instance(error, sim.MemoryError);
  assert.match(error.message, "'v' of population 'wide' (20000 cells every 0.1 ms)");
  assert.match(error.message, '2^32');
  assert.match(error.message, 'Nothing was run');
  assert.is(sim.getCurrentTime(), 1);
  await sim.run(1);
  const v = (await p.getData({ variables: 'v' })).segments[0]!.analogsignals[0]!;
  assert.is(v.times.length, 21);
  assert.is(v.shape[1], cells);
  await sim.end();
});

test('the bytes a run allocates for its recording, against what is available', async () => {
  await sim.setup({ timestep: dt });
  const p = new sim.Population(100, new sim.IF_cond_exp(), { label: 'cond' });
  p.record(['v', 'gsyn_exc']);
  await sim.run(10);
  const state = currentState();
  // The first run allocated its 101 samples × 100 cells once, not a doubled buffer.
  for (const variable of ['v', 'gsyn_exc']) assert.equal(state.store.sampleStorage(0, variable), { values: 10_100, capacity: 10_100, width: 100 });
  // 100 ms more: each variable grows to (1100 + 1) × 100 values of 4 bytes.
  const needed = 2 * 1101 * 100 * 4;
  const error = await thrown(() => checkRecordingMemory(state, 1000, needed - 1));
  assert.instance(error, sim.MemoryError);
  assert.match(error.message, `would need ${(needed / 1e9).toFixed(3)} GB`);
  assert.match(error.message, "'v' of population 'cond' (100 cells every 0.1 ms)");
  assert.match(error.message, "'gsyn_exc' of population 'cond'");
  assert.not.throws(() => checkRecordingMemory(state, 1000, needed));
  await sim.run(100);
  assert.equal(state.store.sampleStorage(0, 'v'), { values: 110_100, capacity: 110_100, width: 100 });
  const v = (await p.getData({ variables: 'v' })).segments[0]!.analogsignals[0]!;
  assert.is(v.times.length, 1101);
  await sim.end();
});

test("the store allocates a run's expected samples once, however many chunks they come in", () => {
  const fill = (store: RecordingStore) => {
    for (let k = 0; k < 1000; ++k) store.add(samplesMessage(0, 'v', k, 1, 3, (sample, cell) => sample + cell / 10));
  };
  const doubling = new RecordingStore();
  fill(doubling);
  assert.equal(doubling.sampleStorage(0, 'v'), { values: 3000, capacity: 4096, width: 3 });
  const planned = new RecordingStore();
  planned.expectRun([{ population: 0, variable: 'v', values: 3000 }]);
  fill(planned);
  assert.equal(planned.sampleStorage(0, 'v'), { values: 3000, capacity: 3000, width: 3 });
});

test('a sampling interval counts its samples only', async () => {
  await sim.setup({ timestep: dt });
  const p = new sim.Population(10, new sim.IF_curr_exp(), { label: 'sparse' });
  p.record('v', { samplingInterval: 1 });
  await sim.run(50);
  assert.equal(currentState().store.sampleStorage(0, 'v'), { values: 51 * 10, capacity: 51 * 10, width: 10 });
  await sim.end();
});

test.run();
