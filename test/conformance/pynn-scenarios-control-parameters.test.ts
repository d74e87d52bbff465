// PyNN's own system tests (NeuralEnsemble/PyNN test/system/scenarios/test_simulation_control.py, its newer copy
// test__simulation_control.py, test_procedural_api.py and test_parameter_handling.py, as run against
// pyNN.nest/neuron/brian2), restated for tsnn's public API on the wasm engine. The numbers and tolerances are
// PyNN's: its assertions are the independent truth. Each test names the scenario it follows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { assertAllClose, assertArrayAlmostEqual, assertArrayEqual } from './numpy-asserts.js';

/** Rows sorted as numpy.lexsort((rows[:, 1], rows[:, 0])): by pre index, then post index (stable). */
const byAddress = (rows: number[][]) => [...rows].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);

// ---------------------------------------------------------------------------------------------------------------
// test_simulation_control.py / test__simulation_control.py (the same five scenarios in both files)
// ---------------------------------------------------------------------------------------------------------------

test('reset(): the same run repeated without rebuilding gives the same v in every segment', async () => {
  // follows PyNN test_simulation_control.py::test_reset (and test__simulation_control.py::test_reset)
  const dt = 1;
  await sim.setup({ timestep: dt, minDelay: dt, t_flush: 10.0 });
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 0.1 }));
  p.record('v');
  for (let i = 0; i < 3; i++) {
    await sim.run(10.0);
    await sim.reset();
  }
  const data = await p.getData({ clear: false });
  await sim.end();
  assert.is(data.segments.length, 3);
  const first = data.segments[0]!.analogsignals[0]!;
  for (const segment of data.segments.slice(1)) assertArrayAlmostEqual(segment.analogsignals[0]!.data, first.data, 10, 'v');
});

test('reset() with getData({ clear: true }): every run gives one segment with the same v', async () => {
  // follows PyNN test_simulation_control.py::test_reset_with_clear (and test__simulation_control.py)
  const dt = 1;
  await sim.setup({ timestep: dt, minDelay: dt, t_flush: 10.0 });
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 0.1 }));
  p.record('v');
  const data: sim.Block[] = [];
  for (let i = 0; i < 3; i++) {
    await sim.run(10.0);
    data.push(await p.getData({ clear: true }));
    await sim.reset();
  }
  await sim.end();
  for (const rec of data) {
    assert.is(rec.segments.length, 1);
    assertAllClose(rec.segments[0]!.analogsignals[0]!.data, data[0]!.segments[0]!.analogsignals[0]!.data, 1e-11, 'v');
  }
});

test('reset() with spike input: every segment has the same v', async () => {
  // follows PyNN test_simulation_control.py::test_reset_with_spikes (and test__simulation_control.py)
  const dt = 0.1;
  await sim.setup({ timestep: dt, minDelay: dt, t_flush: 200.0 });
  const p1 = new sim.Population(
    2,
    new sim.SpikeSourceArray({ spike_times: [new sim.Sequence([1.2, 3.8, 9.2]), new sim.Sequence([1.5, 1.9, 2.7, 4.8, 6.8])] }),
  );
  const p2 = new sim.Population(2, new sim.IF_curr_exp());
  p2.record('v');
  new sim.Projection(p1, p2, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.5, delay: 0.5 }));
  for (let i = 0; i < 3; i++) {
    await sim.run(10.0);
    await sim.reset();
  }
  const data = await p2.getData({ clear: false });
  await sim.end();
  assert.is(data.segments.length, 3);
  const first = data.segments[0]!.analogsignals[0]!;
  // the input must have moved v, or the comparison says nothing
  assert.ok(Math.max(...first.column(0)) > -65 + 1);
  for (const segment of data.segments.slice(1)) assertArrayAlmostEqual(segment.analogsignals[0]!.data, first.data, 10, 'v');
});

