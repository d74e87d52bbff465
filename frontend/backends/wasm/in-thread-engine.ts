// The engine instance in this thread: a CoreModule and at most one CoreSession.
import { currentHeap, type CoreModule } from './core-module.js';
import { CoreSession } from './core-session.js';
import type { BuildInfo, EnginePort } from './engine-port.js';
import { EngineError } from '../../backend/backend.js';
import { isTrap } from './engine-error.js';
import { loadCore, type CoreLocation } from './load-core.js';

export class InThreadEngine implements EnginePort {
  readonly placement = 'in-thread';
  private session: CoreSession | undefined;
  private trapped = false;

  private constructor(private readonly core: CoreModule) {}

  static async start(location: CoreLocation): Promise<InThreadEngine> {
    return new InThreadEngine(await loadCore(location));
  }

  get build(): BuildInfo | undefined {
    return this.core.tsnnBuild;
  }

  get cellTypes(): readonly string[] {
    const list = this.core._tsnn_wasm_cell_types?.();
    return list === undefined ? [] : this.core.UTF8ToString(list >>> 0).split('\n').filter(Boolean);
  }

  get broken(): boolean {
    return this.trapped;
  }

  get hasSession(): boolean {
    return this.session?.open ?? false;
  }

  async createSession(network: Uint8Array): Promise<void> {
    this.session?.destroy();
    this.session = undefined;
    try {
      this.session = CoreSession.create(this.core, network);
    } catch (error) {
      if (isTrap(error)) this.trapped = true;
      throw error;
    }
  }

  async call(method: string, request: Uint8Array): Promise<Uint8Array> {
    const session = this.session;
    if (!session?.open) {
      throw new EngineError('FAILED_PRECONDITION', '', `${method}: no session; call createSession(network) first`);
    }
    try {
      return session.call(method, request);
    } finally {
      if (session.trapped) {
        this.trapped = true;
        this.session = undefined;
      }
    }
  }

  async destroySession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!this.trapped) session?.destroy();
  }

  async heapBytes(): Promise<number> {
    return currentHeap(this.core).length;
  }

  async terminate(): Promise<void> {
    await this.destroySession();
    // The threaded build's workers (its threads were joined with the session).
    this.core.PThread?.terminateAllThreads();
  }
}
