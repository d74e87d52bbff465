// The script of the browser test page: runs the small network with the wasm backend directly (in the page and in a
// Web Worker) and the PyNN-style network through the tsnn/wasm API (also with two threads), and leaves the outcome in globalThis.tsnnResult for the test to read.
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import * as sim from '../../frontend/wasm.js';
import { runPyNNNetwork } from './pynn-network.js';
import { runSmallNetwork } from './small-network.js';

async function main() {
  const backend = await createWasmBackend();
  let record;
  let device = '';
  try {
    record = await runSmallNetwork(backend);
    device = (await backend.getInfo()).devices[0]?.name ?? '';
  } finally {
    await backend.close();
  }
  const pynnSpikes = await runPyNNNetwork(sim);
  const threadedSpikes = await runPyNNNetwork(sim, {}, 2);
  const inWorker = await createWasmBackend({ worker: true });
  let workerRecord;
  let workerDevice = '';
  try {
    workerRecord = await runSmallNetwork(inWorker);
    workerDevice = (await inWorker.getInfo()).devices[0]?.name ?? '';
  } finally {
    await inWorker.close();
  }
  return {
    ok: true,
    spikes: record.spikes,
    workerSpikes: workerRecord.spikes,
    workerDevice,
    finalStep: String(record.finalStep),
    pynnSpikes,
    threadedSpikes,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    device,
  };
}

(globalThis as { tsnnResult?: unknown }).tsnnResult = main().catch((error: unknown) => ({
  ok: false,
  error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
}));
