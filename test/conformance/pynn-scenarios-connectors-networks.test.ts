// PyNN's own system scenarios (NeuralEnsemble/PyNN test/system/scenarios/: test_connectors.py,
// test_connection_handling.py, scenario1–4 / test_scenario1–4.py, ticket166, issue231, issue274), ported to tsnn's
// public API on the wasm backend. The numbers and tolerances are PyNN's: its assertions are the independent truth.
// Each test names the PyNN scenario it follows. Where PyNN leaves an RNG unseeded (NumpyRNG(), a RandomDistribution
// without rng), the port seeds it so that the test is deterministic. Scenarios PyNN runs only on NEST/NEURON are
// ported where tsnn implements what they use (marked "PyNN: nest, neuron").
//
// Weights are stored as float32 on the engine (DESIGN §5: ≤ 8 bytes per static synapse) and read back as the
// shortest decimal that rounds to the stored float32, so PyNN's exact comparisons of weights hold.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sim from '../../frontend/wasm.js';

/** numpy.testing.assert_allclose(actual, desired, rtol): |actual - desired| <= rtol·|desired|. */
function allclose(actual: number, desired: number, rtol: number): boolean {
  return Math.abs(actual - desired) <= rtol * Math.abs(desired);
}

/** pytest.approx(expected) with its defaults: relative 1e-6 or absolute 1e-12. */
function approx(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(1e-6 * Math.abs(expected), 1e-12);
}

const columns = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((row) => row[j]!));
const nonNan = (xs: readonly number[]): number => xs.filter((x) => !Number.isNaN(x)).length;
const nanToZeroSum = (xs: readonly number[]): number => xs.reduce((s, x) => s + (Number.isNaN(x) ? 0 : x), 0);
const byAddress = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

// ---- Student's t-test (scipy.stats.ttest_ind, equal variances), for scenario3 ------------------------------------

/** ln Γ(x) (Lanczos, g = 7). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; ++i) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized incomplete beta I_x(a, b), by its continued fraction (modified Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - (logGamma(a) + logGamma(b) - logGamma(a + b))) / a;
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 0;
  for (let i = 0; i <= 400; ++i) {
    const m = Math.floor(i / 2);
    const num = i === 0 ? 1 : i % 2 === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    c = 1 + num / c;
    c = Math.abs(c) < tiny ? tiny : c;
    const cd = c * d;
    f *= cd;
    if (Math.abs(1 - cd) < 1e-15) break;
  }
  return front * (f - 1);
}

/** Two-sided p-value of Student's two-sample t-test with pooled variance. */
function tTestIndependent(a: readonly number[], b: readonly number[]): { t: number; p: number } {
  const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  const ss = (x: readonly number[], m: number) => x.reduce((s, v) => s + (v - m) ** 2, 0);
  const df = a.length + b.length - 2;
  const pooled = (ss(a, ma) + ss(b, mb)) / df;
  const t = (ma - mb) / Math.sqrt(pooled * (1 / a.length + 1 / b.length));
  return { t, p: incompleteBeta(df / (df + t * t), df / 2, 0.5) };
}

// ---- test_connectors.py ------------------------------------------------------------------------------------------

// PyNN scenario: test_connectors.test_all_to_all_static_no_self
test('AllToAll without self connections: delays follow "0.2+0.3*d", 20 connections', async () => {
  await sim.setup();
  const p = new sim.Population(5, new sim.IF_cond_exp());
  const synapse = new sim.StaticSynapse({
    weight: new sim.RandomDistribution('gamma', { k: 2.0, theta: 0.5 }, new sim.NumpyRNG({ seed: 1 })),
    delay: '0.2+0.3*d',
  });
  const prj = new sim.Projection(p, p, new sim.AllToAllConnector({ allowSelfConnections: false }), synapse);
  await prj.get('weight', { format: 'array' });
  const delays = (await prj.get('delay', { format: 'list' })) as number[][];
  for (const [i, j, d] of delays) assert.ok(allclose(d!, 0.2 + 0.3 * Math.abs(i! - j!), 1e-9), `(${i}, ${j}): ${d}`);
  assert.is(delays.length, p.size * (p.size - 1));
  await sim.end();
});

/** The TsodyksMarkram values of test_all_to_all_tsodyksmarkram and the *_heterogeneous_parameters scenarios. */
const tmSynapse = () => new sim.TsodyksMarkramSynapse({ weight: (d: number) => d, delay: 0.5, U: (d: number) => 0.02 * d + 0.1 });

/** PyNN asserts w == |i-j|, d == 0.5, U == 0.02·|i-j| + 0.1 with assert_array_equal (exact). */
function checkTsodyksMarkramList(rows: number[][], expectedCount: number): void {
  assert.is(rows.length, expectedCount);
  for (const [i, j, w, d, u] of rows) {
    assert.is(w, Math.abs(i! - j!), `weight of (${i}, ${j})`);
    assert.is(d, 0.5, `delay of (${i}, ${j})`);
    assert.is(u, 0.02 * Math.abs(i! - j!) + 0.1, `U of (${i}, ${j})`);
  }
}

