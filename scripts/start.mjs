#!/usr/bin/env node
// `npm start`: checks the system tools, builds the TypeScript library and the WebAssembly engine (no native build:
// the main job runs on the WASM backend), then runs the main example with tsx: examples/microcircuit.ts when it
// exists, otherwise examples/small_network.ts. Arguments after `npm start --` go to the example.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, buildEnv, root, runCommand } from './build.mjs';

const candidates = ['examples/microcircuit.ts', 'examples/small_network.ts'].map((p) => join(root, p));

const failed = await build({ parts: ['ts', 'wasm'] });
if (failed.length) {
  console.error(`start: the build failed (${failed.join(', ')}); see the output above`);
  process.exit(1);
}

const example = candidates.find((p) => existsSync(p));
if (!example) {
  console.error(`start: no example to run; expected one of ${candidates.map((p) => relative(root, p)).join(', ')}`);
  process.exit(1);
}
console.log(`\n==> tsx ${relative(root, example)}`);
const code = await runCommand(process.execPath, ['--import', 'tsx', example, ...process.argv.slice(2)], { env: buildEnv() });
process.exit(code);
