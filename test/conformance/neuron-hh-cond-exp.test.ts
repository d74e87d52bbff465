// HH_cond_exp against PyNN 0.10.1 on NEURON 8.2.2 (test/fixtures/neuron_HH_cond_exp_*.json, made by
// test/reference/neuron_hh_cond_exp.py: CVODE at 1e-11, rate tables off, NEST's peak spike rule on its samples).
// The whole v trace, action potentials included, within the fixture's tolerance (what RK4 at dt/10 costs against
// the accurate solution, with margin), and every spike within one step.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFixture } from './check-fixture.js';
import { loadFixture } from './fixtures.js';

const names = ['neuron_HH_cond_exp_dc', 'neuron_HH_cond_exp_synaptic'];

test('the HH fixtures make the supra cell fire and keep the sub cell silent', () => {
  for (const name of names) {
    const fixture = loadFixture(name);
    assert.ok(fixture.results.supra!.spikes!.length >= 2, `${name}: supra fires`);
    assert.equal(fixture.results.sub!.spikes, [], `${name}: sub stays silent`);
    assert.equal(fixture.tolerance.v_compare_until_ms.supra, fixture.t_stop, `${name}: whole trace compared`);
  }
});

for (const name of names) {
  test(name, async () => {
    const problems = await checkFixture(loadFixture(name));
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
