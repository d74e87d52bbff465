// PyNN's unit tests of the Projection class and of the space module (NeuralEnsemble/PyNN test/unittests/
// test_projection.py, 2023 copy, and test_space.py, 2020 copy), restated for tsnn's public API. PyNN runs them on its
// `mock` backend; its expectations are the independent truth. Each test names the PyNN test it follows.
//
// How the port reads PyNN's expectations:
// - PyNN's MockRNG (a counter, not a random generator) fixes which pairs a random connector makes; tsnn draws from
//   its own Philox streams, so such tests check the structure (counts, multapses, ranges), not PyNN's exact pairs.
// - Static weights are float32 on the engine (DESIGN §5) and read back as the shortest decimal that rounds to
//   theirs, so PyNN's exact comparisons hold; some tests accept float32 rounding (2^-23 relative) as well.
// - PyNN's list order is its backend's (mock and Brian2: post-major; tsnn, like NEST: pre-major), so lists are
//   compared after PyNN's own sort (a stable sort on the post column) or as sets.
// - Tests of PyNN internals (build_translations, lazy-array distance maps, MPI masks) are not ported; the report
//   of this port lists them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sim from '../../frontend/wasm.js';

/** Nested arrays equal, numbers compared as static weights: float32 storage keeps them within 2^-23 relative. */
function weightsEqual(actual: unknown, expected: unknown, what: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${what}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    expected.forEach((e, k) => weightsEqual((actual as unknown[])[k], e, `${what}[${k}]`));
    return;
  }
  const [a, e] = [actual as number, expected as number];
  assert.ok(a === e || Math.abs(a - e) <= 2 ** -23 * Math.abs(e), `${what}: ${a} vs ${e}`);
}

/** Rows stably sorted on one column, as numpy.argsort(A[:, col], kind='mergesort'). */
const sortByColumn = (rows: number[][], col: number): number[][] =>
  rows.map((r, k) => [r, k] as const).sort((a, b) => a[0][col]! - b[0][col]! || a[1] - b[1]).map(([r]) => r);

/** A flat pre × post list compared with pyNN's `numpy.linspace(min, max, n)`. */
const linspace = (a: number, b: number, n: number): number[] => {
  // numpy's own arithmetic: k·step + start, the last value exactly `b`.
  const step = (b - a) / (n - 1);
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? b : k * step + a));
};

/** The setUp of PyNN's ProjectionTest. */
async function projectionSetUp(extra: Partial<sim.SetupOptions> = {}) {
  await sim.setup({ ...extra });
  return {
    p1: new sim.Population(7, new sim.IF_cond_exp()),
    p2: new sim.Population(4, new sim.IF_cond_exp()),
    p3: new sim.Population(5, new sim.IF_curr_alpha()),
    syn1: new sim.StaticSynapse({ weight: 0.006, delay: 0.5 }),
    syn2: new sim.StaticSynapse({ weight: 0.007, delay: 0.4 }),
    all2all: new sim.AllToAllConnector(),
    syn3: new sim.TsodyksMarkramSynapse({ weight: 0.012, delay: 0.6, U: 0.2, tau_rec: 50 }),
  };
}

// =================================================================================================================
// test_projection.py — ProjectionTest
// =================================================================================================================

// PyNN: ProjectionTest.test_create_simple
test('Projection: created from two populations with AllToAll and a StaticSynapse', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  assert.is(prj.pre, s.p1);
  assert.is(prj.post, s.p2);
  await sim.end();
});

// PyNN: ProjectionTest.test_create_with_presynaptic_assembly
test('Projection: the presynaptic side may be an Assembly (p1 + p2)', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1.add(s.p2), s.p2, s.all2all, s.syn2);
  assert.is(await prj.size(), (7 + 4) * 4);
  await sim.end();
});

// PyNN: ProjectionTest.test_create_with_homogeneous_postsynaptic_assembly
test('Projection: the postsynaptic side may be an Assembly of one cell kind (p1 + p2)', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p1.add(s.p2), s.all2all, s.syn2);
  assert.is(await prj.size(), 7 * (7 + 4));
  await sim.end();
});

