// PyNN's own example scripts (NeuralEnsemble/PyNN, examples/), rebuilt with tsnn's public API on the wasm backend
// and compared with the same networks run on PyNN 0.10.1 + Brian2 2.5.1 (test/reference/pynn_examples/*_brian2.py,
// fixtures in test/fixtures/pynn_examples/). Each test names the PyNN example it follows.
//
// The reference scripts give Brian2 tau_refrac + dt and SpikeSourceArray times − dt and store Brian2's spike times
// + dt (test/reference/brian2_timing.py): the fixtures follow the NEST/PyNN step convention that tsnn implements,
// so the remaining differences are numerical. Recorded signals are float32 in tsnn (about 4e-6 mV at −65 mV).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { fixture, type Segment, samplesAt, spikesOf, maxAbsDiff, assertClose } from './pynn-example-fixtures.js';

// ---- current_injection.py --------------------------------------------------------------------------------------

// PyNN example: current_injection.py
// IF_curr_exp is linear: Brian2 integrates it exactly, as tsnn does, so the traces agree to float32 rounding
// (tolerance 1e-3 mV covers float32 and the ACSource's sin evaluated in double on either side). None of the three
// deterministic cells reaches threshold (the example's figure shows sub-threshold traces). The noisy cell's draws
// differ (numpy vs Philox). Its v fluctuates with stdev about R*sigma*sqrt(1 ms/(2 tau_m)) = 10 MOhm * 0.2 nA *
// 0.22 = 0.45 mV and a correlation time of tau_m = 10 ms: the mean over [50, 450) ms (20 independent samples) varies
// by about 0.1 mV per run, and the mean over [450, 500) ms (the decay from the value at 450 ms) by about 0.1 mV;
// two independent runs agree within 0.4 mV (about 3 sigma of the difference). Before 50 ms there is no noise:
// 1e-3 mV.
test('current_injection.py: DC, step, AC and noisy currents into four IF_curr_exp cells', async () => {
  const ref = fixture('current_injection');
  await sim.setup({ timestep: ref.dt });
  const cells = new sim.Population(4, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0, tau_m: 10.0 }));
  const sources = [
    new sim.DCSource({ amplitude: 0.5, start: 50.0, stop: 400.0 }),
    new sim.StepCurrentSource({ times: [50.0, 210.0, 250.0, 410.0], amplitudes: [0.4, 0.6, -0.2, 0.2] }),
    new sim.ACSource({ start: 50.0, stop: 450.0, amplitude: 0.2, offset: 0.1, frequency: 10.0, phase: 180.0 }),
    new sim.NoisyCurrentSource({ mean: 0.5, stdev: 0.2, start: 50.0, stop: 450.0, dt: 1.0 }),
  ];
  sources.forEach((src, k) => cells[k]!.inject(src));
  cells.record(['v', 'spikes']);
  for (const src of sources.slice(0, 3)) src.record();
  await sim.run(ref.simtime);
  const seg = (await cells.getData()).segments[0]!;
  const currents: number[][] = [];
  for (const src of sources.slice(0, 3)) {
    const sig = (await src.getData())!;
    const col = sig.column(0);
    currents.push(ref.current_times.map((t: number) => col[Math.round((t - sig.tStart) / sig.samplingPeriod)]!));
  }
  await sim.end();
  // recorded currents (nA), sampled around every switch: float32, so 1e-6 nA
  ['DCSource', 'StepCurrentSource', 'ACSource'].forEach((name, k) => assertClose(currents[k]!, ref.currents[k], 1e-6, `${name} recorded current at ${ref.current_times.join(', ')}`));
  const spikes = spikesOf(seg);
  for (let k = 0; k < 3; ++k) {
    assert.equal(spikes[k], ref.spikes[k], `cell ${k} spikes`);
    const want = ref.v.map((row: number[]) => row[k]);
    assertClose(samplesAt(seg, 'v', k, ref.sample_times), want, 1e-3, `cell ${k} v`);
  }
  const v3 = seg.filter({ name: 'v' })[0]!.column(3);
  const meanV = ref.noisy.windows.map(([a, b]: [number, number]) => {
    let s = 0;
    for (let i = Math.round(a / ref.dt); i < Math.round(b / ref.dt); ++i) s += v3[i]!;
    return s / (Math.round(b / ref.dt) - Math.round(a / ref.dt));
  });
  assertClose([meanV[0]!], [ref.noisy.mean_v[0]], 1e-3, 'noisy cell mean v before the noise');
  assertClose([meanV[1]!, meanV[2]!], [ref.noisy.mean_v[1], ref.noisy.mean_v[2]], 0.4, 'noisy cell mean v in [50, 450) and [450, 500) ms');
  assert.is(spikes[3]!.length, ref.noisy.spike_count, 'noisy cell spike count');
});