test('setup() again: the same network built anew gives the same v', async () => {
  // follows PyNN test_simulation_control.py::test_setup (and test__simulation_control.py)
  const dt = 1;
  const data: sim.Block[] = [];
  for (let i = 0; i < 3; i++) {
    await sim.setup({ timestep: dt, minDelay: dt });
    const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 0.1 }));
    p.record('v');
    await sim.run(10.0);
    data.push(await p.getData());
    await sim.end();
  }
  assert.is(data.length, 3);
  for (const block of data) {
    assert.is(block.segments.length, 1);
    const signals = block.segments[0]!.analogsignals;
    assert.is(signals.length, 1);
    assert.equal(Array.from(signals[0]!.data), Array.from(data[0]!.segments[0]!.analogsignals[0]!.data));
  }
});

test('runUntil(): reaches the time asked, stays there, refuses to go back', async () => {
  // follows PyNN test_simulation_control.py::test_run_until (and test__simulation_control.py)
  const approx = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.abs(y); // pytest.approx
  await sim.setup({ timestep: 0.1 });
  new sim.Population(1, new sim.IF_cond_exp());
  await sim.runUntil(12.7);
  assert.ok(approx(sim.getCurrentTime(), 12.7), `t = ${sim.getCurrentTime()}`);
  await sim.runUntil(12.7);
  assert.ok(approx(sim.getCurrentTime(), 12.7), `t = ${sim.getCurrentTime()}`);
  await sim.runUntil(99.9);
  assert.ok(approx(sim.getCurrentTime(), 99.9), `t = ${sim.getCurrentTime()}`);
  try {
    await sim.runUntil(88.8);
    assert.unreachable('runUntil(88.8) after 99.9 should throw');
  } catch (e) {
    assert.instance(e, sim.ValueError);
  }
  await sim.end();
});

// ---------------------------------------------------------------------------------------------------------------
// test_procedural_api.py
// ---------------------------------------------------------------------------------------------------------------

test('connect() between one-cell views: the post cell fires once, near 13.4 ms', async () => {
  // follows PyNN test_procedural_api.py::ticket195
  await sim.setup({ timestep: 0.01 });
  const pre = new sim.Population(10, new sim.SpikeSourceArray({ spike_times: [1, 2, 3, 4, 5, 6, 7, 8, 9] }));
  const post = new sim.Population(10, new sim.IF_cond_exp());
  sim.connect(pre.view({ start: 0, stop: 1 }), post.view({ start: 0, stop: 1 }), { weight: 0.01, delay: 0.1, p: 1 });
  post.record(['spikes', 'v']);
  await sim.run(100.0);
  const times = Array.from((await post.getData()).segments[0]!.spiketrains[0]!.times);
  await sim.end();
  assertAllClose(times, [13.4], 0.5, 'spike times'); // assert_allclose: the same shape, so exactly one spike
});

// ---------------------------------------------------------------------------------------------------------------
// test_parameter_handling.py
// ---------------------------------------------------------------------------------------------------------------

test('SpikeSourcePoisson parameters given as lists in the deprecated cellparams form', async () => {
  // follows PyNN test_parameter_handling.py::test_issue241
  await sim.setup();
  const warnings: string[] = [];
  const previous = sim.setWarningHandler((m) => warnings.push(m)); // the deprecation warning, once per population
  const make = (n: number, cellparams: Record<string, number | number[]>) =>
    new sim.Population(n, sim.SpikeSourcePoisson, { cellparams });
  let st2: sim.Population, st3: sim.Population;
  try {
    make(1, { rate: [5], start: [1000], duration: [1234] });
    st2 = make(2, { rate: [5, 6], start: [1000, 1001], duration: [1234, 2345] });
    st3 = make(1, { rate: [5], start: [1000], duration: 1234 });
    make(1, { rate: [5], start: [1000] });
    make(2, { rate: [5, 6], start: [1000, 1001] });
  } finally {
    sim.setWarningHandler(previous);
  }
  assert.equal(Array.from(st2.get('duration') as ArrayLike<number>), [1234, 2345]);
  assert.equal(st3.get(['rate', 'start', 'duration']), [5, 1000, 1234]);
  assert.is(warnings.length, 5);
  await sim.end();
});

