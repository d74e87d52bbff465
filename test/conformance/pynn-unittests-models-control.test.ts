// PyNN's unit tests of random numbers, parameters, simulation control, standard models and recording
// (NeuralEnsemble/PyNN test/unittests/test_random.py (2020), test_parameters.py (2023), test_simulation_control.py
// (2020), test_standardmodels.py and test_recording.py, the newest stored copies), restated for tsnn's public API.
// PyNN's expectations are the independent truth. Each test names the PyNN test it follows.
//
// Many of these PyNN tests exercise internals (lazyarray operations, ParameterSpace, build_translations, the
// Recorder object, MPI masks and per-rank seeds); where an internal stands for something a PyNN user sees, the port
// checks that user-visible behaviour through Population, Projection or getData instead, and says so. Draws come from
// tsnn's Philox streams (docs/porting.md), so value checks are statistical, with fixed seeds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The three RNG classes of PyNN's SimpleTests / RandomDistributionTests (NumpyRNG 987, GSLRNG 654, NativeRNG 321). */
const rngList = () => [new sim.NumpyRNG({ seed: 987 }), new sim.GSLRNG({ seed: 654 }), new sim.NativeRNG({ seed: 321 })];

// =================================================================================================================
// test_random.py — SimpleTests
// =================================================================================================================

// PyNN: SimpleTests.testNextNone
test('rng.next() with no n gives one number', () => {
  for (const rng of rngList()) assert.type(rng.next(undefined, 'uniform', { low: 0, high: 1 }), 'number');
});

// PyNN: SimpleTests.testNextOne
test('rng.next(1) gives an array of one number', () => {
  for (const rng of rngList()) {
    const one = rng.next(1, 'uniform', { low: 0, high: 1 });
    assert.ok(Array.isArray(one));
    assert.is(one.length, 1);
  }
});

// PyNN: SimpleTests.testNextTwoPlus
test('rng.next(5) gives five numbers', () => {
  for (const rng of rngList()) assert.is(rng.next(5, 'uniform', { low: 0, high: 1 }).length, 5);
});

// PyNN: SimpleTests.testNonPositiveN
test('rng.next(-1) is a ValueError', () => {
  for (const rng of rngList()) assert.throws(() => rng.next(-1, 'uniform', { low: 0, high: 1 }), (e: unknown) => e instanceof sim.ValueError);
});

// PyNN: SimpleTests.testNZero
test('rng.next(0) gives an empty array', () => {
  for (const rng of rngList()) assert.is(rng.next(0).length, 0);
});

// PyNN: SimpleTests.test_invalid_seed (PyNN: AssertionError; here ValueError)
test('NumpyRNG({ seed: 2.3 }) is refused', () => {
  assert.throws(() => new sim.NumpyRNG({ seed: 2.3 }));
});

// =================================================================================================================
// test_random.py — ParallelTests (one process here: what is left of them is "same seed, same numbers")
// =================================================================================================================

// PyNN: ParallelTests.test_parallel_safe_without_mask (every rank draws the same numbers from a parallel-safe rng)
test('two parallel-safe RNGs with the same seed draw the same numbers', () => {
  for (const Rng of [sim.NumpyRNG, sim.GSLRNG, sim.NativeRNG]) {
    const rng0 = new Rng({ seed: 1000, parallelSafe: true });
    const rng1 = new Rng({ seed: 1000, parallelSafe: true });
    const draw0 = rng0.next(5, 'uniform', { low: 0, high: 1 });
    const draw1 = rng1.next(5, 'uniform', { low: 0, high: 1 });
    assert.is(draw0.length, 5);
    assert.equal(draw0, draw1);
  }
});

// PyNN: ParallelTests.test_permutation
test('two NumpyRNGs with the same seed give the same permutation of range(10)', () => {
  const perm0 = new sim.NumpyRNG({ seed: 1000, parallelSafe: true }).permutation(Array.from({ length: 10 }, (_, i) => i));
  const perm1 = new sim.NumpyRNG({ seed: 1000, parallelSafe: true }).permutation(Array.from({ length: 10 }, (_, i) => i));
  assert.equal(perm0, perm1);
  assert.equal([...perm0].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i));
});

// PyNN: NativeRNGTests.test_create
test('NativeRNG({ seed: 8274528 }) can be made and printed', () => {
  assert.type(String(new sim.NativeRNG({ seed: 8274528 })), 'string');
});

