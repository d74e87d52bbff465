// The same PyNN-style script with the same seed, once on the in-process WebAssembly engine and once through a
// tsnn-server over gRPC: the spike rasters and the recorded traces must be identical, bit for bit (DESIGN §3:
// same network and seed, same spikes). The WebAssembly results are the reference: that engine is checked against
// analytic solutions and Brian2 fixtures elsewhere. Each scenario also asserts that it produced activity, so an
// empty raster on both sides cannot pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpcSim from '../../frontend/grpc.js';
import * as wasmSim from '../../frontend/wasm.js';
import { startServer, type RunningServer } from './server-process.js';

type Sim = typeof wasmSim;

interface Recorded {
  /** "label:cell:time" for every spike, in a canonical order. */
  spikes: string[];
  /** label.variable → column-major values of every recorded trace. */
  traces: Record<string, number[]>;
}

async function collect(populations: Array<InstanceType<Sim['Population']>>, traces: string[]): Promise<Recorded> {
  const recorded: Recorded = { spikes: [], traces: {} };
  for (const population of populations) {
    const segment = (await population.getData()).segments[0]!;
    segment.spiketrains.forEach((train, cell) => {
      for (const t of train.times) recorded.spikes.push(`${population.label}:${cell}:${t.toFixed(6)}`);
    });
    for (const name of traces) {
      const signal = segment.analogsignals.find((s) => s.name === name);
      if (!signal) continue;
      const values: number[] = [];
      for (let c = 0; c < signal.shape[1]; c++) values.push(...signal.column(c));
      recorded.traces[`${population.label}.${name}`] = values;
    }
  }
  recorded.spikes.sort();
  return recorded;
}

// Every neuron model and source the core runs, driven by Poisson and array sources and by every current source,
// wired with several connectors; spikes everywhere and v (and a conductance) recorded.
async function everyModel(sim: Sim, setup: (options: { timestep: number; seed: number }) => Promise<number>): Promise<Recorded> {
  await setup({ timestep: 0.1, seed: 4242 });
  const rng = new sim.NumpyRNG({ seed: 77 });
  const poisson = new sim.Population(30, new sim.SpikeSourcePoisson({ rate: 80 }), { label: 'poisson' });
  const array = new sim.Population(3, new sim.SpikeSourceArray({ spike_times: [2, 7.5, 13, 21, 40] }), { label: 'array' });
  const cells = {
    currExp: new sim.Population(12, new sim.IF_curr_exp({ tau_m: 15, i_offset: 0.2 }), { label: 'curr_exp' }),
    currAlpha: new sim.Population(12, new sim.IF_curr_alpha({ i_offset: 0.3 }), { label: 'curr_alpha' }),
    currDelta: new sim.Population(12, new sim.IF_curr_delta({ i_offset: 0.1 }), { label: 'curr_delta' }),
    condExp: new sim.Population(12, new sim.IF_cond_exp({ i_offset: 0.2 }), { label: 'cond_exp' }),
    condAlpha: new sim.Population(12, new sim.IF_cond_alpha({ i_offset: 0.2 }), { label: 'cond_alpha' }),
    izhikevich: new sim.Population(12, new sim.Izhikevich({ i_offset: 0.005 }), { label: 'izhikevich' }),
  };
  const targets = Object.values(cells);
  for (const [k, target] of targets.entries()) {
    const weight = target === cells.currDelta || target === cells.izhikevich ? 2.5 : target === cells.condExp || target === cells.condAlpha ? 0.01 : 0.4;
    new sim.Projection(poisson, target, new sim.FixedProbabilityConnector(0.3, { rng }), new sim.StaticSynapse({ weight, delay: 0.5 + 0.1 * k }), { receptorType: 'excitatory' });
    new sim.Projection(array, target, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight, delay: 1 }), { receptorType: 'excitatory' });
  }
  new sim.Projection(cells.currExp, cells.currAlpha, new sim.OneToOneConnector(), new sim.StaticSynapse({ weight: 0.5, delay: 1.5 }), { receptorType: 'excitatory' });
  new sim.Projection(cells.currAlpha, cells.condExp, new sim.FixedNumberPreConnector(3, { rng }), new sim.StaticSynapse({ weight: 0.005, delay: 2 }), { receptorType: 'inhibitory' });
  new sim.Projection(cells.condExp, cells.currExp, new sim.FromListConnector([[0, 1, 0.3, 1.2], [2, 3, 0.2, 0.7], [5, 5, 0.4, 3.0]]), new sim.StaticSynapse(), { receptorType: 'excitatory' });
  new sim.DCSource({ amplitude: 0.4, start: 10, stop: 60 }).injectInto(cells.currExp);
  new sim.StepCurrentSource({ times: [5, 25, 45], amplitudes: [0.3, 0.8, 0.1] }).injectInto(cells.currAlpha);
  new sim.ACSource({ amplitude: 0.3, offset: 0.2, frequency: 40, phase: 0, start: 0, stop: 80 }).injectInto(cells.condAlpha);
  new sim.NoisyCurrentSource({ mean: 0.4, stdev: 0.3, dt: 0.1, start: 0, stop: 80 }).injectInto(cells.condExp);
  poisson.record('spikes');
  array.record('spikes');
  for (const population of targets) population.record(['spikes', 'v']);
  cells.condExp.record('gsyn_exc');
  await sim.run(60);
  await sim.run(40);   // two runs: the second continues the first on both engines
  const result = await collect([poisson, array, ...targets], ['v', 'gsyn_exc']);
  await sim.end();
  return result;
}

