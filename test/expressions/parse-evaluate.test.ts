// Parsed expressions evaluate to the same numbers as the formula written in JavaScript, on many values.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExpression } from '../../frontend/expressions/parser.js';
import { compileExpression, evaluateExpression, pythonModulo, variablesUsed, type ExpressionVariables } from '../../frontend/expressions/evaluate.js';
import { formatExpression } from '../../frontend/expressions/format.js';
import { Expression_Variable } from '../../frontend/generated/tsnn/v1/model.js';

const b = (x: boolean): number => (x ? 1 : 0);

// [expression, allowed variables, the same formula in JavaScript]
const CASES: Array<[string, 'distance' | 'index', (v: Required<ExpressionVariables>) => number]> = [
  ['0.2 + 0.3*d', 'distance', ({ d }) => 0.2 + 0.3 * d],
  ['exp(-d/100)', 'distance', ({ d }) => Math.exp(-d / 100)],
  ['(d[0]<3)*(d[1]<2)*exp(-abs(d[2]))', 'distance', ({ d0, d1, d2 }) => b(d0 < 3) * b(d1 < 2) * Math.exp(-Math.abs(d2))],
  ['d < 3', 'distance', ({ d }) => b(d < 3)],
  ['d**2', 'distance', ({ d }) => d ** 2],
  ['-d**2', 'distance', ({ d }) => -(d ** 2)],
  ['2**-d', 'distance', ({ d }) => 2 ** -d],
  ['2**3**0.5', 'distance', () => 2 ** (3 ** 0.5)],
  ['1 - 2 - 3', 'distance', () => -4],
  ['12 / 4 / 3', 'distance', () => 1],
  ['d % 3', 'distance', ({ d }) => pythonModulo(d, 3)],
  ['d // 2', 'distance', ({ d }) => Math.floor(d / 2)],
  ['np.exp(-d) * numpy.cos(pi * d) + e', 'distance', ({ d }) => Math.exp(-d) * Math.cos(Math.PI * d) + Math.E],
  ['sqrt(d) + log(d + 1) + log10(d + 1)', 'distance', ({ d }) => Math.sqrt(d) + Math.log(d + 1) + Math.log10(d + 1)],
  ['sin(d) + tan(d/10) + arctan(d) + sinh(d/20) + cosh(d/20) + tanh(d)', 'distance', ({ d }) =>
    Math.sin(d) + Math.tan(d / 10) + Math.atan(d) + Math.sinh(d / 20) + Math.cosh(d / 20) + Math.tanh(d)],
  ['arcsin(1/(1+d)) + arccos(1/(1+d))', 'distance', ({ d }) => Math.asin(1 / (1 + d)) + Math.acos(1 / (1 + d))],
  ['floor(d) + ceil(d) + fabs(-d)', 'distance', ({ d }) => Math.floor(d) + Math.ceil(d) + Math.abs(d)],
  ['arctan2(d[1], d[0])', 'distance', ({ d0, d1 }) => Math.atan2(d1, d0)],
  ['minimum(d, 5) + maximum(d[2], 1)', 'distance', ({ d, d2 }) => Math.min(d, 5) + Math.max(d2, 1)],
  ['where(d < 10, 1.0, 0.5)', 'distance', ({ d }) => (d < 10 ? 1 : 0.5)],
  ['0.5 if d > 4 else 0.1', 'distance', ({ d }) => (d > 4 ? 0.5 : 0.1)],
  ['power(d, 1.5) + hypot(d[0], d[1])', 'distance', ({ d, d0, d1 }) => d ** 1.5 + Math.hypot(d0, d1)],
  ['pow(d, 2) + ldexp(d[0], 3) + np.ldexp(d[1], -2)', 'distance', ({ d, d0, d1 }) => d ** 2 + d0 * 8 + d1 / 4],
  // JavaScript's % is C's fmod (the dividend's sign), unlike Python's %
  ['fmod(d[0], 2.5) + fmod(d[1], -1.5) + fmod(d, 3)', 'distance', ({ d, d0, d1 }) => (d0 % 2.5) + (d1 % -1.5) + (d % 3)],
  ['2 < d < 6', 'distance', ({ d }) => b(2 < d && d < 6)],
  ['d >= 2 and d <= 6 or d == 0', 'distance', ({ d }) => b((d >= 2 && d <= 6) || d === 0)],
  ['not d > 3', 'distance', ({ d }) => b(!(d > 3))],
  ['(d > 1) & (d[0] != 0) | (d[1] >= 2)', 'distance', ({ d, d0, d1 }) => b((d > 1 && d0 !== 0) || d1 >= 2)],
  ['~(d > 2)', 'distance', ({ d }) => b(!(d > 2))],
  ['True * d + False', 'distance', ({ d }) => d],
  ['1e-3 * d + .5 + 2.', 'distance', ({ d }) => 1e-3 * d + 0.5 + 2],
  ['d[-1] - d[-3]', 'distance', ({ d0, d2 }) => d2 - d0],
  ['(i + j) % 3 == 0', 'index', ({ i, j }) => b(pythonModulo(i + j, 3) === 0)],
  ['exp(-abs(i - j) / 5.0)', 'index', ({ i, j }) => Math.exp(-Math.abs(i - j) / 5)],
  ['(i < j) * 0.5 + (i == j)', 'index', ({ i, j }) => b(i < j) * 0.5 + b(i === j)],
];