// =================================================================================================================
// test_random.py — RandomDistributionTests (statistical, PyNN's thresholds, fixed seeds)
// =================================================================================================================

// PyNN: RandomDistributionTests.test_uniform
test('uniform(-1, 3): 100 draws in [-1, 3), mean within 0.2 of 1', () => {
  const vals = new sim.RandomDistribution('uniform', { low: -1.0, high: 3.0 }, new sim.NumpyRNG({ seed: 987 })).next(100);
  assert.ok(Math.min(...vals) >= -1.0);
  assert.ok(Math.max(...vals) < 3.0);
  assert.ok(Math.abs(mean(vals) - 1.0) < 0.2, `mean ${mean(vals)}`);
});

// PyNN: RandomDistributionTests.test_gaussian
test('normal(1, 1): 100 draws within 4 sd, mean within 0.2 of 1', () => {
  const vals = new sim.RandomDistribution('normal', { mu: 1.0, sigma: 1.0 }, new sim.NumpyRNG({ seed: 987 })).next(100);
  assert.ok(Math.min(...vals) > 1.0 - 4 * 1.0);
  assert.ok(Math.min(...vals) < 1.0 + 4 * 1.0);
  assert.ok(Math.abs(mean(vals) - 1.0) < 0.2, `mean ${mean(vals)}`);
});

// PyNN: RandomDistributionTests.test_gamma (PyNN only draws and prints; here also: positive, mean k·theta = 4)
test('gamma(k=2, theta=2) with each RNG class: 100 positive draws, printable', () => {
  for (const rng of rngList()) {
    const rd = new sim.RandomDistribution('gamma', { k: 2.0, theta: 1 / 0.5 }, rng);
    const vals = rd.next(100);
    assert.is(vals.length, 100);
    assert.ok(vals.every((v) => v > 0));
    assert.ok(Math.abs(mean(vals) - 4) < 5 * Math.sqrt(8 / 100), `mean ${mean(vals)}`);
    assert.type(String(rd), 'string');
  }
});

// PyNN: RandomDistributionTests.test_boundaries
test('normal_clipped_to_boundary(0, 1, -0.5, 0.5) reaches both bounds; normal_clipped(0, 1, 0, 1) stays in [0, 1)', () => {
  const rng = new sim.NumpyRNG({ seed: 987 });
  let vals = new sim.RandomDistribution('normal_clipped_to_boundary', { mu: 0, sigma: 1, low: -0.5, high: 0.5 }, rng).next(1000);
  assert.is(Math.min(...vals), -0.5);
  assert.is(Math.max(...vals), 0.5);
  assert.ok(Math.abs(mean(vals)) < 0.05, `mean ${mean(vals)}`);
  vals = new sim.RandomDistribution('normal_clipped', { mu: 0, sigma: 1, low: 0, high: 1 }, rng).next(1000);
  assert.ok(Math.min(...vals) >= 0);
  assert.ok(Math.max(...vals) < 1.0);
});

// PyNN: RandomDistributionTests.test_positional_args (PyNN's `parameters` dict is namedParameters() here; giving the
// parameters both positionally and by name cannot be written in TypeScript: one argument holds them)
test('RandomDistribution("normal", [0.5, 0.2], rng): named parameters mu, sigma; the rng kept; one value is a ValueError', () => {
  for (const rng of rngList()) {
    const rd1 = new sim.RandomDistribution('normal', [0.5, 0.2], rng);
    assert.equal(rd1.namedParameters(), { mu: 0.5, sigma: 0.2 });
    assert.is(rd1.rng, rng);
  }
  assert.throws(() => new sim.RandomDistribution('normal', [0.5]), (e: unknown) => e instanceof sim.ValueError);
});

// PyNN: RandomDistributionTests.test_positional_args (rd1.parameters == {'mu': 0.5, 'sigma': 0.2})
// PyNN: RandomDistributionTests.test_max_redraws
test('normal_clipped(0, 1, 5, inf): next(1000) gives up (too many redraws)', () => {
  for (const rng of rngList()) {
    const rd1 = new sim.RandomDistribution('normal_clipped', { mu: 0, sigma: 1, low: 5, high: Infinity }, rng);
    assert.throws(() => rd1.next(1000));
  }
});

