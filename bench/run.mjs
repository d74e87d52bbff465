#!/usr/bin/env node
// Runs each benchmark on tsnn/wasm and on Brian2 C++ standalone, one after the other on this machine, and prints
// both sets of figures and their ratio. Figures only: nothing here passes or fails on time.
//   node bench/run.mjs [cuba|coba|coba_rk4|brunel|brunel_stdp|cobahh ...] [--only tsnn|brian2] [--threads N]
// --threads N: tsnn's setup threads and Brian2's OpenMP threads (default 1 each).
// TSNN_BRIAN2_MARCH=x86-64: Brian2 compiled for that -march instead of its default -march=native
// (bench/brian2_common.py).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARKS = {
  cuba: { tsnn: ['bench/vogels_abbott.ts', 'CUBA'], brian2: ['bench/brian2_vogels_abbott.py', 'CUBA'] },
  coba: { tsnn: ['bench/vogels_abbott.ts', 'COBA'], brian2: ['bench/brian2_vogels_abbott.py', 'COBA'] },
  // The same network with Brian2 integrating by RK4, as tsnn does for IF_cond_exp (the same numerical work).
  coba_rk4: { tsnn: ['bench/vogels_abbott.ts', 'COBA'], brian2: ['bench/brian2_vogels_abbott.py', 'COBA', 'rk4'] },
  brunel: { tsnn: ['bench/brunel.ts'], brian2: ['bench/brian2_brunel.py'] },
  brunel_stdp: { tsnn: ['bench/brunel_stdp.ts'], brian2: ['bench/brian2_brunel_stdp.py'] },
  // Hodgkin-Huxley cells: tsnn integrates them as NEST does (adaptive RKF45), Brian2 by exponential Euler.
  cobahh: { tsnn: ['bench/cobahh.ts'], brian2: ['bench/brian2_cobahh.py'] },
};

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const threadsIndex = args.indexOf('--threads');
const threads = threadsIndex >= 0 ? Number(args[threadsIndex + 1]) : 1;
if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads needs an integer >= 1, got ${args[threadsIndex + 1]}`);
const optionValues = new Set([onlyIndex + 1, threadsIndex + 1].filter((i) => i > 0));
const names = args.filter((a, i) => !a.startsWith('--') && !optionValues.has(i));
const selected = names.length ? names : Object.keys(BENCHMARKS);

function run(command, commandArgs) {
  const started = Date.now();
  const env = { ...process.env, TSNN_BRIAN2_THREADS: String(threads) };
  const child = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, env });
  const output = `${child.stdout}\n${child.stderr}`;
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) {
    process.stdout.write(`  ${command} ${commandArgs.join(' ')} failed (status ${child.status}):\n`);
    process.stdout.write(output.split('\n').filter((l) => !/Warning|hasattr|getattr\(the/.test(l)).slice(-15).join('\n') + '\n');
    return undefined;
  }
  for (const l of child.stdout.split('\n')) if (l && !l.startsWith('RESULT ')) process.stdout.write(`  ${l}\n`);
  const result = JSON.parse(line.slice('RESULT '.length));
  result.process_wall_seconds = (Date.now() - started) / 1000;
  return result;
}

/** CPU time over wall time (tsnn: of the run; Brian2: of its whole binary): near 1 on an idle machine. */
function cpuShare(r) {
  const ratio = r.run_cpu_seconds !== undefined ? r.run_cpu_seconds / r.run_seconds : r.binary_cpu_seconds / r.binary_wall_seconds;
  return Number.isFinite(ratio) ? ratio.toFixed(2).padStart(8) : '       -';
}

const rows = [];
for (const name of selected) {
  const spec = BENCHMARKS[name];
  if (!spec) throw new Error(`unknown benchmark ${name}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  console.log(`== ${name}`);
  const tsnn = only === 'brian2' ? undefined
    : run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), ...spec.tsnn, '--threads', String(threads)]);
  const brian2 = only === 'tsnn' ? undefined : run('/usr/bin/python3', spec.brian2);
  rows.push({ name, tsnn, brian2 });
}

console.log('\nbenchmark   simulator                 s/bio-s   events/s      bytes/syn  build s  rate Hz  CPU/wall');
for (const { name, tsnn, brian2 } of rows) {
  for (const r of [tsnn, brian2]) {
    if (!r) continue;
    const build = r.build_seconds ?? r.build_and_io_seconds;
    console.log(
      `${name.padEnd(11)} ${r.simulator.slice(0, 25).padEnd(25)} ${String(r.seconds_per_biological_second).padStart(8)}  ` +
        `${String(r.synaptic_events_per_second).padStart(12)}  ${String(r.bytes_per_synapse).padStart(9)}  ` +
        `${String(build).padStart(7)}  ${String(r.mean_rate_hz).padStart(7)}  ${cpuShare(r)}`,
    );
  }
  if (tsnn && brian2) {
    const ratio = tsnn.seconds_per_biological_second / brian2.seconds_per_biological_second;
    console.log(`${name.padEnd(11)} ratio tsnn / brian2 (s per biological s): ${ratio.toFixed(2)}`);
  }
}
