// The server built with its CUDA engine (build/native-cuda, scripts/build.mjs step 'cuda'). Without a GPU (CI,
// most machines) it must say so and serve every session with the CPU engine, giving exactly the spikes of the
// CPU-only build; --engine cuda must refuse to start. With a GPU the same tests check the other branch: the log
// names the device, GetInfo lists it, sessions run on the device and still give exactly the CPU build's spikes.
// Any build also runs the server's CUDA path with the device emulated on the host (--engine cuda-host): engine
// attached to the session, runs in pieces, changes between runs, SetSynapseValues, Reset, against --engine cpu.
// The engine's logic itself is tested without a GPU in test/core/cuda_engine_host_test.cpp.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as grpcSim from '../../frontend/grpc.js';
import { CreateSessionChunk, type SessionInfo } from '../../frontend/generated/tsnn/v1/simulator.js';
import { buildDeviceModels } from './device-models-network.js';
import { cudaServerBinary, rawClient, startServer, type RunningServer } from './server-process.js';
import { unary } from './raw-calls.js';

type Sim = typeof grpcSim;

// scripts/build.mjs builds the CUDA server wherever it finds nvcc: then a missing binary is a failure.
function nvccPath(): string | undefined {
  const isFile = (path: string) => { try { return statSync(path).isFile(); } catch { return false; } };
  const candidates = [process.env.CUDACXX, '/usr/local/cuda/bin/nvcc', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, 'nvcc'))];
  return candidates.find((c): c is string => !!c && isFile(c));
}

const built = existsSync(cudaServerBinary);
if (!built) {
  const nvcc = nvccPath();
  if (nvcc) {
    test('the CUDA server is built where nvcc exists', () => {
      assert.unreachable(`${cudaServerBinary} is missing although ${nvcc} exists: run node scripts/build.mjs --only=native,cuda`);
    });
  } else {
    console.log(`skipped: ${cudaServerBinary} was not built because no nvcc exists ($CUDACXX, /usr/local/cuda/bin/nvcc, PATH)`);
  }
}

const fallbackLine = /no usable CUDA device \((.+)\): sessions run on the CPU engine/g;

// A recurrent network driven by Poisson sources, delays of 0.1..2 ms, v recorded: any difference in the delivery
// order, the random draws or the arithmetic shows in the spikes.
async function network(sim: Sim, server: string): Promise<{ spikes: string[]; v: number[] }> {
  await sim.setup({ timestep: 0.1, seed: 2024, server });
  const rng = new sim.NumpyRNG({ seed: 8 });
  const exc = new sim.Population(80, new sim.IF_curr_exp({ tau_m: 20 }), { label: 'exc' });
  const inh = new sim.Population(20, new sim.IF_cond_exp({ tau_m: 10 }), { label: 'inh' });
  const noise = new sim.Population(40, new sim.SpikeSourcePoisson({ rate: 300 }), { label: 'noise' });
  const delay = new sim.RandomDistribution('uniform', [0.1, 2.0], rng);
  new sim.Projection(noise, exc, new sim.FixedProbabilityConnector(0.3, { rng }), new sim.StaticSynapse({ weight: 0.6, delay }), { receptorType: 'excitatory' });
  new sim.Projection(noise, inh, new sim.FixedProbabilityConnector(0.3, { rng }), new sim.StaticSynapse({ weight: 0.01, delay: 1 }), { receptorType: 'excitatory' });
  new sim.Projection(exc, exc, new sim.FixedProbabilityConnector(0.1, { rng }), new sim.StaticSynapse({ weight: 0.2, delay }), { receptorType: 'excitatory' });
  new sim.Projection(exc, inh, new sim.FixedProbabilityConnector(0.1, { rng }), new sim.StaticSynapse({ weight: 0.005, delay }), { receptorType: 'excitatory' });
  new sim.Projection(inh, exc, new sim.FixedNumberPreConnector(4, { rng }), new sim.StaticSynapse({ weight: -0.8, delay: 0.5 }), { receptorType: 'inhibitory' });
  exc.record(['spikes', 'v']);
  inh.record('spikes');
  await sim.run(150);
  await sim.run(50);
  const spikes: string[] = [];
  const v: number[] = [];
  for (const population of [exc, inh]) {
    const segment = (await population.getData()).segments[0]!;
    segment.spiketrains.forEach((train, cell) => {
      for (const t of train.times) spikes.push(`${population.label}:${cell}:${t.toFixed(6)}`);
    });
    const signal = segment.analogsignals.find((s) => s.name === 'v');
    if (signal) for (let c = 0; c < signal.shape[1]; c++) v.push(...signal.column(c));
  }
  spikes.sort();
  await sim.end();
  return { spikes, v };
}

