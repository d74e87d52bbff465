// The grpc backend: the Backend interface over the tsnn.v1.Simulator service with @grpc/grpc-js. A script
// switches from the in-process engine to a remote server (a Jetson, a GPU box) by importing 'tsnn/grpc' and
// passing `server` to setup(); everything else is the same because both speak the same messages.
import * as grpc from '@grpc/grpc-js';
import { Network } from '../../generated/tsnn/v1/model.js';
import {
  ConnectionsChunk,
  CreateSessionChunk,
  GetStateResponse,
  InitializeRequest,
  SetParametersRequest,
  SetSynapseValuesRequest,
  UpdateSpikeTimesRequest,
  RunComplete,
  RunEvent,
  ServerInfo,
  SessionInfo,
  SimulatorService,
  type SimulatorClient,
} from '../../generated/tsnn/v1/simulator.js';
import type { Backend, Req } from '../../backend/backend.js';
import { EngineError } from '../../backend/backend.js';
import { decodeRunEvent } from '../../backend/run-event-decode.js';
import { CompactBinaryWriter } from '../../backend/compact-binary-writer.js';

// The generated client, with the Run stream's events read by decodeRunEvent (the recorded spikes as numbers), and
// the requests that carry per-cell or per-synapse arrays written by CompactBinaryWriter (the same bytes).
const runWithFastDecode = { ...SimulatorService.run, responseDeserialize: (value: Buffer) => decodeRunEvent(value) };
const compact = <T>(encode: (message: T, writer: CompactBinaryWriter) => { finish(): Uint8Array }) =>
  (value: T): Buffer => Buffer.from(encode(value, new CompactBinaryWriter()).finish());
const FastRunClient = grpc.makeGenericClientConstructor(
  {
    ...SimulatorService,
    run: runWithFastDecode,
    setParameters: { ...SimulatorService.setParameters, requestSerialize: compact(SetParametersRequest.encode) },
    initialize: { ...SimulatorService.initialize, requestSerialize: compact(InitializeRequest.encode) },
    updateSpikeTimes: { ...SimulatorService.updateSpikeTimes, requestSerialize: compact(UpdateSpikeTimesRequest.encode) },
    setSynapseValues: { ...SimulatorService.setSynapseValues, requestSerialize: compact(SetSynapseValuesRequest.encode) },
  },
  'tsnn.v1.Simulator',
) as unknown as new (address: string, credentials: grpc.ChannelCredentials, options?: Partial<grpc.ClientOptions>) =>
  SimulatorClient;

export interface GrpcBackendOptions {
  /** host:port of a tsnn-server, e.g. '127.0.0.1:50051' or 'jetson.local:50051'. */
  server: string;
  /** Sent as `authorization: Bearer <token>` metadata when the server was started with --token. */
  token?: string;
  /** TLS: true for the system roots, or PEM strings/buffers. Plain text when absent. */
  tls?: boolean | { rootCert?: string | Buffer; clientCert?: string | Buffer; clientKey?: string | Buffer };
  /** Upload chunk size in bytes (each message stays below gRPC's default 4 MB limit). */
  chunkBytes?: number;
  /** Per-call deadline in ms for the unary calls (runs have none). */
  deadlineMs?: number;
}

