#!/usr/bin/env node
// Builds the C++ core (core/src/**/*.cpp) into an ES module + WebAssembly binary with Debian's emscripten:
//   wasm/dist/tsnn-core.mjs + tsnn-core.wasm            (single-threaded, the default)
//   wasm/dist/tsnn-core-mt.mjs + .wasm + .worker.js      (pthreads, with --threads)
// Incremental: an object is recompiled only when its source, a header it includes (from em++ -MMD) or the flags
// changed; the module is relinked only when an object or the link flags are newer than it. At most two compilers
// run at once (the build machine is shared).
//   node wasm/build.mjs [--threads] [--force] [--quiet]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shim = join(root, 'wasm', 'node-shim.js');
const maxJobs = 2;

/** The C API of docs/architecture.md plus the allocator the binding copies requests with. */
export const exportedFunctions = [
  '_tsnn_session_create',
  '_tsnn_call',
  '_tsnn_response_data',
  '_tsnn_response_size',
  '_tsnn_last_error',
  '_tsnn_session_destroy',
  '_malloc',
  '_free',
];
const exportedRuntimeMethods = ['UTF8ToString', 'HEAPU8'];

// -ffp-contract=off: no fused multiply-add, so results match the x86 and CUDA builds bit for bit (DESIGN §3).
// -fexceptions: the core reports bad input with tsnn::Error, and the C API catches it; the Debian emscripten cache
// only ships the JavaScript-based exception runtime (libc++abi-except), not native wasm exceptions.
const compileFlags = ['-O3', '-msimd128', '-std=c++17', '-ffp-contract=off', '-fno-fast-math', '-fexceptions'];
const threadFlags = ['-pthread'];

function linkFlags(threads) {
  const flags = [
    '-O3', '-msimd128', '-fexceptions',
    '-sMODULARIZE', '-sEXPORT_ES6', '-sEXPORT_NAME=createTsnnCore',
    '-sALLOW_MEMORY_GROWTH', '-sMAXIMUM_MEMORY=4GB',
    '-sENVIRONMENT=web,worker,node',
    '-sFILESYSTEM=0',
    // Leave process-wide handlers alone: the host application owns uncaughtException / unhandledRejection.
    '-sNODEJS_CATCH_EXIT=0', '-sNODEJS_CATCH_REJECTION=0',
    `-sEXPORTED_FUNCTIONS=${JSON.stringify(exportedFunctions)}`,
    `-sEXPORTED_RUNTIME_METHODS=${JSON.stringify(exportedRuntimeMethods)}`,
    `--extern-pre-js=${shim}`,
  ];
  if (threads) flags.push(...threadFlags, '-sPTHREAD_POOL_SIZE=navigator.hardwareConcurrency');
  return flags;
}

function listSources(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(p));
    else if (entry.name.endsWith('.cpp')) out.push(p);
  }
  return out.sort();
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** Files named in a make-style dependency file written by em++ -MMD (the object's target first). */
function dependenciesOf(depFile) {
  const text = readFileSync(depFile, 'utf8').replace(/\\\n/g, ' ');
  const colon = text.indexOf(': ');
  if (colon < 0) return null;
  return text.slice(colon + 2).split(/(?<!\\)\s+/).filter(Boolean).map((p) => p.replace(/\\ /g, ' '));
}

function objectIsFresh(source, object, depFile, flagsChanged) {
  if (flagsChanged) return false;
  const built = mtime(object);
  if (built < 0 || !existsSync(depFile)) return false;
  const deps = dependenciesOf(depFile);
  if (!deps) return false;
  return [source, ...deps].every((dep) => {
    const t = mtime(dep);
    return t >= 0 && t <= built;
  });
}

function runTool(args, env, quiet) {
  return new Promise((resolve, reject) => {
    if (!quiet) console.log(`em++ ${args.filter((a) => !a.startsWith('-sEXPORTED')).slice(-3).join(' ')}`);
    const child = spawn('em++', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`em++ failed (exit ${code}): em++ ${args.join(' ')}`))));
  });
}

