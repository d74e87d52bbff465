// Population (pynn-api.md §3): sizes and shapes, labels, IDs, get/set/initialize in every value form,
// positions and the Population message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IF_cond_exp, IF_curr_exp, SpikeSourceArray, SpikeSourcePoisson } from '../../frontend/cells/standard-cell-types.js';
import { InvalidDimensionsError, InvalidParameterValueError, NonExistentParameterError, ValueError } from '../../frontend/errors.js';
import { Population } from '../../frontend/populations/population.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { Sequence } from '../../frontend/random/sequence.js';
import { Line } from '../../frontend/space/line.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import { setup } from '../../frontend/simulation/control.js';
import { throwsError } from './assert-error.js';
import { captureWarnings } from './capture-warnings.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.before.each(async () => {
  await setup({ timestep: 0.1 });
});

test("default labels are 'population%d' from a counter that every Population advances", () => {
  const a = new Population(1, new IF_curr_exp());
  const b = new Population(1, new IF_curr_exp());
  const na = Number(/^population(\d+)$/.exec(a.label)![1]);
  assert.is(b.label, `population${na + 1}`);
  assert.is(new Population(1, new IF_curr_exp(), { label: 'exc' }).label, 'exc');
});

test('size, length and iteration', () => {
  const p = new Population(5, new IF_curr_exp());
  assert.is(p.size, 5);
  assert.is(p.length, 5);
  assert.equal([...p].map((id) => id.index), [0, 1, 2, 3, 4]);
  assert.equal([...p.all()].length, 5);
});

test('a size tuple gives a grid: (2, 3) is Grid2D with aspect 2/3, cell i at (floor(i/3), i mod 3)', () => {
  const p = new Population([2, 3], new IF_curr_exp());
  assert.is(p.size, 6);
  const [x, y, z] = p.positions;
  assert.equal(x, [0, 0, 0, 1, 1, 1]);
  assert.equal(y, [0, 1, 2, 0, 1, 2]);
  assert.equal(z, [0, 0, 0, 0, 0, 0]);
  assert.is(p.toMessage().structure?.kind?.$case, 'grid2d');
});

test('size tuple with a structure, or with more than 3 dimensions, is an error', () => {
  throwsError(() => new Population([4], new IF_curr_exp(), { structure: new Line() }), ValueError, /size tuple or a structure/);
  throwsError(() => new Population([2, 2, 2, 2], new IF_curr_exp()), Error, /4 dimensions/);
});

test('the default structure is Line(dx=1): cell i at x = i', () => {
  const p = new Population(4, new IF_curr_exp());
  assert.ok(p.structure instanceof Line);  // PyNN: `self._structure = structure or space.Line()`
  assert.is((p.structure as Line).dx, 1);
  throwsError(() => { (p as { structure: unknown }).structure = undefined; }, TypeError, /Population '.*': structure must be/);
  assert.equal(p.positions, [[0, 1, 2, 3], [0, 0, 0, 0], [0, 0, 0, 0]]);
  assert.equal(p.toMessage().positions, { x: [0, 1, 2, 3], y: [0, 0, 0, 0], z: [0, 0, 0, 0] });
  assert.equal(p.toMessage().structure, { kind: { $case: 'line', value: { dx: 1, x0: 0, y: 0, z: 0 } } });
});

test('setting positions replaces the structure; nearest finds the closest cell', () => {
  const p = new Population(3, new IF_curr_exp());
  p.positions = [[0, 10, 20], [0, 0, 5], [1, 1, 1]];
  assert.equal(p[2].position, [20, 5, 1]);
  assert.is(p.nearest([9, 1, 1]).index, 1);
  assert.equal(p.toMessage().structure, { kind: { $case: 'explicit', value: true } });
  p.structure = new Line({ dx: 2 });
  assert.equal(p.positions[0], [0, 2, 4]);
  assert.is(p.toMessage().structure?.kind?.$case, 'line');
});

test("an ID's position takes exactly [x, y, z], as PyNN asserts (a shorter one is not zero-filled)", () => {
  const p = new Population(2, new IF_curr_exp());
  p[0].position = [1, 2, 3];
  assert.equal(p[0].position, [1, 2, 3]);
  throwsError(() => (p[1].position = [1]), ValueError, /position must have 3 coordinates \[x, y, z\], got 1/);
  throwsError(() => (p[1].position = [1, 2, 3, 4]), ValueError, /got 4/);
  throwsError(() => (p[1].position = 5 as never), TypeError, /position must be an array/);
  assert.equal(p[1].position, [1, 0, 0]);
});

test('cell class with cellparams still works (deprecated); anything else is a TypeError', () => {
  const { result: p, warnings } = captureWarnings(() => new Population(2, IF_cond_exp, { cellparams: { tau_m: 12 } }));
  assert.is(p.get('tau_m'), 12);
  assert.match(warnings[0]!, /deprecated/);
  throwsError(() => new Population(2, 'IF_cond_exp' as never), TypeError, /cell type instance/);
});

