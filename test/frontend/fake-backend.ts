// A test double of the Backend interface: it records every call with its request and answers from scripted
// data (events the test queues). It models the interface only, never the simulator's maths.
import type { Backend, Req } from '../../frontend/backend/backend.js';
import type { Network } from '../../frontend/generated/tsnn/v1/model.js';
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
} from '../../frontend/generated/tsnn/v1/simulator.js';

export interface Call {
  method: string;
  request: unknown;
}

export class FakeBackend implements Backend {
  readonly name = 'fake';
  readonly calls: Call[] = [];
  /** Events the next run() emits before completing (RecordedData, progress). */
  nextRunEvents: RunEvent[] = [];
  /** Min delay the "engine" reports when the network is built. */
  sessionMinDelay = 0;
  private step = 0n;
  closed = false;

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
  requests<T>(method: string): T[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request as T);
  }
  get network(): Network {
    return this.requests<Network>('createSession')[0]!;
  }

  async getInfo(): Promise<ServerInfo> {
    this.calls.push({ method: 'getInfo', request: undefined });
    return { version: 'fake', protocol: 'tsnn.v1', engines: [], devices: [], cellTypes: [], connectors: [], synapseTypes: [], build: '' };
  }
  async createSession(network: Network): Promise<SessionInfo> {
    this.calls.push({ method: 'createSession', request: network });
    this.step = 0n;
    return {
      sessionId: 'fake-session',
      engine: 'fake',
      threads: 1,
      neurons: BigInt(network.populations.reduce((n, p) => n + p.size, 0)),
      synapses: 0n,
      memoryBytes: 0n,
      buildSeconds: 0,
      minDelay: this.sessionMinDelay,
      maxDelay: 0,
      projectionSizes: [],
    };
  }
  async run(request: Req<RunRequest>, onEvent: (event: RunEvent) => void): Promise<RunComplete> {
    this.calls.push({ method: 'run', request });
    for (const e of this.nextRunEvents.splice(0)) onEvent(e);
    this.step += request.steps;
    return { step: this.step, wallSeconds: 0, spikes: 0n, synapticEvents: 0n };
  }
  async setParameters(request: Req<SetParametersRequest>): Promise<void> {
    this.calls.push({ method: 'setParameters', request });
  }
  async initialize(request: Req<InitializeRequest>): Promise<void> {
    this.calls.push({ method: 'initialize', request });
  }
  async updateSpikeTimes(request: Req<UpdateSpikeTimesRequest>): Promise<void> {
    this.calls.push({ method: 'updateSpikeTimes', request });
  }
  async setCurrentSource(request: Req<SetCurrentSourceRequest>): Promise<void> {
    this.calls.push({ method: 'setCurrentSource', request });
  }
  async setRecording(request: Req<SetRecordingRequest>): Promise<void> {
    this.calls.push({ method: 'setRecording', request });
  }
  async setSynapseValues(request: Req<SetSynapseValuesRequest>): Promise<void> {
    this.calls.push({ method: 'setSynapseValues', request });
  }
  async getState(request: Req<GetStateRequest>): Promise<GetStateResponse> {
    this.calls.push({ method: 'getState', request });
    return { values: {} };
  }
  async getConnections(request: Req<GetConnectionsRequest>): Promise<ConnectionsChunk[]> {
    this.calls.push({ method: 'getConnections', request });
    return [];
  }
  async reset(): Promise<void> {
    this.calls.push({ method: 'reset', request: undefined });
    this.step = 0n;
  }
  async close(): Promise<void> {
    this.calls.push({ method: 'close', request: undefined });
    this.closed = true;
  }
}
