import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { DISTRIBUTION_NAMES, MAX_REDRAWS } from '../../frontend/random/distributions.js';
import { NativeRNG, NumpyRNG } from '../../frontend/random/rng.js';
import { rngSpec } from '../../frontend/random/rng-spec.js';
import { KeyError, ValueError } from '../../frontend/errors.js';
import { RandomDistribution_Kind, RngSpec_Kind } from '../../frontend/generated/tsnn/v1/model.js';

// pynn-api.md §8: the eleven distributions and their positional parameter order.
const REFERENCE: Record<string, string[]> = {
  uniform: ['low', 'high'],
  uniform_int: ['low', 'high'],
  normal: ['mu', 'sigma'],
  normal_clipped: ['mu', 'sigma', 'low', 'high'],
  normal_clipped_to_boundary: ['mu', 'sigma', 'low', 'high'],
  lognormal: ['mu', 'sigma'],
  exponential: ['beta'],
  gamma: ['k', 'theta'],
  poisson: ['lambda_'],
  binomial: ['n', 'p'],
  vonmises: ['mu', 'kappa'],
};

// One valid parameter set per distribution.
const VALID: Record<string, number[]> = {
  uniform: [0, 1],
  uniform_int: [0, 5],
  normal: [0, 1],
  normal_clipped: [0, 1, -1, 1],
  normal_clipped_to_boundary: [0, 1, -1, 1],
  lognormal: [0, 1],
  exponential: [1],
  gamma: [2, 1],
  poisson: [3],
  binomial: [10, 0.5],
  vonmises: [0, 1],
};

test('all eleven distributions with the reference parameter order', () => {
  assert.equal([...DISTRIBUTION_NAMES].sort(), Object.keys(REFERENCE).sort());
  for (const [name, names] of Object.entries(REFERENCE)) {
    assert.equal(new RandomDistribution(name, VALID[name], new NumpyRNG({ seed: 1 })).parameterNames, names);
  }
});

test('positional and named parameters give the same ordered parameters and the same numbers', () => {
  const a = new RandomDistribution('normal_clipped', [0, 1, -2, 2], new NumpyRNG({ seed: 4 }));
  const b = new RandomDistribution('normal_clipped', { high: 2, low: -2, sigma: 1, mu: 0 }, new NumpyRNG({ seed: 4 }));
  assert.equal(a.parameters, [0, 1, -2, 2]);
  assert.equal(b.parameters, [0, 1, -2, 2]);
  assert.equal(a.next(10), b.next(10));
  assert.equal(b.namedParameters(), { mu: 0, sigma: 1, low: -2, high: 2 });
  assert.is(a.name, 'normal_clipped');
});

test('PyNN argument errors: wrong names → KeyError, wrong count → ValueError, unknown → KeyError', () => {
  assert.throws(
    () => new RandomDistribution('normal', { mu: 0 }),
    (e: Error) => e instanceof KeyError && /Expected \(mu, sigma\), got \(mu\)/.test(e.message),
  );
  assert.throws(() => new RandomDistribution('normal', { mu: 0, sigma: 1, tau: 2 }), (e: Error) => e instanceof KeyError);
  assert.throws(
    () => new RandomDistribution('normal', [0]),
    (e: Error) => e instanceof ValueError && /expected 2 \(mu, sigma\), got 1/.test(e.message),
  );
  assert.throws(() => new RandomDistribution('gamma', [1, 2, 3]), (e: Error) => e instanceof ValueError);
  assert.throws(() => new RandomDistribution('gaussian', [0, 1]), (e: Error) => e instanceof KeyError && /available/.test(e.message));
});

test('domain errors name the distribution and the parameter', () => {
  assert.throws(() => new RandomDistribution('normal', [0, -1]), (e: Error) => e instanceof ValueError && /'normal': sigma/.test(e.message));
  assert.throws(() => new RandomDistribution('binomial', [3.5, 0.5]), (e: Error) => e instanceof ValueError && /n must/.test(e.message));
  assert.throws(() => new RandomDistribution('binomial', [3, 1.5]), (e: Error) => /p must be in \[0, 1\]/.test(e.message));
  assert.throws(() => new RandomDistribution('uniform_int', [5, 5]), (e: Error) => /low must be < high/.test(e.message));
  assert.throws(() => new RandomDistribution('gamma', [0, 1]), (e: Error) => /k \(shape\)/.test(e.message));
  assert.throws(() => new RandomDistribution('normal_clipped', [0, 1, 2, 1]), (e: Error) => /low must be <= high/.test(e.message));
});

