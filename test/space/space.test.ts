import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Space } from '../../frontend/space/space.js';
import { ValueError } from '../../frontend/errors.js';
import { Space_Axes } from '../../frontend/generated/tsnn/v1/model.js';

const pts = (coords: Array<[number, number, number]>) => ({
  x: Float64Array.from(coords, (c) => c[0]),
  y: Float64Array.from(coords, (c) => c[1]),
  z: Float64Array.from(coords, (c) => c[2]),
});

const close = (a: ArrayLike<number>, b: number[], tolerance = 1e-12): void => {
  assert.is(a.length, b.length);
  for (let i = 0; i < b.length; ++i) assert.ok(Math.abs(a[i] - b[i]) <= tolerance, `[${i}] ${a[i]} vs ${b[i]}`);
};

test('default space: Euclidean distances, pre-major matrix', () => {
  const pre = pts([
    [0, 0, 0],
    [1, 2, 2],
  ]);
  const post = pts([
    [3, 4, 0],
    [0, 0, 0],
    [1, 2, 2],
  ]);
  close(new Space().distances(pre, post), [5, 0, 3, Math.sqrt(4 + 4 + 4), 3, 0]);
});

test('two default Line populations: d(i, j) = |i − j|', () => {
  const line = pts(Array.from({ length: 5 }, (_, i) => [i, 0, 0] as [number, number, number]));
  const d = new Space().distances(line, line);
  for (let i = 0; i < 5; ++i) for (let j = 0; j < 5; ++j) assert.is(d[i * 5 + j], Math.abs(i - j));
});

test('axes select the components', () => {
  const a: [number, number, number] = [1, 2, 3];
  const b: [number, number, number] = [4, 6, 15];
  assert.is(new Space({ axes: 'x' }).distance(a, b), 3);
  assert.is(new Space({ axes: 'y' }).distance(a, b), 4);
  assert.is(new Space({ axes: 'xy' }).distance(a, b), 5);
  assert.is(new Space({ axes: 'yz' }).distance(a, b), Math.sqrt(16 + 144));
  assert.is(new Space({ axes: 'xz' }).distance(a, b), Math.sqrt(9 + 144));
  assert.is(new Space({ axes: 'xyz' }).distance(a, b), 13);
});

test('scale factor and offset apply to the postsynaptic positions: A − s·(B + offset)', () => {
  const space = new Space({ scaleFactor: 2, offset: 1 });
  // B = (1, 0, 0) → 2·(2, 1, 1) = (4, 2, 2); A = (0, 0, 0).
  assert.is(space.distance([0, 0, 0], [1, 0, 0]), Math.sqrt(16 + 4 + 4));
});

test('periodic boundaries: |δ| becomes min(|δ|, range − |δ|) on that axis only', () => {
  const space = new Space({ periodicBoundaries: [[0, 10], null, null] });
  assert.is(space.distance([1, 0, 0], [9, 0, 0]), 2); // wraps: 10 − 8
  assert.is(space.distance([1, 0, 0], [4, 0, 0]), 3); // direct path shorter
  assert.is(space.distance([0, 1, 0], [0, 9, 0]), 8); // y is open
  const torus = new Space({ periodicBoundaries: [[-5, 5], [0, 4], null] });
  assert.is(torus.distance([-4, 0, 0], [4, 3, 0]), Math.sqrt(2 * 2 + 1 * 1));
});

test('displacements: signed post − pre from raw positions; neither scale, offset nor periodic boundaries (PyNN)', () => {
  const pre = pts([[1, 0, 0]]);
  const post = pts([
    [4, -2, 5],
    [9, 0, 0],
  ]);
  const open = new Space().displacements(pre, post);
  close(open.dx, [3, 8]);
  close(open.dy, [-2, 0]);
  close(open.dz, [5, 0]);
  const periodic = new Space({ periodicBoundaries: [[0, 10], null, null] }).displacements(pre, post);
  close(periodic.dx, [3, 8]); // unfolded, while the periodic distance along x is 2
  close(new Space({ periodicBoundaries: [[0, 10], null, null], axes: 'x' }).distances(pre, post), [3, 2]);
  // PyNN's DisplacementExpression: post.positions.T[j] - pre.positions.T[i], the Space unused.
  const scaled = new Space({ scaleFactor: 2, offset: 1 }).displacements(pre, pts([[1, 0, 0]]));
  close(scaled.dx, [0]);
  close(scaled.dy, [0]);
});

test('distanceRow equals the matrix row', () => {
  const pre = pts([
    [0, 0, 0],
    [1, 1, 1],
  ]);
  const post = pts([
    [2, 0, 0],
    [0, 3, 4],
  ]);
  const space = new Space({ axes: 'xy' });
  const full = space.distances(pre, post);
  close(space.distanceRow(pre, 1, post), Array.from(full.subarray(2, 4)));
});

test('toMessage', () => {
  assert.equal(new Space().toMessage(), { axes: Space_Axes.AXES_UNSPECIFIED, scaleFactor: 1, offset: 0, periodicBoundaries: [] });
  assert.equal(new Space({ axes: 'xz', scaleFactor: 0.5, offset: 2, periodicBoundaries: [[0, 10], null, [-1, 1]] }).toMessage(), {
    axes: Space_Axes.XZ,
    scaleFactor: 0.5,
    offset: 2,
    periodicBoundaries: [
      { min: 0, max: 10 },
      { min: 0, max: 0 },
      { min: -1, max: 1 },
    ],
  });
});

test('bad arguments name the parameter and what is allowed', () => {
  assert.throws(() => new Space({ axes: 'w' as 'x' }), (e: Error) => e instanceof ValueError && /invalid axes 'w'.*'xyz'/.test(e.message));
  assert.throws(() => new Space({ scaleFactor: NaN }), (e: Error) => /scaleFactor must be a finite number/.test(e.message));
  assert.throws(
    () => new Space({ periodicBoundaries: [[5, 1], null, null] }),
    (e: Error) => /periodicBoundaries\[0\] must be \[min, max\] with finite min < max/.test(e.message),
  );
  assert.throws(
    () => new Space({ periodicBoundaries: [[0, 1]] as unknown as [[number, number], null, null] }),
    (e: Error) => /three entries/.test(e.message),
  );
  assert.throws(() => new Space().distances({ x: [1], y: [], z: [1] }, pts([])), (e: Error) => /same length/.test(e.message));
});

test.run();
