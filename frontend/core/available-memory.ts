// What the machine lets this process allocate beyond the JavaScript heap (typed arrays, WebAssembly memory). When
// that runs out the system ends the process, so large allocations are checked against it first.

/** Bytes this process may still allocate, where the platform says (Node); undefined in a browser. */
export function availableMemoryBytes(): number | undefined {
  const proc = (globalThis as { process?: { availableMemory?: () => number; getBuiltinModule?: (id: string) => unknown } })
    .process;
  if (typeof proc?.availableMemory === 'function') return proc.availableMemory();
  const os = proc?.getBuiltinModule?.('node:os') as { freemem(): number } | undefined;
  return os?.freemem();
}
