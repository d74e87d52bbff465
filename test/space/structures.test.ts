// Line, Grid2D and Grid3D against the formulas of pynn-api.md §9 and against positions produced by PyNN 0.10
// itself (fixtures/pynn-structures.json, written by fixtures/generate_structures.py).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Line } from '../../frontend/space/line.js';
import { Grid2D } from '../../frontend/space/grid2d.js';
import { Grid3D } from '../../frontend/space/grid3d.js';
import type { BaseStructure } from '../../frontend/space/base-structure.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { ValueError } from '../../frontend/errors.js';
import { Structure_FillOrder } from '../../frontend/generated/tsnn/v1/model.js';

interface Fixture {
  valid: Array<{ structure: string; parameters: Record<string, number>; n: number; positions: number[][] }>;
  invalid: Array<{ structure: string; parameters: Record<string, number>; n: number }>;
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/pynn-structures.json', import.meta.url), 'utf8'),
) as Fixture;

const OPTION_NAMES: Record<string, string> = { aspect_ratio: 'aspectRatio', aspect_ratioXY: 'aspectRatioXY', aspect_ratioXZ: 'aspectRatioXZ' };

function make(name: string, parameters: Record<string, number>): BaseStructure {
  const options = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [OPTION_NAMES[k] ?? k, v]));
  if (name === 'Line') return new Line(options);
  if (name === 'Grid2D') return new Grid2D(options);
  return new Grid3D(options);
}

test('positions equal PyNN’s exactly (sequential fill)', () => {
  for (const c of fixture.valid) {
    const p = make(c.structure, c.parameters).generatePositions(c.n);
    const label = `${c.structure}(${JSON.stringify(c.parameters)}) n=${c.n}`;
    assert.equal(Array.from(p.x), c.positions[0], `${label} x`);
    assert.equal(Array.from(p.y), c.positions[1], `${label} y`);
    assert.equal(Array.from(p.z), c.positions[2], `${label} z`);
  }
});

test('sizes PyNN rejects are rejected with an Error naming the structure and n', () => {
  for (const c of fixture.invalid) {
    assert.throws(
      () => make(c.structure, c.parameters).generatePositions(c.n),
      (e: Error) => new RegExp(`${c.structure}: invalid size n=${c.n}`).test(e.message),
      `${c.structure} n=${c.n}`,
    );
  }
});

test('formulas of §9: Line x_i = x0 + i·dx; Grid2D (x0 + dx⌊i/ny⌋, y0 + dy(i mod ny)); Grid3D z fastest', () => {
  const line = new Line({ dx: 0.5, x0: 3 }).generatePositions(4);
  assert.equal(Array.from(line.x), [3, 3.5, 4, 4.5]);
  const grid = new Grid2D({ aspectRatio: 2, dx: 10, dy: 1 }).generatePositions(18); // nx = 6, ny = 3
  for (let i = 0; i < 18; ++i) {
    assert.is(grid.x[i], 10 * Math.floor(i / 3));
    assert.is(grid.y[i], i % 3);
  }
  const cube = new Grid3D().generatePositions(8);
  assert.equal(Array.from(cube.z), [0, 1, 0, 1, 0, 1, 0, 1]);
  assert.equal(Array.from(cube.y), [0, 0, 1, 1, 0, 0, 1, 1]);
  assert.equal(Array.from(cube.x), [0, 0, 0, 0, 1, 1, 1, 1]);
});

test('random fill order: a reproducible permutation of the grid points', () => {
  const sequential = new Grid2D({ dx: 1, dy: 1 }).generatePositions(16);
  const key = (x: number, y: number, z: number): string => `${x},${y},${z}`;
  const expected = Array.from({ length: 16 }, (_, i) => key(sequential.x[i], sequential.y[i], sequential.z[i])).sort();
  const shuffled = new Grid2D({ fillOrder: 'random', rng: new NumpyRNG({ seed: 3 }) }).generatePositions(16);
  const got = Array.from({ length: 16 }, (_, i) => key(shuffled.x[i], shuffled.y[i], shuffled.z[i]));
  assert.equal([...got].sort(), expected);
  assert.not.equal(got, Array.from({ length: 16 }, (_, i) => key(sequential.x[i], sequential.y[i], sequential.z[i])));
  const again = new Grid2D({ fillOrder: 'random', rng: new NumpyRNG({ seed: 3 }) }).generatePositions(16);
  assert.equal(Array.from(again.x), Array.from(shuffled.x));
  // Without an rng, one is created and kept (PyNN's behaviour).
  const g = new Grid3D({ fillOrder: 'random' });
  g.generatePositions(8);
  assert.ok(g.rng instanceof NumpyRNG);
});

test('getParameters, describe and toMessage', () => {
  assert.equal(new Line().getParameters(), { dx: 1, x0: 0, y: 0, z: 0 });
  const g3 = new Grid3D({ aspectRatioXY: 2 });
  assert.equal(g3.getParameters().aspectRatios, [2, 1]);
  assert.equal(new Grid2D().describe(null), {
    name: 'Grid2D',
    parameters: { aspectRatio: 1, dx: 1, dy: 1, x0: 0, y0: 0, z: 0, fillOrder: 'sequential' },
  });
  assert.match(String(new Line({ dx: 2 }).describe()), /Structure\s+: Line\n\s+dx: 2/);
  assert.equal(new Line({ dx: 2, x0: 1, y: 3, z: 4 }).toMessage(), { kind: { $case: 'line', value: { dx: 2, x0: 1, y: 3, z: 4 } } });
  const message = new Grid2D({ aspectRatio: 2, fillOrder: 'random', rng: new NumpyRNG({ seed: 5 }) }).toMessage();
  assert.is(message.kind?.$case, 'grid2d');
  if (message.kind?.$case === 'grid2d') {
    assert.is(message.kind.value.aspectRatio, 2);
    assert.is(message.kind.value.fillOrder, Structure_FillOrder.RANDOM);
    assert.is(message.kind.value.rng?.seed, 5n);
  }
  const m3 = g3.toMessage();
  assert.ok(m3.kind?.$case === 'grid3d' && m3.kind.value.aspectRatioXy === 2 && m3.kind.value.rng === undefined);
});

test('bad arguments', () => {
  assert.throws(() => new Line({ dx: Infinity }), (e: Error) => e instanceof ValueError && /Line: dx must be a finite number/.test(e.message));
  assert.throws(() => new Grid2D({ aspectRatio: 0 }), (e: Error) => /Grid2D: aspectRatio must be > 0/.test(e.message));
  assert.throws(() => new Grid2D({ fillOrder: 'spiral' as 'random' }), (e: Error) => /fillOrder must be 'sequential' or 'random'/.test(e.message));
  assert.throws(() => new Line().generatePositions(-1), (e: Error) => /n must be a non-negative integer/.test(e.message));
});

test.run();
