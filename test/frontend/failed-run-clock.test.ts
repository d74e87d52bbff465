// A run that fails part-way (the server's RESOURCE_EXHAUSTED names the step its session stopped at; the wasm
// backend runs in pieces) leaves the engine ahead of the run's start. The clock must follow the engine, so that
// get_current_time() tells where the simulation is and the next runUntil(t) ends at t. The truth: an
// uninterrupted run of the same network and seed, whose spikes and voltages the interrupted one must repeat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { EngineError, type Backend } from '../../frontend/backend/backend.js';
import * as sim from '../../frontend/wasm.js';
import { rejectsError } from './assert-error.js';

/** The wasm backend, whose first run stops after `stopAfter` of its steps with the server's out-of-memory fault. */
async function failingOnce(stopAfter: number): Promise<Backend> {
  const inner = await createWasmBackend();
  let failed = false;
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key !== 'run' || failed) {
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (request: Parameters<Backend['run']>[0], onEvent: Parameters<Backend['run']>[1]) => {
        failed = true;
        const partial = await target.run({ ...request, steps: BigInt(stopAfter) }, onEvent);
        // As engineErrorFromStatus makes it of the server's answer.
        throw new EngineError('RESOURCE_EXHAUSTED', 'Run', `out of memory (the session is at step ${partial.step})`);
      };
    },
  });
}

async function simulate(backend?: () => Promise<Backend>) {
  await sim.setup({ timestep: 0.1, seed: 5, backend });
  const cells = new sim.Population(40, new sim.IF_curr_exp({ tau_refrac: 2 }), { label: 'cells' });
  const drive = new sim.Population(40, new sim.SpikeSourcePoisson({ rate: 800 }), { label: 'drive' });
  new sim.Projection(drive, cells, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.4, delay: 0.1 }));
  new sim.Projection(cells, cells, new sim.FixedProbabilityConnector(0.2, { rng: new sim.NumpyRNG({ seed: 3 }) }),
    new sim.StaticSynapse({ weight: 0.1, delay: 1 }));
  cells.record(['spikes', 'v']);
  const times: number[] = [];
  if (backend) {
    await rejectsError(() => sim.run(100), sim.MemoryError, /the session is at step 370/);
    times.push(sim.getCurrentTime());
  }
  await sim.runUntil(150);
  times.push(sim.getCurrentTime());
  const segment = (await cells.getData()).segments[0]!;
  const spikes = segment.spiketrains.map((train) => Array.from(train.times));
  const v = segment.filter({ name: 'v' })[0]!;
  await sim.end();
  return { times, spikes, v };
}

test('a run that fails part-way: the clock is where the engine stopped, and the next runUntil ends on time', async () => {
  const whole = await simulate();
  const interrupted = await simulate(() => failingOnce(370));
  assert.equal(interrupted.times, [37, 150]);
  assert.equal(whole.times, [150]);
  assert.ok(whole.spikes.flat().length > 100, 'the network fires');
  assert.equal(interrupted.spikes, whole.spikes);
  assert.equal(interrupted.v.shape, whole.v.shape);
  assert.equal(Array.from(interrupted.v.data), Array.from(whole.v.data));
});

test.run();
