// PyNN's unit tests of Population and PopulationView (NeuralEnsemble/PyNN test/unittests/test_population.py,
// test_populationview.py and test_basepopulation.py, which run on the pyNN.mock backend), restated for tsnn's
// public API. PyNN's expectations are the independent truth; where the stored test predates PyNN 0.10, the
// expectation was checked against PyNN 0.10.1's pyNN.mock (for example, 0.10 sorts an index selector, so
// p.sample(5) is a sorted view). Each test names the PyNN test it follows. Tests that need no simulation never
// start an engine; the recording tests run the wasm engine for a few milliseconds of model time.
//
// Not ported (PyNN internals or Python-only): test_get_multiple_params_no_gather and
// test_set_random_distribution_parallel_{safe,unsafe} (fake MPI ranks), test_get_spikes_with_gather and the second
// PopulationView test_get_data_with_gather (the mock backend's synthetic spike times), the spike count values of
// test_get_spike_counts / test_mean_spike_count (the mock's synthetic two spikes per cell; the keys and the mean are
// ported), _structure / _positions / _mask_local checks, and test_basepopulation.py's tests of private helpers
// (_get_array, _set_array, _record, _get_cell_position, _native_rset, recorders, gather_dict) and of the pre-0.8
// signatures set('name', value) / initialize('v', value) / record(n) that PyNN itself no longer has.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sim from '../../frontend/wasm.js';
import { assertArrayAlmostEqual } from './numpy-asserts.js';
import { throwsError } from '../frontend/assert-error.js';
import { captureWarnings } from '../frontend/capture-warnings.js';

type ErrorClass = abstract new (...args: never[]) => Error;
const throws = (fn: () => unknown, cls: ErrorClass, what: string) => throwsError(fn, cls, undefined, what);

/** Global ID numbers of a collection's cells, in its order. */
const idsOf = (cells: Iterable<sim.ID>): number[] => [...cells].map(Number);

/**
 * PyNN's MockRNG (test/unittests/mocks.py): every draw returns start, start + delta, ... and moves on, whatever the
 * distribution. A NumpyRNG subclass, so RandomDistribution accepts it.
 */
class CountingRNG extends sim.NumpyRNG {
  private value: number;
  constructor(
    start: number,
    private readonly delta: number,
  ) {
    super({ seed: 0 });
    this.value = start;
  }
  override next(n?: number): any {
    const count = n ?? 1;
    const first = this.value;
    this.value += count * this.delta;
    const out = Array.from({ length: count }, (_, i) => first + this.delta * i);
    return n === undefined ? out[0] : out;
  }
}

/** An rng for sample() whose shuffle puts `order` first (PyNN's tests mock rng.permutation to return `order`). */
function permutationRng(order: readonly number[]): { next(n: number): number[] } {
  return {
    next(n: number) {
      const keys = new Array<number>(n);
      order.forEach((index, rank) => (keys[index] = rank));
      return keys;
    },
  };
}

/** Positions like numpy.arange(3 * n).reshape((n, 3)).T: cell i at (3i, 3i + 1, 3i + 2). */
const rowMajorPositions = (n: number): number[][] => [0, 1, 2].map((axis) => Array.from({ length: n }, (_, i) => 3 * i + axis));
/** Positions like numpy.arange(3 * n).reshape(3, n): cell i at (i, n + i, 2n + i). */
const axisMajorPositions = (n: number): number[][] => [0, 1, 2].map((axis) => Array.from({ length: n }, (_, i) => axis * n + i));

test.before.each(async () => {
  await sim.setup({ timestep: 0.1 });
});
test.after.each(async () => {
  await sim.end();
});

// ---------------------------------------------------------------------------------------------------------------
// test_population.py (PopulationTest)
// ---------------------------------------------------------------------------------------------------------------

test('Population(11, IF_cond_exp()): size, a string label, its cell type, a Line, the default initial values', () => {
  // follows PyNN test_population.py::test_create_with_standard_cell_simple
  const p = new sim.Population(11, new sim.IF_cond_exp());
  assert.is(p.size, 11);
  assert.type(p.label, 'string');
  assert.instance(p.celltype, sim.IF_cond_exp);
  assert.instance(p.structure, sim.Line);
  assert.equal(Object.keys(p.initialValues).sort(), Object.keys(sim.IF_cond_exp.defaultInitialValues).sort());
});

test('cell parameters given as a number, a function of the index and an array', () => {
  // follows PyNN test_population.py::test_create_with_parameters
  const p = new sim.Population(
    4,
    new sim.IF_cond_exp({ tau_m: 12.3, tau_syn_E: (i: number) => 0.987 + 0.01 * i, tau_syn_I: [0.5, 0.6, 0.7, 0.8] }),
  );
  const [tauSynE, tauM, tauSynI] = p.get(['tau_syn_E', 'tau_m', 'tau_syn_I'], { gather: true }) as [number[], number, number[]];
  assertArrayAlmostEqual(tauSynE, [0.987, 0.997, 1.007, 1.017], 6, 'tau_syn_E');
  assert.ok(Math.abs(tauM - 12.3) < 1e-7);
  assert.equal(tauSynI, [0.5, 0.6, 0.7, 0.8]);
});

test('a size tuple gives Line (1-D), Grid2D (2-D) or Grid3D (3-D); four dimensions are refused', () => {
  // follows PyNN test_population.py::test_create_with_implicit_grid
  const line = new sim.Population([11], new sim.IF_cond_exp());
  assert.is(line.size, 11);
  assert.instance(line.structure, sim.Line);
  const grid = new sim.Population([5, 6], new sim.IF_cond_exp());
  assert.is(grid.size, 30);
  assert.instance(grid.structure, sim.Grid2D);
  const cube = new sim.Population([2, 3, 4], new sim.IF_cond_exp());
  assert.is(cube.size, 24);
  assert.instance(cube.structure, sim.Grid3D);
  throws(() => new sim.Population([2, 3, 4, 5], new sim.IF_cond_exp()), Error, 'four dimensions');
});

test('idToIndex of an ID is its index', () => {
  // follows PyNN test_population.py::test_id_to_index
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  assert.is(p.idToIndex(p[0]), 0);
  assert.is(p.idToIndex(p[10]), 10);
});

test('idToIndex of a list of IDs is their indices', () => {
  // follows PyNN test_population.py::test_id_to_index_with_array
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  const cells = p.allCells.filter((_, k) => k >= 3 && k < 9 && (k - 3) % 2 === 0);
  assert.equal(p.idToIndex(cells), [3, 5, 7]);
});

test('idToIndex of a PopulationView is the indices of its cells', () => {
  // follows PyNN test_population.py::test_id_to_index_with_populationview
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  const view = p.view({ start: 3, stop: 7 });
  assert.instance(view, sim.PopulationView);
  assert.equal(p.idToIndex(view as never), [3, 4, 5, 6]);
});

test('idToIndex of an ID outside the population is a ValueError', () => {
  // follows PyNN test_population.py::test_id_to_index_with_invalid_id
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  throws(() => p.idToIndex(p.lastId + 1), sim.ValueError, 'last_id + 1');
  throws(() => p.idToIndex(p.firstId - 1), sim.ValueError, 'first_id - 1');
});