// PyNN scenario: test_connectors.test_all_to_all_tsodyksmarkram
test('AllToAll with TsodyksMarkramSynapse: weight and U as functions of distance, read back exactly', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const prj = new sim.Projection(p1, p2, new sim.AllToAllConnector(), tmSynapse());
  checkTsodyksMarkramList((await prj.get(['weight', 'delay', 'U'], { format: 'list' })) as number[][], p1.size * p2.size);
  const [weights, delays, U] = await prj.get(['weight', 'delay', 'U'], { format: 'array' });
  assert.is(weights!.length, 5);
  assert.ok(delays!.every((row) => row.every((d) => d === 0.5)));
  assert.is(U!.length, 5);
  await sim.end();
});

// PyNN scenario: test_connectors.test_fixed_number_pre_no_replacement
test('FixedNumberPre(3) without replacement: 3 sources per target, then the same connector with drawn weights', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const connector = new sim.FixedNumberPreConnector(3, { withReplacement: false, rng: new sim.NumpyRNG({ seed: 2 }) });
  const prj1 = new sim.Projection(p1, p2, connector, new sim.StaticSynapse({ weight: 0.5, delay: 0.5 }));
  for (const column of columns(await prj1.get('weight', { format: 'array' }))) {
    assert.is(nonNan(column), 3);
    assert.is(nanToZeroSum(column), 1.5);
  }
  const prj2 = new sim.Projection(p1, p2, connector, new sim.StaticSynapse({
    weight: new sim.RandomDistribution('gamma', { k: 2, theta: 0.5 }, new sim.NumpyRNG({ seed: 3 })),
    delay: '0.2+0.3*d',
  }));
  const weights2 = await prj2.get('weight', { format: 'array' });
  for (const [i, j, d] of (await prj2.get('delay', { format: 'list' })) as number[][]) {
    assert.ok(approx(d!, 0.2 + 0.3 * Math.abs(i! - j!)), `(${i}, ${j}): ${d}`);
  }
  for (const column of columns(weights2)) assert.is(nonNan(column), 3);
  await sim.end();
});

// PyNN scenario: test_connectors.test_fixed_number_pre_with_replacement
test('FixedNumberPre(3) with replacement: 3 connections per target, summed weights 1.5 per column', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const connector = new sim.FixedNumberPreConnector(3, { withReplacement: true, rng: new sim.NumpyRNG({ seed: 4 }) });
  const prj1 = new sim.Projection(p1, p2, connector, new sim.StaticSynapse({ weight: 0.5, delay: 0.5 }));
  assert.is(((await prj1.get('delay', { format: 'list' })) as number[][]).length, 3 * p2.size);
  for (const column of columns(await prj1.get('weight', { format: 'array' }))) assert.is(nanToZeroSum(column), 1.5);
  await sim.end();
});

// PyNN scenario: test_connectors.test_fixed_number_pre_with_replacement_heterogeneous_parameters
test('FixedNumberPre(3) with replacement and TsodyksMarkram values as functions of distance', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const connector = new sim.FixedNumberPreConnector(3, { withReplacement: true, rng: new sim.NumpyRNG({ seed: 5 }) });
  const prj = new sim.Projection(p1, p2, connector, tmSynapse());
  checkTsodyksMarkramList((await prj.get(['weight', 'delay', 'U'], { format: 'list' })) as number[][], p2.size * 3);
  await sim.end();
});

// PyNN scenario: test_connectors.test_fixed_number_post_no_replacement
test('FixedNumberPost(3) without replacement: 3 targets per source, then the same connector with drawn weights', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const connector = new sim.FixedNumberPostConnector(3, { withReplacement: false, rng: new sim.NumpyRNG({ seed: 6 }) });
  const prj1 = new sim.Projection(p1, p2, connector, new sim.StaticSynapse({ weight: 0.5, delay: 0.5 }));
  for (const row of await prj1.get('weight', { format: 'array' })) {
    assert.is(nonNan(row), 3);
    assert.is(nanToZeroSum(row), 1.5);
  }
  const prj2 = new sim.Projection(p1, p2, connector, new sim.StaticSynapse({
    weight: new sim.RandomDistribution('gamma', { k: 2, theta: 0.5 }, new sim.NumpyRNG({ seed: 7 })),
    delay: '0.2+0.3*d',
  }));
  const weights2 = await prj2.get('weight', { format: 'array' });
  for (const [i, j, d] of (await prj2.get('delay', { format: 'list' })) as number[][]) {
    assert.ok(approx(d!, 0.2 + 0.3 * Math.abs(i! - j!)), `(${i}, ${j}): ${d}`);
  }
  for (const row of weights2) assert.is(nonNan(row), 3);
  await sim.end();
});

