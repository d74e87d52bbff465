// setup() checks and simulation time (pynn-api.md §1): min/max delay rules, each run ends on the step nearest
// the time asked for, run(x + y) ≡ run(x); run(y), runUntil in the past, callbacks merged within one dt, reset, queries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  end,
  getCurrentTime,
  getMaxDelay,
  getMinDelay,
  getTimeStep,
  listStandardModels,
  numProcesses,
  rank,
  reset,
  run,
  runFor,
  runUntil,
  setup,
} from '../../frontend/simulation/control.js';
import { currentState, replaceState } from '../../frontend/simulation/state.js';
import { ValueError } from '../../frontend/errors.js';
import type { RunRequest } from '../../frontend/generated/tsnn/v1/simulator.js';
import { FakeBackend } from './fake-backend.js';
import { rejectsError } from './assert-error.js';

const steps = (fake: FakeBackend) => fake.requests<RunRequest>('run').map((r) => Number(r.steps));

test('setup returns rank 0 and sets the timestep; defaults are dt 0.1 and auto delays', async () => {
  assert.is(await setup(), 0);
  assert.is(getTimeStep(), 0.1);
  assert.is(getMinDelay(), 0.1);
  assert.is(getMaxDelay(), 'auto');
  await setup({ timestep: 0.025, minDelay: 0.5, maxDelay: 5 });
  assert.is(getTimeStep(), 0.025);
  assert.is(getMinDelay(), 0.5);
  assert.is(getMaxDelay(), 5);
  assert.is(numProcesses(), 1);
  assert.is(rank(), 0);
});

test('setup errors: minDelay > maxDelay, minDelay < timestep, PyNN-rejected argument names, bad timestep', async () => {
  await rejectsError(() => setup({ minDelay: 2, maxDelay: 1 }), Error, /must not be larger than maxDelay/);
  await rejectsError(() => setup({ timestep: 0.1, minDelay: 0.05 }), Error, /must not be smaller than the timestep/);
  for (const name of ['mindelay', 'maxdelay', 'dt', 'time_step']) {
    await rejectsError(() => setup({ [name]: 1 }), Error, new RegExp(`'${name}' is not a valid argument`));
  }
  await rejectsError(() => setup({ timestep: 0 }), Error, /positive/);
  await rejectsError(() => setup({ timestep: -0.1 }), Error, /positive/);
});

test('setup clears the network and time', async () => {
  const fake = new FakeBackend();
  await setup({ backend: fake });
  await run(10);
  await setup({ backend: new FakeBackend() });
  assert.is(getCurrentTime(), 0);
  assert.is(currentState().populations.length, 0);
});

test('run advances by round(ms/dt) steps and returns the new time; run(x+y) ≡ run(x); run(y)', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  assert.is(await run(100), 100);
  assert.is(await runFor(0.26), 100.3); // round(2.6) = 3 steps
  assert.is(await run(0.04), 100.3); // round(0.4) = 0 steps: no run call
  assert.equal(steps(fake), [1000, 3]);
  assert.is(getCurrentTime(), 100.3);
  assert.is(fake.methods().filter((m) => m === 'createSession').length, 1);
});

test('run keeps the time asked for: run(0.25) four times ends at 1.0 ms, as one run(1.0); run(0.04) five times at 0.2', async () => {
  // As PyNN's run(x) = run_until(t + x): each run ends on the step nearest the sum asked for (a half step rounds up).
  let fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  const times: number[] = [];
  for (let k = 0; k < 4; k++) times.push(await run(0.25));
  assert.equal(times, [0.3, 0.5, 0.8, 1]);
  assert.equal(steps(fake), [3, 2, 3, 2]);
  fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  assert.is(await run(1.0), 1);
  assert.equal(steps(fake), [10]);
  fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  times.length = 0;
  for (let k = 0; k < 5; k++) times.push(await run(0.04));
  assert.equal(times, [0, 0.1, 0.1, 0.2, 0.2]);
  assert.equal(steps(fake), [1, 1]);
  assert.is(getCurrentTime(), 0.2);
});

test('the time asked for: runUntil sets it, reset() and setup() return it to 0, the past check stays at dt/2', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  assert.is(await runUntil(0.34), 0.3);
  assert.is(await run(0.12), 0.5); // from 0.34: 0.46 ms, step 5 (not 0.3 + 0.1)
  await rejectsError(() => runUntil(0.44), ValueError, /time cannot go backwards/);
  assert.is(await runUntil(0.46), 0.5); // within dt/2: no steps
  await run(0.04);
  await reset();
  assert.is(await run(0.04), 0); // from 0, not from the 0.5 asked before reset()
  assert.is(await run(0.04), 0.1);
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  assert.is(await run(0.04), 0);
  assert.equal(steps(fake), [3, 2, 1]);
});

