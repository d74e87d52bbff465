// What the backend needs from an engine instance, whether it runs in this thread or in a worker: one session at a
// time, rpcs as bytes in and bytes out. Every failure is an EngineError; after a trap the port is `broken` and the
// backend replaces it.
export interface BuildInfo {
  readonly version: string;
  readonly compiler: string;
  readonly flags: string;
  readonly threads: boolean;
}

export interface EnginePort {
  /** 'in-thread' or 'worker'. */
  readonly placement: 'in-thread' | 'worker';
  readonly build: BuildInfo | undefined;
  /** The standard models the engine implements (ServerInfo.cell_types). */
  readonly cellTypes: readonly string[];
  /** True after the instance trapped: its state can no longer be trusted. */
  readonly broken: boolean;
  readonly hasSession: boolean;
  /** Replaces any session with one built from a serialized tsnn.v1.Network. */
  createSession(network: Uint8Array): Promise<void>;
  /** One rpc of the open session; the serialized response. */
  call(method: string, request: Uint8Array): Promise<Uint8Array>;
  destroySession(): Promise<void>;
  /** Current size of the WebAssembly heap, bytes. */
  heapBytes(): Promise<number>;
  /** Releases the instance (and its worker). */
  terminate(): Promise<void>;
}
