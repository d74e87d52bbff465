// The interface every backend implements. It mirrors the Simulator service of proto/tsnn/v1/simulator.proto
// one call for one rpc, with the same request and response messages, so the wasm backend (in-process engine) and
// the grpc backend (remote server) are interchangeable and behave the same. Requests omit `sessionId`: a backend
// instance holds at most one session.
import type { Network } from '../generated/tsnn/v1/model.js';
import type {
  ConnectionsChunk,
  GetConnectionsRequest,
  GetStateRequest,
  GetStateResponse,
  InitializeRequest,
  RunComplete,
  RunEvent,
  RunRequest,
  ServerInfo,
  SessionInfo,
  SetCurrentSourceRequest,
  SetParametersRequest,
  SetRecordingRequest,
  SetSynapseValuesRequest,
  UpdateSpikeTimesRequest,
} from '../generated/tsnn/v1/simulator.js';

/** A request message without its session id (the backend fills it in). */
export type Req<T> = Omit<T, 'sessionId'>;

export interface Backend {
  /** 'wasm' or 'grpc'; used in annotations and error messages. */
  readonly name: string;
  getInfo(): Promise<ServerInfo>;
  /** Builds the engine for `network` (connectivity expansion happens here). Replaces any previous session. */
  createSession(network: Network): Promise<SessionInfo>;
  /** Advances the simulation; `onEvent` receives progress and recorded-data events in order, then resolves. */
  run(request: Req<RunRequest>, onEvent: (event: RunEvent) => void): Promise<RunComplete>;
  setParameters(request: Req<SetParametersRequest>): Promise<void>;
  initialize(request: Req<InitializeRequest>): Promise<void>;
  updateSpikeTimes(request: Req<UpdateSpikeTimesRequest>): Promise<void>;
  setCurrentSource(request: Req<SetCurrentSourceRequest>): Promise<void>;
  setRecording(request: Req<SetRecordingRequest>): Promise<void>;
  setSynapseValues(request: Req<SetSynapseValuesRequest>): Promise<void>;
  getState(request: Req<GetStateRequest>): Promise<GetStateResponse>;
  /** All chunks of one projection's connections, concatenated in order. */
  getConnections(request: Req<GetConnectionsRequest>): Promise<ConnectionsChunk[]>;
  reset(): Promise<void>;
  /** Closes the session and releases the engine. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * A fault reported by an engine, with the gRPC status code name and the field path of the offending value.
 * The frontend turns these into PyNN's error classes.
 */
export class EngineError extends Error {
  constructor(
    readonly code:
      | 'INVALID_ARGUMENT'
      | 'RESOURCE_EXHAUSTED'
      | 'FAILED_PRECONDITION'
      | 'NOT_FOUND'
      | 'UNAUTHENTICATED'
      | 'CANCELLED'
      | 'UNAVAILABLE'
      | 'INTERNAL',
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'EngineError';
  }
}
