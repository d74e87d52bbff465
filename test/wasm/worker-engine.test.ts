// The engine in a worker thread (createWasmBackend({ worker: true })) behaves exactly as in this thread: the same
// spikes for the same network and seed, the same EngineError codes and paths, and the main event loop keeps running
// while the worker simulates.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EngineError } from '../../frontend/backend/backend.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { fixedProbability, network, population, runAndCollectSpikes } from './network-builders.js';

const lif = { cm: 0.25, tau_m: 10, v_rest: -65, v_reset: -65, v_thresh: -55, tau_refrac: 2, i_offset: 0, tau_syn_E: 5, tau_syn_I: 5 };

function noisyNetwork() {
  return network(0.1, 99n, [population('noise', 40, 'SpikeSourcePoisson', { rate: 30, start: 0, duration: 1e9 }), population('cells', 20, 'IF_curr_exp', lif, { v: -65 })], [
    fixedProbability(0, 1, 0.3, 0.8, 1.0, 'excitatory', 1n),
  ]);
}

test('spikes in a worker equal spikes in this thread', async () => {
  const inThread = await createWasmBackend();
  const inWorker = await createWasmBackend({ worker: true });
  try {
    const expected = await runAndCollectSpikes(inThread, noisyNetwork(), 3000, 1000);
    const actual = await runAndCollectSpikes(inWorker, noisyNetwork(), 3000, 1000);
    assert.ok(expected.spikes.some((s) => s.startsWith('1:')), 'the driven cells fire');
    assert.equal(actual.spikes, expected.spikes);
    assert.match((await inWorker.getInfo()).devices[0].name, 'in a worker');
  } finally {
    await inThread.close();
    await inWorker.close();
  }
});

test('engine errors cross the worker boundary unchanged', async () => {
  const backend = await createWasmBackend({ worker: true });
  try {
    await backend.createSession(network(0.1, 1n, [population('cells', 1, 'IF_curr_exp', { ...lif, tau_m: Number.NaN })]));
    assert.unreachable('the network is rejected');
  } catch (error) {
    assert.instance(error, EngineError);
    assert.is((error as EngineError).code, 'INVALID_ARGUMENT');
    assert.is((error as EngineError).path, 'network.populations[0].cell_type.parameters["tau_m"].scalar');
    assert.is((error as EngineError).message, 'network.populations[0].cell_type.parameters["tau_m"].scalar: must be a finite number, got nan');
  } finally {
    await backend.close();
  }
});

test('timers fire while the worker runs a long simulation', async () => {
  const backend = await createWasmBackend({ worker: true, maxStepsPerCall: 100000, targetCallMilliseconds: 1e9 });
  try {
    await backend.createSession(noisyNetwork());
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await backend.run({ steps: 200000n, progressEverySteps: 0, chunkSteps: 0 }, () => undefined);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // One engine call of 100000 steps; in this thread no timer could fire during it.
    assert.ok(elapsed > 20, `the run takes long enough to measure (${elapsed.toFixed(0)} ms)`);
    assert.ok(ticks >= 5, `${ticks} timer ticks during ${elapsed.toFixed(0)} ms`);
  } finally {
    await backend.close();
  }
});

test('after close() the session is gone; a new one starts a fresh worker', async () => {
  const backend = await createWasmBackend({ worker: true });
  await backend.createSession(noisyNetwork());
  await backend.close();
  try {
    await backend.reset();
    assert.unreachable('reset needs a session');
  } catch (error) {
    assert.is((error as EngineError).code, 'FAILED_PRECONDITION');
  }
  const info = await backend.createSession(noisyNetwork());
  assert.is(info.neurons, 60n);
  await backend.close();
});

test.run();
