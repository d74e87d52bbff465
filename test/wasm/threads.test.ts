// setup({ threads }) loads the threaded WebAssembly build and splits the step loop over threads; the results must
// not change (DESIGN §3): the same spikes, membrane traces and plastic weights as one thread, for a network with
// every kind of population the split step handles (uniform and per-cell LIF, IF_cond_exp, Izhikevich, Poisson) and
// ones it keeps whole (SpikeSourceArray, a small population), static projections (delivered by every thread onto
// its own cells, single synapses onto the edges of the threads' halves among them) and an STDP projection (delivered
// by one thread); projections expanded on several threads fail with the error of one. Needs the wasm builds (npm
// run build).
import { availableParallelism } from 'node:os';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { network, population, fixedProbability } from './network-builders.js';

interface Outcome {
  spikes: string[];
  v: number[];
  weights: number[];
}

async function runNetwork(threads: number, plastic: boolean, worker = false): Promise<Outcome> {
  await sim.setup({ timestep: 0.1, seed: 7, threads, wasm: { worker } });
  const rng = new sim.NumpyRNG({ seed: 99 });
  const noise = new sim.Population(600, new sim.SpikeSourcePoisson({ rate: 30 }), { label: 'noise' });
  const curr = new sim.Population(500, new sim.IF_curr_exp({ tau_refrac: 2 }), { label: 'curr' });
  const alpha = new sim.Population(301, new sim.IF_curr_alpha({
    v_thresh: new sim.RandomDistribution('uniform', { low: -54, high: -50 }, rng),
  }), { label: 'alpha' });
  const cond = new sim.Population(400, new sim.IF_cond_exp(), { label: 'cond' });
  const izh = new sim.Population(200, new sim.Izhikevich({ i_offset: 0.004 }), { label: 'izh' });
  const array = new sim.Population(5, new sim.SpikeSourceArray({ spike_times: [3.0, 3.0, 17.5, 40.2] }), { label: 'array' });
  const small = new sim.Population(30, new sim.IF_curr_exp(), { label: 'small' });
  // Escape noise: each thread draws its range's uniforms at once (philoxUniformRun), into one shared row.
  const gif = new sim.Population(151, new sim.GIF_cond_exp({ i_offset: 0.8, lambda0: 10 }), { label: 'gif' });
  const connect = (pre: sim.Population, post: sim.Population | sim.Assembly, p: number, weight: number, receptorType = 'excitatory') =>
    new sim.Projection(pre, post, new sim.FixedProbabilityConnector(p, { rng }),
      new sim.StaticSynapse({ weight, delay: new sim.RandomDistribution('uniform', { low: 0.1, high: 2.0 }, rng) }),
      { receptorType });
  connect(noise, curr, 0.05, 0.5);
  connect(noise, alpha, 0.05, 0.5);
  connect(noise, cond, 0.05, 0.004);
  connect(noise, small, 0.1, 0.4);
  connect(array, curr, 0.5, 2.0);
  connect(curr, alpha, 0.05, 0.3);
  connect(alpha, curr, 0.05, -0.4, 'inhibitory');
  connect(curr, cond, 0.02, 0.003);
  connect(cond, small, 0.1, -0.5, 'inhibitory');
  connect(noise, gif, 0.05, 0.004);
  // An Assembly as target: channels of two populations in one projection.
  connect(noise, new sim.Assembly([curr, small]), 0.01, 0.2);
  const stdp = plastic
    ? new sim.Projection(noise, alpha, new sim.FixedProbabilityConnector(0.03, { rng }), new sim.STDPMechanism({
        timingDependence: new sim.SpikePairRule({ tau_plus: 20, tau_minus: 20, A_plus: 0.01, A_minus: 0.012 }),
        weightDependence: new sim.AdditiveWeightDependence({ w_min: 0, w_max: 1 }),
        weight: 0.4,
        delay: 1.0,
      }))
    : undefined;
  // Current sources (computed before the threads start a step) and a change between runs.
  new sim.DCSource({ amplitude: 0.3, start: 20, stop: 150 }).injectInto(curr);
  new sim.NoisyCurrentSource({ mean: 0.1, stdev: 0.2, start: 0, stop: 300, dt: 1.0 }).injectInto(cond);
  // Cells at the edges of the two workers' halves ([0, 128) and [128, 256)), each reached by one synapse only: a
  // thread that skipped a neuron whose row reaches its cells at the window's last cell (Connectivity's reach plan)
  // would lose the spike.
  const edgeSources = new sim.Population(4, new sim.SpikeSourceArray({ spike_times: [3.0, 17.5, 40.2] }), { label: 'edgeSources' });
  const edge = new sim.Population(256, new sim.IF_curr_exp(), { label: 'edge' });
  new sim.Projection(edgeSources, edge, new sim.FromListConnector([[0, 127], [1, 128], [2, 255], [3, 0]]),
    new sim.StaticSynapse({ weight: 10, delay: 1.0 }));
  const recorded = [curr, alpha, cond, izh, small, edge, gif];
  for (const p of recorded) p.record('spikes');
  curr.sample(5, rng).record('v');
  cond.record('v', { samplingInterval: 0.5 });
  await sim.run(120);
  array.set({ spike_times: [130.0, 131.5] });
  await sim.run(80);
  // A second segment after reset: the threads restart with the state.
  await sim.reset();
  await sim.run(60);
  const spikes: string[] = [];
  const v: number[] = [];
  for (const p of recorded) {
    for (const [k, segment] of (await p.getData()).segments.entries()) {
      segment.spiketrains.forEach((train, i) => spikes.push(`${k} ${p.label}[${i}]: ${Array.from(train.times).join(',')}`));
      for (const signal of segment.analogsignals) for (const x of signal.data) v.push(x);
    }
  }
  const weights = stdp ? ((await stdp.get('weight', { withAddress: false })) as number[]) : [];
  await sim.end();
  return { spikes, v, weights };
}

