#!/usr/bin/env node
// `npm run build`: checks the system tools (scripts/setup-system.sh), compiles the TypeScript library into dist/,
// builds the native tree (root CMakeLists.txt, Release) in build/native, the server with its CUDA engine in
// build/native-cuda when nvcc is there, and the WebAssembly engine with wasm/build.mjs when that file exists. Every
// step is incremental, so a re-run with nothing changed takes seconds.
//
//   node scripts/build.mjs [--only=ts,native,cuda,wasm] [--skip-setup] [--keep-going]
//
// Steps run in the order setup, ts, native, cuda, wasm. Without --keep-going the build stops at the first failed step.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const nativeBuildDir = join(root, 'build', 'native');
// The server again with -DTSNN_WITH_CUDA=ON (its CUDA engine): a second tree, so build/native stays CUDA-free.
export const nativeCudaBuildDir = join(root, 'build', 'native-cuda');
export const buildParts = ['ts', 'native', 'cuda', 'wasm'];

// The machine is shared: never more than two compilers at once.
const jobs = '2';

/** The environment every build tool gets: emcc (a Node program on Debian) needs NODE_PATH to find its modules. */
export function buildEnv(extra = {}) {
  const nodePath = ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':');
  // npm puts node_modules/.bin first on PATH, and the npm `protoc` package (protoc 33, for the TypeScript
  // generation) would then shadow the system protoc that matches the system libprotobuf the C++ build links.
  const path = (process.env.PATH ?? '').split(':').filter((dir) => dir && !dir.includes('node_modules')).join(':');
  return { ...process.env, PATH: path, NODE_PATH: nodePath, ...extra };
}

// Commands started in their own process group (those with a time limit) do not see the terminal's Ctrl-C: stop them
// when this script is interrupted, so that no test keeps running behind the user's back.
const detachedGroups = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of detachedGroups) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    process.exit(130);
  });
}

/**
 * Runs a command with inherited output (or piped through `onOutput`), resolving to its exit code; a command that
 * cannot start resolves to 127, one killed by the time limit to 124.
 */
export function runCommand(command, args, { cwd = root, env = buildEnv(), timeoutMs = 0, onOutput } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: onOutput ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: timeoutMs > 0,   // its own process group, so a time-out can stop its children too
    });
    if (timeoutMs > 0 && child.pid) detachedGroups.add(child.pid);
    let timedOut = false;
    const timer = timeoutMs > 0 ? setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    }, timeoutMs) : undefined;
    if (onOutput) {
      child.stdout.on('data', (chunk) => onOutput(chunk));
      child.stderr.on('data', (chunk) => onOutput(chunk));
    }
    child.on('error', (error) => {
      if (onOutput) onOutput(Buffer.from(`cannot start ${command}: ${error.message}\n`));
      else console.error(`cannot start ${command}: ${error.message}`);
      if (timer) clearTimeout(timer);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      detachedGroups.delete(child.pid);
      if (timer) clearTimeout(timer);
      resolve(timedOut ? 124 : code ?? (signal ? 128 : 1));
    });
  });
}

function banner(text) {
  console.log(`\n==> ${text}`);
}

async function setupStep() {
  banner('system tools (scripts/setup-system.sh)');
  return runCommand('bash', [join(root, 'scripts', 'setup-system.sh')]);
}

async function tsStep() {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  banner('TypeScript: tsc -p tsconfig.json -> dist/');
  const code = await runCommand(tsc, ['-p', join(root, 'tsconfig.json')]);
  if (code !== 0) return code;
  // Tests, examples and benchmarks run from source under tsx, which strips types without checking them.
  banner('TypeScript: type-check tests, examples and benchmarks (tsconfig.check.json)');
  return runCommand(tsc, ['-p', join(root, 'tsconfig.check.json')]);
}

async function nativeStep() {
  banner(`native: cmake (Release) in ${nativeBuildDir}`);
  mkdirSync(nativeBuildDir, { recursive: true });
  // Configuring every time costs about a second and recovers from an earlier failed configure (which leaves a
  // cache but no build files); it rewrites nothing that is unchanged, so the build stays incremental.
  const code = await runCommand('cmake', ['-S', root, '-B', nativeBuildDir, '-DCMAKE_BUILD_TYPE=Release']);
  if (code !== 0) return code;
  // Keep going past a failed target so that the pieces that do compile (tsnn_proto, tsnn-roundtrip, the tests of
  // other modules) are still built and tested while one module is broken; the step still reports the failure.
  return runCommand('cmake', ['--build', nativeBuildDir, '-j', jobs, '--', ...keepGoingFlags()]);
}