test('next(): undefined → number, 0 → [], negative → ValueError', () => {
  const d = new RandomDistribution('uniform', [10, 20], new NumpyRNG({ seed: 2 }));
  const x = d.next();
  assert.type(x, 'number');
  assert.ok(x >= 10 && x < 20);
  assert.equal(d.next(0), []);
  assert.throws(() => d.next(-2), (e: Error) => e instanceof ValueError);
});

test('reproducible by seed; shared rng advances', () => {
  const first = new RandomDistribution('normal', [0, 1], new NumpyRNG({ seed: 99 })).next(5);
  const again = new RandomDistribution('normal', [0, 1], new NumpyRNG({ seed: 99 })).next(5);
  assert.equal(first, again);
  const shared = new NumpyRNG({ seed: 99 });
  const d1 = new RandomDistribution('normal', [0, 1], shared);
  const d2 = new RandomDistribution('normal', [0, 1], shared);
  assert.equal(d1.next(5), first);
  assert.not.equal(d2.next(5), first);
});

test('rng as PyNN keyword inside the named parameters; default rng is an unseeded NumpyRNG', () => {
  const rng = new NumpyRNG({ seed: 8 });
  const d = new RandomDistribution('exponential', { beta: 3, rng });
  assert.is(d.rng, rng);
  const e = new RandomDistribution('exponential', { beta: 3 });
  assert.ok(e.rng instanceof NumpyRNG);
  assert.is(e.rng.seeded, false);
  assert.throws(() => new RandomDistribution('exponential', { beta: 3, rng }, rng), (x: Error) => /rng given twice/.test(x.message));
});

test('normal_clipped: values outside [low, high] are redrawn; an impossible window throws after MAX_REDRAWS rounds', () => {
  const d = new RandomDistribution('normal_clipped', [0, 1, 0.5, 0.6], new NumpyRNG({ seed: 5 }));
  assert.ok(d.next(200).every((v) => v >= 0.5 && v <= 0.6));
  const impossible = new RandomDistribution('normal_clipped', [0, 1, 50, 60], new NumpyRNG({ seed: 5 }));
  assert.throws(() => impossible.next(3), (e: Error) => new RegExp(`maximum number of redraws \\(${MAX_REDRAWS}\\)`).test(e.message));
  assert.throws(() => impossible.next(), (e: Error) => /normal_clipped/.test(e.message));
});

test('toMessage: kind, ordered parameters and the rng spec', () => {
  const d = new RandomDistribution('gamma', { theta: 2, k: 3 }, new NumpyRNG({ seed: 1234, parallelSafe: false }));
  assert.equal(d.toMessage(7n), {
    kind: RandomDistribution_Kind.GAMMA,
    parameters: [3, 2],
    rng: { kind: RngSpec_Kind.NUMPY, hasSeed: true, seed: 1234n, stream: 7n, parallelSafe: false },
  });
  const kinds = Object.keys(REFERENCE).map(
    (name) => new RandomDistribution(name, VALID[name], new NumpyRNG({ seed: 1 })).toMessage(0n).kind,
  );
  assert.equal(new Set(kinds).size, 11);
  assert.ok(!kinds.includes(RandomDistribution_Kind.DISTRIBUTION_UNSPECIFIED));
});

test('rngSpec: unseeded NativeRNG means the simulation seed; unseeded NumpyRNG carries its drawn seed', () => {
  assert.equal(rngSpec(new NativeRNG(), 3n), { kind: RngSpec_Kind.NATIVE, hasSeed: false, seed: 0n, stream: 3n, parallelSafe: true });
  assert.equal(rngSpec(new NativeRNG({ seed: 11 }), 3n).seed, 11n);
  const numpy = new NumpyRNG();
  const spec = rngSpec(numpy, 4n);
  assert.is(spec.hasSeed, true);
  assert.is(spec.seed, BigInt(numpy.seed));
});

test.run();
