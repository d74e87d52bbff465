// The script of the browser test page: runs the small network with the wasm backend and leaves the outcome in
// globalThis.tsnnResult for the test to read.
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { runSmallNetwork } from './small-network.js';

async function main() {
  const backend = await createWasmBackend();
  try {
    const record = await runSmallNetwork(backend);
    const info = await backend.getInfo();
    return { ok: true, spikes: record.spikes, finalStep: String(record.finalStep), crossOriginIsolated: globalThis.crossOriginIsolated, engine: info.devices[0]?.name ?? '' };
  } finally {
    await backend.close();
  }
}

(globalThis as { tsnnResult?: unknown }).tsnnResult = main().catch((error: unknown) => ({
  ok: false,
  error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
}));
