// getInfo describes the engine truthfully: every cell type it lists builds, every other PyNN standard model is
// rejected with INVALID_ARGUMENT naming the cell type; version and build flags come from the build.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { EngineError } from '../../frontend/backend/backend.js';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { standardModelNames } from '../../frontend/cells/standard-models.js';
import { network, population } from './network-builders.js';

test('the listed cell types build; the other standard models are rejected', async () => {
  const backend = await createWasmBackend();
  try {
    const info = await backend.getInfo();
    assert.ok(info.cellTypes.includes('IF_curr_exp'), info.cellTypes.join(', '));
    const names = standardModelNames().filter((name) => name !== 'PointNeuron');
    for (const name of names) {
      const net = network(0.1, 1n, [population('cells', 2, name, {})], [], []);
      if (info.cellTypes.includes(name)) {
        assert.is((await backend.createSession(net)).neurons, 2n, name);
      } else {
        try {
          await backend.createSession(net);
          assert.unreachable(`${name} is not listed but builds`);
        } catch (error) {
          assert.instance(error, EngineError);
          assert.is((error as EngineError).code, 'INVALID_ARGUMENT', name);
          assert.match((error as EngineError).message, name);
        }
      }
    }
  } finally {
    await backend.close();
  }
});

test('version and build flags come from the build', async () => {
  const backend = await createWasmBackend();
  try {
    const info = await backend.getInfo();
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.is(info.version, version);
    assert.is(info.protocol, 'tsnn.v1');
    assert.equal(info.engines, ['cpu']);
    assert.match(info.build, /^emscripten \d+\.\d+\.\d+ -O3 -msimd128 .*-ffp-contract=off/);
    assert.is(info.limits?.activeSessions, 0);
  } finally {
    await backend.close();
  }
});

test.run();