// PyNN scenario: test_connectors.test_fixed_number_post_with_replacement
test('FixedNumberPost(9) with replacement: 45 connections, rows sum to 4.5; multipleSynapses "min" keeps 0.5', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const connector = new sim.FixedNumberPostConnector(9, { withReplacement: true, rng: new sim.NumpyRNG({ seed: 8 }) });
  const prj1 = new sim.Projection(p1, p2, connector, new sim.StaticSynapse({ weight: 0.5, delay: 0.5 }));
  assert.is(((await prj1.get('delay', { format: 'list' })) as number[][]).length, 9 * p1.size);
  for (const row of await prj1.get('weight', { format: 'array' })) assert.is(nanToZeroSum(row), 4.5);
  for (const row of await prj1.get('weight', { format: 'array', multipleSynapses: 'min' })) {
    assert.is(nanToZeroSum(row), nonNan(row) * 0.5);
  }
  await sim.end();
});

// PyNN scenario: test_connectors.test_fixed_number_post_with_replacement_heterogeneous_parameters
test('FixedNumberPost(3) with replacement and TsodyksMarkram values as functions of distance', async () => {
  await sim.setup();
  const p1 = new sim.Population(5, new sim.IF_cond_exp());
  const p2 = new sim.Population(7, new sim.IF_cond_exp());
  const connector = new sim.FixedNumberPostConnector(3, { withReplacement: true, rng: new sim.NumpyRNG({ seed: 9 }) });
  const prj = new sim.Projection(p1, p2, connector, tmSynapse());
  checkTsodyksMarkramList((await prj.get(['weight', 'delay', 'U'], { format: 'list' })) as number[][], p1.size * 3);
  await sim.end();
});

// PyNN scenario: test_connectors.test_issue309
test('FixedProbability(1) without self connections gives the same connections as AllToAll (20)', async () => {
  await sim.setup();
  const p = new sim.Population(5, new sim.IF_cond_exp());
  const synapse = new sim.StaticSynapse({ weight: 0.1, delay: '0.2+0.3*d' });
  const a2a = new sim.Projection(p, p, new sim.AllToAllConnector({ allowSelfConnections: false }), synapse);
  const fp1 = new sim.Projection(p, p, new sim.FixedProbabilityConnector(1, { allowSelfConnections: false }), synapse);
  for (const name of ['weight', 'delay']) {
    const a = ((await a2a.get(name, { format: 'list' })) as number[][]).sort(byAddress);
    const b = ((await fp1.get(name, { format: 'list' })) as number[][]).sort(byAddress);
    assert.equal(a, b, name);
  }
  assert.is(await fp1.size(), 20);
  await sim.end();
});

/** The (i, j) addresses of a weight list, as "i,j" strings, after checking every weight is 0.015. */
async function addresses(prj: sim.Projection): Promise<Set<string>> {
  const rows = (await prj.get('weight', { format: 'list' })) as number[][];
  for (const [, , w] of rows) assert.is(w, 0.015);
  return new Set(rows.map(([i, j]) => `${i},${j}`));
}
const pairs = (...ps: Array<[number, number]>) => new Set(ps.map(([i, j]) => `${i},${j}`));

