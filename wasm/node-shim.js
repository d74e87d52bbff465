// Prepended (--extern-pre-js) to emscripten's ES-module output. Emscripten 3.1.6 still reads the CommonJS names
// `__dirname` and `require` when it detects Node, and neither exists in an ES module. The backend always hands the
// .wasm bytes over itself (wasmBinary), so these only have to exist; in a browser they stay inert.
var __dirname =
  typeof process === 'object' && process.versions && process.versions.node
    ? decodeURIComponent(new URL('.', import.meta.url).pathname)
    : '';
var require = function (name) {
  if (typeof process === 'object' && typeof process.getBuiltinModule === 'function') {
    return process.getBuiltinModule(name);
  }
  throw new Error(`tsnn-core: the WebAssembly module asked for the Node module '${name}'; pass wasmBinary instead`);
};
