// A PyNN-style script exactly as a user writes it against the published package entry point `tsnn/wasm` (resolved
// by Node through package.json "exports" to dist/, so it needs `npx tsc -p tsconfig.json` first). Prints one JSON
// line with what it recorded; test/wasm/pynn-script.test.ts runs it in a child process.
import * as sim from 'tsnn/wasm';

await sim.setup({ timestep: 0.1, seed: 7 });
const driven = new sim.Population(
  3,
  new sim.IF_curr_exp({ cm: 0.5, tau_m: 15, v_rest: -65, v_reset: -70, v_thresh: -52, tau_refrac: 2, i_offset: 0.8 }),
  { label: 'driven' },
);
const quiet = new sim.Population(2, new sim.IF_curr_exp({ i_offset: 0 }), { label: 'quiet' });
driven.record(['spikes', 'v']);
quiet.record('spikes');
await sim.run(100);
const drivenSegment = (await driven.getData()).segments[0];
const quietSegment = (await quiet.getData()).segments[0];
const v = drivenSegment.analogsignals.find((signal) => signal.name === 'v');
console.log(JSON.stringify({
  t: sim.getCurrentTime(),
  spikeTimes: drivenSegment.spiketrains.map((train) => Array.from(train.times)),
  quietSpikes: quietSegment.spiketrains.map((train) => train.length),
  vShape: v.shape,
  vSamplingPeriod: v.samplingPeriod,
  vCell0: Array.from(v.column(0)),
}));
await sim.end();
