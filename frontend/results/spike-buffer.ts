// One population's recorded spikes in a segment: the cell and the step of each, in arrival order. How many spikes a
// run will record is not known before it (recording-memory.ts checks the sampled variables only), so the room is
// checked as it grows: a growth the machine cannot hold is a MemoryError naming the population, thrown before
// anything is allocated, and the spikes kept so far stay whole (cells and steps always the same length). Without
// the check the growth ends the process (the system's out-of-memory killer) or throws a bare RangeError.
import type { RecordedDataWithNumbers } from '../backend/run-event-decode.js';
import { gigabytesText } from '../core/byte-text.js';
import { MemoryError } from '../errors.js';
import { GrowableArray, grownCapacity, MAX_TYPED_ARRAY_LENGTH } from './growable.js';

const BYTES_PER_SPIKE = 12; // a uint32 cell and a float64 step
/** Where doubling does not fit, the growth asked for instead: what is needed and an eighth more. */
const TIGHT_GROWTH = 1.125;

export const SPIKE_REMEDY =
  'record spikes from fewer cells, or run in shorter pieces and take the data out between them with ' +
  'getData({ clear: true }) or writeData';

export class SpikeBuffer {
  readonly cells = new GrowableArray(Uint32Array);
  readonly steps = new GrowableArray(Float64Array);

  /**
   * `owner` names the population in errors (asked for only then); `available` is what the machine can still allocate (undefined where
   * the platform does not say).
   */
  append(message: RecordedDataWithNumbers, owner: () => string, available: () => number | undefined): void {
    // The backends' decoder hands the steps over as numbers too (run-event-decode.ts): no BigInt per spike.
    const steps = message.spikeStepNumbers ?? message.spikeSteps.map((step) => Number(step));
    if (message.spikeCells.length !== steps.length) {
      throw new RangeError(`${owner()}: ${message.spikeCells.length} spike cells but ${steps.length} spike steps`);
    }
    const needed = this.cells.length + steps.length;
    if (needed > this.cells.capacity) this.makeRoom(needed, owner(), available());
    this.cells.append(message.spikeCells);
    this.steps.append(steps);
  }

  private makeRoom(needed: number, owner: string, available: number | undefined): void {
    const held = `it holds ${this.cells.length} spikes in the current segment and needs room for ${needed}`;
    if (needed > MAX_TYPED_ARRAY_LENGTH) {
      throw new MemoryError(`${owner}: recording spikes: ${held}, and one population's spikes hold at most ` +
        `${MAX_TYPED_ARRAY_LENGTH} (2^32) in a segment; ${SPIKE_REMEDY}`);
    }
    let capacity = grownCapacity(this.cells.capacity, needed);
    if (available !== undefined && capacity * BYTES_PER_SPIKE > available) {
      capacity = Math.min(MAX_TYPED_ARRAY_LENGTH, Math.ceil(needed * TIGHT_GROWTH));
      if (capacity * BYTES_PER_SPIKE > available) capacity = needed;
      if (capacity * BYTES_PER_SPIKE > available) {
        throw new MemoryError(`${owner}: recording spikes: ${held}, which takes ${gigabytesText(capacity * BYTES_PER_SPIKE)} ` +
          `more, and ${gigabytesText(available)} is available; ${SPIKE_REMEDY}`);
      }
    }
    try {
      this.cells.reserve(capacity, { exact: true });
      this.steps.reserve(capacity, { exact: true });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;  // V8's "Array buffer allocation failed"
      throw new MemoryError(`${owner}: recording spikes: ${held}, and the allocation failed (${error.message}); ${SPIKE_REMEDY}`, { cause: error });
    }
  }
}