// PyNN scenario: test_connectors.test_issue622 (PyNN: nest, neuron)
test('views of one population: "self connection" means the same cell, for views, overlaps and an Assembly', async () => {
  await sim.setup();
  const pop = new sim.Population(10, new sim.IF_cond_exp(), { label: 'pop' });
  const view1 = new sim.PopulationView(pop, [2, 3, 4]);
  const view2 = new sim.PopulationView(pop, [2, 3, 4]);
  const syn = () => new sim.StaticSynapse({ weight: 0.015, delay: 1.0 });
  const noSelf = () => new sim.AllToAllConnector({ allowSelfConnections: false });
  const proj1 = new sim.Projection(view1, view2, noSelf(), syn(), { receptorType: 'excitatory' });
  const proj2 = new sim.Projection(view1, view1, noSelf(), syn(), { receptorType: 'excitatory' });
  const w1 = await addresses(proj1);
  assert.equal(w1, await addresses(proj2));
  assert.equal(w1, pairs([0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]));
  // partially overlapping views
  const view3 = new sim.PopulationView(pop, [3, 4, 5, 6]);
  const proj3 = new sim.Projection(view1, view3, noSelf(), syn(), { receptorType: 'excitatory' });
  assert.equal(await addresses(proj3), pairs(
    [0, 0], [0, 1], [0, 2], [0, 3],
    [1, 1], [1, 2], [1, 3],
    [2, 0], [2, 2], [2, 3],
  ));
  const view4 = new sim.PopulationView(pop, [0, 1]);
  const assembly = view3.add(view4);
  const proj4 = new sim.Projection(view1, assembly,
    new sim.FixedProbabilityConnector(0.99999, { allowSelfConnections: false }), syn(), { receptorType: 'excitatory' });
  assert.equal(await addresses(proj4), pairs(
    [0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [0, 5],
    [1, 1], [1, 2], [1, 3], [1, 4], [1, 5],
    [2, 0], [2, 2], [2, 3], [2, 4], [2, 5],
  ));
  await sim.end();
});

// PyNN scenario: test_connectors.test_issue622 (PyNN's exact comparison of (i, j, weight) triples)
test('views of one population: the weight list holds (i, j, 0.015) exactly', async () => {
  await sim.setup();
  const pop = new sim.Population(10, new sim.IF_cond_exp(), { label: 'pop' });
  const view1 = new sim.PopulationView(pop, [2, 3, 4]);
  const proj1 = new sim.Projection(view1, new sim.PopulationView(pop, [2, 3, 4]),
    new sim.AllToAllConnector({ allowSelfConnections: false }), new sim.StaticSynapse({ weight: 0.015, delay: 1.0 }),
    { receptorType: 'excitatory' });
  const triples = new Set(((await proj1.get('weight', { format: 'list' })) as number[][]).map((r) => r.join(',')));
  await sim.end();
  assert.equal(triples, new Set([[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]].map(([i, j]) => `${i},${j},0.015`)));
});

// ---- test_connection_handling.py ---------------------------------------------------------------------------------

// PyNN scenario: test_connection_handling.test_connections_attribute
test('Projection.connections: one Connection per connection', async () => {
  await sim.setup();
  const p1 = new sim.Population(4, new sim.SpikeSourceArray());
  const p2 = new sim.Population(3, new sim.IF_cond_exp());
  const prj = new sim.Projection(p1, p2, new sim.FixedProbabilityConnector(0.7), new sim.StaticSynapse({ weight: 0.05, delay: 0.5 }));
  const connections = await prj.connections;
  assert.is(connections.length, await prj.size());
  assert.ok(connections[0] instanceof sim.Connection);
  await sim.end();
});

/** test_connection_access_weight_and_delay up to its final comparison; returns what PyNN compares. */
async function accessWeightAndDelay(): Promise<{ got: number[][]; target: number[][] }> {
  await sim.setup();
  const p1 = new sim.Population(4, new sim.SpikeSourceArray());
  const p2 = new sim.Population(3, new sim.IF_cond_exp());
  const prj = new sim.Projection(p1, p2, new sim.FixedProbabilityConnector(0.8), new sim.StaticSynapse({ weight: 0.05, delay: 0.5 }));
  const connections = await prj.connections;
  assert.ok(connections.length > 2, `${connections.length} connections`);
  assert.ok(approx(connections[2]!.weight!, 0.05), `weight ${connections[2]!.weight}`);
  assert.ok(approx(connections[2]!.delay!, 0.5), `delay ${connections[2]!.delay}`);
  // PyNN: connections[2].weight = 0.0123; connections[2].delay = 1.0
  await connections[2]!.set('weight', 0.0123);
  await connections[2]!.set('delay', 1.0);
  const size = await prj.size();
  const target = Array.from({ length: size }, (_, k) => (k === 2 ? [0.0123, 1.0] : [0.05, 0.5]));
  const got = (await prj.get(['weight', 'delay'], { format: 'list', withAddress: false })) as number[][];
  await sim.end();
  return { got, target };
}

// PyNN scenario: test_connection_handling.test_connection_access_weight_and_delay
test('Connection weight and delay: read (approx), written through one connection, get() equals the target exactly', async () => {
  const { got, target } = await accessWeightAndDelay();
  assert.equal(got, target);
});

// PyNN scenario: test_connection_handling.test_issue672
test('creating a new Projection does not change the weights read from an existing one', async () => {
  await sim.setup();
  new sim.Population(5, new sim.IF_curr_exp());
  const p2 = new sim.Population(4, new sim.IF_curr_exp());
  const p3 = new sim.Population(6, new sim.IF_curr_exp());
  const prj1 = new sim.Projection(p2, p3, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: (d: number) => d }));
  const wA = await prj1.get('weight', { format: 'array' });
  new sim.Projection(p2, p3, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: (_w: number) => 1 }));
  const wB = await prj1.get('weight', { format: 'array' });
  assert.equal(wA, wB);
  await sim.end();
});

