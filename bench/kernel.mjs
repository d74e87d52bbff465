#!/usr/bin/env node
// Builds bench/kernel/if_curr_exp_kernel.cpp natively (g++ -O3, SSE2, as the server) and with emscripten (-O3
// -msimd128, as wasm/build.mjs compiles the core) into build/bench/, and runs both: the IF_curr_exp step loop alone,
// native against WebAssembly. Figures only.
//   node bench/kernel.mjs [steps] [events per step] [cells]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'bench');
mkdirSync(out, { recursive: true });
const sources = [join(root, 'bench/kernel/if_curr_exp_kernel.cpp'), join(root, 'core/src/models/lif_propagators.cpp')];
// The core's own flags: no contraction, no fast math (wasm/build.mjs, CMakeLists.txt).
const flags = ['-O3', '-std=c++17', '-ffp-contract=off', '-fno-fast-math', `-I${join(root, 'core/include')}`];
const run = (command, args, env = process.env) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env }).toString();

run('g++', [...flags, ...sources, '-o', join(out, 'kernel-native')]);
// NODE_PATH: Debian's emcc needs it to find its own Node modules (wasm/README.md).
run('em++', [...flags, '-msimd128', ...sources, '-o', join(out, 'kernel-wasm.cjs')], { ...process.env, NODE_PATH: '/usr/share/nodejs' });
const args = process.argv.slice(2);
process.stdout.write(`native (g++ -O3, SSE2):      ${run(join(out, 'kernel-native'), args)}`);
// --no-experimental-fetch: the plain emscripten loader would fetch() the .wasm, which fails on file paths in Node.
process.stdout.write(`WebAssembly (Node ${process.version}): ${run(process.execPath, ['--no-experimental-fetch', join(out, 'kernel-wasm.cjs'), ...args])}`);
