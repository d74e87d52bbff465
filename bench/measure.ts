// Measuring a tsnn benchmark through the public API: setup() is given a backend that forwards to the wasm engine
// and keeps what the engine reports (SessionInfo at build, RunComplete after each run), so the figures are the
// engine's own counts, and the timings are those of the calls a user's script makes.
import { writeFileSync } from 'node:fs';
import type { Backend } from '../frontend/backend/backend.js';
import { observeBackend } from '../frontend/backend/observed-backend.js';
import { createGrpcBackend } from '../frontend/backends/grpc/index.js';
import { createWasmBackend } from '../frontend/backends/wasm/index.js';
import { Network } from '../frontend/generated/tsnn/v1/model.js';
import { startServer, type RunningServer } from '../test/server/server-process.js';
import type { RunComplete, ServerInfo, SessionInfo } from '../frontend/generated/tsnn/v1/simulator.js';

export interface EngineReport {
  session?: SessionInfo;
  createSessionSeconds: number;
  runs: RunComplete[];
  /** GetInfo right after the build: device memory in use by the session. */
  infoAfterBuild?: ServerInfo;
  /** What ran the network, when not the wasm engine in this process: name and detail, as in "name (detail, ...)". */
  engine?: { name: string; detail: string };
}

/**
 * A backend provider for setup({ backend }) that forwards to the engine named by `--backend` (default `wasm`; `server`
 * starts build/native/gpu-server/tsnn-server, the same core compiled natively, on a free local port; or the binary
 * given by `--server-binary`), the report it fills in, and `stop()` for the server. Comparing the two shows what WebAssembly costs against native code.
 */
export function observedBenchBackend(): { provider: () => Promise<Backend>; report: EngineReport; stop(): Promise<void> } {
  const kind = backendOption();
  let server: RunningServer | undefined;
  const observed = observedBackend(async () => {
    if (kind === 'wasm') return createWasmBackend({ threads: threadsOption() });
    const engine = engineOption();
    server = await startServer(['--max-threads', String(threadsOption()), ...(engine ? ['--engine', engine] : [])], serverBinaryOption());
    report.engine = { name: engine && engine !== 'cpu' ? `tsnn-server ${engine} engine` : 'tsnn-server CPU engine', detail: 'native' };
    return createGrpcBackend({ server: server.address });
  });
  const report = observed.report;
  return { ...observed, stop: async () => void (await server?.stop()) };
}

/** `--server-binary PATH`: another tsnn-server build to run (default build/native/gpu-server/tsnn-server). */
function serverBinaryOption(): string | undefined {
  const at = process.argv.indexOf('--server-binary');
  return at < 0 ? undefined : process.argv[at + 1];
}

/** `--engine cpu|cuda|auto|cuda-host`: the server's engine (its own default, auto, when absent). */
function engineOption(): string | undefined {
  const at = process.argv.indexOf('--engine');
  if (at < 0) return undefined;
  const engine = process.argv[at + 1];
  if (!['cpu', 'cuda', 'auto', 'cuda-host'].includes(engine ?? '')) throw new Error(`--engine must be cpu, cuda, auto or cuda-host, got ${engine}`);
  return engine;
}

/** `--export-network FILE`: where to write the Network message as the engine receives it, for tsnn-run. */
function exportNetworkOption(): string | undefined {
  const at = process.argv.indexOf('--export-network');
  if (at < 0) return undefined;
  const file = process.argv[at + 1];
  if (!file || file.startsWith('--')) throw new Error('--export-network needs a file name');
  return file;
}

/** The value of `--backend wasm|server` on the command line (default wasm). */
function backendOption(): 'wasm' | 'server' {
  const at = process.argv.indexOf('--backend');
  if (at < 0) return 'wasm';
  const kind = process.argv[at + 1];
  if (kind !== 'wasm' && kind !== 'server') throw new Error(`--backend must be wasm or server, got ${kind}`);
  return kind;
}

/** A backend provider for setup({ backend }) that forwards to `make()`'s backend, and the report it fills in. */
export function observedBackend(make: () => Promise<Backend>): { provider: () => Promise<Backend>; report: EngineReport } {
  const report: EngineReport = { createSessionSeconds: 0, runs: [] };
  const provider = async (): Promise<Backend> =>
    observeBackend(await make(), {
      beforeCreateSession(network) {
        const exportTo = exportNetworkOption();
        if (exportTo !== undefined) writeFileSync(exportTo, Network.encode(network).finish());
      },
      async afterCreateSession(session, seconds, inner) {
        report.session = session;
        report.createSessionSeconds = seconds;
        report.infoAfterBuild = await inner.getInfo();
      },
      afterRun(complete) {
        report.runs.push(complete);
      },
    });
  return { provider, report };
}

