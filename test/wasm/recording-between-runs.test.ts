// Recording changed between runs, on the engine: a new sampling interval needs a segment of its own (a signal has
// one sampling period; before, the run broke and the samples were stamped at the new period); getData's and
// writeData's variables come positionally as in PyNN; a file record() cannot write is refused at record(), not at
// end() after the whole simulation.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';
import { IOError, ValueError } from '../../frontend/errors.js';

/** V of an IF_curr_exp cell under 1 nA from rest: −65 + 20·(1 − e^{−t/20}) mV (R = τm/cm = 20 MΩ, no spike below 15 ms). */
const vAt = (t: number) => -65 + 20 * (1 - Math.exp(-t / 20));

async function chargingCell() {
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1 }), { label: 'p' });
  p.record('v');
  await sim.run(2);
  return p;
}

function checkSamples(signal: sim.AnalogSignal, tStart: number, period: number, count: number) {
  assert.is(signal.samplingPeriod, period);
  assert.ok(Math.abs(signal.tStart - tStart) < 1e-9, `t_start ${signal.tStart}`);
  assert.is(signal.shape[0], count);
  for (let k = 0; k < count; k++) {
    const t = tStart + k * period;
    assert.ok(Math.abs(signal.get(k, 0) - vAt(t)) < 1e-4, `v(${t}) = ${signal.get(k, 0)}, expected ${vAt(t)}`);
  }
}

test('a new sampling interval within a segment is refused, naming the way out; nothing breaks', async () => {
  const p = await chargingCell();
  p.record(null);
  assert.throws(
    () => p.record('v', { samplingInterval: 1.0 }),
    (e: unknown) =>
      e instanceof ValueError &&
      /Population 'p': the current segment holds samples taken every 0.1 ms; recording every 1 ms needs a new segment: call reset\(\) or getData\(\{ clear: true \}\) first/.test(
        (e as Error).message,
      ),
  );
  p.record('v');  // the interval the segment holds: accepted
  await sim.run(3);
  checkSamples((await p.getData()).segments[0]!.analogsignals[0]!, 0, 0.1, 51);
  await sim.end();
});

test('after getData({ clear: true }) or reset() the new interval is taken, and its samples are stamped by it', async () => {
  let p = await chargingCell();
  p.record(null);
  await p.getData({ clear: true });
  p.record('v', { samplingInterval: 1.0 });
  await sim.run(3);
  checkSamples((await p.getData()).segments[0]!.analogsignals[0]!, 3, 1, 3);  // 3, 4, 5 ms
  await sim.end();

  p = await chargingCell();
  await sim.reset();
  p.record(null);
  p.record('v', { samplingInterval: 0.5 });
  await sim.run(3);
  const [first, second] = (await p.getData()).segments;
  checkSamples(first!.analogsignals[0]!, 0, 0.1, 21);
  checkSamples(second!.analogsignals[0]!, 0, 0.5, 7);
  await sim.end();
});

test("writeData(file, 'spikes') and writeData(file, ['v'], { clear }) take the variables second, as PyNN's write_data", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-'));
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1 }), { label: 'p' });
  p.record(['spikes', 'v']);
  await sim.run(2);
  await p.writeData(join(dir, 'spikes.json'), 'spikes');
  const spikesOnly = JSON.parse(readFileSync(join(dir, 'spikes.json'), 'utf8'));
  assert.is(spikesOnly.segments[0].analogsignals.length, 0);
  assert.is(spikesOnly.segments[0].spiketrains.length, 1);
  await p.writeData(join(dir, 'v.json'), ['v'], { clear: true, annotations: { trial: 1 } });
  const vOnly = JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8'));
  assert.is(vOnly.segments[0].analogsignals.length, 1);
  assert.is(vOnly.annotations.trial, 1);
  assert.is((await p.getData()).segments[0]!.analogsignals[0]!.shape[0], 1);  // cleared: the sample at 2 ms
  await sim.end();
});

test('record() refuses a toFile it could not write (IOError), so nothing is lost at end()', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-'));
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1 }), { label: 'p' });
  assert.throws(
    () => p.record('spikes', { toFile: join(dir, 'spikes.pkl') }),
    (e: unknown) => e instanceof IOError && /record\(\) of 'p': toFile\('.*spikes.pkl'\): unsupported file extension '.pkl' \(supported: .json, .npz\)/.test((e as Error).message),
  );
  p.record('v', { toFile: join(dir, 'v.json') });
  await sim.run(1);
  await sim.end();
  assert.is(JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8')).segments[0].analogsignals[0].name, 'v');
});

test.run();
