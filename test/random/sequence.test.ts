import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArrayParameter, Sequence } from '../../frontend/random/sequence.js';
import { InvalidParameterValueError } from '../../frontend/errors.js';

test('Sequence wraps numbers; max, length, equality and message', () => {
  const s = new Sequence([1, 5, 3]);
  assert.equal(s.value, [1, 5, 3]);
  assert.is(s.length, 3);
  assert.is(s.max(), 5);
  assert.ok(s.equals(new Sequence(Float64Array.of(1, 5, 3))));
  assert.ok(s.equals([1, 5, 3]));
  assert.not.ok(s.equals([1, 5]));
  assert.equal(s.toMessage(), { values: [1, 5, 3] });
  assert.ok(new Sequence(s) instanceof ArrayParameter);
});

test('arithmetic as PyNN: a scalar gives one Sequence, an array gives one per element', () => {
  const s = new Sequence([1, 2]);
  const shifted = s.add(10);
  assert.ok(shifted instanceof Sequence);
  assert.equal(shifted.value, [11, 12]);
  assert.equal(s.mul(3).value, [3, 6]);
  assert.equal(s.sub(1).value, [0, 1]);
  assert.equal(s.div(2).value, [0.5, 1]);
  const many = s.add([0, 100]);
  assert.is(many.length, 2);
  assert.equal(many[1].value, [101, 102]);
});

test('bad items → InvalidParameterValueError naming the item', () => {
  assert.throws(() => new Sequence([1, NaN]), (e: Error) => e instanceof InvalidParameterValueError && /item 1/.test(e.message));
  assert.throws(() => new Sequence(5 as unknown as number[]), (e: Error) => e instanceof InvalidParameterValueError);
});

test.run();
