// Assembly (pynn-api.md §3): membership rules, cell order, receptor-type intersection, forwarding of get/set/
// record, views of an assembly, and the concatenated CellSet.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HH_cond_exp, IF_cond_exp, IF_curr_exp, SpikeSourceArray } from '../../frontend/cells/standard-cell-types.js';
import { IndexError, KeyError } from '../../frontend/errors.js';
import { Assembly } from '../../frontend/populations/assembly.js';
import { Sequence } from '../../frontend/random/sequence.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Population } from '../../frontend/populations/population.js';
import { setup } from '../../frontend/simulation/control.js';
import { throwsError } from './assert-error.js';
import { captureWarnings } from './capture-warnings.js';

test.before.each(async () => {
  await setup();
});

test('a Population from before the last setup() is refused as a member (it would stop the next build)', async () => {
  const old = new Population(2, new IF_cond_exp(), { label: 'old' });
  await setup();
  const fresh = new Population(2, new IF_cond_exp(), { label: 'fresh' });
  throwsError(() => new Assembly([fresh, old]), Error, /Population 'old' does not belong to the current simulation/);
  throwsError(() => new Assembly([fresh]).append(old), Error, /Population 'old' does not belong to the current simulation/);
  assert.is(new Assembly([fresh]).size, 2);
});

test("p + q is an Assembly labelled 'assembly%d'; a += p appends; duplicates ignored", () => {
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  const q = new Population(3, new IF_cond_exp(), { label: 'q' });
  const a = p.add(q) as Assembly;
  assert.instance(a, Assembly);
  assert.match(a.label, /^assembly\d+$/);
  assert.is(a.size, 5);
  const r = new Population(1, new IF_cond_exp(), { label: 'r' });
  a.append(r);
  assert.is(a.size, 6);
  const { warnings } = captureWarnings(() => a.append(p));
  assert.is(a.populations.length, 3);
  assert.equal(warnings, [`Assembly '${a.label}': 'p' is already a member; ignored`]);
  const b = a.add(new Population(1, new IF_cond_exp()));
  assert.is(b.size, 7);
  assert.is(a.size, 6);
});

test('a member that would hold a cell twice is ignored with a warning (PyNN 0.10.1 Assembly._insert)', () => {
  const p = new Population(4, new IF_cond_exp(), { label: 'p' });
  const q = new Population(2, new IF_cond_exp(), { label: 'q' });
  let a: Assembly | undefined;
  const { warnings } = captureWarnings(() => {
    a = p.add(p.view({ start: 0, stop: 2 }), q) as Assembly;  // PyNN: p + p[0:2] has 4 cells
  });
  assert.is(a!.size, 6);
  assert.is(warnings.length, 1);
  const b = captureWarnings(() => new Assembly([p.view({ start: 0, stop: 3 }), p.view({ start: 2, stop: 4 }), q]));
  assert.is(b.result.size, 5);
  assert.is(b.warnings.length, 1);
  assert.is(new Assembly([p.view([0, 1]), p.view([2, 3])]).size, 4);  // disjoint views of one population
});

