// PyNN's module-level simulation control: setup, run, runUntil, reset, end and the state queries, with PyNN's
// argument checks and time rules (pynn-api.md §1). The clock is a whole number of steps; the time asked for is kept
// as well (a run(x) goes on from it, as PyNN's run_until(t + x)), and each run ends on the step nearest it.
import { ValueError } from '../errors.js';
import { nearestStep } from '../core/grid-time.js';
import { delayOnGrid, knownMinDelay } from '../build/min-delay.js';
import { standardModelNames } from '../cells/standard-models.js';
import { writeData } from '../results/write-data.js';
import { advance, type AdvanceOptions } from './advance.js';
import { currentState, replaceState, SimulationState, type BackendProvider } from './state.js';
import { checkOptionKeys } from '../core/option-keys.js';

export interface SetupOptions {
  /** ms (default 0.1). */
  timestep?: number;
  /** ms or 'auto' (the smallest delay used, or the timestep). */
  minDelay?: number | 'auto';
  /** ms or 'auto'. */
  maxDelay?: number | 'auto';
  /** Seed of every random use that has no RNG of its own (default 42, as PyNN's NEST rng_seed). */
  seed?: number;
  /**
   * Threads for the engine's step loop (PyNN's `threads`, NEST's local_num_threads; default 1). Results are the
   * same for any count. The wasm backend then loads its threaded build (needs SharedArrayBuffer: in a browser, a
   * cross-origin-isolated page); engines use at most as many threads as there are cores.
   */
  threads?: number;
  /** A Backend, or a function that makes one at the first run. */
  backend?: BackendProvider;
  [extra: string]: unknown;
}

/** The most threads a network may ask for (the engines' limit, core/include/tsnn/network/network_spec.h). */
export const MAX_THREADS = 1024;

/** setup()'s own options and those of the backends' setup() (tsnn/wasm, tsnn/grpc). */
const SETUP_OPTION_KEYS = ['timestep', 'minDelay', 'maxDelay', 'seed', 'threads', 'backend', 'wasm', 'server', 'token', 'tls', 'grpc'];

/** Names PyNN rejects in setup(), with what to use instead. */
const REJECTED = ['mindelay', 'maxdelay', 'dt', 'time_step', 'min_delay', 'max_delay'];

/** Starts a new simulation: checks the settings, clears any network, t = 0. Returns the MPI rank (0). */
export async function setup(options: SetupOptions = {}): Promise<number> {
  for (const name of REJECTED) {
    if (name in options) {
      throw new Error(`setup(): '${name}' is not a valid argument; use timestep, minDelay and maxDelay (in ms)`);
    }
  }
  // Other keys are other backends' extras (spike_precision, verbosity), accepted as PyNN accepts them; but one
  // that differs from a tsnn option only in case or underscores (timeStep, Seed, max_Delay) is a typo, ignored
  // without a word otherwise.
  const squash = (key: string) => key.toLowerCase().replace(/_/g, '');
  for (const key of Object.keys(options)) {
    const meant = SETUP_OPTION_KEYS.find((known) => known !== key && squash(known) === squash(key));
    if (meant !== undefined) throw new TypeError(`setup(): unknown option '${key}'; did you mean '${meant}'?`);
  }
  // pyNN.nest's and pyNN.neuron's seeds: accepted there, so a ported script passes them; ignored, they would
  // leave the seed at 42 without a word.
  for (const name of ['rng_seed', 'native_rng_baseseed', 'rngSeed']) {
    if (name in options) throw new Error(`setup(): '${name}' is not an argument here; the seed of every random stream is 'seed'`);
  }
  const timestep = options.timestep ?? 0.1;
  if (typeof timestep !== 'number' || !(timestep > 0) || !Number.isFinite(timestep)) {
    throw new Error(`setup(): timestep must be a positive number of ms, got ${String(timestep)}`);
  }
  const minDelay = options.minDelay ?? 'auto';
  const maxDelay = options.maxDelay ?? 'auto';
  for (const [name, v] of [['minDelay', minDelay], ['maxDelay', maxDelay]] as const) {
    if (v !== 'auto' && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new Error(`setup(): ${name} must be a number of ms or 'auto', got ${String(v)}`);
    }
  }
  if (typeof minDelay === 'number' && typeof maxDelay === 'number' && minDelay > maxDelay) {
    throw new Error(`setup(): minDelay (${minDelay} ms) must not be larger than maxDelay (${maxDelay} ms)`);
  }
  if (typeof maxDelay === 'number' && maxDelay < timestep) {
    throw new Error(`setup(): maxDelay (${maxDelay} ms) must not be smaller than the timestep (${timestep} ms)`);
  }
  if (typeof minDelay === 'number' && minDelay < timestep) {
    throw new Error(`setup(): minDelay (${minDelay} ms) must not be smaller than the timestep (${timestep} ms)`);
  }
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed) || seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
    throw new Error(`setup(): seed must be a non-negative integer, got ${String(seed)}`);
  }
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new Error(`setup(): threads must be an integer from 1 to ${MAX_THREADS}, got ${String(threads)}`);
  }
  const previous = currentState();
  if (previous.backend && previous.backend !== options.backend) await previous.backend.close();
  replaceState(new SimulationState({ timestep, minDelay, maxDelay, seed, threads, backend: options.backend }));
  return 0;
}