// =================================================================================================================
// test_parameters.py — LazyArray and ParameterSpace are PyNN internals; the port checks the parameter forms they
// carry as a user sees them: Population values (number, list, function of the index), views, IDs, Projection
// values (number, pre × post array, function of (i, j)) and Sequences of spike times.
// =================================================================================================================

// PyNN: test_create_with_int, test_create_with_float (LazyArray(3, shape=(5,)) evaluates to 3)
test('a number for 5 cells reads back, simplified, as that number', async () => {
  await sim.setup();
  assert.is(new sim.Population(5, new sim.IF_cond_exp({ tau_m: 3 })).get('tau_m', { simplify: true }), 3);
  assert.is(new sim.Population(5, new sim.IF_cond_exp({ tau_m: 3.0 })).get('tau_m', { simplify: true }), 3.0);
  await sim.end();
});

// PyNN: test_create_with_list, test_create_with_array
test('a list or typed array with one value per cell reads back as those values', async () => {
  await sim.setup();
  assert.equal(new sim.Population(3, new sim.IF_cond_exp({ tau_m: [1, 2, 3] })).get('tau_m', { simplify: true }), [1, 2, 3]);
  assert.equal(new sim.Population(3, new sim.IF_cond_exp({ tau_m: new Float64Array([1, 2, 3]) })).get('tau_m', { simplify: true }), [1, 2, 3]);
  await sim.end();
});

// PyNN: test_create_inconsistent (LazyArray([1, 2, 3], shape=4) is a ValueError)
test('three values for four cells is a ValueError (InvalidDimensionsError)', async () => {
  await sim.setup();
  assert.throws(() => new sim.Population(4, new sim.IF_cond_exp({ tau_m: [1, 2, 3] })), (e: unknown) => e instanceof sim.ValueError);
  await sim.end();
});

// PyNN: test_create_with_invalid_string (LazyArray("x+y") is an InvalidParameterValueError; "d+2" is fine)
test('a synaptic expression with unknown names ("x+y") is an InvalidParameterValueError; "d+2" is accepted', () => {
  assert.throws(() => new sim.StaticSynapse({ weight: 'x+y' }), (e: unknown) => e instanceof sim.InvalidParameterValueError);
  new sim.StaticSynapse({ weight: 'd+2' });
});

// PyNN: test_setitem_nonexpanded_same_value, test_setitem_nonexpanded_different_value (A[0] = 4; A[4] = 5)
test('setting one cell\'s value: [3, 3, 3, 3, 3] becomes [4, 3, 3, 3, 5]; the same value keeps it homogeneous', async () => {
  await sim.setup();
  const p = new sim.Population(5, new sim.IF_cond_exp({ tau_m: 3 }));
  p[0]!.tau_m = 3;
  assert.is(p.get('tau_m', { simplify: true }), 3);
  p[0]!.tau_m = 4;
  p[4]!.tau_m = 5;
  assert.equal(p.get('tau_m', { simplify: true }), [4, 3, 3, 3, 5]);
  await sim.end();
});

// PyNN: test_evaluate_with_flat_array, test_evaluate_with_structured_array, test_evaluate_with_functional_array
// (a 4 × 3 LazyArray from 5, from arange(12) and from (i, j) => 2i + j)
test('projection values: a number, a 4 × 3 array and a function (i, j) => 2i + j read back as 4 × 3 arrays', async () => {
  await sim.setup();
  const pre = new sim.Population(4, new sim.IF_cond_exp());
  const post = new sim.Population(3, new sim.IF_cond_exp());
  const get = async (weight: number | number[][] | ((i: number, j: number) => number)) =>
    new sim.Projection(pre, post, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight })).get('weight', { format: 'array' });
  const structured = Array.from({ length: 4 }, (_, i) => [0, 1, 2].map((j) => 3 * i + j));
  assert.equal(await get(5), Array.from({ length: 4 }, () => [5, 5, 5]));
  assert.equal(await get(structured), structured);
  assert.equal(await get((i, j) => 2 * i + j), [[0, 1, 2], [2, 3, 4], [4, 5, 6], [6, 7, 8]]);
  await sim.end();
});

