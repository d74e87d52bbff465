// The Backend over the in-process WebAssembly engine. Every call encodes the rpc's request message with the
// generated tsnn.v1 classes, hands the bytes to the core (tsnn_call) and decodes the response, so this backend and
// the gRPC one exchange exactly the same messages. run() advances in pieces and yields to the event loop between
// them, so progress callbacks, timers and page rendering keep going during a long simulation.
import type { Backend, Req } from '../../backend/backend.js';
import { EngineError } from '../../backend/backend.js';
import { decodeRunEvent } from '../../backend/run-event-decode.js';
import { Network } from '../../generated/tsnn/v1/model.js';
import {
  ConnectionsChunk,
  GetConnectionsRequest,
  GetStateRequest,
  GetStateResponse,
  InitializeRequest,
  ResetRequest,
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
} from '../../generated/tsnn/v1/simulator.js';
import { decodeDelimited } from './delimited.js';
import type { EnginePort } from './engine-port.js';
import { InThreadEngine } from './in-thread-engine.js';
import { threadsUsable, type CoreLocation } from './load-core.js';
import { WorkerEngine } from './worker-engine.js';
import { planPieces } from './run-pieces.js';
import { checkEngineMemory } from './engine-memory.js';
import { yieldToEventLoop } from './yield-to-event-loop.js';
import { CompactBinaryWriter } from '../../backend/compact-binary-writer.js';

export interface WasmBackendOptions extends CoreLocation {
  /**
   * Run the engine in a worker (a Web Worker in browsers, worker_threads in Node) so that building and running a
   * network never block the page or the event loop. Default false: the engine runs in this thread.
   */
  readonly worker?: boolean;
  /** Largest number of steps handed to the engine in one call (default 10000). */
  readonly maxStepsPerCall?: number;
  /** Wall time one call should take, in ms (default 50): the piece size adapts to the measured speed. */
  readonly targetCallMilliseconds?: number;
}

const fourGiB = 4n * 1024n * 1024n * 1024n;

function now(): number {
  return typeof performance === 'object' ? performance.now() : Date.now();
}

function checkSteps(value: number, name: string, allowed: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`createWasmBackend: ${name} must be ${allowed}, got ${value}`);
  }
  return value;
}

function startEngine(options: WasmBackendOptions): Promise<EnginePort> {
  return options.worker ? WorkerEngine.start(options) : InThreadEngine.start(options);
}

class WasmBackend implements Backend {
  readonly name = 'wasm';
  private port: EnginePort | undefined;
  private portThreads: number | undefined;
  private sessionCount = 0;
  private stepsPerMillisecond: number | undefined;
  private readonly maxStepsPerCall: number;
  private readonly targetCallMilliseconds: number;

  constructor(
    port: EnginePort,
    threads: number,
    private readonly options: WasmBackendOptions,
  ) {
    this.port = port;
    this.portThreads = threads;
    this.maxStepsPerCall = checkSteps(options.maxStepsPerCall ?? 10000, 'maxStepsPerCall', 'an integer >= 1');
    this.targetCallMilliseconds = options.targetCallMilliseconds ?? 50;
    if (!(this.targetCallMilliseconds > 0)) {
      throw new RangeError(`createWasmBackend: targetCallMilliseconds must be > 0, got ${options.targetCallMilliseconds}`);
    }
  }

  /** The engine instance, started for `threads` threads (default: what the current one has, else the options'). */
  private async engine(threads = this.portThreads ?? this.options.threads ?? 1): Promise<EnginePort> {
    // After a trap (or close() of a worker) the old instance is gone; the next session gets a fresh one. A network
    // that asks for another thread count gets an instance of the build and worker count it needs.
    const usable = await threadsUsable(threads);
    if (this.port?.broken || (this.port && usable !== this.portThreads)) {
      await this.port.terminate();
      this.port = undefined;
    }
    this.port ??= await startEngine({ ...this.options, threads: usable });
    this.portThreads = usable;
    return this.port;
  }

