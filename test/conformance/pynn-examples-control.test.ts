// PyNN's own example scripts (NeuralEnsemble/PyNN, examples/) about simulation control, random numbers and single
// cells, rebuilt with tsnn's public API on the wasm backend and compared with PyNN 0.10.1 + Brian2 2.5.1
// (test/reference/pynn_examples/*_brian2.py, fixtures in test/fixtures/pynn_examples/) or, where Brian2 is not
// accurate enough to be the truth, with an independent accurate solution stored in the same fixture. Each test
// names the example it follows, what was changed and why, and why each tolerance is what it is.
//
// The reference scripts give Brian2 tau_refrac + dt and SpikeSourceArray times − dt and store Brian2's spike times
// + dt (test/reference/brian2_timing.py), so that the fixtures follow the NEST/PyNN step convention tsnn
// implements. Random draws differ (tsnn's Philox streams vs numpy's Mersenne Twister): random things are compared
// statistically, with the confidence stated, never sample by sample. Recorded signals are float32 in tsnn.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { fixture, type Segment, samplesAt, spikesOf, assertClose } from './pynn-example-fixtures.js';
import { chiSquared, chiSquaredCritical, mergeBins, Z_999 } from './chi-squared.js';

// ---- IF_curr_alpha2.py -----------------------------------------------------------------------------------------

// PyNN example: IF_curr_alpha2.py (dt 0.01 ms, min_delay 0.1). Five identical IF_curr_alpha cells, one
// SpikeSourceArray firing every 0.1 ms from 0.1 to 100 ms, connect(weight=1.5) with the default delay (min_delay).
// Changes: spikes are recorded too (the example records v of cell 0 only), record('v', cells[0:1], file) is
// Population.record (the procedural record() would write the file), and create() gets cell-type instances (the
// class-and-parameters form is deprecated in tsnn, with a warning, as in PyNN). IF_curr_alpha is linear: Brian2 integrates it
// exactly, as tsnn does, so every spike falls on the same step (1e-9 ms) and v agrees to float32 rounding (1e-3 mV on
// a 15 mV scale). The five cells are identical: their trains must be equal.
test('IF_curr_alpha2.py: five IF_curr_alpha cells driven every 0.1 ms by one spike source, dt = 0.01 ms', async () => {
  const ref = fixture('IF_curr_alpha2');
  await sim.setup({ timestep: ref.dt, minDelay: 0.1 });
  const ifcells = sim.create(new sim.IF_curr_alpha(ref.params), undefined, 5);
  const spikeSource = sim.create(new sim.SpikeSourceArray({ spike_times: ref.source_times }));
  sim.connect(spikeSource, ifcells, { weight: ref.weight });
  ifcells.record('spikes');
  ifcells.view({ start: 0, stop: 1 }).record('v');
  await sim.run(ref.simtime);
  const seg = (await ifcells.getData()).segments[0]!;
  await sim.end();
  const spikes = spikesOf(seg);
  assert.ok(ref.spikes[0].length > 100, 'the reference cell fires');
  for (let k = 0; k < 5; ++k) assertClose(spikes[k]!, ref.spikes[k], 1e-9, `cell ${k} spike times`, 'Brian2');
  assertClose(samplesAt(seg, 'v', 0, ref.sample_times), ref.v_cell0, 1e-3, 'cell 0 v', 'Brian2');
});

// ---- IF_curr_exp2.py -------------------------------------------------------------------------------------------

