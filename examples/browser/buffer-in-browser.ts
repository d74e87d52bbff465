// The generated tsnn.v1 classes (ts-proto, env=node) read `bytes` fields with Buffer.from and default them with
// Buffer.alloc. Browsers have no Buffer; esbuild injects this in its place (see bundle.mjs). A Uint8Array is what
// every consumer of those fields reads.
export const Buffer = {
  from(data: ArrayLike<number> | ArrayBufferLike): Uint8Array {
    return data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : Uint8Array.from(data as ArrayLike<number>);
  },
  alloc(size: number): Uint8Array {
    return new Uint8Array(size);
  },
  isBuffer(value: unknown): boolean {
    return value instanceof Uint8Array;
  },
};
