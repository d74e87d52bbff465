// tsnn/wasm: the API with setup() defaulting to the in-process WebAssembly engine (created at the first run).
import type { Backend } from './backend/backend.js';
import { setup as setupSimulation, type SetupOptions } from './simulation/control.js';
import type { WasmBackendOptions } from './backends/wasm/index.js';

export * from './api.js';

export interface WasmSetupOptions extends SetupOptions {
  /** Options for the wasm engine (where its module lives, ...). */
  wasm?: WasmBackendOptions;
}

export async function setup(options: WasmSetupOptions = {}): Promise<number> {
  const { wasm, ...rest } = options;
  const backend =
    rest.backend ??
    (async (): Promise<Backend> => {
      const { createWasmBackend } = await import('./backends/wasm/index.js');
      // The engine the first network needs: the threaded build when setup asks for threads.
      return createWasmBackend({ threads: rest.threads, ...wasm });
    });
  return setupSimulation({ ...rest, backend });
}