test('idToIndex of a list holding one ID outside the population is a ValueError', () => {
  // follows PyNN test_population.py::test_id_to_index_with_invalid_ids
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  throws(() => p.idToIndex([p.firstId - 1, ...p.allCells.slice(0, 3)]), sim.ValueError, 'list');
});

test('setting a new structure replaces explicit positions with the structure\'s', () => {
  // follows PyNN test_population.py::test_set_structure
  const p = new sim.Population(11, new sim.IF_cond_exp());
  p.positions = axisMajorPositions(11);
  const line = new sim.Line({ dx: 2, x0: 1 });
  p.structure = line;
  assert.is(p.structure, line);
  assert.equal(p.positions[0], Array.from({ length: 11 }, (_, i) => 1 + 2 * i));
  assert.equal(p.positions[1], new Array(11).fill(0));
});

test('positions come from the structure until set, then read back as set', () => {
  // follows PyNN test_population.py::test_get_positions (a real structure in place of the mocked one)
  const p = new sim.Population(11, new sim.IF_cond_exp(), { structure: new sim.Line({ dx: 3 }) });
  assert.equal(p.positions, [Array.from({ length: 11 }, (_, i) => 3 * i), new Array(11).fill(0), new Array(11).fill(0)]);
  const pos2 = axisMajorPositions(11).map((row) => row.map((v) => v + 1));
  p.positions = pos2;
  assert.equal(p.positions, pos2);
});

test('setting positions copies them: changing the array afterwards leaves the population alone', () => {
  // follows PyNN test_population.py::test_set_positions (the part about values and copying)
  const p = new sim.Population(11, new sim.IF_cond_exp());
  const fresh = [0, 1, 2].map((axis) => Array.from({ length: 11 }, (_, i) => Math.sin(1 + i + 11 * axis)));
  p.positions = fresh;
  assert.equal(p.positions, fresh);
  fresh[0]![0] = 99.9;
  assert.is.not(p.positions[0]![0], 99.9);
});

test('setting positions discards the structure', () => {
  // follows PyNN test_population.py::test_set_positions (p.structure is None afterwards)
  const p = new sim.Population(11, new sim.IF_cond_exp());
  assert.ok(p.structure);
  p.positions = axisMajorPositions(11);
  assert.is(p.structure as unknown, null);
});

test('the position of cell i (negative i from the end); out of range is an IndexError', () => {
  // follows PyNN test_population.py::test_position_generator, through p.at(i).position
  const p = new sim.Population(11, new sim.IF_cond_exp());
  const column = (k: number) => p.positions.map((row) => row[k]);
  assert.equal(p.at(0).position, column(0));
  assert.equal(p.at(10).position, column(10));
  assert.equal(p.at(-1).position, column(10));
  assert.equal(p.at(-11).position, column(0));
  throws(() => p.at(11).position, sim.IndexError, 'index 11');
  throws(() => p.at(-12).position, sim.IndexError, 'index -12');
});

test('positionGenerator(i) is the position of cell i', () => {
  // follows PyNN test_population.py::test_position_generator
  const p = new sim.Population(11, new sim.IF_cond_exp());
  const gen = (p as unknown as { positionGenerator: (i: number) => number[] }).positionGenerator;
  assert.equal(gen(-1), p.positions.map((row) => row[10]));
  throws(() => gen(11), sim.IndexError, 'positionGenerator(11)');
});

test('p[i] is the ID first_id + i; p[-1] the last; p[12] of 12 cells is an IndexError', () => {
  // follows PyNN test_population.py::test__getitem__int
  const p = new sim.Population(12, new sim.IF_cond_exp());
  assert.is(+p[11], +p[0] + 11);
  throws(() => p.at(12), sim.IndexError, 'p.at(12)');
  throws(() => p[12], sim.IndexError, 'p[12]');
  assert.is(+p[-1], +p[11]);
});

test('a slice gives a PopulationView of those cells with the population as parent', () => {
  // follows PyNN test_population.py::test__getitem__slice
  const p = new sim.Population(17, new sim.HH_cond_exp());
  const pv = p.view({ start: 3, stop: 9 });
  assert.is(pv.parent, p);
  assert.equal(idsOf(pv.allCells), idsOf(p.allCells.slice(3, 9)));
});

test('a list of indices gives a PopulationView of those cells', () => {
  // follows PyNN test_population.py::test__getitem__list
  const p = new sim.Population(23, new sim.HH_cond_exp());
  const pv = p.view([3, 4, 5, 6, 7, 8]);
  assert.is(pv.parent, p);
  assert.equal(idsOf(pv.allCells), idsOf(p.allCells.slice(3, 9)));
});

test('a tuple of indices (an index array) gives a PopulationView of those cells', () => {
  // follows PyNN test_population.py::test__getitem__tuple
  const p = new sim.Population(23, new sim.HH_cond_exp());
  const pv = p.view([3, 5, 7]);
  assert.is(pv.parent, p);
  assert.equal(idsOf(pv.allCells), [3, 5, 7].map((k) => +p[k]));
});

test('indexing with a string is a TypeError', () => {
  // follows PyNN test_population.py::test__getitem__invalid (p["foo"] is a property read in TypeScript, so the
  // indexing forms p.at() and p.view() are the ones checked)
  const p = new sim.Population(23, new sim.IF_curr_alpha());
  throws(() => p.at('foo' as never), TypeError, 'at("foo")');
  throws(() => p.view('foo' as never), TypeError, 'view("foo")');
});

test('length and size are the number of cells', () => {
  // follows PyNN test_population.py::test__len__
  const p = new sim.Population(77, new sim.IF_cond_exp());
  assert.is(p.length, 77);
  assert.is(p.size, 77);
});

test('iterating gives an iterator over every cell', () => {
  // follows PyNN test_population.py::test_iter
  const p = new sim.Population(6, new sim.IF_curr_exp());
  const itr = p[Symbol.iterator]();
  assert.type(itr.next, 'function');
  assert.is([...itr].length, 6);
});

test('adding two populations gives an Assembly of both', () => {
  // follows PyNN test_population.py::test___add__two
  const p1 = new sim.Population(6, new sim.IF_curr_exp());
  const p2 = new sim.Population(17, new sim.IF_cond_exp());
  const assembly = p1.add(p2);
  assert.instance(assembly, sim.Assembly);
  assert.equal(assembly.populations, [p1, p2]);
});

test('adding three populations gives an Assembly of the three, in order', () => {
  // follows PyNN test_population.py::test___add__three
  const p1 = new sim.Population(6, new sim.IF_curr_exp());
  const p2 = new sim.Population(17, new sim.IF_cond_exp());
  const p3 = new sim.Population(9, new sim.HH_cond_exp());
  const assembly = p1.add(p2).add(p3);
  assert.instance(assembly, sim.Assembly);
  assert.equal(assembly.populations, [p1, p2, p3]);
});

