// The Potjans & Diesmann microcircuit as a benchmark, on tsnn/wasm in this process or on a tsnn-server's CPU
// engine over gRPC. Prints build time, seconds per biological second (the engine's own run time, and the wall time
// of the awaited sim.run, which for gRPC adds the transport), peak memory and bytes per synapse.
//
//   npx tsx bench/microcircuit.ts [--backend wasm|server] [--neuron-scale 0.5] [--connectivity-scale 0.5]
//                                 [--duration 1000] [--record spikes|none] [--threads 1]
//                                 [--server-binary PATH] [--engine cpu|cuda|auto|cuda-host] [--export-network FILE]
//
// --export-network FILE writes the Network message the engine receives (for gpu-server's tsnn-run).
// '--backend server' starts build/native/gpu-server/tsnn-server (or --server-binary, e.g. the CUDA build
// build/native-cuda/gpu-server/tsnn-server, with --engine cuda) on a free local port. Spikes are recorded by
// default (as `npm start` does); `--record none` measures the simulation alone.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createGrpcBackend } from '../frontend/backends/grpc/index.js';
import { createWasmBackend } from '../frontend/backends/wasm/index.js';
import { observedBackend } from './measure.js';
import * as sim from '../frontend/wasm.js';
import { buildMicrocircuit, DEFAULT_OPTIONS } from '../examples/microcircuit/network.js';
import { startServer, type RunningServer } from '../test/server/server-process.js';

interface Args {
  backend: 'wasm' | 'server';
  neuronScale: number;
  connectivityScale: number;
  duration: number;
  record: boolean;
  /** The engine's step-loop threads (setup's threads). */
  threads: number;
  /** --backend server: the binary to start (the CUDA build: build/native-cuda/gpu-server/tsnn-server). */
  serverBinary?: string;
  /** --backend server: its --engine (cpu, cuda, auto, cuda-host). */
  engine?: string;
}

function parse(argv: string[]): Args {
  const args: Args = { backend: 'wasm', neuronScale: 0.5, connectivityScale: 0.5, duration: 1000, record: true, threads: 1 };
  for (let k = 0; k < argv.length; k += 2) {
    const [flag, value] = [argv[k], argv[k + 1]];
    const positive = () => {
      const x = Number(value);
      if (!(x > 0)) throw new Error(`${flag} needs a positive number, got ${value}`);
      return x;
    };
    if (flag === '--backend' && (value === 'wasm' || value === 'server')) args.backend = value;
    else if (flag === '--neuron-scale') args.neuronScale = positive();
    else if (flag === '--connectivity-scale') args.connectivityScale = positive();
    else if (flag === '--duration') args.duration = positive();
    else if (flag === '--record' && (value === 'spikes' || value === 'none')) args.record = value === 'spikes';
    else if (flag === '--threads' && Number.isInteger(Number(value)) && Number(value) >= 1) args.threads = Number(value);
    else if (flag === '--server-binary' && value) args.serverBinary = value;
    else if (flag === '--engine' && value) args.engine = value;
    else if (flag === '--export-network' && value) continue;  // read by measure.ts's observedBackend
    else throw new Error(`unknown option ${flag} ${value ?? ''} (see the header of bench/microcircuit.ts)`);
  }
  return args;
}