test('Projection.set() where the pre- or post-synaptic population has one cell', async () => {
  // follows PyNN test_parameter_handling.py::test_issue302
  await sim.setup();
  const p1 = new sim.Population(1, new sim.IF_cond_exp());
  const p5 = new sim.Population(5, new sim.IF_cond_exp());
  const prj15 = new sim.Projection(p1, p5, new sim.AllToAllConnector());
  const prj51 = new sim.Projection(p5, p1, new sim.AllToAllConnector());
  const prj55 = new sim.Projection(p5, p5, new sim.AllToAllConnector());
  await prj15.set({ weight: 0.123 });
  await prj51.set({ weight: 0.123 });
  await prj55.set({ weight: 0.123 });
  await sim.end();
});

/** A 4 → 2 projection of Tsodyks–Markram synapses (U 0.5, weight 0.123, delay 0.1). */
async function tmProjection(connector: sim.Connector): Promise<sim.Projection> {
  await sim.setup();
  const p1 = new sim.Population(4, new sim.IF_cond_exp());
  const p2 = new sim.Population(2, new sim.IF_cond_exp());
  return new sim.Projection(p1, p2, connector, new sim.TsodyksMarkramSynapse({ U: 0.5, weight: 0.123, delay: 0.1 }));
}

const listOf = async (prj: sim.Projection, names: string | string[]) =>
  byAddress((await prj.get(names as string[], { format: 'list' })) as number[][]);

/** PyNN's first check of the three set-synaptic-parameters scenarios: every column within rtol 1e-15. */
function initialList(actual: number[][], expected: number[][]): void {
  assertAllClose(actual.flat(), expected.flat(), 1e-15, 'initial list');
}

test('set synaptic parameters, fully connected: arrays, lists and functions of distance', async () => {
  // follows PyNN test_parameter_handling.py::test_set_synaptic_parameters_fully_connected
  const prj = await tmProjection(new sim.AllToAllConnector());
  assert.is(sim.rank(), 0);
  const initial = [
    [0, 0, 0.123, 0.1, 0.5], [0, 1, 0.123, 0.1, 0.5], [1, 0, 0.123, 0.1, 0.5], [1, 1, 0.123, 0.1, 0.5],
    [2, 0, 0.123, 0.1, 0.5], [2, 1, 0.123, 0.1, 0.5], [3, 0, 0.123, 0.1, 0.5], [3, 1, 0.123, 0.1, 0.5],
  ];
  initialList(await listOf(prj, ['weight', 'delay', 'U']), initial);

  const positionalWeights = [[0, 1], [2, 3], [4, 5], [6, 7]];
  await prj.set({ weight: positionalWeights });
  assertArrayEqual(await prj.get('weight', { format: 'array' }), positionalWeights, 'weights');

  await prj.set({ U: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2] });
  assertArrayEqual(await prj.get('U', { format: 'array' }), [[0.9, 0.8], [0.7, 0.6], [0.5, 0.4], [0.3, 0.2]], 'U');

  await prj.set({ delay: (d: number) => 0.5 + d });
  assertArrayEqual(await prj.get('delay', { format: 'array' }), [[0.5, 1.5], [1.5, 0.5], [2.5, 1.5], [3.5, 2.5]], 'delays');

  const final = [
    [0, 0, 0, 0.5, 0.9], [0, 1, 1, 1.5, 0.8], [1, 0, 2, 1.5, 0.7], [1, 1, 3, 0.5, 0.6],
    [2, 0, 4, 2.5, 0.5], [2, 1, 5, 1.5, 0.4], [3, 0, 6, 3.5, 0.3], [3, 1, 7, 2.5, 0.2],
  ];
  assertArrayEqual(await listOf(prj, ['weight', 'delay', 'U']), final, 'final list');
  await sim.end();
});

