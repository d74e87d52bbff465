// SpikeSourceArray times off the grid fire at the end of the step that holds them, as NEST's Time::ms_stamp
// (pyNN.brian2 too, one step earlier on its own schedule): 1.04 ms at dt 0.1 fires at 1.1. They were rounded to
// the nearest step: 1.04 fired early at 1.0, 0.05 and 0.15 merged at 0.1, and 0.04 was dropped. Times on the grid
// are unchanged. Negative times are refused when given, as PyNN's "Spike times cannot be negative".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { InvalidParameterValueError } from '../../frontend/errors.js';

async function emitted(times: number[], setAt?: { t: number; times: number[] }) {
  await sim.setup({ timestep: 0.1 });
  const source = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: times }), { label: 'src' });
  source.record('spikes');
  if (setAt) {
    await sim.run(setAt.t);
    source.set({ spike_times: setAt.times });
  }
  await sim.run(10);
  const out = Array.from((await source.getData()).segments[0]!.spiketrains[0]!.times);
  await sim.end();
  return out;
}

test('off-grid times fire at the end of their step; on-grid times at their own step', async () => {
  assert.equal(await emitted([0.04, 0.05, 0.15, 1.04, 1.14, 2.06, 3.0, 4.3]), [0.1, 0.1, 0.2, 1.1, 1.2, 2.1, 3.0, 4.3]);
  // Set between runs at t = 5: 5.04 lies in the step ending at 5.1 and fires then.
  assert.equal(await emitted([], { t: 5, times: [5.04, 6.0] }), [5.1, 6.0]);
});

test('negative or non-finite spike times are refused at construction and at set()', async () => {
  await sim.setup({ timestep: 0.1 });
  const refused = (f: () => unknown) =>
    assert.throws(f, (e: Error) => e instanceof InvalidParameterValueError && /spike times must be finite and >= 0 ms; cell 0 has -1/.test(e.message));
  refused(() => new sim.Population(1, new sim.SpikeSourceArray({ spike_times: [-1, 2] })));
  const source = new sim.Population(2, new sim.SpikeSourceArray({ spike_times: [1, 2] }));
  refused(() => source.set({ spike_times: [-1, 1] }));
  assert.equal((source.get('spike_times') as sim.Sequence).value, [1, 2]);
  await sim.end();
});

test.run();