test('nearest(position) is the closest cell, for set positions and for a 3-D grid', () => {
  // follows PyNN test_population.py::test_nearest
  const p = new sim.Population(13, new sim.IF_cond_exp());
  p.positions = rowMajorPositions(13);
  assert.is(+p.nearest([0.0, 1.0, 2.0]), +p[0]);
  assert.is(+p.nearest([3.0, 4.0, 5.0]), +p[1]);
  assert.is(+p.nearest([36.0, 37.0, 38.0]), +p[12]);
  assert.is(+p.nearest([1.49, 2.49, 3.49]), +p[0]);
  assert.is(+p.nearest([1.51, 2.51, 3.51]), +p[1]);
  const [x, y, z] = [4, 5, 6];
  const g = new sim.Population([x, y, z], new sim.IF_cond_alpha());
  assert.is(+g.nearest([0.0, 0.0, 0.0]), +g[0]);
  assert.is(+g.nearest([0.0, 0.0, 1.0]), +g[1]);
  assert.is(+g.nearest([0.0, 1.0, 0.0]), +g[z]);
  assert.is(+g.nearest([1.0, 0.0, 0.0]), +g[y * z]);
  assert.is(+g.nearest([3.0, 2.0, 1.0]), +g[3 * y * z + 2 * z + 1]);
  assert.is(+g.nearest([3.49, 2.49, 1.49]), +g[3 * y * z + 2 * z + 1]);
  assert.is(+g.nearest([3.49, 2.49, 1.51]), +g[3 * y * z + 2 * z + 2]);
});

test('sample(n, rng) is a view of the first n cells of the rng\'s shuffle (sorted, as PyNN 0.10 sorts views)', () => {
  // follows PyNN test_population.py::test_sample (PyNN 0.10.1 gives the cells [0, 4, 7, 8, 12], sorted)
  const p = new sim.Population(13, new sim.IF_cond_exp());
  const pv = p.sample(5, permutationRng([7, 4, 8, 12, 0, 3, 9, 1, 2, 11, 5, 10, 6]));
  assert.equal(idsOf(pv.allCells), [0, 4, 7, 8, 12].map((k) => +p[k]));
});

test('get() of several homogeneous parameters gives one number each', () => {
  // follows PyNN test_population.py::test_get_multiple_homogeneous_params_with_gather
  const p = new sim.Population(4, new sim.IF_cond_exp({ tau_m: 12.3, tau_syn_E: 0.987, tau_syn_I: 0.7 }));
  const [tauSynE, tauM] = p.get(['tau_syn_E', 'tau_m'], { gather: true }) as [number, number];
  assert.type(tauSynE, 'number');
  assert.is(tauSynE, 0.987);
  assert.ok(Math.abs(tauM - 12.3) < 1e-7);
});

test('get() of one homogeneous parameter gives one number', () => {
  // follows PyNN test_population.py::test_get_single_param_with_gather
  const p = new sim.Population(4, new sim.IF_cond_exp({ tau_m: 12.3, tau_syn_E: 0.987, tau_syn_I: 0.7 }));
  assert.is(p.get('tau_syn_E', { gather: true }), 0.987);
});

test('get() of inhomogeneous parameters gives one value per cell, homogeneous ones a number', () => {
  // follows PyNN test_population.py::test_get_multiple_inhomogeneous_params_with_gather
  const p = new sim.Population(
    4,
    new sim.IF_cond_exp({ tau_m: 12.3, tau_syn_E: [0.987, 0.988, 0.989, 0.99], tau_syn_I: (i: number) => 0.5 + 0.1 * i }),
  );
  const [tauSynE, tauM, tauSynI] = p.get(['tau_syn_E', 'tau_m', 'tau_syn_I'], { gather: true }) as [number[], number, number[]];
  assert.type(tauM, 'number');
  assert.ok(Array.isArray(tauSynE));
  assert.equal(tauSynE, [0.987, 0.988, 0.989, 0.99]);
  assert.ok(Math.abs(tauM - 12.3) < 1e-7);
  assertArrayAlmostEqual(tauSynI, [0.5, 0.6, 0.7, 0.8], 12, 'tau_syn_I');
});

test('get() of a Sequence parameter gives one Sequence per cell', () => {
  // follows PyNN test_population.py::test_get_sequence_param
  const p = new sim.Population(
    3,
    new sim.SpikeSourceArray({
      spike_times: [new sim.Sequence([1, 2, 3, 4]), new sim.Sequence([2, 3, 4, 5]), new sim.Sequence([3, 4, 5, 6])],
    }),
  );
  const spikeTimes = p.get('spike_times') as sim.Sequence[];
  assert.is(spikeTimes.length, 3);
  assert.ok(spikeTimes[1]!.equals(new sim.Sequence([2, 3, 4, 5])));
});

test('set() with a RandomDistribution and a number (deprecated class + cellparams form)', () => {
  // follows PyNN test_population.py::test_set (MockRNG(start=1.21, delta=0.01))
  const { result: p } = captureWarnings(
    () => new sim.Population(4, sim.IF_cond_exp, { cellparams: { tau_m: 12.3, tau_syn_E: 0.987, tau_syn_I: 0.7 } }),
  );
  p.set({ tau_syn_E: new sim.RandomDistribution('uniform', [0.5, 1.5], new CountingRNG(1.21, 0.01)), tau_m: 9.87 });
  const [tauM, tauSynE, tauSynI] = p.get(['tau_m', 'tau_syn_E', 'tau_syn_I'], { gather: true, simplify: false }) as number[][];
  assertArrayAlmostEqual(tauSynE!, [1.21, 1.22, 1.23, 1.24], 12, 'tau_syn_E');
  assertArrayAlmostEqual(tauM!, [9.87, 9.87, 9.87, 9.87], 6, 'tau_m');
  assert.equal(tauSynI, [0.7, 0.7, 0.7, 0.7]);
});

test('set() of an unknown parameter is a NonExistentParameterError', () => {
  // follows PyNN test_population.py::test_set_invalid_name
  const p = new sim.Population(9, new sim.HH_cond_exp());
  throws(() => p.set({ foo: 13.2 }), sim.NonExistentParameterError, 'foo');
});

test('set() with a dict or a string value is an InvalidParameterValueError', () => {
  // follows PyNN test_population.py::test_set_invalid_type
  const p = new sim.Population(9, new sim.IF_cond_exp());
  throws(() => p.set({ tau_m: {} as never }), sim.InvalidParameterValueError, 'tau_m={}');
  throws(() => p.set({ v_reset: 'bar' as never }), sim.InvalidParameterValueError, "v_reset='bar'");
});

test('set() of one Sequence per cell', () => {
  // follows PyNN test_population.py::test_set_sequence
  const p = new sim.Population(3, new sim.SpikeSourceArray());
  p.set({ spike_times: [new sim.Sequence([1, 2, 3, 4]), new sim.Sequence([2, 3, 4, 5]), new sim.Sequence([3, 4, 5, 6])] });
  const spikeTimes = p.get('spike_times', { gather: true }) as sim.Sequence[];
  assert.is(spikeTimes.length, 3);
  assert.ok(spikeTimes[1]!.equals(new sim.Sequence([2, 3, 4, 5])));
});

test('set() of an array, one value per cell', () => {
  // follows PyNN test_population.py::test_set_array
  const p = new sim.Population(5, new sim.IF_cond_exp());
  p.set({ v_thresh: [0, 1, 2, 3, 4].map((k) => -50.0 + k) });
  assert.equal(p.get('v_thresh', { gather: true }), [-50.0, -49.0, -48.0, -47.0, -46.0]);
});