// PyNN: ProjectionTest.test_create_with_inhomogeneous_postsynaptic_assembly
test('Projection: a postsynaptic Assembly mixing conductance- and current-based cells is a ConnectionError', async () => {
  const s = await projectionSetUp();
  assert.throws(() => new sim.Projection(s.p1, s.p1.add(s.p3), s.all2all, s.syn2), (e: unknown) => e instanceof sim.ConnectionError);
  await sim.end();
});

// PyNN: ProjectionTest.test_create_with_fast_synapse_dynamics
test('Projection: created with a depressing TsodyksMarkramSynapse(U=0.5, tau_rec=80, tau_facil=0)', async () => {
  const s = await projectionSetUp();
  const depressing = new sim.TsodyksMarkramSynapse({ U: 0.5, tau_rec: 80.0, tau_facil: 0.0 });
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, depressing);
  assert.is(prj.synapseType, depressing);
  await sim.end();
});

// PyNN: ProjectionTest.test_create_with_invalid_type
test('Projection: a postsynaptic argument that is not a cell collection ("foo") is a ConnectionError', async () => {
  const s = await projectionSetUp();
  assert.throws(
    () => new sim.Projection(s.p1, 'foo' as unknown as sim.Population, s.all2all, s.syn2),
    (e: unknown) => e instanceof sim.ConnectionError,
  );
  await sim.end();
});

// PyNN: ProjectionTest.test_create_with_default_receptor_type
test('Projection: the default receptor is excitatory, or inhibitory for negative current-based weights', async () => {
  const s = await projectionSetUp();
  let prj = new sim.Projection(s.p1, s.p3, s.all2all, new sim.StaticSynapse());
  assert.is(prj.receptorType, 'excitatory');
  prj = new sim.Projection(s.p1, s.p3, s.all2all, new sim.TsodyksMarkramSynapse({ weight: 0.5 }));
  assert.is(prj.receptorType, 'excitatory');
  prj = new sim.Projection(s.p1, s.p3, s.all2all, new sim.StaticSynapse({ weight: (d: number) => -0.1 * d }));
  assert.is(prj.receptorType, 'inhibitory');
  await sim.end();
});

// PyNN: ProjectionTest.test_size_with_gather
test('Projection.size(): 7 × 4 connections for AllToAll', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  assert.is(await prj.size(), s.p1.size * s.p2.size);
  await sim.end();
});

// PyNN: ProjectionTest.test_get_weights_as_list
test('get("weight", list): after a stable sort on the post column, rows (0..4, 0, 0.007)', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  const rows = sortByColumn((await prj.get('weight', { format: 'list' })) as number[][], 1).slice(0, 5);
  weightsEqual(rows, [0, 1, 2, 3, 4].map((i) => [i, 0, 0.007]), 'rows');
  await sim.end();
});

// PyNN: ProjectionTest.test_get_weights_as_list_no_address
test('get("weight", list, withAddress false): the first five values are the weight', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  const values = ((await prj.get('weight', { format: 'list', withAddress: false })) as number[]).slice(0, 5);
  weightsEqual(values, Array(5).fill(0.007), 'values');
  await sim.end();
});

// PyNN: ProjectionTest.test_get_weights_as_array
test('get("weight", array): a 7 × 4 matrix of the weight', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  const weights = await prj.get('weight', { format: 'array', gather: false });
  weightsEqual(weights, Array.from({ length: 7 }, () => Array(4).fill(0.007)), 'weights');
  await sim.end();
});

test('get("weight"): list, no-address and array forms equal the float64 weight 0.007 exactly', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  const rows = sortByColumn((await prj.get('weight', { format: 'list' })) as number[][], 1).slice(0, 5);
  assert.equal(rows, [0, 1, 2, 3, 4].map((i) => [i, 0, 0.007]));
  assert.equal(((await prj.get('weight', { format: 'list', withAddress: false })) as number[]).slice(0, 5), Array(5).fill(0.007));
  assert.equal(await prj.get('weight', { format: 'array' }), Array.from({ length: 7 }, () => Array(4).fill(0.007)));
  await sim.end();
});