// PyNN example: IF_curr_exp2.py (dt 0.01 ms, min_delay 2, max_delay 4). One IF_curr_exp cell, initial v -53.2 mV,
// driven through connect(weight 1.5 nA, delay 2 ms) by a SpikeSourceArray of 200 times drawn from numpy
// (cumulated exponential intervals, mean 5 ms, seed 240965239). Changes: the drawn times come from the fixture (made
// by PyNN's NumpyRNG; the example's rng.next(200.0, 'exponential', [5.0]) fails on PyNN 0.10.1, a float count and
// a list of parameters, and is called there as next(200, 'exponential', {'beta': 5.0})); the example's old
// record(cell, file)/record_v(cell, file) become record('spikes') and record('v'). The times are off the 0.01 ms
// grid: tsnn fires each at the end of the step that holds it, as NEST (docs/porting.md, "Spike times follow NEST's
// grid"), and Brian2 was given those grid times (minus its one-step shift). Linear model, exact on both sides: spikes on the same step,
// v to float32 (1e-3 mV).
test('IF_curr_exp2.py: IF_curr_exp driven by 200 NumpyRNG-drawn input spikes, dt = 0.01 ms', async () => {
  const ref = fixture('IF_curr_exp2');
  await sim.setup({ timestep: ref.dt, minDelay: 2.0, maxDelay: 4.0 });
  const ifcell = sim.create(new sim.IF_curr_exp(ref.params));
  const spikeSource = sim.create(new sim.SpikeSourceArray({ spike_times: ref.input_spike_times_raw }));
  sim.connect(spikeSource, ifcell, { weight: ref.weight, receptorType: 'excitatory', delay: ref.delay });
  ifcell.record('spikes');
  ifcell.record('v');
  spikeSource.record('spikes');
  sim.initialize(ifcell, { v: ref.v_init });
  await sim.run(ref.simtime);
  const seg = (await ifcell.getData()).segments[0]!;
  const sourceTimes = spikesOf((await spikeSource.getData()).segments[0]!)[0]!;
  await sim.end();
  // the source emits each raw time at the end of its 0.01 ms step
  assertClose(sourceTimes, ref.input_spike_times, 1e-9, 'source spike times (grid)', 'ceil(t/dt)·dt');
  assert.ok(ref.spikes.length > 10, 'the reference cell fires');
  assertClose(spikesOf(seg)[0]!, ref.spikes, 1e-9, 'spike times', 'Brian2');
  assertClose(samplesAt(seg, 'v', 0, ref.sample_times), ref.v, 1e-3, 'v', 'Brian2');
});

// ---- HH_cond_exp2.py -------------------------------------------------------------------------------------------

// PyNN example: HH_cond_exp2.py (dt 0.001 ms, min_delay 0.1, 20 ms). One HH_cond_exp cell with the example's
// parameters (PyNN's defaults, i_offset 1 nA), initial v -64 mV. Changes: tsnn records v and spikes (the example
// records v, and m, h, n through a Brian2-only hack: tsnn's HH_cond_exp does not record gating variables).
// The truth is the accurate solution in the fixture (SciPy DOP853 to 1e-10, NEST's hh_cond_exp_traub spike rule:
// the step where v > v_offset + 30 mV falls past its peak, then 2 ms refractory), not Brian2: its exponential Euler
// lags the accurate solution by up to 15 mV on the upstrokes even at dt 0.001 ms ('brian2_vs_accurate_max_abs_v').
// Tolerances: spike times within one step (0.001 ms: the peak lies between two samples and either may be the
// first past it; measured: the same step); v within 0.01 mV at samples every 0.25 ms (the reference's own error is
// below 1e-5 mV, float32 recording 4e-6 mV; 0.01 mV is a 2e-5 ms phase error on a 500 mV/ms upstroke; measured
// 4e-6 mV). Against Brian2, at samples more than 1 ms from any spike: v within Brian2's own largest distance from
// the accurate solution there (0.18 mV, its first-order error) plus 0.01 mV.
test('HH_cond_exp2.py: Hodgkin-Huxley cell under i_offset = 1 nA, dt = 0.001 ms', async () => {
  const ref = fixture('HH_cond_exp2');
  await sim.setup({ timestep: ref.dt, minDelay: 0.1 });
  const hhcell = sim.create(new sim.HH_cond_exp(ref.params));
  sim.initialize(hhcell, { v: ref.v_init });
  hhcell.record(['v', 'spikes']);
  await sim.run(ref.simtime);
  const seg = (await hhcell.getData()).segments[0]!;
  await sim.end();
  const acc = ref.accurate;
  assert.ok(acc.spikes.length === 3, 'the accurate cell fires three times');
  assertClose(spikesOf(seg)[0]!, acc.spikes, 0.0011, 'spike times', 'accurate');
  const v = samplesAt(seg, 'v', 0, ref.sample_times);
  assertClose(v, acc.v, 0.01, 'v', 'accurate');
  const away = ref.sample_times.map((t: number, k: number) => [t, k] as const)
    .filter(([t]: readonly [number, number]) => acc.spikes.every((s: number) => Math.abs(t - s) > 1.0));
  const brian2Error = away.reduce((m: number, [, k]: readonly [number, number]) => Math.max(m, Math.abs(ref.brian2.v[k] - acc.v[k])), 0);
  assertClose(away.map(([, k]: readonly [number, number]) => v[k]!), away.map(([, k]: readonly [number, number]) => ref.brian2.v[k]), brian2Error + 0.01, 'v more than 1 ms from a spike', 'Brian2');
});