async function runPool(tasks, jobs) {
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (next < tasks.length && !failure) {
      const task = tasks[next++];
      try {
        await task();
      } catch (error) {
        failure = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  if (failure) throw failure;
}

/**
 * Builds one variant. Returns { built: boolean, skipped?: string, outputs: string[] }.
 * coreDir, distDir and objDir default to core/, wasm/dist/ and build/wasm/.
 * @param {{ threads?: boolean, force?: boolean, quiet?: boolean, coreDir?: string, distDir?: string, objDir?: string }} options
 */
export async function buildWasm({
  threads = false,
  force = false,
  quiet = false,
  coreDir = join(root, 'core'),
  distDir = join(root, 'wasm', 'dist'),
  objDir: objRoot = join(root, 'build', 'wasm'),
} = {}) {
  const cApiHeader = join(coreDir, 'include', 'tsnn', 'c_api.h');
  const name = threads ? 'tsnn-core-mt' : 'tsnn-core';
  const output = join(distDir, `${name}.mjs`);
  const sources = listSources(join(coreDir, 'src'));
  if (sources.length === 0 || !existsSync(cApiHeader)) {
    return { built: false, skipped: `core/ has no C API yet (${relative(root, cApiHeader)} or core/src/*.cpp missing)`, outputs: [] };
  }
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  const objDir = join(objRoot, threads ? 'mt' : 'st');
  mkdirSync(objDir, { recursive: true });
  mkdirSync(distDir, { recursive: true });

  const cflags = [...compileFlags, ...(threads ? threadFlags : []), `-I${join(coreDir, 'include')}`];
  const lflags = linkFlags(threads);
  const stampChanged = (file, value) => force || !existsSync(file) || readFileSync(file, 'utf8') !== value;
  const compileStamp = join(objDir, 'compile-flags.json');
  const linkStamp = join(objDir, 'link-flags.json');
  const flagsChanged = stampChanged(compileStamp, JSON.stringify(cflags));

  const objects = [];
  const tasks = [];
  for (const source of sources) {
    const rel = relative(join(coreDir, 'src'), source);
    const object = join(objDir, 'obj', rel.replace(/\.cpp$/, '.o'));
    const depFile = `${object}.d`;
    objects.push(object);
    if (objectIsFresh(source, object, depFile, flagsChanged)) continue;
    mkdirSync(dirname(object), { recursive: true });
    tasks.push(() => runTool([...cflags, '-MMD', '-MF', depFile, '-c', source, '-o', object], env, quiet));
  }
  await runPool(tasks, maxJobs);
  writeFileSync(compileStamp, JSON.stringify(cflags));

  const wasmFile = join(distDir, `${name}.wasm`);
  const newestInput = Math.max(...objects.map(mtime), mtime(shim), mtime(fileURLToPath(import.meta.url)));
  const linked = !stampChanged(linkStamp, JSON.stringify(lflags)) && tasks.length === 0
    && Math.min(mtime(output), mtime(wasmFile)) >= newestInput;
  if (!linked) {
    await runTool([...objects, ...lflags, '-o', output], env, quiet);
    writeFileSync(linkStamp, JSON.stringify(lflags));
  }
  const outputs = [output, wasmFile];
  if (threads && existsSync(join(distDir, `${name}.worker.js`))) outputs.push(join(distDir, `${name}.worker.js`));
  return { built: !linked, compiled: tasks.length, outputs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Set(process.argv.slice(2));
  const quiet = args.has('--quiet');
  try {
    const result = await buildWasm({ threads: args.has('--threads'), force: args.has('--force'), quiet });
    if (result.skipped) console.log(`wasm: skipped: ${result.skipped}`);
    else if (!quiet) {
      const what = result.built ? `built (${result.compiled} compiled)` : 'up to date';
      console.log(`wasm: ${what}: ${result.outputs.map((p) => relative(root, p)).join(', ')}`);
    }
  } catch (error) {
    console.error(`wasm: ${error.message}`);
    process.exit(1);
  }
}
