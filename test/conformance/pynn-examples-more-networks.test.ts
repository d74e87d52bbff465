// More of PyNN's own example scripts (NeuralEnsemble/PyNN examples/: simple_STDP2.py, simpleNetwork.py,
// simpleNetworkL.py, small_network2.py, distrib_example.py, neo_example.py), ported to PyNN 0.10.1's API, rebuilt
// with tsnn's public API on the wasm backend and compared with the same scripts run on PyNN 0.10.1 + Brian2 2.5.1
// (test/reference/pynn_examples/<name>_brian2.py, fixtures in test/fixtures/pynn_examples/<name>.json). Each test
// names the example it follows, what was changed and why, and why its tolerances are what they are.
//
// Deterministic parts (given spike trains, given connections) are compared to the step; where the example draws
// numbers with numpy, the reference script draws them the same way and stores them, and tsnn gets them. Random
// parts that tsnn draws itself (its Philox streams, not numpy's Mersenne Twister) are compared by statistics whose
// spread is stated (4 sd bounds: two-sided p ≈ 6e-5 each; the seeds are fixed, so a pass is reproducible).
// The reference scripts give Brian2 SpikeSourceArray times − dt and tau_refrac + dt and store Brian2's spike times
// + dt, which puts Brian2 on NEST's step convention (test/reference/brian2_timing.py), tsnn's reference.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { fixture, samplesAt, spikesOf, assertClose } from './pynn-example-fixtures.js';