test('set() of an array of the wrong length is an InvalidDimensionsError', () => {
  // follows PyNN test_basepopulation.py::test_set_inconsistent_type, test_tset_invalid_dimensions_1D and _2D
  // (PyNN 0.10.1 raises InvalidDimensionsError for each)
  const p = new sim.Population(13, new sim.IF_cond_exp());
  throws(() => p.set({ tau_m: [12.34, 56.78] }), sim.InvalidDimensionsError, 'two values');
  throws(() => p.set({ tau_m: Array.from({ length: 14 }, (_, i) => 10 + i) }), sim.InvalidDimensionsError, '14 values');
});

test('deprecated aliases: tset, rset, recordV, recordGsyn, printSpikes, getSpikes, printV, getV, printGsyn, getGsyn', () => {
  // follows PyNN test_population.py::test_tset, test_rset, test_record_v, test_record_gsyn, test_printSpikes,
  // test_getSpikes, test_print_v, test_get_v, test_print_gsyn, test_get_gsyn
  const p = new sim.Population(17, new sim.IF_cond_alpha());
  const names = ['tset', 'rset', 'recordV', 'recordGsyn', 'printSpikes', 'getSpikes', 'printV', 'getV', 'printGsyn', 'getGsyn'];
  for (const name of names) assert.type((p as unknown as Record<string, unknown>)[name], 'function', name);
  const tauM = Array.from({ length: 17 }, (_, i) => 10 + (10 * i) / 16);
  (p as unknown as { tset(name: string, values: number[]): void }).tset('tau_m', tauM);
  assert.equal(p.get('tau_m'), tauM);
});

test('initialize() with an array for v and a number for w', () => {
  // follows PyNN test_population.py::test_initialize
  const p = new sim.Population(17, new sim.EIF_cond_exp_isfa_ista());
  const vInit = Array.from({ length: 17 }, (_, i) => -70.0 + (10.0 * i) / 16);
  p.initialize({ v: vInit, w: 0.1 });
  assert.equal(p.initialValues.v, vInit);
  assert.is(p.initialValues.w, 0.1);
});

test('initialize() with a RandomDistribution draws one value per cell from its rng', () => {
  // follows PyNN test_basepopulation.py::test_initialize_random_distribution (a distribution giving 42 each time)
  const p = new sim.Population(13, new sim.IF_cond_exp());
  p.initialize({ v: new sim.RandomDistribution('uniform', [-70, -60], new CountingRNG(42, 0)) });
  assert.equal(p.get('v', { simplify: false }), new Array(13).fill(42));
});

test('canRecord: v, w, gsyn_inh and spikes of an adaptive cell, not foo', () => {
  // follows PyNN test_population.py::test_can_record (and test_basepopulation.py::test_can_record)
  const p = new sim.Population(17, new sim.EIF_cond_exp_isfa_ista());
  assert.ok(p.canRecord('v'));
  assert.ok(p.canRecord('w'));
  assert.ok(p.canRecord('gsyn_inh'));
  assert.ok(p.canRecord('spikes'));
  assert.not.ok(p.canRecord('foo'));
});

test('recording v for 12.3 ms gives one signal named v of round(12.3/dt) + 1 samples per cell', async () => {
  // follows PyNN test_population.py::test_record_with_single_variable
  const p = new sim.Population(14, new sim.EIF_cond_exp_isfa_ista());
  p.record('v');
  await sim.run(12.3);
  const seg = (await p.getData({ gather: true } as sim.GetDataOptions)).segments[0]!;
  assert.is(seg.analogsignals.length, 1);
  const nValues = Math.round(12.3 / sim.getTimeStep()) + 1;
  assert.is(seg.analogsignals[0]!.name, 'v');
  assert.equal(seg.analogsignals[0]!.shape, [nValues, p.size]);
});

test('recording v, w and gsyn_exc gives three signals of the same shape', async () => {
  // follows PyNN test_population.py::test_record_with_multiple_variables
  const p = new sim.Population(2, new sim.EIF_cond_exp_isfa_ista());
  p.record(['v', 'w', 'gsyn_exc']);
  await sim.run(10.0);
  const seg = (await p.getData()).segments[0]!;
  assert.is(seg.analogsignals.length, 3);
  const nValues = Math.round(10.0 / sim.getTimeStep()) + 1;
  assert.equal(new Set(seg.analogsignals.map((a) => a.name)), new Set(['v', 'w', 'gsyn_exc']));
  for (const a of seg.analogsignals) assert.equal(a.shape, [nValues, p.size]);
});

test('recording v and spikes gives one analog signal, v', async () => {
  // follows PyNN test_population.py::test_record_with_v_and_spikes
  const p = new sim.Population(2, new sim.EIF_cond_exp_isfa_ista());
  p.record(['v', 'spikes']);
  await sim.run(10.0);
  const seg = (await p.getData()).segments[0]!;
  assert.is(seg.analogsignals.length, 1);
  const nValues = Math.round(10.0 / sim.getTimeStep()) + 1;
  assert.equal(seg.analogsignals.map((a) => a.name), ['v']);
  assert.equal(seg.analogsignals[0]!.shape, [nValues, p.size]);
});

test('recording a variable the cell type lacks is a RecordingError', () => {
  // follows PyNN test_population.py::test_record_invalid_variable
  const p = new sim.Population(14, new sim.IF_curr_alpha());
  throws(() => p.record(['v', 'gsyn_exc']), sim.RecordingError, 'gsyn_exc of IF_curr_alpha');
});

/**
 * PyNN's test_get_data_with_gather, for a population and for a view: v recorded over two runs, then after a reset
 * spikes and w: two segments, with the signals, shapes, units and spike trains of the cells `recorded` holds.
 */
async function getDataOverReset(recorded: (p: sim.Population) => sim.BasePopulation): Promise<void> {
  const [t1, t2, t3] = [12.3, 13.4, 14.5];
  const p = new sim.Population(14, new sim.EIF_cond_exp_isfa_ista());
  const cells = recorded(p);
  cells.record('v');
  await sim.run(t1);
  await sim.run(t2);
  await sim.reset();
  cells.record('spikes');
  cells.record('w');
  await sim.run(t3);
  const data = await p.getData();
  assert.is(data.segments.length, 2);

  const seg0 = data.segments[0]!;
  assert.is(seg0.analogsignals.length, 1);
  const v = seg0.analogsignals[0]!;
  assert.is(v.name, 'v');
  assert.equal(v.shape, [Math.round((t1 + t2) / sim.getTimeStep()) + 1, cells.size]);
  assert.is(v.tStart, 0.0);
  assert.is(v.units, 'mV');
  assert.ok(Math.abs(v.samplingPeriod - 0.1) < 1e-12);
  assert.is(seg0.spiketrains.length, 0);

  const seg1 = data.segments[1]!;
  assert.is(seg1.analogsignals.length, 2);
  const w = seg1.filter({ name: 'w' })[0]!;
  assert.is(w.name, 'w');
  assert.equal(w.shape, [Math.round(t3 / sim.getTimeStep()) + 1, cells.size]);
  assert.is(w.tStart, 0.0);
  assert.is(seg1.spiketrains.length, cells.size);
}

