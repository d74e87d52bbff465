// The Network message (model.proto) built from a script: settings, populations in construction order,
// projections, assemblies, current sources, recordings, RNG streams in construction order, and the checks made
// before anything is sent (errors name the field path).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildNetwork } from '../../frontend/build/current-network.js';
import { resolveMinDelay } from '../../frontend/build/min-delay.js';
import { validateNetwork } from '../../frontend/build/validate-network.js';
import { IF_cond_exp, SpikeSourcePoisson } from '../../frontend/cells/standard-cell-types.js';
import { FixedProbabilityConnector } from '../../frontend/connectors/fixed-probability.js';
import { FromListConnector } from '../../frontend/connectors/from-list.js';
import { DCSource } from '../../frontend/currents/dc-source.js';
import { NoisyCurrentSource } from '../../frontend/currents/noisy-current-source.js';
import { ValueError } from '../../frontend/errors.js';
import { Assembly } from '../../frontend/populations/assembly.js';
import { Population } from '../../frontend/populations/population.js';
import { Projection } from '../../frontend/projection/projection.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import { getMinDelay, setup } from '../../frontend/simulation/control.js';
import { currentState } from '../../frontend/simulation/state.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { throwsError } from './assert-error.js';
import { FakeBackend } from './fake-backend.js';
import { ensureBuilt } from '../../frontend/simulation/advance.js';

test('settings: timestep, delays (0 = auto), seed and simulator name', async () => {
  await setup({ timestep: 0.05, minDelay: 0.5, maxDelay: 10, seed: 1234 });
  const s = buildNetwork().settings!;
  assert.is(s.timestep, 0.05);
  assert.is(s.minDelay, 0.5);
  assert.is(s.maxDelay, 10);
  assert.is(s.seed, 1234n);
  assert.match(s.simulator, /^tsnn/);
  await setup();
  const d = buildNetwork().settings!;
  assert.is(d.minDelay, 0);
  assert.is(d.maxDelay, 0);
  assert.is(d.seed, 42n);
});

test('populations, projections, assemblies, current sources and recordings in construction order', async () => {
  await setup({ timestep: 0.1 });
  const stim = new Population(5, new SpikeSourcePoisson({ rate: 20 }), { label: 'stim' });
  const exc = new Population(4, new IF_cond_exp(), { label: 'exc' });
  const prj = new Projection(stim, exc, new FixedProbabilityConnector(0.5), new StaticSynapse({ weight: 0.002, delay: 1 }), {
    receptorType: 'excitatory',
  });
  const all = new Assembly([stim, exc], { label: 'all' });
  new DCSource({ amplitude: 0.3 }).injectInto(exc);
  exc.record(['spikes', 'v']);
  stim.record('spikes');
  const net = buildNetwork();
  assert.equal(net.populations.map((p) => p.label), ['stim', 'exc']);
  assert.equal(net.populations.map((p) => p.cellType!.name), ['SpikeSourcePoisson', 'IF_cond_exp']);
  assert.is(net.projections.length, 1);
  assert.is(net.projections[0]!.label, prj.label);
  assert.is(net.projections[0]!.receptorType, 'excitatory');
  assert.equal(net.assemblies.find((a) => a.label === 'all')?.cells?.parts.map((s) => s.population), [0, 1]);
  assert.is(all.size, 9);
  assert.is(net.currentSources.length, 1);
  assert.equal(net.currentSources[0]!.targets[0]!.parts, [{ population: 1, cells: { $case: 'all', value: true } }]);
  assert.equal(
    net.recordings.map((r) => [r.population, r.variable]),
    [
      [0, 'spikes'],
      [1, 'spikes'],
      [1, 'v'],
    ],
  );
});

test('RNG streams are allocated in construction order, one per random use', async () => {
  await setup();
  const a = new Population(3, new IF_cond_exp());
  const n1 = new NoisyCurrentSource();
  new Projection(a, a, new FixedProbabilityConnector(0.2), new StaticSynapse({ weight: 0.01 }));
  const n2 = new NoisyCurrentSource();
  n1.injectInto(a);
  n2.injectInto(a);
  const net = buildNetwork();
  const streams = net.currentSources.map((s) => (s.kind?.$case === 'noisy' ? s.kind.value.rng!.stream : -1n));
  const connectorStream = net.projections[0]!.connector!.rng!.stream;
  assert.ok(streams[0]! < connectorStream && connectorStream < streams[1]!);
  assert.is(currentState().allocateStream() > streams[1]!, true);
});

