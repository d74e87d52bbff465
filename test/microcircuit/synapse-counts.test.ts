// The published totals of the microcircuit (microcircuit.md): GeNN 4 at 0.5/0.5 printed 38,582 neurons and
// 74,715,499 synapses; the full model has 77,169 and 298,880,968; with rounded counts 38,586 / 74,723,619.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FULL_SIZE, POPULATIONS, fullInDegree, scaledSize, synapseCount, type Rounding } from '../../examples/microcircuit/parameters.js';

function totals(neuronScale: number, connectivityScale: number, rounding: Rounding = 'truncate') {
  let neurons = 0;
  let synapses = 0;
  for (const target of POPULATIONS) {
    neurons += scaledSize(target, neuronScale, rounding);
    for (const source of POPULATIONS) synapses += synapseCount(source, target, neuronScale, connectivityScale, rounding);
  }
  return { neurons, synapses };
}

test('full scale: 77,169 neurons and 298,880,968 synapses', () => {
  assert.equal(totals(1, 1), { neurons: 77169, synapses: 298880968 });
});

test('GeNN 4 default (0.5 / 0.5, counts truncated): 38,582 neurons and 74,715,499 synapses', () => {
  assert.equal(totals(0.5, 0.5), { neurons: 38582, synapses: 74715499 });
});

test('0.5 / 0.5 with counts rounded: 38,586 neurons and 74,723,619 synapses', () => {
  assert.equal(totals(0.5, 0.5, 'round'), { neurons: 38586, synapses: 74723619 });
});

test('full-scale internal in-degrees per target match the model card', () => {
  const expected: Record<string, number> = { L23E: 4995, L23I: 5285, L4E: 2806, L4I: 5888, L5E: 4944, L5I: 2736, L6E: 2564, L6I: 2434 };
  for (const target of POPULATIONS) {
    let k = 0;
    for (const source of POPULATIONS) k += fullInDegree(source, target);
    assert.ok(Math.abs(k - expected[target]) < 1, `${target}: in-degree ${k.toFixed(2)} vs ${expected[target]}`);
  }
  assert.is(FULL_SIZE.L4E, 21915);
});

test.run();