test('IDs: global numbering, attribute read and write, unknown attribute → NonExistentParameterError', () => {
  const a = new Population(3, new IF_curr_exp({ tau_m: 15 }));
  const b = new Population(2, new IF_curr_exp());
  assert.is(b[0].id, a[0].id + 3);
  assert.is(+a[2], a.firstId + 2);
  assert.is(a.lastId, a.firstId + 2);
  assert.is(a[1].tau_m, 15);
  a[1].tau_m = 30;
  assert.equal(a.get('tau_m'), [15, 30, 15]);
  throwsError(() => {
    (a[1] as unknown as Record<string, number>).tau_mem = 3;
  }, NonExistentParameterError, /tau_mem/);
  assert.is(a[-1].index, 2);
  throwsError(() => a.at(3), Error, /out of range/);
});

test('ID get/setParameters and initial values', () => {
  const p = new Population(2, new IF_curr_exp());
  p[0].setParameters({ cm: 2 });
  assert.is(p[0].getParameters().cm, 2);
  p[1].setInitialValue('v', -55);
  assert.is(p[1].getInitialValue('v'), -55);
  throwsError(() => p[0].set(), TypeError, /no set\(\)/);
  // An unknown name lists the state variables (initial values), not the parameters.
  const e = throwsError(() => p[0].getInitialValue('vv'), NonExistentParameterError, /^vv \(valid parameters for IF_curr_exp \(state variables\) are: isyn_exc, isyn_inh, v\)$/);
  assert.equal((e as NonExistentParameterError).validParameters, ['v', 'isyn_exc', 'isyn_inh']);
});

test('get: one value when homogeneous (simplify), else one per cell; a list of names gives a list', () => {
  const p = new Population(3, new IF_curr_exp({ tau_m: [10, 20, 30] }));
  assert.is(p.get('cm'), 1);
  assert.equal(p.get('cm', { simplify: false }), [1, 1, 1]);
  assert.equal(p.get('tau_m'), [10, 20, 30]);
  assert.equal(p.get(['cm', 'tau_m']), [1, [10, 20, 30]]);
  throwsError(() => p.get('tau_x'), NonExistentParameterError, /valid parameters for IF_curr_exp/);
});

test('set: scalar, array, function of the index, RandomDistribution drawn with its rng', () => {
  const p = new Population(4, new IF_curr_exp());
  p.set({ tau_m: 12 });
  assert.is(p.get('tau_m'), 12);
  p.set({ cm: [1, 2, 3, 4] });
  assert.equal(p.get('cm'), [1, 2, 3, 4]);
  p.set({ i_offset: (i: number) => 0.1 * i });
  assert.equal(p.get('i_offset'), [0, 0.1, 0.2, 0.30000000000000004]);
  p.set({ v_thresh: new RandomDistribution('uniform', [-55, -50], new NumpyRNG({ seed: 7 })) });
  const expected = new RandomDistribution('uniform', [-55, -50], new NumpyRNG({ seed: 7 })).next(4);
  assert.equal(p.get('v_thresh'), expected);
});

test('set with the wrong number of values → InvalidDimensionsError; wrong type → InvalidParameterValueError', () => {
  const p = new Population(3, new IF_curr_exp());
  throwsError(() => p.set({ tau_m: [1, 2] }), InvalidDimensionsError, /2 values for 3 cells/);
  throwsError(() => new Population(3, new IF_curr_exp({ tau_m: [1, 2] })), InvalidDimensionsError);
  throwsError(() => p.set({ tau_m: 'x' as never }), InvalidParameterValueError);
  throwsError(() => p.set({ nope: 1 }), NonExistentParameterError);
});

test('SpikeSourceArray: one Sequence for all, one per cell, or a function; unsorted → InvalidParameterValueError', () => {
  const p = new Population(2, new SpikeSourceArray({ spike_times: new Sequence([1, 2]) }));
  assert.ok((p.get('spike_times') as Sequence).equals(new Sequence([1, 2])));
  p.set({ spike_times: [new Sequence([5]), new Sequence([6, 7])] });
  const per = p.get('spike_times') as Sequence[];
  assert.equal(per.map((s) => s.toArray()), [[5], [6, 7]]);
  p.set({ spike_times: (i: number) => new Sequence([i + 1, i + 2]) });
  assert.equal((p.get('spike_times') as Sequence[]).map((s) => s.toArray()), [[1, 2], [2, 3]]);
  throwsError(
    () => new Population(2, new SpikeSourceArray({ spike_times: [new Sequence([1]), new Sequence([3, 2])] })),
    InvalidParameterValueError,
    /sorted/,
  );
  throwsError(() => p.set({ spike_times: new Sequence([4, 1]) }), InvalidParameterValueError, /sorted/);
});

test('initialize and initialValues; unknown state variable → NonExistentParameterError', () => {
  const p = new Population(3, new IF_cond_exp(), { initialValues: { v: -60 } });
  assert.is(p.initialValues.v, -60);
  p.initialize({ v: [-70, -65, -60], gsyn_exc: 0.01 });
  assert.equal(p.get('v'), [-70, -65, -60]);
  const msg = p.toMessage();
  assert.equal(msg.cellType!.initialValues.v, { kind: { $case: 'array', value: { values: [-70, -65, -60] } } });
  assert.equal(msg.cellType!.initialValues.gsyn_exc, { kind: { $case: 'scalar', value: 0.01 } });
  throwsError(() => p.initialize({ w: 1 }), NonExistentParameterError);
});

