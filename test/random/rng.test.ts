import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GSLRNG, NativeRNG, NumpyRNG } from '../../frontend/random/rng.js';
import { philox4x32_10, uniformFromWords } from '../../frontend/random/philox.js';
import { KeyError, ValueError } from '../../frontend/errors.js';
import { RngSpec_Kind } from '../../frontend/generated/tsnn/v1/model.js';

test('the sequential stream is Philox blocks of stream 2^64-1, two doubles per block', () => {
  const seed = 2 ** 33 + 12345;
  const rng = new NumpyRNG({ seed });
  const got = rng.next(6);
  const expected: number[] = [];
  for (let block = 0; block < 3; ++block) {
    const w = philox4x32_10(block, 0, 0xffffffff, 0xffffffff, 12345, 2);
    expected.push(uniformFromWords(w[0], w[1]), uniformFromWords(w[2], w[3]));
  }
  assert.equal(got, expected);
});

test('same seed, same numbers; different seeds, different numbers', () => {
  const a = new NumpyRNG({ seed: 42 }).next(20);
  const b = new NumpyRNG({ seed: 42 }).next(20);
  const c = new NumpyRNG({ seed: 43 }).next(20);
  assert.equal(a, b);
  assert.not.equal(a, c);
  // GSLRNG and NativeRNG use the same algorithm.
  assert.equal(new GSLRNG({ seed: 42 }).next(20), a);
  assert.equal(new NativeRNG({ seed: 42 }).next(20), a);
});

test('next(): undefined → number, 0 → [], n → n values, negative → ValueError', () => {
  const rng = new NumpyRNG({ seed: 1 });
  const one = rng.next();
  assert.type(one, 'number');
  assert.ok(one >= 0 && one < 1);
  assert.equal(rng.next(0), []);
  assert.is(rng.next(5).length, 5);
  assert.throws(() => rng.next(-1), (e: Error) => e instanceof ValueError && /positive/.test(e.message));
  assert.throws(() => rng.next(2.5), (e: Error) => e instanceof ValueError);
});

test('next() with a named distribution and parameters, positional or named', () => {
  const a = new NumpyRNG({ seed: 9 }).next(50, 'uniform', { low: -2, high: -1 });
  assert.ok(a.every((v) => v >= -2 && v < -1));
  const b = new NumpyRNG({ seed: 9 }).next(50, 'uniform', [-2, -1]);
  assert.equal(a, b);
  assert.throws(() => new NumpyRNG({ seed: 9 }).next(3, 'uniform', { low: 0 }), (e: Error) => e instanceof KeyError);
  assert.throws(() => new NumpyRNG({ seed: 9 }).next(3, 'cauchy', []), (e: Error) => e instanceof KeyError && /cauchy/.test(e.message));
});

test('unseeded: a random seed is drawn once and recorded', () => {
  const rng = new NumpyRNG();
  assert.is(rng.seeded, false);
  assert.ok(Number.isInteger(rng.seed) && rng.seed >= 0 && rng.seed < 2 ** 32);
  // The recorded seed reproduces the stream.
  const replay = new NumpyRNG({ seed: rng.seed });
  assert.equal(rng.next(10), replay.next(10));
  assert.is(replay.seeded, true);
});

test('kinds and options', () => {
  assert.is(new NumpyRNG({ seed: 1 }).kind, RngSpec_Kind.NUMPY);
  assert.is(new GSLRNG({ seed: 1, type: 'mt19937' }).kind, RngSpec_Kind.GSL);
  assert.is(new NativeRNG().kind, RngSpec_Kind.NATIVE);
  assert.is(new NumpyRNG({ seed: 1, parallelSafe: false }).parallelSafe, false);
  assert.throws(() => new NumpyRNG({ seed: -3 }), (e: Error) => e instanceof ValueError && /NumpyRNG: seed/.test(e.message));
  assert.throws(() => new NumpyRNG({ seed: 1.5 }), (e: Error) => e instanceof ValueError);
  assert.match(new NumpyRNG({ seed: 7 }).describe(), /NumpyRNG\(\) with seed 7/);
});

test('permutation is a permutation; shuffle keeps the items; both reproducible', () => {
  const p = new NumpyRNG({ seed: 5 }).permutation(100);
  assert.equal([...p].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
  assert.not.equal(p, Array.from({ length: 100 }, (_, i) => i));
  assert.equal(new NumpyRNG({ seed: 5 }).permutation(100), p);
  const letters = new NumpyRNG({ seed: 5 }).permutation(['a', 'b', 'c', 'd']);
  assert.equal([...letters].sort(), ['a', 'b', 'c', 'd']);
});

test('permutation is uniform: each item lands in each position about equally often', () => {
  // 4 items, 24000 permutations: each (item, position) count is Binomial(24000, 1/4); 5 sigma ≈ 335.
  const rng = new NumpyRNG({ seed: 77 });
  const counts = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
  const trials = 24000;
  for (let t = 0; t < trials; ++t) rng.permutation(4).forEach((item, position) => (counts[item][position] += 1));
  const sigma = Math.sqrt(trials * 0.25 * 0.75);
  for (const row of counts) for (const c of row) assert.ok(Math.abs(c - trials / 4) < 5 * sigma, `count ${c}`);
});

test('helpers: uniform, normal, randint', () => {
  const rng = new NumpyRNG({ seed: 3 });
  assert.ok(rng.uniform(2, 3, 100).every((v) => v >= 2 && v < 3));
  const ints = rng.randint(0, 3, 300);
  assert.equal([...new Set(ints)].sort(), [0, 1, 2]);
  assert.throws(() => rng.randint(3, 3), (e: Error) => e instanceof ValueError && /low must be < high/.test(e.message));
  assert.type(rng.normal(), 'number');
  assert.is(rng.normal(0, 1, 7).length, 7);
});

test.run();
