// Promise wrappers over the generated client that keep the gRPC status (code and details) instead of turning it
// into an EngineError, so the fault tests can check exactly what the server answered.
import * as grpc from '@grpc/grpc-js';
import { Network } from '../../frontend/generated/tsnn/v1/model.js';
import {
  type ConnectionsChunk,
  CreateSessionChunk,
  type GetConnectionsRequest,
  type RunEvent,
  type RunRequest,
  type SessionInfo,
  type SimulatorClient,
} from '../../frontend/generated/tsnn/v1/simulator.js';

export interface Outcome<T> {
  error?: grpc.ServiceError;
  response?: T;
}

// The generated methods' last overload (request, metadata, options, callback): the one TypeScript infers from.
type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

export function unary<Req, Res>(client: SimulatorClient, method: UnaryMethod<Req, Res>, request: Req, metadata = new grpc.Metadata()): Promise<Outcome<Res>> {
  return new Promise((resolve) => {
    method.call(client, request, metadata, {}, (error, response) => resolve(error ? { error } : { response }));
  });
}

/** Sends a header announcing `announced` bytes, then `chunks`, then ends the stream (or cancels it). */
export function upload(
  client: SimulatorClient,
  announced: number,
  chunks: Uint8Array[],
  options: { metadata?: grpc.Metadata; withHeader?: boolean; cancelAfterChunks?: boolean } = {},
): Promise<Outcome<SessionInfo>> {
  return new Promise((resolve) => {
    const call = client.createSession(options.metadata ?? new grpc.Metadata(), (error, response) =>
      resolve(error ? { error } : { response }),
    );
    if (options.withHeader !== false) {
      call.write(CreateSessionChunk.fromPartial({ part: { $case: 'header', value: { networkBytes: BigInt(announced), engine: '', client: 'test/server' } } }));
    }
    for (const chunk of chunks) call.write({ part: { $case: 'networkChunk', value: Buffer.from(chunk) } });
    if (options.cancelAfterChunks) setTimeout(() => call.cancel(), 100);
    else call.end();
  });
}

/** Uploads a whole network in chunks of `chunkBytes`. */
export function createSession(client: SimulatorClient, network: Network, metadata?: grpc.Metadata, chunkBytes = 1 << 20): Promise<Outcome<SessionInfo>> {
  const bytes = Network.encode(network).finish();
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) chunks.push(bytes.subarray(at, at + chunkBytes));
  return upload(client, bytes.length, chunks, metadata ? { metadata } : {});
}

export interface RunOutcome {
  events: RunEvent[];
  error?: grpc.ServiceError;
}

/** Runs and collects every event; `cancelAfterEvents` cancels the call once that many events have arrived. */
export function run(client: SimulatorClient, request: Partial<RunRequest> & { sessionId: string }, options: { metadata?: grpc.Metadata; cancelAfterEvents?: number } = {}): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const events: RunEvent[] = [];
    const stream = client.run(
      { steps: 0n, progressEverySteps: 0, chunkSteps: 0, ...request },
      options.metadata ?? new grpc.Metadata(),
    );
    stream.on('data', (event: RunEvent) => {
      events.push(event);
      if (options.cancelAfterEvents !== undefined && events.length === options.cancelAfterEvents) stream.cancel();
    });
    stream.on('error', (error: grpc.ServiceError) => resolve({ events, error }));
    stream.on('end', () => resolve({ events }));
  });
}

/** Reads a projection's connections; the chunks in order, or the status. */
export function connections(client: SimulatorClient, request: Partial<GetConnectionsRequest> & { sessionId: string }, metadata = new grpc.Metadata()): Promise<Outcome<ConnectionsChunk[]>> {
  return new Promise((resolve) => {
    const chunks: ConnectionsChunk[] = [];
    const stream = client.getConnections({ projection: 0, names: [], maxConnectionsPerChunk: 0, ...request }, metadata);
    stream.on('data', (chunk: ConnectionsChunk) => chunks.push(chunk));
    stream.on('error', (error: grpc.ServiceError) => resolve({ error }));
    stream.on('end', () => resolve({ response: chunks }));
  });
}
