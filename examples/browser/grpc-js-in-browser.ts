// Stands in for @grpc/grpc-js in browser bundles (see bundle.mjs). The generated tsnn.v1 service file builds its
// gRPC client class when imported; a browser cannot open gRPC (HTTP/2) connections, so the class only explains that.
export function makeGenericClientConstructor(_service: unknown, serviceName: string): unknown {
  return class {
    constructor() {
      throw new Error(`${serviceName}: gRPC clients need Node.js; in a browser use the wasm backend (tsnn/wasm)`);
    }
  };
}