test('getData over run, run, reset, run: two segments with the right signals, shapes, units and spike trains', async () => {
  // follows PyNN test_population.py::test_get_data_with_gather
  await getDataOverReset((p) => p);
});

test('getSpikeCounts has one entry per recorded cell, keyed by ID; meanSpikeCount is their mean', async () => {
  // follows PyNN test_population.py::test_get_spike_counts, test_mean_spike_count and test_meanSpikeCount
  // (the keys and the mean; the counts themselves were the mock backend's synthetic two spikes)
  const p = new sim.Population(3, new sim.EIF_cond_exp_isfa_ista({ i_offset: [1.0, 1.5, 2.0] }));
  p.record('spikes');
  await sim.run(100.0);
  const counts = p.getSpikeCounts();
  assert.equal([...counts.keys()].sort((a, b) => a - b), idsOf(p.allCells));
  const values = [...counts.values()];
  assert.ok(values.every((n) => n > 0), `every driven cell fires: ${values}`);
  assert.ok(Math.abs(p.meanSpikeCount() - values.reduce((a, b) => a + b, 0) / 3) < 1e-12);
});

test('inject(source) hands the whole population to source.injectInto', () => {
  // follows PyNN test_population.py::test_inject (and test_basepopulation.py::test_inject)
  const p = new sim.Population(3, new sim.IF_curr_alpha());
  const calls: unknown[] = [];
  p.inject({ injectInto: (cells) => calls.push(cells) });
  assert.equal(calls.length, 1);
  assert.is(calls[0], p);
});

test('injecting a current source into spike sources is a TypeError', () => {
  // follows PyNN test_population.py::test_inject_into_invalid_celltype, with a real DCSource
  const p = new sim.Population(3, new sim.SpikeSourceArray());
  throws(() => p.inject(new sim.DCSource({ amplitude: 0.5 })), TypeError, 'DCSource into SpikeSourceArray');
});

test('inject() into spike sources is a TypeError whatever the source object', () => {
  // follows PyNN test_population.py::test_inject_into_invalid_celltype (PyNN passes a Mock source)
  const p = new sim.Population(3, new sim.SpikeSourceArray());
  throws(() => p.inject({ injectInto: () => undefined }), TypeError, 'any source into SpikeSourceArray');
});

test('describe() is a text; describe(null) the facts as an object', () => {
  // follows PyNN test_population.py::test_describe
  const p = new sim.Population(11, new sim.IF_cond_exp());
  assert.type(p.describe(), 'string');
  const facts = p.describe(null);
  assert.type(facts, 'object');
  assert.not.ok(Array.isArray(facts));
});

// ---------------------------------------------------------------------------------------------------------------
// test_basepopulation.py (older, mock-population tests; the public behaviour not already covered above)
// ---------------------------------------------------------------------------------------------------------------

test('all() iterates over every cell', () => {
  // follows PyNN test_basepopulation.py::test_all
  const p = new sim.Population(13, new sim.IF_cond_exp());
  const itr = p.all();
  assert.type(itr.next, 'function');
  assert.is([...itr].length, 13);
});

test('every cell is local (one process): id.local', () => {
  // follows PyNN test_basepopulation.py::test_is_local, through ID.local
  const p = new sim.Population(13, new sim.IF_cond_exp());
  assert.ok(p.allCells.every((id) => id.local));
});

test('isLocal(id) is true for the population\'s cells and refuses another population\'s', () => {
  // follows PyNN test_basepopulation.py::test_is_local
  const p1 = new sim.Population(13, new sim.IF_cond_exp());
  const p2 = new sim.Population(13, new sim.IF_cond_exp());
  const isLocal = (p: sim.Population, id: sim.ID) => (p as unknown as { isLocal(id: sim.ID): boolean }).isLocal(id);
  assert.ok(isLocal(p1, p1[1]));
  throws(() => isLocal(p2, p1[1]), Error, 'an ID of another population');
});