// PyNN: ProjectionTest.test_get_weights_as_array_with_multapses (MockRNG fixes which three sources are doubled)
test('FixedNumberPre(7) from 4 cells: array sums multapses — per target one single and three double weights', async () => {
  const s = await projectionSetUp({ seed: 3 });
  const prj = new sim.Projection(s.p2, s.p3, new sim.FixedNumberPreConnector(7, { rng: new sim.NumpyRNG({ seed: 11 }) }), s.syn1);
  const weights = await prj.get('weight', { format: 'array', gather: false });
  assert.is(weights.length, 4);
  for (let j = 0; j < 5; j++) {
    const column = weights.map((row) => row[j]!).sort((a, b) => a - b);
    // every source connects once; three of them twice: 7 = 4 + 3 (PyNN: 0.006 once, 0.012 three times)
    weightsEqual(column, [0.006, 0.012, 0.012, 0.012], `target ${j}`);
  }
  await sim.end();
});

// PyNN: ProjectionTest.test_get_weights_as_array_with_multapses_min
test('FixedNumberPre(7) from 4 cells: array with multipleSynapses "min" is the single weight everywhere', async () => {
  const s = await projectionSetUp({ seed: 3 });
  const prj = new sim.Projection(s.p2, s.p3, new sim.FixedNumberPreConnector(7, { rng: new sim.NumpyRNG({ seed: 11 }) }), s.syn1);
  const weights = await prj.get('weight', { format: 'array', gather: false, multipleSynapses: 'min' });
  weightsEqual(weights, Array.from({ length: 4 }, () => Array(5).fill(0.006)), 'weights');
  await sim.end();
});

// PyNN: ProjectionTest.test_synapse_with_lambda_parameter
test('StaticSynapse weight as a function of distance: 0.01 + 0.001·d on the default Line structures', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, new sim.StaticSynapse({ weight: (d: number) => 0.01 + 0.001 * d }));
  for (const [i, j, w] of (await prj.get('weight', { format: 'list' })) as number[][]) {
    weightsEqual(w, 0.01 + 0.001 * Math.abs(i! - j!), `(${i}, ${j})`);
  }
  await sim.end();
});

// PyNN: ProjectionTest.test_parameter_StaticSynapse_random_distribution (MockRNG: next() still gives the first value)
test('StaticSynapse with a RandomDistribution weight: making the synapse draws nothing from it', async () => {
  await sim.setup();
  const weight = new sim.RandomDistribution('uniform', { low: 0.005, high: 0.015 }, new sim.NumpyRNG({ seed: 5 }));
  const twin = new sim.RandomDistribution('uniform', { low: 0.005, high: 0.015 }, new sim.NumpyRNG({ seed: 5 }));
  new sim.StaticSynapse({ weight });
  assert.is(weight.next(), twin.next());
  await sim.end();
});

// PyNN: ProjectionTest.test_parameter_TsodyksMarkramSynapse_random_distribution
test('TsodyksMarkramSynapse with a RandomDistribution U: making the synapse draws nothing from it', async () => {
  await sim.setup();
  const U = new sim.RandomDistribution('uniform', { low: 0.4, high: 0.6 }, new sim.NumpyRNG({ seed: 5 }));
  const twin = new sim.RandomDistribution('uniform', { low: 0.4, high: 0.6 }, new sim.NumpyRNG({ seed: 5 }));
  new sim.TsodyksMarkramSynapse({ U, tau_rec: (d: number) => 80.0 + d, tau_facil: 0.0 });
  assert.is(U.next(), twin.next());
  await sim.end();
});

// PyNN: ProjectionTest.test_get_plasticity_attribute_as_list (MockRNG gives U = 0.5, 0.501, ...: here, U in range)
test('get("U") and get("tau_rec") of a TsodyksMarkram projection: U drawn in [0.4, 0.6), tau_rec = 80 + d', async () => {
  const s = await projectionSetUp();
  const U = new sim.RandomDistribution('uniform', { low: 0.4, high: 0.6 }, new sim.NumpyRNG({ seed: 7 }));
  const depressing = new sim.TsodyksMarkramSynapse({ U, tau_rec: (d: number) => 80.0 + d, tau_facil: 0.0 });
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, depressing);
  const u = sortByColumn((await prj.get('U', { format: 'list' })) as number[][], 1);
  assert.is(u.length, 28);
  assert.equal(u.slice(0, 5).map((r) => [r[0], r[1]]), [0, 1, 2, 3, 4].map((i) => [i, 0]));
  for (const [, , x] of u) assert.ok(x! >= 0.4 && x! < 0.6, `U ${x}`);
  assert.ok(new Set(u.map((r) => r[2])).size > 20, 'U values are drawn per connection');
  const tauRec = sortByColumn((await prj.get('tau_rec', { format: 'list' })) as number[][], 1).slice(0, 5);
  assert.equal(tauRec, [[0, 0, 80], [1, 0, 81], [2, 0, 82], [3, 0, 83], [4, 0, 84]]);
  await sim.end();
});

