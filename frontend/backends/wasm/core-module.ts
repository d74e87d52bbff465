// The shape of the emscripten module built by wasm/build.mjs (wasm/dist/tsnn-core.mjs): the core's C API of
// docs/architecture.md, the allocator, and the heap. Pointers and sizes are wasm32 values; with a 4 GiB maximum
// heap, addresses above 2 GiB come back from exported functions as negative numbers, so callers apply `>>> 0`.

export interface CoreModule {
  /** The heap. Replaced when memory grows: read it again after every call into the module. */
  readonly HEAPU8: Uint8Array;
  UTF8ToString(pointer: number, maxBytes?: number): string;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _tsnn_session_create(network: number, size: number): number;
  _tsnn_call(session: number, method: number, request: number, size: number): number;
  _tsnn_response_data(session: number): number;
  _tsnn_response_size(session: number): number;
  _tsnn_last_error(): number;
  _tsnn_session_destroy(session: number): void;
  /** wasm/glue: the supported cell types, one per line (absent from modules built without the glue). */
  _tsnn_wasm_cell_types?(): number;
  /** The threaded build's shared memory (emscripten exports it there). */
  readonly wasmMemory?: WebAssembly.Memory;
  /** The threaded build's worker pool (emscripten's PThread object). */
  readonly PThread?: {
    readonly unusedWorkers: ReadonlyArray<{ unref?(): void }>;
    terminateAllThreads(): void;
  };
  /** Compiler, version and flags of the build (set by wasm/build.mjs through --pre-js). */
  readonly tsnnBuild?: { version: string; compiler: string; flags: string; threads: boolean };
}

/** Options emscripten's module factory accepts that the loader uses. */
export interface CoreModuleOptions {
  wasmBinary?: Uint8Array;
  instantiateWasm?: (
    imports: WebAssembly.Imports,
    receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ) => Record<string, never>;
  locateFile?: (path: string, prefix: string) => string;
  /** The threaded build: workers to start with the module (its PTHREAD_POOL_SIZE). */
  tsnnWorkers?: number;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

export type CoreModuleFactory = (options: CoreModuleOptions) => Promise<CoreModule>;

/**
 * The heap as it is now. In the threaded build another thread may have grown the memory (a worker expanding a
 * projection), and emscripten refreshes Module.HEAPU8 only on the thread that grew it.
 */
export function currentHeap(core: CoreModule): Uint8Array {
  const memory = core.wasmMemory;
  return memory && core.HEAPU8.buffer !== memory.buffer ? new Uint8Array(memory.buffer) : core.HEAPU8;
}