/** |got − want| within z standard deviations. */
function assertWithin(got: number, want: number, sd: number, z: number, what: string): void {
  if (process.env.TSNN_DEBUG) console.log(`${what}: ${got} vs ${want}, ${((got - want) / sd).toFixed(2)} sd (bound ${z})`);
  assert.ok(Math.abs(got - want) <= z * sd, `${what}: ${got} vs ${want} (|diff| ${Math.abs(got - want).toFixed(4)} > ${z} × sd ${sd.toFixed(4)})`);
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sampleSd = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const toBool = (m: number[][]): boolean[][] => m.map((row) => row.map((x) => x === 1));

// ---- simple_STDP2.py ----------------------------------------------------------------------------------------------

// PyNN example: simple_STDP2.py. One SpikeSourceArray firing at 1, 2, ..., 49 ms onto one IF_curr_exp cell (PyNN
// defaults) through an STDP synapse (SpikePairRule tau 20/20 ms, A_plus 0.01, A_minus 0.012, additive w 0..0.8 nA,
// weight 0.48 nA, delay 0.2 ms); dt 0.001 ms, min_delay 0.1, max_delay 1; 60 runs of 1 ms, the weight read after
// each. Ported: AllToAllConnector(weights, delays) + ComposedSynapseType(slow=stdp) become STDPMechanism({ weight,
// delay }); A_plus/A_minus move to SpikePairRule (PyNN 0.10.1); setup's debug/quit_on_end are passed and ignored.
// The example keeps PyNN's default dendritic_delay_fraction 1, tsnn's only value (NEST's stdp_synapse); pyNN.brian2
// refuses it, so the reference script gives PyNN fraction 0 and then Brian2's post pathway a delay of 2d: pre
// events at t_pre + d, post events at t_post + 2d, NEST's pairing shifted by d as a whole, the PSC still at
// t_pre + d (see the script). The weight changes the cell's drive, so any error in the rule shows in the spikes.
test('simple_STDP2: post spikes, v and the weight after each 1 ms run match PyNN+Brian2 (dendritic delay)', async () => {
  const ref = fixture('simple_STDP2');
  const dt = ref.dt as number;
  const d = ref.delay as number;
  await sim.setup({ timestep: dt, minDelay: 0.1, maxDelay: 1.0, debug: true, quit_on_end: false });
  const p1 = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: ref.pre_spike_times }));
  const p2 = new sim.Population(1, new sim.IF_curr_exp());
  const stdpModel = new sim.STDPMechanism({
    timingDependence: new sim.SpikePairRule({ tau_plus: 20.0, tau_minus: 20.0, A_plus: 0.01, A_minus: 0.012 }),
    weightDependence: new sim.AdditiveWeightDependence({ w_min: 0, w_max: 0.8 }),
    weight: ref.initial_weight,
    delay: d,
  });
  const prj = new sim.Projection(p1, p2, new sim.AllToAllConnector(), stdpModel);
  p1.record('spikes');
  p2.record(['spikes', 'v']);
  const t: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < 60; ++i) {
    t.push(await sim.run(1.0));
    w.push(...((await prj.get('weight', { format: 'list' })) as number[][]).map((row) => row[2]!));
  }
  const seg = (await p2.getData()).segments[0]!;
  const pre = spikesOf((await p1.getData()).segments[0]!)[0]!;
  await sim.end();

  assertClose(t, ref.run_end_times, 1e-9, 'run() return values');
  assertClose(pre, ref.pre_spike_times, 1e-9, 'source spikes');
  // IF_curr_exp is integrated exactly on both sides: post spikes to the step (1e-9 ms), v within 1e-4 mV (float32
  // samples near -60 mV are ~4e-6 mV apart). Six post spikes, each caused by the plastic synapse alone: a weight
  // off by 1e-3 at any pre spike would move them by many steps of 0.001 ms.
  const post = spikesOf(seg)[0]!;
  assert.ok(ref.post_spike_times.length >= 5, 'the reference cell fires');
  assertClose(post, ref.post_spike_times, 1e-9, 'post spikes');
  const v = seg.filter({ name: 'v' })[0]!.column(0);
  const every = ref.v_every_ms as number;
  assertClose(ref.v_samples.map((_: number, k: number) => v[Math.round((k * every) / dt)]!), ref.v_samples, 1e-4, 'v every 0.5 ms');

  // Weights. Both apply the same closed-form pair updates in double (the initial 0.48 is float32 in tsnn, read back
  // as 0.48: docs/porting.md), so they agree to rounding: 1e-9 nA. But the readings fall at different points of
  // the pairing: tsnn (NEST's frame) books a pre spike when it reaches the synapse at t_pre, and a post spike's
  // potentiation when it reaches it at t_post + d (docs/plasticity.md: settled before weights are read); Brian2's
  // run books both d later. So tsnn's reading at t (after run i) holds what Brian2's reading at t + 1 holds, unless a
  // post spike reaches the synapse in (t, t + 1 - d] (Brian2 then has its potentiation already: those few readings
  // are skipped). After the last pre spike (49 ms) both have settled everything: the last readings must be equal.
  const postArrivals = (ref.post_spike_times as number[]).map((s) => s + d);
  let compared = 0;
  for (let i = 0; i + 1 < 60; ++i) {
    const tRead = i + 1;
    if (postArrivals.some((a) => a > tRead && a <= tRead + 1 - d + 1e-9)) continue;
    compared++;
    assert.ok(Math.abs(w[i]! - ref.weights_after_each_run[i + 1]) <= 1e-9,
      `weight read at ${tRead} ms ${w[i]} vs Brian2's at ${tRead + 1} ms ${ref.weights_after_each_run[i + 1]}`);
  }
  assert.ok(compared >= 50, `${compared} readings compared`);
  assert.ok(Math.abs(w[59]! - ref.weights_after_each_run[59]) <= 1e-9, `final weight ${w[59]} vs ${ref.weights_after_each_run[59]}`);
  assert.ok(Math.abs(w[59]! - ref.initial_weight) > 0.05, 'the weight has moved');
});

// ---- simpleNetwork.py ---------------------------------------------------------------------------------------------