/** The native build tool's keep-going flag, by the generator recorded in the CMake cache. */
function keepGoingFlags(buildDir = nativeBuildDir) {
  const cache = join(buildDir, 'CMakeCache.txt');
  const generator = existsSync(cache) ? (readFileSync(cache, 'utf8').match(/^CMAKE_GENERATOR:INTERNAL=(.*)$/m)?.[1] ?? '') : '';
  if (generator.includes('Ninja')) return ['-k', '0'];
  if (generator.includes('Makefiles')) return ['-k'];
  return [];
}

/** The CUDA compiler: $CUDACXX, /usr/local/cuda/bin/nvcc, or nvcc on PATH; null with none. */
export function findNvcc() {
  const isFile = (path) => { try { return statSync(path).isFile(); } catch { return false; } };
  if (process.env.CUDACXX && isFile(process.env.CUDACXX)) return process.env.CUDACXX;
  if (isFile('/usr/local/cuda/bin/nvcc')) return '/usr/local/cuda/bin/nvcc';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isFile(join(dir, 'nvcc'))) return join(dir, 'nvcc');
  }
  return null;
}

async function cudaStep() {
  const nvcc = findNvcc();
  if (!nvcc) {
    banner('CUDA: skipped, no nvcc ($CUDACXX unset, no /usr/local/cuda/bin/nvcc, none on PATH): tsnn-server is built without its CUDA engine');
    return 0;
  }
  banner(`CUDA: tsnn-server with its CUDA engine (${nvcc}) in ${nativeCudaBuildDir}`);
  mkdirSync(nativeCudaBuildDir, { recursive: true });
  // Only the server and tsnn-run (what a GPU machine runs): the core's tests (the engine's logic included, on its
  // host backend) run from build/native.
  const code = await runCommand('cmake', ['-S', root, '-B', nativeCudaBuildDir, '-DCMAKE_BUILD_TYPE=Release',
    '-DTSNN_WITH_CUDA=ON', '-DTSNN_BUILD_TESTS=OFF', `-DCMAKE_CUDA_COMPILER=${nvcc}`]);
  if (code !== 0) return code;
  return runCommand('cmake', ['--build', nativeCudaBuildDir, '--target', 'tsnn-server', 'tsnn-run', '-j', jobs, '--',
    ...keepGoingFlags(nativeCudaBuildDir)]);
}

async function wasmStep() {
  const script = join(root, 'wasm', 'build.mjs');
  if (!existsSync(script)) {
    banner('WebAssembly: wasm/build.mjs does not exist yet, nothing to build');
    return 0;
  }
  banner('WebAssembly: node wasm/build.mjs');
  return runCommand(process.execPath, [script]);
}

const steps = { ts: tsStep, native: nativeStep, cuda: cudaStep, wasm: wasmStep };

/**
 * Runs the requested build steps. Returns the names of the steps that failed (empty when all succeeded).
 * @param {{ parts?: string[], setup?: boolean, keepGoing?: boolean }} options
 */
export async function build({ parts = buildParts, setup = true, keepGoing = false } = {}) {
  for (const part of parts) {
    if (!buildParts.includes(part)) {
      throw new Error(`build: unknown part '${part}'; allowed: ${buildParts.join(', ')}`);
    }
  }
  const failed = [];
  if (setup && (await setupStep()) !== 0) {
    failed.push('setup');
    if (!keepGoing) return failed;
  }
  for (const part of buildParts.filter((p) => parts.includes(p))) {
    const code = await steps[part]();
    if (code !== 0) {
      console.error(`build: step '${part}' failed (exit code ${code})`);
      failed.push(part);
      if (!keepGoing) break;
    }
  }
  return failed;
}

/** Parses `--only=a,b`; returns the list of parts or the default (all). */
export function parseOnly(args) {
  const only = args.find((a) => a.startsWith('--only='));
  if (!only) return buildParts;
  return only.slice('--only='.length).split(',').map((s) => s.trim()).filter(Boolean);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const known = ['--skip-setup', '--keep-going'];
  const unknown = args.filter((a) => !a.startsWith('--only=') && !known.includes(a));
  if (unknown.length) {
    console.error(`build: unknown argument(s) ${unknown.join(' ')}; usage: node scripts/build.mjs [--only=ts,native,cuda,wasm] [--skip-setup] [--keep-going]`);
    process.exit(2);
  }
  let failed;
  try {
    failed = await build({ parts: parseOnly(args), setup: !args.includes('--skip-setup'), keepGoing: args.includes('--keep-going') });
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  if (failed.length) {
    console.error(`\nbuild failed: ${failed.join(', ')}`);
    process.exit(1);
  }
  console.log('\nbuild: done');
}
