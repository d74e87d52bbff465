// The three entry points (tsnn, tsnn/wasm, tsnn/grpc) export the same PyNN API; only setup() differs in the
// backend it chooses. Backends are created at the first run, so building a network needs none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as base from '../../frontend/index.js';
import * as wasm from '../../frontend/wasm.js';
import * as grpc from '../../frontend/grpc.js';
import { currentState } from '../../frontend/simulation/state.js';
import { PynnErrorsBackend } from '../../frontend/simulation/pynn-errors-from-engine.js';
import { FakeBackend } from './fake-backend.js';
import { rejectsError } from './assert-error.js';
import { captureWarnings } from './capture-warnings.js';

// PyNN names a script uses (pynn-api.md §1–10), in their TypeScript spelling.
const PYNN_API = [
  'setup', 'run', 'runFor', 'runUntil', 'reset', 'end', 'getCurrentTime', 'getTimeStep', 'getMinDelay', 'getMaxDelay',
  'numProcesses', 'rank', 'listStandardModels', 'create', 'connect', 'set', 'initialize', 'record', 'recordV', 'recordGsyn',
  'IF_curr_exp', 'IF_curr_alpha', 'IF_curr_delta', 'IF_cond_exp', 'IF_cond_alpha', 'IF_cond_exp_gsfa_grr',
  'IF_facets_hardware1', 'HH_cond_exp', 'EIF_cond_exp_isfa_ista', 'EIF_cond_alpha_isfa_ista', 'Izhikevich',
  'GIF_cond_exp', 'SpikeSourcePoisson', 'SpikeSourcePoissonRefractory', 'SpikeSourceGamma', 'SpikeSourceInhGamma',
  'SpikeSourceArray', 'PointNeuron', 'LIF', 'AdExp', 'CurrExpPostSynapticResponse', 'CondExpPostSynapticResponse',
  'CondAlphaPostSynapticResponse', 'CondBetaPostSynapticResponse', 'ExpPSR', 'AlphaPSR', 'BetaPSR',
  'Population', 'PopulationView', 'Assembly', 'ID', 'Projection',
  'DCSource', 'ACSource', 'StepCurrentSource', 'NoisyCurrentSource',
  'AllToAllConnector', 'OneToOneConnector', 'FixedProbabilityConnector', 'FixedNumberPreConnector',
  'FixedNumberPostConnector', 'FixedTotalNumberConnector', 'FromListConnector', 'FromFileConnector',
  'DistanceDependentProbabilityConnector', 'IndexBasedProbabilityConnector', 'DisplacementDependentProbabilityConnector',
  'ArrayConnector', 'CloneConnector', 'SmallWorldConnector',
  'StaticSynapse', 'TsodyksMarkramSynapse', 'STDPMechanism', 'SimpleStochasticSynapse', 'StochasticTsodyksMarkramSynapse',
  'MultiQuantalSynapse', 'SpikePairRule', 'Vogels2011Rule', 'AdditiveWeightDependence', 'MultiplicativeWeightDependence',
  'AdditivePotentiationMultiplicativeDepression', 'GutigWeightDependence',
  'NumpyRNG', 'GSLRNG', 'NativeRNG', 'RandomDistribution', 'Sequence', 'ArrayParameter',
  'Space', 'Line', 'Grid2D', 'Grid3D', 'RandomStructure', 'Cuboid', 'Sphere',
  'Block', 'Segment', 'SpikeTrain', 'AnalogSignal',
  'NonExistentParameterError', 'InvalidParameterValueError', 'InvalidDimensionsError', 'ConnectionError',
  'RecordingError', 'NoModelAvailableError', 'InvalidModelError', 'NotLocalError', 'NothingToWriteError', 'InvalidWeightError',
];

test('every entry point exports the PyNN API', () => {
  for (const [name, mod] of [['tsnn', base], ['tsnn/wasm', wasm], ['tsnn/grpc', grpc]] as const) {
    const missing = PYNN_API.filter((n) => !(n in mod));
    assert.equal(missing, [], `${name} lacks ${missing.join(', ')}`);
  }
});

test('the three entry points export the same names', () => {
  const names = (m: object) => Object.keys(m).sort();
  assert.equal(names(wasm), names(base));
  assert.equal(names(grpc), names(base));
});

