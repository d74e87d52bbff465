// Vogels-Abbott benchmark (CUBA or COBA) on tsnn/wasm: the network of bench/vogels-abbott-network.ts, 1 s.
//   npx tsx bench/vogels_abbott.ts CUBA|COBA [--threads N] [--backend wasm|server [--server-binary PATH] [--engine cpu|cuda|auto]]
import * as sim from '../frontend/wasm.js';
import { countSpikes, figures, observedBenchBackend, print, threadsOption, timed } from './measure.js';
import { buildVogelsAbbott, N, SEED, vogelsAbbottKind } from './vogels-abbott-network.js';

const benchmark = vogelsAbbottKind(
  process.argv[2],
  'usage: vogels_abbott.ts CUBA|COBA [--threads N] [--backend wasm|server [--server-binary PATH] [--engine cpu|cuda|auto]]',
);
const threads = threadsOption();
const T_STOP = 1000;

const { provider, report, stop } = observedBenchBackend();
const t0 = performance.now();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: SEED, threads, backend: provider });
const recorded = buildVogelsAbbott(sim, benchmark);
const constructSeconds = (performance.now() - t0) / 1000;
await sim.run(0); // builds the network (createSession), timed by the observed backend
const run = await timed(() => sim.run(T_STOP));
const spikes = countSpikes(recorded);
await sim.end();
await stop();
print(figures(`vogels_abbott_${benchmark}`, report, constructSeconds, run.wall, run.cpu, T_STOP / 1000, N, spikes));