/** ParameterSpace({'a': [2, 3, 5, 8, 13], 'b': 7, 'c': lambda i: 3*i + 2}) as cell parameters a = cm, b = tau_refrac, c = tau_m. */
function parameterSpacePopulation(n: number) {
  return new sim.Population(n, new sim.IF_cond_exp({ cm: [2, 3, 5, 8, 13].slice(0, n), tau_refrac: 7, tau_m: (i: number) => 3 * i + 2 }));
}

// PyNN: ParameterSpaceTest.test_evaluate
test('a function of the cell index (i => 3i + 2) gives [2, 5, 8, 11] for four cells', async () => {
  await sim.setup();
  assert.equal(parameterSpacePopulation(4).get('tau_m'), [2, 5, 8, 11]);
  await sim.end();
});

// PyNN: ParameterSpaceTest.test_evaluate_with_mask and .test_iteration_items (mask [1, 3, 4])
test('a view of cells [1, 3, 4] reads a = [3, 8, 13], b = [7, 7, 7], c = [5, 11, 14]', async () => {
  await sim.setup();
  const view = parameterSpacePopulation(5).view([1, 3, 4]);
  assert.equal(view.get(['cm', 'tau_refrac', 'tau_m'], { simplify: false }), [[3, 8, 13], [7, 7, 7], [5, 11, 14]]);
  await sim.end();
});

// PyNN: ParameterSpaceTest.test_iteration (one dict per selected cell)
test('iterating over a view of cells [1, 3, 4]: each ID\'s parameters', async () => {
  await sim.setup();
  const view = parameterSpacePopulation(5).view([1, 3, 4]);
  const cells = [...view].map((id) => {
    const p = id.getParameters();
    return { a: p.cm, b: p.tau_refrac, c: p.tau_m };
  });
  assert.equal(cells, [{ a: 3, b: 7, c: 5 }, { a: 8, b: 7, c: 11 }, { a: 13, b: 7, c: 14 }]);
  await sim.end();
});

// PyNN: ParameterSpaceTest.test_evaluate_with_mask_2D and .test_columnwise_iteration (2 × 5 values, columns [1, 3, 4])
test('2 × 5 projection values (an array, a number, (i, j) => 3i − 2j) read back; columns [1, 3, 4] as PyNN\'s', async () => {
  await sim.setup();
  const pre = new sim.Population(2, new sim.IF_curr_exp());
  const post = new sim.Population(5, new sim.IF_curr_exp());
  const make = (weight: number | number[][] | ((i: number, j: number) => number)) =>
    new sim.Projection(pre, post, new sim.AllToAllConnector({ safe: false }), new sim.StaticSynapse({ weight }), { receptorType: 'inhibitory' });
  const columns = (m: number[][]) => m.map((row) => [1, 3, 4].map((j) => row[j]!));
  const a = make([[2, 3, 5, 8, 13], [21, 34, 55, 89, 144]]);
  const b = make(7);
  const c = make((i, j) => 3 * i - 2 * j);
  assert.equal(columns(await a.get('weight', { format: 'array' })), [[3, 8, 13], [34, 89, 144]]);
  assert.equal(columns(await b.get('weight', { format: 'array' })), [[7, 7, 7], [7, 7, 7]]);
  assert.equal(columns(await c.get('weight', { format: 'array' })), [[-2, -6, -8], [1, -3, -5]]);
  await sim.end();
});

/** Spike times per cell as plain arrays, from get('spike_times', { simplify: false }). */
function spikeTimes(p: sim.Population): number[][] {
  const value = p.get('spike_times', { simplify: false }) as unknown as sim.Sequence[];
  return value.map((s) => [...s.value]);
}

// PyNN: ParameterSpaceTest.test_create_with_sequence
test('spike_times = Sequence([1, 2, 3]) for two cells: each cell has [1, 2, 3]', async () => {
  await sim.setup();
  const p = new sim.Population(2, new sim.SpikeSourceArray({ spike_times: new sim.Sequence([1, 2, 3]) }));
  assert.equal(spikeTimes(p), [[1, 2, 3], [1, 2, 3]]);
  await sim.end();
});

// PyNN: ParameterSpaceTest.test_create_with_tuple (a tuple (1, 2, 3) is a plain array here)
test('spike_times = [1, 2, 3] for two cells: each cell has [1, 2, 3]', async () => {
  await sim.setup();
  const p = new sim.Population(2, new sim.SpikeSourceArray({ spike_times: [1, 2, 3] }));
  assert.equal(spikeTimes(p), [[1, 2, 3], [1, 2, 3]]);
  await sim.end();
});

