// EIF_cond_exp_isfa_ista against the PyNN 0.10.1 + Brian2 2.5.1 reference fixtures (test/fixtures/cells2_EIF_cond_exp_isfa_ista_*.json, made by
// test/reference/cells2_generate_fixtures.py): DC step and synaptic input, under the tolerances stated in each
// fixture (Brian2's fixed-step error, estimated by its dt vs dt/10 difference).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFixture } from './check-fixture.js';
import { fixtureNames, loadFixture } from './fixtures.js';

const names = fixtureNames('cells2_EIF_cond_exp_isfa_ista');

test('the cells2 EIF_cond_exp_isfa_ista fixtures exist', () => {
  assert.ok(names.length >= 2, `expected the dc and synaptic fixtures, found ${names.join(', ')}`);
});

for (const name of names) {
  test(name, async () => {
    const problems = await checkFixture(loadFixture(name));
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