// PyNN: ProjectionTest.test_save_connections_with_gather
test('Projection.save("connections", file) writes the file', async () => {
  const s = await projectionSetUp();
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-unitD-'));
  const file = join(dir, 'test.connections');
  try {
    const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn3);
    await prj.save('connections', file, { gather: true });
    assert.ok(existsSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.end();
  }
});

// PyNN: ProjectionTest.test_describe (the string form)
test('Projection.describe() is a string', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  assert.type(prj.describe(), 'string');
  await sim.end();
});

// PyNN: ProjectionTest.test_describe (template=None)
test('Projection.describe(null) is an object (PyNN: describe(template=None) returns a dict)', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  const describe = prj.describe as unknown as (template: null) => unknown;
  const context = describe.call(prj, null);
  assert.type(context, 'object');
  assert.ok(context !== null);
  await sim.end();
});

// PyNN: ProjectionTest.test_weightHistogram
test('Projection.weightHistogram({ min: 0, max: 0.05 }): bins linspace(0, 0.05, 11), all weights in bin 1', async () => {
  const s = await projectionSetUp();
  const prj = new sim.Projection(s.p1, s.p2, s.all2all, s.syn2);
  const histogram = (prj as unknown as { weightHistogram(o: { min: number; max: number }): Promise<[number[], number[]]> }).weightHistogram;
  assert.type(histogram, 'function');
  const [n, bins] = await histogram.call(prj, { min: 0.0, max: 0.05 });
  assert.equal(bins, linspace(0, 0.05, 11));
  assert.equal(n, [0, await prj.size(), 0, 0, 0, 0, 0, 0, 0, 0]);
  await sim.end();
});

// =================================================================================================================
// test_projection.py — CheckTest (PyNN's standardmodels.check_weights, seen through the Projection constructor)
// =================================================================================================================

type Kind = 'cond' | 'curr';
type Receptor = 'excitatory' | 'inhibitory';

/** A 7 × 4 (cond) or 7 × 5 (curr) weight matrix cycling through `w`, as the check_weights arrays. */
function weightMatrix(w: readonly number[], cols: number): number[][] {
  return Array.from({ length: 7 }, (_, i) => Array.from({ length: cols }, (_, j) => w[(i * cols + j) % w.length]!));
}

async function checkSetUp() {
  await sim.setup({ minDelay: 0.123, timestep: 0.001 });
  return {
    p1: new sim.Population(7, new sim.IF_cond_exp()),
    post: { cond: new sim.Population(4, new sim.IF_cond_exp()), curr: new sim.Population(5, new sim.IF_curr_alpha()) },
  };
}

function tryProjection(s: Awaited<ReturnType<typeof checkSetUp>>, kind: Kind, rt: Receptor, weight: number | number[][]): unknown {
  try {
    new sim.Projection(s.p1, s.post[kind], new sim.AllToAllConnector({ safe: true }), new sim.StaticSynapse({ weight }), { receptorType: rt });
    return undefined;
  } catch (e) {
    return e;
  }
}

const POSITIVE_OK: ReadonlyArray<[Kind, Receptor]> = [['cond', 'excitatory'], ['curr', 'excitatory'], ['cond', 'inhibitory']];

// PyNN: CheckTest.test_check_weights_with_scalar
test('weight sign rule, scalars: +4.3 only on excitatory or conductance receptors, -4.3 only on current inhibitory', async () => {
  const s = await checkSetUp();
  for (const [kind, rt] of POSITIVE_OK) {
    assert.is(tryProjection(s, kind, rt, 4.3), undefined, `${kind} ${rt} +4.3`);
    assert.instance(tryProjection(s, kind, rt, -4.3), sim.ConnectionError, `${kind} ${rt} -4.3`);
  }
  assert.instance(tryProjection(s, 'curr', 'inhibitory', 4.3), sim.ConnectionError);
  assert.is(tryProjection(s, 'curr', 'inhibitory', -4.3), undefined);
  await sim.end();
});