// ---- StepCurrentSource.py --------------------------------------------------------------------------------------

// PyNN example: StepCurrentSource.py
// Linear model integrated exactly on both sides: v within 1e-3 mV (float32), the spike on the same step.
test('StepCurrentSource.py: IF_curr_exp driven by a step current', async () => {
  const ref = fixture('step_current_source');
  await sim.setup({ timestep: ref.dt });
  const cell = sim.create(new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0 }));
  cell.inject(new sim.StepCurrentSource({ times: [50.0, 110.0, 150.0, 210.0], amplitudes: [0.4, 0.6, -0.2, 0.2] }));
  cell.record(['v', 'spikes']);
  await sim.run(ref.simtime);
  const seg = (await cell.getData()).segments[0]!;
  await sim.end();
  assertClose(spikesOf(seg)[0]!, ref.spikes, 1e-9, 'spike times');
  assertClose(samplesAt(seg, 'v', 0, ref.sample_times), ref.v, 1e-3, 'v');
});

// ---- specific_network.py ---------------------------------------------------------------------------------------

// PyNN example: specific_network.py
// IF_curr_alpha is linear (exact on both sides); the input spike times are the example's numpy draws, stored in
// the fixture. Spike times must agree to the step; v of cell 0 within 1e-3 mV (float32 on a 10 mV scale).
test('specific_network.py: five IF_curr_alpha cells, FromListConnector, SpikeSourceArray inputs', async () => {
  const ref = fixture('specific_network');
  await sim.setup({ timestep: ref.dt, minDelay: ref.delay, maxDelay: ref.delay });
  const cells = new sim.Population(5, new sim.IF_curr_alpha(ref.params), { initialValues: { v: 0.0 }, label: 'cells' });
  const sources = new sim.Population(5, new sim.SpikeSourceArray({
    spike_times: ref.input_spike_times.map((ts: number[]) => new sim.Sequence(ts)),
  }));
  cells.record('spikes');
  cells.view({ start: 0, stop: 1 }).record('v');
  const list = ref.connections.map(([i, j]: [number, number]) => [i, j, ref.weight, ref.delay]);
  new sim.Projection(sources, cells, new sim.FromListConnector(list), new sim.StaticSynapse());
  await sim.run(ref.simtime);
  const seg = (await cells.getData()).segments[0]!;
  const meanRate = (cells.meanSpikeCount() * 1000.0) / ref.simtime;
  await sim.end();
  const spikes = spikesOf(seg);
  for (let k = 0; k < 5; ++k) assertClose(spikes[k]!, ref.spikes[k], 1e-9, `cell ${k} spikes`);
  assert.ok(Math.abs(meanRate - ref.mean_rate_hz) < 1e-9, `mean rate ${meanRate} vs ${ref.mean_rate_hz}`);
  assertClose(samplesAt(seg, 'v', 0, ref.sample_times), ref.v_cell0, 1e-3, 'cell 0 v');
});

// ---- inhomogeneous_network.py ----------------------------------------------------------------------------------

