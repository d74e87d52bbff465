// Vogels-Abbott benchmark (CUBA or COBA) on tsnn/wasm: the network of PyNN's examples/VAbenchmarks.py (Brette et
// al. 2007, Benchmarks 1 and 2) and of bench/brian2_vogels_abbott.py. 4000 cells (3200 exc, 800 inh),
// FixedProbability 0.02, delay 0.2 ms, 1 s, 20 Poisson sources at 100 Hz for the first 50 ms (p 0.01, weight 0.1),
// v initial uniform in [v_reset, v_thresh).
//   npx tsx bench/vogels_abbott.ts CUBA|COBA [--threads N] [--backend wasm|server [--server-binary PATH]]
import * as sim from '../frontend/wasm.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';

const benchmark = process.argv[2] ?? 'CUBA';
if (benchmark !== 'CUBA' && benchmark !== 'COBA') throw new Error('usage: vogels_abbott.ts CUBA|COBA [--threads N] [--backend wasm|server [--server-binary PATH]]');
const threads = threadsOption();

// from VAbenchmarks.py: area 20000 um2 and cm 1 uF/cm2 -> 0.2 nF; g_leak 5e-5 S/cm2 -> tau_m = 20 ms
const N = 4000;
const N_EXC = 3200;
const P_CONN = 0.02;
const DELAY = 0.2;
const T_STOP = 1000;
const V_RESET = -60;
const V_THRESH = -50;
const cellParams = {
  tau_m: 20, tau_syn_E: 5, tau_syn_I: 10, v_reset: V_RESET, v_thresh: V_THRESH, cm: 0.2, tau_refrac: 5,
  v_rest: benchmark === 'COBA' ? -60 : -49,
  ...(benchmark === 'COBA' ? { e_rev_E: 0, e_rev_I: -80 } : {}),
};
// COBA: 4 nS and 51 nS in uS; CUBA: the same conductances times the driving force at v_mean = -60 mV, in nA
const W_EXC = benchmark === 'COBA' ? 4e-3 : 1e-3 * 0.27 * (0 - -60);
const W_INH = benchmark === 'COBA' ? 51e-3 : 1e-3 * 4.5 * (-80 - -60);

const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: 98765, threads, backend: provider });
const CellType = benchmark === 'COBA' ? sim.IF_cond_exp : sim.IF_curr_exp;
const rng = new sim.NumpyRNG({ seed: 98765 });
const v0 = () => new sim.RandomDistribution('uniform', { low: V_RESET, high: V_THRESH }, rng);
const exc = new sim.Population(N_EXC, new CellType(cellParams), { label: 'exc', initialValues: { v: v0() } });
const inh = new sim.Population(N - N_EXC, new CellType(cellParams), { label: 'inh', initialValues: { v: v0() } });
const ext = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 100, duration: 50 }), { label: 'ext' });
const connect = (pre: sim.Population, post: sim.Population, p: number, weight: number, receptorType: string) =>
  new sim.Projection(pre, post, new sim.FixedProbabilityConnector(p, { rng }), new sim.StaticSynapse({ weight, delay: DELAY }), {
    receptorType,
  });
for (const post of [exc, inh]) {
  connect(exc, post, P_CONN, W_EXC, 'excitatory');
  connect(inh, post, P_CONN, W_INH, 'inhibitory');
  connect(ext, post, 0.01, 0.1, 'excitatory');
}
exc.record('spikes');
inh.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0); // builds the network (createSession), timed by the observed backend
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([exc, inh]);
await sim.end();
await stop();
print(figures(`vogels_abbott_${benchmark}`, report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, N, spikes));
