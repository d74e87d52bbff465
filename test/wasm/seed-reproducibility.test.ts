// Same network and seed => the same spikes (DESIGN §3), in separate WebAssembly instances; another seed changes
// them. The network draws random numbers in the engine: Poisson spike trains and fixed-probability connectivity.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { fixedProbability, network, population, runAndCollectSpikes } from './network-builders.js';

const lif = { cm: 0.25, tau_m: 10, v_rest: -65, v_reset: -65, v_thresh: -55, tau_refrac: 2, i_offset: 0, tau_syn_E: 5, tau_syn_I: 5 };

function noisyNetwork(seed: bigint) {
  const sources = population('noise', 20, 'SpikeSourcePoisson', { rate: 50, start: 0, duration: 1e9 });
  // Per-cell rates travel as an array (the frontend draws parameter distributions itself).
  sources.cellType!.parameters.rate = { kind: { $case: 'array', value: { values: Array.from({ length: 20 }, (_, i) => 20 + 3 * i) } } };
  return network(0.1, seed, [sources, population('cells', 10, 'IF_curr_exp', lif, { v: -65 })], [
    fixedProbability(0, 1, 0.5, 0.8, 1.0, 'excitatory', 2n),
  ]);
}

test('two instances with the same seed produce identical spikes', async () => {
  const [a, b] = await Promise.all([createWasmBackend(), createWasmBackend()]);
  try {
    const first = await runAndCollectSpikes(a, noisyNetwork(42n), 2000);
    const second = await runAndCollectSpikes(b, noisyNetwork(42n), 2000);
    assert.ok(first.spikes.some((s) => s.startsWith('1:')), 'the driven cells fire');
    assert.equal(second.spikes, first.spikes);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a new session of the same backend repeats the run exactly; another seed does not', async () => {
  const backend = await createWasmBackend();
  try {
    const first = await runAndCollectSpikes(backend, noisyNetwork(42n), 2000);
    const again = await runAndCollectSpikes(backend, noisyNetwork(42n), 2000);
    const other = await runAndCollectSpikes(backend, noisyNetwork(43n), 2000);
    assert.equal(again.spikes, first.spikes);
    assert.not.equal(other.spikes, first.spikes);
  } finally {
    await backend.close();
  }
});

test.run();