test('tsnn/wasm: setup() defers the engine to the first run; an explicit backend wins', async () => {
  await wasm.setup({ timestep: 0.1 });
  assert.is(currentState().backend, undefined);
  new wasm.Population(2, new wasm.IF_cond_exp());
  assert.is(wasm.buildNetwork().populations.length, 1);
  const fake = new FakeBackend();
  await wasm.setup({ backend: fake });
  await wasm.run(1);
  // Wrapped so that its faults arrive as PyNN's errors (pynn-errors-from-engine.ts).
  assert.is((currentState().backend as PynnErrorsBackend).inner, fake);
});

test('tsnn/grpc: setup() needs a server; the connection is made at the first run', async () => {
  await rejectsError(() => grpc.setup({}), Error, /'server' \(host:port/);
  await grpc.setup({ server: '127.0.0.1:1', token: 'secret' });
  assert.is(currentState().backend, undefined);
  const fake = new FakeBackend();
  await grpc.setup({ backend: fake });
  await grpc.run(1);
  assert.equal(fake.methods(), ['createSession', 'run']);
});

test('tsnn: without a backend the network still builds; run() explains what to import', async () => {
  await base.setup();
  new base.Population(1, new base.SpikeSourceArray({ spike_times: [1, 2] }));
  assert.is(base.buildNetwork().populations[0]!.cellType!.name, 'SpikeSourceArray');
  await rejectsError(() => base.run(1), Error, /No backend/);
});

test('procedural API: create, connect, set, initialize, record', async () => {
  const fake = new FakeBackend();
  await base.setup({ backend: fake });
  const { result: a } = captureWarnings(() => base.create(base.IF_cond_exp, { tau_m: 12 }, 3));
  const b = base.create(new base.IF_cond_exp(), undefined, 2);
  assert.is(a.size, 3);
  assert.is(a.get('tau_m'), 12);
  base.set(b, { cm: 2 });
  assert.is(b.get('cm'), 2);
  base.initialize(b, { v: -60 });
  assert.is(b.get('v'), -60);
  const prj = base.connect(a, b, { weight: 0.01, delay: 1.0, p: 0.5 });
  const msg = prj.toMessage();
  assert.is(msg.connector!.rule!.$case, 'fixedProbability');
  assert.equal(msg.synapse!.weight, { kind: { $case: 'scalar', value: 0.01 } });
  base.record('spikes', a, '/tmp/tsnn-procedural-record.json');
  assert.equal(a.recorder.variables, ['spikes']);
  assert.equal(currentState().writeOnEnd.map((w) => [w.collection, w.variables, w.file]), [
    [a, 'spikes', '/tmp/tsnn-procedural-record.json'],
  ]);
  // PyNN's record() takes an ID (as its one-cell view) and annotations for the source (test_record_with_filename).
  base.record('v', b[1]!, '/tmp/tsnn-procedural-record-v.json', { annotations: { trial: 3 } });
  assert.equal(b.recorder.recordedCells('v'), [1]);
  const written = currentState().writeOnEnd[1]!;
  assert.equal([written.variables, written.file], ['v', '/tmp/tsnn-procedural-record-v.json']);
  assert.is((written.collection as unknown as { annotations: Record<string, unknown> }).annotations.trial, 3);
});

test('procedural API: create() refuses cellparams with a cell type instance (PyNN asserts cellparams is None)', async () => {
  await base.setup({ backend: new FakeBackend() });
  assert.throws(() => base.create(new base.IF_curr_exp(), { tau_m: 5 }, 3), (e: Error) =>
    e instanceof TypeError && /^create\(\): cellparams apply only when cellclass is a cell type class; .*pass the parameters to the cell type/.test(e.message));
  assert.is(base.create(new base.IF_curr_exp({ tau_m: 5 }), undefined, 3).get('tau_m'), 5);
});

test("procedural API: recordV and recordGsyn are PyNN's record_v and record_gsyn", async () => {
  await base.setup({ backend: new FakeBackend() });
  const p = base.create(new base.IF_cond_exp(), undefined, 2);
  base.recordV(p, '/tmp/tsnn-procedural-record-v2.json');
  base.recordGsyn(p[0]!, '/tmp/tsnn-procedural-record-gsyn.json');
  assert.equal(p.recorder.variables.slice().sort(), ['gsyn_exc', 'gsyn_inh', 'v']);
  assert.equal(p.recorder.recordedCells('gsyn_exc'), [0]);
  assert.equal(currentState().writeOnEnd.map((w) => [w.variables, w.file]), [
    ['v', '/tmp/tsnn-procedural-record-v2.json'],
    [['gsyn_exc', 'gsyn_inh'], '/tmp/tsnn-procedural-record-gsyn.json'],
  ]);
});

test.run();
