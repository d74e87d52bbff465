// The engine in a worker, seen from the backend: each EnginePort call becomes one request to core-worker.ts.
// Node: a worker_threads Worker running core-worker.js next to this file (core-worker.ts under tsx, whose loader
// the worker inherits). Browser: a module Worker loading tsnn-core-worker.js from the folder of the core files
// (examples/browser/bundle.mjs bundles it there).
import { EngineError } from '../../backend/backend.js';
import type { BuildInfo, EnginePort } from './engine-port.js';
import { browserFolderUrl, isNode, type CoreLocation } from './load-core.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

type Code = EngineError['code'];
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

interface WorkerHandle {
  post(message: WorkerRequest): void;
  onMessage(handler: (reply: WorkerReply) => void): void;
  onFailure(handler: (error: unknown) => void): void;
  /** Node only: whether the worker keeps the process alive (only while requests are pending). */
  keepAlive(alive: boolean): void;
  terminate(): Promise<void>;
}

async function spawnNodeWorker(): Promise<WorkerHandle> {
  const { Worker } = await import('node:worker_threads');
  let worker: InstanceType<typeof Worker>;
  if (import.meta.url.endsWith('.ts')) {
    // Run from TypeScript sources (tsx): Node 20 workers ignore loaders given in execArgv for their entry file,
    // so a small bootstrap registers tsx's loader first, then imports the worker.
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./core-worker.ts', import.meta.url).href);
    worker = new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true });
  } else {
    worker = new Worker(new URL('./core-worker.js', import.meta.url));
  }
  worker.unref();
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.on('message', handler),
    onFailure: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => handler(new Error(`the engine worker exited (code ${code})`)));
    },
    keepAlive: (alive) => (alive ? worker.ref() : worker.unref()),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

function spawnBrowserWorker(base: string | URL | undefined): WorkerHandle {
  const worker = new Worker(new URL('tsnn-core-worker.js', browserFolderUrl(base)), { type: 'module' });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => {
      worker.onmessage = (event: MessageEvent) => handler(event.data as WorkerReply);
    },
    onFailure: (handler) => {
      worker.onerror = (event: ErrorEvent) => handler(new Error(event.message || 'the engine worker failed to load'));
    },
    keepAlive: () => undefined,
    terminate: async () => worker.terminate(),
  };
}

/** The base as the worker must see it: a path in Node, an absolute URL in a browser (the worker has no page). */
function absoluteBase(base: string | URL | undefined): string | undefined {
  if (base === undefined) return undefined;
  if (isNode()) return base instanceof URL ? base.href : base;
  return browserFolderUrl(base).href;
}

export class WorkerEngine implements EnginePort {
  readonly placement = 'worker';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: EngineError) => void }>();
  private failed: EngineError | undefined;
  private buildInfo: BuildInfo | undefined;
  private supported: readonly string[] = [];
  private session = false;

  private constructor(private readonly worker: WorkerHandle) {
    worker.onMessage((reply) => this.receive(reply));
    worker.onFailure((error) => this.fail(error));
  }

  static async start(location: CoreLocation): Promise<WorkerEngine> {
    const engine = new WorkerEngine(isNode() ? await spawnNodeWorker() : spawnBrowserWorker(location.base));
    try {
      const reply = await engine.request({
        op: 'start',
        name: location.name,
        base: absoluteBase(location.base),
        threads: location.threads,
      });
      engine.buildInfo = reply.build;
      engine.supported = reply.cellTypes ?? [];
    } catch (error) {
      await engine.terminate();
      throw error;
    }
    return engine;
  }

  get build(): BuildInfo | undefined {
    return this.buildInfo;
  }

  get cellTypes(): readonly string[] {
    return this.supported;
  }

  get broken(): boolean {
    return this.failed !== undefined;
  }

  get hasSession(): boolean {
    return this.session && !this.failed;
  }

  async createSession(network: Uint8Array): Promise<void> {
    this.session = false;
    await this.request({ op: 'create', network });
    this.session = true;
  }

  async call(method: string, request: Uint8Array): Promise<Uint8Array> {
    const reply = await this.request({ op: 'call', method, request });
    return reply.bytes ?? new Uint8Array(0);
  }

  async destroySession(): Promise<void> {
    if (!this.session || this.failed) return;
    this.session = false;
    await this.request({ op: 'destroy' });
  }

  async heapBytes(): Promise<number> {
    return (await this.request({ op: 'heap' })).heapBytes ?? 0;
  }

  async terminate(): Promise<void> {
    this.fail(new Error('the engine worker was terminated'));
    await this.worker.terminate();
  }

  private request(body: Body<WorkerRequest>): Promise<WorkerReply & { ok: true }> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.keepAlive(true);
      this.worker.post({ ...body, id } as WorkerRequest);
    });
  }

  private receive(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.keepAlive(false);
    if (reply.ok) {
      waiting.resolve(reply);
      return;
    }
    const error = new EngineError(reply.code as Code, reply.path, reply.message);
    if (reply.trap) {
      this.session = false;
      this.failed = error;
    }
    waiting.reject(error);
  }

  private fail(cause: unknown): void {
    if (this.failed) return;
    const message = cause instanceof Error ? cause.message : String(cause);
    this.failed = new EngineError('INTERNAL', '', `engine worker: ${message}`);
    this.session = false;
    for (const waiting of this.pending.values()) waiting.reject(this.failed);
    this.pending.clear();
    this.worker.keepAlive(false);
  }
}