function* samples(): Generator<Required<ExpressionVariables>> {
  for (const d of [0, 0.25, 1, 2, 3, 3.5, 4.5, 7, 10, 123.4]) {
    for (const [d0, d1, d2] of [
      [0, 0, 0],
      [1, -2, 0.5],
      [-3.5, 2, -4],
      [2.9, 1.99, 10],
    ]) {
      yield { d, d0, d1, d2, i: Math.floor(d), j: Math.floor(d * 3) % 7 };
    }
  }
}

function same(a: number, b: number): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
}

test('parse + evaluate equals the JavaScript formula', () => {
  for (const [source, allowed, formula] of CASES) {
    const tree = parseExpression(source, { allowedVariables: allowed });
    const compiled = compileExpression(tree);
    for (const v of samples()) {
      const expected = formula(v);
      const interpreted = evaluateExpression(tree, v);
      assert.ok(same(interpreted, expected), `${source} at ${JSON.stringify(v)}: ${interpreted} vs ${expected}`);
      assert.ok(same(compiled(v), expected), `compiled ${source} at ${JSON.stringify(v)}`);
    }
  }
});

test('round and rint give numpy\'s values: ties to even, digits by scaling', () => {
  // numpy 1.24 (Debian's, beside PyNN 0.10.1): np.round([2.5, 3.5, -2.5, -0.5, 0.49999999999999994, -1.5, 7.3,
  // -7.7, 4503599627370495.5]), np.round(1234.5678, 2), np.round(1234.5678, -2), np.round(2.675, 2),
  // np.round(-1250.0, -2)
  const cases: Array<[string, number]> = [
    ['round(2.5)', 2], ['np.round(3.5)', 4], ['rint(-2.5)', -2], ['round(-0.5)', -0], ['round(0.49999999999999994)', 0],
    ['round(-1.5)', -2], ['round(7.3)', 7], ['np.rint(-7.7)', -8], ['round(4503599627370495.5)', 4503599627370496],
    ['round(1234.5678, 2)', 1234.57], ['round(1234.5678, -2)', 1200], ['np.round(2.675, 2)', 2.68],
    ['round(-1250.0, -2)', -1200],
  ];
  for (const [source, expected] of cases) {
    const tree = parseExpression(source);
    assert.ok(Object.is(evaluateExpression(tree, {}), expected), `${source}: ${evaluateExpression(tree, {})} vs ${expected}`);
    assert.ok(Object.is(compileExpression(tree)({}), expected), `compiled ${source}`);
  }
  assert.throws(() => parseExpression('round(d, d)'), /round\(\) takes a whole number of digits/);
  assert.throws(() => parseExpression('round(d, 1.5)'), /round\(\) takes a whole number of digits/);
});

test('formatted text parses back to the same values', () => {
  for (const [source, allowed] of CASES) {
    const tree = parseExpression(source, { allowedVariables: allowed });
    const again = parseExpression(formatExpression(tree), { allowedVariables: allowed });
    for (const v of samples()) assert.ok(same(evaluateExpression(again, v), evaluateExpression(tree, v)), `${source} → ${formatExpression(tree)}`);
  }
});

test('tree shape: constants folded, the contract variables', () => {
  assert.equal(parseExpression('-3'), { node: { $case: 'constant', value: -3 } });
  assert.equal(parseExpression('d[1]'), { node: { $case: 'variable', value: Expression_Variable.D1 } });
  assert.equal([...variablesUsed(parseExpression('d + d[2] * exp(d)'))].sort(), [Expression_Variable.D, Expression_Variable.D2]);
  assert.equal([...variablesUsed(parseExpression('i - j', { allowedVariables: 'index' }))].sort(), [Expression_Variable.I, Expression_Variable.J]);
});

test("Python's % and numpy's division by zero", () => {
  assert.is(pythonModulo(7, -3), -2);
  assert.is(pythonModulo(-7, 3), 2);
  assert.is(pythonModulo(7.5, 2), 1.5);
  assert.ok(Number.isNaN(pythonModulo(1, 0)));
  assert.is(evaluateExpression(parseExpression('1/d'), { d: 0 }), Infinity);
  assert.ok(Number.isNaN(evaluateExpression(parseExpression('d/d'), { d: 0 })));
});

test.run();