// PyNN example: inhomogeneous_network.py (random draws made explicit: input spike times and the connection
// matrix of FixedProbabilityConnector(0.5) come from the fixture, and an ArrayConnector makes the connections).
// Weights '1/(1+d)' are evaluated by tsnn on its own Grid2D and Line positions and must match PyNN's to float32
// (rel. 1e-6). Brian2 integrates IF_cond_exp by forward Euler, tsnn exactly (NEST's semantics). Cell 0 (1 uS from
// the source at distance 0) fires 74 times and approaches threshold slowly between 15 and 23 ms, so a small
// integration error moves its 7th spike by milliseconds: Brian2 (dt 0.1) has it at 21.5 ms, Brian2 at dt 0.001
// at 20.04 ms, the continuous-time solution at 20.13 ms, the NEST-grid solution at dt 0.1 at 23.3 ms. So:
// - spike times of every cell equal `spikes_accurate` (SciPy with NEST's grid rules, in the fixture) to 1e-9 ms;
// - against Brian2: spike counts within 2 per cell, cell 0's first six spikes within 0.3 ms (Euler's error before
//   the slow approach; 0.2 ms measured), v of the silent cells 1-8 within 0.1 mV (Euler at dt 0.1 with
//   conductances up to 0.2 uS; measured 0.04 mV).
test('inhomogeneous_network.py: IF_cond_exp on a Grid2D, per-cell parameters, distance-dependent weights', async () => {
  const ref = fixture('inhomogeneous_network');
  await sim.setup({ timestep: ref.dt });
  const cells = new sim.Population(9, new sim.IF_cond_exp({
    tau_m: 10.0, v_rest: (i: number) => -60.0 + i, v_thresh: (i: number) => -55.0 + i,
  }), { structure: new sim.Grid2D({ dx: 100.0, dy: 100.0 }), initialValues: { v: (i: number) => -60.0 - i }, label: 'cells' });
  const sources = new sim.Population(9, new sim.SpikeSourceArray({
    spike_times: ref.input_spike_times.map((ts: number[]) => new sim.Sequence(ts)),
  }));
  const prj = new sim.Projection(sources, cells, new sim.ArrayConnector(ref.connections),
    new sim.StaticSynapse({ weight: '1/(1+d)', delay: 0.5 }));
  cells.record(['spikes', 'v']);
  const positions = cells.positions;
  for (let a = 0; a < 3; ++a) assertClose(Array.from(positions[a]!), ref.positions[a], 1e-9, `positions axis ${a}`);
  const weights = (await prj.get('weight', { format: 'array' })) as unknown as ArrayLike<ArrayLike<number>>;
  for (let i = 0; i < 9; ++i) {
    for (let j = 0; j < 9; ++j) {
      const want = ref.weights[i][j];
      const got = weights[i]![j]!;
      if (want === null) assert.ok(Number.isNaN(got), `weight ${i}→${j} should be absent, got ${got}`);
      else assert.ok(Math.abs(got - want) <= 1e-6 * want, `weight ${i}→${j}: ${got} vs ${want}`);
    }
  }
  await sim.run(ref.simtime);
  const seg = (await cells.getData()).segments[0]!;
  await sim.end();
  const spikes = spikesOf(seg);
  for (let k = 0; k < 9; ++k) {
    const got = spikes[k]!;
    const want: number[] = ref.spikes[k];
    assert.ok(Math.abs(got.length - want.length) <= 2, `cell ${k}: ${got.length} spikes vs Brian2 ${want.length}`);
  }
  for (let k = 0; k < 9; ++k) assertClose(spikes[k]!, ref.spikes_accurate[k], 1e-9, `cell ${k} spikes vs accurate NEST-grid solution`);
  const n0 = Math.min(6, ref.spikes[0].length);
  assertClose(spikes[0]!.slice(0, n0), ref.spikes[0].slice(0, n0), 0.3, 'cell 0 first spikes');
  for (let k = 1; k < 9; ++k) {
    const want = ref.v.map((row: number[]) => row[k]);
    assertClose(samplesAt(seg, 'v', k, ref.sample_times), want, 0.1, `cell ${k} v`);
  }
});

// ---- varying_poisson.py ----------------------------------------------------------------------------------------

