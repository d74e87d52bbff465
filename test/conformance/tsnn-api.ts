// The public tsnn API as a user's script sees it (`import * as sim from 'tsnn/wasm'`), loaded on first use so
// that checks which need only the fixtures run even where the engine is not built.
export type Sim = typeof import('../../frontend/wasm.js');

let loaded: Promise<Sim> | undefined;

export function loadSim(): Promise<Sim> {
  loaded ??= import('../../frontend/wasm.js');
  return loaded;
}

type Constructor = new (...args: any[]) => any;

/** An exported class by its PyNN name (cell types and current sources named in fixtures). */
export function apiClass(sim: Sim, name: string): Constructor {
  const value = (sim as unknown as Record<string, unknown>)[name];
  if (typeof value !== 'function') throw new Error(`tsnn/wasm does not export ${name}`);
  return value as Constructor;
}
