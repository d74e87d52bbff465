import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { distance } from '../../frontend/space/distance.js';
import { ValueError } from '../../frontend/errors.js';

test('Euclidean distance between points or cells with a position', () => {
  assert.is(distance([0, 0, 0], [3, 4, 12]), 13);
  assert.is(distance({ position: [1, 1, 1] }, { position: [4, 5, 1] }), 5);
});

test('mask selects axes; scale and offset apply to the target', () => {
  assert.is(distance([0, 0, 0], [3, 4, 12], { mask: [0, 1] }), 5);
  assert.is(distance([0, 0, 0], [3, 4, 12], { mask: [2] }), 12);
  // src − s·(tgt + offset) = (0,0,0) − 2·(2,3,1) → |(4, 6, 2)|
  assert.is(distance([0, 0, 0], [1, 2, 0], { scaleFactor: 2, offset: 1 }), Math.sqrt(16 + 36 + 4));
});

test('periodic boundaries given as axis lengths fold each component to min(|d|, L − |d|)', () => {
  assert.is(distance([1, 0, 0], [9, 0, 0], { periodicBoundaries: [10, 10, 10] }), 2);
  assert.is(distance([1, 1, 0], [9, 2, 0], { periodicBoundaries: [10, 10, 10] }), Math.sqrt(4 + 1));
});

test('bad input', () => {
  assert.throws(() => distance([0, 0] as unknown as [number, number, number], [0, 0, 0]), (e: Error) => e instanceof ValueError && /src must be/.test(e.message));
  assert.throws(() => distance([0, 0, 0], [0, 0, 0], { mask: [3] }), (e: Error) => /mask entries must be 0, 1 or 2/.test(e.message));
});

test("pyNN.space's module function is part of the public API: sim.distance between two cells' positions", async () => {
  const sim = await import('../../frontend/wasm.js');
  await sim.setup();
  const p = new sim.Population(5, new sim.IF_curr_exp(), { structure: new sim.Line({ dx: 2 }) });
  assert.is(sim.distance(p[0]!, p[3]!), 6);
});

test.run();