// PyNN: CheckTest.test_check_weights_with_array
test('weight sign rule, arrays: arange(10) as +4.3, arange(-10, 0) as -4.3, arange(-5, 5) refused everywhere', async () => {
  const s = await checkSetUp();
  const cols = (kind: Kind) => (kind === 'cond' ? 4 : 5);
  const positive = Array.from({ length: 10 }, (_, k) => k);
  const negative = Array.from({ length: 10 }, (_, k) => k - 10);
  const mixed = Array.from({ length: 10 }, (_, k) => k - 5);
  for (const [kind, rt] of POSITIVE_OK) {
    assert.is(tryProjection(s, kind, rt, weightMatrix(positive, cols(kind))), undefined, `${kind} ${rt} positive`);
    assert.instance(tryProjection(s, kind, rt, weightMatrix(negative, cols(kind))), sim.ConnectionError, `${kind} ${rt} negative`);
  }
  assert.instance(tryProjection(s, 'curr', 'inhibitory', weightMatrix(positive, 5)), sim.ConnectionError);
  assert.is(tryProjection(s, 'curr', 'inhibitory', weightMatrix(negative, 5)), undefined);
  for (const [kind, rt] of [...POSITIVE_OK, ['curr', 'inhibitory'] as [Kind, Receptor]]) {
    assert.instance(tryProjection(s, kind, rt, weightMatrix(mixed, cols(kind))), sim.ConnectionError, `${kind} ${rt} mixed`);
  }
  await sim.end();
});

// PyNN: CheckTest.test_check_weights_with_invalid_value (PyNN: ConnectionError from check_weights; here the
// synapse refuses the string first, as an invalid distance expression)
test('weight "butterflies" is refused', async () => {
  const s = await checkSetUp();
  for (const kind of ['cond', 'curr'] as const) {
    for (const rt of ['excitatory', 'inhibitory'] as const) {
      const e = tryProjection(s, kind, rt, 'butterflies' as unknown as number);
      assert.ok(e instanceof sim.InvalidParameterValueError || e instanceof sim.ConnectionError, `${kind} ${rt}: ${String(e)}`);
    }
  }
  await sim.end();
});

// =================================================================================================================
// test_space.py
// =================================================================================================================

type P3 = [number, number, number];
/** PyNN's N × 3 point arrays as tsnn's { x, y, z } positions. */
const pts = (...points: P3[]) => ({ x: points.map((p) => p[0]), y: points.map((p) => p[1]), z: points.map((p) => p[2]) });
const A: P3 = [0, 0, 0];
const B: P3 = [1, 1, 1];
const C: P3 = [-1, -1, -1];
const D: P3 = [2, 3, 4];
const ABCD = pts(A, B, C, D);
const distances = (s: sim.Space, a: ReturnType<typeof pts>, b: ReturnType<typeof pts>) => Array.from(s.distances(a, b));

// PyNN: test_space.test_distance
test('distance(cell1, cell2, {mask, offset, scaleFactor, periodicBoundaries})', () => {
  const cell1 = { position: [2.3, 4.5, 6.7] };
  const cell2 = { position: [2.3, 4.5, 6.7] };
  assert.is(sim.distance(cell1, cell2), 0.0);
  cell2.position = [5.3, 4.5, 6.7];
  assert.is(sim.distance(cell1, cell2), 3.0);
  cell2.position = [5.3, 8.5, 6.7];
  assert.is(sim.distance(cell1, cell2), 5.0);
  cell2.position = [5.3, 8.5, -5.3];
  assert.is(sim.distance(cell1, cell2), 13.0);
  assert.is(sim.distance(cell1, cell2, { mask: [0, 1] }), 5.0);
  assert.is(sim.distance(cell1, cell2, { mask: [2] }), 12.0);
  cell2.position = [10.6, 17.0, -10.6];
  assert.is(sim.distance(cell1, cell2, { scaleFactor: 0.5 }), 13.0);
  cell2.position = [-1.7, 8.5, -5.3];
  assert.is(sim.distance(cell1, cell2, { periodicBoundaries: [7.0, 1e12, 1e12] }), 13.0);
});

