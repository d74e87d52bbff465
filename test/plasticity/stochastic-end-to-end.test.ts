// Stochastic synapses through the whole stack on the WebAssembly engine (needs the wasm build): one presynaptic
// spike onto 1000 quiet cells, one synapse each; the PSP of each cell tells how many quanta it received. Counts lie
// within binomial bounds (mean ± 5 sd, computed here), each PSP is a whole multiple of the one-quantum PSP of a
// static synapse of the same weight, and the same seed gives the same outcome.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

const N = 1000;

// Depolarisation of every post cell 5 ms after the PSC arrives, for the synapse type given, and that of a
// reference cell receiving the same weight through a static synapse.
async function quanta(synapse: sim.SynapseType, weight: number, seed: number, afterReset = false): Promise<number[]> {
  await sim.setup({ timestep: 0.1, seed });
  const source = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: [5.0] }), { label: 'source' });
  const post = new sim.Population(N, new sim.IF_curr_exp(), { label: 'post' });
  const reference = new sim.Population(1, new sim.IF_curr_exp(), { label: 'reference' });
  post.record('v');
  reference.record('v');
  new sim.Projection(source, post, new sim.AllToAllConnector(), synapse);
  new sim.Projection(source, reference, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight, delay: 1.0 }));
  await sim.run(12.0);
  if (afterReset) {
    await sim.reset();
    await sim.run(12.0);
  }
  const at = 110;  // t = 11 ms
  const segment = afterReset ? 1 : 0;
  const v = (await post.getData()).segments[segment]!.analogsignals.find((s) => s.name === 'v')!;
  const r = (await reference.getData()).segments[segment]!.analogsignals.find((s) => s.name === 'v')!;
  const rest = r.column(0)[0]!;
  const one = r.column(0)[at]! - rest;
  await sim.end();
  return Array.from({ length: N }, (_, j) => (v.column(j)[at]! - rest) / one);
}

const sd = (n: number, p: number) => Math.sqrt(n * p * (1 - p));

test('SimpleStochasticSynapse: each cell gets 0 or 1 quantum, binomially with p', async () => {
  const q = await quanta(new sim.SimpleStochasticSynapse({ weight: 0.5, delay: 1.0, p: 0.3 }), 0.5, 7);
  for (const x of q) assert.ok(Math.abs(x) < 1e-3 || Math.abs(x - 1) < 1e-3, `quanta ${x}`);
  const transmitted = q.filter((x) => x > 0.5).length;
  assert.ok(Math.abs(transmitted - N * 0.3) <= 5 * sd(N, 0.3), `${transmitted} of ${N}`);
  const again = await quanta(new sim.SimpleStochasticSynapse({ weight: 0.5, delay: 1.0, p: 0.3 }), 0.5, 7);
  assert.equal(again, q);
});

test('after reset() the same spike draws new releases (as NEST after a reset), binomially again', async () => {
  const first = await quanta(new sim.SimpleStochasticSynapse({ weight: 0.5, delay: 1.0, p: 0.3 }), 0.5, 7);
  const second = await quanta(new sim.SimpleStochasticSynapse({ weight: 0.5, delay: 1.0, p: 0.3 }), 0.5, 7, true);
  const released = (q: number[]) => q.map((x) => (x > 0.5 ? 1 : 0));
  assert.not.equal(released(second), released(first));
  const transmitted = second.filter((x) => x > 0.5).length;
  assert.ok(Math.abs(transmitted - N * 0.3) <= 5 * sd(N, 0.3), `${transmitted} of ${N}`);
});

test('MultiQuantalSynapse: whole numbers of quanta from n = 4 sites releasing with probability U', async () => {
  const q = await quanta(new sim.MultiQuantalSynapse({ weight: 0.25, delay: 1.0, U: 0.4, n: 4 }), 0.25, 11);
  let sites = 0;
  for (const x of q) {
    const k = Math.round(x);
    assert.ok(Math.abs(x - k) < 1e-3 && k >= 0 && k <= 4, `quanta ${x}`);
    sites += k;
  }
  assert.ok(Math.abs(sites - 4 * N * 0.4) <= 5 * sd(4 * N, 0.4), `${sites} of ${4 * N} sites`);
});

test.run();
