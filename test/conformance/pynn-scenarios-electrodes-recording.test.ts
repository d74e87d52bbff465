// PyNN's own system tests (NeuralEnsemble/PyNN test/system/scenarios/test_electrodes.py and test_recording.py, as
// run against pyNN.nest/neuron/brian2), restated for tsnn's public API on the wasm engine. The numbers and
// tolerances are PyNN's: its assertions are the independent truth. Each test names the scenario it follows.
// Not ported: test_recording.py's test_issue259 (off-grid spike precision), test_record_with_filename and
// test_issue499, which PyNN runs with NEST and NEURON only, not with Brian2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sim from '../../frontend/wasm.js';

/** numpy.argmax(t >= x): the first index whose time is at least x (0 if none). */
function firstAtOrAfter(times: ArrayLike<number>, x: number): number {
  for (let k = 0; k < times.length; k++) if (times[k]! >= x) return k;
  return 0;
}

/** The recorded signal called `name` in the first segment. */
function signal(block: sim.Block, name: string, segment = 0): sim.AnalogSignal {
  const found = block.segments[segment]!.filter({ name })[0] as sim.AnalogSignal | undefined;
  assert.ok(found, `no signal '${name}' in segment ${segment}`);
  return found!;
}

/** Recorded current of a source (PyNN's source.get_data()). */
async function current(source: sim.CurrentSource): Promise<sim.AnalogSignal> {
  const data = await source.getData();
  assert.ok(data, 'the current source recorded nothing');
  return data!;
}

const isClose = (a: number, b: number) => Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b); // numpy.isclose defaults

// ---------------------------------------------------------------------------------------------------------------
// test_electrodes.py
// ---------------------------------------------------------------------------------------------------------------

test('changing a DCSource amplitude between runs is taken into account', async () => {
  // follows PyNN test_electrodes.py::test_changing_electrode
  const dt = 0.1;
  const simtime = 100;
  await sim.setup({ timestep: dt, minDelay: dt });
  const p = new sim.Population(1, new sim.IF_curr_exp());
  const c = new sim.DCSource({ amplitude: 0.0 });
  c.injectInto(p);
  p.record('v');
  for (let i = 0; i < 2; i++) {
    await sim.run(simtime);
    c.amplitude += 0.1;
  }
  const data = (await p.getData()).segments[0]!.analogsignals[0]!;
  await sim.end();
  assert.ok(data.get(Math.trunc(simtime / dt), 0) < data.get(data.shape[0] - 1, 0));
});

test('DCSource start time: v unchanged at start, moved one step later', async () => {
  // follows PyNN test_electrodes.py::test_ticket226
  await sim.setup({ timestep: 0.1, minDelay: 0.1 });
  const cell = new sim.Population(1, new sim.IF_curr_alpha({ tau_m: 20.0, cm: 1.0, v_rest: -60.0, v_reset: -60.0 }));
  cell.initialize({ v: -60.0 });
  cell.inject(new sim.DCSource({ amplitude: 1.0, start: 10.0, stop: 20.0 }));
  cell.record('v');
  await sim.run(30.0);
  const v = signal(await cell.getData(), 'v');
  await sim.end();
  const at = (t: number) => {
    const k = Array.from(v.times).findIndex((tk) => Math.abs(tk - t) < 0.01);
    assert.ok(k >= 0, `no sample at ${t} ms`);
    return v.get(k, 0);
  };
  assert.ok(Math.abs(at(10.0) - -60.0) < 1e-10, `v(10.0) = ${at(10.0)}`);
  assert.ok(at(10.1) > -59.99, `v(10.1) = ${at(10.1)}`);
});

test('an anonymous current source injected with Population.inject is not lost', async () => {
  // follows PyNN test_electrodes.py::test_issue165
  await sim.setup({ timestep: 0.1 });
  const p = new sim.Population(1, new sim.IF_cond_exp());
  p.inject(new sim.DCSource({ amplitude: 1.0, start: 10.0, stop: 20.0 }));
  p.record('v');
  await sim.run(20.0);
  const data = signal(await p.getData(), 'v');
  await sim.end();
  assert.is(data.get(99, 0), -65.0);
  assert.ok(data.get(150, 0) > -65.0);
});