// PyNN scenario: test_connection_handling.test_issue652 (PyNN: nest, neuron)
test('SpikePairRule with A_plus = 0 (and A_minus = 0 or 0.5) reads back what was given', async () => {
  await sim.setup();
  const pop1 = new sim.Population(10, new sim.IF_cond_exp());
  const pop2 = new sim.Population(10, new sim.IF_cond_exp());
  for (const aMinus of [0.0, 0.5]) {
    const stdp = new sim.STDPMechanism({
      weight: 0.5,
      timingDependence: new sim.SpikePairRule({ tau_plus: 20, tau_minus: 20, A_plus: 0.0, A_minus: aMinus }),
      weightDependence: new sim.AdditiveWeightDependence({ w_min: 0, w_max: 1 }),
    });
    const prj = new sim.Projection(pop1, pop2, new sim.FixedNumberPreConnector(5), stdp);
    const [aPlus, aMinusGot] = await prj.get(['A_plus', 'A_minus'], { format: 'array' });
    assert.is(aPlus!.flat().find((x) => !Number.isNaN(x)), 0.0);
    assert.is(aMinusGot!.flat().find((x) => !Number.isNaN(x)), aMinus);
  }
  await sim.end();
});

// ---- scenario1.py / test_scenario1.py ----------------------------------------------------------------------------

// PyNN scenario: test_scenario1.test_scenario1 (scenario1.scenario1)
test('scenario1: balanced IF_cond_exp network with Poisson input runs; a view of a view has the population as grandparent', async () => {
  const cellParams = {
    tau_m: 20.0, tau_syn_E: 5.0, tau_syn_I: 10.0, v_rest: -60.0, v_reset: -60.0, v_thresh: -50.0, cm: 1.0,
    tau_refrac: 5.0, e_rev_E: 0.0, e_rev_I: -80.0,
  };
  const [nExc, nInh, nInput] = [80, 20, 20];
  const tstop = 900.0;
  const weights = { excitatory: 4.0e-3, inhibitory: 51.0e-3, input: 0.1 };
  await sim.setup({ timestep: 0.1, minDelay: 0.1, threads: 1 });
  const allCells = new sim.Population(nExc + nInh, new sim.IF_cond_exp(cellParams), { label: 'All cells' });
  const cells = {
    excitatory: allCells.view({ stop: nExc }),
    inhibitory: allCells.view({ start: nExc }),
    input: new sim.Population(nInput, new sim.SpikeSourcePoisson({ rate: 100.0, duration: 50.0 }), { label: 'Input' }),
  };
  const rng = new sim.NumpyRNG({ seed: 98765, parallelSafe: true });
  allCells.initialize({ v: new sim.RandomDistribution('uniform', { low: cellParams.v_reset, high: cellParams.v_thresh }, rng) });
  for (const [name, pconn, receptorType] of [
    ['excitatory', 0.02, 'excitatory'], ['inhibitory', 0.02, 'inhibitory'], ['input', 0.01, 'excitatory'],
  ] as const) {
    new sim.Projection(cells[name], allCells, new sim.FixedProbabilityConnector(pconn, { rng }),
      new sim.StaticSynapse({ weight: weights[name], delay: 0.2 }), { receptorType, label: name });
  }
  allCells.record('spikes');
  const firstTwo = cells.excitatory.view({ start: 0, stop: 2 });
  firstTwo.record('v');
  assert.ok(firstTwo.grandparent === allCells);
  await sim.run(tstop);
  const eRate = (cells.excitatory.meanSpikeCount() * 1000.0) / tstop;
  const iRate = (cells.inhibitory.meanSpikeCount() * 1000.0) / tstop;
  // PyNN only prints the rates.
  assert.ok(Number.isFinite(eRate) && Number.isFinite(iRate));
  await sim.end();
});

// PyNN scenario: test_scenario1.test_scenario1a (scenario1.scenario1a; recorded to .npz, tsnn writes no pickle)
test('scenario1a: the same kind of network built with create/connect/initialize/record runs and writes its files', async () => {
  const cellParams = {
    tau_m: 10.0, tau_syn_E: 2.0, tau_syn_I: 5.0, v_rest: -60.0, v_reset: -65.0, v_thresh: -55.0, cm: 0.5,
    tau_refrac: 2.5, e_rev_E: 0.0, e_rev_I: -75.0,
  };
  const [wExc, wInput, delay, p] = [3.0e-3, 0.12, 1, 0.03];
  await sim.setup({ timestep: 0.1, minDelay: 0.1, threads: 1 });
  const iafNeuron = new sim.IF_cond_alpha(cellParams);
  const excitatory = sim.create(iafNeuron, undefined, 80);
  const inhibitory = sim.create(iafNeuron, undefined, 20);
  const inputs = sim.create(new sim.SpikeSourcePoisson({ rate: 80.0, duration: 50.0 }), undefined, 20);
  const allCells = excitatory.add(inhibitory);
  sim.initialize(allCells, { v: cellParams.v_rest });
  // PyNN's scenario passes w_exc to the inhibitory connections too (w_inh is unused); so does the port.
  sim.connect(excitatory, allCells, { weight: wExc, delay, receptorType: 'excitatory', p });
  sim.connect(inhibitory, allCells, { weight: wExc, delay, receptorType: 'inhibitory', p });
  sim.connect(inputs, allCells, { weight: wInput, delay, receptorType: 'excitatory', p: 0.01 });
  const stem = join(tmpdir(), `tsnn-scenario1a-${process.pid}`);
  const files = [`${stem}_spikes.npz`, `${stem}_v.npz`];
  sim.record('spikes', allCells, files[0]!);
  sim.record('v', excitatory.view({ start: 0, stop: 2 }), files[1]!);
  await sim.run(1100.0);
  const eRate = (excitatory.meanSpikeCount() * 1000.0) / 1100.0;
  const iRate = (inhibitory.meanSpikeCount() * 1000.0) / 1100.0;
  assert.ok(Number.isFinite(eRate) && Number.isFinite(iRate));
  await sim.end();
  for (const file of files) {
    assert.ok(existsSync(file), `${file} written at end()`);
    rmSync(file);
  }
});