/** Peak resident set of a process (VmHWM), bytes; Linux only. */
function peakRss(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** CPU seconds used so far by the process that runs the engine: this one (wasm) or the server. */
function cpuSeconds(): number {
  if (!server) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  // /proc/PID/stat fields 14 and 15: utime and stime in clock ticks (100 per second on Linux)
  const fields = readFileSync(`/proc/${server.process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const GiB = 1024 ** 3;
const args = parse(process.argv.slice(2));
let server: RunningServer | undefined;
const { provider, report } = observedBackend(async () => {
  if (args.backend === 'wasm') return createWasmBackend({ threads: args.threads });
  server = await startServer(args.engine ? ['--engine', args.engine] : [], args.serverBinary);
  return createGrpcBackend({ server: server.address });
});

const seed = 42;
const t0 = performance.now();
await sim.setup({ timestep: 0.1, seed, threads: args.threads, backend: provider });
const circuit = buildMicrocircuit(sim, { ...DEFAULT_OPTIONS, neuronScale: args.neuronScale, connectivityScale: args.connectivityScale, seed });
if (args.record) for (const pop of circuit.populations.values()) pop.record('spikes');
const constructSeconds = (performance.now() - t0) / 1000;
const tBuild = performance.now();
await sim.run(0);
const buildWall = (performance.now() - tBuild) / 1000;
const tRun = performance.now();
const cpu0 = cpuSeconds();
await sim.run(args.duration);
const runWall = (performance.now() - tRun) / 1000;
const runCpu = cpuSeconds() - cpu0;
let spikes = 0;
if (args.record) for (const pop of circuit.populations.values()) for (const c of pop.getSpikeCounts().values()) spikes += c;
const session = report.session!;
const synapses = Number(session.synapses);
const engineRun = report.runs.reduce((a, r) => a + r.wallSeconds, 0);
const bio = args.duration / 1000;
const device = report.infoAfterBuild?.devices[0];
const serverRss = server ? peakRss(server.process.pid!) : Number.NaN;
await sim.end();
await server?.stop();

const out = {
  backend:
    args.backend === 'wasm'
      ? `tsnn wasm (Node ${process.version}, ${session.threads || 1} thread${(session.threads || 1) > 1 ? 's' : ''})`
      : `tsnn-server ${args.serverBinary ?? 'build/native'} --engine ${args.engine ?? 'auto'} over gRPC (localhost)`,
  neuron_scale: args.neuronScale,
  connectivity_scale: args.connectivityScale,
  neurons: circuit.neurons,
  synapses_internal: circuit.expectedSynapses,
  synapses_engine: synapses,
  construct_seconds: +constructSeconds.toFixed(3),
  build_seconds: +buildWall.toFixed(2),
  engine_build_seconds: +session.buildSeconds.toFixed(2),
  engine_seconds_per_bio_second: +(engineRun / bio).toFixed(3),
  wall_seconds_per_bio_second: +(runWall / bio).toFixed(3),
  cpu_over_wall_during_run: +(runCpu / runWall).toFixed(2),
  spikes,
  mean_rate_hz: +(spikes / circuit.neurons / bio).toFixed(3),
  engine_memory_bytes: Number(session.memoryBytes),
  bytes_per_synapse: +(Number(session.memoryBytes) / synapses).toFixed(2),
  wasm_heap_bytes: args.backend === 'wasm' && device ? Number(device.totalMemory - device.freeMemory) : null,
  client_peak_rss_bytes: peakRss('self'),
  server_peak_rss_bytes: Number.isNaN(serverRss) ? null : serverRss,
  record_spikes: args.record,
};
console.log(`microcircuit ns ${args.neuronScale} cs ${args.connectivityScale} on ${out.backend}: ${out.neurons} neurons, ` +
  `${out.synapses_internal} internal synapses (${out.synapses_engine} with the background), ${spikes} spikes (${out.mean_rate_hz} Hz)`);
console.log(`  build ${out.build_seconds} s (engine ${out.engine_build_seconds} s); simulation: engine ${out.engine_seconds_per_bio_second} s, ` +
  `awaited sim.run ${out.wall_seconds_per_bio_second} s per biological second (CPU/wall ${out.cpu_over_wall_during_run})`);
console.log(`  engine memory ${(out.engine_memory_bytes / GiB).toFixed(2)} GiB = ${out.bytes_per_synapse} bytes/synapse` +
  (out.wasm_heap_bytes !== null ? `, wasm heap ${(out.wasm_heap_bytes / GiB).toFixed(2)} GiB` : '') +
  `, peak RSS node ${(out.client_peak_rss_bytes / GiB).toFixed(2)} GiB` +
  (out.server_peak_rss_bytes !== null ? `, server ${(out.server_peak_rss_bytes / GiB).toFixed(2)} GiB` : ''));
console.log('RESULT ' + JSON.stringify(out));
