// Composed PointNeuron through the public API on the WebAssembly engine. Independent truth: the standard model it
// composes. PointNeuron(LIF, {AMPA: CondExp(e_syn 0), GABAA: CondExp(e_syn -70)}) is IF_cond_exp by definition
// (pynn-api.md §2.1, §2.9): the same cells driven by the same inputs must give the same spikes and voltages (the
// core integrates both with the same scheme; we allow float32 recording precision).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSim } from '../conformance/tsnn-api.js';

const LIF = { cm: 0.25, tau_m: 15, v_rest: -65, v_reset: -70, v_thresh: -52, tau_refrac: 2, i_offset: 0.3 };

async function runPair(sim: Awaited<ReturnType<typeof loadSim>>) {
  await sim.setup({ timestep: 0.1, seed: 7 });
  const composed = new sim.Population(
    3,
    new sim.PointNeuron(new sim.LIF(LIF), {
      AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 3 }),
      GABAA: new sim.CondExpPostSynapticResponse({ e_syn: -70, tau_syn: 6 }),
    }),
    { label: 'composed' },
  );
  const standard = new sim.Population(3, new sim.IF_cond_exp({ ...LIF, e_rev_E: 0, e_rev_I: -70, tau_syn_E: 3, tau_syn_I: 6 }), {
    label: 'standard',
  });
  const drive = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 40 }), { label: 'drive' });
  const inhibition = new sim.Population(3, new sim.SpikeSourcePoisson({ rate: 30 }), { label: 'inhibition' });
  for (const [post, exc, inh] of [[composed, 'AMPA', 'GABAA'], [standard, 'excitatory', 'inhibitory']] as const) {
    new sim.Projection(drive, post, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.004, delay: 1 }), { receptorType: exc });
    new sim.Projection(inhibition, post, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.01, delay: 2 }), { receptorType: inh });
  }
  composed.record(['spikes', 'v']);
  standard.record(['spikes', 'v']);
  await sim.run(500);
  const a = (await composed.getData()).segments[0];
  const b = (await standard.getData()).segments[0];
  await sim.end();
  return { a, b };
}

test('PointNeuron(LIF, AMPA/GABAA CondExp) fires and integrates exactly as IF_cond_exp', async () => {
  const sim = await loadSim();
  const { a, b } = await runPair(sim);
  let spikes = 0;
  for (let k = 0; k < 3; k++) {
    assert.equal([...a.spiketrains[k].times], [...b.spiketrains[k].times], `cell ${k} spike times`);
    spikes += a.spiketrains[k].times.length;
  }
  assert.ok(spikes > 5, `the cells must fire (got ${spikes} spikes)`);
  const va = a.filter({ name: 'v' })[0];
  const vb = b.filter({ name: 'v' })[0];
  assert.equal(va.shape, vb.shape);
  let maxDiff = 0;
  for (let k = 0; k < va.data.length; k++) maxDiff = Math.max(maxDiff, Math.abs(va.data[k] - vb.data[k]));
  assert.ok(maxDiff <= 1e-4, `v differs by ${maxDiff} mV`);
});

test.run();
