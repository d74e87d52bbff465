// RandomStructure: every cell inside the volume, and the cloud uniform: per-axis mean and variance of a cuboid
// (w²/12), and for a ball P(r < R/2) = 1/8 and E[r²] = 3R²/5. Tolerances: 5 standard errors for n cells.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStructure } from '../../frontend/space/random-structure.js';
import { Cuboid, Sphere } from '../../frontend/space/shapes.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { ValueError } from '../../frontend/errors.js';

const N = 20000;

function meanVariance(values: Float64Array): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return [mean, values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)];
}

test('Cuboid: inside ±w/2, ±h/2, ±d/2 around the origin, uniform per axis', () => {
  const origin: [number, number, number] = [10, -5, 2];
  const sizes = [4, 8, 2];
  const structure = new RandomStructure({ boundary: new Cuboid(4, 8, 2), origin, rng: new NumpyRNG({ seed: 21 }) });
  const p = structure.generatePositions(N);
  [p.x, p.y, p.z].forEach((axis, k) => {
    const half = sizes[k] / 2;
    assert.ok(axis.every((v) => v >= origin[k] - half && v <= origin[k] + half), `axis ${k} inside`);
    const [mean, variance] = meanVariance(axis);
    const sigma2 = sizes[k] ** 2 / 12;
    assert.ok(Math.abs(mean - origin[k]) < 5 * Math.sqrt(sigma2 / N), `axis ${k} mean ${mean}`);
    // Uniform: μ4 = w⁴/80.
    assert.ok(Math.abs(variance - sigma2) < 5 * Math.sqrt((sizes[k] ** 4 / 80 - sigma2 ** 2) / N), `axis ${k} variance ${variance}`);
  });
});

test('Sphere: inside the ball, uniform density', () => {
  const R = 3;
  const origin: [number, number, number] = [1, 2, 3];
  const p = new RandomStructure({ boundary: new Sphere(R), origin, rng: new NumpyRNG({ seed: 22 }) }).generatePositions(N);
  const r2 = Float64Array.from({ length: N }, (_, i) => (p.x[i] - 1) ** 2 + (p.y[i] - 2) ** 2 + (p.z[i] - 3) ** 2);
  assert.ok(r2.every((v) => v < R * R));
  const inner = r2.filter((v) => v < (R / 2) ** 2).length / N;
  assert.ok(Math.abs(inner - 1 / 8) < 5 * Math.sqrt((1 / 8) * (7 / 8) / N), `P(r < R/2) = ${inner}`);
  // r² of a uniform ball: E = 3R²/5, E[r⁴] = 3R⁴/7.
  const [meanR2] = meanVariance(r2);
  const varR2 = (3 / 7) * R ** 4 - ((3 / 5) * R * R) ** 2;
  assert.ok(Math.abs(meanR2 - 0.6 * R * R) < 5 * Math.sqrt(varR2 / N), `E[r²] = ${meanR2}`);
  const [meanX] = meanVariance(p.x);
  assert.ok(Math.abs(meanX - 1) < 5 * Math.sqrt(R * R / 5 / N));
});

test('reproducible with a seed; default rng is an unseeded NumpyRNG', () => {
  const a = new RandomStructure({ boundary: new Cuboid(1, 1, 1), rng: new NumpyRNG({ seed: 4 }) }).generatePositions(10);
  const b = new RandomStructure({ boundary: new Cuboid(1, 1, 1), rng: new NumpyRNG({ seed: 4 }) }).generatePositions(10);
  assert.equal(Array.from(a.x), Array.from(b.x));
  const s = new RandomStructure({ boundary: new Sphere(1) });
  assert.ok(s.rng instanceof NumpyRNG && !s.rng.seeded);
});

test('getParameters and toMessage', () => {
  const rng = new NumpyRNG({ seed: 8 });
  const boundary = new Sphere(2.5);
  const s = new RandomStructure({ boundary, origin: [1, 2, 3], rng });
  assert.equal(s.getParameters(), { boundary, origin: [1, 2, 3], rng });
  const message = s.toMessage();
  assert.ok(message.kind?.$case === 'random');
  if (message.kind?.$case === 'random') {
    assert.equal(message.kind.value.boundary, { $case: 'sphere', value: { radius: 2.5 } });
    assert.equal([message.kind.value.originX, message.kind.value.originY, message.kind.value.originZ], [1, 2, 3]);
    assert.is(message.kind.value.rng?.seed, 8n);
  }
  const cuboid = new RandomStructure({ boundary: new Cuboid(1, 2, 3) }).toMessage();
  assert.ok(cuboid.kind?.$case === 'random' && cuboid.kind.value.boundary?.$case === 'cuboid');
});

test('a Cuboid of depth 0 is a flat sheet at z = 0, as PyNN allows (RandomStructure(boundary=Cuboid(10, 10, 0)))', () => {
  const sheet = new RandomStructure({ boundary: new Cuboid(10, 10, 0), rng: new NumpyRNG({ seed: 3 }) }).generatePositions(200);
  assert.ok(Array.from(sheet.z).every((z) => z === 0));
  assert.ok(Array.from(sheet.x).every((x) => Math.abs(x) <= 5) && Math.max(...Array.from(sheet.x, Math.abs)) > 4);
});

test('bad arguments', () => {
  assert.throws(() => new Cuboid(1, -2, 3), (e: Error) => e instanceof ValueError && /Cuboid: height must be >= 0, got -2/.test(e.message));
  assert.throws(() => new Cuboid(1, 2, NaN), (e: Error) => e instanceof ValueError && /Cuboid: depth must be a finite number/.test(e.message));
  assert.throws(() => new Sphere(0), (e: Error) => /Sphere: radius must be > 0/.test(e.message));
  assert.throws(
    () => new RandomStructure({ boundary: { radius: 1 } as unknown as Sphere }),
    (e: Error) => /boundary must be a Cuboid or a Sphere/.test(e.message),
  );
  assert.throws(
    () => new RandomStructure({ boundary: new Sphere(1), origin: [0, 0] as unknown as [number, number, number] }),
    (e: Error) => /origin must be three finite numbers/.test(e.message),
  );
});

test.run();