test('non-zero currents at t = 0: DCSource and StepCurrentSource agree, close to i_offset', async () => {
  // follows PyNN test_electrodes.py::test_issue321
  await sim.setup({ timestep: 0.1, minDelay: 0.1 });
  const cells = new sim.Population(3, new sim.IF_curr_alpha({ tau_m: 20.0, cm: 1.0, v_rest: -60.0, v_reset: -60.0 }));
  cells.initialize({ v: -60.0 });
  cells[0]!.i_offset = 1.0;
  cells[1]!.inject(new sim.DCSource({ amplitude: 1.0, start: 0.0 }));
  cells[2]!.inject(new sim.StepCurrentSource({ times: [0.0], amplitudes: [1.0] }));
  cells.record('v');
  await sim.run(20.0);
  const v = signal(await cells.getData(), 'v');
  await sim.end();
  assert.equal(Array.from(v.column(1)), Array.from(v.column(2)));
  const n = v.shape[0];
  let maxDiff = -Infinity;
  for (let k = n - 3; k < n; k++) maxDiff = Math.max(maxDiff, v.get(k, 1) - v.get(k, 0));
  assert.ok(Math.abs(maxDiff) < 0.2, `max difference ${maxDiff}`);
});

/** Times of the up-sampled trace where |second difference| crosses PyNN's threshold (as test_issue437 pairs them). */
function kinkTimes(t: Float64Array, v: Float32Array, dtUp: number): number[] {
  const tMin = t[0]!;
  const tMax = t[t.length - 1]!;
  const n = Math.ceil((tMax + dtUp - tMin) / dtUp); // numpy.arange(min, max + dt_0/10, dt_0/10)
  const tUp = new Float64Array(n);
  for (let i = 0; i < n; i++) tUp[i] = tMin + i * dtUp;
  const vUp = new Float64Array(n); // numpy.interp
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = tUp[i]!;
    if (x >= tMax) {
      vUp[i] = v[v.length - 1]!;
      continue;
    }
    while (k + 1 < t.length - 1 && t[k + 1]! <= x) k++;
    const f = (x - t[k]!) / (t[k + 1]! - t[k]!);
    vUp[i] = v[k]! + f * (v[k + 1]! - v[k]!);
  }
  const out: number[] = [];
  for (let i = 0; i + 2 < n; i++) {
    const d2 = vUp[i + 2]! - 2 * vUp[i + 1]! + vUp[i]!;
    if (Math.abs(d2) >= 0.00005) out.push(tUp[i]!);
  }
  return out;
}

