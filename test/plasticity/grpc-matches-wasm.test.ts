// Plastic and stochastic synapses on a tsnn-server over gRPC give what the WebAssembly engine gives, bit for bit:
// the same Poisson-driven network with STDP, Tsodyks-Markram and stochastic projections, its post spikes and the
// weights and u read back after a run (needs build/native/gpu-server/tsnn-server and the wasm build).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpcSim from '../../frontend/grpc.js';
import * as wasmSim from '../../frontend/wasm.js';
import { startServer, type RunningServer } from '../server/server-process.js';

type Sim = typeof wasmSim;

interface Outcome {
  spikes: number;
  raster: string[];
  stdpWeights: number[];
  tmU: number[];
}

async function scenario(sim: Sim, setup: (options: { timestep: number; seed: number }) => Promise<number>): Promise<Outcome> {
  await setup({ timestep: 0.1, seed: 2024 });
  const inputs = new sim.Population(20, new sim.SpikeSourcePoisson({ rate: 30.0 }), { label: 'inputs' });
  const post = new sim.Population(5, new sim.IF_curr_exp(), { label: 'post' });
  post.record('spikes');
  const stdp = new sim.Projection(inputs, post, new sim.AllToAllConnector(),
    new sim.STDPMechanism({
      timingDependence: new sim.SpikePairRule({ A_plus: 0.01, A_minus: 0.012 }),
      weightDependence: new sim.MultiplicativeWeightDependence({ w_max: 1.0 }),
      weight: 0.3,
      delay: 1.0,
    }));
  const tm = new sim.Projection(inputs, post, new sim.FixedProbabilityConnector(0.5, { rng: new sim.NumpyRNG({ seed: 3 }) }),
    new sim.TsodyksMarkramSynapse({ weight: 0.5, delay: 0.5, U: 0.2, tau_rec: 200.0, tau_facil: 500.0 }));
  new sim.Projection(inputs, post, new sim.AllToAllConnector(), new sim.MultiQuantalSynapse({ weight: 0.1, delay: 2.0, U: 0.5, n: 3 }));
  new sim.Projection(inputs, post, new sim.AllToAllConnector(), new sim.SimpleStochasticSynapse({ weight: 0.2, delay: 1.0, p: 0.4 }));
  await sim.run(300.0);
  const trains = (await post.getData()).segments[0]!.spiketrains;
  const raster: string[] = [];
  trains.forEach((train, cell) => {
    for (const t of train.times) raster.push(`${cell}:${t.toFixed(6)}`);
  });
  const outcome = {
    spikes: raster.length,
    raster,
    stdpWeights: (await stdp.get('weight', { withAddress: false })) as number[],
    tmU: (await tm.get('u', { withAddress: false })) as number[],
  };
  await sim.end();
  return outcome;
}

let server: RunningServer;
test.before(async () => {
  server = await startServer();
});
test.after(async () => {
  await server?.stop();
});

test('STDP, Tsodyks-Markram and stochastic projections: identical spikes, weights and u over gRPC and on WASM', async () => {
  const local = await scenario(wasmSim, (options) => wasmSim.setup(options));
  const remote = await scenario(grpcSim as unknown as Sim, (options) => grpcSim.setup({ ...options, server: server.address }));
  assert.ok(local.spikes >= 20, `the post cells must fire (${local.spikes} spikes)`);
  assert.ok(local.stdpWeights.some((w) => w !== 0.3), 'STDP must have changed some weights');
  assert.equal(remote.raster, local.raster);
  assert.equal(remote.stdpWeights, local.stdpWeights);
  assert.equal(remote.tmU, local.tmU);
});

test.run();
