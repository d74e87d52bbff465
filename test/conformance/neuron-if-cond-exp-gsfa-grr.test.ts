// IF_cond_exp_gsfa_grr against PyNN 0.10.1 on NEURON 8.2.2 (test/fixtures/neuron_IF_cond_exp_gsfa_grr_*.json,
// made by test/reference/neuron_integrate_and_fire.py at a 0.001 ms fixed step): v before the first spike
// within the fixture's tolerance, and spike times under the rules of neuron-spike-rules.ts (NEURON resets at the
// crossing, tsnn at the next sample); the lengthening intervals are the adaptation (q_sfa) and the relative
// refractory conductance (q_rr) at work.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareTrace } from './check-fixture.js';
import { loadFixture } from './fixtures.js';
import { runFixture } from './run-fixture.js';
import { firstSpikeOnNextSampleAndCount, intervalsWithinOneStep } from './neuron-spike-rules.js';

const names = ['neuron_IF_cond_exp_gsfa_grr_dc', 'neuron_IF_cond_exp_gsfa_grr_synaptic'];

test('under DC the reference adapts: each interval longer than the one before', () => {
  const spikes = loadFixture('neuron_IF_cond_exp_gsfa_grr_dc').results.supra!.spikes!;
  assert.ok(spikes.length >= 3, `${spikes.length} spikes`);
  for (let k = 2; k < spikes.length; ++k) assert.ok(spikes[k]! - spikes[k - 1]! > spikes[k - 1]! - spikes[k - 2]!);
});

for (const name of names) {
  test(name, async () => {
    const fixture = loadFixture(name);
    const got = await runFixture(fixture);
    const refError = Math.max(...Object.values((fixture as any).neuron.spike_time_shift_dt_vs_2dt_ms as Record<string, number>));
    const problems: string[] = [];
    for (const { label } of fixture.populations) {
      problems.push(...compareTrace(fixture, label, 'v', got[label]!.traces.v!, fixture.tolerance.v_mV, fixture.tolerance.v_compare_until_ms[label]!));
      const want = fixture.results[label]!.spikes!;
      const rule = fixture.protocol === 'dc' ? intervalsWithinOneStep : firstSpikeOnNextSampleAndCount;
      problems.push(...rule(got[label]!.spikes, want, fixture.dt, refError).map((p) => `${name} ${label}: ${p}`));
    }
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
