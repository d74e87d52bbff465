// An engine's fault reaches the script as the PyNN error a PyNN user would catch, naming the script's object: a
// value the engine drew or received and refused is an InvalidParameterValueError (a ConnectionError where PyNN's
// Projection raises one: the connector, the weights' sign), an engine out of memory is a MemoryError. The engine
// reports faults against its own messages ("network.projections[3].synapse.parameters["U"]: ..."); the script knows
// that projection by its label. The EngineError stays as the error's `cause`, with its gRPC code and field path.
// Faults that are no input's (the server unavailable, an unknown session, a refused token, an engine bug) stay
// EngineErrors: PyNN has no class for them.
import { EngineError, type Backend, type Req } from '../backend/backend.js';
import { ConnectionError, InvalidParameterValueError, MemoryError, ValueError } from '../errors.js';
import type {
  GetConnectionsRequest,
  GetStateRequest,
  InitializeRequest,
  RunEvent,
  RunRequest,
  SetCurrentSourceRequest,
  SetParametersRequest,
  SetRecordingRequest,
  SetSynapseValuesRequest,
  UpdateSpikeTimesRequest,
} from '../generated/tsnn/v1/simulator.js';
import type { Network } from '../generated/tsnn/v1/model.js';

/** How the script names the network's objects, by their index in the Network message. */
export interface NetworkObjectNames {
  population(index: number): string | undefined;
  projection(index: number): string | undefined;
  currentSource(index: number): string | undefined;
}

/** The call that failed, and the object its request is about (a request's paths start at "request."). */
export interface EngineCall {
  method: string;
  owner?: { kind: 'population' | 'projection' | 'currentSource'; index: number };
}

type Owner = NonNullable<EngineCall['owner']>;

const NETWORK_OBJECT = /^network\.(populations|projections|current_sources)\[(\d+)\]\.?/;
const KIND_OF_LIST: Record<string, Owner['kind']> = {
  populations: 'population',
  projections: 'projection',
  current_sources: 'currentSource',
};
// Where PyNN's Projection raises ConnectionError: the connector's rule and the weights' sign (check_weights).
const CONNECTION_FIELDS = /^(connector|synapse\.weight|pre|post|receptor_type|weight_sign)\b/;

/** The object the fault's path is about, and the field within it. */
function locate(path: string, call: EngineCall): { owner: Owner | undefined; field: string } {
  const inNetwork = NETWORK_OBJECT.exec(path);
  if (inNetwork) {
    return { owner: { kind: KIND_OF_LIST[inNetwork[1]!]!, index: Number(inNetwork[2]) }, field: path.slice(inNetwork[0].length) };
  }
  if (path.startsWith('request.')) return { owner: call.owner, field: path.slice('request.'.length) };
  return { owner: undefined, field: path };
}

function ownerName(owner: Owner | undefined, names: NetworkObjectNames): string | undefined {
  if (!owner) return undefined;
  return names[owner.kind](owner.index);
}

/** The message with the object named first: "Projection 'a→b', synapse.parameters["U"]: <the engine's words>". */
function describe(error: EngineError, name: string | undefined, field: string, method: string): string {
  const words = error.message.startsWith(`${error.path}: `) ? error.message.slice(error.path.length + 2) : error.message;
  if (!name) return error.path ? `${method}, ${error.path}: ${words}` : `${method}: ${words}`;
  // The engine sometimes names the object itself (it has the labels): not twice.
  const own = words.startsWith(`${name}: `) ? words.slice(name.length + 2) : words;
  return `${name}${field ? `, ${field}` : ''}: ${own}`;
}

/** The PyNN error for an engine's fault in `call`; other errors (and faults PyNN has no class for) unchanged. */
export function pynnErrorFromEngine(error: unknown, call: EngineCall, names: NetworkObjectNames): unknown {
  if (!(error instanceof EngineError)) return error;
  const { owner, field } = locate(error.path, call);
  const message = describe(error, ownerName(owner, names), field, call.method);
  if (error.code === 'RESOURCE_EXHAUSTED') return new MemoryError(message, { cause: error });
  if (error.code !== 'INVALID_ARGUMENT') return error;
  if (owner?.kind === 'projection' && error.path.startsWith('network.') && CONNECTION_FIELDS.test(field)) {
    return new ConnectionError(message, { cause: error });
  }
  if (owner) return new InvalidParameterValueError(message, { cause: error });
  return new ValueError(message, { cause: error });
}

/** A backend whose faults arrive as PyNN's errors (pynnErrorFromEngine); otherwise the backend itself. */
export class PynnErrorsBackend implements Backend {
  constructor(
    readonly inner: Backend,
    private readonly names: NetworkObjectNames,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  private async call<T>(call: EngineCall, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw pynnErrorFromEngine(error, call, this.names);
    }
  }

  getInfo() {
    return this.call({ method: 'GetInfo' }, () => this.inner.getInfo());
  }
  createSession(network: Network) {
    return this.call({ method: 'CreateSession' }, () => this.inner.createSession(network));
  }
  run(request: Req<RunRequest>, onEvent: (event: RunEvent) => void) {
    return this.call({ method: 'Run' }, () => this.inner.run(request, onEvent));
  }
  setParameters(request: Req<SetParametersRequest>) {
    return this.call(populationCall('SetParameters', request.cells?.population), () => this.inner.setParameters(request));
  }
  initialize(request: Req<InitializeRequest>) {
    return this.call(populationCall('Initialize', request.cells?.population), () => this.inner.initialize(request));
  }
  updateSpikeTimes(request: Req<UpdateSpikeTimesRequest>) {
    return this.call(populationCall('UpdateSpikeTimes', request.cells?.population), () => this.inner.updateSpikeTimes(request));
  }
  setCurrentSource(request: Req<SetCurrentSourceRequest>) {
    const call: EngineCall = { method: 'SetCurrentSource', owner: { kind: 'currentSource', index: request.source } };
    return this.call(call, () => this.inner.setCurrentSource(request));
  }
  setRecording(request: Req<SetRecordingRequest>) {
    return this.call({ method: 'SetRecording' }, () => this.inner.setRecording(request));
  }
  setSynapseValues(request: Req<SetSynapseValuesRequest>) {
    return this.call(projectionCall('SetSynapseValues', request.projection), () => this.inner.setSynapseValues(request));
  }
  getState(request: Req<GetStateRequest>) {
    return this.call(populationCall('GetState', request.cells?.population), () => this.inner.getState(request));
  }
  getConnections(request: Req<GetConnectionsRequest>) {
    return this.call(projectionCall('GetConnections', request.projection), () => this.inner.getConnections(request));
  }
  reset() {
    return this.call({ method: 'Reset' }, () => this.inner.reset());
  }
  close() {
    return this.inner.close();
  }
}

function populationCall(method: string, population: number | undefined): EngineCall {
  return population === undefined ? { method } : { method, owner: { kind: 'population', index: population } };
}

function projectionCall(method: string, projection: number): EngineCall {
  return { method, owner: { kind: 'projection', index: projection } };
}