test('two threads give the same spikes and traces as one', async () => {
  const one = await runNetwork(1, false);
  const fired = one.spikes.filter((s) => !s.endsWith(': ')).length;
  assert.ok(fired > 300, `the network is active (${fired} cells fired)`);
  const gifFired = one.spikes.filter((s) => s.includes(' gif[') && !s.endsWith(': ')).length;
  assert.ok(gifFired > 20, `the GIF cells' escape noise fires (${gifFired} cell segments with spikes)`);
  const two = await runNetwork(2, false);
  assert.equal(two.spikes, one.spikes);
  assert.equal(two.v, one.v);
});

test('the engine in a worker runs its threads too, with the same results', async () => {
  const one = await runNetwork(1, false);
  const two = await runNetwork(2, false, true);
  assert.equal(two.spikes, one.spikes);
  assert.equal(two.v, one.v);
});

test('with an STDP projection (one thread delivers) the weights match too', async () => {
  const one = await runNetwork(1, true);
  const two = await runNetwork(2, true);
  assert.ok(one.weights.some((w) => w !== 0.4), 'STDP changed some weights');
  assert.equal(two.weights, one.weights);
  assert.equal(two.spikes, one.spikes);
});

test('the engine reports the threads it uses: the request, at most the cores', async () => {
  const backend = await createWasmBackend({ threads: 2 });
  try {
    for (const threads of [1, 2, 64]) {
      const net = network(0.1, 1n, [population('a', 10, 'IF_curr_exp', {}), population('b', 10, 'IF_curr_exp', {})], [
        fixedProbability(0, 1, 0.5, 0.1, 1.0, 'excitatory', 1n),
      ]);
      net.settings!.threads = threads;
      const info = await backend.createSession(net);
      assert.is(info.threads, Math.min(threads, availableParallelism()), `threads ${threads}`);
    }
  } finally {
    await backend.close();
  }
});

async function buildFailure(threads: number): Promise<string> {
  await sim.setup({ timestep: 0.1, seed: 3, threads });
  const rng = new sim.NumpyRNG({ seed: 1 });
  const a = new sim.Population(50, new sim.IF_curr_exp(), { label: 'a' });
  const b = new sim.Population(400, new sim.IF_curr_exp(), { label: 'b' });
  // Negative delays come out of the engine's draws only: projections 1 and 2 fail, 2 is larger and so expanded first.
  const negativeDelays = new sim.RandomDistribution('normal', { mu: 1, sigma: 5 }, rng);
  new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.1, delay: 1 }));
  new sim.Projection(a, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.1, delay: negativeDelays }));
  new sim.Projection(b, b, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.1, delay: negativeDelays }));
  try {
    await sim.run(1);
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await sim.end();
  }
}

test('projections expanded on two threads fail with the error one thread gives: the first in Network order', async () => {
  const one = await buildFailure(1);
  assert.match(one, /^Projection 'a→a', synapse\.delay: .*non-negative/);
  assert.is(await buildFailure(2), one);
});

test('a network whose expansion on the threads grows the heap by over 100 MB runs and reads back', async () => {
  // 2 x 8 million synapses: the heap grows by over 100 MB while worker threads expand them.
  await sim.setup({ timestep: 0.1, seed: 5, threads: 2 });
  const a = new sim.Population(2000, new sim.IF_curr_exp({ i_offset: 2.0 }), { label: 'a' });
  const b = new sim.Population(4000, new sim.IF_curr_exp(), { label: 'b' });
  const big = new sim.Projection(a, b, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.001, delay: 1 }));
  new sim.Projection(b, a, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: -0.001, delay: 1 }));
  b.record('spikes');
  await sim.run(5);
  const delays = (await big.get('delay', { withAddress: false })) as number[];
  assert.is(delays.length, 8_000_000);
  assert.ok(delays.every((d) => d === 1));
  await sim.end();
});

test('setup() refuses a thread count that is not a positive integer', async () => {
  for (const bad of [0, -1, 1.5, Number.NaN, 2000]) {
    let message = '';
    try {
      await sim.setup({ threads: bad });
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /threads must be an integer from 1 to 1024/, `threads ${bad}`);
  }
});

test.run();
