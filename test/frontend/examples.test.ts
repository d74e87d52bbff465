// The ported PyNN examples build the network the PyNN scripts describe (numbers from VAbenchmarks.py and
// small_network.py). Each example imports 'tsnn/wasm', which resolves to dist/: run `npm run build` first
// (`npm test` does).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Summary {
  populations: Array<{ label: string; size: number; cellType: string }>;
  projections: Array<{ label: string; receptorType: string; weight?: number; delay?: number; pConnect?: number }>;
  recordings: Array<{ population: number; variable: string }>;
  spikeTrains?: number;
}

function summary(script: string, ...args: string[]): Summary {
  assert.ok(existsSync(`${root}/dist/frontend/wasm.js`), "dist/ is missing: run 'npm run build' first");
  const out = execFileSync(process.execPath, ['--import', 'tsx', `examples/${script}`, ...args, '--build-only', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Summary;
}

const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-12;

test('VAbenchmarks CUBA: 3200 + 800 IF_curr_exp, p = 0.02, w = 0.27 nS·60 mV and 4.5 nS·(−20 mV), delay 0.2', () => {
  const s = summary('vogels_abbott.ts', 'CUBA');
  assert.equal(s.populations, [
    { label: 'Excitatory_Cells', size: 3200, cellType: 'IF_curr_exp' },
    { label: 'Inhibitory_Cells', size: 800, cellType: 'IF_curr_exp' },
  ]);
  assert.is(s.projections.length, 4);
  for (const p of s.projections) {
    assert.ok(close(p.pConnect, 0.02));
    assert.ok(close(p.delay, 0.2));
    const exc = p.label.startsWith('Excitatory');
    assert.is(p.receptorType, exc ? 'excitatory' : 'inhibitory');
    assert.ok(close(p.weight, exc ? 0.27e-3 * 60 : 4.5e-3 * -20), `${p.label}: ${p.weight}`);
  }
  assert.equal(s.recordings, [
    { population: 0, variable: 'spikes' },
    { population: 0, variable: 'v' },
    { population: 1, variable: 'spikes' },
  ]);
});

test('VAbenchmarks COBA: IF_cond_exp, 4 nS and 51 nS, 20 Poisson sources at 100 Hz with p = 0.01, w = 0.1', () => {
  const s = summary('vogels_abbott.ts', 'COBA');
  assert.equal(s.populations.map((p) => [p.size, p.cellType]), [
    [3200, 'IF_cond_exp'],
    [800, 'IF_cond_exp'],
    [20, 'SpikeSourcePoisson'],
  ]);
  assert.is(s.projections.length, 6);
  const weights = s.projections.map((p) => p.weight);
  assert.ok(close(weights[0], 0.004) && close(weights[2], 0.051) && close(weights[4], 0.1));
  assert.ok(close(s.projections[5]!.pConnect, 0.01));
});

test('VAbenchmarks with views: one population of 4000, projections from views onto it', () => {
  const s = summary('vogels_abbott.ts', 'CUBA', '--use-views');
  assert.equal(s.populations, [{ label: 'All Cells', size: 4000, cellType: 'IF_curr_exp' }]);
  assert.equal(s.projections.map((p) => p.label), ['Excitatory cells→All Cells', 'Inhibitory cells→All Cells']);
});

test('small_network: 20 IF_cond_alpha + 20 SpikeSourceArrays, FixedProbability 0.5, w 0.002 uS, delay 1 ms', () => {
  const s = summary('small_network.ts');
  assert.equal(s.populations.map((p) => [p.size, p.cellType]), [
    [20, 'IF_cond_alpha'],
    [20, 'SpikeSourceArray'],
  ]);
  assert.equal(s.projections.length, 1);
  const p = s.projections[0]!;
  assert.ok(close(p.pConnect, 0.5) && close(p.weight, 0.002) && close(p.delay, 1.0));
  assert.is(p.receptorType, 'excitatory');
  assert.is(s.spikeTrains, 20);
});

test.run();
