// A single IF_curr_exp driven by i_offset, through the whole WebAssembly path (encode, tsnn_call, decode). Between
// spikes V(t) = v_rest + R·I + (V0 − v_rest − R·I)·exp(−t/tau_m) with R = tau_m/cm, so the threshold is reached after
// t = tau_m·ln((V0 − v_rest − R·I)/(v_thresh − v_rest − R·I)). On the NEST/PyNN grid the spike is stamped at the first
// step at or after that time; after a spike V is clamped to v_reset for tau_refrac, then integrates again from v_reset
// (the same timing as test/fixtures/IF_curr_exp_dc.json, made with PyNN + Brian2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { network, population, runAndCollectSpikes, stepsOf } from './network-builders.js';

const dt = 0.1;
const p = { cm: 0.5, tau_m: 15, v_rest: -65, v_reset: -70, v_thresh: -52, tau_refrac: 2, i_offset: 0.8, tau_syn_E: 5, tau_syn_I: 5 };

function timeToThreshold(v0: number): number {
  const drive = p.i_offset * (p.tau_m / p.cm); // R·I in mV
  return p.tau_m * Math.log((v0 - p.v_rest - drive) / (p.v_thresh - p.v_rest - drive));
}

function expectedSpikeSteps(totalSteps: number): number[] {
  const first = Math.ceil(timeToThreshold(p.v_rest) / dt - 1e-9);
  const interval = Math.round(p.tau_refrac / dt) + Math.ceil(timeToThreshold(p.v_reset) / dt - 1e-9);
  const steps: number[] = [];
  for (let s = first; s <= totalSteps; s += interval) steps.push(s);
  return steps;
}

test('first spike and inter-spike interval match the analytic solution on the step grid', async () => {
  // Worked numbers: t1 = 11.70 ms -> step 118; ISI = 20 + ceil(145.41) = 166 steps (16.6 ms, as the fixture).
  const expected = expectedSpikeSteps(1000);
  assert.equal(expected.slice(0, 3), [118, 284, 450]);
  const backend = await createWasmBackend();
  try {
    const record = await runAndCollectSpikes(backend, network(dt, 1n, [population('cell', 1, 'IF_curr_exp', p, { v: p.v_rest })]), 1000);
    assert.equal(stepsOf(record, 0, 0), expected);
    assert.is(record.finalStep, 1000n);
  } finally {
    await backend.close();
  }
});

test('a cell below threshold (R·I < v_thresh − v_rest) never fires', async () => {
  const backend = await createWasmBackend();
  try {
    const weak = { ...p, i_offset: 0.4 }; // R·I = 12 mV < 13 mV
    const record = await runAndCollectSpikes(backend, network(dt, 1n, [population('cell', 1, 'IF_curr_exp', weak, { v: p.v_rest })]), 2000);
    assert.equal(record.spikes, []);
  } finally {
    await backend.close();
  }
});

test('the spikes do not depend on how run() splits the steps into engine calls', async () => {
  const net = network(dt, 1n, [population('cell', 3, 'IF_curr_exp', p, { v: p.v_rest })]);
  const oneCall = await createWasmBackend({ maxStepsPerCall: 100000, targetCallMilliseconds: 1e9 });
  const manyCalls = await createWasmBackend({ maxStepsPerCall: 7 });
  try {
    const a = await runAndCollectSpikes(oneCall, net, 1000);
    const progress: bigint[] = [];
    await manyCalls.createSession(net);
    const spikes: string[] = [];
    await manyCalls.run({ steps: 1000n, progressEverySteps: 250, chunkSteps: 0 }, (event) => {
      if (event.event?.$case === 'progress') progress.push(event.event.value.step);
      if (event.event?.$case === 'data') {
        const d = event.event.value;
        d.spikeCells.forEach((c, k) => spikes.push(`${d.population}:${c}:${d.spikeSteps[k]}`));
      }
    });
    assert.equal(progress, [250n, 500n, 750n, 1000n]);
    assert.equal(spikes.sort(), [...a.spikes].sort());
    assert.is(a.spikes.length, 3 * expectedSpikeSteps(1000).length);
  } finally {
    await oneCall.close();
    await manyCalls.close();
  }
});

test.run();
