// The Brunel (2000) 'AI' network of bench/brunel.ts with its E→E synapses plastic, on tsnn/wasm: the network of
// bench/brian2_brunel_stdp.py. STDPMechanism with SpikePairRule (tau_plus = tau_minus = 20 ms, A_plus 0.005,
// A_minus 0.01) and MultiplicativeWeightDependence (w_min 0, w_max 3 J), initial weight J = 0.1 mV, delay 1.5 ms
// (all dendritic, as NEST). Soft bounds keep every weight inside (0, w_max); for uncorrelated pre and post spikes
// potentiation A_plus (w_max - w) and depression A_minus w balance at w = w_max A_plus / (A_plus + A_minus) = J, so
// the network stays near the static one's state and the mean E→E weight moves only by spike correlations.
// Everything else (E→I, I→*, external Poisson drive) is static, as in bench/brunel.ts. 1 s at dt = 0.1 ms.
//   npx tsx bench/brunel_stdp.ts [t_stop_ms]      (default 1000)
import * as sim from '../frontend/wasm.js';
import { countSpikes, figures, observedWasmBackend, print, timed } from './measure.js';

const N_E = 8000;
const N_I = 2000;
const C_E = 800;
const C_I = 200;
const J = 0.1;
const G = 5;
const ETA = 2;
const DELAY = 1.5;
const TAU_M = 20;
const THETA = 20;
const T_STOP = process.argv[2] ? Number(process.argv[2]) : 1000;
if (!(T_STOP > 0)) throw new Error(`brunel_stdp: t_stop_ms must be a positive number of ms, got ${process.argv[2]}`);
const NU_EXT = (ETA * THETA) / (J * C_E * TAU_M) * 1000; // Hz: 25
const TAU_PLUS = 20;
const TAU_MINUS = 20;
const A_PLUS = 0.005;
const A_MINUS = 0.01;
const W_MAX = 3 * J;

const { provider, report } = observedWasmBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: 2000, backend: provider });
const rng = new sim.NumpyRNG({ seed: 2000 });
const cell = new sim.IF_curr_delta({ tau_m: TAU_M, cm: 1, v_rest: 0, v_reset: 10, v_thresh: THETA, tau_refrac: 2 });
const v0 = () => new sim.RandomDistribution('uniform', { low: 0, high: THETA }, rng);
const exc = new sim.Population(N_E, cell, { label: 'exc', initialValues: { v: v0() } });
const inh = new sim.Population(N_I, cell, { label: 'inh', initialValues: { v: v0() } });
const ext = new sim.Population(N_E, new sim.SpikeSourcePoisson({ rate: NU_EXT }), { label: 'ext' });
const stdp = new sim.STDPMechanism({
  timingDependence: new sim.SpikePairRule({ tau_plus: TAU_PLUS, tau_minus: TAU_MINUS, A_plus: A_PLUS, A_minus: A_MINUS }),
  weightDependence: new sim.MultiplicativeWeightDependence({ w_min: 0, w_max: W_MAX }),
  weight: J,
  delay: DELAY,
});
let excToExc: sim.Projection | undefined;
for (const post of [exc, inh]) {
  const project = (pre: sim.Population, n: number, synapse: sim.StaticSynapse | sim.STDPMechanism, receptorType: string) =>
    new sim.Projection(pre, post, new sim.FixedNumberPreConnector(n, { rng }), synapse, { receptorType });
  const fromExc = project(exc, C_E, post === exc ? stdp : new sim.StaticSynapse({ weight: J, delay: DELAY }), 'excitatory');
  if (post === exc) excToExc = fromExc;
  project(inh, C_I, new sim.StaticSynapse({ weight: -G * J, delay: DELAY }), 'inhibitory');
  project(ext, C_E, new sim.StaticSynapse({ weight: J, delay: DELAY }), 'excitatory');
}
exc.record('spikes');
inh.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0);
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([exc, inh]);
const weights = (await excToExc!.get('weight', { withAddress: false })) as number[];
await sim.end();

let sum = 0;
let sumSquares = 0;
for (const w of weights) {
  sum += w;
  sumSquares += w * w;
}
const meanWeight = sum / weights.length;
const sdWeight = Math.sqrt(Math.max(0, sumSquares / weights.length - meanWeight * meanWeight));
const result = {
  ...figures('brunel_stdp', report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, N_E + N_I, spikes),
  ee_synapses: weights.length,
  ee_mean_weight_mV: Number(meanWeight.toPrecision(6)),
  ee_sd_weight_mV: Number(sdWeight.toPrecision(6)),
};
console.log(`  E→E weights after ${T_STOP} ms: mean ${result.ee_mean_weight_mV} mV, sd ${result.ee_sd_weight_mV} mV (start ${J}, w_max ${W_MAX})`);
print(result);