// PyNN example: varying_poisson.py. The output is the number of spikes of 50 Poisson sources in each 200 ms
// interval, the rate raised by a run() callback (0, 20, 40, 60, 80 Hz). tsnn's draws are its own (Philox), so the
// counts are compared with the example's expected means 50·rate·0.2 s: each within 4 Poisson standard deviations
// (sqrt(mean); 0 for rate 0).
test('varying_poisson.py: run() callbacks change SpikeSourcePoisson rates every 200 ms', async () => {
  const ref = fixture('varying_poisson');
  await sim.setup({ seed: 20240 });
  const p = new sim.Population(ref.n, new sim.SpikeSourcePoisson());
  p.record('spikes');
  const rates: number[] = [...ref.rates];
  const setRate = (t: number): number => {
    const r = rates.shift();
    if (r !== undefined) p.set({ rate: r });
    return t + ref.interval;
  };
  await sim.run(ref.simtime, { callbacks: [setRate] });
  const seg = (await p.getData()).segments[0]!;
  await sim.end();
  const all = seg.spiketrains.flatMap((st) => Array.from(st.times));
  const counts = ref.rates.map((_: number, k: number) => all.filter((t) => t >= k * ref.interval && t < (k + 1) * ref.interval).length);
  ref.expected_spike_counts.forEach((mean: number, k: number) => {
    assert.ok(Math.abs(counts[k]! - mean) <= 4 * Math.sqrt(mean), `interval ${k}: ${counts[k]} spikes, expected ${mean} (tsnn counts ${counts.join(', ')})`);
  });
});

// Not compared with the reference, whose model is wrong here: pyNN.brian2 0.10.1 ignores rates changed after
// construction. Its PoissonGroup (pyNN/brian2/cells.py) tests `rand() < rates * dt` with Brian2's `rates`, fixed
// when the group is made, while Population.set(rate=...) writes the group's Python attribute `firing_rate`; so every
// interval has the default 1 Hz (fixture counts 10, 6, 9, 15, 12; 50 * 1 Hz * 0.2 s = 10).

// ---- Izhikevich.py ---------------------------------------------------------------------------------------------

// PyNN example: Izhikevich.py (dt = 1 ms). Both integrate the Izhikevich equations by forward Euler at dt = 1 ms;
// NEST's izhikevich (tsnn's reference) updates v and u from the values at the start of the step, as Brian2's Euler
// does, and both add the input jump after the update. The single spike falls on the same step and v agrees to
// float32 rounding (1e-3 mV; measured 4e-6 mV).
test('Izhikevich.py: one Izhikevich cell with excitatory then inhibitory input spikes, dt = 1 ms', async () => {
  const ref = fixture('izhikevich');
  await sim.setup({ timestep: ref.dt, minDelay: 1.0, maxDelay: 4.0 });
  const cell = sim.create(new sim.Izhikevich({ a: 0.015, d: 1.5 }));
  const srcE = sim.create(new sim.SpikeSourceArray({ spike_times: ref.exc_times }));
  const srcI = sim.create(new sim.SpikeSourceArray({ spike_times: ref.inh_times }));
  sim.connect(srcE, cell, { weight: 1.5, delay: 2.0, receptorType: 'excitatory' });
  sim.connect(srcI, cell, { weight: -1.5, delay: 4.0, receptorType: 'inhibitory' });
  cell.record(['v', 'spikes']);
  sim.initialize(cell, { v: -53.2 });
  await sim.run(ref.simtime);
  const seg = (await cell.getData()).segments[0]!;
  await sim.end();
  assertClose(spikesOf(seg)[0]!, ref.spikes, 1e-9, 'spike times');
  const v = Array.from(seg.filter({ name: 'v' })[0]!.column(0));
  assertClose(v, ref.v, 1e-3, 'v');
});

// ---- EIF_cond_exp_isfa_ista.py ---------------------------------------------------------------------------------

