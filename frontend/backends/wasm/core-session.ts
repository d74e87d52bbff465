// One engine session inside a core instance: bytes in, bytes out, through the C API. Requests are copied into the
// wasm heap, the response is copied out before the next call can overwrite it, and every failure becomes an
// EngineError (from tsnn_last_error, or from a trap of the instance).
import { EngineError } from '../../backend/backend.js';
import { currentHeap, type CoreModule } from './core-module.js';
import { parseEngineError, trapToEngineError } from './engine-error.js';

const utf8 = new TextEncoder();

/** Copies `bytes` into a fresh heap block; the caller frees it. Never returns 0 (allocates at least 1 byte). */
function copyIn(core: CoreModule, bytes: Uint8Array, what: string): number {
  const pointer = core._malloc(Math.max(1, bytes.length)) >>> 0;
  if (pointer === 0) {
    throw new EngineError('RESOURCE_EXHAUSTED', '', `WebAssembly memory exhausted copying ${what} (${bytes.length} bytes)`);
  }
  currentHeap(core).set(bytes, pointer);
  return pointer;
}

function cString(text: string): Uint8Array {
  const encoded = utf8.encode(text);
  const terminated = new Uint8Array(encoded.length + 1);
  terminated.set(encoded);
  return terminated;
}

function lastError(core: CoreModule, fallback: string): EngineError {
  return parseEngineError(core.UTF8ToString(core._tsnn_last_error() >>> 0), fallback);
}

export class CoreSession {
  private pointer: number;
  /** Set when the instance trapped: the heap can no longer be trusted and the whole instance must be dropped. */
  trapped = false;

  private constructor(
    private readonly core: CoreModule,
    pointer: number,
  ) {
    this.pointer = pointer;
  }

  /** Builds the engine from a serialized tsnn.v1.Network. */
  static create(core: CoreModule, network: Uint8Array): CoreSession {
    const data = copyIn(core, network, 'the network');
    let pointer: number;
    try {
      pointer = core._tsnn_session_create(data, network.length) >>> 0;
    } catch (error) {
      throw trapToEngineError(error, 'session creation');
    } finally {
      core._free(data);
    }
    if (pointer === 0) throw lastError(core, 'the engine rejected the network');
    return new CoreSession(core, pointer);
  }

  get open(): boolean {
    return this.pointer !== 0;
  }

  /** Calls one rpc by name with its serialized request; returns a copy of the serialized response. */
  call(method: string, request: Uint8Array): Uint8Array {
    if (this.pointer === 0) {
      throw new EngineError('FAILED_PRECONDITION', '', `${method}: the session is closed; call createSession first`);
    }
    const core = this.core;
    const name = copyIn(core, cString(method), 'the method name');
    let data = 0;
    try {
      data = copyIn(core, request, `the ${method} request`);
      let status: number;
      try {
        status = core._tsnn_call(this.pointer, name, data, request.length);
      } catch (error) {
        // The instance trapped: its state can no longer be trusted, so the session is gone (gRPC's INTERNAL).
        this.pointer = 0;
        this.trapped = true;
        throw trapToEngineError(error, method);
      }
      if (status !== 0) throw lastError(core, `${method} failed (status ${status})`);
      const at = core._tsnn_response_data(this.pointer) >>> 0;
      const size = core._tsnn_response_size(this.pointer) >>> 0;
      return currentHeap(core).slice(at, at + size);
    } finally {
      if (!this.trapped) {
        if (data !== 0) core._free(data);
        core._free(name);
      }
    }
  }

  /** Releases the engine. Safe to call twice. */
  destroy(): void {
    if (this.pointer === 0) return;
    const pointer = this.pointer;
    this.pointer = 0;
    this.core._tsnn_session_destroy(pointer);
  }
}
