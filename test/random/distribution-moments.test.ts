// Sample mean and variance of every distribution against the analytic values. With n draws, the sample mean has
// standard error σ/√n and the sample variance about √((μ4 − σ⁴)/n) (μ4: fourth central moment); each check
// allows 5 standard errors. Seeds are fixed, so the outcome is deterministic.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { NumpyRNG } from '../../frontend/random/rng.js';

const N = 20000;

function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

function checkMoments(name: string, values: number[], mean: number, variance: number, mu4: number): void {
  const got = moments(values);
  const meanTolerance = 5 * Math.sqrt(variance / values.length);
  const varianceTolerance = 5 * Math.sqrt((mu4 - variance * variance) / values.length);
  assert.ok(Math.abs(got.mean - mean) < meanTolerance, `${name}: mean ${got.mean}, expected ${mean} ± ${meanTolerance}`);
  assert.ok(
    Math.abs(got.variance - variance) < varianceTolerance,
    `${name}: variance ${got.variance}, expected ${variance} ± ${varianceTolerance}`,
  );
}

const draw = (name: string, parameters: Record<string, number>, seed: number): number[] =>
  new RandomDistribution(name, parameters, new NumpyRNG({ seed })).next(N);

test('uniform(-3, 5)', () => {
  const v = draw('uniform', { low: -3, high: 5 }, 1);
  assert.ok(v.every((x) => x >= -3 && x < 5));
  checkMoments('uniform', v, 1, 64 / 12, 8 ** 4 / 80);
});

test('uniform_int(2, 9): integers 2..8, discrete uniform moments', () => {
  const v = draw('uniform_int', { low: 2, high: 9 }, 2);
  assert.equal([...new Set(v)].sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8]);
  const m = 7;
  checkMoments('uniform_int', v, 5, (m * m - 1) / 12, ((m * m - 1) * (3 * m * m - 7)) / 240);
});

test('normal(1.5, 0.5)', () => {
  const sigma2 = 0.25;
  checkMoments('normal', draw('normal', { mu: 1.5, sigma: 0.5 }, 3), 1.5, sigma2, 3 * sigma2 * sigma2);
});

test('normal_clipped(0, 1, -1, 1): all inside, truncated-normal moments', () => {
  const v = draw('normal_clipped', { mu: 0, sigma: 1, low: -1, high: 1 }, 4);
  assert.ok(v.every((x) => x >= -1 && x <= 1));
  // Truncated standard normal on [-1, 1]: variance 1 − 2φ(1)/(Φ(1) − Φ(−1)); |x| ≤ 1 bounds μ4 by 1.
  const phi1 = Math.exp(-0.5) / Math.sqrt(2 * Math.PI);
  const mass = 0.6826894921370859;
  checkMoments('normal_clipped', v, 0, 1 - (2 * phi1) / mass, 1);
});

test('normal_clipped_to_boundary(0, 1, -0.5, 1): the clipped mass sits on the bounds', () => {
  const v = draw('normal_clipped_to_boundary', { mu: 0, sigma: 1, low: -0.5, high: 1 }, 5);
  assert.ok(v.every((x) => x >= -0.5 && x <= 1));
  const atLow = v.filter((x) => x === -0.5).length / N;
  const atHigh = v.filter((x) => x === 1).length / N;
  const pLow = 0.3085375387259869; // Φ(−0.5)
  const pHigh = 0.15865525393145707; // 1 − Φ(1)
  assert.ok(Math.abs(atLow - pLow) < 5 * Math.sqrt((pLow * (1 - pLow)) / N), `P(low) ${atLow}`);
  assert.ok(Math.abs(atHigh - pHigh) < 5 * Math.sqrt((pHigh * (1 - pHigh)) / N), `P(high) ${atHigh}`);
});

test('lognormal(0.2, 0.5)', () => {
  const mu = 0.2;
  const s2 = 0.25;
  const mean = Math.exp(mu + s2 / 2);
  const variance = (Math.exp(s2) - 1) * Math.exp(2 * mu + s2);
  const kurtosis = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3;
  checkMoments('lognormal', draw('lognormal', { mu, sigma: 0.5 }, 6), mean, variance, kurtosis * variance * variance);
});

test('exponential(beta = 2): mean β, variance β²', () => {
  const v = draw('exponential', { beta: 2 }, 7);
  assert.ok(v.every((x) => x >= 0));
  checkMoments('exponential', v, 2, 4, 9 * 16);
});

test('gamma: shape ≥ 1 and shape < 1', () => {
  for (const [k, theta, seed] of [
    [3, 1.5, 8],
    [0.5, 2, 9],
  ]) {
    const variance = k * theta * theta;
    const v = draw('gamma', { k, theta }, seed);
    assert.ok(v.every((x) => x >= 0));
    checkMoments(`gamma(${k}, ${theta})`, v, k * theta, variance, variance * variance * (3 + 6 / k));
  }
});

test('poisson: small λ (product of uniforms) and large λ (PTRS)', () => {
  for (const [lambda, seed] of [
    [3, 10],
    [50, 11],
    [0, 12],
  ]) {
    const v = draw('poisson', { lambda_: lambda }, seed);
    assert.ok(v.every((x) => Number.isInteger(x) && x >= 0));
    if (lambda === 0) {
      assert.ok(v.every((x) => x === 0));
      continue;
    }
    checkMoments(`poisson(${lambda})`, v, lambda, lambda, lambda * (1 + 3 * lambda));
  }
});

test('binomial: p ≤ 1/2 and p > 1/2', () => {
  for (const [n, p, seed] of [
    [20, 0.3, 13],
    [1000, 0.9, 14],
  ]) {
    const q = 1 - p;
    const variance = n * p * q;
    const v = draw('binomial', { n, p }, seed);
    assert.ok(v.every((x) => Number.isInteger(x) && x >= 0 && x <= n));
    checkMoments(`binomial(${n}, ${p})`, v, n * p, variance, variance * (1 + 3 * (n - 2) * p * q));
  }
  assert.ok(draw('binomial', { n: 7, p: 1 }, 15).every((x) => x === 7));
});

/** Modified Bessel function of the first kind, by its power series. */
function besselI(order: 0 | 1, x: number): number {
  let sum = 0;
  let term = order === 0 ? 1 : x / 2;
  for (let k = 0; k < 60; ++k) {
    sum += term;
    term *= (x / 2) ** 2 / ((k + 1) * (k + 1 + order));
  }
  return sum;
}

test('vonmises: E[cos(x − μ)] = I1(κ)/I0(κ), E[sin(x − μ)] = 0, values in [−π, π]', () => {
  for (const [mu, kappa, seed] of [
    [1, 2, 16],
    [3, 4, 17],
    [-2, 0.5, 18],
  ]) {
    const v = draw('vonmises', { mu, kappa }, seed);
    assert.ok(v.every((x) => x >= -Math.PI && x <= Math.PI));
    const meanCos = v.reduce((a, x) => a + Math.cos(x - mu), 0) / N;
    const meanSin = v.reduce((a, x) => a + Math.sin(x - mu), 0) / N;
    const expected = besselI(1, kappa) / besselI(0, kappa);
    // |cos|, |sin| ≤ 1, so each mean has standard error ≤ 1/√N.
    assert.ok(Math.abs(meanCos - expected) < 5 / Math.sqrt(N), `vonmises(${mu}, ${kappa}) E[cos] ${meanCos} vs ${expected}`);
    assert.ok(Math.abs(meanSin) < 5 / Math.sqrt(N), `vonmises(${mu}, ${kappa}) E[sin] ${meanSin}`);
  }
});

test.run();