// PyNN example: EIF_cond_exp_isfa_ista.py (dt = 0.01 ms). Brian2 integrates AdExp by forward Euler, tsnn with
// NEST's adaptive RK45 (aeif_cond_exp): spike times agree within 1% relative (PyNN's own tolerance for this
// model in test_cell_types.py; measured below 0.1%), v within 0.3 mV and w within 1e-3 nA at the sample times
// (measured 0.11 mV and 1.2e-4 nA: Euler's error at dt 0.01 ms).
test('EIF_cond_exp_isfa_ista.py: AdExp cell under i_offset = 1 nA', async () => {
  const ref = fixture('eif_cond_exp_isfa_ista');
  await sim.setup({ timestep: ref.dt, minDelay: 0.1, maxDelay: 4.0 });
  const cell = sim.create(new sim.EIF_cond_exp_isfa_ista({ i_offset: 1.0, tau_refrac: 2.0, v_spike: -40 }));
  cell.record(['v', 'w', 'spikes']);
  await sim.run(ref.simtime);
  const seg = (await cell.getData()).segments[0]!;
  await sim.end();
  const got = spikesOf(seg)[0]!;
  assert.is(got.length, ref.spikes.length, `spikes ${got.join(', ')} vs ${ref.spikes.join(', ')}`);
  const rel = got.reduce((m, t, k) => Math.max(m, Math.abs(t - ref.spikes[k]) / ref.spikes[k]), 0);
  if (process.env.TSNN_DEBUG) console.log(`EIF relative spike error ${rel}`);
  assert.ok(rel < 0.01, `max relative spike-time error ${rel}: ${got.join(', ')} vs ${ref.spikes.join(', ')}`);
  assertClose(samplesAt(seg, 'v', 0, ref.sample_times), ref.v, 0.3, 'v');
  assertClose(samplesAt(seg, 'w', 0, ref.sample_times), ref.w, 1e-3, 'w');
});

// ---- cell_type_demonstration.py --------------------------------------------------------------------------------

/** Times (ms) of the first sample at or above 0 mV after one below it. */
function upwardCrossings(col: ArrayLike<number>, tStart: number, dt: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < col.length; ++k) if (col[k]! >= 0 && col[k - 1]! < 0) out.push(Math.round((tStart + k * dt) * 1e6) / 1e6);
  return out;
}

async function runCellTypeDemonstration() {
  const ref = fixture('cell_type_demonstration');
  await sim.setup({ timestep: ref.dt, minDelay: 1.0 });
  const pops = {
    IF_curr_exp: new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1.0 }), { label: 'IF_curr_exp' }),
    HH_cond_exp: new sim.Population(1, new sim.HH_cond_exp({ i_offset: 0.2 }), { label: 'HH_cond_exp' }),
    EIF_cond_exp_isfa_ista: new sim.Population(1, new sim.EIF_cond_exp_isfa_ista({ i_offset: 1.0 }), { label: 'EIF_cond_exp_isfa_ista' }),
    IF_cond_exp_gsfa_grr: new sim.Population(1, new sim.IF_cond_exp_gsfa_grr({ i_offset: 2.0 }), { label: 'IF_cond_exp_gsfa_grr' }),
    Izhikevich: new sim.Population(1, new sim.Izhikevich({ i_offset: 0.01 }), { label: 'Izhikevich' }),
  };
  pops.IF_cond_exp_gsfa_grr.record(['g_r', 'g_s']);
  const all = pops.IF_curr_exp.add(pops.HH_cond_exp).add(pops.EIF_cond_exp_isfa_ista).add(pops.IF_cond_exp_gsfa_grr).add(pops.Izhikevich);
  all.record('v');
  for (const p of [pops.IF_curr_exp, pops.EIF_cond_exp_isfa_ista, pops.IF_cond_exp_gsfa_grr, pops.Izhikevich]) p.record('spikes');
  pops.EIF_cond_exp_isfa_ista.record('w');
  pops.Izhikevich.record('u');
  await sim.run(ref.simtime);
  const segs: Record<string, Segment> = {};
  for (const [name, p] of Object.entries(pops)) segs[name] = (await p.getData()).segments[0]!;
  await sim.end();
  return { ref, segs };
}