// PyNN: ParameterSpaceTest.test_create_with_list_of_sequences and .test_create_with_array_of_sequences
test('spike_times = [Sequence([1, 2, 3]), Sequence([4, 5, 6])]: one Sequence per cell', async () => {
  await sim.setup();
  const p = new sim.Population(2, new sim.SpikeSourceArray({ spike_times: [new sim.Sequence([1, 2, 3]), new sim.Sequence([4, 5, 6])] }));
  assert.equal(spikeTimes(p), [[1, 2, 3], [4, 5, 6]]);
  await sim.end();
});

// PyNN: ParameterSpaceTest.test_create_with_list_of_lists
test('spike_times = [[1, 2, 3], [4, 5, 6]]: one list per cell', async () => {
  await sim.setup();
  const p = new sim.Population(2, new sim.SpikeSourceArray({ spike_times: [[1, 2, 3], [4, 5, 6]] }));
  assert.equal(spikeTimes(p), [[1, 2, 3], [4, 5, 6]]);
  await sim.end();
});

// =================================================================================================================
// test_simulation_control.py
// =================================================================================================================

// PyNN: TestSimulationControl.test_setup
test('setup() refuses minDelay > maxDelay, PyNN\'s misspellings (mindelay, maxdelay, dt) and minDelay < timestep', async () => {
  const bad: Array<Record<string, number>> = [
    { minDelay: 1.0, maxDelay: 0.9 },
    { mindelay: 1.0 },
    { maxdelay: 10.0 },
    { dt: 0.1 },
    { timestep: 0.1, minDelay: 0.09 },
  ];
  for (const options of bad) {
    let threw = false;
    try {
      await sim.setup(options);
    } catch {
      threw = true;
    }
    assert.ok(threw, `setup(${JSON.stringify(options)})`);
    await sim.end();
  }
});

// PyNN: TestSimulationControl.test_end
test('setup() then end()', async () => {
  await sim.setup();
  await sim.end();
});

// PyNN: TestSimulationControl.test_run
test('run(100) returns 100', async () => {
  await sim.setup();
  assert.ok(Math.abs((await sim.run(100.0)) - 100.0) < 1e-7);
  await sim.end();
});

// PyNN: TestSimulationControl.test_run_twice
test('run(100) twice returns 100 then 200', async () => {
  await sim.setup();
  assert.ok(Math.abs((await sim.run(100.0)) - 100.0) < 1e-7);
  assert.ok(Math.abs((await sim.run(100.0)) - 200.0) < 1e-7);
  await sim.end();
});

// PyNN: TestSimulationControl.test_reset
test('reset() after run(100) sets the time to 0', async () => {
  await sim.setup();
  await sim.run(100.0);
  await sim.reset();
  assert.is(sim.getCurrentTime(), 0.0);
  await sim.end();
});

// PyNN: TestSimulationControl.test_current_time
test('getCurrentTime() after run(10.1) at timestep 0.1 is 10.1', async () => {
  await sim.setup({ timestep: 0.1 });
  await sim.run(10.1);
  assert.ok(Math.abs(sim.getCurrentTime() - 10.1) < 1e-7, `${sim.getCurrentTime()}`);
  await sim.end();
});

// PyNN: TestSimulationControl.test_current_time_two_runs
test('getCurrentTime() after run(10.1) and run(23.4) is 33.5', async () => {
  await sim.setup({ timestep: 0.1 });
  await sim.run(10.1);
  assert.ok(Math.abs(sim.getCurrentTime() - 10.1) < 1e-7);
  await sim.run(23.4);
  assert.ok(Math.abs(sim.getCurrentTime() - 33.5) < 1e-7, `${sim.getCurrentTime()}`);
  await sim.end();
});

// PyNN: TestSimulationControl.test_time_step
test('getTimeStep() is the timestep given (0.123)', async () => {
  await sim.setup({ timestep: 0.123, minDelay: 0.246 });
  assert.ok(Math.abs(sim.getTimeStep() - 0.123) < 1e-7);
  await sim.end();
});

// PyNN: TestSimulationControl.test_min_delay
test('getMinDelay() is the minDelay given (0.246)', async () => {
  await sim.setup({ timestep: 0.123, minDelay: 0.246 });
  assert.is(sim.getMinDelay(), 0.246);
  await sim.end();
});

