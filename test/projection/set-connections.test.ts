// Projection.set and initialize: before the network is built they change the message the engines will receive;
// afterwards they send SetSynapseValues, turning pair-dependent values into one value per existing connection.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Projection } from '../../frontend/projection/projection.js';
import { AllToAllConnector } from '../../frontend/connectors/all-to-all.js';
import { StaticSynapse } from '../../frontend/synapses/static-synapse.js';
import { TsodyksMarkramSynapse } from '../../frontend/synapses/tsodyks-markram-synapse.js';
import { STDPMechanism } from '../../frontend/synapses/stdp-mechanism.js';
import { SpikePairRule } from '../../frontend/synapses/timing-dependence.js';
import { AdditiveWeightDependence } from '../../frontend/synapses/weight-dependence.js';
import { InvalidDimensionsError, InvalidParameterValueError, NonExistentParameterError } from '../../frontend/errors.js';
import { MultiQuantalSynapse } from '../../frontend/synapses/multi-quantal-synapse.js';
import { NumpyRNG } from '../../frontend/random/rng.js';
import { RandomDistribution } from '../../frontend/random/random-distribution.js';
import type { SynapseType } from '../../frontend/synapses/synapse-type.js';
import { getSynapseField } from '../../frontend/projection/synapse-fields.js';
import { FakeBackend, FakeSimulation, fakeCells } from './fakes.js';

const CONNECTIONS: Array<[number, number, Record<string, number>]> = [
  [0, 1, { weight: 0.1, u: 0 }],
  [1, 0, { weight: 0.2, u: 0 }],
  [2, 1, { weight: 0.3, u: 0 }],
];

function project(synapse: SynapseType, built: boolean) {
  const simulation = new FakeSimulation();
  const prj = new Projection(fakeCells('pre', 3), fakeCells('post', 2, { population: 1 }), new AllToAllConnector(), synapse, {
    simulation,
  });
  const backend = new FakeBackend(CONNECTIONS, 2);
  simulation.backend = backend;
  simulation.built = built;
  return { prj, backend, simulation };
}

async function rejects(p: Promise<unknown>, check: (e: Error) => boolean): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(check(e as Error), (e as Error).message);
    return;
  }
  assert.unreachable('expected a rejection');
}

test('before build: a scalar replaces the value in the message; nothing is sent', async () => {
  const { prj, backend } = project(new StaticSynapse({ weight: 0.1 }), false);
  await prj.set({ weight: 0.7, delay: 2 });
  assert.equal(prj.toMessage().synapse?.weight, { kind: { $case: 'scalar', value: 0.7 } });
  assert.equal(prj.toMessage().synapse?.delay, { kind: { $case: 'scalar', value: 2 } });
  assert.is(backend.setRequests.length, 0);
});

test('before build: STDP component parameters and Tsodyks–Markram u land in their places', async () => {
  const stdp = project(new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: new AdditiveWeightDependence() }), false);
  await stdp.prj.set({ w_max: 0.5, tau_plus: 15 });
  const dynamics = stdp.prj.toMessage().synapse?.dynamics;
  if (dynamics?.$case !== 'stdp') throw new Error('not stdp');
  assert.equal(dynamics.value.weightDependence?.value.wMax, { kind: { $case: 'scalar', value: 0.5 } });
  assert.equal(dynamics.value.timing?.value && (dynamics.value.timing.value as { tauPlus: unknown }).tauPlus, {
    kind: { $case: 'scalar', value: 15 },
  });
  const tm = project(new TsodyksMarkramSynapse(), false);
  await tm.prj.initialize({ u: 0.25 });
  assert.equal(getSynapseField(tm.prj.toMessage().synapse!, 'u'), { kind: { $case: 'scalar', value: 0.25 } });
});

// The engine refused these only at the next run, after the call had returned; now the call itself refuses them,
// and the message keeps its values.
test('before build: values outside their ranges are refused at once (u, U, tau_plus, a), the message unchanged', async () => {
  const invalid = (pattern: RegExp) => (e: Error) => e instanceof InvalidParameterValueError && pattern.test(e.message);
  const tm = project(new TsodyksMarkramSynapse(), false);
  await rejects(tm.prj.initialize({ u: 2 }), invalid(/Projection '.*': TsodyksMarkramSynapse u must be ≥ 0, ≤ 1, got 2/));
  await rejects(tm.prj.set({ U: 1.5 }), invalid(/TsodyksMarkramSynapse U must be ≥ 0, ≤ 1, got 1.5/));
  await rejects(tm.prj.set({ tau_rec: [100, -1] }), invalid(/tau_rec must be > 0, got -1/));
  assert.equal(getSynapseField(tm.prj.toMessage().synapse!, 'u'), { kind: { $case: 'scalar', value: 0 } });
  const stdp = project(new STDPMechanism({ timingDependence: new SpikePairRule(), weightDependence: new AdditiveWeightDependence() }), false);
  await rejects(stdp.prj.set({ tau_plus: 0 }), invalid(/STDPMechanism tau_plus must be > 0, got 0/));
  const mq = project(new MultiQuantalSynapse({ n: 3 }), false);
  await rejects(mq.prj.initialize({ a: 1.5 }), invalid(/MultiQuantalSynapse a must be an integer, ≥ 0, got 1.5/));
});