// PyNN example: cell_type_demonstration.py (dt = 0.01 ms, 100 ms). Tolerances per model:
// - IF_curr_exp: linear, exact on both sides: spikes on the same step, v within 1e-3 mV (float32).
// - HH_cond_exp: Brian2 uses exponential Euler (first order), tsnn an accurate adaptive solver: Brian2's period is
//   0.7% long at dt 0.01 (crossings 9.98 ... 87.5 ms; at dt 0.001: 9.946 ... 86.956; Richardson-extrapolated
//   86.896, tsnn 86.90). Crossings of 0 mV within 1% relative, v within 1.5 mV at sample times more than 2 ms
//   from a crossing (the phase lag on the slow recovery; measured 0.88 mV).
// - EIF_cond_exp_isfa_ista: Brian2 forward Euler vs an accurate solver: spike times within 1% (PyNN's own
//   tolerance), w within 1e-3 nA (measured 8e-5).
// - Izhikevich: forward Euler on both sides at dt = 0.01, same update order: spikes on the same step, v and u to
//   float32 rounding (1e-3; measured 3e-6).
test('cell_type_demonstration.py: IF_curr_exp, HH_cond_exp, EIF_cond_exp_isfa_ista, Izhikevich under i_offset', async () => {
  const { ref, segs } = await runCellTypeDemonstration();
  const T = ref.sample_times as number[];
  const c = ref.cells;
  assertClose(spikesOf(segs.IF_curr_exp!)[0]!, c.IF_curr_exp.spikes, 1e-9, 'IF_curr_exp spikes');
  assertClose(samplesAt(segs.IF_curr_exp!, 'v', 0, T), c.IF_curr_exp.v, 1e-3, 'IF_curr_exp v');

  const hh = segs.HH_cond_exp!.filter({ name: 'v' })[0]!;
  const hhUp = upwardCrossings(hh.column(0), hh.tStart, hh.samplingPeriod);
  maxAbsDiff(hhUp, c.HH_cond_exp.crossings_0mV, 'HH_cond_exp 0 mV crossings');
  const hhRel = hhUp.reduce((m, t, k) => Math.max(m, Math.abs(t - c.HH_cond_exp.crossings_0mV[k]) / c.HH_cond_exp.crossings_0mV[k]), 0);
  assert.ok(hhRel < 0.01, `HH crossings relative error ${hhRel}: ${hhUp.join(', ')} vs ${c.HH_cond_exp.crossings_0mV.join(', ')}`);
  const hhAway = T.map((t, k) => [t, k] as const).filter(([t]) => c.HH_cond_exp.crossings_0mV.every((s: number) => Math.abs(t - s) > 2));
  assertClose(hhAway.map(([t]) => samplesAt(segs.HH_cond_exp!, 'v', 0, [t])[0]!), hhAway.map(([, k]) => c.HH_cond_exp.v[k]), 1.5, 'HH_cond_exp v away from spikes');

  const eif = spikesOf(segs.EIF_cond_exp_isfa_ista!)[0]!;
  assert.is(eif.length, c.EIF_cond_exp_isfa_ista.spikes.length, `EIF spikes ${eif.join(', ')} vs ${c.EIF_cond_exp_isfa_ista.spikes.join(', ')}`);
  const rel = eif.reduce((m, t, k) => Math.max(m, Math.abs(t - c.EIF_cond_exp_isfa_ista.spikes[k]) / c.EIF_cond_exp_isfa_ista.spikes[k]), 0);
  if (process.env.TSNN_DEBUG) console.log(`EIF (demo) relative spike error ${rel}`);
  assert.ok(rel < 0.01, `EIF max relative spike-time error ${rel}: ${eif.join(', ')} vs ${c.EIF_cond_exp_isfa_ista.spikes.join(', ')}`);
  assertClose(samplesAt(segs.EIF_cond_exp_isfa_ista!, 'w', 0, T), c.EIF_cond_exp_isfa_ista.w, 1e-3, 'EIF w');

  assertClose(spikesOf(segs.Izhikevich!)[0]!, c.Izhikevich.spikes, 1e-9, 'Izhikevich spikes');
  assertClose(samplesAt(segs.Izhikevich!, 'v', 0, T), c.Izhikevich.v, 1e-3, 'Izhikevich v');
  assertClose(samplesAt(segs.Izhikevich!, 'u', 0, T), c.Izhikevich.u, 1e-3, 'Izhikevich u');
});