// The models of the core's second part (adaptive, Hodgkin–Huxley, escape noise, composed neurons, renewal and
// inhomogeneous sources) and plastic synapses, the same way.
async function partTwo(sim: Sim, setup: (options: { timestep: number; seed: number }) => Promise<number>): Promise<Recorded> {
  await setup({ timestep: 0.1, seed: 99 });
  const rng = new sim.NumpyRNG({ seed: 5 });
  const sources = {
    gamma: new sim.Population(10, new sim.SpikeSourceGamma({ alpha: 3, beta: 150 }), { label: 'gamma' }),
    refractory: new sim.Population(10, new sim.SpikeSourcePoissonRefractory({ rate: 60, tau_refrac: 3 }), { label: 'refractory' }),
    inhGamma: new sim.Population(10, new sim.SpikeSourceInhGamma({ a: new sim.Sequence([2, 4]), b: new sim.Sequence([0.01, 0.005]), tbins: new sim.Sequence([0, 50]) }), { label: 'inh_gamma' }),
  };
  const cells = {
    eifExp: new sim.Population(6, new sim.EIF_cond_exp_isfa_ista({ i_offset: 0.6 }), { label: 'eif_exp' }),
    eifAlpha: new sim.Population(6, new sim.EIF_cond_alpha_isfa_ista({ i_offset: 0.6 }), { label: 'eif_alpha' }),
    hh: new sim.Population(6, new sim.HH_cond_exp({ i_offset: 0.3 }), { label: 'hh' }),
    gsfa: new sim.Population(6, new sim.IF_cond_exp_gsfa_grr({ i_offset: 1.0 }), { label: 'gsfa_grr' }),
    facets: new sim.Population(6, new sim.IF_facets_hardware1(), { label: 'facets' }),
    gif: new sim.Population(6, new sim.GIF_cond_exp({ i_offset: 0.5 }), { label: 'gif' }),
    point: new sim.Population(6, new sim.PointNeuron(new sim.LIF({ i_offset: 0.8 }), {
      AMPA: new sim.CondExpPostSynapticResponse({ e_syn: 0, tau_syn: 2 }),
      NMDA: new sim.CondBetaPostSynapticResponse({ e_syn: 0, tau_rise: 2, tau_decay: 40 }),
    }), { label: 'point' }),
  };
  for (const [k, target] of Object.values(cells).entries()) {
    const receptorType = target === cells.point ? 'AMPA' : 'excitatory';
    for (const source of Object.values(sources)) {
      new sim.Projection(source, target, new sim.FixedProbabilityConnector(0.5, { rng }), new sim.StaticSynapse({ weight: 0.004, delay: 0.4 + 0.1 * k }), { receptorType });
    }
  }
  new sim.Projection(sources.gamma, cells.point, new sim.AllToAllConnector(), new sim.TsodyksMarkramSynapse({ weight: 0.003, delay: 1, U: 0.4, tau_rec: 300 }), { receptorType: 'NMDA' });
  new sim.Projection(sources.refractory, cells.eifExp, new sim.AllToAllConnector(),
    new sim.STDPMechanism({ timingDependence: new sim.SpikePairRule({ tau_plus: 20, tau_minus: 20, A_plus: 0.01, A_minus: 0.012 }),
      weightDependence: new sim.AdditiveWeightDependence({ w_min: 0, w_max: 0.01 }), weight: 0.004, delay: 1 }), { receptorType: 'excitatory' });
  new sim.Projection(sources.inhGamma, cells.facets, new sim.AllToAllConnector(), new sim.SimpleStochasticSynapse({ weight: 0.01, delay: 1, p: 0.5 }), { receptorType: 'excitatory' });
  new sim.DCSource({ amplitude: 0.3, start: 20, stop: 70 }).injectInto(cells.facets);
  for (const population of [...Object.values(sources), ...Object.values(cells)]) population.record('spikes');
  for (const population of Object.values(cells)) population.record('v');
  await sim.run(100);
  const result = await collect([...Object.values(sources), ...Object.values(cells)], ['v']);
  await sim.end();
  return result;
}

