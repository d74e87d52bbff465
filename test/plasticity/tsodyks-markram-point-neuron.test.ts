// Tsodyks-Markram onto a composed PointNeuron receptor takes that receptor's tau_syn as its tau_psc: with
// PointNeuron(LIF, {AMPA: CondExp(tau_syn 3)}) and IF_cond_exp(tau_syn_E 3), which compose the same model
// (pynn-api.md §2.9), the same depressing synapse driven by the same train gives the same voltage trace (wasm).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

const LIF = { cm: 0.25, tau_m: 15, v_rest: -65, v_reset: -70, v_thresh: -52, tau_refrac: 2 };

test('TM onto PointNeuron AMPA (tau_syn 3) equals TM onto IF_cond_exp (tau_syn_E 3)', async () => {
  await sim.setup({ timestep: 0.1 });
  const composed = new sim.Population(1, new sim.PointNeuron(new sim.LIF(LIF), {
    AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 3 }),
  }), { label: 'composed' });
  const standard = new sim.Population(1, new sim.IF_cond_exp({ ...LIF, e_rev_E: 0, tau_syn_E: 3 }), { label: 'standard' });
  const train = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: [5, 10, 15, 20, 25, 30, 35, 40] }), { label: 'train' });
  const tm = () => new sim.TsodyksMarkramSynapse({ weight: 0.01, delay: 1, U: 0.5, tau_rec: 800, tau_facil: 0 });
  new sim.Projection(train, composed, new sim.AllToAllConnector(), tm(), { receptorType: 'AMPA' });
  new sim.Projection(train, standard, new sim.AllToAllConnector(), tm(), { receptorType: 'excitatory' });
  composed.record('v');
  standard.record('v');
  await sim.run(60);
  const v = async (p: typeof composed) =>
    Array.from((await p.getData()).segments[0]!.analogsignals.find((s) => s.name === 'v')!.column(0));
  const a = await v(composed);
  const b = await v(standard);
  // Depression is visible: the trace rises by less on later spikes, and the two cells agree to float32 precision.
  assert.ok(Math.max(...b) - b[0]! > 1.0, `PSPs must be visible (${Math.max(...b) - b[0]!} mV)`);
  for (let k = 0; k < a.length; ++k) assert.ok(Math.abs(a[k]! - b[k]!) < 1e-4, `t = ${k / 10} ms: ${a[k]} vs ${b[k]}`);
  await sim.end();
});

test.run();
