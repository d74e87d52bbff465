// IF_facets_hardware1 against PyNN 0.10.1 on NEURON 8.2.2 (test/fixtures/neuron_IF_facets_hardware1_*.json, made
// by test/reference/neuron_integrate_and_fire.py at a 0.001 ms fixed step; cm = 0.2 nF, tau_refrac = 1 ms and
// e_rev_E = 0 mV are fixed by the model, so they are not passed): v before the first spike within the fixture's
// tolerance, spike times under the rules of neuron-spike-rules.ts (NEURON resets at the crossing, tsnn at the next
// sample).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareTrace } from './check-fixture.js';
import { loadFixture } from './fixtures.js';
import { runFixture } from './run-fixture.js';
import { firstSpikeOnNextSampleAndCount, intervalsWithinOneStep } from './neuron-spike-rules.js';

const names = ['neuron_IF_facets_hardware1_dc', 'neuron_IF_facets_hardware1_synaptic'];

test('under DC the reference fires regularly, with the 1 ms refractory period inside each interval', () => {
  const spikes = loadFixture('neuron_IF_facets_hardware1_dc').results.supra!.spikes!;
  assert.ok(spikes.length >= 5, `${spikes.length} spikes`);
  // no adaptation in this model: equal intervals (to NEURON's 0.001 ms step and its 0.01 ms spike-time shift)
  for (let k = 2; k < spikes.length; ++k) assert.ok(Math.abs(spikes[k]! - 2 * spikes[k - 1]! + spikes[k - 2]!) < 0.02);
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
