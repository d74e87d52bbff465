// An engine's fault reaches a script as PyNN's error class, naming the script's object (pynn-errors-from-engine.ts):
// the truth is PyNN's own choice of class for the same fault (pyNN.errors; Projection's check_weights raises
// ConnectionError), and the names the script gave. The engine's EngineError stays as the cause.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EngineError } from '../../frontend/backend/backend.js';
import { pynnErrorFromEngine, type NetworkObjectNames } from '../../frontend/simulation/pynn-errors-from-engine.js';
import * as sim from '../../frontend/wasm.js';
import { rejectsError } from './assert-error.js';

const names: NetworkObjectNames = {
  population: (i) => (i === 1 ? "Population 'exc' (IF_cond_exp)" : undefined),
  projection: (j) => (j === 3 ? "Projection 'exc→inh'" : undefined),
  currentSource: (k) => (k === 0 ? "DCSource 'drive'" : undefined),
};

function translated(code: EngineError['code'], path: string, message: string, call = { method: 'CreateSession' } as Parameters<typeof pynnErrorFromEngine>[1]) {
  const cause = new EngineError(code, path, message);
  const error = pynnErrorFromEngine(cause, call, names) as Error;
  return { error, cause };
}

test('a refused value of a network object: InvalidParameterValueError naming the object and the field', () => {
  const { error, cause } = translated('INVALID_ARGUMENT', 'network.populations[1].cell_type.parameters["tau_m"]', 'must be > 0, got -2');
  assert.instance(error, sim.InvalidParameterValueError);
  assert.instance(error, sim.ValueError);
  assert.is(error.message, `Population 'exc' (IF_cond_exp), cell_type.parameters["tau_m"]: must be > 0, got -2`);
  assert.is(error.cause, cause);
});

test("the connector and the weights' sign of a projection: ConnectionError, as PyNN raises", () => {
  for (const field of ['connector.fixed_probability.p_connect', 'synapse.weight']) {
    const { error } = translated('INVALID_ARGUMENT', `network.projections[3].${field}`, 'bad');
    assert.instance(error, sim.ConnectionError, field);
    assert.is(error.message, `Projection 'exc→inh', ${field}: bad`);
  }
  const { error } = translated('INVALID_ARGUMENT', 'network.projections[3].synapse.parameters["U"]', 'U must be in [0, 1]');
  assert.instance(error, sim.InvalidParameterValueError);
});

test('the engine naming the object itself: named once', () => {
  const { error } = translated('INVALID_ARGUMENT', 'network.projections[3].synapse.weight', "Projection 'exc→inh': weight -1 is negative");
  assert.is(error.message, "Projection 'exc→inh', synapse.weight: weight -1 is negative");
});

test("a request's fault names the object the request is about", () => {
  const call = { method: 'SetSynapseValues', owner: { kind: 'projection' as const, index: 3 } };
  const { error } = translated('INVALID_ARGUMENT', 'request.values["tau_rec"]', 'tau_rec must be > 0 ms, got -4', call);
  assert.instance(error, sim.InvalidParameterValueError);
  assert.is(error.message, `Projection 'exc→inh', values["tau_rec"]: tau_rec must be > 0 ms, got -4`);
  const source = translated('INVALID_ARGUMENT', 'request.current_source.dc.amplitude', 'must be finite', {
    method: 'SetCurrentSource',
    owner: { kind: 'currentSource', index: 0 },
  });
  assert.is(source.error.message, "DCSource 'drive', current_source.dc.amplitude: must be finite");
});

test('engine memory exhausted: MemoryError; a fault of no object: ValueError naming the call', () => {
  const memory = translated('RESOURCE_EXHAUSTED', '', 'WebAssembly memory exhausted (4 GiB at most) during Run', { method: 'Run' });
  assert.instance(memory.error, sim.MemoryError);
  assert.is(memory.error.message, 'Run: WebAssembly memory exhausted (4 GiB at most) during Run');
  const settings = translated('INVALID_ARGUMENT', 'network.settings.min_delay', 'must be >= dt');
  assert.instance(settings.error, sim.ValueError);
  assert.is(settings.error.message, 'CreateSession, network.settings.min_delay: must be >= dt');
});

