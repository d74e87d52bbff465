// End to end through the public API on the WebAssembly engine (needs wasm/dist, built by `npm run build`):
// a leaky integrator under constant current against its analytic solution, PyNN's current-source timing
// contract, a change between runs and reset().
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as sim from '../../frontend/wasm.js';

const dt = 0.1;
const tauM = 20; // ms
const cm = 1; // nF → R = tau_m / cm = 20 MΩ
const R = tauM / cm;
const vRest = -65;
const vThresh = -50;

/** V(t) of a LIF from rest under constant current I (nA): v_rest + R·I·(1 − e^(−t/τ)). */
const lif = (t: number, I: number) => vRest + R * I * (1 - Math.exp(-t / tauM));
/** Time to reach threshold from rest under I. */
const tCross = (I: number) => -tauM * Math.log(1 - (vThresh - vRest) / (R * I));
/** The first grid time at or after t (the step whose update crosses threshold). */
const gridCeil = (t: number) => Math.ceil(t / dt - 1e-9) * dt;

test('constant i_offset: V(t) follows the analytic charging curve, spikes at the threshold crossings', async () => {
  await sim.setup({ timestep: dt });
  const I = 1.0;
  const tauRefrac = 2.0;
  const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: I, tau_refrac: tauRefrac }));
  p.record(['spikes', 'v']);
  await sim.run(100);
  const seg = (await p.getData()).segments[0]!;
  const v = seg.filter({ name: 'v' })[0]!;
  assert.equal(v.shape, [1001, 1]);
  const first = gridCeil(tCross(I));
  for (let k = 0; k * dt < first - dt / 2; k++) {
    assert.ok(Math.abs(v.get(k, 0) - lif(k * dt, I)) < 1e-4, `v at ${k * dt} ms: ${v.get(k, 0)} vs ${lif(k * dt, I)}`);
  }
  // After each spike V is clamped for tau_refrac, then charges from v_reset (= v_rest) again.
  const expected: number[] = [first];
  while (true) {
    const next = gridCeil(expected.at(-1)! + tauRefrac + tCross(I));
    if (next > 100) break;
    expected.push(next);
  }
  const times = Array.from(seg.spiketrains[0]!.times);
  assert.is(times.length, expected.length);
  times.forEach((t, k) => assert.ok(Math.abs(t - expected[k]!) < 1e-9, `spike ${k}: ${t} vs ${expected[k]}`));
  await sim.end();
});