const CODE_NAMES: Record<number, EngineError['code']> = {
  [grpc.status.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [grpc.status.RESOURCE_EXHAUSTED]: 'RESOURCE_EXHAUSTED',
  [grpc.status.FAILED_PRECONDITION]: 'FAILED_PRECONDITION',
  [grpc.status.NOT_FOUND]: 'NOT_FOUND',
  [grpc.status.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [grpc.status.CANCELLED]: 'CANCELLED',
  [grpc.status.UNAVAILABLE]: 'UNAVAILABLE',
};

/** Turns a gRPC status into an EngineError, splitting "field.path: message" as the server formats it. */
export function engineErrorFromStatus(error: grpc.ServiceError, server: string): EngineError {
  const code = CODE_NAMES[error.code] ?? 'INTERNAL';
  const details = error.details || error.message;
  if (code === 'UNAVAILABLE') {
    return new EngineError(code, '', `tsnn server ${server} is unavailable (${details}); the call in flight was lost`);
  }
  const match = /^([A-Za-z_][\w.\[\]"]*): (.*)$/s.exec(details);
  return match ? new EngineError(code, match[1], match[2]) : new EngineError(code, '', details);
}

function credentials(options: GrpcBackendOptions): grpc.ChannelCredentials {
  if (!options.tls) return grpc.credentials.createInsecure();
  if (options.tls === true) return grpc.credentials.createSsl();
  const asBuffer = (v?: string | Buffer) => (v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(v));
  return grpc.credentials.createSsl(asBuffer(options.tls.rootCert), asBuffer(options.tls.clientKey), asBuffer(options.tls.clientCert));
}

export class GrpcBackend implements Backend {
  readonly name = 'grpc';
  private readonly client: SimulatorClient;
  private sessionId = '';

  constructor(private readonly options: GrpcBackendOptions) {
    if (typeof options.server !== 'string' || !/^[^\s]+:\d+$/.test(options.server)) {
      throw new TypeError(`setup(): server must be 'host:port', got ${JSON.stringify(options.server)}`);
    }
    this.client = new FastRunClient(options.server, credentials(options), {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    });
  }

  private metadata(): grpc.Metadata {
    const metadata = new grpc.Metadata();
    if (this.options.token) metadata.set('authorization', `Bearer ${this.options.token}`);
    return metadata;
  }

  private callOptions(): Partial<grpc.CallOptions> {
    return this.options.deadlineMs ? { deadline: Date.now() + this.options.deadlineMs } : {};
  }

  private requireSession(): string {
    if (!this.sessionId) throw new EngineError('FAILED_PRECONDITION', '', 'no session: the network has not been built on the server');
    return this.sessionId;
  }

  /** One unary rpc as a promise, with gRPC faults turned into EngineErrors. */
  private unary<TReq, TRes>(
    method: (req: TReq, md: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: (e: grpc.ServiceError | null, r: TRes) => void) => unknown,
    request: TReq,
  ): Promise<TRes> {
    return new Promise((resolve, reject) => {
      method.call(this.client, request, this.metadata(), this.callOptions(), (error: grpc.ServiceError | null, response: TRes) => {
        if (error) reject(engineErrorFromStatus(error, this.options.server));
        else resolve(response);
      });
    });
  }

  getInfo(): Promise<ServerInfo> {
    return this.unary(this.client.getInfo, {});
  }

  async createSession(network: Network): Promise<SessionInfo> {
    await this.close();
    const bytes = Network.encode(network, new CompactBinaryWriter()).finish();
    const chunkBytes = this.options.chunkBytes ?? 1 << 20;
    const info = await new Promise<SessionInfo>((resolve, reject) => {
      const call = this.client.createSession(this.metadata(), (error: grpc.ServiceError | null, response: SessionInfo) => {
        if (error) reject(engineErrorFromStatus(error, this.options.server));
        else resolve(response);
      });
      call.write(CreateSessionChunk.fromPartial({
        part: { $case: 'header', value: { networkBytes: BigInt(bytes.length), engine: '', client: 'tsnn (node)' } },
      }));
      for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
        call.write({ part: { $case: 'networkChunk', value: Buffer.from(bytes.subarray(offset, offset + chunkBytes)) } });
      }
      call.end();
    });
    this.sessionId = info.sessionId;
    return info;
  }

  run(request: Req<import('../../generated/tsnn/v1/simulator.js').RunRequest>, onEvent: (event: RunEvent) => void): Promise<RunComplete> {
    const sessionId = this.requireSession();
    return new Promise((resolve, reject) => {
      let complete: RunComplete | undefined;
      const stream = this.client.run({ ...request, sessionId }, this.metadata());
      stream.on('data', (event: RunEvent) => {
        if (event.event?.$case === 'complete') complete = event.event.value;
        onEvent(event);
      });
      stream.on('error', (error: grpc.ServiceError) => reject(engineErrorFromStatus(error, this.options.server)));
      stream.on('end', () => {
        if (complete) resolve(complete);
        else reject(new EngineError('UNAVAILABLE', '', `tsnn server ${this.options.server} ended the run without completing it`));
      });
    });
  }

  async setParameters(request: Req<import('../../generated/tsnn/v1/simulator.js').SetParametersRequest>): Promise<void> {
    await this.unary(this.client.setParameters, { ...request, sessionId: this.requireSession() });
  }

  async initialize(request: Req<import('../../generated/tsnn/v1/simulator.js').InitializeRequest>): Promise<void> {
    await this.unary(this.client.initialize, { ...request, sessionId: this.requireSession() });
  }

  async updateSpikeTimes(request: Req<import('../../generated/tsnn/v1/simulator.js').UpdateSpikeTimesRequest>): Promise<void> {
    await this.unary(this.client.updateSpikeTimes, { ...request, sessionId: this.requireSession() });
  }

  async setCurrentSource(request: Req<import('../../generated/tsnn/v1/simulator.js').SetCurrentSourceRequest>): Promise<void> {
    await this.unary(this.client.setCurrentSource, { ...request, sessionId: this.requireSession() });
  }

  async setRecording(request: Req<import('../../generated/tsnn/v1/simulator.js').SetRecordingRequest>): Promise<void> {
    await this.unary(this.client.setRecording, { ...request, sessionId: this.requireSession() });
  }

  async setSynapseValues(request: Req<import('../../generated/tsnn/v1/simulator.js').SetSynapseValuesRequest>): Promise<void> {
    await this.unary(this.client.setSynapseValues, { ...request, sessionId: this.requireSession() });
  }

  getState(request: Req<import('../../generated/tsnn/v1/simulator.js').GetStateRequest>): Promise<GetStateResponse> {
    return this.unary(this.client.getState, { ...request, sessionId: this.requireSession() });
  }

  getConnections(request: Req<import('../../generated/tsnn/v1/simulator.js').GetConnectionsRequest>): Promise<ConnectionsChunk[]> {
    const sessionId = this.requireSession();
    return new Promise((resolve, reject) => {
      const chunks: ConnectionsChunk[] = [];
      const stream = this.client.getConnections({ ...request, sessionId }, this.metadata());
      stream.on('data', (chunk: ConnectionsChunk) => chunks.push(chunk));
      stream.on('error', (error: grpc.ServiceError) => reject(engineErrorFromStatus(error, this.options.server)));
      stream.on('end', () => resolve(chunks));
    });
  }

  async reset(): Promise<void> {
    await this.unary(this.client.reset, { sessionId: this.requireSession() });
  }

  async close(): Promise<void> {
    if (!this.sessionId) return;
    const sessionId = this.sessionId;
    this.sessionId = '';
    try {
      await this.unary(this.client.closeSession, { sessionId });
    } catch (error) {
      // A session the server already dropped (restart, NOT_FOUND) is closed as far as we are concerned.
      if (!(error instanceof EngineError) || (error.code !== 'NOT_FOUND' && error.code !== 'UNAVAILABLE')) throw error;
    }
  }

  /** Closes the channel; the backend is unusable afterwards. */
  shutdown(): void {
    this.client.close();
  }
}

export async function createGrpcBackend(options: GrpcBackendOptions): Promise<Backend> {
  return new GrpcBackend(options);
}
