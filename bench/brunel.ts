// Brunel (2000) sparse network, case 'AI', on tsnn/wasm: the network of bench/brian2_brunel.py, built by
// bench/brunel-network.ts. 1 s at dt = 0.1 ms.
//   npx tsx bench/brunel.ts [--threads N] [--backend wasm|server [--server-binary PATH] [--engine cpu|cuda|auto]]
import * as sim from '../frontend/wasm.js';
import { buildBrunel, N_E, N_I, SEED } from './brunel-network.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';

const T_STOP = 1000;

const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: SEED, threads: threadsOption(), backend: provider });
const { exc, inh } = buildBrunel(sim);
exc.record('spikes');
inh.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0);
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes([exc, inh]);
await sim.end();
await stop();
print(figures('brunel', report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, N_E + N_I, spikes));