export interface Figures {
  simulator: string;
  network: string;
  neurons: number;
  synapses: number;
  biological_seconds: number;
  construct_seconds: number;
  build_seconds: number;
  engine_build_seconds: number;
  run_seconds: number;
  /** The engine's own time for the runs (RunComplete.wall_seconds): without moving recorded data to JavaScript,
   *  which is what Brian2's run() time leaves out too. */
  engine_run_seconds: number;
  /** CPU time of this process during the run: below run_seconds when other processes took the CPU. */
  run_cpu_seconds: number;
  seconds_per_biological_second: number;
  spikes: number;
  mean_rate_hz: number;
  synaptic_events: number;
  synaptic_events_per_second: number;
  bytes_per_synapse: number | null;
}

export function figures(
  network: string,
  report: EngineReport,
  constructSeconds: number,
  runSeconds: number,
  runCpuSeconds: number,
  biologicalSeconds: number,
  neurons: number,
  /** Spikes of the neurons (RunComplete.spikes also counts the spike sources). */
  spikes: number,
): Figures {
  const session = report.session!;
  const threads = session.threads || 1;
  const { name, detail } = report.engine ?? { name: 'tsnn wasm', detail: `Node ${process.version}` };
  const events = report.runs.reduce((a, r) => a + Number(r.synapticEvents), 0);
  const synapses = Number(session.synapses);
  return {
    simulator: `${name} (${detail}, ${threads} thread${threads > 1 ? 's' : ''})`,
    network,
    neurons,
    synapses,
    biological_seconds: biologicalSeconds,
    construct_seconds: round(constructSeconds, 3),
    build_seconds: round(report.createSessionSeconds, 3),
    engine_build_seconds: round(session.buildSeconds, 3),
    run_seconds: round(runSeconds, 3),
    engine_run_seconds: round(report.runs.reduce((a, r) => a + r.wallSeconds, 0), 3),
    run_cpu_seconds: round(runCpuSeconds, 3),
    seconds_per_biological_second: round(runSeconds / biologicalSeconds, 4),
    spikes,
    mean_rate_hz: round(spikes / neurons / biologicalSeconds, 3),
    synaptic_events: events,
    synaptic_events_per_second: Math.round(events / runSeconds),
    // the engine's whole memory for the session (neurons, delay buffers, recorders too) over its synapses
    bytes_per_synapse: synapses > 0 ? round(Number(session.memoryBytes) / synapses, 2) : null,
  };
}

/** The value of `--threads N` on the command line (default 1): the engine's step-loop threads. */
export function threadsOption(): number {
  return integerOption('--threads', 1, 1);
}

/** The value of the integer option `name` on the command line (`fallback` when absent), at least `least`. */
export function integerOption(name: string, fallback: number, least: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < least) {
    throw new Error(`${name} must be an integer >= ${least}, got ${process.argv[at + 1]}`);
  }
  return n;
}

/** Wall and CPU seconds of an awaited call. */
export async function timed(call: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await call();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** Spikes recorded from the populations, through the public API. */
export function countSpikes(populations: Array<{ getSpikeCounts(): Map<number, number> }>): number {
  let n = 0;
  for (const p of populations) for (const c of p.getSpikeCounts().values()) n += c;
  return n;
}

export function print(f: Figures): void {
  console.log(`${f.network} on ${f.simulator}: ${f.neurons} neurons, ${f.synapses} synapses, ${f.spikes} spikes (${f.mean_rate_hz} Hz)`);
  console.log(
    `  construct ${f.construct_seconds} s, build (createSession) ${f.build_seconds} s (engine ${f.engine_build_seconds} s), ` +
      `simulation ${f.run_seconds} s (CPU ${f.run_cpu_seconds} s; engine ${f.engine_run_seconds} s) = ` +
      `${f.seconds_per_biological_second} s per biological s`,
  );
  console.log(`  ${f.synaptic_events_per_second} synaptic events/s, ${f.bytes_per_synapse} bytes/synapse (engine memory / synapses)`);
  console.log('RESULT ' + JSON.stringify(f));
}

function round(x: number, digits: number): number {
  const s = 10 ** digits;
  return Math.round(x * s) / s;
}
