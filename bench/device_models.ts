// Every cell type and spike source of the CUDA engine beyond the LIF family, in one small network
// (test/server/device-models-network.ts), run for 1 s: the network a GPU session runs with tsnn-run on both engines
// (docs/server.md, "GPU commands") to check the device's spikes against the CPU's for every model at once.
//   npx tsx bench/device_models.ts [--threads N] [--backend wasm|server [--server-binary PATH]] [--export-network FILE]
import * as sim from '../frontend/wasm.js';
import { buildDeviceModels } from '../test/server/device-models-network.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';

const T_STOP = 1000;

const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, seed: 77, threads: threadsOption(), backend: provider });
const { cells } = buildDeviceModels(sim);
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0);
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes(cells);
const neurons = cells.reduce((n, p) => n + p.size, 0);
await sim.end();
await stop();
print(figures('device_models', report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, neurons, spikes));
