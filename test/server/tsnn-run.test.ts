// gpu-server's tsnn-run: a Network message saved to a file, run without gRPC or Node on the CPU engine or the CUDA
// engine's host backend. The reference is the in-process WebAssembly engine given the same message: the spike
// count and synaptic events of its run must come out of tsnn-run on both engines, and both engines must record the
// same bytes (the digest). Bad files and flags end with a message and a non-zero status.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../frontend/backend/backend.js';
import { observeBackend } from '../../frontend/backend/observed-backend.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import type { RunComplete } from '../../frontend/generated/tsnn/v1/simulator.js';
import * as sim from '../../frontend/wasm.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const runner = join(root, 'build', 'native', 'gpu-server', 'tsnn-run');
// Built where nvcc exists (scripts/build.mjs, step 'cuda'): the binary to carry to a machine with a GPU.
const cudaRunner = join(root, 'build', 'native-cuda', 'gpu-server', 'tsnn-run');
const dir = mkdtempSync(join(tmpdir(), 'tsnn-run-test-'));
const networkFile = join(dir, 'network.bin');

interface Reference {
  runs: RunComplete[];
}

// 200 IF_curr_exp cells, each driven by its own Poisson source (one to one: the direct drive), with recurrent
// excitation and inhibition; spikes and v recorded; 2000 steps.
async function buildReference(): Promise<Reference> {
  const reference: Reference = { runs: [] };
  const backend = async (): Promise<Backend> => {
    const inner = await createWasmBackend();
    return observeBackend(inner, {
      beforeCreateSession: (network) => writeFileSync(networkFile, Network.encode(network).finish()),
      afterRun: (complete) => reference.runs.push(complete),
    });
  };
  await sim.setup({ timestep: 0.1, seed: 7, backend });
  const cells = new sim.Population(200, new sim.IF_curr_exp({ tau_refrac: 2 }), { label: 'cells' });
  const drive = new sim.Population(200, new sim.SpikeSourcePoisson({ rate: 900 }), { label: 'drive' });
  new sim.Projection(drive, cells, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.35, delay: 0.1 }));
  const rng = new sim.NumpyRNG({ seed: 11 });
  new sim.Projection(cells, cells, new sim.FixedProbabilityConnector(0.1, { rng }), new sim.StaticSynapse({ weight: 0.05, delay: 1.5 }));
  new sim.Projection(cells, cells, new sim.FixedProbabilityConnector(0.05, { rng }),
    new sim.StaticSynapse({ weight: -0.2, delay: 0.8 }), { receptorType: 'inhibitory' });
  cells.record(['spikes', 'v']);
  await sim.run(200);
  await sim.end();
  return reference;
}

interface Result {
  engine: string;
  steps: number;
  spikes: number;
  synaptic_events: number;
  recorded_bytes: number;
  recorded_digest: string;
  device_projections: number;
}

function runTool(args: string[], binary = runner): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(binary, args, { encoding: 'utf8' });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const networkArgs = (engine: string) => [networkFile, '--engine', engine, '--steps', '2000', '--chunk-steps', '500'];

function runNetwork(engine: string, binary = runner): Result {
  const { status, stdout, stderr } = runTool(networkArgs(engine), binary);
  assert.is(status, 0, `${binary} --engine ${engine} failed: ${stderr}`);
  return JSON.parse(stdout) as Result;
}

test('tsnn-run is built with the server', () => {
  assert.ok(existsSync(runner), `${runner} is missing: node scripts/build.mjs --only=native`);
});

test('the CPU engine and the CUDA host backend give the WebAssembly run and the same recording', async () => {
  const reference = await buildReference();
  const wasmSpikes = reference.runs.reduce((sum, r) => sum + Number(r.spikes), 0);
  const wasmEvents = reference.runs.reduce((sum, r) => sum + Number(r.synapticEvents), 0);
  assert.ok(wasmSpikes > 1000, `the network should be active (${wasmSpikes} spikes)`);
  const cpu = runNetwork('cpu');
  const host = runNetwork('cuda-host');
  assert.is(cpu.steps, 2000);
  assert.is(cpu.spikes, wasmSpikes, 'CPU engine spikes against WebAssembly');
  assert.is(cpu.synaptic_events, wasmEvents, 'CPU engine synaptic events against WebAssembly');
  assert.is(host.spikes, wasmSpikes, 'CUDA host backend spikes against WebAssembly');
  assert.is(host.synaptic_events, wasmEvents);
  assert.ok(cpu.recorded_bytes > 0);
  assert.is(host.recorded_bytes, cpu.recorded_bytes);
  assert.is(host.recorded_digest, cpu.recorded_digest, 'the two engines recorded different data');
  assert.is(cpu.device_projections, 0);
  assert.ok(host.device_projections >= 1, 'the CUDA host backend expands the connectivity');

  if (!existsSync(cudaRunner)) return;
  // The CUDA build: its host backend agrees; on the GPU it must agree too, and without one it says why.
  assert.is(runNetwork('cuda-host', cudaRunner).recorded_digest, cpu.recorded_digest);
  const gpu = runTool(networkArgs('cuda'), cudaRunner);
  if (gpu.status === 0) {
    const onDevice = JSON.parse(gpu.stdout) as Result;
    assert.is(onDevice.spikes, wasmSpikes, 'GPU spikes against WebAssembly');
    assert.is(onDevice.recorded_digest, cpu.recorded_digest, 'the GPU recorded other data than the CPU engine');
  } else {
    assert.is(gpu.status, 1);
    assert.match(gpu.stderr, /^tsnn-run: device: CUDA device 0 cannot be used: /);
  }
});

