// PopulationView (pynn-api.md §3): Python slice semantics, masks, index arrays, views of views, labels, and
// changes that propagate to the parent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IF_curr_exp } from '../../frontend/cells/standard-cell-types.js';
import { IndexError } from '../../frontend/errors.js';
import { Population } from '../../frontend/populations/population.js';
import { PopulationView } from '../../frontend/populations/population-view.js';
import { sliceIndices } from '../../frontend/populations/selector.js';
import { setup } from '../../frontend/simulation/control.js';
import { throwsError } from './assert-error.js';
import { captureWarnings } from './capture-warnings.js';

test.before.each(async () => {
  await setup();
});

test('slices follow Python: p[2:8:2], p[-3:], p[::-1] (sorted), p[:100] clipped', () => {
  // Python: list(range(10))[2:8:2] == [2, 4, 6]; [-3:] == [7, 8, 9]; [:100] == all; [8:2:-2] == [8, 6, 4]
  assert.equal(sliceIndices('t', { start: 2, stop: 8, step: 2 }, 10), [2, 4, 6]);
  assert.equal(sliceIndices('t', { start: -3 }, 10), [7, 8, 9]);
  assert.equal(sliceIndices('t', { stop: 100 }, 10).length, 10);
  assert.equal(sliceIndices('t', { start: 8, stop: 2, step: -2 }, 10), [8, 6, 4]);
  assert.equal(sliceIndices('t', { step: -1 }, 3), [2, 1, 0]);
  throwsError(() => sliceIndices('t', { step: 0 }, 3), RangeError);
  const p = new Population(10, new IF_curr_exp());
  assert.equal(p.view({ step: -1 }).rootIndices, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test("label is \"view of '<parent>' with size N\"", () => {
  const p = new Population(10, new IF_curr_exp(), { label: 'exc' });
  const v = p.view({ start: 0, stop: 4 });
  assert.is(v.label, "view of 'exc' with size 4");
  assert.is(new PopulationView(p, [1, 2], 'mine').label, 'mine');
});

test('boolean mask: cells where true; a mask of the wrong size is an error', () => {
  const p = new Population(4, new IF_curr_exp());
  assert.equal(p.view([true, false, true, false]).rootIndices, [0, 2]);
  throwsError(() => p.view([true, false]), Error, /mask has 2 entries/);
});

test('index arrays: sorted, duplicates removed, negative indices from the end, out of range → IndexError', () => {
  const p = new Population(6, new IF_curr_exp());
  assert.equal(p.view([5, 1, 3]).rootIndices, [1, 3, 5]);
  const dup = captureWarnings(() => p.view([2, 2, 4]));
  assert.equal(dup.result.rootIndices, [2, 4]);
  assert.equal(dup.warnings.length, 1);
  assert.match(dup.warnings[0]!, /duplicate indices removed/);
  throwsError(() => p.view('1:3' as never), TypeError, /invalid selector/);
  assert.equal(p.view([-1]).rootIndices, [5]);
  throwsError(() => p.view([6]), IndexError);
});

test('views of views map to the grandparent; indexInGrandparent / indexFromParentIndex', () => {
  const p = new Population(10, new IF_curr_exp());
  const v = p.view({ start: 2, stop: 10, step: 2 }) as PopulationView; // 2,4,6,8
  const vv = v.view([1, 3]) as PopulationView; // 4, 8
  assert.equal(vv.rootIndices, [4, 8]);
  assert.is(vv.grandparent, p);
  assert.is(vv.parent, v);
  assert.equal(vv.indexInGrandparent([0, 1]), [4, 8]);
  assert.is(v.indexFromParentIndex(6), 2);
  assert.is(vv[1].index, 8);
});

test('set, initialize and IDs through a view change the parent; functions receive the index within the view', () => {
  const p = new Population(5, new IF_curr_exp());
  const v = p.view([1, 3]);
  v.set({ tau_m: 7 });
  assert.equal(p.get('tau_m'), [20, 7, 20, 7, 20]);
  v.set({ cm: (i: number) => i + 0.5 });  // PyNN 0.10.1 (Brian2): p[2:6].set(cm=lambda i: i + 0.5) gives 0.5 .. 3.5
  assert.equal(p.get('cm'), [1, 0.5, 1, 1.5, 1]);
  p.view({ start: 1, stop: 3 }).initialize({ v: (i: number) => -70 + i });
  assert.equal(p.get('v'), [-65, -70, -69, -65, -65]);
  v.initialize({ v: [-50, -40] });
  assert.equal(p.get('v'), [-65, -50, -69, -40, -65]);
  v[0].tau_refrac = 2;
  assert.is(p[1].tau_refrac, 2);
  assert.equal(v.get('tau_m'), 7);
});

test('idToIndex in a view: IndexError for a cell outside it; == compares parent and cells', () => {
  const p = new Population(5, new IF_curr_exp());
  const v = p.view([1, 3]) as PopulationView;
  assert.is(v.idToIndex(p[3]), 1);
  throwsError(() => v.idToIndex(p[2]), IndexError);
  assert.ok(v.equals(p.view([3, 1])));
  assert.not.ok(v.equals(p.view([1, 2])));
});

test('a view is a CellCollection: CellSet as range or index list, positions and addresses of its cells', async () => {
  const p = new Population(10, new IF_curr_exp(), { label: 'pop' });
  const v = p.view({ start: 1, stop: 9, step: 3 }); // 1, 4, 7
  assert.equal(v.toCellSet(), { parts: [{ population: 0, cells: { $case: 'range', value: { start: 1, stop: 8, step: 3 } } }], label: v.label });
  const w = p.view([0, 1, 5]);
  assert.equal(w.toCellSet().parts[0]!.cells, { $case: 'indices', value: { values: [0, 1, 5] } });
  assert.equal(p.toCellSet().parts[0]!.cells, { $case: 'all', value: true });
  assert.equal(Array.from(v.positionsXYZ().x), [1, 4, 7]);
  assert.equal(v.cellAddresses(), [[0, 1], [0, 4], [0, 7]]);
  assert.equal(p[3].asView() instanceof PopulationView, true);
});

test("a view's positions are read only, as PyNN's PopulationView.positions; one cell's position may be set", () => {
  const p = new Population(3, new IF_curr_exp(), { label: 'pop' });
  const v = p.view([0, 2]);
  throwsError(() => (v.positions = [[5, 6], [0, 0], [0, 0]]), TypeError, /positions are read only .*Population 'pop'/);
  assert.equal(p.positions[0], [0, 1, 2]);
  assert.equal(v.positions, [[0, 2], [0, 0], [0, 0]]);
  v[1]!.position = [7, 8, 9];
  assert.equal(p[2].position, [7, 8, 9]);
});

test('the PopulationView constructor takes a selector as view() does: sorted, unique, checked', () => {
  // PyNN 0.10.1: PopulationView(p, [5, 1, 1]) holds cells [1, 5] (with a warning); [20] raises IndexError;
  // a slice and a boolean mask pick the same cells as p[1:3] and p[mask].
  const p = new Population(10, new IF_curr_exp());
  const { warnings } = captureWarnings(() => assert.equal(new PopulationView(p, [5, 1, 1]).rootIndices, [1, 5]));
  assert.is(warnings.length, 1);
  throwsError(() => new PopulationView(p, [20]), IndexError);
  throwsError(() => new PopulationView(p, [-11]), IndexError);
  assert.equal(new PopulationView(p, { start: 1, stop: 3 }).rootIndices, [1, 2]);
  const mask = Array.from({ length: 10 }, (_, i) => i % 4 === 0);
  assert.equal(new PopulationView(p, mask).rootIndices, [0, 4, 8]);
  assert.equal(new PopulationView(p, [-1]).rootIndices, [9]);
});

// PyNN raises IndexError for a cell the view does not hold and an index beyond it; these returned -1 and undefined.
test('indexFromParentIndex and indexInGrandparent refuse cells outside the view (IndexError)', () => {
  const p = new Population(10, new IF_curr_exp());
  const v = p.view([2, 4, 6, 8]);
  throwsError(() => v.indexFromParentIndex(5), IndexError, /the parent's cell 5 is not in this view/);
  throwsError(() => v.indexFromParentIndex([4, 7]), IndexError);
  throwsError(() => v.indexInGrandparent(4), IndexError, /index 4 is out of range for a view of 4 cells/);
  assert.equal(v.indexFromParentIndex([8, 2]), [3, 0]);
});

test('idToIndex of a large view: every cell at its place, one outside refused', () => {
  const p = new Population(60_000, new IF_curr_exp());
  const v = p.view({ start: 1, stop: 60_000, step: 2 });
  const ids = Array.from({ length: v.size }, (_, k) => p.firstId + 1 + 2 * k);
  assert.equal(v.idToIndex(ids), Array.from({ length: v.size }, (_, k) => k));
  throwsError(() => v.idToIndex(p.firstId + 2), IndexError);
});

test.run();
