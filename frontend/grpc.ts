// tsnn/grpc: the API with setup({ server, token, tls }) connecting to a remote tsnn server (created at the
// first run).
import type { Backend } from './backend/backend.js';
import { setup as setupSimulation, type SetupOptions } from './simulation/control.js';
import type { GrpcBackendOptions } from './backends/grpc/index.js';

export * from './api.js';

export interface GrpcSetupOptions extends SetupOptions {
  /** host:port of the server, e.g. '127.0.0.1:50051'. */
  server?: string;
  /** Bearer token, when the server requires one. */
  token?: string;
  tls?: GrpcBackendOptions['tls'];
  /** Further client options (chunk size, deadlines). */
  grpc?: Omit<GrpcBackendOptions, 'server' | 'token' | 'tls'>;
}

export async function setup(options: GrpcSetupOptions = {}): Promise<number> {
  const { server, token, tls, grpc, ...rest } = options;
  if (!rest.backend && (typeof server !== 'string' || server.length === 0)) {
    throw new Error("setup(): 'server' (host:port of a tsnn server, e.g. '127.0.0.1:50051') is required with tsnn/grpc");
  }
  const backend =
    rest.backend ??
    (async (): Promise<Backend> => {
      const { createGrpcBackend } = await import('./backends/grpc/index.js');
      return createGrpcBackend({
        ...(grpc ?? {}),
        server: server!,
        ...(token !== undefined ? { token } : {}),
        ...(tls !== undefined ? { tls } : {}),
      });
    });
  return setupSimulation({ ...rest, backend });
}
