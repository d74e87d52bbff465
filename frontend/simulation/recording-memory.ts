// Refuses, before a run starts, a run whose sampled recording could not be kept: more values than one typed array
// holds, or more bytes than the machine has available now. Without this check such a run grows its buffers until
// a RangeError halfway through, or until the system's out-of-memory killer ends the process and everything in it.
// Spikes are not counted (how many there will be is not known in advance): their room is checked as it grows
// (results/spike-buffer.ts), and a run whose spikes outgrow the machine ends with a MemoryError, the spikes kept so
// far whole. A recorded current source (one column) is not counted either.
import { MemoryError } from '../errors.js';
import { grownCapacity, MAX_TYPED_ARRAY_LENGTH } from '../results/growable.js';
import type { SimulationState } from './state.js';
import { availableMemoryBytes } from '../core/available-memory.js';
import { gigabytesText } from '../core/byte-text.js';

const BYTES_PER_SAMPLE = 4; // float32, as the contract sends them

/** One sampled variable's part of a run: what it will hold at the end, and what it must allocate for that. */
interface PlannedRecording {
  population: number;
  label: string;
  variable: string;
  cells: number;
  intervalMs: number;
  /** Values (samples × columns) held at the end of the run. */
  values: number;
  /** Bytes newly allocated during the run (its buffer grown once to hold `values`). */
  allocation: number;
}

function planRecordings(state: SimulationState, steps: number): PlannedRecording[] {
  const plans: PlannedRecording[] = [];
  const from = state.step;
  const to = state.step + steps;
  state.populations.forEach((population, index) => {
    const sampled = population.sampledRecordings();
    const intervalMs = sampled.samplingInterval ?? state.timestep;
    const every = Math.max(1, Math.round(intervalMs / state.timestep));
    for (const { variable, cells } of sampled.variables) {
      const held = state.store.sampleStorage(index, variable);
      // Samples fall on the steps that are multiples of `every`; the one at the run's start is new when nothing
      // has been kept yet (the first run, or the first after a reset or a clear).
      const atStart = held.values === 0 && from % every === 0 ? 1 : 0;
      const samples = Math.floor(to / every) - Math.floor(from / every) + atStart;
      const values = held.values + samples * Math.max(cells, held.width);
      const allocation = values > held.capacity ? grownCapacity(held.capacity, values) * BYTES_PER_SAMPLE : 0;
      plans.push({ population: index, label: population.label, variable, cells, intervalMs, values, allocation });
    }
  });
  return plans;
}

function describe(plan: PlannedRecording): string {
  return `'${plan.variable}' of population '${plan.label}' (${plan.cells} cells every ${plan.intervalMs} ms)`;
}

const REMEDY =
  "record fewer cells or fewer variables, sample less often (record(..., { samplingInterval })), or run in " +
  'shorter pieces and take the data out between them with getData({ clear: true }) or writeData';

/**
 * Throws MemoryError when the run of `steps` steps from now would record more than can be kept; otherwise tells
 * the store how much each sampled variable will hold, so that it allocates that once.
 */
export function checkRecordingMemory(state: SimulationState, steps: number, available = availableMemoryBytes()): void {
  const plans = planRecordings(state, steps);
  if (plans.length === 0) return;
  const runText = `run of ${steps} steps (${+(steps * state.timestep).toPrecision(12)} ms) from t = ${state.t} ms`;
  for (const plan of plans) {
    if (plan.values > MAX_TYPED_ARRAY_LENGTH) {
      throw new MemoryError(
        `The ${runText} would record ${plan.values} values of ${describe(plan)} in the current segment; one ` +
          `recorded variable holds at most ${MAX_TYPED_ARRAY_LENGTH} (2^32) values. Nothing was run; ${REMEDY}.`,
      );
    }
  }
  const needed = plans.reduce((sum, plan) => sum + plan.allocation, 0);
  if (available !== undefined && needed > available) {
    const largest = [...plans].sort((a, b) => b.allocation - a.allocation).filter((p) => p.allocation > 0).slice(0, 3);
    throw new MemoryError(
      `The ${runText} would need ${gigabytesText(needed)} to keep its recording (${largest
        .map((p) => `${describe(p)}: ${gigabytesText(p.allocation)}`)
        .join('; ')}), and ${gigabytesText(available)} is available. Nothing was run; ${REMEDY}.`,
    );
  }
  state.store.expectRun(plans);
}
