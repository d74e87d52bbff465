// EIF_cond_alpha_isfa_ista against PyNN 0.10.1 on NEURON 8.2.2 (test/fixtures/neuron_EIF_cond_alpha_isfa_ista_*.json,
// made by test/reference/neuron_integrate_and_fire.py at a 0.001 ms fixed step). PyNN's Brian2 backend gives this
// model exponential synapses, so its synaptic input is checked here: v before the first spike within the fixture's
// tolerance (NEURON's dt vs 2 dt error and what 10 RK4 substeps cost), spike times under the rules of
// neuron-spike-rules.ts (NEURON resets at the v_spike crossing, tsnn at the next sample).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareTrace } from './check-fixture.js';
import { loadFixture } from './fixtures.js';
import { runFixture } from './run-fixture.js';
import { firstSpikeOnNextSampleAndCount, intervalsWithinOneStep } from './neuron-spike-rules.js';

const names = ['neuron_EIF_cond_alpha_isfa_ista_dc', 'neuron_EIF_cond_alpha_isfa_ista_synaptic'];

test('the reference adapts under DC (b, a): each interval longer than the one before', () => {
  const spikes = loadFixture('neuron_EIF_cond_alpha_isfa_ista_dc').results.supra!.spikes!;
  assert.ok(spikes.length >= 3, `${spikes.length} spikes`);
  for (let k = 2; k < spikes.length; ++k) assert.ok(spikes[k]! - spikes[k - 1]! > spikes[k - 1]! - spikes[k - 2]!);
});

test('the synaptic reference fires in both excitatory bursts and the sub cell stays silent', () => {
  const results = loadFixture('neuron_EIF_cond_alpha_isfa_ista_synaptic').results;
  const spikes = results.supra!.spikes!;
  assert.ok(spikes.some((t) => t < 30) && spikes.some((t) => t > 50 && t < 70), spikes.join(', '));
  assert.equal(results.sub!.spikes, []);
});

for (const name of names) {
  test(name, async () => {
    const fixture = loadFixture(name);
    const got = await runFixture(fixture);
    const refError = Math.max(...Object.values((fixture as any).neuron.spike_time_shift_dt_vs_2dt_ms as Record<string, number>));
    const problems: string[] = [];
    for (const { label } of fixture.populations) {
      problems.push(...compareTrace(fixture, label, 'v', got[label]!.traces.v!, fixture.tolerance.v_mV, fixture.tolerance.v_compare_until_ms[label]!));
      const rule = fixture.protocol === 'dc' ? intervalsWithinOneStep : firstSpikeOnNextSampleAndCount;
      problems.push(...rule(got[label]!.spikes, fixture.results[label]!.spikes!, fixture.dt, refError).map((p) => `${name} ${label}: ${p}`));
    }
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