test('set synaptic parameters, partially connected (FromListConnector): NaN where unconnected', async () => {
  // follows PyNN test_parameter_handling.py::test_set_synaptic_parameters_partially_connected
  const prj = await tmProjection(new sim.FromListConnector([[0, 0], [3, 0], [1, 1], [1, 0], [2, 1]]));
  const initial = [[0, 0, 0.123, 0.1, 0.5], [1, 0, 0.123, 0.1, 0.5], [1, 1, 0.123, 0.1, 0.5], [2, 1, 0.123, 0.1, 0.5], [3, 0, 0.123, 0.1, 0.5]];
  initialList(await listOf(prj, ['weight', 'delay', 'U']), initial);

  const positionalWeights = [[0, NaN], [2, 3], [NaN, 5], [6, NaN]];
  await prj.set({ weight: positionalWeights });
  assertArrayEqual(await prj.get('weight', { format: 'array' }), positionalWeights, 'weights');

  // one value per connection, in the order PyNN gives: sorted by pre index, then post index
  await prj.set({ U: [0.9, 0.8, 0.7, 0.6, 0.5] });
  assertArrayEqual(await prj.get('U', { format: 'array' }), [[0.9, NaN], [0.8, 0.7], [NaN, 0.6], [0.5, NaN]], 'U');

  await prj.set({ delay: (d: number) => 0.5 + d });
  assertArrayEqual(await prj.get('delay', { format: 'array' }), [[0.5, NaN], [1.5, 0.5], [NaN, 1.5], [3.5, NaN]], 'delays');

  const final = [[0, 0, 0, 0.5, 0.9], [1, 0, 2, 1.5, 0.8], [1, 1, 3, 0.5, 0.7], [2, 1, 5, 1.5, 0.6], [3, 0, 6, 3.5, 0.5]];
  assertArrayEqual(await listOf(prj, ['weight', 'delay', 'U']), final, 'final list');
  await sim.end();
});

test('set synaptic parameters, multiply connected: an array value sets every synapse of a pair', async () => {
  // follows PyNN test_parameter_handling.py::test_set_synaptic_parameters_multiply_connected
  const prj = await tmProjection(new sim.FromListConnector([[0, 0], [1, 0], [3, 0], [1, 1], [1, 0], [2, 1]]));
  const initial = [
    [0, 0, 0.123, 0.1, 0.5], [1, 0, 0.123, 0.1, 0.5], [1, 0, 0.123, 0.1, 0.5],
    [1, 1, 0.123, 0.1, 0.5], [2, 1, 0.123, 0.1, 0.5], [3, 0, 0.123, 0.1, 0.5],
  ];
  initialList(await listOf(prj, ['weight', 'delay', 'U']), initial);

  await prj.set({ weight: [[0, NaN], [2, 3], [NaN, 5], [6, NaN]] });
  const weights = [[0, 0, 0], [1, 0, 2], [1, 0, 2], [1, 1, 3], [2, 1, 5], [3, 0, 6]];
  assertAllClose((await listOf(prj, 'weight')).flat(), weights.flat(), 1e-15, 'weights');

  await prj.set({ delay: (d: number) => 0.5 + d });
  const delays = [[0, 0, 0.5], [1, 0, 1.5], [1, 0, 1.5], [1, 1, 0.5], [2, 1, 1.5], [3, 0, 3.5]];
  assertAllClose((await listOf(prj, 'delay')).flat(), delays.flat(), 1e-15, 'delays');

  const final = [
    [0, 0, 0, 0.5, 0.5], [1, 0, 2, 1.5, 0.5], [1, 0, 2, 1.5, 0.5],
    [1, 1, 3, 0.5, 0.5], [2, 1, 5, 1.5, 0.5], [3, 0, 6, 3.5, 0.5],
  ];
  assertArrayEqual(await listOf(prj, ['weight', 'delay', 'U']), final, 'final list');
  await sim.end();
});

test('TsodyksMarkramSynapse U and the default delay (the timestep) read back exactly', async () => {
  // follows PyNN test_parameter_handling.py::test_issue505
  await sim.setup({ timestep: 0.05, minDelay: 0.05 });
  const p = new sim.Population(2, new sim.IF_cond_exp());
  const projection = new sim.Projection(p, p, new sim.AllToAllConnector(), new sim.TsodyksMarkramSynapse({ U: 0.543 }));
  assert.equal(await projection.get('U', { format: 'list', withAddress: false }), [0.543, 0.543, 0.543, 0.543]);
  assert.equal(await projection.get('delay', { format: 'list', withAddress: false }), [0.05, 0.05, 0.05, 0.05]);
  await sim.end();
});

test.run();
