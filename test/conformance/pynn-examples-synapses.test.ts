// PyNN's own example scripts (NeuralEnsemble/PyNN examples/), rebuilt with tsnn's public API on the wasm backend
// and compared with the same networks run on PyNN 0.10.1 + Brian2 2.5.1 (test/reference/pynn_examples/*_brian2.py,
// fixtures in test/fixtures/pynn_examples/). Each test names the example it follows; each tolerance says why.
// Where pyNN.brian2 and NEST disagree, NEST's semantics are tsnn's reference (DESIGN.md §4).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { fixture } from './pynn-example-fixtures.js';

const range = (start: number, stop: number, step: number): number[] => {
  const out: number[] = [];
  for (let t = start; t < stop - 1e-9; t += step) out.push(t);
  return out;
};
/** Sample k of a column at time t (samples every `dt` from 0). */
const at = (column: ArrayLike<number>, t: number, dt: number): number => column[Math.round(t / dt)]!;

// ---- simple_STDP.py -----------------------------------------------------------------------------------------------

// PyNN example: simple_STDP.py. 60 sources firing every 100 ms, 1 ms apart; one IF_cond_exp cell driven to fire at
// 100, 200, ... ms; STDP (SpikePairRule tau 20/20, A 0.01/0.012, additive, w_max 1e-7) on weights too small to
// matter. pyNN.brian2 only accepts dendritic_delay_fraction 0 (the 3 ms delay axonal: the pair interval seen by the
// synapse is t_post - t_pre - 3), tsnn only 1 (dendritic, as NEST: t_post + 3 - t_pre). With 1 ms between
// neighbouring sources, source i in tsnn sees the intervals that source i - 6 sees in Brian2, so tsnn's weight
// change of source i is compared with Brian2's of source i - 6 (i = 6..59).
test('simple_STDP: post spike times, membrane samples and the STDP window match PyNN+Brian2', async () => {
  const ref = fixture('simple_STDP');
  const period = 100;
  const n = 60;
  const delay = 3;
  const tStop = 10 * period + n * 1.0;
  await sim.setup({ timestep: 0.01, minDelay: delay, maxDelay: delay });
  const pre = new sim.Population(
    n,
    new sim.SpikeSourceArray({ spike_times: (i: number) => new sim.Sequence(range(period + (i - n / 2), tStop, period)) }),
    { label: 'presynaptic' },
  );
  const post = new sim.Population(
    1,
    new sim.IF_cond_exp({ tau_m: 10, v_thresh: -50, v_reset: -60, v_rest: -60, cm: 1, tau_refrac: period / 2 }),
    { initialValues: { v: -60 }, label: 'postsynaptic' },
  );
  const driver = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: range(period - delay, tStop, period) }));
  const stdp = new sim.STDPMechanism({
    timingDependence: new sim.SpikePairRule({ tau_plus: 20, tau_minus: 20, A_plus: 0.01, A_minus: 0.012 }),
    weightDependence: new sim.AdditiveWeightDependence({ w_min: 0, w_max: 1e-7 }),
    weight: 5e-8,
    delay,
  });
  const plastic = new sim.Projection(pre, post, new sim.AllToAllConnector(), stdp);
  new sim.Projection(driver, post, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 10, delay }));
  post.record(['spikes', 'v']);
  await sim.run(tStop);
  const seg = (await post.getData()).segments[0]!;
  const weights = (await plastic.get('weight', { format: 'array' })) as number[][];
  await sim.end();

  // Spike times: the driver's conductance jump crosses threshold 2 steps after arrival in both. Brian2 delivers
  // one step later and reports one step earlier than NEST (test/reference/brian2_timing.py), which cancel; allow
  // one step (0.01 ms) for Euler vs exact integration of the 2-step rise.
  const times = Array.from(seg.spiketrains[0]!.times);
  assert.is(times.length, ref.post_spike_times.length, `post spikes ${times.join(', ')}`);
  times.forEach((t, k) => assert.ok(Math.abs(t - ref.post_spike_times[k]) <= 0.0101, `spike ${k}: ${t} vs ${ref.post_spike_times[k]}`));

  // v: resting at -60 except the decaying tail of the driver's 10 uS conductance after the 50 ms refractory
  // period (a few 0.01 mV); Brian2 integrates IF_cond_exp with forward Euler at dt 0.01: 0.005 mV covers it.
  const v = seg.filter({ name: 'v' })[0]!.column(0);
  ref.v_sample_times.forEach((t: number, k: number) => {
    assert.ok(Math.abs(at(v, t, 0.01) - ref.v_samples[k]) < 0.005, `v(${t}) ${at(v, t, 0.01)} vs ${ref.v_samples[k]}`);
  });

  // Weight changes (w - 5e-8, of order 1e-9): the pair intervals are equal after the 6-source shift up to the
  // post spike's place on the 0.01 ms grid, which changes exp(-dt/20) by < 0.1 %; 0.5 % of the change plus 1e-13
  // (float32 storage of the initial 5e-8 is 1.5e-15) covers it.
  const w0 = ref.initial_weight;
  for (let i = 6; i < n; ++i) {
    const got = weights[i]![0]! - w0;
    const want = ref.final_weights[i - 6] - w0;
    assert.ok(Math.abs(got - want) <= 0.005 * Math.abs(want) + 1e-13, `source ${i}: dw ${got} vs Brian2 source ${i - 6}: ${want}`);
  }
  // The window's sign change: depression for sources firing at or after t_post + 3 ms (i >= 34 in tsnn).
  assert.ok(weights[33]![0]! > w0 && weights[34]![0]! < w0, `dw[33] ${weights[33]![0]! - w0}, dw[34] ${weights[34]![0]! - w0}`);
});

