// The C++ tests of the code that WebAssembly runs differently from the native build (test/core): ctest runs them
// natively, where SSE2 or scalar loops take the place of the WebAssembly SIMD ones (Philox eight blocks at once and
// along a cursor, the two-lane quantile and log, the Poisson word counts, the pair loops, the staged ring, the
// fixed-point conversions). Here each is linked with the single-threaded WebAssembly build's own core objects
// (build/wasm/st, compiled by wasm/build.mjs with the module's flags) and run in Node: every test must pass.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const objectDir = join(root, 'build', 'wasm', 'st', 'obj');
const outDir = join(root, 'build', 'wasm-core-tests');
// The flags wasm/build.mjs compiles the core with (compileFlags, optimizeFlags), so the tests see the module's code.
const flags = ['-O3', '-msimd128', '-std=c++17', '-ffp-contract=off', '-fno-fast-math', '-fexceptions'];
const TESTS = [
  'random_distributions_test',
  'models_spike_sources_test',
  'models_simd_pair_test',
  'models_uniform_path_test',
  'connectivity_store_test',
  'engine_input_buffer_test',
  'math_functions_test',
  'models_adex_test',
  'models_cell_pairs_test',
  'models_point_neuron_test',
];

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

const mtime = (path: string) => statSync(path).mtimeMs;

for (const name of TESTS) {
  test(`test/core/${name}.cpp passes in WebAssembly`, () => {
    assert.ok(existsSync(objectDir), `no WebAssembly core objects in ${objectDir}: run node wasm/build.mjs first`);
    const linked = filesUnder(objectDir, '.o');
    assert.ok(linked.length > 0, `no .o files under ${objectDir}`);
    const source = join(root, 'test', 'core', `${name}.cpp`);
    const output = join(outDir, `${name}.cjs`);
    mkdirSync(outDir, { recursive: true });
    // Built again when the test, a core object or a header it may include changed.
    const headers = [join(root, 'test', 'core'), join(root, 'core', 'include')].flatMap((dir) => filesUnder(dir, '.h'));
    const newest = Math.max(...[source, ...linked, ...headers].map(mtime));
    if (!existsSync(output) || mtime(output) < newest) {
      execFileSync('em++', [...flags, `-I${join(root, 'core', 'include')}`, `-I${join(root, 'test', 'core')}`,
        '-sALLOW_MEMORY_GROWTH=1', '-sENVIRONMENT=node', source, ...linked, '-o', output],
      { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' }, stdio: ['ignore', 'inherit', 'inherit'] });
    }
    // --no-experimental-fetch: the plain emscripten loader would fetch() the .wasm, which fails on file paths.
    const run = spawnSync(process.execPath, ['--no-experimental-fetch', output], { encoding: 'utf8' });
    const summary = /(\d+) passed, (\d+) failed/.exec(run.stdout);
    assert.ok(summary, `no summary line from ${name}:\n${run.stdout}\n${run.stderr}`);
    assert.is(Number(summary![2]), 0, `${name} in WebAssembly:\n${run.stdout}`);
    assert.ok(Number(summary![1]) > 0, `${name} ran no test`);
    assert.is(run.status, 0, `${name} exited with ${run.status}:\n${run.stderr}`);
  });
}

test.run();