// A recurrent random network with random initial conditions: where tiny differences would grow chaotically.
async function recurrent(sim: Sim, setup: (options: { timestep: number; seed: number }) => Promise<number>): Promise<Recorded> {
  await setup({ timestep: 0.1, seed: 99 });
  const rng = new sim.NumpyRNG({ seed: 5 });
  const exc = new sim.Population(80, new sim.IF_curr_exp({ tau_m: 20, i_offset: 1.0 }), {
    label: 'exc',
    initialValues: { v: new sim.RandomDistribution('uniform', [-70, -52], rng) },
  });
  // i_offset 1.2 nA: 3 mV below threshold on its own, so that the excitation makes the inhibitory cells fire
  const inh = new sim.Population(20, new sim.IF_curr_exp({ tau_m: 10, i_offset: 1.2 }), { label: 'inh' });
  const connector = new sim.FixedProbabilityConnector(0.15, { rng });
  new sim.Projection(exc, exc, connector, new sim.StaticSynapse({ weight: new sim.RandomDistribution('uniform', [0.05, 0.15], rng), delay: 1 }), { receptorType: 'excitatory' });
  new sim.Projection(exc, inh, connector, new sim.StaticSynapse({ weight: 0.1, delay: 1 }), { receptorType: 'excitatory' });
  new sim.Projection(inh, exc, connector, new sim.StaticSynapse({ weight: -0.4, delay: 1 }), { receptorType: 'inhibitory' });
  exc.record(['spikes', 'v']);
  inh.record('spikes');
  await sim.run(200);
  const result = await collect([exc, inh], ['v']);
  await sim.end();
  return result;
}

// Changes between runs: parameters, initial values, new spike times, a current source's amplitude, weights set
// and read back, recording switched on later, and reset() into a second segment.
async function betweenRuns(sim: Sim, setup: (options: { timestep: number; seed: number }) => Promise<number>): Promise<Recorded> {
  await setup({ timestep: 0.1, seed: 31 });
  const rng = new sim.NumpyRNG({ seed: 8 });
  const source = new sim.Population(4, new sim.SpikeSourceArray({ spike_times: [1, 3, 5] }), { label: 'source' });
  const target = new sim.Population(10, new sim.IF_cond_exp({ i_offset: 0.3 }), { label: 'target' });
  const projection = new sim.Projection(source, target, new sim.FixedProbabilityConnector(0.5, { rng }),
    new sim.StaticSynapse({ weight: new sim.RandomDistribution('uniform', [0.01, 0.03], rng), delay: 0.7 }), { receptorType: 'excitatory' });
  const dc = new sim.DCSource({ amplitude: 0.2, start: 0, stop: 1000 });
  dc.injectInto(target);
  target.record(['spikes', 'v']);
  await sim.run(20);
  target.set({ tau_m: 12 });
  source.set({ spike_times: [25, 27, 29, 31] });
  dc.setParameters({ amplitude: 1.0 });
  await projection.set({ weight: 0.04 });
  source.record('spikes');
  await sim.run(20);
  const weights = await projection.get('weight', { format: 'list' });
  await sim.reset();
  target.initialize({ v: -55 });
  await sim.run(40);
  const recorded = await collect([source, target], ['v']);
  const block = await target.getData();
  recorded.traces['weights'] = (weights as number[][]).flat();
  recorded.traces['segments'] = [block.segments.length];
  block.segments.forEach((segment, k) => {
    segment.spiketrains.forEach((train, cell) => {
      for (const t of train.times) recorded.spikes.push(`segment${k}:${cell}:${t.toFixed(6)}`);
    });
  });
  recorded.spikes.sort();
  await sim.end();
  return recorded;
}

