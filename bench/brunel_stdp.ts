// The Brunel (2000) 'AI' network of bench/brunel.ts with its E→E synapses plastic, on tsnn/wasm: the network of
// bench/brian2_brunel_stdp.py. STDPMechanism with SpikePairRule (tau_plus = tau_minus = 20 ms, A_plus 0.005,
// A_minus 0.01) and MultiplicativeWeightDependence (w_min 0, w_max 3 J), initial weight J = 0.1 mV, delay 1.5 ms
// (all dendritic, as NEST). Soft bounds keep every weight inside (0, w_max); for uncorrelated pre and post spikes
// potentiation A_plus (w_max - w) and depression A_minus w balance at w = w_max A_plus / (A_plus + A_minus) = J, so
// the network stays near the static one's state and the mean E→E weight moves only by spike correlations.
// Everything else (E→I, I→*, external Poisson drive) is static, as in bench/brunel.ts. 1 s at dt = 0.1 ms.
//   npx tsx bench/brunel_stdp.ts [t_stop_ms]      (default 1000)
import * as sim from '../frontend/wasm.js';
import { buildBrunel, DELAY, J, N_E, N_I, SEED } from './brunel-network.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';

// The first argument that is neither a flag nor a flag's value (bench/run.mjs passes --threads 1 first).
const args = process.argv.slice(2);
const stopArgument = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const T_STOP = stopArgument ? Number(stopArgument) : 1000;
if (!(T_STOP > 0)) throw new Error(`brunel_stdp: t_stop_ms must be a positive number of ms, got ${stopArgument}`);
const TAU_PLUS = 20;
const TAU_MINUS = 20;
const A_PLUS = 0.005;
const A_MINUS = 0.01;
const W_MAX = 3 * J;

const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: SEED, threads: threadsOption(), backend: provider });
const stdp = new sim.STDPMechanism({
  timingDependence: new sim.SpikePairRule({ tau_plus: TAU_PLUS, tau_minus: TAU_MINUS, A_plus: A_PLUS, A_minus: A_MINUS }),
  weightDependence: new sim.MultiplicativeWeightDependence({ w_min: 0, w_max: W_MAX }),
  weight: J,
  delay: DELAY,
});
const { exc, inh, excToExc } = buildBrunel(sim, stdp);
exc.record('spikes');
inh.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0);
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([exc, inh]);
const weights = (await excToExc.get('weight', { withAddress: false })) as number[];
await sim.end();
await stop();

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