// Changes between runs through the rpcs: parameters, initial values, new spike times, a current source, weights
// and longer delays (the delay ring grows with spikes in flight), recording switched on later, reset().
async function betweenRuns(sim: Sim, server: string): Promise<{ spikes: string[]; v: number[]; weights: number[] }> {
  await sim.setup({ timestep: 0.1, seed: 31, server });
  const rng = new sim.NumpyRNG({ seed: 8 });
  const noise = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 200 }), { label: 'noise' });
  const source = new sim.Population(4, new sim.SpikeSourceArray({ spike_times: [1, 3, 5] }), { label: 'source' });
  const target = new sim.Population(10, new sim.IF_cond_exp({ i_offset: 0.3 }), { label: 'target' });
  const cells = new sim.Population(10, new sim.IF_curr_alpha({ tau_m: 15 }), { label: 'alpha' });
  const projection = new sim.Projection(source, target, new sim.FixedProbabilityConnector(0.5, { rng }),
    new sim.StaticSynapse({ weight: new sim.RandomDistribution('uniform', [0.01, 0.03], rng), delay: 0.7 }), { receptorType: 'excitatory' });
  const drive = new sim.Projection(noise, cells, new sim.FixedProbabilityConnector(0.4, { rng }),
    new sim.StaticSynapse({ weight: 0.9, delay: new sim.RandomDistribution('uniform', [0.1, 2.0], rng) }), { receptorType: 'excitatory' });
  new sim.Projection(cells, target, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight: 0.002, delay: 1.3 }), { receptorType: 'inhibitory' });
  const dc = new sim.DCSource({ amplitude: 0.2, start: 0, stop: 1000 });
  dc.injectInto(target);
  target.record(['spikes', 'v']);
  cells.record('spikes');
  await sim.run(20);
  target.set({ tau_m: 12 });
  source.set({ spike_times: [25, 27, 29, 31] });
  dc.setParameters({ amplitude: 1.0 });
  await projection.set({ weight: 0.04 });
  await drive.set({ delay: 4.5 });
  source.record('spikes');
  await sim.run(20);
  const weights = (await projection.get('weight', { format: 'list' }) as number[][]).flat();
  await sim.reset();
  target.initialize({ v: -55 });
  await sim.run(40);
  const spikes: string[] = [];
  const v: number[] = [];
  for (const population of [source, target, cells]) {
    const block = await population.getData();
    block.segments.forEach((segment, k) => {
      segment.spiketrains.forEach((train, cell) => {
        for (const t of train.times) spikes.push(`${population.label}:${k}:${cell}:${t.toFixed(6)}`);
      });
      const signal = segment.analogsignals.find((s) => s.name === 'v');
      if (signal) for (let c = 0; c < signal.shape[1]; c++) v.push(...signal.column(c));
    });
  }
  spikes.sort();
  await sim.end();
  return { spikes, v, weights };
}