test('PyNN-style Assembly(p, q), members as separate arguments, is a TypeError saying they go in an array', () => {
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  const q = new Population(3, new IF_cond_exp(), { label: 'q' });
  const Loose = Assembly as unknown as new (...args: unknown[]) => Assembly;
  throwsError(() => new Loose(p, q), TypeError, /members in an array, new Assembly\(\[p1, p2\]/);
  throwsError(() => new Loose(p), TypeError, /members in an array/);
  throwsError(() => new Loose([p], new Assembly([q])), TypeError, /members in an array/);
  assert.is(new Assembly([p, q], { label: 'pq' }).size, 5);
});

test('set: a flat array for a Sequence parameter is one Sequence for every cell, not split among members', () => {
  // PyNN: Assembly([s1, s2]).set(spike_times=[10, 20, 30]) gives every cell Sequence([10, 20, 30]).
  const s1 = new Population(2, new SpikeSourceArray());
  const s2 = new Population(1, new SpikeSourceArray());
  const a = new Assembly([s1, s2]);
  a.set({ spike_times: [10, 20, 30] });
  for (const s of [s1, s2]) assert.ok((s.get('spike_times') as Sequence).equals(new Sequence([10, 20, 30])));
  a.set({ spike_times: [[1], [2, 3], [4]] });  // one Sequence per cell: split
  assert.equal((s1.get('spike_times') as Sequence[]).map((q) => q.toArray()), [[1], [2, 3]]);
  assert.ok((s2.get('spike_times') as Sequence).equals(new Sequence([4])));
});

test('members must be Populations or views (TypeError); getPopulation by label (KeyError if absent)', () => {
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  throwsError(() => new Assembly([p, 'q' as never]), TypeError);
  const a = new Assembly([p], { label: 'A' });
  assert.is(a.getPopulation('p'), p);
  throwsError(() => a.getPopulation('zz'), KeyError, /zz/);
});

test('cell k is the k-th cell of the concatenated members; IDs and idToIndex', () => {
  const p = new Population(2, new IF_cond_exp());
  const q = new Population(3, new IF_cond_exp());
  const a = new Assembly([p, q]);
  assert.is(a[2].id, q[0].id);
  assert.is(a.at(-1).id, q[2].id);
  assert.is(a.idToIndex(q[1]), 3);
  assert.equal(a.idToIndex([q[0], p[1]]), [2, 1]);  // PyNN: a list of IDs gives a list of indices
  throwsError(() => a.idToIndex(new Population(1, new IF_cond_exp())[0]), IndexError);
  assert.equal([...a].map((id) => id.id), [...p, ...q].map((id) => id.id));
});

test("Population's API on an Assembly: allCells, sample, findUnits, savePositions", async () => {
  const p = new Population(3, new IF_cond_exp());
  const q = new Population(2, new IF_cond_exp());
  const a = new Assembly([p, q]);
  assert.equal(a.allCells.map((id) => id.id), [...p, ...q].map((id) => id.id));
  const s = a.sample(3, new NumpyRNG({ seed: 2 }));
  assert.instance(s, Assembly);
  assert.is(s.size, 3);
  assert.is(new Set(s.allCells.map((id) => id.id)).size, 3);
  assert.is(a.sample(9, new NumpyRNG({ seed: 2 })).size, 5);
  assert.is(a.findUnits('v'), 'mV');
  const file = join(mkdtempSync(join(tmpdir(), 'tsnn-')), 'positions.txt');
  await a.savePositions(file);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  assert.is(lines.length, 5);
  assert.is(lines[4], `4 ${q.positions[0][1]} ${q.positions[1][1]} ${q.positions[2][1]}`);
});

test('receptor types are the intersection; conductanceBased only when all are', () => {
  const hh = new Population(1, new HH_cond_exp());
  const ce = new Population(1, new IF_cond_exp());
  const cu = new Population(1, new IF_curr_exp());
  assert.equal([...new Assembly([hh, ce]).receptorTypes], ['excitatory', 'inhibitory']);
  assert.ok(new Assembly([hh, ce]).conductanceBased);
  assert.not.ok(new Assembly([ce, cu]).conductanceBased);
  assert.is(new Assembly([ce, cu]).celltypeInfo, undefined);
});

test('get hstacks the members; set splits per-cell arrays and forwards other forms', () => {
  const p = new Population(2, new IF_cond_exp({ tau_m: 10 }));
  const q = new Population(2, new IF_cond_exp({ tau_m: 30 }));
  const a = new Assembly([p, q]);
  assert.equal(a.get('tau_m'), [10, 10, 30, 30]);
  assert.is(a.get('cm'), 1);
  a.set({ cm: [1, 2, 3, 4] });
  assert.equal(p.get('cm'), [1, 2]);
  assert.equal(q.get('cm'), [3, 4]);
  a.set({ v_rest: -60 });
  assert.is(q.get('v_rest'), -60);
  a.initialize({ v: -58 });
  assert.is(p.get('v'), -58);
});

test('a[selector] is an Assembly of views; the CellSet concatenates the members in order', () => {
  const p = new Population(3, new IF_cond_exp(), { label: 'p' });
  const q = new Population(3, new IF_cond_exp(), { label: 'q' });
  const a = new Assembly([p, q]);
  const sub = a.view([1, 4, 5]);
  assert.is(sub.size, 3);
  assert.equal(sub.populations.map((v) => [...v.rootIndices]), [[1], [1, 2]]);
  const set = a.toCellSet();
  assert.equal(set.parts.map((s) => s.population), [0, 1]);
  assert.equal(a.cellAddresses(), [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
  assert.equal(Array.from(a.positionsXYZ().x), [0, 1, 2, 0, 1, 2]);
});

test('record forwards to every member', () => {
  const p = new Population(2, new IF_cond_exp());
  const q = new Population(2, new IF_cond_exp());
  new Assembly([p, q]).record(['spikes', 'v']);
  assert.equal(p.recorder.variables, ['spikes', 'v']);
  assert.equal(q.recorder.variables, ['spikes', 'v']);
});

// PyNN's Assembly.get_annotations: {key: the members' values stacked, simplified}; a member without it, KeyError.
test('getAnnotations gives each key the members\' values in order, one value when they agree', () => {
  const p = new Population(1, new IF_cond_exp(), { label: 'p' });
  const q = new Population(1, new IF_cond_exp(), { label: 'q' });
  p.annotate({ layer: 'L2/3', area: 'V1', ids: [1, 2] });
  q.annotate({ layer: 'L4', area: 'V1', ids: [3], extra: 1 });
  const a = new Assembly([p, q]);
  assert.equal(a.getAnnotations('layer'), { layer: ['L2/3', 'L4'] });
  assert.equal(a.getAnnotations(['area', 'ids']), { area: 'V1', ids: [1, 2, 3] });
  assert.equal(a.getAnnotations('area', false), { area: ['V1', 'V1'] });
  assert.throws(() => a.getAnnotations('extra'), (e: Error) => e instanceof KeyError && /member 'p' has no annotation 'extra'/.test(e.message));
});

test('Assembly.positionGenerator gives the positions of its cells, counting from the end for negative i', () => {
  const p = new Population(2, new IF_cond_exp(), { label: 'p' });
  const q = new Population(3, new IF_cond_exp(), { label: 'q' });
  const a = new Assembly([p, q]);
  assert.equal(a.positionGenerator(3), q[1]!.position);
  assert.equal(a.positionGenerator(-1), q[2]!.position);
  assert.throws(() => a.get('tau_m', { simplfy: false } as never), (e: Error) => e instanceof TypeError && /unknown option 'simplfy'/.test(e.message));
});

test.run();
