import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseExpression } from '../../frontend/expressions/parser.js';
import { evaluateExpression } from '../../frontend/expressions/evaluate.js';
import { checkDistanceProbability } from '../../frontend/expressions/probability-check.js';
import { InvalidParameterValueError, ValueError } from '../../frontend/errors.js';

function rejects(source: string, pattern: RegExp, allowedVariables?: 'distance' | 'index' | 'displacement'): void {
  assert.throws(
    () => parseExpression(source, { allowedVariables }),
    (e: Error) =>
      e instanceof InvalidParameterValueError &&
      e.message.includes(`"${source}"`) &&
      pattern.test(e.message) &&
      /allowed: variables/.test(e.message),
    source,
  );
}

test('syntax errors quote the expression and say what is allowed', () => {
  rejects('', /empty expression/);
  rejects('d +', /unexpected end/);
  rejects('(d', /expected '\)'/);
  rejects('d)', /unexpected '\)'/);
  rejects('2d', /invalid number '2d'/);
  rejects('d $ 2', /unexpected character '\$'/);
  rejects('d ^ 2', /unexpected character '\^'/);
  rejects('3 if d', /expected 'else'/);
  rejects('d and', /unexpected end/);
  rejects('exp d', /function 'exp' must be called with arguments/);
});

test('unknown names and functions', () => {
  rejects('x + 1', /unknown name 'x'/);
  rejects('foo(d)', /unknown function 'foo'/);
  rejects('math.exp(d)', /unknown name 'math.exp'/);
  rejects('np.foo(d)', /unknown function 'foo'/);
  rejects('exp(d, 2)', /exp\(\) takes 1 argument, got 2/);
  rejects('arctan2(d)', /arctan2\(\) takes 2 arguments, got 1/);
  rejects('where(d, 1)', /where\(\) takes 3 arguments/);
  rejects('d[3]', /out of range/);
  rejects('d[0.5]', /integer index/);
});

test('variables outside allowedVariables', () => {
  rejects('i + 1', /variable 'i' is not allowed here/);
  rejects('d * 2', /variable 'd' is not allowed here/, 'index');
  rejects('d', /variable 'd' is not allowed here/, 'displacement');
  assert.ok(parseExpression('d[0] + d[2]', { allowedVariables: 'displacement' }));
  assert.ok(parseExpression('d', { allowedVariables: ['d'] }));
  assert.throws(() => parseExpression('d', { allowedVariables: ['q' as 'd'] }), (e: Error) => e instanceof ValueError && /unknown variable 'q'/.test(e.message));
});

test('evaluating without a needed variable names it', () => {
  assert.throws(() => evaluateExpression(parseExpression('d[1] * 2'), { d: 1 }), (e: Error) => /variable 'd1'/.test(e.message));
});

test("PyNN's distance check: p(0) and p(1e12) must be >= 0", () => {
  for (const ok of ['exp(-d/100)', 'd < 3', '0.2 + 0.3*d', '(d[0]<3)*(d[1]<2)*exp(-abs(d[2]))']) {
    checkDistanceProbability(ok, parseExpression(ok));
  }
  for (const [bad, at] of [
    ['1 - d', '1e12'],
    ['-0.1 + exp(-d)', '0'],
    ['1/d - 1', '0'],
    ['d/d', '0'],
  ]) {
    assert.throws(
      () => checkDistanceProbability(bad, parseExpression(bad)),
      (e: Error) => e instanceof InvalidParameterValueError && e.message.includes(`"${bad}"`) && e.message.includes(`d = ${at}`),
      bad,
    );
  }
});

test.run();