test('before build: a function of distance becomes the pre × post matrix f(|i - j|)', async () => {
  const { prj } = project(new StaticSynapse(), false);
  await prj.set({ delay: (d: number) => 1 + d });
  assert.equal(prj.toMessage().synapse?.delay, { kind: { $case: 'matrix', value: { rows: 3, cols: 2, values: [1, 2, 2, 1, 3, 2] } } });
});

test('before build: values per connection need the connections, so run() first', async () => {
  const { prj } = project(new StaticSynapse(), false);
  await rejects(prj.set({ weight: [0.1, 0.2, 0.3] }), (e) => /run\(\)/.test(e.message));
});

test('after build: a scalar and a distribution are sent as they are', async () => {
  const { prj, backend, simulation } = project(new StaticSynapse(), true);
  await prj.set({ weight: 0.5 });
  assert.equal(backend.setRequests[0], { projection: 0, values: { weight: { kind: { $case: 'scalar', value: 0.5 } } } });
  const before = simulation.streamsAllocated;
  await prj.set({ delay: new RandomDistribution('uniform', [1, 2], new NumpyRNG({ seed: 4 })) });
  const delay = backend.setRequests[1]!.values.delay!.kind;
  assert.is(delay?.$case, 'distribution');
  assert.is(delay?.$case === 'distribution' && delay.value.rng?.stream, 1n << 61n);  // the rng's first use
  assert.is(simulation.streamsAllocated, before);
});

test('after build: a pre × post array gives one value per connection; NaN keeps the current value', async () => {
  const { prj, backend } = project(new StaticSynapse(), true);
  await prj.set({
    weight: [
      [9, 1.5],
      [2.5, 9],
      [9, Number.NaN],
    ],
  });
  assert.equal(backend.setRequests[0]!.values.weight, { kind: { $case: 'array', value: { values: [1.5, 2.5, 0.3] } } });
  await rejects(prj.set({ weight: [[1, 2]] }), (e) => e instanceof InvalidDimensionsError && /3 × 2/.test(e.message));
});

test('after build: a function of distance is evaluated per connection (d = |i - j|)', async () => {
  const { prj, backend } = project(new StaticSynapse(), true);
  await prj.set({ weight: (d: number) => 10 * d });
  assert.equal(backend.setRequests[0]!.values.weight, { kind: { $case: 'array', value: { values: [10, 10, 10] } } });
});

test('after build: a function of (i, j) is evaluated per connection by index', async () => {
  const { prj, backend } = project(new StaticSynapse(), true);
  await prj.set({ weight: (i: number, j: number) => i + 0.5 * j });
  assert.equal(backend.setRequests[0]!.values.weight, { kind: { $case: 'array', value: { values: [0.5, 1, 2.5] } } });
});

test('after build: a flat array must have one value per connection', async () => {
  const { prj, backend } = project(new StaticSynapse(), true);
  await prj.set({ weight: [0.4, 0.5, 0.6] });
  assert.equal(backend.setRequests[0]!.values.weight, { kind: { $case: 'array', value: { values: [0.4, 0.5, 0.6] } } });
  await rejects(prj.set({ weight: [0.4, 0.5] }), (e) => e instanceof InvalidDimensionsError && /3 connections/.test(e.message));
});

test('after build: initialize sends state variables; unknown names are refused', async () => {
  const { prj, backend } = project(new TsodyksMarkramSynapse(), true);
  await prj.initialize({ u: 0.3 });
  assert.equal(backend.setRequests[0]!.values, { u: { kind: { $case: 'scalar', value: 0.3 } } });
  await rejects(prj.initialize({ U: 0.3 }), (e) => e instanceof NonExistentParameterError && /\bu\b/.test(e.message));
  await rejects(prj.set({ u: 0.3 }), (e) => e instanceof NonExistentParameterError);
  await rejects(prj.set({ tau_psc: 3 }), (e) => e instanceof NonExistentParameterError && /TsodyksMarkramSynapse/.test(e.message));
});

test.run();
