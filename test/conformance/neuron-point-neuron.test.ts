// The composed PointNeuron against the NEURON references of the standard models it is equivalent to (PyNN 0.10.1
// has no PointNeuron, on any backend, so no fixture of its own can be made with it):
//   PointNeuron(AdExp, AMPA = CondAlpha(e_rev_E, tau_syn_E), GABA = CondAlpha(e_rev_I, tau_syn_I)) = EIF_cond_alpha_isfa_ista
//   PointNeuron(LIF(cm 0.2 nF, tau_m = 0.2 nF / g_leak, tau_refrac 1 ms), AMPA = CondExp(0 mV, tau_syn_E),
//               GABA = CondExp(e_rev_I, tau_syn_I)) = IF_facets_hardware1
// The fixtures (test/fixtures/neuron_*.json) are run with the composed cell, input on the named receptors, and judged
// by the same tolerances and spike rules as the standard models' tests.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareTrace } from './check-fixture.js';
import { loadFixture, type Fixture } from './fixtures.js';
import { loadSim } from './tsnn-api.js';
import { firstSpikeOnNextSampleAndCount, intervalsWithinOneStep } from './neuron-spike-rules.js';

type Sim = Awaited<ReturnType<typeof loadSim>>;
const RECEPTOR = { excitatory: 'AMPA', inhibitory: 'GABA' } as const;

function composedCell(sim: Sim, model: string, q: Record<string, number>) {
  if (model === 'EIF_cond_alpha_isfa_ista') {
    const { tau_syn_E, tau_syn_I, e_rev_E, e_rev_I, ...neuron } = q;
    return new sim.PointNeuron(new sim.AdExp(neuron), {
      AMPA: new sim.CondAlphaPostSynapticResponse({ e_syn: e_rev_E!, tau_syn: tau_syn_E! }),
      GABA: new sim.CondAlphaPostSynapticResponse({ e_syn: e_rev_I!, tau_syn: tau_syn_I! }),
    });
  }
  if (model === 'IF_facets_hardware1') {
    const { g_leak, tau_syn_E, tau_syn_I, e_rev_I, v_rest, v_reset, v_thresh } = q;
    // the values IF_facets_hardware1 fixes (pynn-api.md): cm 0.2 nF, tau_refrac 1 ms, e_rev_E 0 mV; g_leak in nS
    const neuron = new sim.LIF({ cm: 0.2, tau_m: (0.2 * 1000) / g_leak!, tau_refrac: 1.0, v_rest: v_rest!, v_reset: v_reset!, v_thresh: v_thresh!, i_offset: 0 });
    return new sim.PointNeuron(neuron, {
      AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0.0, tau_syn: tau_syn_E! }),
      GABA: new sim.CondExpPostSynapticResponse({ e_syn: e_rev_I!, tau_syn: tau_syn_I! }),
    });
  }
  throw new Error(`no composed equivalent written for ${model}`);
}

async function runComposed(fixture: Fixture) {
  const sim = await loadSim();
  await sim.setup({ timestep: fixture.dt, minDelay: fixture.dt });
  const byLabel = new Map<string, any>();
  for (const p of fixture.populations) {
    const pop = new sim.Population(p.size, composedCell(sim, p.cell_type, p.parameters), { label: p.label, initialValues: p.initial_values });
    pop.record(['spikes', 'v']);
    byLabel.set(p.label, pop);
  }
  for (const s of fixture.spike_sources) {
    byLabel.set(s.label, new sim.Population(s.size, new sim.SpikeSourceArray({ spike_times: s.spike_times }), { label: s.label }));
  }
  for (const c of fixture.current_sources) new sim.DCSource(c.parameters as any).injectInto(byLabel.get(c.inject_into));
  for (const pr of fixture.projections) {
    new sim.Projection(byLabel.get(pr.pre), byLabel.get(pr.post), new sim.OneToOneConnector(),
      new sim.StaticSynapse({ weight: pr.weight, delay: pr.delay }), { receptorType: RECEPTOR[pr.receptor_type] });
  }
  await sim.run(fixture.t_stop);
  const out: Record<string, { spikes: number[]; v: number[] }> = {};
  for (const p of fixture.populations) {
    const segment = (await byLabel.get(p.label).getData()).segments[0];
    out[p.label] = {
      spikes: Array.from(segment.spiketrains[0].times as Float64Array),
      v: Array.from(segment.filter({ name: 'v' })[0].column(0) as Float32Array),
    };
  }
  await sim.end();
  return out;
}

const names = [
  'neuron_EIF_cond_alpha_isfa_ista_dc',
  'neuron_EIF_cond_alpha_isfa_ista_synaptic',
  'neuron_IF_facets_hardware1_dc',
  'neuron_IF_facets_hardware1_synaptic',
];

for (const name of names) {
  test(`composed PointNeuron on ${name}`, async () => {
    const fixture = loadFixture(name);
    const got = await runComposed(fixture);
    const refError = Math.max(...Object.values((fixture as any).neuron.spike_time_shift_dt_vs_2dt_ms as Record<string, number>));
    const problems: string[] = [];
    for (const { label } of fixture.populations) {
      problems.push(...compareTrace(fixture, label, 'v', got[label]!.v, fixture.tolerance.v_mV, fixture.tolerance.v_compare_until_ms[label]!));
      const rule = fixture.protocol === 'dc' ? intervalsWithinOneStep : firstSpikeOnNextSampleAndCount;
      problems.push(...rule(got[label]!.spikes, fixture.results[label]!.spikes!, fixture.dt, refError).map((p) => `${name} ${label}: ${p}`));
    }
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
