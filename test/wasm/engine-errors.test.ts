// Faults reported by the engine inside WebAssembly arrive as EngineError with the gRPC code and the field path
// of the offending value (simulator.proto's error model), and calls in the wrong state are FAILED_PRECONDITION.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EngineError } from '../../frontend/backend/backend.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { network, population } from './network-builders.js';

const lif = { cm: 1, tau_m: 20, v_rest: -65, v_reset: -65, v_thresh: -50, tau_refrac: 0.1, i_offset: 0, tau_syn_E: 5, tau_syn_I: 5 };

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, EngineError);
    return error as EngineError;
  }
  throw new assert.Assertion({ message: 'expected the call to fail', operator: 'rejects', expects: 'an EngineError', actual: 'success' });
}

test('an unknown parameter name is INVALID_ARGUMENT naming the parameter', async () => {
  const backend = await createWasmBackend();
  try {
    const net = network(0.1, 1n, [population('ok', 2, 'IF_curr_exp', lif), population('bad', 1, 'IF_curr_exp', { ...lif, tau_mm: 3 })]);
    const error = await rejection(backend.createSession(net));
    assert.is(error.code, 'INVALID_ARGUMENT');
    assert.match(error.path, 'populations[1]');
    assert.match(error.path + error.message, 'tau_mm');
  } finally {
    await backend.close();
  }
});

test('a non-finite parameter value is INVALID_ARGUMENT with its field path', async () => {
  const backend = await createWasmBackend();
  try {
    const net = network(0.1, 1n, [population('cells', 1, 'IF_curr_exp', { ...lif, tau_m: Number.NaN })]);
    const error = await rejection(backend.createSession(net));
    assert.is(error.code, 'INVALID_ARGUMENT');
    assert.match(error.path, /populations\[0\]\.cell_type\.parameters\["tau_m"\]/);
  } finally {
    await backend.close();
  }
});

test('an unknown cell type is INVALID_ARGUMENT', async () => {
  const backend = await createWasmBackend();
  try {
    const error = await rejection(backend.createSession(network(0.1, 1n, [population('cells', 1, 'IF_curr_nonsense', {})])));
    assert.is(error.code, 'INVALID_ARGUMENT');
    assert.match(error.path, 'populations[0].cell_type');
  } finally {
    await backend.close();
  }
});

test('calls before createSession, and after close, are FAILED_PRECONDITION', async () => {
  const backend = await createWasmBackend();
  assert.is((await rejection(backend.run({ steps: 10n, progressEverySteps: 0, chunkSteps: 0 }, () => undefined))).code, 'FAILED_PRECONDITION');
  await backend.createSession(network(0.1, 1n, [population('cells', 1, 'IF_curr_exp', lif)]));
  await backend.close();
  await backend.close();
  assert.is((await rejection(backend.reset())).code, 'FAILED_PRECONDITION');
});

test('a failed createSession leaves the backend usable', async () => {
  const backend = await createWasmBackend();
  try {
    await rejection(backend.createSession(network(0.1, 1n, [population('cells', 1, 'IF_curr_exp', { ...lif, cm: Number.POSITIVE_INFINITY })])));
    const info = await backend.createSession(network(0.1, 1n, [population('cells', 4, 'IF_curr_exp', lif)]));
    assert.is(info.neurons, 4n);
  } finally {
    await backend.close();
  }
});

test.run();
