// The engine worker: hosts one in-thread engine inside a Web Worker (browser) or a worker_threads Worker (Node), so
// that building and running a network never blocks the page or the main event loop. It only relays bytes; all
// protobuf encoding stays in the backend. Loaded by worker-engine.ts.
import { EngineError } from '../../backend/backend.js';
import { isTrap } from './engine-error.js';
import { InThreadEngine } from './in-thread-engine.js';
import { isNode } from './load-core.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

interface Channel {
  post(message: WorkerReply, transfer: ArrayBuffer[]): void;
  listen(handler: (message: WorkerRequest) => void): void;
}

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

async function channel(): Promise<Channel> {
  if (isNode()) {
    const { parentPort } = await import('node:worker_threads');
    if (!parentPort) throw new Error('core-worker: not running in a worker thread');
    return { post: (m, t) => parentPort.postMessage(m, t), listen: (h) => parentPort.on('message', h) };
  }
  const scope = globalThis as unknown as WorkerScope;
  return {
    post: (m, t) => scope.postMessage(m, t),
    listen: (h) => {
      scope.onmessage = (event) => h(event.data as WorkerRequest);
    },
  };
}

function failure(id: number, error: unknown): WorkerReply {
  if (error instanceof EngineError) {
    // EngineError prefixes its message with the path; send the parts so the backend rebuilds the same error.
    const prefix = error.path ? `${error.path}: ` : '';
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { id, ok: false, code: error.code, path: error.path, message, trap: isTrap(error) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { id, ok: false, code: 'INTERNAL', path: '', message: `engine worker: ${message}`, trap: false };
}

let engine: InThreadEngine | undefined;

async function handle(request: WorkerRequest): Promise<[WorkerReply, ArrayBuffer[]]> {
  const { id } = request;
  if (request.op === 'start') {
    engine = await InThreadEngine.start({ name: request.name, base: request.base, threads: request.threads });
    return [{ id, ok: true, build: engine.build, cellTypes: [...engine.cellTypes] }, []];
  }
  if (!engine) throw new EngineError('FAILED_PRECONDITION', '', 'engine worker: not started');
  switch (request.op) {
    case 'create':
      await engine.createSession(request.network);
      return [{ id, ok: true }, []];
    case 'call': {
      const bytes = await engine.call(request.method, request.request);
      return [{ id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]];
    }
    case 'destroy':
      await engine.destroySession();
      return [{ id, ok: true }, []];
    case 'heap':
      return [{ id, ok: true, heapBytes: await engine.heapBytes() }, []];
  }
}

const port = await channel();
// One request at a time, in arrival order (the engine is single-threaded and 'start' is asynchronous).
let queue: Promise<void> = Promise.resolve();
port.listen((request) => {
  queue = queue.then(async () => {
    try {
      const [reply, transfer] = await handle(request);
      port.post(reply, transfer);
    } catch (error) {
      port.post(failure(request.id, error), []);
    }
  });
});
