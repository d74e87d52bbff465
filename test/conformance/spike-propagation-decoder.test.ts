// Spike propagation, decoded: one-hot SpikeSourceArrays (source i fires once, at its own time t_i), each
// connection with a distinct delay, onto IF_curr_delta cells with a jump far above threshold, so every arriving
// spike makes its target fire in the arrival step. DESIGN.md decision 4: a spike emitted at step k with delay d
// arrives at step k + round(d/dt). Hence every target spike step minus round(d/dt) of its connection must give
// back exactly the emission step of its source: nothing lost, nothing extra, nothing off by one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSim, type Sim } from './tsnn-api.js';

const DT = 0.1;
const N_SOURCES = 8;
// source i fires once at 2 + 2.5 i ms: 25 steps apart, more than any delay used plus refractoriness
const EMIT_MS = Array.from({ length: N_SOURCES }, (_, i) => 2 + 2.5 * i);
const EMIT_STEP = EMIT_MS.map((t) => Math.round(t / DT));
// 20 mV jumps from v_rest = -65 mV cross v_thresh = -50 mV at once
const CELL = { v_rest: -65, v_reset: -65, v_thresh: -50, tau_m: 20, cm: 1, tau_refrac: 0.1 };
const JUMP_MV = 20;

async function start(sim: Sim) {
  await sim.setup({ timestep: DT, minDelay: DT });
  const sources = new sim.Population(
    N_SOURCES,
    new sim.SpikeSourceArray({ spike_times: EMIT_MS.map((t) => [t]) }),
    { label: 'one-hot' },
  );
  return sources;
}

function steps(times: Float64Array | readonly number[]): number[] {
  return Array.from(times, (t) => Math.round(t / DT));
}

test('OneToOneConnector: target i fires at emission step of source i + round(d/dt), once', async () => {
  const sim = await loadSim();
  const sources = await start(sim);
  const delays = [0.1, 0.7, 1.3, 2.9]; // one projection per delay, onto its own target population
  const targets = delays.map((d, k) => {
    const t = new sim.Population(N_SOURCES, new sim.IF_curr_delta(CELL), { label: `oto-${k}` });
    new sim.Projection(sources, t, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: JUMP_MV, delay: d }), {
      receptorType: 'excitatory',
    });
    t.record('spikes');
    return t;
  });
  await sim.run(30);
  for (let k = 0; k < delays.length; ++k) {
    const trains = (await targets[k]!.getData()).segments[0]!.spiketrains;
    const lag = Math.round(delays[k]! / DT);
    for (let i = 0; i < N_SOURCES; ++i) {
      const decoded = steps(trains[i]!.times).map((s) => s - lag);
      assert.equal(decoded, [EMIT_STEP[i]], `delay ${delays[k]} ms, target ${i}`);
    }
  }
  await sim.end();
});

test('AllToAllConnector: every target fires once per source, each decoding to its emission step', async () => {
  const sim = await loadSim();
  const sources = await start(sim);
  const delay = 1.7;
  const t = new sim.Population(3, new sim.IF_curr_delta(CELL), { label: 'ata' });
  new sim.Projection(sources, t, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: JUMP_MV, delay }), {
    receptorType: 'excitatory',
  });
  t.record('spikes');
  await sim.run(30);
  const trains = (await t.getData()).segments[0]!.spiketrains;
  const lag = Math.round(delay / DT);
  for (let j = 0; j < 3; ++j) {
    assert.equal(steps(trains[j]!.times).map((s) => s - lag), EMIT_STEP, `target ${j}`);
  }
  await sim.end();
});

test('FromListConnector: per-connection delays decode to the emission step of each row\'s source', async () => {
  const sim = await loadSim();
  const sources = await start(sim);
  // row i: source i -> target (3 i) mod 8 with delay 0.1 (i + 1) + 0.2 i ms: all distinct, all on the grid
  const rows = EMIT_MS.map((_, i) => [i, (3 * i) % N_SOURCES, JUMP_MV, Number((0.1 * (i + 1) + 0.2 * i).toFixed(10))]);
  const t = new sim.Population(N_SOURCES, new sim.IF_curr_delta(CELL), { label: 'list' });
  new sim.Projection(sources, t, new sim.FromListConnector(rows), new sim.StaticSynapse(), { receptorType: 'excitatory' });
  t.record('spikes');
  await sim.run(30);
  const trains = (await t.getData()).segments[0]!.spiketrains;
  for (const [i, j, , d] of rows) {
    const decoded = steps(trains[j!]!.times).map((s) => s - Math.round(d! / DT));
    assert.equal(decoded, [EMIT_STEP[i!]], `row ${i}: delay ${d} ms to target ${j}`);
  }
  await sim.end();
});

test('a delay off the grid is rounded to the nearest step (1.26 ms -> 13 steps, 1.34 ms -> 13 steps)', async () => {
  const sim = await loadSim();
  const sources = await start(sim);
  const targets = [1.26, 1.34].map((d, k) => {
    const t = new sim.Population(N_SOURCES, new sim.IF_curr_delta(CELL), { label: `round-${k}` });
    new sim.Projection(sources, t, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: JUMP_MV, delay: d }), {
      receptorType: 'excitatory',
    });
    t.record('spikes');
    return t;
  });
  await sim.run(30);
  for (const t of targets) {
    const trains = (await t.getData()).segments[0]!.spiketrains;
    for (let i = 0; i < N_SOURCES; ++i) {
      assert.equal(steps(trains[i]!.times).map((s) => s - 13), [EMIT_STEP[i]], `target ${i}`);
    }
  }
  await sim.end();
});

test.run();