/** scipy.stats.mode of a list of numbers: the most frequent value, the smallest on ties. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const x of values) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best = NaN;
  let bestCount = 0;
  for (const [x, c] of counts) if (c > bestCount || (c === bestCount && x < best)) [best, bestCount] = [x, c];
  return best;
}

test('NoisyCurrentSource: no change before start, change one step after, decay after stop, its own dt', async () => {
  // follows PyNN test_electrodes.py::test_issue437
  const vRest = -60.0;
  await sim.setup({ timestep: 0.1, minDelay: 0.1, seed: 437 });
  const cells = new sim.Population(
    2,
    new sim.IF_curr_alpha({ tau_m: 20.0, cm: 1.0, v_rest: vRest, v_reset: -55.0, tau_refrac: 5.0 }),
  );
  cells.initialize({ v: -60.0 });
  const tStart = 25.0;
  const tStop = 150.0;
  const dt0 = 0.1;
  const dt1 = 1.0;
  cells[0]!.inject(new sim.NoisyCurrentSource({ mean: 0.5, stdev: 0.25, start: tStart, stop: tStop, dt: dt0 }));
  cells[1]!.inject(new sim.NoisyCurrentSource({ mean: 0.5, stdev: 0.25, start: tStart, stop: tStop, dt: dt1 }));
  cells.record('v');
  await sim.run(200.0);
  const v = signal(await cells.getData(), 'v');
  await sim.end();
  const v0 = v.column(0);
  const v1 = v.column(1);
  const t = v.times;
  const startInd = firstAtOrAfter(t, tStart);
  const stopInd = firstAtOrAfter(t, tStop);
  for (let k = 0; k <= startInd; k++) {
    assert.ok(Math.abs(v0[k]! - vRest) < 1e-9 && Math.abs(v1[k]! - vRest) < 1e-9, `sample ${k}: ${v0[k]}, ${v1[k]}`);
  }
  assert.ok(Math.abs(v0[startInd + 1]! - vRest) >= 1e-9 && Math.abs(v1[startInd + 1]! - vRest) >= 1e-9);
  for (let k = stopInd; k + 1 < v0.length; k++) {
    assert.ok(v0[k]! >= v0[k + 1]! && v1[k]! >= v1[k + 1]!, `not decaying at sample ${k}`);
  }
  const diffs = (xs: number[]) => xs.slice(1).map((x, i) => x - xs[i]!);
  const mode0 = mode(diffs(kinkTimes(t, v0, dt0 / 10)).slice(0, 10));
  const mode1 = mode(diffs(kinkTimes(t, v1, dt0 / 10)).slice(0, 10));
  assert.ok(Math.abs(mode0 - dt0) < 1e-9 || Math.abs(mode1 - dt1) < 1e-9, `modes ${mode0}, ${mode1}`);
});

test('ACSource: no change before start, change one step after, decay after stop, frequency and offset', async () => {
  // follows PyNN test_electrodes.py::test_issue442
  const vRest = -60.0;
  await sim.setup({ timestep: 0.1, minDelay: 0.1 });
  const cells = new sim.Population(
    1,
    new sim.IF_curr_alpha({ tau_m: 20.0, cm: 1.0, v_rest: vRest, v_reset: -65.0, tau_refrac: 5.0 }),
  );
  cells.initialize({ v: vRest });
  const tStart = 22.5;
  const tStop = 122.5;
  const freq = 100.0;
  cells[0]!.inject(new sim.ACSource({ start: tStart, stop: tStop, amplitude: 0.5, offset: 0.1, frequency: freq, phase: 0.0 }));
  cells.record('v');
  await sim.run(150.0);
  const v = signal(await cells.getData(), 'v');
  await sim.end();
  const v0 = v.column(0);
  const t = v.times;
  const s = firstAtOrAfter(t, tStart);
  const e = firstAtOrAfter(t, tStop);
  for (let k = 0; k <= s; k++) assert.ok(Math.abs(v0[k]! - vRest) < 1e-9, `sample ${k}: ${v0[k]}`);
  assert.ok(Math.abs(v0[s + 1]! - v0[s]!) >= 1e-9);
  for (let k = e; k + 1 < v0.length; k++) assert.ok(v0[k]! >= v0[k + 1]!, `not decaying at sample ${k}`);
  const peaks: number[] = [];
  for (let i = 0; i < e - s; i++) {
    const k = s + i;
    if (v0[k - 1]! < v0[k]! && v0[k]! >= v0[k + 1]!) peaks.push(k);
  }
  assert.is(peaks.length, freq * 1e-3 * (tStop - tStart));
  assert.ok(v0[peaks[0]!]! < v0[peaks[1]!]! && v0[peaks[1]!]! < v0[peaks[2]!]!);
});

test('ACSource recording: a new value every step, one sample per step', async () => {
  // follows PyNN test_electrodes.py::test_issue445
  const simDt = 0.1;
  await sim.setup({ timestep: simDt, minDelay: 1.0 });
  const cells = new sim.Population(1, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0 }));
  const tStart = 50.0;
  const tStop = 125.0;
  const ac = new sim.ACSource({ start: tStart, stop: tStop, amplitude: 0.5, offset: 0.0, frequency: 100.0, phase: 0.0 });
  cells[0]!.inject(ac);
  ac.record();
  await sim.run(200.0);
  await sim.end();
  const t = (await current(ac)).times;
  const s = firstAtOrAfter(t, tStart);
  const e = firstAtOrAfter(t, tStop);
  for (let k = s; k < e - 1; k++) assert.ok(t[k] !== t[k + 1]);
  const tMax = Math.max(...t);
  const tMin = Math.min(...t);
  assert.ok(t.length - ((tMax - tMin) / simDt + 1) < 1e-9);
});

test('DCSource amplitude changed after its stop time has no effect', async () => {
  // follows PyNN test_electrodes.py::test_issue451
  const dt = 0.1;
  await sim.setup({ timestep: dt, minDelay: dt });
  const vRest = -60.0;
  const p = new sim.Population(1, new sim.IF_curr_exp({ v_rest: vRest }));
  p.initialize({ v: vRest });
  const c = new sim.DCSource({ amplitude: 0.0, start: 25.0, stop: 50.0 });
  c.injectInto(p);
  p.record('v');
  for (let i = 0; i < 2; i++) {
    await sim.run(100);
    c.amplitude += 0.1;
  }
  const v = signal(await p.getData(), 'v');
  await sim.end();
  for (const x of v.column(0)) assert.ok(x - vRest < 1e-9, `v = ${x}`);
});

test('two runs of 100 ms record 2001 samples of v', async () => {
  // follows PyNN test_electrodes.py::test_issue483
  const dt = 0.1;
  await sim.setup({ timestep: dt, minDelay: dt });
  const p = new sim.Population(1, new sim.IF_curr_exp());
  new sim.DCSource({ amplitude: 0.5 }).injectInto(p);
  p.record('v');
  await sim.run(100.0);
  await sim.run(100.0);
  const v = signal(await p.getData(), 'v');
  assert.is(v.shape[0], Math.trunc(200.0 / dt) + 1);
  await sim.end();
});

test('DCSource and StepCurrentSource across repeated runs', async () => {
  // follows PyNN test_electrodes.py::test_issue487
  const dt = 0.1;
  await sim.setup({ timestep: dt, minDelay: dt });
  const vRest = -60.0;
  const cells = new sim.Population(4, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0, v_rest: vRest }));
  cells.initialize({ v: vRest });
  cells.record('v');
  cells[0]!.inject(new sim.DCSource({ amplitude: 0.15, start: 25.0, stop: 115.0 }));
  cells[1]!.inject(new sim.StepCurrentSource({ times: [25.0, 75.0, 115.0], amplitudes: [0.05, 0.1, 0.2] }));
  cells[2]!.inject(new sim.DCSource({ amplitude: 0.15, start: 115.0, stop: 145.0 }));
  const step2 = new sim.StepCurrentSource({ times: [125.0, 175.0, 215.0], amplitudes: [0.05, 0.1, 0.2] });
  cells[3]!.inject(step2);
  const simtime = 100.0;
  await sim.run(simtime);
  await sim.run(simtime);
  const v = signal(await cells.getData(), 'v');
  await sim.end();
  const k = Math.trunc(simtime / dt);
  assert.ok(v.get(k, 0) < v.get(k + 1, 0), 'DCSource active across both runs');
  assert.ok(v.get(k, 1) < v.get(k + 1, 1), 'StepCurrentSource active across both runs');
  assert.not.ok(Array.from(v.column(2)).every((x) => isClose(x, vRest)), 'DCSource starting in the second run');
  const firstStep = Math.trunc(step2.times[0]! / dt);
  assert.ok(Array.from(v.column(3)).slice(0, firstStep).every((x) => isClose(x, vRest)), 'no change before the first step');
});

test('recorded currents of the four sources: lengths, start and stop instants, v one step later', async () => {
  // follows PyNN test_electrodes.py::test_issue_465_474_630
  const simDt = 0.1;
  await sim.setup({ minDelay: 1.0, timestep: simDt, seed: 465 });
  const vRest = -60.0;
  const cells = new sim.Population(4, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0, v_rest: vRest }));
  cells.initialize({ v: vRest });
  const amp = 0.5;
  const start = 50.0;
  const stop = 125.0;
  const ac = new sim.ACSource({ start, stop, amplitude: amp, offset: 0.1, frequency: 100.0, phase: 0.0 });
  const dc = new sim.DCSource({ amplitude: amp, start, stop });
  const noise = new sim.NoisyCurrentSource({ mean: amp, stdev: 0.05, start, stop, dt: simDt });
  const step = new sim.StepCurrentSource({ times: [start, (start + stop) / 2, stop], amplitudes: [0.4, 0.6, 0.2] });
  const sources = [ac, dc, noise, step];
  sources.forEach((src, k) => {
    cells[k]!.inject(src);
    src.record();
  });
  cells.record('v');
  await sim.run(100.0);
  await sim.run(100.0);
  const simtime = 200.0;
  const vm = signal(await cells.getData(), 'v');
  await sim.end();
  const [iAc, iDc, iNoise, iStep] = await Promise.all(sources.map((src) => current(src)));
  const n = Math.trunc(simtime / simDt) + 1;
  for (const i of [iAc!, iDc!, iNoise!, iStep!]) {
    assert.ok(i.shape[0] === n && n === vm.shape[0], `length ${i.shape[0]} vs ${n} and ${vm.shape[0]}`);
    assert.ok(i.tStart === 0.0 && isClose(i.times[i.shape[0] - 1]!, simtime), 'values at t = 0 and at t = simtime');
  }
  const s = Math.trunc(start / simDt);
  const e = Math.trunc(stop / simDt);
  for (const i of [iAc!, iDc!, iNoise!, iStep!]) assert.ok(i.get(s - 1, 0) === 0 && i.get(s, 0) !== 0, 'changes at start');
  // PyNN's issue-630 checks: the last sample before stop is non-zero (0.2 for the step) and the AC trace is zero at stop.
  assert.ok(iAc!.get(e - 1, 0) !== 0 && iAc!.get(e, 0) === 0);
  assert.ok(iDc!.get(e - 1, 0) !== 0 && iAc!.get(e, 0) === 0);
  assert.ok(iNoise!.get(e - 1, 0) !== 0 && iAc!.get(e, 0) === 0);
  assert.ok(Math.fround(iStep!.get(e - 1, 0)) !== Math.fround(0.2) && iAc!.get(e, 0) === 0);
  for (let c = 0; c < 4; c++) {
    assert.ok(isClose(vm.get(s, c), vRest) && vm.get(s + 1, c) !== vRest, `cell ${c}: v at start and one step later`);
  }
});

test("ACSource phase holds at its start time, also after start and frequency change", async () => {
  // follows PyNN test_electrodes.py::test_issue497
  const simDt = 0.1;
  await sim.setup({ minDelay: 1.0, timestep: simDt });
  const amplitude = 1.0;
  const cells = new sim.Population(2, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0 }));
  const ac1 = new sim.ACSource({ start: 5.0, stop: 20.0, amplitude, offset: 0.0, frequency: 100.0, phase: 0.0 });
  cells[0]!.inject(ac1);
  ac1.record();
  const ac2 = new sim.ACSource({ start: 5.0, stop: 20.0, amplitude, offset: 0.0, frequency: 100.0, phase: 90.0 });
  cells[1]!.inject(ac2);
  ac2.record();
  const start1 = 10.0;
  ac1.start = start1;
  ac2.frequency = 20.0;
  const start2 = 5.0;
  cells.record('v');
  await sim.run(25.0);
  await cells.getData();
  await sim.end();
  const i1 = await current(ac1);
  const i2 = await current(ac2);
  assert.ok(Math.abs(i1.get(Math.trunc(start1 / simDt), 0)) < 1e-9);
  assert.ok(Math.abs(i1.get(Math.trunc(start1 / simDt) + 1, 0)) > 1e-9);
  assert.ok(Math.abs(i2.get(Math.trunc(start2 / simDt), 0) - amplitude) < 1e-9);
});

const STEP_CASES = [
  [0.1, [0.4, 0.2, 0.8], [0.41, 0.42, 0.86], [0.4, 0.9]],
  [0.01, [0.5, 0.4999, 0.8], [0.451, 0.452, 0.86], [0.45, 0.86]],
] as const;

for (const [dt, bad] of STEP_CASES) {
  test(`StepCurrentSource times at dt ${dt}: negative or decreasing times are ValueErrors`, async () => {
    // follows PyNN test_electrodes.py::test_issue512 (parts 1.1, 1.2, 2.1, 2.2)
    await sim.setup({ timestep: dt, minDelay: dt });
    new sim.Population(1, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0, v_rest: -60.0 }));
    assert.throws(() => new sim.StepCurrentSource({ times: [0.4, -0.6, 0.8], amplitudes: [0.5, -0.5, 0.5] }), (e: unknown) => e instanceof sim.ValueError);
    assert.throws(() => new sim.StepCurrentSource({ times: [...bad], amplitudes: [0.5, -0.5, 0.5] }), (e: unknown) => e instanceof sim.ValueError);
    await sim.end();
  });
}

for (const [dt, , given, expected] of STEP_CASES) {
  test(`StepCurrentSource times at dt ${dt}: mapped to the grid, duplicates removed, later amplitude kept`, async () => {
    // follows PyNN test_electrodes.py::test_issue512 (parts 1.3 and 2.3; its NEURON/Brian2 branch: no min_delay shift)
    await sim.setup({ timestep: dt, minDelay: dt });
    new sim.Population(1, new sim.IF_curr_exp({ v_thresh: -55.0, tau_refrac: 5.0, v_rest: -60.0 }));
    const step = new sim.StepCurrentSource({ times: [...given], amplitudes: [0.5, -0.5, 0.5] });
    assert.is(step.times.length, 2);
    assert.is(step.amplitudes.length, 2);
    assert.is(step.amplitudes[0], -0.5);
    assert.is(step.amplitudes[1], 0.5);
    assert.ok(Math.abs(step.times[0]! - expected[0]) < 1e-9);
    assert.ok(Math.abs(step.times[1]! - expected[1]) < 1e-9);
    await sim.end();
  });
}

test('recording several sources injected into one cell: each records only its own current', async () => {
  // follows PyNN test_electrodes.py::test_issue631
  const simDt = 0.1;
  await sim.setup({ timestep: simDt, minDelay: simDt, seed: 631 });
  const cells = new sim.Population(1, new sim.IF_curr_exp({ v_rest: -65.0, v_thresh: -55.0, tau_refrac: 5.0 }));
  const dc = new sim.DCSource({ amplitude: 0.5, start: 25, stop: 50 });
  const ac = new sim.ACSource({ start: 75, stop: 125, amplitude: 0.5, offset: 0.25, frequency: 100.0, phase: 0.0 });
  const noisy = new sim.NoisyCurrentSource({ mean: 0.5, stdev: 0.05, start: 150, stop: 175, dt: 1.0 });
  const step = new sim.StepCurrentSource({ times: [200, 225, 250], amplitudes: [0.4, 0.6, 0.2] });
  for (const src of [dc, ac, noisy, step]) {
    cells[0]!.inject(src);
    src.record();
  }
  await sim.run(275.0);
  const zero = (i: sim.AnalogSignal, from: number, to: number) => Array.from(i.column(0)).slice(from, to).every((x) => x === 0);
  const k = (t: number) => Math.trunc(t / simDt);
  const iDc = await current(dc);
  const iAc = await current(ac);
  const iNoisy = await current(noisy);
  const iStep = await current(step);
  assert.ok(zero(iDc, 0, k(25.0) - 1) && zero(iDc, k(50.0), Infinity));
  assert.ok(zero(iAc, 0, k(75.0) - 1) && zero(iAc, k(125.0), Infinity));
  assert.ok(zero(iNoisy, 0, k(150.0) - 1) && zero(iNoisy, k(175.0), Infinity));
  assert.ok(zero(iStep, 0, k(200.0) - 1));
  await sim.end();
});

// ---------------------------------------------------------------------------------------------------------------
// test_recording.py
// ---------------------------------------------------------------------------------------------------------------

test('record(null) resets what is recorded; the next segment records another cell', async () => {
  // follows PyNN test_recording.py::test_reset_recording
  await sim.setup();
  const p = new sim.Population(7, new sim.IF_cond_exp());
  p[3]!.i_offset = 0.1;
  p[4]!.i_offset = 0.2;
  p.view({ start: 3, stop: 4 }).record('v');
  await sim.run(10.0);
  await sim.reset();
  p.record(null);
  p.view({ start: 4, stop: 5 }).record('v');
  await sim.run(10.0);
  const data = await p.getData();
  await sim.end();
  const vi = (i: number) => data.segments[i]!.analogsignals[0]!;
  assert.equal(Array.from(vi(0).times), Array.from(vi(1).times));
  assert.equal(vi(0).channelIndex, [3]);
  assert.equal(vi(1).channelIndex, [4]);
  assert.equal(vi(0).shape, [101, 1]);
  assert.equal(vi(1).shape, [101, 1]);
  const v0 = p.get('v', { simplify: true }) as number; // p.initial_values['v'].evaluate(simplify=True)
  assert.is(v0, -65);
  assert.ok(vi(0).get(0, 0) === vi(1).get(0, 0) && vi(1).get(0, 0) === v0, 'the first values are the initial value');
  for (let k = 1; k < 101; k++) assert.ok(vi(0).get(k, 0) !== vi(1).get(k, 0), `sample ${k} equal in both segments`);
});

test('recording v and gsyn from an Assembly: shapes, columns and channel indices', async () => {
  // follows PyNN test_recording.py::test_record_vm_and_gsyn_from_assembly
  const dt = 0.1;
  const tstop = 100.0;
  await sim.setup({ timestep: dt, minDelay: dt, seed: 259 });
  // p + q
  const cells = new sim.Population(5, new sim.IF_cond_exp()).add(new sim.Population(6, new sim.EIF_cond_exp_isfa_ista()));
  const inputs = new sim.Population(5, new sim.SpikeSourcePoisson({ rate: 50.0 }));
  sim.connect(inputs, cells, { weight: 0.1, delay: 0.5, receptorType: 'inhibitory' });
  sim.connect(inputs, cells, { weight: 0.1, delay: 0.3, receptorType: 'excitatory' });
  cells.record('v');
  cells.view({ start: 2, stop: 9 }).record(['gsyn_exc', 'gsyn_inh']);
  await sim.run(tstop);
  const data0 = (await cells.populations[0]!.getData()).segments[0]!;
  const data1 = (await cells.populations[1]!.getData()).segments[0]!;
  const dataAll = (await cells.getData()).segments[0]!;
  const pick = (seg: sim.Segment, name: string) => seg.filter({ name })[0] as sim.AnalogSignal;
  const vmP0 = pick(data0, 'v');
  const vmP1 = pick(data1, 'v');
  const vmAll = pick(dataAll, 'v');
  const gP0 = pick(data0, 'gsyn_exc');
  const gP1 = pick(data1, 'gsyn_exc');
  const gAll = pick(dataAll, 'gsyn_exc');
  const nPoints = Math.trunc(tstop / dt) + 1;
  assert.equal(vmP0.shape, [nPoints, 5]);
  assert.equal(vmP1.shape, [nPoints, 6]);
  assert.equal(vmAll.shape, [nPoints, 11]);
  assert.equal(gP0.shape, [nPoints, 3]);
  assert.equal(gP1.shape, [nPoints, 4]);
  assert.equal(gAll.shape, [nPoints, 7]);
  assert.equal(Array.from(vmP1.column(3)), Array.from(vmAll.column(8)));
  assert.equal(vmP0.channelIndex, [0, 1, 2, 3, 4]);
  assert.equal(vmP1.channelIndex, [0, 1, 2, 3, 4, 5]);
  assert.equal(gP0.channelIndex, [2, 3, 4]);
  assert.equal(gP1.channelIndex, [0, 1, 2, 3]);
  await sim.end();
});

test('samplingInterval sets the sampling period and the number of samples', async () => {
  // follows PyNN test_recording.py::test_sampling_interval
  await sim.setup({ timestep: 0.1 });
  const p1 = new sim.Population(3, new sim.IF_cond_exp());
  const p2 = new sim.Population(4, new sim.IF_cond_exp());
  p1.record('v', { samplingInterval: 1.0 });
  p2.record('v', { samplingInterval: 0.5 });
  await sim.run(10.0);
  const d1 = (await p1.getData()).segments[0]!.analogsignals[0]!;
  const d2 = (await p2.getData()).segments[0]!.analogsignals[0]!;
  assert.is(d1.samplingPeriod, 1.0);
  assert.equal(d1.shape, [11, 3]);
  assert.is(d2.samplingPeriod, 0.5);
  assert.equal(d2.shape, [21, 4]);
  await sim.end();
});

test('procedural record(..., filename) written at end() equals writeData() (files as .json, not pickle)', async () => {
  // follows PyNN test_recording.py::test_mix_procedural_and_oo
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-scenarios-'));
  try {
    const fnProc = join(dir, 'test_write_procedural.json');
    const fnOo = join(dir, 'test_write_oo.json');
    await sim.setup({ timestep: 0.1, minDelay: 0.1 });
    const cells = new sim.Population(5, new sim.IF_cond_exp({ i_offset: 0.2 }));
    sim.record('v', cells, fnProc);
    await sim.run(10.0);
    await cells.writeData(fnOo);
    await sim.end();
    type Plain = { segments: Array<{ analogsignals: Array<{ values: number[][]; shape: number[] }> }> };
    const proc = JSON.parse(readFileSync(fnProc, 'utf8')) as Plain;
    const oo = JSON.parse(readFileSync(fnOo, 'utf8')) as Plain;
    const a = proc.segments[0]!.analogsignals[0]!;
    const b = oo.segments[0]!.analogsignals[0]!;
    assert.equal(a.shape, [101, 5]);
    assert.equal(a.values, b.values);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
