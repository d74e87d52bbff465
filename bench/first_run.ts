// What a first run costs beyond the engine's steady state: the Vogels-Abbott network (bench/vogels-abbott-network.ts)
// run for 1 s in 50 ms pieces, then reset() and the same pieces again in the same process, wall time per piece.
// The second pass is the same network with V8's optimised code in place and the loading garbage collected; the
// difference between the two is V8's tier-up and the first collections (docs/performance.md, session 5). Since
// session 22 the second pass's Poisson drive draws new spikes (reset() starts a new segment, as in NEST), so its
// spikes differ a little, not its work. Figures only.
//   npx tsx bench/first_run.ts CUBA|COBA [--threads N] [--scale K] [--busy B]
//                              [--backend wasm|server [--server-binary PATH]]
// --scale K: the network K times as large, the same in-degrees (bench/vogels-abbott-network.ts).
// --busy B: B other processes spin on the cores from before the build to the end, as a busy machine's would (the
// threads' hand-offs under load, docs/performance.md, session 19).
// --marks: also prints, for each pass, the CLOCK_MONOTONIC second at which each piece starts and the last ends
// (`MARKS ...`, 21 numbers a pass), the clock of `perf record -k CLOCK_MONOTONIC`: bench/perf_by_thread.py cuts a
// perf recording of this script by them (docs/performance.md, session 21).
import { spawn } from 'node:child_process';
import * as sim from '../frontend/wasm.js';
import { integerOption, observedBenchBackend, threadsOption } from './measure.js';
import { buildVogelsAbbott, SEED, vogelsAbbottKind } from './vogels-abbott-network.js';

const usage = 'usage: first_run.ts CUBA|COBA [--threads N] [--scale K] [--busy B] [--marks] ' +
  '[--backend wasm|server [--server-binary PATH]]';
const benchmark = vogelsAbbottKind(process.argv[2], usage);
const scale = integerOption('--scale', 1, 1);
const busy = integerOption('--busy', 0, 0);
const spin = () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
const spinners = Array.from({ length: busy }, spin);
for (const spinner of spinners) spinner.unref();  // they must not keep this process alive
process.on('exit', () => spinners.forEach((spinner) => spinner.kill()));  // also when the run fails
const PIECES = 20;
const PIECE_MS = 50;
const marks: bigint[] = [];  // process.hrtime is CLOCK_MONOTONIC

async function timePieces(): Promise<number[]> {
  const pieces: number[] = [];
  for (let i = 0; i < PIECES; i++) {
    const t0 = performance.now();
    marks.push(process.hrtime.bigint());
    await sim.run(PIECE_MS);
    pieces.push(performance.now() - t0);
  }
  marks.push(process.hrtime.bigint());
  return pieces;
}

const line = (label: string, pieces: number[]) =>
  `${label.padEnd(14)} ${pieces.map((p) => p.toFixed(0).padStart(3)).join(' ')}   total ${pieces.reduce((a, b) => a + b, 0).toFixed(0)} ms`;

const { provider, stop } = observedBenchBackend();
await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: SEED, threads: threadsOption(), backend: provider });
buildVogelsAbbott(sim, benchmark, scale);
await sim.run(0);
const first = await timePieces();
await sim.reset();
const again = await timePieces();
await sim.end();
await stop();
const name = `vogels_abbott_${benchmark}${scale > 1 ? ` x${scale}` : ''}${busy ? `, ${busy} busy` : ''}`;
console.log(`${name}: ms per ${PIECE_MS} ms piece of biological time, ${PIECES} pieces`);
console.log(line('first run', first));
console.log(line('after reset()', again));
if (process.argv.includes('--marks')) console.log(`MARKS ${marks.map((m) => (Number(m) / 1e9).toFixed(6)).join(' ')}`);
