#!/usr/bin/env node
// Builds the C++ core (core/src/**/*.cpp) into an ES module + WebAssembly binary with Debian's emscripten:
//   wasm/dist/tsnn-core.mjs + tsnn-core.wasm                     (single-threaded)
//   wasm/dist/tsnn-core-mt.mjs + .wasm + .worker.js              (threads: setup({ threads }) > 1)
// Incremental: an object is recompiled only when its source, a header it includes (from em++ -MMD) or the flags
// changed; the module is relinked only when an object or the link flags are newer than it. At most two compilers
// run at once (the build machine is shared).
//   node wasm/build.mjs [--debug] [--force] [--quiet] [--only=st|mt] [--profiling]
import { execFileSync, spawn } from 'node:child_process';
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
/** Exported by wasm/glue/ (WebAssembly-only additions to the C API). */
export const glueFunctions = ['_tsnn_wasm_cell_types'];
const exportedRuntimeMethods = ['UTF8ToString', 'HEAPU8'];

// -ffp-contract=off: no fused multiply-add, so results match the x86 and CUDA builds bit for bit (DESIGN §3).
// -fexceptions: the core reports bad input with tsnn::Error, and the C API catches it; the Debian emscripten cache
// only ships the JavaScript-based exception runtime (libc++abi-except), not native wasm exceptions.
const compileFlags = ['-msimd128', '-std=c++17', '-ffp-contract=off', '-fno-fast-math', '-fexceptions'];
// --debug: unoptimised with DWARF, for stepping through the core in Chromium's debugger (and quick test builds).
const optimizeFlags = (debug) => (debug ? ['-O0', '-g'] : ['-O3']);

// The release link leaves binaryen's whole-module optimisation to optimizeModule(): at -O2/-O3 emscripten's
// wasm-opt inlines every function that has one caller, whatever its size, which folds the SIMD neuron loops,
// delivery and sources into one huge step function that V8's optimising compiler handles badly (spills): CUBA ran
// at 0.27 s per biological second so, 0.17 with inlining of one-caller functions capped at 100 instructions.
const linkOptimizeFlags = (debug) => (debug ? ['-O0', '-g'] : ['-O1']);
const wasmOptFlags = ['-O3', '--one-caller-inline-max-function-size=100'];
// --profiling: the release build with its function names kept (emscripten --profiling-funcs, wasm-opt -g), into
// wasm/dist-profiling/, so that a V8 CPU profile names the core's functions (docs/performance.md, "Profiling").
const profilingLinkFlags = ['--profiling-funcs'];
const profilingWasmOptFlags = ['-g'];
const wasmFeatures = ['--enable-simd', '--enable-sign-ext', '--enable-mutable-globals', '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int'];

// The threaded build: emscripten's pthreads (a SharedArrayBuffer heap, Web Workers / worker_threads). The pool of
// workers is started with the module, sized by the loader (Module.tsnnWorkers: the threads wanted, minus the
// caller), because a thread created later could only start once the caller returned to the event loop, and the
// step loop waits for its helpers without returning.
const threadCompileFlags = ['-pthread'];
const threadLinkFlags = ['-pthread', '-sPTHREAD_POOL_SIZE=Module.tsnnWorkers||0', '-sPTHREAD_POOL_SIZE_STRICT=2'];

function linkFlags(debug, buildInfoFile, exports, threads, profiling) {
  const flags = [
    ...(threads ? threadLinkFlags : []),
    ...linkOptimizeFlags(debug), ...(profiling ? profilingLinkFlags : []), '-msimd128', '-fexceptions',
    '-sMODULARIZE', '-sEXPORT_ES6', '-sEXPORT_NAME=createTsnnCore',
    '-sALLOW_MEMORY_GROWTH', '-sMAXIMUM_MEMORY=4GB',
    '-sENVIRONMENT=web,worker,node',
    '-sFILESYSTEM=0',
    // Leave process-wide handlers alone: the host application owns uncaughtException / unhandledRejection.
    '-sNODEJS_CATCH_EXIT=0', '-sNODEJS_CATCH_REJECTION=0',
    `-sEXPORTED_FUNCTIONS=${JSON.stringify(exports)}`,
    `-sEXPORTED_RUNTIME_METHODS=${JSON.stringify(exportedRuntimeMethods)}`,
    `--extern-pre-js=${shim}`,
    `--pre-js=${buildInfoFile}`,
  ];
  return flags;
}

/** A --pre-js file that puts the version, compiler and flags on the module (the backend's getInfo reports them). */
function writeBuildInfo(file, cflags, env, threads) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const banner = execFileSync('em++', ['--version'], { env, encoding: 'utf8' });
  const compiler = `emscripten ${/\d+\.\d+\.\d+/.exec(banner)?.[0] ?? banner.split('\n')[0]}`;
  const flags = cflags.filter((f) => !f.startsWith('-I')).join(' ');
  const info = { version, compiler, flags, threads };
  writeFileSync(file, `// Generated by wasm/build.mjs.\nModule['tsnnBuild'] = ${JSON.stringify(info)};\n`);
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

