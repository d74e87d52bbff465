// Finds, compiles and instantiates the core's WebAssembly module (wasm/dist/tsnn-core.mjs + .wasm).
// Node: the files are found on disk (walking up from this file, so it works from frontend/ under tsx and from
// dist/frontend/ after tsc) and the .wasm bytes are handed to emscripten, whose own loading breaks in ES modules.
// Browser: both files are fetched from a base URL, by default the folder of the script this code is bundled into.
// The compiled WebAssembly.Module is cached per URL; every backend gets its own instance (its own heap).
import type { CoreModule, CoreModuleFactory } from './core-module.js';

export interface CoreLocation {
  /**
   * Base name of the build's files (default 'tsnn-core': tsnn-core.mjs + tsnn-core.wasm; with threads > 1,
   * 'tsnn-core-mt', the threaded build).
   */
  readonly name?: string;
  /**
   * Threads the engine may use (default 1). Above 1 the threaded build is loaded with threads - 1 workers started
   * (capped at the cores), where shared memory exists; otherwise the single-threaded one (see threadsUsable).
   */
  readonly threads?: number;
  /** Folder (Node path) or URL (browser) that holds `<name>.mjs` and `<name>.wasm`. */
  readonly base?: string | URL;
  /** Forward the module's stdout/stderr (default: console.log / console.warn). */
  readonly print?: (text: string) => void;
  readonly printErr?: (text: string) => void;
}

interface CompiledCore {
  readonly factory: CoreModuleFactory;
  readonly module: WebAssembly.Module;
}

const compiledCores = new Map<string, Promise<CompiledCore>>();

export function isNode(): boolean {
  return typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
}

/** Where to look when no base is given: the TSNN_WASM_DIR variable, then wasm/dist above this file. */
async function findNodeBase(name: string): Promise<string> {
  const { existsSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const fromEnv = process.env.TSNN_WASM_DIR;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  const tried: string[] = [];
  for (let level = 0; level < 8; level++) {
    const candidate = join(dir, 'wasm', 'dist');
    tried.push(candidate);
    if (existsSync(join(candidate, `${name}.mjs`))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `tsnn wasm backend: cannot find ${name}.mjs (looked in ${tried.join(', ')}); ` +
      'build it with `node wasm/build.mjs` or set TSNN_WASM_DIR to the folder that holds it',
  );
}

async function compileForNode(name: string, base: string | URL | undefined): Promise<{ key: string; load: () => Promise<CompiledCore> }> {
  const { join } = await import('node:path');
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  const folder =
    base === undefined ? await findNodeBase(name) : base instanceof URL || base.startsWith('file:') ? fileURLToPath(base) : base;
  const script = join(folder, `${name}.mjs`);
  return {
    key: script,
    load: async () => {
      const { readFile } = await import('node:fs/promises');
      const [imported, bytes] = await Promise.all([
        import(/* webpackIgnore: true */ pathToFileURL(script).href) as Promise<{ default: CoreModuleFactory }>,
        readFile(join(folder, `${name}.wasm`)),
      ]);
      return { factory: imported.default, module: await WebAssembly.compile(bytes) };
    },
  };
}

/**
 * The folder URL the browser loads the core files from: `base` resolved against the page (a trailing slash added,
 * so '/static/tsnn' means the folder), or the folder of this script when no base is given.
 */
export function browserFolderUrl(base: string | URL | undefined): URL {
  if (base === undefined) return new URL('./', import.meta.url);
  const text = String(base);
  return new URL(text.endsWith('/') ? text : `${text}/`, globalThis.location?.href ?? import.meta.url);
}

/** Compiles a fetched binary; servers that do not send application/wasm get the slower non-streaming path. */
async function compileResponse(response: Response): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch (error) {
      if (response.headers.get('Content-Type')?.startsWith('application/wasm')) throw error;
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function compileForBrowser(name: string, base: string | URL | undefined): { key: string; load: () => Promise<CompiledCore> } {
  const baseUrl = browserFolderUrl(base);
  const script = new URL(`${name}.mjs`, baseUrl).href;
  const binary = new URL(`${name}.wasm`, baseUrl).href;
  return {
    key: script,
    load: async () => {
      const response = await fetch(binary);
      if (!response.ok) throw new Error(`tsnn wasm backend: cannot fetch ${binary} (HTTP ${response.status})`);
      const [imported, module] = await Promise.all([
        import(/* webpackIgnore: true */ /* @vite-ignore */ script) as Promise<{ default: CoreModuleFactory }>,
        compileResponse(response),
      ]);
      return { factory: imported.default, module };
    },
  };
}

/** Cores of this machine (Node) or as the browser reports them; 1 when unknown. */
export async function hardwareThreads(): Promise<number> {
  if (isNode()) {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
  }
  return globalThis.navigator?.hardwareConcurrency ?? 1;
}

/**
 * How many threads a core asked for `wanted` can have here: 1 without shared memory (a page that is not
 * cross-origin isolated has no SharedArrayBuffer, so the threaded build cannot run), else at most the cores.
 */
export async function threadsUsable(wanted: number): Promise<number> {
  if (!(wanted > 1)) return 1;
  const shared = typeof SharedArrayBuffer === 'function' && (isNode() || globalThis.crossOriginIsolated === true);
  return shared ? Math.max(1, Math.min(wanted, await hardwareThreads())) : 1;
}

/** A fresh instance of the core (its own heap), compiling the binary only once per location. */
export async function loadCore(location: CoreLocation = {}): Promise<CoreModule> {
  const threads = await threadsUsable(location.threads ?? 1);
  const name = location.name ?? (threads > 1 ? 'tsnn-core-mt' : 'tsnn-core');
  const { key, load } = isNode() ? await compileForNode(name, location.base) : compileForBrowser(name, location.base);
  let compiled = compiledCores.get(key);
  if (!compiled) {
    compiled = load();
    compiledCores.set(key, compiled);
    compiled.catch(() => compiledCores.delete(key));
  }
  const { factory, module } = await compiled;
  // emscripten has no way to hear that a custom instantiation failed: race its readiness with the failure.
  let instantiationFailed: (reason: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    instantiationFailed = reject;
  });
  const ready = factory({
    // Instantiate from the cached compiled module: emscripten never fetches or reads the binary itself.
    instantiateWasm: (imports, receiveInstance) => {
      WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module), instantiationFailed);
      return {};
    },
    // The threaded build starts this many workers with the module (wasm/build.mjs, PTHREAD_POOL_SIZE); at least
    // one, because emscripten 3.1.6's threaded module never becomes ready with an empty pool.
    tsnnWorkers: Math.max(1, threads - 1),
    print: location.print ?? ((text) => console.log(text)),
    printErr: location.printErr ?? ((text) => console.warn(text)),
  });
  const core = await Promise.race([ready, failure]);
  // emscripten 3.1.6 keeps its pool's worker_threads referenced: Node would never exit while the module exists.
  // The thread that drives the engine keeps the process alive while it runs anyway.
  if (isNode()) for (const worker of core.PThread?.unusedWorkers ?? []) worker.unref?.();
  return core;
}