// ---- scenario2.py / test_scenario2.py ----------------------------------------------------------------------------

// PyNN scenario: test_scenario2.test_scenario2 (scenario2.scenario2)
test('scenario2: 83 IF_curr_exp cells under different DC steps fire once, at the analytic time (error < 0.5%)', async () => {
  const n = 83;
  const [tStart, duration, tStop, tauM, vThresh, cm] = [25.0, 100.0, 150.0, 20.0, 10.0, 1.0];
  const I0 = (vThresh * cm) / tauM;
  // spike_precision="off_grid" is a NEST option; setup() accepts and ignores it.
  await sim.setup({ timestep: 0.01, minDelay: 0.1, spike_precision: 'off_grid' });
  const neurons = new sim.Population(n, new sim.IF_curr_exp({ tau_m: tauM, v_rest: 0.0, v_reset: 0.0, tau_refrac: 100.0, v_thresh: vThresh, cm }));
  neurons.initialize({ v: 0.0 });
  // numpy.arange(I0, I0 + 1.0, 1.0/n)
  const I = Array.from({ length: Math.ceil(1.0 / (1.0 / n)) }, (_, k) => I0 + k * (1.0 / n)).filter((x) => x < I0 + 1.0);
  assert.is(I.length, n);
  I.forEach((amplitude, j) => {
    const current = new sim.DCSource({ start: tStart, stop: tStart + duration, amplitude });
    if (j % 2 === 0) neurons[j]!.inject(current);
    else current.injectInto([neurons[j]!]);
  });
  neurons.record(['spikes', 'v']);
  await sim.run(tStop);
  const trains = (await neurons.getData()).segments[0]!.spiketrains;
  await sim.end();
  assert.is(trains.length, n);
  assert.is(trains[0]!.length, 0);
  assert.is(trains[1]!.length, 1);
  assert.is(trains[n - 1]!.length, 1);
  let maxError = 0;
  for (let k = 1; k < n; ++k) {
    const expected = tStart + tauM * Math.log((I[k]! * tauM) / (I[k]! * tauM - vThresh * cm));
    maxError = Math.max(maxError, Math.abs((trains[k]!.times[0]! - expected) / expected));
  }
  assert.ok(maxError < 0.005, `max error ${maxError}`);
});

// ---- scenario3.py / test_scenario3.py ----------------------------------------------------------------------------

// PyNN scenario: test_scenario3.test_scenario3 and scenario3.scenario3 (PyNN: nest, neuron)
test('scenario3: additive STDP potentiates the inputs firing at 40 Hz more than those at 5 Hz', async () => {
  const second = 1000.0;
  const duration = 10;
  const [tauM, cm, vReset] = [20, 1.0, -60];
  const gLeak = cm / tauM;
  const [wMin, wMax] = [0.0 * gLeak, 0.05 * gLeak];
  const [r1, r2] = [5.0, 40.0];
  await sim.setup({ seed: 42 });
  const pre = new sim.Population(100, new sim.SpikeSourcePoisson());
  const post = new sim.Population(10, new sim.IF_cond_exp());
  pre.set({ duration: duration * second });
  pre.set({ start: 0.0 });
  pre.view({ stop: 50 }).set({ rate: r1 });
  pre.view({ start: 50 }).set({ rate: r2 });
  assert.is((pre[49] as unknown as { rate: number }).rate, r1);
  assert.is((pre[50] as unknown as { rate: number }).rate, r2);
  post.set({ tau_m: tauM, cm, v_rest: -70, e_rev_E: 0, e_rev_I: -70, v_thresh: -54, v_reset: vReset, tau_syn_E: 5, tau_syn_I: 5 });
  post.initialize({ v: new sim.RandomDistribution('normal', { mu: vReset, sigma: 5.0 }, new sim.NumpyRNG({ seed: 10 })) });
  const stdp = new sim.STDPMechanism({
    timingDependence: new sim.SpikePairRule({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.01 }),
    weightDependence: new sim.AdditiveWeightDependence({ w_min: wMin, w_max: wMax }),
    dendriticDelayFraction: 1,
  });
  const connections = new sim.Projection(pre, post, new sim.AllToAllConnector(), stdp, { receptorType: 'excitatory' });
  await connections.randomizeWeights(new sim.RandomDistribution('uniform', { low: wMin, high: wMax }, new sim.NumpyRNG({ seed: 11 })));
  const initial = await connections.get('weight', { format: 'array' });
  const initialFlat = initial.flat();
  assert.ok(Math.min(...initialFlat) >= wMin);
  assert.ok(Math.max(...initialFlat) < wMax);
  assert.is.not(initial[0]![0], initial[1]![0]);
  pre.record('spikes');
  post.record('spikes');
  post.view({ start: 0, stop: 1 }).record('v');
  await sim.run(duration * second);
  const actualRate = pre.meanSpikeCount() / duration;
  const expectedRate = (r1 + r2) / 2;
  assert.ok(Math.abs(actualRate - expectedRate) < 1, `actual rate: ${actualRate}  expected rate: ${expectedRate}`);
  const final = await connections.get('weight', { format: 'array' });
  assert.is.not(initial[0]![0], final[0]![0]);
  // scenario3.py (older form): the initial weights of the two halves do not differ (p > 0.05)
  const initialTest = tTestIndependent(initial.slice(0, 50).flat(), initial.slice(50).flat());
  assert.ok(initialTest.p > 0.05, `initial p = ${initialTest.p}`);
  const finalTest = tTestIndependent(final.slice(0, 50).flat(), final.slice(50).flat());
  assert.ok(finalTest.p < 0.01, `final p = ${finalTest.p}`);
  const meanOf = (rows: number[][]) => rows.flat().reduce((s, v) => s + v, 0) / rows.flat().length;
  assert.ok(meanOf(final.slice(0, 50)) < meanOf(final.slice(50)));
  await sim.end();
});

