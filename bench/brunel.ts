// Brunel (2000) sparse network, case 'AI' (g = 5, eta = 2), on tsnn/wasm: the network of bench/brian2_brunel.py.
// 10,000 IF_curr_delta cells (8000 exc, 2000 inh), fixed in-degree C_E = 800, C_I = 200, J = 0.1 mV, inhibitory
// -g J, delay 1.5 ms, tau_m 20 ms, theta 20 mV, V_reset 10 mV, tau_rp 2 ms, 1 s at dt = 0.1 ms; C_E external
// synapses per cell from a pool of 8000 Poisson sources at nu_ext = eta theta / (J C_E tau_m) = 25 Hz.
// Voltages are shifted so that the rest is 0 mV, as in the paper.
//   npx tsx bench/brunel.ts
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
const T_STOP = 1000;
const NU_EXT = (ETA * THETA) / (J * C_E * TAU_M) * 1000; // Hz: 25

const { provider, report } = observedWasmBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: 2000, backend: provider });
const rng = new sim.NumpyRNG({ seed: 2000 });
const cell = new sim.IF_curr_delta({ tau_m: TAU_M, cm: 1, v_rest: 0, v_reset: 10, v_thresh: THETA, tau_refrac: 2 });
const v0 = () => new sim.RandomDistribution('uniform', { low: 0, high: THETA }, rng);
const exc = new sim.Population(N_E, cell, { label: 'exc', initialValues: { v: v0() } });
const inh = new sim.Population(N_I, cell, { label: 'inh', initialValues: { v: v0() } });
const ext = new sim.Population(N_E, new sim.SpikeSourcePoisson({ rate: NU_EXT }), { label: 'ext' });
for (const post of [exc, inh]) {
  const project = (pre: sim.Population, n: number, weight: number, receptorType: string) =>
    new sim.Projection(pre, post, new sim.FixedNumberPreConnector(n, { rng }), new sim.StaticSynapse({ weight, delay: DELAY }), {
      receptorType,
    });
  project(exc, C_E, J, 'excitatory');
  project(inh, C_I, -G * J, 'inhibitory');
  project(ext, C_E, J, 'excitatory');
}
exc.record('spikes');
inh.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0);
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([exc, inh]);
await sim.end();
print(figures('brunel', report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, N_E + N_I, spikes));