// PyNN example: simpleNetwork.py. One SpikeSourceArray (a 100 Hz train of exponential intervals drawn with numpy
// seed 26278342) projecting with AllToAllConnector (weight 1 nA, the default delay = min_delay 0.2 ms) onto two
// IF_curr_alpha cells (tau_refrac 2, v_thresh [-50, -48] mV: one value per cell, tau_syn 2 ms); dt 0.1 ms,
// max_delay 1, 1000 ms. Ported: Population(2, IF_curr_alpha(cell_params)); setWeights(1.0) becomes
// StaticSynapse({ weight: 1.0 }). The train is drawn by the reference script as the example draws it, put on the
// 0.1 ms grid, and given to tsnn. IF_curr_alpha is linear and exact on both sides: spikes to the step (1e-9 ms),
// v within 1e-3 mV (float32 samples; room for the propagators).
test('simpleNetwork: two IF_curr_alpha cells with per-cell v_thresh, one numpy-drawn train', async () => {
  const ref = fixture('simpleNetwork');
  await sim.setup({ timestep: ref.dt, minDelay: 0.2, maxDelay: 1.0 });
  const outputPopulation = new sim.Population(2, new sim.IF_curr_alpha(ref.cell_params), { label: 'output' });
  const inputPopulation = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: ref.spike_times }), { label: 'input' });
  const projection = new sim.Projection(inputPopulation, outputPopulation, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 1.0 }));
  inputPopulation.record('spikes');
  outputPopulation.record(['spikes', 'v']);
  await sim.run(ref.tstop);
  const seg = (await outputPopulation.getData()).segments[0]!;
  const input = spikesOf((await inputPopulation.getData()).segments[0]!)[0]!;
  const list = ((await projection.get(['weight', 'delay'], { format: 'list' })) as number[][])
    .map((r) => r.map(Number)).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  assert.equal(outputPopulation.get('v_thresh'), [-50, -48]);
  await sim.end();
  assert.equal(list, ref.weights_delays, 'connections, weights and the default delay (min_delay)');
  assertClose(input, ref.input_spikes, 1e-9, 'input spikes');
  const spikes = spikesOf(seg);
  assert.ok(ref.spikes[0].length > ref.spikes[1].length, 'the lower threshold fires more in the reference');
  for (let k = 0; k < 2; ++k) {
    assertClose(spikes[k]!, ref.spikes[k], 1e-9, `cell ${k} spikes`);
    assertClose(samplesAt(seg, 'v', k, ref.sample_times), ref.v.map((row: number[]) => row[k]), 1e-3, `cell ${k} v`);
  }
});

// ---- simpleNetworkL.py --------------------------------------------------------------------------------------------