// The network of device-models-network.ts in two runs with a rate change between them: spikes, every trace and
// the Tsodyks-Markram synapses' u and the STDP synapses' weights at the end.
async function otherModels(sim: Sim, server: string):
  Promise<{ spikes: string[]; traces: number[]; u: number[]; stdpWeights: number[] }> {
  await sim.setup({ timestep: 0.1, seed: 77, server });
  const { populations, refractory, shortTermPlastic, spikeTimingPlastic } = buildDeviceModels(sim);
  await sim.run(60);
  refractory.set({ rate: 150 });
  await sim.run(40);
  const spikes: string[] = [];
  const traces: number[] = [];
  for (const population of populations) {
    const segment = (await population.getData()).segments[0]!;
    segment.spiketrains.forEach((train, cell) => {
      for (const t of train.times) spikes.push(`${population.label}:${cell}:${t.toFixed(6)}`);
    });
    for (const signal of segment.analogsignals) for (let c = 0; c < signal.shape[1]; c++) traces.push(...signal.column(c));
  }
  spikes.sort();
  const u = (await shortTermPlastic.get('u', { format: 'list' }) as number[][]).flat();
  const stdpWeights = (await spikeTimingPlastic.get('weight', { format: 'list' }) as number[][]).flat();
  await sim.end();
  return { spikes, traces, u, stdpWeights };
}

