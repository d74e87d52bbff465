#!/usr/bin/env node
// Builds one of bench/kernel/ natively (g++ -O3, SSE2, as the server) and with emscripten (-O3 -msimd128, as
// wasm/build.mjs compiles the core) into build/bench/, and runs both: one model's step loop alone, native against
// WebAssembly. Figures only.
//   node bench/kernel.mjs [curr|cond] [steps] [events per step] [cells] [read|skip|direct] [listed]
//     (kernel_harness.h: skip, the input rows not read; direct, the events added to the synaptic variables;
//     listed, the refractory cells listed)
//   node bench/kernel.mjs scatter [steps] [events per step] [channels] [slots]
//   node bench/kernel.mjs normal [draws]
//   node bench/kernel.mjs precision [steps] [events per step] [cells]
// curr: IF_curr_exp with the Vogels-Abbott CUBA constants (default); cond: IF_cond_exp with the COBA constants;
// scatter: the delivery's adds into the delay ring alone (ring_scatter_kernel.cpp); normal: the build's clipped
// normal weights and delays (normal_draws_kernel.cpp); precision: IF_cond_exp's RK4 loop on two doubles and on four
// floats a vector (cond_precision_kernel.cpp).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'bench');
mkdirSync(out, { recursive: true });
const KERNELS = {
  curr: 'if_curr_exp_kernel.cpp', cond: 'if_cond_exp_kernel.cpp', scatter: 'ring_scatter_kernel.cpp',
  normal: 'normal_draws_kernel.cpp', precision: 'cond_precision_kernel.cpp',
};
const args = process.argv.slice(2);
const model = args[0] in KERNELS ? args.shift() : 'curr';
const sources = [join(root, 'bench/kernel', KERNELS[model]), join(root, 'core/src/models/lif_propagators.cpp'),
  join(root, 'core/src/engine/input_buffer.cpp')];
// The core's own flags: no contraction, no fast math (wasm/build.mjs, CMakeLists.txt).
const flags = ['-O3', '-std=c++17', '-ffp-contract=off', '-fno-fast-math', `-I${join(root, 'core/include')}`];
const run = (command, args, env = process.env) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env }).toString();

run('g++', [...flags, ...sources, '-o', join(out, `kernel-${model}-native`)]);
// NODE_PATH: Debian's emcc needs it to find its own Node modules (wasm/README.md).
run('em++', [...flags, '-msimd128', '-sALLOW_MEMORY_GROWTH=1', ...sources, '-o', join(out, `kernel-${model}-wasm.cjs`)], { ...process.env, NODE_PATH: '/usr/share/nodejs' });
process.stdout.write(`native (g++ -O3, SSE2):      ${run(join(out, `kernel-${model}-native`), args)}`);
// --no-experimental-fetch: the plain emscripten loader would fetch() the .wasm, which fails on file paths in Node.
process.stdout.write(`WebAssembly (Node ${process.version}): ${run(process.execPath, ['--no-experimental-fetch', join(out, `kernel-${model}-wasm.cjs`), ...args])}`);