test("min delay 'auto': the smallest delay used, else the timestep", async () => {
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  const a = new Population(2, new IF_cond_exp());
  new Projection(a, a, new FixedProbabilityConnector(1), new StaticSynapse({ weight: 0.01, delay: 2.5 }));
  new Projection(a, a, new FixedProbabilityConnector(1), new StaticSynapse({ weight: 0.01, delay: 0.7 }));
  assert.is(resolveMinDelay(buildNetwork()), 0.7);
  assert.is(currentState().minDelay, 0.1); // inspecting the network changes nothing
  await ensureBuilt(currentState());
  assert.is(currentState().minDelay, 0.7); // the fake engine reports 0: the frontend's value is used
  await setup({ timestep: 0.1 });
  new Population(2, new IF_cond_exp());
  assert.is(resolveMinDelay(buildNetwork()), 0.1);
});

test("getMinDelay() with 'auto' before the build: the smallest delay given so far, in whole steps; drawn delays wait for the engine", async () => {
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  const a = new Population(2, new IF_cond_exp());
  assert.is(getMinDelay(), 0.1);  // no connections: the timestep, as pyNN.brian2
  new Projection(a, a, new FixedProbabilityConnector(1), new StaticSynapse({ weight: 0.01, delay: 2.5 }));
  assert.is(getMinDelay(), 2.5);
  new Projection(a, a, new FixedProbabilityConnector(1), new StaticSynapse({ weight: 0.01, delay: [1.04, 3, 2, 4] }));
  assert.is(getMinDelay(), 1);  // 1.04 ms is 10 steps: the delay the engine uses
  new Projection(a, a, new FromListConnector([[0, 1, 0.01, 0.7]]), new StaticSynapse());
  assert.is(getMinDelay(), 0.7);  // a list's delays, and 0.7 rather than 7 · 0.1 = 0.7000000000000001
  new Projection(a, a, new FixedProbabilityConnector(1), new StaticSynapse({ weight: 0.01, delay: new RandomDistribution('uniform', [5, 6]) }));
  assert.is(getMinDelay(), 0.1);  // drawn: only the engine knows until the build
});

test('validation names the field: unknown cell type, bad receptor, short delay, bad selection, bad recording', async () => {
  await setup({ timestep: 0.1 });
  const a = new Population(2, new IF_cond_exp());
  new Projection(a, a, new FixedProbabilityConnector(1), new StaticSynapse({ weight: 0.01, delay: 1 }));
  a.record('v');
  const good = buildNetwork();
  const copy = () => structuredClone(good);
  let net = copy();
  net.populations[0]!.cellType!.name = 'IF_cond_nope';
  throwsError(() => validateNetwork(net), ValueError, /^network\.populations\[0\]\.cell_type\.name: unknown cell type 'IF_cond_nope'/);
  net = copy();
  net.projections[0]!.receptorType = 'AMPA';
  throwsError(() => validateNetwork(net), ValueError, /^network\.projections\[0\]\.receptor_type: 'AMPA' is not a receptor type/);
  net = copy();
  net.projections[0]!.synapse!.delay = { kind: { $case: 'scalar', value: 0.05 } };
  throwsError(() => validateNetwork(net), ValueError, /^network\.projections\[0\]\.synapse\.delay: delay 0.05 ms is shorter than the timestep/);
  net = copy();
  net.projections[0]!.post!.parts[0] = { population: 0, cells: { $case: 'indices', value: { values: [0, 5] } } };
  throwsError(() => validateNetwork(net), ValueError, /^network\.projections\[0\]\.post\.parts\[0\]\.indices\[1\]: index 5 out of range/);
  net = copy();
  net.recordings[0]!.variable = 'w';
  throwsError(() => validateNetwork(net), ValueError, /^network\.recordings\[0\]\.variable: 'w' is not recordable/);
  net = copy();
  net.populations[0]!.cellType!.parameters.tau_m = { kind: { $case: 'array', value: { values: [1, 2, 3] } } };
  throwsError(() => validateNetwork(net), ValueError, /tau_m"\]: 3 values for 2 cells/);
  net = copy();
  net.settings!.timestep = 0;
  throwsError(() => validateNetwork(net), ValueError, /^network\.settings\.timestep/);
});

test('a current source aimed at a spike source is refused by validation too', async () => {
  await setup();
  const s = new Population(2, new SpikeSourcePoisson());
  const net = buildNetwork();
  net.currentSources.push({ label: 'x', targets: [s.toCellSet()], kind: { $case: 'dc', value: { amplitude: 1, start: 0, stop: 1 } }, record: false });
  throwsError(() => validateNetwork(net), ValueError, /can't inject current into a spike source/);
});

test.run();
