// A small microcircuit (neuron scale 0.02, connectivity scale 0.1: 1,539 neurons, 596,104 synapses, Poisson
// background, DC compensation) with the same seed, once on the in-process WebAssembly engine and once through a
// tsnn-server's CPU engine over gRPC: every spike must be identical (DESIGN §3: same network and seed, same
// spikes). The network is recurrent and chaotic, so any difference in connectivity expansion, random streams or
// arithmetic would show within a few ms. The WASM run also has to be active, so two empty rasters cannot pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpcSim from '../../frontend/grpc.js';
import * as wasmSim from '../../frontend/wasm.js';
import { buildMicrocircuit, DEFAULT_OPTIONS } from '../../examples/microcircuit/network.js';
import { POPULATIONS } from '../../examples/microcircuit/parameters.js';
import { startServer, type RunningServer } from '../server/server-process.js';

type Sim = typeof wasmSim;

const DURATION = 200;
const SEED = 2014;

interface Outcome {
  /** "population:cell:time" for every spike, sorted. */
  spikes: string[];
  synapses: number;
  expectedSynapses: number;
}

async function simulate(sim: Sim, setup: () => Promise<number>): Promise<Outcome> {
  await setup();
  const circuit = buildMicrocircuit(sim, { ...DEFAULT_OPTIONS, neuronScale: 0.02, connectivityScale: 0.1, seed: SEED });
  for (const pop of circuit.populations.values()) pop.record('spikes');
  await sim.run(DURATION);
  const spikes: string[] = [];
  for (const name of POPULATIONS) {
    const trains = (await circuit.populations.get(name)!.getData()).segments[0]!.spiketrains;
    trains.forEach((train, cell) => {
      for (const t of train.times) spikes.push(`${name}:${cell}:${t.toFixed(6)}`);
    });
  }
  let synapses = 0;
  for (const prj of circuit.internal) synapses += await prj.size();
  await sim.end();
  spikes.sort();
  return { spikes, synapses, expectedSynapses: circuit.expectedSynapses };
}

let server: RunningServer;

test.before(async () => {
  server = await startServer();
});

test.after(async () => {
  await server?.stop();
});

test('ns 0.02 / cs 0.1 microcircuit, 200 ms: identical spikes on WASM and on the server CPU engine', async () => {
  const local = await simulate(wasmSim, () => wasmSim.setup({ timestep: 0.1, seed: SEED }));
  const remote = await simulate(grpcSim as unknown as Sim, () => grpcSim.setup({ timestep: 0.1, seed: SEED, server: server.address }));
  // The model card's rules at this scale (parameters.ts computes them; synapse-counts.test.ts checks that code).
  assert.is(local.expectedSynapses, 596104);
  assert.is(local.synapses, local.expectedSynapses);
  assert.is(remote.synapses, local.expectedSynapses);
  for (const name of POPULATIONS) {
    const count = local.spikes.filter((s) => s.startsWith(`${name}:`)).length;
    assert.ok(count > 0, `${name} fired no spike on WASM in ${DURATION} ms`);
  }
  assert.is(remote.spikes.length, local.spikes.length, 'spike counts differ between gRPC and WASM');
  const firstDifference = local.spikes.findIndex((s, k) => remote.spikes[k] !== s);
  assert.is(firstDifference, -1, `first differing spike: WASM ${local.spikes[firstDifference]} vs gRPC ${remote.spikes[firstDifference]}`);
});

test.run();