test("DCSource timing (PyNN's contract): current from sample start/dt, zero at stop/dt; V moves one step later", async () => {
  await sim.setup({ timestep: dt });
  const p = new sim.Population(1, new sim.IF_curr_exp());
  const dc = new sim.DCSource({ amplitude: 0.5, start: 5, stop: 10 });
  dc.injectInto(p);
  dc.record();
  p.record('v');
  await sim.run(15);
  const i = (await dc.getData())!;
  const current = Array.from(i.column(0));
  assert.equal(current.slice(49, 51), [0, 0.5]);
  assert.equal(current.slice(99, 101), [0.5, 0]);
  const v = (await p.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.is(v.get(50, 0), vRest);
  assert.ok(Math.abs(v.get(51, 0) - lif(dt, 0.5)) < 1e-4);
  await sim.end();
});

test('a parameter changed between runs takes effect; reset() returns to the initial state in a new segment', async () => {
  await sim.setup({ timestep: dt });
  const p = new sim.Population(1, new sim.IF_curr_exp());
  p.record('v');
  await sim.run(10);
  p.set({ i_offset: 0.3 });
  await sim.run(10);
  let v = (await p.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.is(v.get(100, 0), vRest); // no current during the first run
  assert.ok(Math.abs(v.get(200, 0) - lif(10, 0.3)) < 1e-4); // charging since t = 10 ms
  await sim.reset();
  await sim.run(5);
  const block = await p.getData();
  assert.equal(block.segments.map((s) => s.name), ['segment000', 'segment001']);
  v = block.segments[1]!.filter({ name: 'v' })[0]!;
  assert.is(v.get(0, 0), vRest);
  assert.ok(Math.abs(v.get(50, 0) - lif(5, 0.3)) < 1e-4); // parameters survive reset, state does not
  await sim.end();
});

test('cells added to a recording between runs: their samples start then, the earlier ones read NaN', async () => {
  // PyNN's Recorder.record adds the new cells to the recorded set; the run before them has no samples of theirs.
  await sim.setup({ timestep: dt });
  const p = new sim.Population(3, new sim.IF_curr_exp({ i_offset: [0.2, 0.4, 0.6] }));
  p.view([1]).record('v');
  await sim.run(10);
  p.record('v');
  await sim.run(10);
  assert.is(sim.getCurrentTime(), 20);
  const v = (await p.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.equal(v.shape, [201, 3]);
  for (const k of [0, 50, 100, 150, 200]) {
    const t = k * dt;
    assert.ok(Math.abs(v.get(k, 1) - lif(t, 0.4)) < 1e-4, `cell 1 at ${t} ms: ${v.get(k, 1)}`);
    for (const [cell, I] of [[0, 0.2], [2, 0.6]] as const) {
      if (k <= 100) assert.ok(Number.isNaN(v.get(k, cell)), `cell ${cell} at ${t} ms, not yet recorded: ${v.get(k, cell)}`);
      else assert.ok(Math.abs(v.get(k, cell) - lif(t, I)) < 1e-4, `cell ${cell} at ${t} ms: ${v.get(k, cell)}`);
    }
  }
  await sim.run(5);  // later runs go on from there
  assert.equal((await p.getData()).segments[0]!.filter({ name: 'v' })[0]!.shape, [251, 3]);
  await sim.end();
});

test('reset() starts a segment with new Poisson spikes and noise, and the same script gives the same segments', async () => {
  // NEST and Brian2 draw on after a reset (PyNN's repeated trials); tsnn's draws stay a function of the script.
  const trials = async () => {
    await sim.setup({ timestep: dt, seed: 11 });
    const sources = new sim.Population(5, new sim.SpikeSourcePoisson({ rate: 200 }));
    const cell = new sim.Population(1, new sim.IF_curr_exp());
    const noise = new sim.NoisyCurrentSource({ mean: 0, stdev: 0.5, dt: 1 });
    noise.injectInto(cell);
    noise.record();
    sources.record('spikes');
    const segments: string[][] = [];
    for (let trial = 0; trial < 2; trial++) {
      if (trial > 0) await sim.reset();
      await sim.run(50);
      const trains = (await sources.getData()).segments[trial]!.spiketrains;
      const current = (await noise.getData())!;
      segments.push([...trains.map((t) => Array.from(t.times).join(' ')), Array.from(current.column(0)).slice(0, 50).join(' ')]);
    }
    await sim.end();
    return segments;
  };
  const first = await trials();
  const [one, two] = first;
  for (let k = 0; k < 6; k++) assert.not.equal(two![k], one![k], `train ${k} repeats after reset()`);
  assert.ok(one!.slice(0, 5).every((times) => times.split(' ').length >= 3));  // 200 Hz for 50 ms: about 10 each
  assert.equal(await trials(), first);
});

test('a current source from before the last setup() is refused at injectInto; the new simulation runs, and a new source drives V', async () => {
  await sim.setup({ timestep: dt });
  const before = new sim.Population(1, new sim.IF_curr_exp(), { label: 'before' });
  const dc = new sim.DCSource({ amplitude: 0.5 });
  dc.injectInto(before);
  await sim.run(1);
  await sim.setup({ timestep: dt });
  const p = new sim.Population(1, new sim.IF_curr_exp(), { label: 'after' });
  p.record('v');
  assert.throws(() => dc.injectInto(p), (e: Error) => e instanceof sim.ValueError && /create a new current source after setup\(\)/.test(e.message));
  assert.throws(() => new sim.DCSource({ amplitude: 0.5 }).injectInto(before), (e: Error) => e instanceof sim.ValueError && /Population 'before' does not belong/.test(e.message));
  // Nothing stale was registered: the simulation runs, and a source made anew drives the membrane.
  const fresh = new sim.DCSource({ amplitude: 0.5, start: 5 });
  fresh.injectInto(p);
  fresh.record();
  await sim.run(15);
  const v = (await p.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.is(v.get(50, 0), vRest);
  assert.ok(Math.abs(v.get(150, 0) - lif(10, 0.5)) < 1e-4, `V at 15 ms: ${v.get(150, 0)}`);
  assert.is(Array.from((await fresh.getData())!.column(0))[100], 0.5);
  await sim.end();
});

test('run(0.25) four times ends at 1.0 ms with the same V as one run(1.0) (run(x + y) ≡ run(x); run(y))', async () => {
  const trace = async (pieces: number[]) => {
    await sim.setup({ timestep: dt });
    const p = new sim.Population(1, new sim.IF_curr_exp({ i_offset: 1 }));
    p.record('v');
    for (const ms of pieces) await sim.run(ms);
    const t = sim.getCurrentTime();
    const v = Array.from((await p.getData()).segments[0]!.filter({ name: 'v' })[0]!.column(0));
    await sim.end();
    return { t, v };
  };
  const whole = await trace([1.0]);
  const pieces = await trace([0.25, 0.25, 0.25, 0.25]);
  assert.is(pieces.t, 1);
  assert.equal(pieces, whole);
  assert.is(whole.v.length, 11);
  assert.ok(Math.abs(whole.v[10]! - lif(1, 1)) < 1e-4);
  assert.is((await trace([0.04, 0.04, 0.04, 0.04, 0.04])).t, 0.2);
});

test('HH_cond_exp with g_leak = 0 (NEST and PyNN allow it): no channels, V = v0 + I·t/cm exactly', async () => {
  // The frontend allowed g_leak >= 0 for HH_cond_exp, the engine refused it at run(): the same rule now in both.
  await sim.setup({ timestep: 0.1 });
  const cm = 0.2, current = 0.01;
  const p = new sim.Population(1, new sim.HH_cond_exp({ g_leak: 0, gbar_Na: 0, gbar_K: 0, cm, i_offset: current }), { label: 'hh' });
  p.initialize({ v: -65 });
  p.record('v');
  await sim.run(10);
  const v = (await p.getData()).segments[0]!.filter({ name: 'v' })[0]!;
  assert.equal(v.shape, [101, 1]);
  const last = v.get(100, 0);
  // float32 samples: within a float's rounding of -64.5 mV.
  assert.ok(Math.abs(last - (-65 + (current / cm) * 10)) < 1e-4, `v(10 ms) = ${last}`);
  await sim.end();
});

test.run();