// ---- scenario4.py / test_scenario4.py ----------------------------------------------------------------------------

// PyNN scenario: test_scenario4.test_scenario4 (scenario4.scenario4; PyNN: nest, neuron). PyNN asserts nothing but
// that the spatial network builds, runs and returns its data. Scaled down in time only: 250 ms instead of 1000 ms
// (200 EIF_cond_exp_isfa_ista cells, 10 RK4 substeps each per step, take ~3 s per simulated second on wasm).
test('scenario4: spatial network (RandomStructure, Grid3D, distance-dependent rules, TM synapses) runs', async () => {
  await sim.setup();
  const rng = new sim.NumpyRNG({ seed: 76454, parallelSafe: false });
  const inputLayout = new sim.RandomStructure({ boundary: new sim.Cuboid(500.0, 500.0, 100.0), origin: [0, 0, 0], rng });
  const inputs = new sim.Population(100,
    new sim.SpikeSourcePoisson({ rate: new sim.RandomDistribution('uniform', { low: 3.0, high: 7.0 }, rng) }),
    { structure: inputLayout, label: 'inputs' });
  const outputLayout = new sim.Grid3D({ aspectRatioXY: 1.0, aspectRatioXZ: 5.0, dx: 10.0, dy: 10.0, dz: 10.0, x0: 0.0, y0: 0.0, z0: 200.0 });
  const outputs = new sim.Population(200, new sim.EIF_cond_exp_isfa_ista(), {
    initialValues: {
      v: new sim.RandomDistribution('normal', { mu: -65.0, sigma: 5.0 }, rng),
      w: new sim.RandomDistribution('normal', { mu: 0.0, sigma: 1.0 }, rng),
    },
    structure: outputLayout,
    label: 'outputs',
  });
  const depressing = new sim.TsodyksMarkramSynapse({
    weight: new sim.RandomDistribution('normal', { mu: 0.1, sigma: 0.02 }, rng), delay: '0.5 + d/100.0',
    U: 0.5, tau_rec: 800.0, tau_facil: 0.0,
  });
  const facilitating = new sim.TsodyksMarkramSynapse({ weight: 0.05, delay: '0.2 + d/100.0', U: 0.04, tau_rec: 100.0, tau_facil: 1000.0 });
  new sim.Projection(inputs, outputs, new sim.DistanceDependentProbabilityConnector('0.5*exp(-d/100.0)', { rng }), depressing,
    { receptorType: 'excitatory', space: new sim.Space({ axes: 'xy' }), label: 'input connections' });
  new sim.Projection(outputs, outputs, new sim.DistanceDependentProbabilityConnector('sin(pi*d/250.0)**2', { rng }), facilitating,
    { receptorType: 'inhibitory', space: new sim.Space({ periodicBoundaries: [[-100.0, 100.0], [-100.0, 100.0], null] }), label: 'recurrent connections' });
  outputs.record('spikes');
  outputs.sample(10, rng).record('v');
  await sim.run(250.0);
  const block = await outputs.getData();
  await sim.end();
  assert.is(block.segments[0]!.spiketrains.length, 200);
  assert.is(block.segments[0]!.filter({ name: 'v' })[0]!.shape[1], 10);
});