// ---- reset_example.py ------------------------------------------------------------------------------------------

// PyNN example: reset_example.py (dt 0.1 ms, setup's default). One HH_cond_exp cell (PyNN's defaults), a DCSource
// on [20, 80) ms whose amplitude is set to -0.2, -0.1, 0, 0.1, 0.2 nA before each of five 100 ms runs, each run
// followed by reset({ annotations: { amplitude } }). The example's Population(1, sim.HH_cond_exp) passes the class;
// here an instance, sim.HH_cond_exp() (PyNN 0.10.1 fails on the class without cellparams; tsnn takes it with a
// deprecation warning). Checked: five segments, each annotated with its
// amplitude (a number in nA here, a quantity in PyNN), each starting at t = 0 with 1001 samples, from v = -65 mV
// (reset() restores the initial values), as in Brian2's output; and each segment's v and spikes against the
// accurate solution of that segment (SciPy DOP853 to 1e-10; DC driving the integration from t = 20 to t = 80).
// Tolerances: spikes within one step (0.1 ms: the peak lies between two samples and either may be the first past
// it; measured: the same step); v within 0.01 mV at samples every 2.5 ms (the reference's error is below 1e-5 mV,
// float32 recording 4e-6 mV; 0.01 mV allows a 2e-5 ms phase error on an upstroke; measured 1.6e-4 mV). Brian2 (exponential Euler at dt 0.1) diverges to NaN at the first action potential, so it is compared
// only in the three sub-threshold segments: within its own distance from the accurate solution plus 0.01 mV.
test('reset_example.py: five runs of one HH cell under different DC amplitudes, separated by reset()', async () => {
  const ref = fixture('reset_example');
  await sim.setup();
  assert.is(sim.getTimeStep(), ref.dt);
  const cell = new sim.Population(1, new sim.HH_cond_exp());
  const stepCurrent = new sim.DCSource({ start: ref.dc_start, stop: ref.dc_stop });
  stepCurrent.injectInto(cell);
  cell.record(['v', 'spikes']);
  for (const amp of ref.amplitudes as number[]) {
    stepCurrent.amplitude = amp;
    await sim.run(ref.run);
    await sim.reset({ annotations: { amplitude: amp } });
  }
  const data = await cell.getData();
  await sim.end();
  assert.is(data.segments.length, ref.n_segments, 'one segment per run');
  const T = ref.sample_times as number[];
  ref.segments.forEach((want: any, s: number) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const seg = data.segments[s]!;
    const vm = seg.filter({ name: 'v' })[0]!;
    assert.is(seg.annotations.amplitude, want.amplitude_nA, `segment ${s} amplitude annotation`);
    assert.is(vm.tStart, want.brian2_t_start, `segment ${s} t_start`);
    assert.is(vm.column(0).length, want.brian2_n_samples, `segment ${s} sample count`);
    assertClose(spikesOf(seg)[0]!, want.accurate_spikes, 0.1 + 1e-9, `segment ${s} (${want.amplitude_nA} nA) spikes`, 'accurate');
    const v = samplesAt(seg, 'v', 0, T);
    assertClose(v, want.accurate_v, 0.01, `segment ${s} (${want.amplitude_nA} nA) v`, 'accurate');
    if (want.brian2_v !== null) {
      assertClose(v, want.brian2_v, want.brian2_vs_accurate_max_abs_v + 0.01, `segment ${s} (${want.amplitude_nA} nA) v`, 'Brian2');
    } else {
      assert.ok(want.accurate_spikes.length > 0, `Brian2 diverged only where the cell spikes (segment ${s})`);
    }
  });
});

// ---- random_distributions.py -----------------------------------------------------------------------------------

/** Counts of `values` in the bins [b[k], b[k+1]) (the last bin closed, as numpy.histogram), below and above. */
function histogram(values: readonly number[], bins: readonly number[]): { counts: number[]; below: number; above: number } {
  const counts = new Array<number>(bins.length - 1).fill(0);
  let below = 0;
  let above = 0;
  const lo = bins[0]!;
  const hi = bins[bins.length - 1]!;
  for (const x of values) {
    if (x < lo) ++below;
    else if (x > hi) ++above;
    else {
      let k = Math.min(Math.floor(((x - lo) / (hi - lo)) * (bins.length - 1)), bins.length - 2);
      while (k > 0 && x < bins[k]!) --k; // floating point at the edges: numpy's searchsorted rule
      while (k < bins.length - 2 && x >= bins[k + 1]!) ++k;
      counts[k]! += 1;
    }
  }
  return { counts, below, above };
}