  private openPort(method: string): EnginePort {
    if (!this.port?.hasSession) {
      throw new EngineError('FAILED_PRECONDITION', '', `${method}: no session; call createSession(network) first`);
    }
    return this.port;
  }

  /** Calls one rpc of the open session. */
  private call(method: string, request: Uint8Array): Promise<Uint8Array> {
    try {
      return this.openPort(method).call(method, request);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async getInfo(): Promise<ServerInfo> {
    const port = await this.engine();
    const build = port.build;
    const where = port.placement === 'worker' ? ', in a worker' : '';
    return ServerInfo.fromPartial({
      version: build?.version ?? '',
      protocol: 'tsnn.v1',
      engines: ['cpu'],
      devices: [
        {
          name: `WebAssembly${build?.threads ? ' (threads)' : ''}${where}`,
          kind: 'cpu',
          totalMemory: fourGiB,
          freeMemory: fourGiB - BigInt(await port.heapBytes()),
        },
      ],
      limits: { maxSessions: 1, maxMemory: fourGiB, maxMessageBytes: fourGiB, activeSessions: port.hasSession ? 1 : 0 },
      cellTypes: [...port.cellTypes],
      build: build ? `${build.compiler} ${build.flags}` : '',
    });
  }

  async createSession(network: Network): Promise<SessionInfo> {
    checkEngineMemory(network);
    await this.port?.destroySession();
    const port = await this.engine(network.settings?.threads || 1);
    const bytes = Network.encode(network, new CompactBinaryWriter()).finish();
    const started = now();
    try {
      await port.createSession(bytes);
    } catch (error) {
      // A WebAssembly heap never shrinks: after running out of memory, drop the instance so its memory is freed.
      if (error instanceof EngineError && error.code === 'RESOURCE_EXHAUSTED' && this.port === port) {
        this.port = undefined;
        await port.terminate();
      }
      throw error;
    }
    // One turn of the event loop before the build counts as done: in Node that turn waits until V8 has finished
    // compiling, with TurboFan, the build's functions that ran hot (tens of ms on a small machine), which otherwise
    // lands in the first run's time (docs/performance.md, session 14).
    await yieldToEventLoop();
    const buildSeconds = (now() - started) / 1000;
    this.stepsPerMillisecond = undefined;
    const info = SessionInfo.decode(await this.call('Info', new Uint8Array(0)));
    this.sessionCount += 1;
    return {
      ...info,
      sessionId: info.sessionId || `wasm-${this.sessionCount}`,
      engine: info.engine || 'cpu',
      buildSeconds: info.buildSeconds || buildSeconds,
    };
  }

  async run(request: Req<RunRequest>, onEvent: (event: RunEvent) => void): Promise<RunComplete> {
    this.openPort('Run');
    const total = Number(request.steps);
    const started = now();
    const result: RunComplete = { step: 0n, wallSeconds: 0, spikes: 0n, synapticEvents: 0n };
    let done = 0;
    let firstStep: bigint | undefined;
    while (done < total || firstStep === undefined) {
      // The first piece of a session is short (its speed is unknown; a large network may take seconds per step).
      const wanted = this.stepsPerMillisecond === undefined
        ? Math.min(10, this.maxStepsPerCall)
        : Math.max(1, Math.min(this.maxStepsPerCall, Math.floor(this.stepsPerMillisecond * this.targetCallMilliseconds)));
      const piece = planPieces(done, total, wanted, request.progressEverySteps);
      const pieceStarted = now();
      const bytes = await this.call('Run', RunRequest.encode({
        sessionId: '',
        steps: BigInt(piece),
        progressEverySteps: 0,
        chunkSteps: request.chunkSteps,
      }).finish());
      const pieceMilliseconds = now() - pieceStarted;
      if (piece > 0) this.stepsPerMillisecond = piece / Math.max(pieceMilliseconds, 0.05);
      for (const event of decodeDelimited(bytes, (reader, length) => decodeRunEvent(reader, length))) {
        switch (event.event?.$case) {
          case 'data':
            onEvent(event);
            break;
          case 'complete': {
            const complete = event.event.value;
            firstStep ??= complete.step - BigInt(piece);
            result.step = complete.step;
            result.spikes += complete.spikes;
            result.synapticEvents += complete.synapticEvents;
            break;
          }
          case 'progress':
            // Progress is reported here, against the whole run rather than the piece.
            break;
          default:
            break;
        }
      }
      if (firstStep === undefined) {
        throw new EngineError('INTERNAL', '', 'Run: the engine answered without a RunComplete event');
      }
      done += piece;
      const every = request.progressEverySteps;
      if (every > 0 && piece > 0 && (done % every === 0 || done === total)) {
        onEvent({
          event: {
            $case: 'progress',
            value: { step: result.step, targetStep: firstStep + BigInt(total), wallSeconds: (now() - started) / 1000 },
          },
        });
      }
      if (done < total) await yieldToEventLoop();
    }
    result.wallSeconds = (now() - started) / 1000;
    return result;
  }

  async setParameters(request: Req<SetParametersRequest>): Promise<void> {
    await this.call('SetParameters', SetParametersRequest.encode({ sessionId: '', ...request }, new CompactBinaryWriter()).finish());
  }

  async initialize(request: Req<InitializeRequest>): Promise<void> {
    await this.call('Initialize', InitializeRequest.encode({ sessionId: '', ...request }, new CompactBinaryWriter()).finish());
  }

  async updateSpikeTimes(request: Req<UpdateSpikeTimesRequest>): Promise<void> {
    await this.call('UpdateSpikeTimes', UpdateSpikeTimesRequest.encode({ sessionId: '', ...request }, new CompactBinaryWriter()).finish());
  }

  async setCurrentSource(request: Req<SetCurrentSourceRequest>): Promise<void> {
    await this.call('SetCurrentSource', SetCurrentSourceRequest.encode({ sessionId: '', ...request }).finish());
  }

  async setRecording(request: Req<SetRecordingRequest>): Promise<void> {
    await this.call('SetRecording', SetRecordingRequest.encode({ sessionId: '', ...request }).finish());
  }

  async setSynapseValues(request: Req<SetSynapseValuesRequest>): Promise<void> {
    await this.call('SetSynapseValues', SetSynapseValuesRequest.encode({ sessionId: '', ...request }, new CompactBinaryWriter()).finish());
  }

  async getState(request: Req<GetStateRequest>): Promise<GetStateResponse> {
    return GetStateResponse.decode(await this.call('GetState', GetStateRequest.encode({ sessionId: '', ...request }).finish()));
  }

  async getConnections(request: Req<GetConnectionsRequest>): Promise<ConnectionsChunk[]> {
    const bytes = await this.call('GetConnections', GetConnectionsRequest.encode({ sessionId: '', ...request }).finish());
    return decodeDelimited(bytes, (reader, length) => ConnectionsChunk.decode(reader, length));
  }

  async reset(): Promise<void> {
    await this.call('Reset', ResetRequest.encode({ sessionId: '' }).finish());
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    await port.destroySession();
    // A worker is released with its session (it would keep a Node process alive); an in-thread instance is kept.
    if (port.placement === 'worker' || port.broken) {
      this.port = undefined;
      await port.terminate();
    }
  }
}

/**
 * A Backend running the C++ core compiled to WebAssembly, in this thread or (options.worker) in a worker. In Node
 * the module is found under wasm/dist (or options.base / TSNN_WASM_DIR); in a browser it is fetched from
 * options.base, by default the folder of the script this code was bundled into.
 */
export async function createWasmBackend(options: WasmBackendOptions = {}): Promise<Backend> {
  const threads = await threadsUsable(options.threads ?? 1);
  return new WasmBackend(await startEngine({ ...options, threads }), threads, options);
}
