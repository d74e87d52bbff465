// The WebAssembly backend: the C++ core compiled by wasm/build.mjs, run in this thread.
export { createWasmBackend, type WasmBackendOptions } from './wasm-backend.js';
export { loadCore, type CoreLocation } from './load-core.js';