// PyNN: test_space.test_distance (offset given per axis: A(-3, -4, 12))
test('distance(cell1, cell2, { offset: [-3, -4, 12] }) is 0', () => {
  const cell1 = { position: [2.3, 4.5, 6.7] };
  const cell2 = { position: [5.3, 8.5, -5.3] };
  const offset = [-3.0, -4.0, 12.0] as unknown as number;
  assert.is(sim.distance(cell1, cell2, { offset }), 0.0);
});

// PyNN: SpaceTest.test_infinite_space_with_3D_distances
test('Space(): 3-D distances between points and point sets, symmetric', () => {
  const s = new sim.Space();
  assert.equal(distances(s, pts(A), pts(B)), [Math.sqrt(3)]);
  assert.equal(distances(s, pts(C), pts(B)), [Math.sqrt(12)]);
  assert.equal(distances(s, pts(A), ABCD), [0.0, Math.sqrt(3), Math.sqrt(3), Math.sqrt(29)]);
  assert.equal(distances(s, pts(A), ABCD), distances(s, ABCD, pts(A)));
  assert.equal(distances(s, ABCD, ABCD), [
    0.0, Math.sqrt(3), Math.sqrt(3), Math.sqrt(29),
    Math.sqrt(3), 0.0, Math.sqrt(12), Math.sqrt(14),
    Math.sqrt(3), Math.sqrt(12), 0.0, Math.sqrt(50.0),
    Math.sqrt(29), Math.sqrt(14), Math.sqrt(50.0), 0.0,
  ]);
  assert.equal(distances(s, ABCD, pts(A)), [0.0, Math.sqrt(3), Math.sqrt(3), Math.sqrt(29)]);
});

// PyNN: SpaceTest.test_infinite_space_with_collapsed_axes
test('Space({ axes }): distances on x, xy and yz only', () => {
  const sx = new sim.Space({ axes: 'x' });
  const sxy = new sim.Space({ axes: 'xy' });
  const syz = new sim.Space({ axes: 'yz' });
  assert.equal(distances(sx, pts(A), pts(B)), [1.0]);
  assert.equal(distances(sxy, pts(A), pts(B)), [Math.sqrt(2)]);
  assert.equal(distances(sx, pts(A), pts(D)), [2.0]);
  assert.equal(distances(sxy, pts(A), pts(D)), [Math.sqrt(13)]);
  assert.equal(distances(syz, pts(A), pts(D)), [Math.sqrt(25)]);
  assert.equal(distances(syz, pts(D), ABCD), [Math.sqrt(25), Math.sqrt(13), Math.sqrt(41), Math.sqrt(0)]);
});

// PyNN: SpaceTest.test_infinite_space_with_scale_and_offset
test('Space({ scaleFactor: 2, offset: 1 }): the postsynaptic point is scaled after the offset', () => {
  const s = new sim.Space({ scaleFactor: 2.0, offset: 1.0 });
  assert.equal(distances(s, pts(A), pts(B)), [Math.sqrt(48)]);
  assert.equal(distances(s, pts(B), pts(A)), [Math.sqrt(3)]);
  assert.equal(distances(s, pts(C), pts(B)), [Math.sqrt(75)]);
  assert.equal(distances(s, pts(B), pts(C)), [Math.sqrt(3)]);
  assert.equal(distances(s, pts(A), ABCD), [Math.sqrt(12), Math.sqrt(48), Math.sqrt(0), Math.sqrt(200)]);
});

// PyNN: SpaceTest.test_cylindrical_space
test('Space({ periodicBoundaries }): distances wrap around (-1, 4) on every axis', () => {
  const s = new sim.Space({ periodicBoundaries: [[-1.0, 4.0], [-1.0, 4.0], [-1.0, 4.0]] });
  assert.equal(distances(s, pts(A), pts(B)), [Math.sqrt(3)]);
  assert.equal(distances(s, pts(A), pts(D)), [Math.sqrt(4 + 4 + 1)]);
  assert.equal(distances(s, pts(C), pts(D)), [Math.sqrt(4 + 1 + 0)]);
  assert.equal(distances(s, pts(A), ABCD), [0.0, Math.sqrt(3), Math.sqrt(3), Math.sqrt(4 + 4 + 1)]);
  assert.equal(distances(s, pts(A), ABCD), distances(s, ABCD, pts(A)));
  assert.equal(distances(s, pts(C), ABCD), [Math.sqrt(3), Math.sqrt(4 + 4 + 4), 0.0, Math.sqrt(4 + 1 + 0)]);
});

