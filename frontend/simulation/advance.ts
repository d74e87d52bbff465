// Moves the simulation forward by whole steps: builds the network on the first run (createSession), sends the
// between-run changes, runs, and hands recorded data to the recording store.
import { buildNetwork } from '../build/network-builder.js';
import { delayOnGrid, resolveMinDelay } from '../build/min-delay.js';
import type { Backend } from '../backend/backend.js';
import type { Progress, RecordedData, RunComplete, RunEvent } from '../generated/tsnn/v1/simulator.js';
import { flushChanges } from './between-run-changes.js';
import { checkRecordingMemory } from './recording-memory.js';
import type { SimulationState } from './state.js';

export interface AdvanceOptions {
  /** Called with progress events of long runs. */
  onProgress?: (progress: Progress) => void;
  /** Ask for a progress event every this many steps (0: none). */
  progressEverySteps?: number;
}

/** Builds the network on the backend if this is the first run. */
export async function ensureBuilt(state: SimulationState): Promise<void> {
  if (state.built) return;
  const backend = await state.getBackend();
  const network = buildNetwork(state);
  const info = await backend.createSession(network);
  state.sessionInfo = info;
  // 'auto': the engine's answer, else what the frontend can tell from the delays it knows.
  if (state.minDelaySetting === 'auto') {
    state.resolvedMinDelay = info.minDelay > 0 ? delayOnGrid(info.minDelay, state.timestep) : resolveMinDelay(network);
  }
  state.markBuilt();
}

/**
 * The population indices of a run's sample chunks' columns: the recorder's cells now (the selection the engine got
 * by flushChanges before this run), so that the recorded cells may change between runs. Looked up once per
 * recorded variable and run: a run sends many chunks, and the cells cannot change during it.
 */
function recordedColumns(state: SimulationState): (data: RecordedData) => number[] | undefined {
  const columns = new Map<string, number[] | undefined>();
  return (data) => {
    if (data.isCurrentSource || data.variable === 'spikes') return undefined;
    const key = `${data.population}/${data.variable}`;
    if (!columns.has(key)) columns.set(key, state.populations[data.population]?.recordedCells(data.variable));
    return columns.get(key);
  };
}

export async function advance(state: SimulationState, steps: number, options: AdvanceOptions = {}): Promise<void> {
  await ensureBuilt(state);
  const backend = await state.getBackend();
  await flushChanges(state, backend);
  if (steps > 0) checkRecordingMemory(state, steps);
  state.store.markRunning();
  for (const population of state.populations) population.noteRun?.(state.timestep);
  if (steps <= 0) return;
  const columnsOf = recordedColumns(state);
  // A recorded chunk the store refuses (or a progress callback that throws) must not end the run here: the engine
  // goes on to the end of the run, and the clock has to follow it, or every later run would start from the wrong
  // step. The first such error is thrown once the run is complete. Only the refused recording's later chunks are
  // dropped (it would have a gap, e.g. spikes that outgrew the memory); the other recordings are kept whole.
  let failure: { error: unknown } | undefined;
  const refused = new Set<string>();
  let progressFailed = false;
  const onEvent = (event: RunEvent) => {
    const e = event.event;
    if (e?.$case === 'data') {
      const recording = `${e.value.isCurrentSource ? 'source' : 'population'}:${e.value.population}/${e.value.variable}`;
      if (refused.has(recording)) return;
      try {
        state.store.add(e.value, columnsOf(e.value));
      } catch (error) {
        refused.add(recording);
        failure ??= { error };
      }
    } else if (e?.$case === 'progress' && !progressFailed) {
      try {
        options.onProgress?.(e.value);
      } catch (error) {
        progressFailed = true;
        failure ??= { error };
      }
    }
  };
  let complete: RunComplete;
  try {
    complete = await backend.run({ steps: BigInt(steps), progressEverySteps: options.progressEverySteps ?? 0, chunkSteps: 0 }, onEvent);
  } catch (error) {
    await followEngineClock(state, backend, onEvent);
    throw error;
  }
  state.step = Number(complete.step);
  if (failure !== undefined) throw failure.error;
}

/**
 * After a run that failed part-way: the engine may have advanced (the wasm backend runs in pieces, and the server
 * stops a run that runs out of memory at a step boundary), so the clock asks it where it is with a run of no
 * steps. Otherwise get_current_time() would lag the engine, and the next runUntil(t) would run past t. Where the
 * session is gone too (the server unreachable, the session closed), there is no engine clock to follow.
 */
async function followEngineClock(state: SimulationState, backend: Backend, onEvent: (event: RunEvent) => void): Promise<void> {
  try {
    const complete = await backend.run({ steps: 0n, progressEverySteps: 0, chunkSteps: 0 }, onEvent);
    state.step = Number(complete.step);
  } catch {
    // The run's own error is the one the script sees.
  }
}