test('savePositions writes "index x y z" lines, the index counting within the collection', async () => {
  // follows PyNN test_basepopulation.py::test_save_positions (PyNN 0.10.1 writes indices, not IDs, in column one)
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-unittests-'));
  try {
    const p = new sim.Population(4, new sim.IF_cond_exp());
    p.positions = rowMajorPositions(4);
    const file = join(dir, 'positions.txt');
    await p.savePositions(file);
    const rows = readFileSync(file, 'utf8').trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
    assert.equal(rows, [[0, 0, 1, 2], [1, 3, 4, 5], [2, 6, 7, 8], [3, 9, 10, 11]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// test_populationview.py (PopulationViewTest)
// ---------------------------------------------------------------------------------------------------------------

test('PopulationView(p, slice 3:9:2): parent, size, mask, cells, cell type, first and last ID', () => {
  // follows PyNN test_populationview.py::test_create_with_slice_selector (PyNN keeps the slice object as mask;
  // a tsnn mask is always the index list the selector picks)
  const p = new sim.Population(11, new sim.IF_cond_exp());
  const pv = new sim.PopulationView(p, { start: 3, stop: 9, step: 2 });
  assert.is(pv.parent, p);
  assert.is(pv.size, 3);
  assert.equal(pv.mask, [3, 5, 7]);
  assert.equal(idsOf(pv.allCells), [+p[3], +p[5], +p[7]]);
  assert.is(pv.celltype, p.celltype);
  assert.is(pv.firstId, +p[3]);
  assert.is(pv.lastId, +p[7]);
});

test('PopulationView with a boolean mask', () => {
  // follows PyNN test_populationview.py::test_create_with_boolean_array_selector
  const p = new sim.Population(11, new sim.IF_cond_exp());
  const mask = [0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0].map(Boolean);
  const pv = new sim.PopulationView(p, mask);
  assert.equal(idsOf(pv.allCells), [+p[3], +p[5], +p[7]]);
});

test('PopulationView with an index array: its mask is that array', () => {
  // follows PyNN test_populationview.py::test_create_with_index_array_selector
  const p = new sim.Population(11, new sim.IF_cond_alpha());
  const pv = new sim.PopulationView(p, [3, 5, 7]);
  assert.equal(idsOf(pv.allCells), [+p[3], +p[5], +p[7]]);
  assert.equal(pv.mask, [3, 5, 7]);
});

test('a view of a view: its parent is the first view, its cells the grandparent\'s', () => {
  // follows PyNN test_populationview.py::test_create_with_slice_selector (the view-of-a-view one)
  const p = new sim.Population(11, new sim.HH_cond_exp());
  const pv1 = new sim.PopulationView(p, { start: 0, stop: 9, step: 1 });
  assert.equal(idsOf(pv1.allCells), idsOf(p.allCells.slice(0, 9)));
  const pv2 = new sim.PopulationView(pv1, { start: 3, stop: 9, step: 2 });
  assert.is(pv2.parent, pv1);
  assert.equal(idsOf(pv2.allCells), [+p[3], +p[5], +p[7]]);
});

test("a view's structure is its parent's and cannot be set", () => {
  // follows PyNN test_populationview.py::test_structure_property and test_set_structure
  const p = new sim.Population(11, new sim.SpikeSourcePoisson());
  const pv = new sim.PopulationView(p, { start: 3, stop: 9, step: 2 }) as unknown as { structure: unknown };
  assert.is(pv.structure, p.structure);
  const q = new sim.Population(11, new sim.IF_cond_exp(), { structure: new sim.Grid2D({ aspectRatio: 11 }) });
  const qv = q.view([2, 5, 7, 8]) as unknown as { structure: unknown };
  throws(() => (qv.structure = new sim.Line()), TypeError, 'view.structure = ...');
});

test("a view's positions are its cells' columns of the parent's positions", () => {
  // follows PyNN test_populationview.py::test_get_positions (both tests of that name)
  const p = new sim.Population(11, new sim.IF_curr_exp());
  const pos = axisMajorPositions(11);
  p.positions = pos;
  const pv = new sim.PopulationView(p, { start: 3, stop: 9, step: 2 });
  assert.equal(pv.positions, pos.map((row) => [row[3], row[5], row[7]]));
  assert.equal(p.view([2, 5, 7, 8]).positions, pos.map((row) => [row[2], row[5], row[7], row[8]]));
});

test("a view's idToIndex counts within the view", () => {
  // follows PyNN test_populationview.py::test_id_to_index
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  const pv = p.view([2, 5, 7, 8]);
  assert.is(pv.idToIndex(pv[0]), 0);
  assert.is(pv.idToIndex(pv[3]), 3);
  assert.is(pv.idToIndex(p[2]), 0);
  assert.is(pv.idToIndex(p[8]), 3);
});

test("a view's idToIndex of a list of IDs", () => {
  // follows PyNN test_populationview.py::test_id_to_index_with_array
  const p = new sim.Population(121, new sim.IF_curr_alpha());
  const pv = p.view([2, 5, 7, 8, 19, 37, 49, 82, 83, 99]);
  assert.equal(pv.idToIndex([pv[3], pv[5], pv[7]]), [3, 5, 7]);
});

test("a view's idToIndex of a cell outside it is an IndexError", () => {
  // follows PyNN test_populationview.py::test_id_to_index_with_invalid_id
  const p = new sim.Population(11, new sim.IF_curr_alpha());
  const pv = p.view([2, 5, 7, 8]);
  throws(() => pv.idToIndex(p[0]), sim.IndexError, 'p[0]');
  throws(() => pv.idToIndex(p[9]), sim.IndexError, 'p[9]');
});

test("the position of a view's cell i (negative i from the end); out of range is an IndexError", () => {
  // follows PyNN test_populationview.py::test_position_generator, through pv.at(i).position
  const p = new sim.Population(11, new sim.IF_cond_exp());
  const pv = p.view([2, 5, 7, 8]);
  const column = (k: number) => p.positions.map((row) => row[k]);
  assert.equal(pv.at(0).position, column(2));
  assert.equal(pv.at(3).position, column(8));
  assert.equal(pv.at(-1).position, column(8));
  assert.equal(pv.at(-4).position, column(2));
  throws(() => pv.at(4), sim.IndexError, 'pv.at(4)');
  throws(() => pv.at(-5), sim.IndexError, 'pv.at(-5)');
});

test("a view's pv[i] is the parent's cell; out of range is an IndexError", () => {
  // follows PyNN test_populationview.py::test__getitem__int
  const p = new sim.Population(12, new sim.IF_cond_exp());
  const pv = p.view([1, 5, 6, 8, 11]);
  assert.is(+pv[0], +p[1]);
  assert.is(+pv[4], +p[11]);
  throws(() => pv[6], sim.IndexError, 'pv[6]');
  assert.is(+pv[-1], +p[11]);
});

test('slicing a view gives a view whose parent is the view and grandparent the population', () => {
  // follows PyNN test_populationview.py::test__getitem__slice
  const p = new sim.Population(17, new sim.HH_cond_exp());
  const pv1 = p.view([1, 5, 6, 8, 11, 12, 15, 16]);
  const pv2 = pv1.view({ start: 2, stop: 6 });
  assert.is(pv2.parent, pv1);
  assert.is(pv2.grandparent, p);
  assert.equal(idsOf(pv2.allCells), [2, 3, 4, 5].map((k) => +pv1[k]));
  assert.equal(idsOf(pv2.allCells), [6, 8, 11, 12].map((k) => +p[k]));
});

test('a list of indices into a view', () => {
  // follows PyNN test_populationview.py::test__getitem__list
  const p = new sim.Population(23, new sim.HH_cond_exp());
  const pv1 = p.view([1, 5, 6, 8, 11, 12, 15, 16, 19, 20]);
  const pv2 = pv1.view([3, 4, 5, 6, 7]);
  assert.is(pv2.parent, pv1);
  assert.equal(idsOf(pv2.allCells), [8, 11, 12, 15, 16].map((k) => +p[k]));
});

test('a tuple of indices into a view', () => {
  // follows PyNN test_populationview.py::test__getitem__tuple
  const p = new sim.Population(23, new sim.HH_cond_exp());
  const pv1 = p.view([1, 5, 6, 8, 11, 12, 15, 16, 19, 20]);
  const pv2 = pv1.view([3, 5, 7]);
  assert.is(pv2.parent, pv1);
  assert.equal(idsOf(pv2.allCells), [8, 12, 16].map((k) => +p[k]));
});

test('indexing a view with a string is a TypeError', () => {
  // follows PyNN test_populationview.py::test__getitem__invalid
  const p = new sim.Population(23, new sim.IF_curr_alpha());
  const pv = p.view([1, 5, 6, 8, 11, 12, 15, 16, 19, 20]);
  throws(() => pv.at('foo' as never), TypeError, 'pv.at("foo")');
  throws(() => pv.view('foo' as never), TypeError, 'pv.view("foo")');
});

test("a view's length and size", () => {
  // follows PyNN test_populationview.py::test__len__
  const p = new sim.Population(77, new sim.IF_cond_exp());
  const pv = p.view([1, 5, 6, 8, 11, 12, 15, 16, 19, 20]);
  assert.is(pv.length, 10);
  assert.is(pv.size, 10);
});

test('iterating over a view', () => {
  // follows PyNN test_populationview.py::test_iter
  const p = new sim.Population(33, new sim.IF_curr_exp());
  const itr = p.view([1, 5, 6, 8, 11, 12])[Symbol.iterator]();
  assert.type(itr.next, 'function');
  assert.is([...itr].length, 6);
});

test('adding two views gives an Assembly of both', () => {
  // follows PyNN test_populationview.py::test___add__two
  const pv1 = new sim.Population(6, new sim.IF_curr_exp()).view([2, 3, 5]);
  const pv2 = new sim.Population(17, new sim.IF_cond_exp()).view([4, 2, 16]);
  const assembly = pv1.add(pv2);
  assert.instance(assembly, sim.Assembly);
  assert.equal(assembly.populations, [pv1, pv2]);
});

test('adding three views gives an Assembly of the three', () => {
  // follows PyNN test_populationview.py::test___add__three
  const pv1 = new sim.Population(6, new sim.IF_curr_exp()).view({ start: 0, stop: 3 });
  const pv2 = new sim.Population(17, new sim.IF_cond_exp()).view([1, 5, 14]);
  const pv3 = new sim.Population(9, new sim.HH_cond_exp()).view({ start: 3, stop: 8 });
  const assembly = pv1.add(pv2).add(pv3);
  assert.instance(assembly, sim.Assembly);
  assert.equal(assembly.populations, [pv1, pv2, pv3]);
});

test("nearest(position) among a view's cells", () => {
  // follows PyNN test_populationview.py::test_nearest
  const p = new sim.Population(13, new sim.IF_cond_exp());
  p.positions = rowMajorPositions(13);
  const pv = p.view([0, 2, 5, 11]);
  assert.is(+pv.nearest([0.0, 1.0, 2.0]), +pv[0]);
  assert.is(+pv.nearest([3.0, 4.0, 5.0]), +pv[0]);
  assert.is(+pv.nearest([36.0, 37.0, 38.0]), +pv[3]);
  assert.is(+pv.nearest([1.49, 2.49, 3.49]), +pv[0]);
  assert.is(+pv.nearest([1.51, 2.51, 3.51]), +pv[0]);
});

test('sample(n, rng) of a view', () => {
  // follows PyNN test_populationview.py::test_sample (PyNN 0.10.1: the cells 0, 3, 10, sorted)
  const p = new sim.Population(13, new sim.IF_cond_exp());
  const pv1 = p.view([0, 3, 7, 10, 12]);
  const pv2 = pv1.sample(3, permutationRng([3, 1, 0, 2, 4]));
  assert.equal(idsOf(pv2.allCells), [0, 3, 10].map((k) => +p[k]));
});

test("get() of homogeneous parameters through a view", () => {
  // follows PyNN test_populationview.py::test_get_multiple_homogeneous_params_with_gather and
  // test_get_single_homogeneous_param_with_gather
  const { result: p } = captureWarnings(
    () => new sim.Population(10, sim.IF_cond_exp, { cellparams: { tau_m: 12.3, tau_syn_E: 0.987, tau_syn_I: 0.7 } }),
  );
  const [tauSynE, tauM] = p.view({ start: 3, stop: 7 }).get(['tau_syn_E', 'tau_m'], { gather: true }) as [number, number];
  assert.is(tauSynE, 0.987);
  assert.ok(Math.abs(tauM - 12.3) < 1e-7);
  assert.is(p.view({ start: 0 }).get('tau_syn_E', { gather: true }), 0.987);
});

test('p.view({}) is the whole population, as p[:]', () => {
  // follows PyNN test_populationview.py::test_get_single_homogeneous_param_with_gather (pv = p[:])
  const p = new sim.Population(4, new sim.IF_cond_exp({ tau_syn_E: 0.987 }));
  const pv = p.view({});
  assert.equal(idsOf(pv.allCells), idsOf(p.allCells));
  assert.is(pv.get('tau_syn_E', { gather: true }), 0.987);
});

test('get() of inhomogeneous parameters through a view', () => {
  // follows PyNN test_populationview.py::test_get_multiple_inhomogeneous_params_with_gather
  const p = new sim.Population(
    4,
    new sim.IF_cond_exp({ tau_m: 12.3, tau_syn_E: [0.987, 0.988, 0.989, 0.99], tau_syn_I: (i: number) => 0.5 + 0.1 * i }),
  );
  const pv = p.view([0, 1, 3]);
  const [tauSynE, tauM, tauSynI] = pv.get(['tau_syn_E', 'tau_m', 'tau_syn_I'], { gather: true }) as [number[], number, number[]];
  assert.type(tauM, 'number');
  assert.equal(tauSynE, [0.987, 0.988, 0.99]);
  assert.ok(Math.abs(tauM - 12.3) < 1e-7);
  assertArrayAlmostEqual(tauSynI, [0.5, 0.6, 0.8], 12, 'tau_syn_I');
});

test('get() of a Sequence parameter through a view', () => {
  // follows PyNN test_populationview.py::test_get_sequence_param
  const { result: p } = captureWarnings(
    () =>
      new sim.Population(3, sim.SpikeSourceArray, {
        cellparams: { spike_times: [new sim.Sequence([1, 2, 3, 4]), new sim.Sequence([2, 3, 4, 5]), new sim.Sequence([3, 4, 5, 6])] },
      }),
  );
  const spikeTimes = p.view({ start: 1 }).get('spike_times') as sim.Sequence[];
  assert.is(spikeTimes.length, 2);
  assert.ok(spikeTimes[1]!.equals(new sim.Sequence([3, 4, 5, 6])));
});

test('set() through a view changes only its cells, in the parent too', () => {
  // follows PyNN test_populationview.py::test_set (MockRNG(start=1.21, delta=0.01))
  const { result: p } = captureWarnings(
    () => new sim.Population(4, sim.IF_cond_exp, { cellparams: { tau_m: 12.3, tau_syn_E: 0.987, tau_syn_I: 0.7 } }),
  );
  const pv = p.view({ stop: 3 });
  pv.set({ tau_syn_E: new sim.RandomDistribution('uniform', [0.8, 1.2], new CountingRNG(1.21, 0.01)), tau_m: 9.87 });
  let [tauM, tauSynE, tauSynI] = p.get(['tau_m', 'tau_syn_E', 'tau_syn_I'], { gather: true, simplify: false }) as number[][];
  assertArrayAlmostEqual(tauSynE!, [1.21, 1.22, 1.23, 0.987], 12, 'parent tau_syn_E');
  assertArrayAlmostEqual(tauM!, [9.87, 9.87, 9.87, 12.3], 6, 'parent tau_m');
  assert.equal(tauSynI, [0.7, 0.7, 0.7, 0.7]);
  [tauM, tauSynE, tauSynI] = pv.get(['tau_m', 'tau_syn_E', 'tau_syn_I'], { gather: true, simplify: false }) as number[][];
  assertArrayAlmostEqual(tauSynE!, [1.21, 1.22, 1.23], 12, 'view tau_syn_E');
  assertArrayAlmostEqual(tauM!, [9.87, 9.87, 9.87], 6, 'view tau_m');
  assert.equal(tauSynI, [0.7, 0.7, 0.7]);
});

test('set() through a view: an unknown name is a NonExistentParameterError', () => {
  // follows PyNN test_populationview.py::test_set_invalid_name
  const pv = new sim.Population(9, new sim.HH_cond_exp()).view({ start: 3, stop: 5 });
  throws(() => pv.set({ foo: 13.2 }), sim.NonExistentParameterError, 'foo');
});

test('set() through a view: a dict or a string value is an InvalidParameterValueError', () => {
  // follows PyNN test_populationview.py::test_set_invalid_type
  const pv = new sim.Population(9, new sim.IF_cond_exp()).view({ step: 3 });
  throws(() => pv.set({ tau_m: {} as never }), sim.InvalidParameterValueError, 'tau_m={}');
  throws(() => pv.set({ v_reset: 'bar' as never }), sim.InvalidParameterValueError, "v_reset='bar'");
});

test('set() of one Sequence per cell of a view; the other cells keep an empty Sequence', () => {
  // follows PyNN test_populationview.py::test_set_sequence
  const p = new sim.Population(5, new sim.SpikeSourceArray());
  p.view([0, 2, 4]).set({
    spike_times: [new sim.Sequence([1, 2, 3, 4]), new sim.Sequence([2, 3, 4, 5]), new sim.Sequence([3, 4, 5, 6])],
  });
  const spikeTimes = p.get('spike_times', { gather: true }) as sim.Sequence[];
  assert.is(spikeTimes.length, 5);
  assert.ok(spikeTimes[1]!.equals(new sim.Sequence([])));
  assert.ok(spikeTimes[2]!.equals(new sim.Sequence([2, 3, 4, 5])));
});

test('set() of an array through a view', () => {
  // follows PyNN test_populationview.py::test_set_array
  const { result: p } = captureWarnings(() => new sim.Population(5, sim.IF_cond_exp, { cellparams: { v_thresh: -54.3 } }));
  p.view({ start: 2 }).set({ v_thresh: [-50.0, -49.0, -48.0] });
  assert.equal(p.get('v_thresh', { gather: true }), [-54.3, -54.3, -50.0, -49.0, -48.0]);
});

test('deprecated aliases on a view: tset, rset, recordV, recordGsyn', () => {
  // follows PyNN test_populationview.py::test_tset, test_rset, test_record_v, test_record_gsyn
  const pv = new sim.Population(17, new sim.IF_cond_alpha()).view({ step: 4 });
  for (const name of ['tset', 'rset', 'recordV', 'recordGsyn']) {
    assert.type((pv as unknown as Record<string, unknown>)[name], 'function', name);
  }
});

test('canRecord through a view of an adaptive cell', () => {
  // follows PyNN test_populationview.py::test_can_record
  const pv = new sim.Population(17, new sim.EIF_cond_exp_isfa_ista()).view({ step: 2 });
  assert.ok(pv.canRecord('v'));
  assert.ok(pv.canRecord('w'));
  assert.ok(pv.canRecord('gsyn_inh'));
  assert.ok(pv.canRecord('spikes'));
  assert.not.ok(pv.canRecord('foo'));
});

test("recording v of a view: the parent's data hold one signal with the view's cells", async () => {
  // follows PyNN test_populationview.py::test_record_with_single_variable
  const p = new sim.Population(14, new sim.EIF_cond_exp_isfa_ista());
  const pv = p.view([0, 4, 6, 13]);
  pv.record('v');
  await sim.run(12.3);
  const seg = (await p.getData()).segments[0]!;
  assert.is(seg.analogsignals.length, 1);
  assert.is(seg.analogsignals[0]!.name, 'v');
  assert.equal(seg.analogsignals[0]!.shape, [Math.round(12.3 / sim.getTimeStep()) + 1, pv.size]);
});

test('recording v, w and gsyn_exc of a view', async () => {
  // follows PyNN test_populationview.py::test_record_with_multiple_variables
  const p = new sim.Population(4, new sim.EIF_cond_exp_isfa_ista());
  const pv = p.view([0, 3]);
  pv.record(['v', 'w', 'gsyn_exc']);
  await sim.run(10.0);
  const seg = (await p.getData()).segments[0]!;
  assert.is(seg.analogsignals.length, 3);
  assert.equal(new Set(seg.analogsignals.map((a) => a.name)), new Set(['v', 'w', 'gsyn_exc']));
  for (const a of seg.analogsignals) assert.equal(a.shape, [Math.round(10.0 / sim.getTimeStep()) + 1, pv.size]);
});

test('recording v and spikes of a view gives one analog signal', async () => {
  // follows PyNN test_populationview.py::test_record_with_v_spikes
  const p = new sim.Population(4, new sim.EIF_cond_exp_isfa_ista());
  const pv = p.view([0, 3]);
  pv.record(['v', 'spikes']);
  await sim.run(10.0);
  const seg = (await p.getData()).segments[0]!;
  assert.equal(seg.analogsignals.map((a) => a.name), ['v']);
  assert.equal(seg.analogsignals[0]!.shape, [Math.round(10.0 / sim.getTimeStep()) + 1, pv.size]);
});

test('recording through a view a variable the cell type lacks is a RecordingError', () => {
  // follows PyNN test_populationview.py::test_record_invalid_variable
  const pv = new sim.Population(14, new sim.IF_curr_alpha()).view({ step: 3 });
  throws(() => pv.record(['v', 'gsyn_exc']), sim.RecordingError, 'gsyn_exc of IF_curr_alpha');
});

test("getData over run, run, reset, run of a view's recording", async () => {
  // follows PyNN test_populationview.py::test_get_data_with_gather (the first test of that name)
  await getDataOverReset((p) => p.view({ step: 3 }));
});

test("spike counts and their mean cover the view's recorded cells only", async () => {
  // follows PyNN test_populationview.py::test_get_spike_counts and test_mean_spike_count (keys and mean)
  const p = new sim.Population(5, new sim.EIF_cond_exp_isfa_ista({ i_offset: 1.0 }));
  p.view([0, 1, 4]).record('spikes');
  await sim.run(100.0);
  const counts = p.getSpikeCounts();
  assert.equal([...counts.keys()].sort((a, b) => a - b), [+p[0], +p[1], +p[4]]);
  const values = [...counts.values()];
  assert.ok(values.every((n) => n > 0), `every driven cell fires: ${values}`);
  assert.ok(Math.abs(p.meanSpikeCount() - values.reduce((a, b) => a + b, 0) / values.length) < 1e-12);
});

test('inject(source) on a view hands the view to source.injectInto', () => {
  // follows PyNN test_populationview.py::test_inject
  const pv = new sim.Population(3, new sim.IF_curr_alpha()).view([1, 2]);
  const calls: unknown[] = [];
  pv.inject({ injectInto: (cells) => calls.push(cells) });
  assert.equal(calls.length, 1);
  assert.is(calls[0], pv);
});

test('injecting a current source into a view of spike sources is a TypeError', () => {
  // follows PyNN test_populationview.py::test_inject_into_invalid_celltype, with a real DCSource
  const pv = new sim.Population(3, new sim.SpikeSourceArray()).view({ stop: 2 });
  throws(() => pv.inject(new sim.DCSource({ amplitude: 0.5 })), TypeError, 'DCSource into a SpikeSourceArray view');
});

test("a view's describe() is a text, describe(null) an object", () => {
  // follows PyNN test_populationview.py::test_describe
  const pv = new sim.Population(11, new sim.IF_cond_exp()).view({ step: 4 });
  assert.type(pv.describe(), 'string');
  assert.type(pv.describe(null), 'object');
});

test('indexInGrandparent maps view indices to the root population, through views of views', () => {
  // follows PyNN test_populationview.py::test_index_in_grandparent
  const pv1 = new sim.Population(11, new sim.IF_cond_exp()).view([0, 1, 3, 4, 6, 7, 9]);
  const pv2 = pv1.view([2, 3, 5, 6]);
  assert.equal(pv1.indexInGrandparent([2, 4, 6]), [3, 6, 9]);
  assert.equal(pv2.indexInGrandparent([0, 1, 3]), [3, 4, 9]);
});

test.run();
