// COBAHH (Brette et al. 2007, Benchmark 3; Brian2's examples/COBAHH.py) on tsnn/wasm: 4000 Hodgkin-Huxley cells of
// Traub and Miles' type (HH_cond_exp: 3200 exc, 800 inh), FixedProbability 0.02, exponential conductances of 6 and
// 67 nS with tau 5 and 10 ms, 1 s. As in bench/brian2_cobahh.py: v from -65 ± 5 mV, g_exc from 40 ± 15 nS and
// g_inh from 200 ± 120 nS (normal), the gates from 0. Departures, both PyNN's: the delay is one step (0.1 ms;
// Brian2's example has none), and a spike is NEST's (the peak above v_offset + 30 mV, then 2 ms ignored) where
// Brian2's example counts v crossing -20 mV with 3 ms refractory.
//   npx tsx bench/cobahh.ts [--threads N]
import * as sim from '../frontend/wasm.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';

const N = 4000;
const N_EXC = 3200;
const T_STOP = 1000;
const SEED = 4242;

const threads = threadsOption();
const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: SEED, threads, backend: provider });
// area 20000 um2: cm 1 uF/cm2 -> 0.2 nF, g_leak 5e-5 S/cm2 -> 0.01 uS, g_Na 100 mS/cm2 -> 20 uS, g_K 30 -> 6 uS
const cellType = new sim.HH_cond_exp({
  cm: 0.2, g_leak: 0.01, e_rev_leak: -60, gbar_Na: 20, gbar_K: 6, e_rev_Na: 50, e_rev_K: -90, v_offset: -63,
  e_rev_E: 0, e_rev_I: -80, tau_syn_E: 5, tau_syn_I: 10,
});
const rng = new sim.NumpyRNG({ seed: SEED });
const normal = (mu: number, sigma: number) => new sim.RandomDistribution('normal', { mu, sigma }, rng);
const cells = (n: number, label: string) =>
  new sim.Population(n, cellType, {
    label,
    initialValues: { v: normal(-65, 5), gsyn_exc: normal(0.04, 0.015), gsyn_inh: normal(0.2, 0.12), m: 0, h: 0, n: 0 },
  });
const exc = cells(N_EXC, 'exc');
const inh = cells(N - N_EXC, 'inh');
for (const post of [exc, inh]) {
  for (const [pre, weight, receptorType] of [[exc, 0.006, 'excitatory'], [inh, 0.067, 'inhibitory']] as const) {
    new sim.Projection(pre, post, new sim.FixedProbabilityConnector(0.02, { rng }), new sim.StaticSynapse({ weight, delay: 0.1 }), {
      receptorType,
    });
  }
}
exc.record('spikes');
inh.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0); // builds the network (createSession), timed by the observed backend
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([exc, inh]);
await sim.end();
await stop();
print(figures('cobahh', report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, N, spikes));