test('callbacks with runs shorter than a step: the time still advances, and the callbacks are called at each run', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  const seen: number[] = [];
  const cb = (t: number) => {
    seen.push(t);
    return t + 10;
  };
  for (let k = 0; k < 5; k++) await run(0.04, { callbacks: [cb] });
  // As PyNN: at the start of each run, and again after a run that ended at the run's end rather than at its time.
  assert.equal(seen, [0, 0, 0.1, 0.1, 0.1, 0.2, 0.2]);
  assert.is(getCurrentTime(), 0.2);
  seen.length = 0;
  await runUntil(1.2, { callbacks: [(t) => (seen.push(t), t + 0.25)] });
  assert.equal(seen, [0.2, 0.5, 0.8, 1.1, 1.2]); // each callback time rounded to its nearest step
  assert.equal(steps(fake), [1, 1, 3, 3, 3, 1]);
});

test('runUntil goes to an absolute time; a time in the past (beyond dt/2) is a ValueError', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  assert.is(await runUntil(50), 50);
  assert.is(await runUntil(49.96), 50); // within dt/2 of now: allowed, no steps
  await rejectsError(() => runUntil(49.9), ValueError, /time cannot go backwards/);
  assert.equal(steps(fake), [500]);
});

test('callbacks: called at t = 0 and at the times they return; events within one dt merged', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 0.1, backend: fake });
  const seenA: number[] = [];
  const seenB: number[] = [];
  const a = (t: number) => {
    seenA.push(t);
    return t + 10;
  };
  const b = (t: number) => {
    seenB.push(t);
    return t + 10.05; // within one dt of a's times: runs with a
  };
  await runUntil(30, { callbacks: [a, b] });
  assert.equal(seenA, [0, 10, 20, 30]);
  assert.equal(seenB, [0, 10, 20, 30]);
  assert.equal(steps(fake), [100, 100, 100]);
  assert.is(getCurrentTime(), 30);
});

test('callbacks with different periods interleave; async callbacks are awaited', async () => {
  const fake = new FakeBackend();
  await setup({ timestep: 1, backend: fake });
  const calls: string[] = [];
  const every5 = async (t: number) => {
    calls.push(`a${t}`);
    return t + 5;
  };
  const every3 = (t: number) => {
    calls.push(`b${t}`);
    return t + 3;
  };
  await run(10, { callbacks: [every5, every3] });
  assert.equal(calls, ['a0', 'b0', 'b3', 'a5', 'b6', 'b9', 'a10']);
  assert.equal(steps(fake), [3, 2, 1, 3, 1]);
});

test('a callback that does not move time forward by a step is a ValueError (instead of looping forever)', async () => {
  await setup({ timestep: 0.1, backend: new FakeBackend() });
  await rejectsError(() => run(10, { callbacks: [(t) => t + 0.01] }), ValueError, /not at least one timestep/);
  await rejectsError(() => run(10, { callbacks: [() => undefined as unknown as number] }), ValueError, /must return the next time/);
});

test('reset: t → 0, the backend resets, and a new segment is started', async () => {
  const fake = new FakeBackend();
  await setup({ backend: fake });
  await run(20);
  await reset({ annotations: { trial: 1 } });
  assert.is(getCurrentTime(), 0);
  assert.is(fake.methods().at(-1), 'reset');
  assert.is(currentState().store.currentSegmentCounter, 1);
  await run(5);
  assert.is(getCurrentTime(), 5);
});

test('end closes the backend', async () => {
  const fake = new FakeBackend();
  await setup({ backend: fake });
  await run(1);
  await end();
  assert.ok(fake.closed);
});

test('run() after end() says the simulation was ended and setup() starts a new one', async () => {
  const fake = new FakeBackend();
  await setup({ backend: fake });
  await run(1);
  await end();
  await rejectsError(() => run(1), Error, /^The simulation was ended by end\(\); call setup\(\) to start a new one$/);
  await rejectsError(() => reset(), Error, /^reset\(\): the simulation was ended by end\(\); call setup\(\) to start a new one$/);
  await setup({ backend: new FakeBackend() });
  assert.is(await run(1), 1);
});

test('run() before any setup() says to call setup() first', async () => {
  replaceState(undefined);  // as in a fresh process: the state currentState() makes when setup() was never called
  await rejectsError(() => run(1), Error, /^setup\(\) has not been called: call await sim.setup\(\) first/);
});

test('run() with a negative duration is a ValueError naming run() (PyNN: more than dt/2 back)', async () => {
  await setup({ backend: new FakeBackend() });
  await run(5);
  await rejectsError(() => run(-1), ValueError, /^run\(-1\): simtime must not be negative/);
  assert.is(await run(-0.04), 5);  // within half a step: no time to run, as PyNN's run_until(t - 0.04)
  assert.is(getCurrentTime(), 5);
});

test('run without a backend explains how to get one', async () => {
  await setup();
  await rejectsError(() => run(1), Error, /No backend: import the API from 'tsnn\/wasm' or 'tsnn\/grpc'/);
});

test("min delay 'auto' takes the engine's resolved value once built", async () => {
  const fake = new FakeBackend();
  fake.sessionMinDelay = 1.5;
  await setup({ backend: fake });
  assert.is(getMinDelay(), 0.1);
  await run(1);
  assert.is(getMinDelay(), 1.5);
});

test('listStandardModels names every standard cell type', () => {
  const names = listStandardModels();
  assert.ok(names.includes('IF_cond_exp'));
  assert.ok(names.includes('SpikeSourceArray'));
  assert.ok(names.includes('PointNeuron'));
  assert.is(names.length, 18);
});

test.run();