// PyNN example: random_distributions.py. 100000 draws of uniform(low -65, high -55), gamma(k 2, theta 0.5),
// normal(mu -1, sigma 0.5) and exponential(beta 10) from NumpyRNG(seed=984527) and GSLRNG(seed=668454), histogrammed on
// the example's 99 bins, where the example plots them against the scipy.stats density. tsnn's generators are Philox
// (docs/porting.md), so its draws are compared as distributions, with fixed seeds (each check would fail wrongly
// with probability about 1e-3 or less for a correct generator; the seeds are fixed, so the outcome is too):
// - against the analytic distribution (scipy.stats, in the fixture): sample mean within 4 standard errors
//   (sqrt(var/n)), sample variance within 4 standard errors (sqrt((mu4 - var^2)/n)); the histogram, with the counts
//   below and above the bins as two more bins and bins merged to an expected count of at least 5, by Pearson's
//   chi-squared at alpha = 0.001; every value inside the support;
// - against PyNN's own draws (NumpyRNG, in the fixture): the two histograms by the chi-squared test of homogeneity
//   (sum (a - b)^2 / (a + b) over bins with a + b >= 10, df = bins - 1) at alpha = 0.001.
// PyNN's side has no GSLRNG here (no pygsl): tsnn's GSLRNG is checked against the analytic distribution only.
test('random_distributions.py: uniform, gamma, normal and exponential draws of NumpyRNG and GSLRNG', () => {
  const ref = fixture('random_distributions');
  const n: number = ref.n;
  const rngs = [new sim.NumpyRNG({ seed: ref.seed }), new sim.GSLRNG({ seed: ref.gsl_seed })];
  for (const rng of rngs) {
    for (const c of ref.cases) {
      const what = `${rng.constructor.name}.${c.distribution}(${JSON.stringify(c.parameters)})`;
      const rd = new sim.RandomDistribution(c.distribution, c.parameters, rng);
      const values = rd.next(n);
      assert.is(values.length, n, `${what}: ${n} values`);
      const [lo, hi] = c.support as [number | null, number | null];
      assert.ok(values.every((x) => Number.isFinite(x) && (lo === null || x >= lo) && (hi === null || x <= hi)), `${what}: values inside the support [${lo}, ${hi}]`);
      const mean = values.reduce((a, x) => a + x, 0) / n;
      const variance = values.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
      const seMean = Math.sqrt(c.var / n);
      const seVar = Math.sqrt((c.mu4 - c.var * c.var) / n);
      if (process.env.TSNN_DEBUG) console.log(`${what}: mean ${mean} (${((mean - c.mean) / seMean).toFixed(2)} SE), var ${variance} (${((variance - c.var) / seVar).toFixed(2)} SE)`);
      assert.ok(Math.abs(mean - c.mean) <= 4 * seMean, `${what}: mean ${mean} vs ${c.mean} (4 SE = ${4 * seMean})`);
      assert.ok(Math.abs(variance - c.var) <= 4 * seVar, `${what}: variance ${variance} vs ${c.var} (4 SE = ${4 * seVar})`);
      const h = histogram(values, c.bins);
      const observed = [h.below, ...h.counts, h.above];
      const expected = [c.expected_below, ...c.expected_counts, c.expected_above];
      const merged = mergeBins(observed, expected);
      const x2 = chiSquared(merged.observed, merged.expected);
      const crit = chiSquaredCritical(merged.observed.length - 1, Z_999);
      if (process.env.TSNN_DEBUG) console.log(`${what}: chi2 vs analytic ${x2.toFixed(1)} (critical ${crit.toFixed(1)})`);
      assert.ok(x2 <= crit, `${what}: histogram vs the analytic distribution, chi-squared ${x2} > ${crit} (df ${merged.observed.length - 1})`);
      if (rng instanceof sim.NumpyRNG) {
        const pynn = [c.pynn_below, ...c.pynn_counts, c.pynn_above];
        let hx = 0;
        let bins = 0;
        observed.forEach((a, k) => {
          const b = pynn[k]!;
          if (a + b >= 10) {
            hx += (a - b) ** 2 / (a + b);
            ++bins;
          }
        });
        const hcrit = chiSquaredCritical(bins - 1, Z_999);
        if (process.env.TSNN_DEBUG) console.log(`${what}: chi2 vs PyNN's draws ${hx.toFixed(1)} (critical ${hcrit.toFixed(1)})`);
        assert.ok(hx <= hcrit, `${what}: histogram vs PyNN's NumpyRNG histogram, chi-squared ${hx} > ${hcrit} (df ${bins - 1})`);
      }
    }
  }
});