// PyNN example: simpleNetworkL.py, the low-level interface. Two create(IF_curr_alpha, cell_params) calls (tau_refrac
// 2, v_thresh -50, tau_syn_E 2, tau_syn_I 4), create(SpikeSourceArray) with a 100 Hz train (numpy seed 637645386,
// drawn and stored by the reference script, on the 0.1 ms grid), connect(source, cell, weight 1.0) twice (default
// delay = min_delay 0.2 ms), record('v', ifcell1 + ifcell2, filename); dt 0.1 ms, 1000 ms. The data are read with
// getData() before end() and, as the example leaves them, from the file end() writes (.json here: tsnn writes no
// pickle, docs/porting.md). Exact as simpleNetwork (spikes are not recorded by the example).
test('simpleNetworkL: create/connect/record on an Assembly, v read from the file written at end()', async () => {
  const ref = fixture('simpleNetworkL');
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-simpleNetworkL-'));
  let labels: string[] = [];
  try {
    await sim.setup({ timestep: ref.dt, minDelay: 0.2 });
    const ifcell1 = sim.create(sim.IF_curr_alpha, ref.cell_params);
    const ifcell2 = sim.create(sim.IF_curr_alpha, ref.cell_params);
    const spikeSource = sim.create(sim.SpikeSourceArray, { spike_times: ref.spike_times });
    const conn1 = sim.connect(spikeSource, ifcell1, { weight: 1.0 });
    const conn2 = sim.connect(spikeSource, ifcell2, { weight: 1.0 });
    const file = join(dir, 'simpleNetworkL_tsnn.json');
    sim.record('v', ifcell1.add(ifcell2), file);
    await sim.run(ref.tstop);
    for (const [k, c] of [conn1, conn2].entries()) {
      assert.equal((await c.get(['weight', 'delay'], { format: 'list' })) as number[][], ref.connections[k], `conn${k + 1}`);
    }
    // The data as get_data() gives them (PyNN's Assembly read before end()): both cells.
    const seg = (await ifcell1.add(ifcell2).getData()).segments[0]!;
    assert.equal([...seg.filter({ name: 'v' })[0]!.shape], ref.v_shape, 'v: samples × cells');
    for (let c = 0; c < 2; ++c) {
      assertClose(samplesAt(seg, 'v', c, ref.sample_times), ref.v.map((row: number[]) => row[c]), 1e-3, `cell ${c + 1} v`);
    }
    labels = [ifcell1.label, ifcell2.label];
    await sim.end();
    // The file. PyNN's Assembly.record records each population with the same to_file, and end() writes the file
    // once per population, each write replacing the one before: it holds the last population's v only (a 1-column
    // signal of 'population1', checked on pyNN.brian2). tsnn must write the same.
    const block = JSON.parse(readFileSync(file, 'utf8'));
    if (process.env.TSNN_DEBUG) console.log('file block', block.name, block.segments[0].analogsignals[0].annotations);
    const sig = block.segments[0].analogsignals.find((s: { name: string }) => s.name === 'v');
    assert.equal(sig.shape, ref.file.v_shape, 'the file: v samples × cells');
    assert.is(sig.units, ref.v_units);
    assert.is(block.name, labels[1], `the file holds the second population (PyNN: ${ref.file.block_name}, the second create())`);
    const got = (ref.sample_times as number[]).map((t) => sig.values[Math.round((t - sig.t_start) / sig.sampling_period)][0] as number);
    assertClose(got, ref.file.v, 1e-3, 'v in the file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- small_network2.py --------------------------------------------------------------------------------------------

// PyNN example: small_network2.py. Five IF_curr_alpha cells (v_rest 0, v_thresh 20 mV, cm 0.5 nF, tau_syn 2/4 ms,
// v initialised to 0), five SpikeSourceArrays (50 Hz trains from numpy seed 26278342, drawn and stored by the
// reference script in the example's order, on the 0.1 ms grid) projecting with FixedProbabilityConnector(0.5)
// (0.5 nA, delay 1 ms); dt 0.1, 1000 ms.
// 1. PyNN's own draw given to tsnn as an ArrayConnector: spikes to the step, v of cell 0 within 1e-3 mV, the mean
//    rate exactly (see simpleNetwork).
// 2. tsnn's own FixedProbabilityConnector(0.5) (the example as written, plus 9 more rng seeds): a cell's output
//    depends only on which sources reach it, and the reference ran all 32 subsets of sources, so every cell's
//    train must equal, to the step, the reference's train for its subset; the connection count over the 10 draws
//    (250 pairs) within 4 binomial sd of 125.
test('small_network2: FixedProbabilityConnector(0.5) network; every drawn cell fires as PyNN+Brian2 for its sources', async () => {
  const ref = fixture('small_network2');
  const build = async (connector: sim.Connector) => {
    await sim.setup({ timestep: ref.dt, maxDelay: ref.delay });
    const cells = new sim.Population(5, new sim.IF_curr_alpha(ref.params), { initialValues: { v: 0.0 }, label: 'cells' });
    const spikeSource = new sim.Population(5, new sim.SpikeSourceArray({
      spike_times: ref.input_spike_times.map((ts: number[]) => new sim.Sequence(ts)),
    }));
    spikeSource.record('spikes');
    cells.record('spikes');
    cells.view({ start: 0, stop: 1 }).record('v');
    const inputConns = new sim.Projection(spikeSource, cells, connector, new sim.StaticSynapse({ weight: ref.weight, delay: ref.delay }));
    await sim.run(ref.simtime);
    const seg = (await cells.getData()).segments[0]!;
    const rows = (await inputConns.get(['weight'], { format: 'list' })) as number[][];
    const meanRate = (cells.meanSpikeCount() * 1000.0) / ref.simtime;
    await sim.end();
    return { seg, rows, meanRate };
  };

  // 1. PyNN's draw
  const given = await build(new sim.ArrayConnector(toBool(ref.connections)));
  assert.is(given.rows.length, ref.size);
  const spikes = spikesOf(given.seg);
  for (let k = 0; k < 5; ++k) assertClose(spikes[k]!, ref.spikes[k], 1e-9, `PyNN's draw: cell ${k} spikes`);
  assert.ok(Math.abs(given.meanRate - ref.mean_rate_hz) < 1e-9, `mean rate ${given.meanRate} vs ${ref.mean_rate_hz}`);
  assertClose(samplesAt(given.seg, 'v', 0, ref.sample_times), ref.v_cell0, 1e-3, "PyNN's draw: cell 0 v");

  // 2. tsnn's draws
  let connections = 0;
  const subsetsSeen = new Set<number>();
  const connectors = [new sim.FixedProbabilityConnector(0.5),
    ...Array.from({ length: 9 }, (_, s) => new sim.FixedProbabilityConnector(0.5, { rng: new sim.NumpyRNG({ seed: 1000 + s }) }))];
  for (const [run, connector] of connectors.entries()) {
    const { seg, rows } = await build(connector);
    connections += rows.length;
    const subset = [0, 0, 0, 0, 0];
    for (const [i, j] of rows) subset[j!]! |= 1 << i!;
    spikesOf(seg).forEach((train, j) => {
      subsetsSeen.add(subset[j]!);
      assertClose(train, ref.subset_spikes[subset[j]!], 1e-9, `draw ${run}: cell ${j} (sources ${subset[j]!.toString(2)})`);
    });
  }
  assertWithin(connections, 125, Math.sqrt(250 * 0.25), 4, 'connections in 10 draws of 25 pairs');
  assert.ok(subsetsSeen.size >= 15, `${subsetsSeen.size} distinct source subsets checked`);
});

// ---- distrib_example.py -------------------------------------------------------------------------------------------

// PyNN example: distrib_example.py. It checks that PyNN's rank() and num_processes() agree with MPI's COMM_WORLD and
// then exercises mpi4py's Bcast/Gather/Gatherv, which have no PyNN (or tsnn) counterpart. tsnn runs in one
// process (docs/porting.md: numProcesses() is 1), as pyNN.brian2 does: setup() (with the example's debug flag,
// accepted and ignored) returns the rank, rank() and numProcesses() must equal pyNN.brian2's. The script's own
// gather helper (displacements from the sizes, one rank) is ported and must give the arrays the example prints.
test('distrib_example: setup() returns the rank; rank() and numProcesses() equal pyNN.brian2\'s', async () => {
  const ref = fixture('distrib_example');
  const rank = await sim.setup({ debug: true });
  assert.is(rank, ref.setup_return);
  assert.is(sim.rank(), ref.rank);
  assert.is(sim.numProcesses(), ref.num_processes);
  const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
  // comm.gather on a communicator of numProcesses() ranks, each rank's data made as the example makes it
  const ranks = range(0, sim.numProcesses());
  assert.equal(ranks.flatMap((r) => range(r, 10 + r)), ref.gathered2);
  const sizes = ranks.map((r) => 5 * (r + 1));
  assert.equal(sizes, ref.sizes3);
  const displacements = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const gathered = new Array<number>(sizes.reduce((a, b) => a + b, 0));
  ranks.forEach((r) => range(0, 5 * (r + 1)).forEach((x, k) => { gathered[displacements[r]! + k] = x; }));
  assert.equal(gathered, ref.gathered3);
  assert.equal(range(0, 100), ref.data1);
  await sim.end();
});

// ---- neo_example.py -----------------------------------------------------------------------------------------------

// PyNN example: neo_example.py. 10 SpikeSourcePoisson (10 Hz) onto 10 EIF_cond_exp_isfa_ista cells (PyNN defaults)
// through FixedProbabilityConnector(0.5) (0.05 uS, excitatory, default delay = dt); spikes of both populations and
// v, w, gsyn_exc of the first two cells; dt 0.01 ms, 500 ms. Ported to PyNN 0.10.1 (SpikeSourcePoisson(rate=10),
// StaticSynapse(weight=0.05), receptor_type); the plots are replaced by what they show: the Neo block.
// 1. Replay: one Brian2 run's Poisson trains and connections (the fixture's first seed) given to tsnn
//    (SpikeSourceArray, ArrayConnector). Each input spike drives a cell into a short burst, so this checks the
//    AdExp dynamics and recording closely; see the tolerances below.
// 2. The example as written on tsnn's own draws (seed 42), against Brian2 over 12 seeds: the input count within
//    4 sd of Poisson(10 × 10 Hz × 0.5 s = 50), the connections within 4 binomial sd of 50, the output count
//    within 4 × Brian2's seed-to-seed sd × sqrt(1 + 1/12). That sd is 27 spikes (15 % of the mean 178: each cell's
//    bursts follow its few inputs), so this bound (±113) only catches gross errors; the replay is the close check.
// (EIF is tsnn's costliest model here, ~1.5 s a run at dt 0.01: two runs only.)
test('neo_example: EIF network on given Poisson trains matches PyNN+Brian2; own draws match its statistics', async () => {
  const ref = fixture('neo_example');
  const r = ref.replay;
  const run = async (replay: boolean) => {
    await sim.setup({ timestep: ref.dt });
    const pIn = new sim.Population(10, replay
      ? new sim.SpikeSourceArray({ spike_times: r.input_spike_times.map((ts: number[]) => new sim.Sequence(ts)) })
      : new sim.SpikeSourcePoisson({ rate: 10.0 }), { label: 'input' });
    const pOut = new sim.Population(10, new sim.EIF_cond_exp_isfa_ista(), { label: 'AdExp neurons' });
    const connector = replay ? new sim.ArrayConnector(toBool(r.connections)) : new sim.FixedProbabilityConnector(0.5);
    const connections = new sim.Projection(pIn, pOut, connector, new sim.StaticSynapse({ weight: 0.05 }), { receptorType: 'excitatory' });
    pIn.record('spikes');
    pOut.record('spikes');
    pOut.view({ start: 0, stop: 2 }).record(['v', 'w', 'gsyn_exc']);
    await sim.run(ref.simtime);
    const spikesIn = await pIn.getData();
    const dataOut = await pOut.getData();
    const size = await connections.size();
    await sim.end();
    return { spikesIn: spikesIn.segments[0]!, out: dataOut.segments[0]!, size };
  };

  // 1. replay
  const { spikesIn, out } = await run(true);
  const b = r.block;
  assert.is(spikesIn.spiketrains.length, b.input_spiketrains);
  assert.is(out.spiketrains.length, b.output_spiketrains);
  assert.ok(Math.abs(out.spiketrains[0]!.tStop - b.spiketrain_t_stop) < 1e-9, `t_stop ${out.spiketrains[0]!.tStop} vs ${b.spiketrain_t_stop}`);
  for (const want of b.signals) {
    const sig = out.filter({ name: want.name })[0]!;
    assert.equal([sig.name, sig.units, [...sig.shape]], [want.name, want.units, want.shape], `signal ${want.name}`);
    assert.equal(sig.channelIndex, [0, 1]);
    for (const [got, key] of [[sig.samplingPeriod, 'sampling_period_ms'], [sig.tStart, 't_start_ms'], [sig.tStop, 't_stop_ms']] as const) {
      assert.ok(Math.abs(got - want[key]) < 1e-9, `${want.name} ${key}: ${got} vs ${want[key]}`);
    }
  }
  spikesOf(spikesIn).forEach((ts, k) => assertClose(ts, r.input_spike_times[k], 1e-9, `input ${k}`));
  // Output spikes: the same number per cell, matched one to one. tsnn's spikes are never earlier than Brian2's
  // (allowing one step) and mostly 0-0.06 ms later: pyNN.brian2 0.10.1 fires at v_thresh + 5 delta_T (-40.4 mV)
  // instead of v_spike (NEST's V_peak, which tsnn follows; see parameter_changes in pynn-examples-synapses) and
  // integrates with forward Euler, so each interval of a burst ends slightly earlier there and the lag builds up
  // along a burst. Where a burst's last spike comes on the decaying conductance, near rheobase, that small lag is
  // stretched (up to 1.23 ms here, at a 7.6 ms interval). Bounds: every lag in [-0.011, 1.5] ms and at least 85 %
  // of the spikes within 0.1 ms (93 % are).
  const trains = spikesOf(out);
  const lags: number[] = [];
  trains.forEach((ts, k) => {
    assert.is(ts.length, r.output_spikes[k].length, `cell ${k}: ${ts.length} spikes vs ${r.output_spikes[k].length}`);
    ts.forEach((t, i) => lags.push(t - r.output_spikes[k][i]));
  });
  assert.ok(lags.length > 100, `${lags.length} output spikes`);
  const worst = [Math.min(...lags), Math.max(...lags)];
  if (process.env.TSNN_DEBUG) console.log(`lags ${worst}, within 0.1 ms: ${lags.filter((l) => Math.abs(l) <= 0.1).length}/${lags.length}`);
  assert.ok(worst[0]! >= -0.011 && worst[1]! <= 1.5, `lags tsnn − Brian2 from ${worst[0]} to ${worst[1]} ms`);
  assert.ok(lags.filter((l) => Math.abs(l) <= 0.1).length >= 0.85 * lags.length, 'most spikes within 0.1 ms');
  // gsyn_exc: the sum of decaying jumps, the same in both (observed 5e-8 uS; float32 samples of 0.1 uS are 1e-8):
  // 1e-6 uS. v and w every 1 ms, away from spikes of either train (2 ms before to 10 ms after: upswing, reset and
  // the lag above make pointwise values meaningless there): v within 1 mV (Euler and the spike point, as
  // parameter_changes; observed 0.52), w within 0.002 nA (a lag of 1.2 ms delays one jump b = 0.08 nA decaying with
  // tau_w 144 ms: 7e-4 nA; observed 4e-4).
  for (let c = 0; c < 2; ++c) {
    const times = r.sample_times as number[];
    const column = (name: string) => r.signals[name].map((row: number[]) => row[c]);
    assertClose(samplesAt(out, 'gsyn_exc', c, times), column('gsyn_exc'), 1e-6, `cell ${c} gsyn_exc`);
    const keep = times.map((t) => ![...trains[c]!, ...r.output_spikes[c]].some((s: number) => t > s - 2 && t < s + 10));
    assert.ok(keep.filter(Boolean).length > 200, `cell ${c}: ${keep.filter(Boolean).length} samples away from spikes`);
    const pick = (xs: number[]) => xs.filter((_, k) => keep[k]);
    assertClose(pick(samplesAt(out, 'v', c, times)), pick(column('v')), 1.0, `cell ${c} v away from spikes`);
    assertClose(pick(samplesAt(out, 'w', c, times)), pick(column('w')), 0.002, `cell ${c} w away from spikes`);
  }

  // 2. own draws
  const own = await run(false);
  const nIn = spikesOf(own.spikesIn).flat().length;
  const nOut = spikesOf(own.out).flat().length;
  const ps = ref.per_seed;
  assertWithin(nIn, 50, Math.sqrt(50), 4, 'input spikes (Poisson, mean 50)');
  for (const n of ps.input_spikes as number[]) assertWithin(n, 50, Math.sqrt(50), 4, 'Brian2 input spikes');
  assertWithin(own.size, 50, Math.sqrt(100 * 0.25), 4, 'connections (Binomial(100, 0.5))');
  const outs = ps.output_spikes as number[];
  assertWithin(nOut, mean(outs), sampleSd(outs) * Math.sqrt(1 + 1 / outs.length), 4, 'output spikes vs Brian2 over seeds');
});

test.run();