// PyNN: TestSimulationControl.test_max_delay
test('getMaxDelay() is the maxDelay given (9.87)', async () => {
  await sim.setup({ maxDelay: 9.87 });
  assert.ok(Math.abs((sim.getMaxDelay() as number) - 9.87) < 1e-7);
  await sim.end();
});

// PyNN: TestSimulationControl.test_callbacks
test('runUntil(100) with callbacks every 10, 10, 20 and 25 ms calls them 11, 11, 6 and 5 times (t = 0 included)', async () => {
  const steps = [10, 10, 20, 25];
  const calls = [0, 0, 0, 0];
  const callbacks = steps.map((step, k) => (t: number) => {
    calls[k]! += 1;
    return t + step;
  });
  await sim.setup({ timestep: 0.1, minDelay: 0.1 });
  await sim.runUntil(100.0, { callbacks });
  assert.equal(calls, [11, 11, 6, 5]);
  await sim.end();
});

// PyNN: TestSimulationControl.test_num_processes and .test_rank (MPI's size and rank; one process here)
test('numProcesses() is 1 and rank() is 0', () => {
  assert.is(sim.numProcesses(), 1);
  assert.is(sim.rank(), 0);
});

// =================================================================================================================
// test_standardmodels.py (StandardModelType's translation machinery is internal; its user-visible parts are ported)
// =================================================================================================================

// PyNN: test_has_parameter and test_get_parameter_names (on a real cell type: PyNN's test patches the base class)
test('a cell type\'s getParameterNames() are its default parameters; "z" is not among them', () => {
  const celltype = new sim.IF_cond_exp();
  const names = celltype.getParameterNames();
  assert.equal(new Set(names), new Set(Object.keys(celltype.defaultParameters)));
  assert.ok(names.includes('tau_m'));
  assert.not.ok(names.includes('z'));
});

// PyNN: test_has_parameter
test('IF_cond_exp.hasParameter("tau_m") is true and hasParameter("z") false', () => {
  const celltype = new sim.IF_cond_exp() as unknown as { hasParameter(name: string): boolean };
  assert.ok(celltype.hasParameter('tau_m'));
  assert.not.ok(celltype.hasParameter('z'));
});

// PyNN: test_instantiate (the parameter space holds the parameters given)
test('a cell type made with { tau_m: 22.2, cm: 33.3 } holds exactly those values', () => {
  const celltype = new sim.IF_cond_exp({ tau_m: 22.2, cm: 33.3 });
  assert.equal(Object.fromEntries(celltype.parameterSpace), { tau_m: 22.2, cm: 33.3 });
});

// PyNN: test_describe
test('a cell type\'s describe() is a string', () => {
  assert.type(new sim.IF_cond_exp({ tau_m: 22.2 }).describe(), 'string');
});

// PyNN: test_describe_synapse_type (the string form)
test('StaticSynapse().describe() is a string', () => {
  assert.type(new sim.StaticSynapse().describe(), 'string');
});

// PyNN: test_describe_synapse_type (template=None)
test('StaticSynapse().describe(null) is an object (PyNN: a dict)', () => {
  const syn = new sim.StaticSynapse();
  const context = (syn.describe as unknown as (template: null) => unknown).call(syn, null);
  assert.type(context, 'object');
});

// PyNN: test_STDPMechanism_create (with dendritic_delay_fraction 1, the value every tsnn engine implements)
test('STDPMechanism keeps its timing rule, weight dependence, no voltage dependence, and dendriticDelayFraction', () => {
  const td = new sim.SpikePairRule();
  const wd = new sim.AdditiveWeightDependence();
  const stdp = new sim.STDPMechanism({ timingDependence: td, weightDependence: wd, voltageDependence: null, dendriticDelayFraction: 1.0 });
  assert.is(stdp.timingDependence, td);
  assert.is(stdp.weightDependence, wd);
  assert.is(stdp.dendriticDelayFraction, 1.0);
});

// PyNN: test_STDPMechanism_create (STDPMechanism(td, wd, None, 0.5))
// dendriticDelayFraction 0.5: the engines implement 1.0 (the whole delay dendritic, as NEST); pyNN.nest and
// pyNN.brian2 accept other values and ignore them, tsnn refuses them (docs/porting.md).
test('STDPMechanism with dendriticDelayFraction 0.5 is a NoModelAvailableError', () => {
  assert.throws(
    () => new sim.STDPMechanism({
      timingDependence: new sim.SpikePairRule(),
      weightDependence: new sim.AdditiveWeightDependence(),
      voltageDependence: null,
      dendriticDelayFraction: 0.5,
    }),
    (e: unknown) => e instanceof sim.NoModelAvailableError,
  );
});

