// Messages between the backend and the engine worker (core-worker.ts). Requests carry an id; every request gets
// exactly one reply with that id, in order.
import type { BuildInfo } from './engine-port.js';

export type WorkerRequest =
  | { id: number; op: 'start'; name?: string; base?: string; threads?: number }
  | { id: number; op: 'create'; network: Uint8Array }
  | { id: number; op: 'call'; method: string; request: Uint8Array }
  | { id: number; op: 'destroy' }
  | { id: number; op: 'heap' };

export type WorkerReply =
  | { id: number; ok: true; bytes?: Uint8Array; heapBytes?: number; build?: BuildInfo; cellTypes?: string[] }
  | { id: number; ok: false; code: string; path: string; message: string; trap: boolean };