/** binaryen's -O3 over the linked module, in place, with the inlining limit of wasmOptFlags. */
function optimizeModule(wasmFile, env, quiet, threads, optFlags) {
  const args = [wasmFile, ...wasmFeatures, ...(threads ? ['--enable-threads'] : []), ...optFlags, '-o', wasmFile];
  if (!quiet) console.log(`wasm-opt ${optFlags.join(' ')} ${relative(root, wasmFile)}`);
  execFileSync(wasmOptPath(env), args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The wasm-opt of emscripten's binaryen (em-config BINARYEN_ROOT), else the one on PATH. */
function wasmOptPath(env) {
  try {
    const binaryenRoot = execFileSync('em-config', ['BINARYEN_ROOT'], { env, encoding: 'utf8' }).trim();
    const candidate = join(binaryenRoot, 'bin', 'wasm-opt');
    if (binaryenRoot && existsSync(candidate)) return candidate;
  } catch {
    // fall through to PATH
  }
  return 'wasm-opt';
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
 * coreDir, glueDir, distDir and objDir default to core/, wasm/glue/, wasm/dist/ and build/wasm/; glueDir null
 * leaves the glue out (a core without tsnn/models/neuron_population.h).
 * profiling: function names kept, distDir defaulting to wasm/dist-profiling/.
 * @param {{ debug?: boolean, force?: boolean, quiet?: boolean, coreDir?: string, glueDir?: string | null, distDir?: string, objDir?: string, profiling?: boolean }} options
 */
export async function buildWasm({
  debug = false,
  force = false,
  quiet = false,
  profiling = false,
  coreDir = join(root, 'core'),
  glueDir = join(root, 'wasm', 'glue'),
  distDir = join(root, 'wasm', profiling ? 'dist-profiling' : 'dist'),
  objDir: objRoot = join(root, 'build', 'wasm'),
  threads = false,
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

  const cflags = [...optimizeFlags(debug), ...compileFlags, ...(threads ? threadCompileFlags : []),
    `-I${join(coreDir, 'include')}`];
  const buildInfoFile = join(objDir, 'build-info.js');
  const lflags = linkFlags(debug, buildInfoFile, glueDir ? [...exportedFunctions, ...glueFunctions] : exportedFunctions,
    threads, profiling);
  const optFlags = profiling ? [...wasmOptFlags, ...profilingWasmOptFlags] : wasmOptFlags;
  const stampChanged = (file, value) => force || !existsSync(file) || readFileSync(file, 'utf8') !== value;
  const compileStamp = join(objDir, 'compile-flags.json');
  const linkStamp = join(objDir, 'link-flags.json');
  const flagsChanged = stampChanged(compileStamp, JSON.stringify(cflags));

  const objects = [];
  const tasks = [];
  const units = sources.map((source) => ({ source, object: join(objDir, 'obj', relative(join(coreDir, 'src'), source)) }));
  if (glueDir) {
    for (const source of listSources(glueDir)) units.push({ source, object: join(objDir, 'glue', relative(glueDir, source)) });
  }
  for (const unit of units) {
    const source = unit.source;
    const object = unit.object.replace(/\.cpp$/, '.o');
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
  const linked = !stampChanged(linkStamp, JSON.stringify([...lflags, ...optFlags])) && tasks.length === 0
    && Math.min(mtime(output), mtime(wasmFile)) >= newestInput;
  if (!linked) {
    writeBuildInfo(buildInfoFile, cflags, env, threads);
    await runTool([...objects, ...lflags, '-o', output], env, quiet);
    // emscripten's worker script is CommonJS (require, __filename) but named .js, and this package is
    // "type": "module": a package.json beside it makes Node read the folder's .js files as CommonJS (the .mjs
    // files stay ES modules; browsers ignore it).
    if (threads) writeFileSync(join(distDir, 'package.json'), '{ "type": "commonjs" }\n');
    if (!debug) optimizeModule(wasmFile, env, quiet, threads, optFlags);
    writeFileSync(linkStamp, JSON.stringify([...lflags, ...optFlags]));
  }
  const outputs = threads ? [output, wasmFile, join(distDir, `${name}.worker.js`)] : [output, wasmFile];
  return { built: !linked, compiled: tasks.length, outputs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = new Set(process.argv.slice(2));
  const quiet = args.has('--quiet');
  const only = process.argv.slice(2).find((a) => a.startsWith('--only='))?.slice(7);
  const variants = only === 'st' ? [false] : only === 'mt' ? [true] : [false, true];
  try {
    for (const threads of variants) {
      const result = await buildWasm({
        debug: args.has('--debug'), force: args.has('--force'), profiling: args.has('--profiling'), quiet, threads,
      });
      if (result.skipped) console.log(`wasm: skipped: ${result.skipped}`);
      else if (!quiet) {
        const what = result.built ? `built (${result.compiled} compiled)` : 'up to date';
        console.log(`wasm: ${what}: ${result.outputs.map((p) => relative(root, p)).join(', ')}`);
      }
    }
  } catch (error) {
    console.error(`wasm: ${error.message}`);
    process.exit(1);
  }
}