test('faults PyNN has no class for stay EngineErrors, unchanged', () => {
  for (const code of ['UNAVAILABLE', 'UNAUTHENTICATED', 'NOT_FOUND', 'FAILED_PRECONDITION', 'INTERNAL', 'CANCELLED'] as const) {
    const { error, cause } = translated(code, 'network.projections[3]', 'x');
    assert.is(error, cause, code);
  }
  const other = new TypeError('not an engine fault');
  assert.is(pynnErrorFromEngine(other, { method: 'Run' }, names), other);
});

// On the engine: values only the engine draws or receives, refused there.

async function twoPopulations() {
  await sim.setup({ timestep: 0.1, seed: 4 });
  const pre = new sim.Population(10, new sim.IF_cond_exp({}), { label: 'pre' });
  const post = new sim.Population(10, new sim.IF_cond_exp({}), { label: 'post' });
  return { pre, post };
}

test('Tsodyks-Markram U drawn outside [0, 1] by the engine: InvalidParameterValueError naming the projection', async () => {
  const { pre, post } = await twoPopulations();
  const U = new sim.RandomDistribution('normal', { mu: 0.5, sigma: 2 });
  new sim.Projection(pre, post, new sim.AllToAllConnector(), new sim.TsodyksMarkramSynapse({ weight: 0.01, U }), { label: 'tm' });
  const error = await rejectsError(() => sim.run(1), sim.InvalidParameterValueError, /^Projection 'tm', synapse\.parameters\["U"\]: .*U must be a probability in \[0, 1\], got /);
  assert.instance(error.cause, EngineError);
  assert.is((error.cause as EngineError).code, 'INVALID_ARGUMENT');
  await sim.end();
});

test('a negative weight drawn onto an excitatory receptor: ConnectionError, as check_weights raises', async () => {
  const { pre, post } = await twoPopulations();
  const weight = new sim.RandomDistribution('normal', { mu: 0.1, sigma: 1 });
  new sim.Projection(pre, post, new sim.AllToAllConnector(), new sim.StaticSynapse({ weight }), { label: 'drawn' });
  await rejectsError(() => sim.run(1), sim.ConnectionError, /^Projection 'drawn', synapse\.weight: weight -[\d.]+ drawn for the connection \d+ -> \d+ is negative/);
  await sim.end();
});

test("Projection.set with a value the engine refuses: InvalidParameterValueError, and the projection's values kept", async () => {
  const { pre, post } = await twoPopulations();
  const prj = new sim.Projection(pre, post, new sim.OneToOneConnector(), new sim.TsodyksMarkramSynapse({ weight: 0.01, tau_rec: 300 }), { label: 'tm' });
  await sim.run(1);
  const tauRec = new sim.RandomDistribution('normal', { mu: 1, sigma: 20 });
  await rejectsError(() => prj.set({ tau_rec: tauRec }), sim.InvalidParameterValueError, /^Projection 'tm', values\["tau_rec"\]: .*tau_rec must be > 0 ms, got -/);
  assert.equal(await prj.get('tau_rec', { format: 'list', withAddress: false }), Array(10).fill(300));
  // The engine writes the value as the user would (std::to_string gave "2.000000", %.17g "1.1000000000000001").
  for (const [mu, text] of [[2, '2'], [1.1, '1.1']] as const) {
    await rejectsError(() => prj.set({ U: new sim.RandomDistribution('normal', { mu, sigma: 0 }) }), sim.InvalidParameterValueError,
      new RegExp(`U must be a probability in \\[0, 1\\], got ${text.replace('.', '\\.')}$`));
  }
  await sim.run(1);
  assert.is(sim.getCurrentTime(), 2);
  await sim.end();
});

test.run();