test('--engine cuda-host: the server\'s CUDA path on the emulated device gives exactly the CPU engine\'s results', async () => {
  const emulated = await startServer(['--engine', 'cuda-host']);
  const cpu = await startServer(['--engine', 'cpu']);
  try {
    assert.match(emulated.log(), /engine cuda-host: sessions run on the CUDA engine's host emulation/);
    const reference = await network(grpcSim, cpu.address);
    const candidate = await network(grpcSim, emulated.address);
    assert.ok(reference.spikes.length >= 50, 'the network must be active');
    assert.equal(candidate.spikes, reference.spikes);
    assert.equal(candidate.v, reference.v);
    const changedReference = await betweenRuns(grpcSim, cpu.address);
    const changedCandidate = await betweenRuns(grpcSim, emulated.address);
    assert.ok(changedReference.spikes.filter((s) => s.startsWith('alpha:')).length >= 10, 'the alpha cells must fire');
    assert.ok(changedReference.spikes.filter((s) => s.startsWith('target:1:')).length >= 1, 'the second segment must fire');
    assert.equal(changedCandidate.spikes, changedReference.spikes);
    assert.equal(changedCandidate.v, changedReference.v);
    assert.equal(changedCandidate.weights, changedReference.weights);
    const othersReference = await otherModels(grpcSim, cpu.address);
    const othersCandidate = await otherModels(grpcSim, emulated.address);
    for (const label of ['izhikevich', 'adex', 'adex_alpha', 'gsfa_grr', 'gif', 'hh', 'gamma', 'refractory', 'inh_gamma', 'point'])
      assert.ok(othersReference.spikes.filter((s) => s.startsWith(`${label}:`)).length >= 5, `the ${label} cells must fire`);
    assert.equal(othersCandidate.spikes, othersReference.spikes);
    assert.equal(othersCandidate.traces, othersReference.traces);
    assert.ok(othersReference.u.some((u) => u !== 0.4), 'the Tsodyks-Markram synapses must have facilitated');
    assert.equal(othersCandidate.u, othersReference.u);
    assert.ok(othersReference.stdpWeights.some((w) => w !== 1.5), 'the STDP weights must have changed');
    assert.equal(othersCandidate.stdpWeights, othersReference.stdpWeights);
    assert.is((emulated.log().match(/engine cuda-host \(host emulation, \d+ device bytes\), \d+ projections expanded on the device; /g) ?? []).length, 3,
      'every session ran on the emulated device, which expanded synapses for each');
  } finally {
    await emulated.stop();
    await cpu.stop();
  }
});

if (built) {
  let cuda: RunningServer;
  let cpu: RunningServer;
  let gpuPresent = false;

  test.before(async () => {
    cuda = await startServer(['--engine', 'auto'], cudaServerBinary);
    cpu = await startServer(['--engine', 'cpu']);
    gpuPresent = !fallbackLine.test(cuda.log());
    fallbackLine.lastIndex = 0;
  });

  test.after(async () => {
    await cuda?.stop();
    await cpu?.stop();
  });

  test('--engine auto: one log line saying which engine sessions use', () => {
    if (gpuPresent) {
      assert.match(cuda.log(), /engine auto: CUDA device \d+ \(.+, compute capability \d+\.\d+, \d+ MiB\): sessions run on the CUDA engine/);
    } else {
      const lines = cuda.log().match(fallbackLine) ?? [];
      assert.is(lines.length, 1, cuda.log());
      console.log(`  (no GPU here: ${lines[0]})`);
    }
  });

  test('GetInfo: engines and devices as the CUDA runtime reports them, the CUDA build named', async () => {
    const client = rawClient(cuda.address);
    const { response, error } = await unary(client, client.getInfo, {});
    assert.not.ok(error);
    assert.match(response!.build, /CUDA engine: CUDA \d+\.\d+, architectures sm [\d ]+, --fmad=false/);
    const cudaDevices = response!.devices.filter((d) => d.kind === 'cuda');
    if (gpuPresent) {
      assert.equal(response!.engines, ['cpu', 'cuda']);
      assert.ok(cudaDevices.length >= 1);
      assert.match(cudaDevices[0]!.computeCapability, /^\d+\.\d+$/);
      assert.ok(Number(cudaDevices[0]!.totalMemory) > 0);
    } else {
      assert.equal(response!.engines, ['cpu']);
      assert.is(cudaDevices.length, 0);
    }
  });

  test('a session asking for cuda: refused with FAILED_PRECONDITION without a device', async () => {
    if (gpuPresent) return;  // with a device the session is built: the spike test below covers it
    const client = rawClient(cuda.address);
    const outcome = await new Promise<{ error?: grpc.ServiceError; response?: SessionInfo }>((resolve) => {
      const call = client.createSession(new grpc.Metadata(), (error, response) => resolve(error ? { error } : { response }));
      call.write(CreateSessionChunk.fromPartial({ part: { $case: 'header', value: { networkBytes: 0n, engine: 'cuda', client: 'test/server' } } }));
      call.end();
    });
    assert.is(outcome.error?.code, grpc.status.FAILED_PRECONDITION);
    assert.match(outcome.error!.details, /header\.engine.*no usable CUDA device/);
  });

  test('the CUDA build gives exactly the spikes and v of the CPU build', async () => {
    const reference = await network(grpcSim, cpu.address);
    const candidate = await network(grpcSim, cuda.address);
    assert.ok(reference.spikes.filter((s) => s.startsWith('exc:')).length >= 50, 'the network must be active');
    assert.ok(reference.spikes.filter((s) => s.startsWith('inh:')).length >= 5, 'the inhibitory cells must fire');
    assert.equal(candidate.spikes, reference.spikes);
    assert.equal(candidate.v, reference.v);
    const engineLine = gpuPresent
      ? /engine cuda \(cuda \(.+, device \d+\), \d+ device bytes\), \d+ projections expanded on the device; /
      : /engine cpu; /;
    assert.match(cuda.log(), engineLine);
  });

  test('--engine cuda: exit 2 naming the missing device (with a device: it starts)', async () => {
    if (gpuPresent) {
      const server = await startServer(['--engine', 'cuda'], cudaServerBinary);
      assert.match(server.log(), /engine cuda: CUDA device/);
      assert.is(await server.stop(), 0);
      return;
    }
    const result = spawnSync(cudaServerBinary, ['--engine', 'cuda', '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 10_000 });
    assert.is(result.status, 2);
    assert.match(result.stderr, /tsnn-server: --engine cuda: no usable CUDA device \(.+\); use --engine auto/);
  });
}

test.run();
