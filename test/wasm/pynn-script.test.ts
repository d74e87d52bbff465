// A whole PyNN-style script through `import * as sim from 'tsnn/wasm'` (test/wasm/pynn-script.mjs, run in a child
// process so that the package's own entry point and dist/ are what is tested). The driven cells follow the analytic
// IF_curr_exp solution: V(t) = v_rest + R·I·(1 − exp(−t/tau_m)) until the first spike at the grid time at or after
// tau_m·ln(R·I/(R·I − θ)); after each spike V is clamped to v_reset for tau_refrac, then rises again from v_reset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const dt = 0.1;
const cell = { cm: 0.5, tau_m: 15, v_rest: -65, v_reset: -70, v_thresh: -52, tau_refrac: 2, i_offset: 0.8 };
const drive = cell.i_offset * (cell.tau_m / cell.cm); // R·I = 24 mV

function gridTimeToThreshold(v0: number): number {
  const t = cell.tau_m * Math.log((v0 - cell.v_rest - drive) / (cell.v_thresh - cell.v_rest - drive));
  return Math.ceil(t / dt - 1e-9);
}

interface ScriptOutput {
  t: number;
  spikeTimes: number[][];
  quietSpikes: number[];
  vShape: [number, number];
  vSamplingPeriod: number;
  vCell0: number[];
}

function runScript(): ScriptOutput {
  if (!existsSync(join(root, 'dist', 'frontend', 'wasm.js'))) {
    throw new Error('dist/frontend/wasm.js is missing: run `npx tsc -p tsconfig.json` (npm run build) first');
  }
  const out = execFileSync(process.execPath, [join(here, 'pynn-script.mjs')], { cwd: root, encoding: 'utf8', timeout: 60000 });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as ScriptOutput;
}

const output = runScript();

test('spike times follow the analytic solution on the step grid', () => {
  const first = gridTimeToThreshold(cell.v_rest);
  const interval = Math.round(cell.tau_refrac / dt) + gridTimeToThreshold(cell.v_reset);
  const expected: number[] = [];
  for (let step = first; step * dt <= 100; step += interval) expected.push(step);
  assert.equal(expected.slice(0, 2), [118, 284]);
  for (const train of output.spikeTimes) {
    assert.equal(train.map((t) => Math.round(t / dt)), expected);
    train.forEach((t, k) => assert.ok(Math.abs(t - expected[k] * dt) < 1e-9, `spike time ${t} lies on the grid`));
  }
  assert.equal(output.quietSpikes, [0, 0]);
  assert.is(output.t, 100);
});

test('the membrane potential follows V(t) = v_rest + R·I·(1 − exp(−t/tau_m)) before the first spike', () => {
  assert.equal(output.vShape, [1001, 3]);
  assert.is(output.vSamplingPeriod, dt);
  for (const k of [0, 1, 10, 50, 100, 117]) {
    const expected = cell.v_rest + drive * (1 - Math.exp(-(k * dt) / cell.tau_m));
    assert.ok(Math.abs(output.vCell0[k] - expected) < 1e-4, `v(${(k * dt).toFixed(1)} ms) = ${output.vCell0[k]}, expected ${expected}`);
  }
  // The spike step itself records v_reset, and V stays clamped there for tau_refrac.
  assert.is(output.vCell0[118], cell.v_reset);
  assert.is(output.vCell0[118 + Math.round(cell.tau_refrac / dt)], cell.v_reset);
  assert.ok(output.vCell0[119 + Math.round(cell.tau_refrac / dt)] > cell.v_reset);
});

test.run();