/** numpy.testing.assert_allclose(actual, desired, rtol) on x, y, z arrays against PyNN's N × 3 rows. */
function positionsClose(actual: { x: ArrayLike<number>; y: ArrayLike<number>; z: ArrayLike<number> }, rows: P3[], rtol: number): void {
  assert.is(actual.x.length, rows.length, 'number of positions');
  rows.forEach((row, k) => {
    const got = [actual.x[k]!, actual.y[k]!, actual.z[k]!];
    row.forEach((v, axis) => assert.ok(Math.abs(got[axis]! - v) <= rtol * Math.abs(v), `position ${k}: ${got} vs ${row}`));
  });
}

// PyNN: LineTest.test_generate_positions_default_parameters
test('Line(): four cells at x = 0, 1, 2, 3', () => {
  const positions = new sim.Line().generatePositions(4);
  assert.equal([positions.x.length, positions.y.length, positions.z.length], [4, 4, 4]);
  positionsClose(positions, [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]], 1e-15);
});

// PyNN: LineTest.test_generate_positions
test('Line({ dx: 100, x0: -100, y: 444, z: 987 }): two cells', () => {
  const positions = new sim.Line({ dx: 100.0, x0: -100.0, y: 444.0, z: 987.0 }).generatePositions(2);
  positionsClose(positions, [[-100, 444, 987], [0, 444, 987]], 1e-15);
});

// PyNN: LineTest.test__eq__ (Python's == on structures; TypeScript has no operator, so the parameters are compared)
test('Line() and Line({ dx: 1, x0: 0, y: 0, z: 0 }) have equal parameters; Line({ dx: 2 }) does not', () => {
  const line1 = new sim.Line();
  const line2 = new sim.Line({ dx: 1.0, x0: 0.0, y: 0.0, z: 0.0 });
  const line3 = new sim.Line({ dx: 2.0 });
  assert.equal(line1.getParameters(), line2.getParameters());
  assert.not.equal(line1.getParameters(), line3.getParameters());
});

// PyNN: LineTest.test_get_parameters
test('Line.getParameters() returns the constructor parameters', () => {
  const params = { dx: 100.0, x0: -100.0, y: 444.0, z: 987.0 };
  assert.equal(new sim.Line(params).getParameters(), params);
});

// PyNN: Grid2D_Test.test_calculate_size
test('Grid2D.calculateSize: square and 3:1 grids; sizes that do not fit throw', () => {
  const grid1 = new sim.Grid2D();
  const grid2 = new sim.Grid2D({ aspectRatio: 3.0, dx: 11.1, dy: 9.9, x0: 123, y0: 456, z: 789 });
  assert.equal(grid1.calculateSize(1), [1, 1]);
  assert.equal(grid1.calculateSize(4), [2, 2]);
  assert.equal(grid1.calculateSize(9), [3, 3]);
  assert.throws(() => grid1.calculateSize(10));
  assert.equal(grid2.calculateSize(3), [3, 1]);
  assert.equal(grid2.calculateSize(12), [6, 2]);
  assert.equal(grid2.calculateSize(27), [9, 3]);
  assert.throws(() => grid2.calculateSize(4));
});

// PyNN: Grid2D_Test.test_generate_positions
test('Grid2D.generatePositions: y varies fastest; offsets and spacings applied', () => {
  const grid1 = new sim.Grid2D();
  const grid2 = new sim.Grid2D({ aspectRatio: 3.0, dx: 11.1, dy: 9.9, x0: 123, y0: 456, z: 789 });
  positionsClose(grid1.generatePositions(4), [[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]], 1e-15);
  const expected: P3[] = [];
  for (let k = 0; k < 6; k++) for (const y of [456, 465.9]) expected.push([123 + 11.1 * k, y, 789]);
  positionsClose(grid2.generatePositions(12), expected, 1e-15);
});

