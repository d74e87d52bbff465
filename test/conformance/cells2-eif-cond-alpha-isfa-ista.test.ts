// EIF_cond_alpha_isfa_ista against the PyNN 0.10.1 + Brian2 2.5.1 reference fixture of the DC step
// (test/fixtures/cells2_EIF_cond_alpha_isfa_ista_dc.json, made by test/reference/cells2_generate_fixtures.py), under
// the tolerances stated in it (Brian2's fixed-step error, estimated by its dt vs dt/10 difference). No synaptic
// fixture: PyNN's Brian2 version of this model adds weights to the conductance itself (exponential synapses).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFixture } from './check-fixture.js';
import { fixtureNames, loadFixture } from './fixtures.js';

const names = fixtureNames('cells2_EIF_cond_alpha_isfa_ista');

test('the cells2 EIF_cond_alpha_isfa_ista fixtures exist', () => {
  assert.ok(names.length >= 1, `expected the dc fixture (the synaptic one is not made: PyNN's Brian2 EIF_cond_alpha has exponential synapses), found ${names.join(', ')}`);
});

for (const name of names) {
  test(name, async () => {
    const problems = await checkFixture(loadFixture(name));
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
