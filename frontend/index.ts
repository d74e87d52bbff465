// tsnn: the PyNN-compatible API. setup({ backend }) takes any Backend; 'tsnn/wasm' and 'tsnn/grpc' choose one.
export * from './api.js';
export { setup } from './simulation/control.js';