let server: RunningServer;

test.before(async () => {
  server = await startServer();
});

test.after(async () => {
  await server?.stop();
});

const overGrpc = (options: { timestep: number; seed: number }) => grpcSim.setup({ ...options, server: server.address });
const onWasm = (options: { timestep: number; seed: number }) => wasmSim.setup(options);

function assertSame(local: Recorded, remote: Recorded, minimumSpikesPerLabel: Record<string, number>) {
  for (const [label, least] of Object.entries(minimumSpikesPerLabel)) {
    const count = local.spikes.filter((s) => s.startsWith(`${label}:`)).length;
    assert.ok(count >= least, `${label}: ${count} spikes on WASM, expected at least ${least} (the scenario must be active)`);
  }
  assert.equal(remote.spikes, local.spikes, 'spike rasters differ between gRPC and WASM');
  assert.equal(Object.keys(remote.traces).sort(), Object.keys(local.traces).sort());
  for (const name of Object.keys(local.traces)) {
    assert.ok(local.traces[name]!.length > 0, `${name} is empty`);
    assert.equal(remote.traces[name], local.traces[name], `${name} differs between gRPC and WASM`);
  }
}

test('every model, source, current source and several connectors: identical spikes and traces over gRPC and on WASM', async () => {
  const local = await everyModel(wasmSim, onWasm);
  const remote = await everyModel(grpcSim as unknown as Sim, overGrpc);
  assertSame(local, remote, { poisson: 50, array: 15, curr_exp: 1, curr_alpha: 1, curr_delta: 1, cond_exp: 1, cond_alpha: 1, izhikevich: 1 });
});

test('a recurrent random network with random weights and initial v: identical over gRPC and on WASM', async () => {
  const local = await recurrent(wasmSim, onWasm);
  const remote = await recurrent(grpcSim as unknown as Sim, overGrpc);
  assertSame(local, remote, { exc: 20, inh: 5 });
});

test("the server's CPU engine with two threads: identical to WASM with one", async () => {
  const threaded = (options: { timestep: number; seed: number }) =>
    grpcSim.setup({ ...options, threads: 2, server: server.address });
  const local = await recurrent(wasmSim, onWasm);
  const remote = await recurrent(grpcSim as unknown as Sim, threaded);
  assertSame(local, remote, { exc: 20, inh: 5 });
});

test('changes between runs, weights read back, reset into a second segment: identical over gRPC and on WASM', async () => {
  const local = await betweenRuns(wasmSim, onWasm);
  const remote = await betweenRuns(grpcSim as unknown as Sim, overGrpc);
  assertSame(local, remote, { segment0: 5, segment1: 1 });
  assert.equal(local.traces['segments'], [2]);
});

test('adaptive, HH, GIF, composed neurons, renewal sources and plastic synapses: identical over gRPC and on WASM', async () => {
  const local = await partTwo(wasmSim, onWasm);
  const remote = await partTwo(grpcSim as unknown as Sim, overGrpc);
  assertSame(local, remote, { gamma: 5, refractory: 5, inh_gamma: 5, eif_exp: 1, eif_alpha: 1, hh: 1, gsfa_grr: 1, gif: 1, point: 1 });
});

test.run();
