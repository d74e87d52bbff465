// A network the WebAssembly engine's 4 GiB certainly cannot hold is refused before it is encoded or built, naming
// its largest population; the engine and its current session are kept. The truth: the lower bounds of engine bytes
// a cell (frontend/backends/wasm/engine-memory.ts) against 4 GiB, worked out here by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { checkEngineMemory } from '../../frontend/backends/wasm/engine-memory.js';
import { MemoryError } from '../../frontend/errors.js';
import type { Network } from '../../frontend/generated/tsnn/v1/model.js';
import { network, population } from './network-builders.js';

/** A network message of populations whose size is declared but whose per-cell arrays are left out. */
function declared(sizes: Array<[string, number, string]>): Network {
  return network(0.1, 1n, sizes.map(([label, size, type]) => ({ ...population(label, 0, type, {}), size })));
}

test('the lower bounds: 348 bytes a neuron, 148 a spike-source array, 228 a Poisson source (with the message)', () => {
  const fourGiB = 4 * 2 ** 30;
  const neurons = Math.floor(fourGiB / 348);  // 12,341,860
  assert.not.throws(() => checkEngineMemory(declared([['cortex', neurons, 'IF_cond_exp']])));
  assert.throws(() => checkEngineMemory(declared([['cortex', neurons + 1, 'IF_cond_exp']])), (e: unknown) => e instanceof MemoryError);
  assert.not.throws(() => checkEngineMemory(declared([['input', Math.floor(fourGiB / 148), 'SpikeSourceArray']])));
  // Populations add up: 10 million neurons and 4 million Poisson sources (3.48 + 0.91 GB > 4.29 GB).
  let message = '';
  try {
    checkEngineMemory(declared([['exc', 10_000_000, 'IF_curr_exp'], ['noise', 4_000_000, 'SpikeSourcePoisson']]));
  } catch (e) {
    message = (e as Error).message;
  }
  assert.match(message, "The network's 2 populations need at least 4.1 GiB of the WebAssembly engine's memory");
  assert.match(message, "the largest, 'exc' with 10000000 cells, at least 3.2 GiB");
  assert.match(message, 'or the gRPC backend');
});

test('createSession refuses before encoding; the engine keeps its session and builds the next network', async () => {
  const backend = await createWasmBackend();
  try {
    await backend.createSession(network(0.1, 1n, [population('small', 3, 'IF_curr_exp', {})]));
    let error: unknown;
    await backend.createSession(declared([['huge', 20_000_000, 'IF_curr_exp']])).catch((e: unknown) => (error = e));
    assert.instance(error, MemoryError);
    const complete = await backend.run({ steps: 10n, progressEverySteps: 0, chunkSteps: 0 }, () => {});
    assert.is(complete.step, 10n);  // the first session, still there
    const info = await backend.createSession(network(0.1, 1n, [population('next', 5, 'IF_curr_exp', {})]));
    assert.is(info.neurons, 5n);
  } finally {
    await backend.close();
  }
});

test.run();