// ---- random_numbers.py -----------------------------------------------------------------------------------------

// PyNN example: random_numbers.py (dt 0.1 ms, 100 ms). 10 SpikeSourcePoisson (100 Hz) onto 10 IF_cond_exp cells
// (tau_m ~ normal(15, 2) and initial v ~ uniform(v_rest, v_thresh), from NumpyRNG(98497627)); p2.sample(3, rng)
// records v; two FixedProbabilityConnector(0.7) projections with gamma(k 2, theta 0.5) weights, delay 0.5 ms, one
// from the NumpyRNG, one from NativeRNG(87354762). Unchanged here (pyNN.brian2 has no NativeRNG: its reference runs
// use a second NumpyRNG). Every quantity is random; checked against the analytic distributions, at about 4
// standard deviations (a correct generator fails about once in 10^4 seeds, and the seeds are fixed):
// - source spikes: Poisson(10 x 100 Hz x 0.1 s = 100), within 4 sqrt(100);
// - connections per projection: Binomial(100, 0.7), within 4 sqrt(100 x 0.7 x 0.3); the two matrices differ;
// - weights (both projections pooled): all > 0, mean within 4 sqrt(0.5 / count) of k theta = 1 uS;
// - tau_m: the 10 values' mean within 4 x 2 / sqrt(10) of 15 ms, not all equal; the sampled cells' initial v (their
//   first sample) inside [-65, -50), three distinct cells recorded;
// and, against the reference runs (6 seed pairs, the example's first): the cells' mean spike count (they receive
// about 3.5 uS against a 0.067 uS leak and fire on nearly every step tau_refrac allows, at most about 500 in
// 100 ms) within 4 standard deviations of the difference between one run and the runs' mean (sqrt(1 + 1/6) x the
// runs' spread: 36 spikes). Measured: tsnn 453, the runs 466 to 489 (mean 477). Part of that 5% may be Brian2's forward
// Euler (at 3.5 uS a Brian2 step moves v 36% of the way to the synaptic reversal where the exact solution moves it
// 30%, so Brian2 can reach threshold a step earlier after its refractory step); it is not separated here, and the
// tolerance gives it nothing extra. The same construction checks are applied to each reference run.
test('random_numbers.py: NumpyRNG and NativeRNG drive parameters, initial values, sampling and connectivity', async () => {
  const ref = fixture('random_numbers');
  await sim.setup({ seed: 7 });
  const pythonRng = new sim.NumpyRNG({ seed: 98497627 });
  const nativeRng = new sim.NativeRNG({ seed: 87354762 });
  const cellType = new sim.IF_cond_exp({ tau_m: new sim.RandomDistribution('normal', [15.0, 2.0], pythonRng) });
  const vInit = new sim.RandomDistribution('uniform', [cellType.defaultParameters.v_rest as number, cellType.defaultParameters.v_thresh as number], pythonRng);
  const p1 = new sim.Population(10, new sim.SpikeSourcePoisson({ rate: 100.0 }));
  const p2 = new sim.Population(10, cellType, { initialValues: { v: vInit } });
  p1.record('spikes');
  p2.record('spikes');
  const sample = p2.sample(3, pythonRng);
  sample.record('v');
  const gamma = (rng: sim.NumpyRNG | sim.NativeRNG) => new sim.RandomDistribution('gamma', { k: 2.0, theta: 0.5 }, rng);
  const projectionNative = new sim.Projection(p1, p2, new sim.FixedProbabilityConnector(0.7, { rng: nativeRng }), new sim.StaticSynapse({ weight: gamma(nativeRng), delay: 0.5 }));
  const projectionPython = new sim.Projection(p1, p2, new sim.FixedProbabilityConnector(0.7, { rng: pythonRng }), new sim.StaticSynapse({ weight: gamma(pythonRng), delay: 0.5 }));
  const weightsPython = (await projectionPython.get('weight', { format: 'array' })) as unknown as ArrayLike<ArrayLike<number>>;
  const weightsNative = (await projectionNative.get('weight', { format: 'array' })) as unknown as ArrayLike<ArrayLike<number>>;
  await sim.run(ref.simtime);
  const tauM = p2.get('tau_m') as ArrayLike<number>;
  const seg2 = (await p2.getData()).segments[0]!;
  const sourceCount = [...p1.getSpikeCounts().values()].reduce((a, b) => a + b, 0);
  const cellCounts = [...p2.getSpikeCounts().values()];
  await sim.end();

  const present = (w: ArrayLike<ArrayLike<number>>): number[] => Array.from(w).flatMap((row) => Array.from(row).filter((x) => !Number.isNaN(x)));
  const wp = present(weightsPython);
  const wn = present(weightsNative);
  const vSig = seg2.filter({ name: 'v' })[0]!;
  const vInitSample = Array.from({ length: vSig.channelIndex.length }, (_, k) => vSig.column(k)[0]!);
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sdBinomial = Math.sqrt(100 * 0.7 * 0.3);
  const check = (who: string, r: { python: { connections: number; weight_sum: number }; native: { connections: number; weight_sum: number };
    tau_m: number[]; v_init_sample: number[]; sample_recorded_signals: number; source_spike_count: number }): void => {
    assert.ok(Math.abs(r.source_spike_count - 100) <= 40, `${who}: ${r.source_spike_count} source spikes, expected 100 ± 40`);
    for (const name of ['python', 'native'] as const) {
      assert.ok(Math.abs(r[name].connections - 70) <= 4 * sdBinomial, `${who}: ${r[name].connections} ${name} connections, expected 70 ± ${4 * sdBinomial}`);
    }
    const count = r.python.connections + r.native.connections;
    const wMean = (r.python.weight_sum + r.native.weight_sum) / count;
    assert.ok(Math.abs(wMean - 1.0) <= 4 * Math.sqrt(0.5 / count), `${who}: mean weight ${wMean}, expected 1 ± ${4 * Math.sqrt(0.5 / count)}`);
    assert.ok(Math.abs(mean(r.tau_m) - 15) <= 4 * 2 / Math.sqrt(10), `${who}: mean tau_m ${mean(r.tau_m)}`);
    assert.ok(new Set(r.tau_m).size === 10, `${who}: ten different tau_m`);
    assert.is(r.sample_recorded_signals, 3, `${who}: three sampled cells record v`);
    assert.ok(r.v_init_sample.every((v) => v >= -65 && v < -50), `${who}: initial v ${r.v_init_sample.join(', ')} in [-65, -50)`);
  };
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  check('tsnn', {
    python: { connections: wp.length, weight_sum: sum(wp) }, native: { connections: wn.length, weight_sum: sum(wn) },
    tau_m: Array.from(tauM), v_init_sample: vInitSample, sample_recorded_signals: vSig.channelIndex.length, source_spike_count: sourceCount,
  });
  ref.runs.forEach((r: any, k: number) => check(`Brian2 run ${k}`, r)); // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.ok(wp.concat(wn).every((w) => w > 0), 'gamma weights are positive');
  assert.ok(wp.length !== wn.length || wp.some((w, k) => w !== wn[k]), 'the NumpyRNG and NativeRNG weight matrices differ');
  const runMeans: number[] = ref.runs.map((r: { cell_spike_counts: number[] }) => mean(r.cell_spike_counts));
  const m = mean(runMeans);
  const sd = Math.sqrt(runMeans.reduce((a, x) => a + (x - m) ** 2, 0) / (runMeans.length - 1));
  const tol = 4 * sd * Math.sqrt(1 + 1 / runMeans.length);
  if (process.env.TSNN_DEBUG) console.log(`random_numbers: tsnn cell counts ${cellCounts.join(', ')} (mean ${mean(cellCounts)}), Brian2 run means ${runMeans.join(', ')} (tolerance ${tol})`);
  assert.ok(Math.abs(mean(cellCounts) - m) <= tol, `mean cell spike count ${mean(cellCounts)} vs Brian2 ${m} ± ${tol} (runs ${runMeans.join(', ')})`);
});