test('a file that is not a Network message is refused with the field at fault', () => {
  const garbage = join(dir, 'garbage.bin');
  writeFileSync(garbage, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]));
  const { status, stderr } = runTool([garbage]);
  assert.is(status, 1);
  assert.match(stderr, /^tsnn-run: network/);
});

test('a missing file and bad flags are usage errors', () => {
  assert.is(runTool([join(dir, 'absent.bin')]).status, 2);
  const badEngine = runTool([networkFile, '--engine', 'gpu']);
  assert.is(badEngine.status, 2);
  assert.match(badEngine.stderr, /--engine must be cpu, cuda or cuda-host, got 'gpu'/);
  assert.match(runTool([networkFile, '--steps', 'ten']).stderr, /--steps needs a non-negative integer, got 'ten'/);
  assert.match(runTool([]).stderr, /no network file/);
});

// scripts/gpu-check.py, what a GPU machine runs (no Node there): every network of a folder on two engines.
test('gpu-check.py: the same results on two engines pass, a network that fails to run does not', async () => {
  if (!existsSync(networkFile)) await buildReference();
  const folder = mkdtempSync(join(tmpdir(), 'tsnn-gpu-check-'));
  try {
    copyFileSync(networkFile, join(folder, 'small.bin'));
    const check = (engines: string) => spawnSync('/usr/bin/python3',
      [join(root, 'scripts', 'gpu-check.py'), folder, '--runner', runner, '--engines', engines, '--steps', '500'],
      { encoding: 'utf8' });
    const agree = check('cpu,cuda-host');
    assert.is(agree.status, 0, agree.stdout + agree.stderr);
    assert.match(agree.stdout, /small\s+same spikes, events and recordings on cpu and cuda-host/);
    assert.match(agree.stdout, /1 of 1 networks agree/);
    writeFileSync(join(folder, 'broken.bin'), Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    const broken = check('cpu,cuda-host');
    assert.is(broken.status, 1);
    assert.match(broken.stdout, /broken\s+cpu\s+failed: status 1: tsnn-run: network/);
    assert.match(broken.stdout, /1 of 2 networks agree/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

// --bisect, for a device whose results differ: a runner that spoils the digest of one engine's runs longer than 137
// steps stands in for it. The first differing step count must be found, and both runs' responses saved there.
test('gpu-check.py --bisect finds the first step count where two engines differ and saves both responses', async () => {
  if (!existsSync(networkFile)) await buildReference();
  const folder = mkdtempSync(join(tmpdir(), 'tsnn-gpu-bisect-'));
  try {
    copyFileSync(networkFile, join(folder, 'small.bin'));
    copyFileSync(networkFile, join(folder, 'other.bin'));
    const spoiling = join(folder, 'spoiling-runner');
    writeFileSync(spoiling, `#!/bin/sh
out=$("${runner}" "$@") || exit $?
if [ "$3" = cuda-host ] && [ "$5" -gt 137 ]; then echo "$out" | sed 's/"recorded_digest":"./"recorded_digest":"X/'; else echo "$out"; fi
`, { mode: 0o755 });
    const saved = join(folder, 'bisect');
    const result = spawnSync('/usr/bin/python3', [join(root, 'scripts', 'gpu-check.py'), folder, '--runner', spoiling,
      '--engines', 'cpu,cuda-host', '--steps', '500', '--only', 'small', '--bisect', saved], { encoding: 'utf8' });
    assert.is(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /small\s+DIFFERENT: recorded_digest/);
    assert.match(result.stdout, /small\s+the recordings first differ after 138 steps/);
    assert.not.match(result.stdout, /other/);  // --only
    const direct = join(folder, 'direct.events');
    assert.is(runTool([networkFile, '--steps', '138', '--events', direct]).status, 0);
    // The response of 138 steps (its bytes but the run's wall time, a double of fixed width, are the same every time).
    assert.is(readFileSync(join(saved, 'small.cpu.events')).length, readFileSync(direct).length);
    assert.is(readFileSync(join(saved, 'small.cuda-host.events')).length, readFileSync(direct).length);
    const shorter = join(folder, 'shorter.events');
    assert.is(runTool([networkFile, '--steps', '137', '--events', shorter]).status, 0);
    assert.ok(readFileSync(shorter).length < readFileSync(direct).length, 'a response of 137 steps is shorter');
    const missing = spawnSync('/usr/bin/python3', [join(root, 'scripts', 'gpu-check.py'), folder, '--only', 'absent'],
      { encoding: 'utf8' });
    assert.is(missing.status, 2);
    assert.match(missing.stderr, /--only names networks that .* lacks: absent/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