// PyNN: Grid3D_Test.test_calculate_size
test('Grid3D.calculateSize: cubes and 3:1 / 2:1 aspect ratios; sizes that do not fit throw', () => {
  const grid1 = new sim.Grid3D();
  const grid2 = new sim.Grid3D({ aspectRatioXY: 3.0, aspectRatioXZ: 2.0, dx: 11, dy: 9, dz: 7, x0: 123, y0: 456, z0: 789 });
  assert.equal(grid1.calculateSize(1), [1, 1, 1]);
  assert.equal(grid1.calculateSize(8), [2, 2, 2]);
  assert.equal(grid1.calculateSize(27), [3, 3, 3]);
  assert.throws(() => grid1.calculateSize(10));
  assert.equal(grid2.calculateSize(36), [6, 2, 3]);
  assert.equal(grid2.calculateSize(288), [12, 4, 6]);
  assert.throws(() => grid2.calculateSize(100));
});

// PyNN: Grid3D_Test.test_generate_positions
test('Grid3D.generatePositions(8): z varies fastest, then y, then x', () => {
  positionsClose(new sim.Grid3D().generatePositions(8), [
    [0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1],
    [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1],
  ], 1e-15);
});

// PyNN: TestSphere.test__create
test('Sphere(2.5).radius is 2.5', () => {
  assert.is(new sim.Sphere(2.5).radius, 2.5);
});

// PyNN: TestSphere.test_sample
test('Sphere(2.5).sample(1000): inside the ball, spread close to its surface on x and y', () => {
  const positions = new sim.Sphere(2.5).sample(1000, new sim.NumpyRNG({ seed: 21 }));
  assert.equal([positions.x.length, positions.y.length, positions.z.length], [1000, 1000, 1000]);
  for (const axis of [positions.x, positions.y]) {
    const max = Math.max(...axis);
    const min = Math.min(...axis);
    assert.ok(max > 1 && max < 2.5, `max ${max}`);
    assert.ok(min < -1 && min > -2.5, `min ${min}`);
  }
  let s2max = 0;
  for (let k = 0; k < 1000; k++) s2max = Math.max(s2max, positions.x[k]! ** 2 + positions.y[k]! ** 2 + positions.z[k]! ** 2);
  assert.ok(s2max < 6.25, `max r² ${s2max}`);
});

// PyNN: TestCuboid.test_sample
test('Cuboid(3, 4, 5).sample(1000): inside ±1.5, ±2, ±2.5 and spread close to the faces', () => {
  const positions = new sim.Cuboid(3, 4, 5).sample(1000, new sim.NumpyRNG({ seed: 22 }));
  assert.is(positions.x.length, 1000);
  const max = (a: ArrayLike<number>) => Math.max(...Array.from(a));
  const min = (a: ArrayLike<number>) => Math.min(...Array.from(a));
  assert.ok(max(positions.x) > 1 && max(positions.x) < 1.5, `max x ${max(positions.x)}`);
  assert.ok(min(positions.x) < -1 && min(positions.x) > -1.5, `min x ${min(positions.x)}`);
  assert.ok(min(positions.y) < -1.5 && min(positions.y) > -2.0, `min y ${min(positions.y)}`);
  assert.ok(min(positions.z) < -2 && min(positions.z) > -2.5, `min z ${min(positions.z)}`);
});

// PyNN: TestRandomStructure.test_generate_positions
test('RandomStructure(Sphere(2.5), origin (1, 1, 1)).generatePositions(1000): the ball moved to the origin', () => {
  const rs = new sim.RandomStructure({ boundary: new sim.Sphere(2.5), origin: [1.0, 1.0, 1.0], rng: new sim.NumpyRNG({ seed: 23 }) });
  const positions = rs.generatePositions(1000);
  assert.equal([positions.x.length, positions.y.length, positions.z.length], [1000, 1000, 1000]);
  for (const axis of [positions.x, positions.y]) {
    const max = Math.max(...axis);
    const min = Math.min(...axis);
    assert.ok(max > 3 && max < 3.5, `max ${max}`);
    assert.ok(min < -1 && min > -1.5, `min ${min}`);
  }
});

test.run();