// PyNN example: cell_type_demonstration.py, its IF_cond_exp_gsfa_grr cell (i_offset 2 nA), against Brian2 run with
// the workaround for pyNN.brian2's q_sfa/q_rr scaling bug (below): q given as 1e-9 of the defaults, which
// AdaptiveNeuronGroup2 scales back. pyNN.brian2 also records g_r and g_s in uS where PyNN's unit (and tsnn's) is
// nS: compared after dividing tsnn's by 1000. Brian2 integrates this conductance model by forward Euler
// (dt 0.01 ms): spike times within 1% relative (measured 0.4%), v within 1 mV (measured 0.25 mV). Brian2's
// equations (adapt_iaf) also stop the decay of g_r and g_s during the refractory period ("unless refractory"),
// where NEST's iaf_cond_exp_sfa_rr (tsnn's reference) lets them decay: after each spike Brian2's g_r is
// exp(0.1 ms / tau_rr) = 5% larger, and more where its last spike is later: relative to Brian2's value the
// difference is 1 - exp(-(shift + 0.1 ms) / tau_rr), 18% for the 0.3 ms shift of the 4th spike (tau_rr 2 ms). So
// g_r and g_s agree within 25% relative (measured 18% on g_r, 0.4% on g_s; 5e-6 uS floor near zero).
test('cell_type_demonstration.py: IF_cond_exp_gsfa_grr (Brian2 with its q scaling undone)', async () => {
  const { ref, segs } = await runCellTypeDemonstration();
  const T = ref.sample_times as number[];
  const c = ref.cells.IF_cond_exp_gsfa_grr_q_fixed;
  const seg = segs.IF_cond_exp_gsfa_grr!;
  const got = spikesOf(seg)[0]!;
  assert.is(got.length, c.spikes.length, `spikes ${got.join(', ')} vs ${c.spikes.join(', ')}`);
  const rel = got.reduce((m, t, k) => Math.max(m, Math.abs(t - c.spikes[k]) / c.spikes[k]), 0);
  if (process.env.TSNN_DEBUG) console.log(`gsfa_grr relative spike error ${rel}: ${got.join(', ')}`);
  assert.ok(rel < 0.01, `max relative spike-time error ${rel}: ${got.join(', ')} vs ${c.spikes.join(', ')}`);
  assertClose(samplesAt(seg, 'v', 0, T), c.v, 1.0, 'gsfa_grr v');
  for (const name of ['g_r', 'g_s']) {
    const gotG = samplesAt(seg, name, 0, T).map((x) => x / 1000);
    const want: number[] = c[name];
    maxAbsDiff(gotG, want, name);
    const worst = gotG.reduce((m, g, k) => Math.max(m, Math.abs(g - want[k]!) / Math.max(Math.abs(want[k]!), 5e-6)), 0);
    if (process.env.TSNN_DEBUG) console.log(`gsfa_grr ${name}: max relative diff ${worst}`);
    assert.ok(worst <= 0.25, `gsfa_grr ${name} (uS): relative diff ${worst} > 0.25\n  tsnn:   ${gotG.join(', ')}\n  Brian2: ${want.join(', ')}`);
  }
});

// Not compared with the reference, whose model is wrong here: pyNN.brian2 0.10.1's IF_cond_exp_gsfa_grr fires at
// every step after its refractory period from 9.41 ms on (v pinned at -65 mV): AdaptiveNeuronGroup2
// (pyNN/brian2/cells.py) multiplies q_r and q_s, already in siemens, by 1e9 and adds them as nS, so g_r jumps by 3e9
// uS instead of q_rr = 3000 nS (recorded g_r after the first spike: 3e9). tsnn follows NEST's iaf_cond_exp_sfa_rr
// (test/conformance/ neuron-if-cond-exp-gsfa-grr.test.ts).

test.run();