test('the Population message carries every parameter, homogeneous values as scalars', () => {
  const p = new Population(2, new IF_cond_exp({ tau_m: [10, 11] }), { label: 'cells' });
  p.annotate({ layer: 'L4' });
  const msg = p.toMessage();
  assert.is(msg.label, 'cells');
  assert.is(msg.size, 2);
  assert.is(msg.cellType!.name, 'IF_cond_exp');
  assert.equal(Object.keys(msg.cellType!.parameters).sort(), Object.keys(new IF_cond_exp().defaultParameters).sort());
  assert.equal(msg.cellType!.parameters.e_rev_I, { kind: { $case: 'scalar', value: -70 } });
  assert.equal(msg.cellType!.parameters.tau_m, { kind: { $case: 'array', value: { values: [10, 11] } } });
  assert.equal(msg.annotations, [{ key: 'layer', jsonValue: '"L4"' }]);
  const src = new Population(2, new SpikeSourceArray({ spike_times: [1, 2] })).toMessage();
  assert.equal(src.cellType!.parameters.spike_times, { kind: { $case: 'sequences', value: { items: [{ values: [1, 2] }] } } });
});

// PyNN: s[0].spike_times and s[0].get_parameters() give a Sequence, as Population.get does; it was a plain array.
test("an ID reads a list-valued parameter as a Sequence, as get() does", () => {
  const s = new Population(2, new SpikeSourceArray({ spike_times: [1, 2] }));
  const times = s[0]!.spike_times;
  assert.ok(times instanceof Sequence && times.equals(new Sequence([1, 2])), String(times));
  const listed = s[1]!.getParameters().spike_times;
  assert.ok(listed instanceof Sequence && listed.equals(s.get('spike_times') as Sequence));
});

test('idToIndex: ValueError outside the population', () => {
  const p = new Population(3, new IF_curr_exp());
  assert.is(p.idToIndex(p[2]), 2);
  assert.equal(p.idToIndex([p.firstId, p.firstId + 1]), [0, 1]);
  throwsError(() => p.idToIndex(p.firstId + 3), ValueError);
});

test('injecting into a spike source is a TypeError', () => {
  const p = new Population(2, new SpikeSourcePoisson());
  throwsError(() => p.inject(new DCSource()), TypeError, /Can't inject current into a spike source/);
});

test('sample(n, rng) picks n distinct cells; n above the size gives them all (PyNN: permutation[0:n])', () => {
  const p = new Population(10, new IF_curr_exp());
  const s = p.sample(4, new NumpyRNG({ seed: 3 }));
  assert.is(s.size, 4);
  assert.is(new Set(s.rootIndices).size, 4);
  assert.ok(s.rootIndices.every((i) => i >= 0 && i < 10));
  assert.equal(p.sample(11, new NumpyRNG({ seed: 3 })).rootIndices, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  throwsError(() => p.sample(-1), ValueError);
  throwsError(() => p.sample(1.5), ValueError);
});

test('describe names the population, cell type and size; canRecord follows the cell type', () => {
  const p = new Population(3, new IF_cond_exp(), { label: 'E' });
  assert.match(p.describe(), /Population "E"/);
  assert.match(p.describe(), /IF_cond_exp/);
  assert.ok(p.canRecord('gsyn_exc'));
  assert.not.ok(p.canRecord('w'));
  assert.equal([...p.receptorTypes], ['excitatory', 'inhibitory']);
  assert.ok(p.conductanceBased);
});

test('describe(null) gives the facts as an object; findUnits; labels can be reassigned', () => {
  const p = new Population(4, new IF_cond_exp(), { label: 'E' });
  const facts = p.describe(null);
  assert.is(facts.label, 'E');
  assert.is(facts.size, 4);
  assert.is(facts.first_id, p.firstId);
  assert.match(String(facts.structure), /^Line\(/);
  assert.is(p.findUnits('gsyn_inh'), 'uS');
  assert.is(p.findUnits('v'), 'mV');
  throwsError(() => p.findUnits('w'), NonExistentParameterError);
  const v = p.view({ stop: 2 });
  v.label = 'first two';
  assert.is(v.label, 'first two');
  assert.match(v.describe(), /PopulationView "first two"/);
  p.label = 'exc';
  assert.is(p.toMessage().label, 'exc');
});

test('savePositions writes "index x y z" lines', async () => {
  const p = new Population(3, new IF_curr_exp(), { structure: new Line({ dx: 2, y: 1 }) });
  const file = join(mkdtempSync(join(tmpdir(), 'tsnn-')), 'positions.txt');
  await p.savePositions(file);
  assert.is(readFileSync(file, 'utf8'), '0 0 1 0\n1 2 1 0\n2 4 1 0\n');
});

test.run();