export type Callback = (t: number) => number | Promise<number>;

export interface RunOptions extends AdvanceOptions {
  /** PyNN's callbacks: each f(t) returns the next time it wants to be called. */
  callbacks?: readonly Callback[];
}

const RUN_OPTION_KEYS = ['callbacks', 'onProgress', 'progressEverySteps'];

// Steps are counted exactly up to 2^53 (28,000 years at 0.1 ms); beyond, Infinity and 1e300 would never end.
function checkStepCount(call: string, ms: number, dt: number): void {
  if (!(Math.abs(Math.round(ms / dt)) <= Number.MAX_SAFE_INTEGER)) {
    throw new ValueError(`${call}: at most ${Number.MAX_SAFE_INTEGER} steps of ${dt} ms can be simulated`);
  }
}

/** Runs to the step nearest `t` and keeps `t` as the time asked for. */
async function advanceTo(state: SimulationState, t: number, options: AdvanceOptions): Promise<void> {
  const from = state.step;
  const to = nearestStep(t, state.timestep);
  try {
    await advance(state, to - from, options);
  } finally {
    // A run that failed part-way: the next run(x) goes on from where the engine stopped (failed-run-clock.test).
    if (state.step === to) state.requestedTime = t;
    else if (state.step !== from) state.requestedTime = state.t;
  }
}

/** Runs until absolute time `tstop` (ms); ValueError if it lies in the past. Returns the new time. */
export async function runUntil(tstop: number, options: RunOptions = {}): Promise<number> {
  const state = currentState();
  const dt = state.timestep;
  if (typeof tstop !== 'number' || Number.isNaN(tstop)) throw new ValueError(`runUntil(): time must be a number of ms, got ${String(tstop)}`);
  if (tstop < state.t - dt / 2) {
    throw new ValueError(`runUntil(${tstop}): the simulation is already at t = ${state.t} ms; time cannot go backwards`);
  }
  checkStepCount(`runUntil(${tstop})`, tstop, dt);
  checkOptionKeys('runUntil()', options, RUN_OPTION_KEYS);
  const callbacks = options.callbacks ?? [];
  if (!Array.isArray(callbacks) || callbacks.some((cb) => typeof cb !== 'function')) {
    throw new TypeError(`runUntil(): callbacks must be a list of functions f(t) returning the next time, got ${String(callbacks)}`);
  }
  if (callbacks.length === 0) {
    await advanceTo(state, tstop, options);
    return state.t;
  }
  // As PyNN: call each callback at its requested time; callbacks due within one dt of each other run together.
  const events: Array<[number, Callback]> = [];
  const call = async (cb: Callback): Promise<[number, Callback]> => {
    const next = await cb(state.t);
    if (typeof next !== 'number' || Number.isNaN(next)) {
      throw new ValueError(`runUntil(): a callback must return the next time (ms) it wants to be called, got ${String(next)}`);
    }
    return [next, cb];
  };
  for (const cb of callbacks) events.push(await call(cb));
  while (nearestStep(tstop, dt) > state.step) {
    events.sort((a, b) => a[0] - b[0]);
    const [next, first] = events.shift()!;
    const active = [first];
    while (events.length > 0 && Math.abs(next - events[0]![0]) < dt) active.push(events.shift()![1]);
    const target = Math.min(next, tstop);
    if (nearestStep(target, dt) <= state.step) {
      throw new ValueError(
        `runUntil(): a callback asked to be called at t = ${next} ms, which is not at least one timestep (${dt} ms) after the current time ${state.t} ms`,
      );
    }
    await advanceTo(state, target, options);
    for (const cb of active) events.push(await call(cb));
  }
  state.requestedTime = tstop;
  return state.t;
}