// ---- tsodyksmarkram.py --------------------------------------------------------------------------------------------

const TM_SPIKES = [10, 20, 30, 40, 50, 60, 70, 80, 90];
const TM_TAU_SYN_I = [1.2, 6.7, 4.3];

/** gsyn_inh at t of a cell that received `releases[k]` uS at TM_SPIKES[k] + 0.5 ms: IF_cond_exp's exact decay, or
 *  with `eulerDt` forward Euler's (1 - dt/tau)^n, as Brian2 integrates it. */
function gsynFromReleases(releases: readonly number[], tauSyn: number, t: number, eulerDt?: number): number {
  let g = 0;
  releases.forEach((w, k) => {
    const arrival = TM_SPIKES[k]! + 0.5;
    if (t < arrival - 1e-9) return;
    g += eulerDt ? w * (1 - eulerDt / tauSyn) ** Math.round((t - arrival) / eulerDt) : w * Math.exp(-(t - arrival) / tauSyn);
  });
  return g;
}

// PyNN example: tsodyksmarkram.py. One source firing every 10 ms from 10 to 90 ms; three populations of 3 IF_cond_exp
// cells (tau_syn_I 1.2, 6.7, 4.3 ms) reached by static, depressing (U 0.5, tau_rec 800) and facilitating (U 0.04,
// tau_rec 100, tau_facil 1000) inhibitory synapses, weight 0.01 uS, delay 0.5 ms; 200 ms at dt 0.1.
test('tsodyksmarkram: static synapse traces match PyNN+Brian2; TM releases follow NEST tsodyks_synapse', async () => {
  const ref = fixture('tsodyksmarkram');
  await sim.setup({ timestep: 0.1 });
  const source = new sim.Population(1, new sim.SpikeSourceArray({ spike_times: TM_SPIKES }));
  const synapses: Record<string, sim.StaticSynapse | sim.TsodyksMarkramSynapse> = {
    static: new sim.StaticSynapse({ weight: 0.01, delay: 0.5 }),
    depressing: new sim.TsodyksMarkramSynapse({ U: 0.5, tau_rec: 800, tau_facil: 0, weight: 0.01, delay: 0.5 }),
    facilitating: new sim.TsodyksMarkramSynapse({ U: 0.04, tau_rec: 100, tau_facil: 1000, weight: 0.01, delay: 0.5 }),
  };
  const pops: Record<string, sim.Population> = {};
  for (const [label, synapse] of Object.entries(synapses)) {
    pops[label] = new sim.Population(3, new sim.IF_cond_exp({ e_rev_I: -75, tau_syn_I: TM_TAU_SYN_I }), { label });
    pops[label]!.record(['v', 'gsyn_inh']);
    new sim.Projection(source, pops[label]!, new sim.AllToAllConnector(), synapse, { receptorType: 'inhibitory' });
  }
  await sim.run(200);
  const traces: Record<string, { g: Float64Array[] | number[][]; v: number[][] }> = {};
  for (const [label, pop] of Object.entries(pops)) {
    const seg = (await pop.getData()).segments[0]!;
    const g = seg.filter({ name: 'gsyn_inh' })[0]!;
    const v = seg.filter({ name: 'v' })[0]!;
    traces[label] = { g: [0, 1, 2].map((c) => Array.from(g.column(c))), v: [0, 1, 2].map((c) => Array.from(v.column(c))) };
  }
  await sim.end();
  const every = ref.sample_every_ms as number;

  // Static: the fixture's Brian2 run has the source at t - dt, which puts Brian2 on NEST's schedule sample for
  // sample (test/reference/brian2_timing.py). pyNN.brian2 integrates the whole IF_cond_exp group (gsyn included)
  // with forward Euler at 0.1 ms: a jump w decays by (1 - dt/tau)^n instead of exp(-n dt/tau) (up to 1.5 % of the
  // jump for tau 1.2 ms); tsnn's decay is exact. So each sample may differ by Euler's own error there, computed
  // from the two closed forms, with 5 % slack and 1e-8 uS for float32 samples and weights.
  // v: Euler's error on a membrane moved by ~2 mV is a few 0.01 mV: 0.1 mV.
  const st = ref.populations.static;
  const staticReleases = TM_SPIKES.map(() => 0.01);
  for (let c = 0; c < 3; ++c) {
    const tau = TM_TAU_SYN_I[c]!;
    st.gsyn_inh[c].forEach((want: number, k: number) => {
      const t = k * every;
      const got = at(traces.static!.g[c]!, t, 0.1);
      const eulerError = Math.abs(gsynFromReleases(staticReleases, tau, t) - gsynFromReleases(staticReleases, tau, t, 0.1));
      assert.ok(Math.abs(got - want) <= 1.05 * eulerError + 1e-8, `static cell ${c} gsyn(${t}) ${got} vs ${want}`);
    });
    st.v[c].forEach((want: number, k: number) => {
      const got = at(traces.static!.v[c]!, k * every, 0.1);
      assert.ok(Math.abs(got - want) <= 0.1, `static cell ${c} v(${k * every}) ${got} vs ${want}`);
    });
  }

  // Depressing and facilitating: NEST's tsodyks_synapse (x + y + z = 1, y -> z with tau_psc = tau_syn_I, z -> x
  // with tau_rec), evaluated exactly in the fixture ('nest_release'), is the reference; the gsyn trace it implies is
  // the sum of decaying releases. 1e-8 uS (1e-6 of a full jump) covers float32 samples. The first release (before
  // any depression or facilitation, weight * U) must also equal Brian2's, where the two models cannot differ yet.
  for (const label of ['depressing', 'facilitating']) {
    const entry = ref.populations[label];
    for (let c = 0; c < 3; ++c) {
      for (let k = 0; k * every <= 200; ++k) {
        const t = k * every;
        const want = gsynFromReleases(entry.nest_release[c], TM_TAU_SYN_I[c]!, t);
        const got = at(traces[label]!.g[c]!, t, 0.1);
        assert.ok(Math.abs(got - want) <= 1e-8, `${label} cell ${c} gsyn(${t}) ${got} vs NEST ${want}`);
      }
      const first = Math.round(10.5 / every);
      assert.ok(Math.abs(at(traces[label]!.g[c]!, 10.5, 0.1) - entry.gsyn_inh[c][first]) <= 1e-8, `${label} first release vs Brian2`);
    }
  }
});