// ---- one_neuron_noise_example.py -------------------------------------------------------------------------------

// PyNN example: one_neuron_noise_example.py (dt 0.1 ms, 1000 ms). One IF_curr_alpha cell driven by two
// SpikeSourcePoisson of 80000 and 15000 Hz through an AllToAllConnector, then prj.setWeights([0.0012, 0.001]) and
// prj.setDelays([1, 1]); unchanged here. The reference is not the example on pyNN.brian2 as written: its PoissonGroup
// emits at most one spike per step, so both sources fire on every step (10000 Hz; 'as_written' in the fixture: 20000
// source spikes, no output spike), where NEST's poisson_generator (PyNN's reference, and tsnn) sends a Poisson number
// of events per step. The reference runs the same input as 800 + 150 sources of 100 Hz (a superposition of Poisson
// processes is Poisson) with 8 seeds. Checked:
// - the sources' spike counts against Poisson(80000) and Poisson(15000): within 4 standard deviations (sqrt);
// - the weights and delays set by setWeights/setDelays read back as set;
// - the output spike count and the mean and standard deviation of v over [100, 1000) ms against the reference runs:
//   within 4 standard deviations of their spread (times sqrt(1 + 1/8)), and at least 2 spikes, 0.1 mV and 0.05 mV
//   (their spread is so small, 0.5 spikes and 0.02 mV, that 8 runs estimate it poorly).
test('one_neuron_noise_example.py: IF_curr_alpha under 80 kHz + 15 kHz Poisson input', async () => {
  const ref = fixture('one_neuron_noise_example');
  await sim.setup({ timestep: ref.dt, seed: 11 });
  const cellType = new sim.IF_curr_alpha(ref.cell_params);
  const neuron = new sim.Population(1, cellType, { label: 'Neuron' });
  neuron.record(['v', 'spikes']);
  const poissonNoiseGenerators = new sim.Population(2, new sim.SpikeSourcePoisson({ rate: ref.rates }));
  poissonNoiseGenerators.record('spikes');
  const syn = new sim.StaticSynapse({ weight: 0.0012, delay: 1 });
  const prj = new sim.Projection(poissonNoiseGenerators, neuron, new sim.AllToAllConnector(), syn);
  await prj.setWeights(ref.weights);
  await prj.setDelays([1, 1]);
  await sim.run(ref.simtime);
  const seg = (await neuron.getData()).segments[0]!;
  const sourceCounts = (await poissonNoiseGenerators.getData()).segments[0]!.spiketrains.map((st) => st.times.length);
  const weights = (await prj.get('weight', { format: 'list', withAddress: false })) as unknown as number[];
  const delays = (await prj.get('delay', { format: 'list', withAddress: false })) as unknown as number[];
  await sim.end();
  assertClose(weights.map(Number), ref.weights, 1e-9, 'weights after setWeights', 'set');
  assertClose(delays.map(Number), [1, 1], 1e-9, 'delays after setDelays', 'set');
  ref.rates.forEach((rate: number, k: number) => {
    const mean = (rate * ref.simtime) / 1000;
    assert.ok(Math.abs(sourceCounts[k]! - mean) <= 4 * Math.sqrt(mean), `source ${k}: ${sourceCounts[k]} spikes, expected ${mean} ± ${4 * Math.sqrt(mean)}`);
  });
  const count = seg.spiketrains[0]!.times.length;
  const col = seg.filter({ name: 'v' })[0]!.column(0);
  const w = Array.from(col).slice(Math.round(ref.window[0] / ref.dt), Math.round(ref.window[1] / ref.dt));
  const meanV = w.reduce((a, x) => a + x, 0) / w.length;
  const stdV = Math.sqrt(w.reduce((a, x) => a + (x - meanV) ** 2, 0) / w.length);
  const k = Math.sqrt(1 + 1 / ref.runs.length);
  const got: Record<string, number> = { spike_count: count, mean_v: meanV, std_v: stdV };
  const floor: Record<string, number> = { spike_count: 2, mean_v: 0.1, std_v: 0.05 };
  for (const key of ['spike_count', 'mean_v', 'std_v']) {
    const s = ref.stats[key];
    const tol = Math.max(4 * s.std * k, floor[key]!);
    if (process.env.TSNN_DEBUG) console.log(`one_neuron_noise ${key}: tsnn ${got[key]}, Brian2 ${s.mean} ± ${s.std} (tolerance ${tol})`);
    assert.ok(Math.abs(got[key]! - s.mean) <= tol, `${key}: tsnn ${got[key]} vs Brian2 runs ${s.mean} ± ${tol}`);
  }
});

test.run();
