// The expression-based connectors: a string travels as an expression tree (the engine evaluates it); a JS
// function is evaluated here into a pre × post probability matrix. With default Line positions the distance
// between pre i and post j is |i - j|, so the matrices below are known in closed form.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DistanceDependentProbabilityConnector } from '../../frontend/connectors/distance-dependent-probability.js';
import { IndexBasedProbabilityConnector } from '../../frontend/connectors/index-based-probability.js';
import { DisplacementDependentProbabilityConnector } from '../../frontend/connectors/displacement-dependent-probability.js';
import { InvalidParameterValueError } from '../../frontend/errors.js';
import { evaluateExpression } from '../../frontend/expressions/index.js';
import { SelfConnections } from '../../frontend/generated/tsnn/v1/model.js';
import { Space } from '../../frontend/space/space.js';
import { buildContext, fakeCells } from '../projection/fakes.js';

const pre = fakeCells('pre', 3);
const post = fakeCells('post', 4, { population: 1 });

test('DistanceDependentProbabilityConnector: a string becomes the tree of p(d)', () => {
  const message = new DistanceDependentProbabilityConnector('exp(-d/2)', { allowSelfConnections: false }).toMessage(
    buildContext(pre, post),
  );
  const rule = message.rule;
  assert.is(rule?.$case, 'distanceDependentProbability');
  if (rule?.$case !== 'distanceDependentProbability') return;
  assert.is(rule.value.selfConnections, SelfConnections.FORBID);
  assert.is(rule.value.probabilities, undefined);
  assert.ok(Math.abs(evaluateExpression(rule.value.dExpression!, { d: 3 }) - Math.exp(-1.5)) < 1e-15);
  assert.is(message.rng?.seed, 151985012n);
});

test('DistanceDependentProbabilityConnector: p(d) < 0 at d = 0 or d = 1e12 is refused (PyNN check)', () => {
  assert.throws(
    () => new DistanceDependentProbabilityConnector('d - 1'),
    (e: Error) => e instanceof InvalidParameterValueError && /d - 1/.test(e.message) && /d = 0/.test(e.message),
  );
  assert.throws(
    () => new DistanceDependentProbabilityConnector('1 - d'),
    (e: Error) => e instanceof InvalidParameterValueError && /1e\+?12/.test(e.message),
  );
  // PyNN evaluates the string at d = 0 and meets ZeroDivisionError; here p(0) is Infinity.
  assert.throws(
    () => new DistanceDependentProbabilityConnector('exp(-d) / d'),
    (e: Error) => e instanceof InvalidParameterValueError && /got Infinity at d = 0/.test(e.message),
  );
  assert.ok(new DistanceDependentProbabilityConnector('exp(-d) / (d + 1)'));
});

test('DistanceDependentProbabilityConnector: a syntax error or an unknown name is InvalidParameterValueError', () => {
  for (const bad of ['exp(-d/', 'x * d', 'i + j']) {
    assert.throws(
      () => new DistanceDependentProbabilityConnector(bad),
      (e: Error) => e instanceof InvalidParameterValueError && e.message.includes('DistanceDependentProbabilityConnector'),
    );
  }
  assert.throws(() => new DistanceDependentProbabilityConnector(3 as unknown as string), (e: Error) => e instanceof TypeError);
});

test('DistanceDependentProbabilityConnector: a function of d gives the matrix p(|i - j|); booleans count 0/1', () => {
  const rule = new DistanceDependentProbabilityConnector((d) => d < 1.5).toMessage(buildContext(pre, post)).rule;
  if (rule?.$case !== 'distanceDependentProbability') throw new Error('wrong rule');
  assert.is(rule.value.dExpression, undefined);
  const expected: number[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expected.push(Math.abs(i - j) < 1.5 ? 1 : 0);
  assert.equal(rule.value.probabilities, { rows: 3, cols: 4, values: expected });
});

test('the function sees distances under the projection Space (scale factor 2: d = |i - 2j|)', () => {
  const ctx = buildContext(pre, post, { space: new Space({ scaleFactor: 2 }) });
  const rule = new DistanceDependentProbabilityConnector((d) => d / 10).toMessage(ctx).rule;
  if (rule?.$case !== 'distanceDependentProbability') throw new Error('wrong rule');
  assert.is(rule.value.probabilities!.values[1 * 4 + 3], Math.abs(1 - 6) / 10);
});

test('a function giving NaN is an InvalidParameterValueError with the pair', () => {
  assert.throws(
    () => new DistanceDependentProbabilityConnector(() => Number.NaN).toMessage(buildContext(pre, post)),
    (e: Error) => e instanceof InvalidParameterValueError && /pre 0, post 0/.test(e.message),
  );
});

test('IndexBasedProbabilityConnector: string in i, j becomes a tree; a function (i, j) a matrix', () => {
  const tree = new IndexBasedProbabilityConnector('i == j').toMessage(buildContext(pre, post)).rule;
  if (tree?.$case !== 'indexBasedProbability') throw new Error('wrong rule');
  assert.is(evaluateExpression(tree.value.indexExpression!, { i: 2, j: 2 }), 1);
  assert.is(evaluateExpression(tree.value.indexExpression!, { i: 2, j: 1 }), 0);
  const matrix = new IndexBasedProbabilityConnector((i, j) => (i + j) / 10).toMessage(buildContext(pre, post)).rule;
  if (matrix?.$case !== 'indexBasedProbability') throw new Error('wrong rule');
  assert.equal(matrix.value.probabilities?.values, [0, 0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.4, 0.2, 0.3, 0.4, 0.5]);
  assert.throws(
    () => new IndexBasedProbabilityConnector('d < 2'),
    (e: Error) => e instanceof InvalidParameterValueError && e.message.includes('IndexBasedProbabilityConnector'),
  );
});

test('DisplacementDependentProbabilityConnector: the function gets [dx, dy, dz] = post - pre', () => {
  const seen: Array<readonly number[]> = [];
  const connector = new DisplacementDependentProbabilityConnector((d) => {
    seen.push([...d]);
    return d[0] > 0 ? 1 : 0;
  });
  const rule = connector.toMessage(buildContext(pre, post)).rule;
  if (rule?.$case !== 'displacementDependentProbability') throw new Error('wrong rule');
  assert.equal(seen[1 * 4 + 3], [2, 0, 0]);
  assert.equal(rule.value.probabilities?.values.slice(4, 8), [0, 0, 1, 1]);
  const tree = new DisplacementDependentProbabilityConnector('(d[0] < 3) * exp(-abs(d[2]))').toMessage(buildContext(pre, post)).rule;
  if (tree?.$case !== 'displacementDependentProbability') throw new Error('wrong rule');
  assert.is(evaluateExpression(tree.value.dispExpression!, { d0: 1, d1: 0, d2: -2 }), Math.exp(-2));
});

test.run();
