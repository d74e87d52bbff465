// IF_curr_alpha against the PyNN 0.10.1 + Brian2 2.5.1 reference fixtures (test/fixtures/IF_curr_alpha_*.json): DC step,
// StepCurrentSource, i_offset and synaptic input, under the tolerances stated in each fixture.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFixture } from './check-fixture.js';
import { fixtureNames, loadFixture } from './fixtures.js';

const names = fixtureNames('IF_curr_alpha');

test('the IF_curr_alpha fixtures exist', () => {
  assert.ok(names.length >= 4, `expected at least 4 fixtures, found ${names.join(', ')}`);
});

for (const name of names) {
  test(name, async () => {
    const problems = await checkFixture(loadFixture(name));
    assert.equal(problems, [], problems.join('\n'));
  });
}

test.run();