// ---- ticket166.py / test_ticket166.py ----------------------------------------------------------------------------

// PyNN scenario: test_ticket166.test_ticket166 (ticket166.ticket166)
test('ticket166: spike times of one SpikeSourceArray cell changed between runs drive its target again', async () => {
  const [dt, tStep, lag] = [0.1, 100.0, 3.0];
  await sim.setup({ timestep: dt, minDelay: dt });
  const sources = new sim.Population(2, new sim.SpikeSourceArray());
  const cells = new sim.Population(2, new sim.IF_cond_exp());
  new sim.Projection(sources, cells, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.01 }));
  cells.record('v');
  // numpy.arange(2.0, t_step, t_step / 13.0)
  const spikeTimes: number[] = [];
  for (let k = 0; 2.0 + (k * tStep) / 13.0 < tStep; ++k) spikeTimes.push(2.0 + (k * tStep) / 13.0);
  type SpikeTimesId = { spike_times: unknown };
  (sources[0] as unknown as SpikeTimesId).spike_times = spikeTimes;
  (sources[1] as unknown as SpikeTimesId).spike_times = spikeTimes.map((t) => t + lag);
  await sim.run(tStep); // both cells depolarised by synaptic input
  await sim.run(tStep); // no more input, both decay
  (sources[0] as unknown as SpikeTimesId).spike_times = spikeTimes.map((t) => t + 2 * tStep);
  await sim.run(tStep); // the first cell is depolarised again
  const vm = (await cells.getData()).segments[0]!.analogsignals[0]!;
  await sim.end();
  const last = vm.shape[0] - 1;
  assert.ok(vm.get(last, 0) > -60.0, `final v of cell 0: ${vm.get(last, 0)}`);
  assert.ok(vm.get(last, 1) < -64.99, `final v of cell 1: ${vm.get(last, 1)}`);
});

// ---- issue231.py / test_issue231.py ------------------------------------------------------------------------------

// PyNN scenario: test_issue231.test_issue231 (issue231.issue231)
test('issue231: minDelay "auto" becomes the smallest delay (0.5 ms) once the network is built', async () => {
  await sim.setup({ minDelay: 'auto' });
  const p1 = new sim.Population(13, new sim.IF_cond_exp());
  const p2 = new sim.Population(25, new sim.IF_cond_exp());
  new sim.Projection(p1, p2, new sim.AllToAllConnector(), new sim.StaticSynapse({ delay: 0.5 }));
  await sim.run(100.0);
  assert.is(sim.getMinDelay(), 0.5);
  await sim.end();
});

// PyNN's state.min_delay ('auto') is computed from the connections made so far (pyNN.brian2's _get_min_delay,
// NEST's kernel); tsnn gives the same before the build where the delays are given, and both delays on the grid.
test('issue231: minDelay "auto" is the smallest delay before the first run too; min and max delays read as grid times', async () => {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(3, new sim.IF_cond_exp());
  new sim.Projection(p, p, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.001, delay: 0.7 }));
  new sim.Projection(p, p, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.001, delay: 1.2 }));
  assert.is(sim.getMinDelay(), 0.7);
  assert.is(sim.getMaxDelay(), 'auto');
  await sim.run(1);
  assert.is(sim.getMinDelay(), 0.7);  // the engine's 7 steps · 0.1 ms is 0.7000000000000001
  assert.is(sim.getMaxDelay(), 1.2);
  await sim.end();
});

// ---- issue274.py / test_issue274.py ------------------------------------------------------------------------------

// PyNN scenario: test_issue274.test_issue274 (issue274.issue274)
test('issue274: Projection.set with drawn weights and delays works when the populations do not start at ID 0', async () => {
  await sim.setup({ minDelay: 0.5 });
  new sim.Population(13, new sim.IF_cond_exp());
  const p1 = new sim.Population(1000, new sim.IF_cond_exp());
  const p2 = new sim.Population(252, new sim.IF_cond_exp());
  const prj = new sim.Projection(p1, p2, new sim.DistanceDependentProbabilityConnector('exp(-d/100)'));
  await prj.set({
    weight: new sim.RandomDistribution('uniform', { low: 1e-6, high: 2e-6 }, new sim.NumpyRNG({ seed: 12 })),
    delay: new sim.RandomDistribution('uniform', { low: 0.5, high: 1.0 }, new sim.NumpyRNG({ seed: 13 })),
  });
  // PyNN asserts only that set() raises nothing; the values are checked here as well.
  const rows = (await prj.get(['weight', 'delay'], { format: 'list', withAddress: false })) as number[][];
  assert.ok(rows.length > 0);
  for (const [w, d] of rows) {
    assert.ok(w! >= 1e-6 && w! <= 2e-6, `weight ${w}`);
    assert.ok(d! >= 0.5 && d! <= 1.0, `delay ${d}`);
  }
  await sim.end();
});

test.run();