// PyNN: test_STDPMechanism_create_invalid_types (PyNN: AssertionError; here TypeError / ValueError)
test('STDPMechanism refuses a timing rule "abc", a weight dependence "abc" and fractions "abc" and "1.1"', () => {
  const td = new sim.SpikePairRule();
  const wd = new sim.AdditiveWeightDependence();
  const make = (o: Record<string, unknown>) => () =>
    new sim.STDPMechanism({ timingDependence: td, weightDependence: wd, ...o } as unknown as sim.STDPMechanismOptions);
  assert.throws(make({ timingDependence: 'abc' }));
  assert.throws(make({ weightDependence: 'abc' }));
  assert.throws(make({ dendriticDelayFraction: 'abc' }));
  assert.throws(make({ dendriticDelayFraction: '1.1' }));
});

// =================================================================================================================
// test_recording.py (the Recorder is internal; what it does is seen through record() and getData())
// =================================================================================================================

// PyNN: test_Recorder_invalid_variable
test('record("foo") is a RecordingError', async () => {
  await sim.setup();
  const p = new sim.Population(5, new sim.IF_cond_exp());
  assert.throws(() => p.record('foo'), (e: unknown) => e instanceof sim.RecordingError);
  await sim.end();
});

// PyNN: test_record (recording cells [0:3] then [2:5] records their union)
test('record("v") on cells 0–2 and then on 2–4 records all five cells', async () => {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(5, new sim.IF_cond_exp());
  p.view({ start: 0, stop: 3 }).record('v');
  p.view({ start: 2, stop: 5 }).record('v');
  await sim.run(1.0);
  const signals = (await p.getData()).segments[0]!.filter({ name: 'v' }) as sim.AnalogSignal[];
  assert.is(signals.length, 1);
  assert.equal([...signals[0]!.channelIndex], [0, 1, 2, 3, 4]);
  await sim.end();
});

// PyNN: test_filter_recorded (data of a subset are those of its recorded cells)
test('getData() of the view [::2] of a recorded population holds cells 0, 2 and 4 only', async () => {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(5, new sim.IF_cond_exp());
  p.record(['spikes', 'v']);
  await sim.run(1.0);
  const seg = (await p.view({ step: 2 }).getData()).segments[0]!;
  assert.equal(seg.spiketrains.map((st) => st.annotations.source_index), [0, 2, 4]);
  assert.is(seg.analogsignals.length, 1);
  assert.is(seg.analogsignals[0]!.shape[1], 3);
  const all = (await p.getData()).segments[0]!;
  assert.equal(all.spiketrains.map((st) => st.annotations.source_index), [0, 1, 2, 3, 4]);
  await sim.end();
});

// PyNN: test_get (the Block is named after the population and described by describe())
test('getData(): the Block\'s name is the label and its description the population\'s describe()', async () => {
  await sim.setup();
  const p = new sim.Population(11, new sim.IF_cond_exp(), { label: 'mock population' });
  p.record('spikes');
  await sim.run(1.0);
  const block = await p.getData('spikes');
  assert.is(block.name, p.label);
  assert.is(block.description, p.describe());
  await sim.end();
});

// PyNN: test_metadata_property (the recorder's metadata annotate the Block)
test('getData(): the Block\'s annotations are PyNN\'s recorder metadata plus the population\'s annotations', async () => {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(11, new sim.IF_cond_exp(), { label: 'mock population' });
  p.annotate({ knights_say: 'Ni!' });
  p.record('spikes');
  await sim.run(1.0);
  const { annotations } = await p.getData();
  const { simulator, ...rest } = annotations as Record<string, unknown>;
  assert.type(simulator, 'string');
  assert.equal(rest, {
    first_id: p.firstId,
    label: 'mock population',
    dt: 0.1,
    last_id: p.lastId,
    size: 11,
    first_index: 0,
    last_index: 11,
    knights_say: 'Ni!',
    mpi_processes: 1,
  });
  await sim.end();
});

test.run();