// The depressing and facilitating releases are not compared with pyNN.brian2 0.10.1 itself: its TsodyksMarkram
// equations (pyNN/brian2/standardmodels/synapses.py) have dz/dt = +z/tau_rec and never move y into z, so the
// resources recover with tau_syn instead of tau_rec (releases 5.0, 2.98, 3.79, ... nS instead of NEST's 5.0, 2.52,
// 1.30, ... for the depressing synapse), and `u = int(u > U)*U + ...` caps u at U, so nothing facilitates. NEST's
// closed form (above) is the reference; only the first release, where they agree, is compared with Brian2.

// ---- parameter_changes.py -----------------------------------------------------------------------------------------

// PyNN example: parameter_changes.py. One EIF_cond_exp_isfa_ista cell (v_thresh -55, tau_refrac 5) under 1 nA
// pulses (50-200, 250-400, 450-600, 650-800 ms); its subthreshold adaptation a set to 0, 4, 20, 100 nS before
// each of four 200 ms runs (dt 0.01). The state carries over between runs; only a changes.
test('parameter_changes: EIF spike trains under a changed between runs match PyNN+Brian2', async () => {
  const ref = fixture('parameter_changes');
  await sim.setup({ timestep: 0.01 });
  const cell = new sim.Population(1, new sim.EIF_cond_exp_isfa_ista({ v_thresh: -55, tau_refrac: 5 }));
  cell.inject(new sim.StepCurrentSource({ times: [50, 200, 250, 400, 450, 600, 650, 800], amplitudes: [1, 0, 1, 0, 1, 0, 1, 0] }));
  cell.record(['v', 'spikes']);
  for (const a of ref.a_values as number[]) {
    cell.set({ a });
    await sim.run(200);
  }
  const seg = (await cell.getData()).segments[0]!;
  const v = Array.from(seg.filter({ name: 'v' })[0]!.column(0));
  const times = Array.from(seg.spiketrains[0]!.times);
  await sim.end();
  // Brian2 fires once more, at 400.72 ms, 0.72 ms after the second pulse ends: its train runs ahead of tsnn's by
  // 0.4 ms at that point (the threshold difference below), so its fifth upswing is already past the point of no return when the
  // current stops, and tsnn's (due ~401.2 ms) is not. A spike within 1 ms after a pulse ends is such a borderline
  // event; those are taken out of Brian2's train before comparing. Every other spike must be matched one to one.
  const offTimes = [200, 400, 600, 800];
  const borderline = (t: number) => offTimes.some((off) => t > off && t <= off + 1);
  const want = (ref.spike_times as number[]).filter((t) => !borderline(t));
  const mine = times.filter((t) => !borderline(t));
  assert.is(mine.length, want.length, `tsnn ${times.join(', ')} vs Brian2 ${ref.spike_times.join(', ')}`);
  // Spike times: tsnn's interspike intervals are ~0.01-0.05 ms longer than Brian2's, and the shift accumulates
  // along the train (0.3 ms by 327 ms). The cause is pyNN.brian2 0.10.1's AdaptiveNeuronGroup, which fires at
  // v_thresh + 5·delta_T (-45 mV here; pyNN/brian2/cells.py) instead of at v_spike (-40, NEST's V_peak, which tsnn
  // follows): it skips 0.04-0.07 ms of upswing per interval, which is also why it fires once more at 400.72 ms.
  // Checked against a SciPy solution with NEST's conventions (DOP853, rtol 1e-11): tsnn at dt 0.01 is within
  // 0.035 ms of it and converges linearly with dt; tsnn given v_spike -45 gives Brian2's 24 spikes. The rest is
  // Brian2's one-step-shorter refractory period (test/reference/brian2_timing.py). 1 % of the spike time (as PyNN's
  // own EIF scenario allows) bounds it over 800 ms (largest here 0.22 %).
  // In the third run (400-600 ms) Brian2's cell carries the extra spike's adaptation jump (b = 0.0805 nA), so its
  // train is slower there (up to 1.1 %): 2 % in that run.
  mine.forEach((t, k) => {
    const rel = t > 400 && t <= 600 ? 0.02 : 0.01;
    assert.ok(Math.abs(t - want[k]!) <= rel * want[k]!, `spike ${k}: ${t} vs ${want[k]}`);
  });
  // v every 1 ms away from spikes (from 2 ms before to 10 ms after a spike in either train, upswing, reset and refractory period make pointwise v
  // meaningless), and only before 400 ms (after Brian2's extra spike its adaptation current w differs for the rest
  // of the run): the subthreshold trajectory, same Euler argument; 1 mV.
  const near = (t: number) => [...times, ...want].some((s) => t > s - 2 && t < s + 10);
  (ref.v_every_1ms as number[]).forEach((wantV, k) => {
    if (k >= 400 || near(k) || ref.spike_times.some((s: number) => k > s - 2 && k < s + 10)) return;
    assert.ok(Math.abs(at(v, k, 0.01) - wantV) <= 1, `v(${k}) ${at(v, k, 0.01)} vs ${wantV}`);
  });
});

test.run();