/** Advances by `simtime` ms (PyNN's run / run_for). Returns the new time. */
export async function run(simtime: number, options: RunOptions = {}): Promise<number> {
  if (typeof simtime !== 'number' || Number.isNaN(simtime)) {
    throw new ValueError(`run(): simtime must be a number of ms, got ${typeof simtime === 'string' ? JSON.stringify(simtime) : String(simtime)}`);
  }
  const state = currentState();
  // As PyNN's run_until(t + simtime): more than half a step back is refused, here under run()'s own name.
  if (simtime < -state.timestep / 2) {
    throw new ValueError(`run(${simtime}): simtime must not be negative; the simulation cannot go back in time (reset() returns to 0)`);
  }
  checkStepCount(`run(${simtime})`, simtime, state.timestep);
  checkOptionKeys('run()', options, RUN_OPTION_KEYS);
  return runUntil(state.requestedTime + simtime, options);
}

export const runFor = run;

/** t → 0, state variables → initial values, a new Segment for recordings; structure and settings kept. */
export async function reset(options: { annotations?: Record<string, unknown> } = {}): Promise<void> {
  checkOptionKeys('reset()', options, ['annotations']);
  const state = currentState();
  if (state.ended) throw new Error('reset(): the simulation was ended by end(); call setup() to start a new one');
  state.store.newSegment(
    state.t,
    options.annotations ?? {},
    (population) => state.populations[population]?.recordingDescriptions(),
    state.populations.length,
  );
  state.step = 0;
  state.requestedTime = 0;
  state.segmentIndex += 1;
  if (state.built && state.backend) await state.backend.reset();
}

/** Writes the files named by record(..., { toFile }) and releases the backend; recorded data stay readable. */
export async function end(): Promise<void> {
  const state = currentState();
  // As PyNN's end(): each record(..., to_file) call writes the variables it named, of the cells it was called on.
  // As PyNN's end(), the list is emptied: a second end() writes nothing again.
  for (const { collection, variables, file } of state.writeOnEnd.splice(0)) await collection.writeData(file, { variables });
  state.ended = true;
  if (state.backend) await state.backend.close();
}

export function getCurrentTime(): number {
  return currentState().t;
}
export function getTimeStep(): number {
  return currentState().timestep;
}
/**
 * The min delay given, or with 'auto' the smallest delay used (PyNN's issue 231): the engine's once the network is
 * built; before that the smallest the projections made so far give as numbers, arrays or lists, as PyNN's
 * backends compute it from the connections made so far. Drawn delays are known only once the engine has drawn
 * them; until then the timestep stands for them.
 */
export function getMinDelay(): number {
  const state = currentState();
  if (state.minDelaySetting !== 'auto' || state.built) return state.minDelay;
  return knownMinDelay(state.projections.map((p) => p.toMessage()), state.timestep) ?? state.timestep;
}
/** The max delay setting, or the engine's resolved value once built ('auto' before). */
export function getMaxDelay(): number | 'auto' {
  const state = currentState();
  if (state.maxDelay !== 'auto') return state.maxDelay;
  return state.sessionInfo && state.sessionInfo.maxDelay > 0 ? delayOnGrid(state.sessionInfo.maxDelay, state.timestep) : 'auto';
}
export function numProcesses(): number {
  return 1;
}
export function rank(): number {
  return 0;
}
export function listStandardModels(): string[] {
  return standardModelNames();
}
