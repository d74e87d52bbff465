// The samples of one recorded variable during one segment: rows of float32 values, one column per recorded
// cell, grown as chunks arrive. When the chunks say which cells their columns are (RecordingStore.add's
// `cells`), the recorded set may change between runs: the buffer widens to the union of cells, and a cell's
// samples from before it was recorded, or after it stopped being recorded, read as NaN.
import type { RecordedData } from '../generated/tsnn/v1/simulator.js';
import { GrowableArray } from './growable.js';
import { float32FromLittleEndian } from './sample-bytes.js';

export class SampleBuffer {
  private values = new GrowableArray(Float32Array);
  nSamples = 0;
  private width: number;
  /** Population indices of the columns, ascending, when known. */
  private cells: number[] | undefined;

  /**
   * Holds only the sample kept at a clear (lastSampleOnly): the next chunk continues it, or, when the recording
   * has changed since (a new sampling interval, another first sample), replaces it.
   */
  private provisional = false;

  constructor(
    nCells: number,
    private first: number,
    cells?: ArrayLike<number>,
  ) {
    this.width = nCells;
    this.cells = cells === undefined ? undefined : Array.from(cells);
  }

  /** The index of the first sample held (sample k is taken at k · the sampling interval). */
  get firstSample(): number {
    return this.first;
  }

  /** Whether it holds samples taken since the last clear (not only the one a clear keeps). */
  get holdsNewSamples(): boolean {
    return this.nSamples > 0 && !this.provisional;
  }

  get nCells(): number {
    return this.width;
  }

  /** Values held (samples × columns), the room for them, and the columns. */
  get storage(): { values: number; capacity: number; width: number } {
    return { values: this.values.length, capacity: this.values.capacity, width: this.width };
  }

  /** Room for `values` values in all, allocated now (a run's whole recording, known before it starts). */
  reserve(values: number): void {
    this.values.reserve(values);
  }

  append(message: RecordedData, owner: string, cells?: ArrayLike<number>): void {
    if (this.provisional) {
      this.provisional = false;
      if (Number(message.firstSample) !== this.first + this.nSamples) {
        this.values = new GrowableArray(Float32Array);
        this.nSamples = 0;
        this.first = Number(message.firstSample);
        this.width = message.nCells;
        this.cells = cells === undefined ? undefined : Array.from(cells);
      }
    }
    const expected = this.firstSample + this.nSamples;
    if (Number(message.firstSample) !== expected) {
      throw new RangeError(`${owner}: chunk starts at sample ${message.firstSample}, expected ${expected}`);
    }
    const values = float32FromLittleEndian(message.samples);
    if (values.length !== message.nSamples * message.nCells) {
      throw new RangeError(`${owner}: ${values.length} values for ${message.nSamples} samples × ${message.nCells} cells`);
    }
    if (cells !== undefined && cells.length !== message.nCells) {
      throw new RangeError(`${owner}: ${cells.length} cell indices given for a chunk of ${message.nCells} cells`);
    }
    const chunkCells = cells === undefined ? undefined : Array.from(cells);
    if (chunkCells !== undefined && this.cells !== undefined && !sameCells(chunkCells, this.cells)) {
      this.widen(chunkCells);
      this.appendMapped(values, message.nSamples, chunkCells);
      return;
    }
    if (message.nCells !== this.width) {
      throw new RangeError(
        `${owner}: ${message.nCells} cells in this chunk but ${this.width} earlier in the segment ` +
          '(pass the cell indices to RecordingStore.add when the recorded cells change between runs)',
      );
    }
    this.values.append(values);
    this.nSamples += message.nSamples;
  }

  /** A buffer holding only the last sample (getData's clear keeps the sample taken at the clear time). */
  lastSampleOnly(): SampleBuffer {
    const kept = new SampleBuffer(this.width, this.firstSample + this.nSamples - 1, this.cells);
    kept.values.append(this.values.view().slice((this.nSamples - 1) * this.width, this.nSamples * this.width));
    kept.nSamples = 1;
    kept.provisional = true;
    return kept;
  }

  /**
   * `count` samples from the `skip`-th as rows over `indices` (population indices). Without known cells the
   * columns are taken as they are and must number indices.length; undefined in that case when they do not.
   */
  rows(count: number, indices: ArrayLike<number>, skip = 0): Float32Array | undefined {
    const data = this.values.view();
    if (this.cells === undefined) {
      if (indices.length !== this.width) return undefined;
      return data.slice(skip * this.width, (skip + count) * this.width);
    }
    const position = new Map(this.cells.map((cell, column) => [cell, column]));
    const columns = Array.from(indices, (index) => position.get(index) ?? -1);
    const out = new Float32Array(count * columns.length);
    for (let k = 0; k < count; ++k) {
      for (let c = 0; c < columns.length; ++c) {
        out[k * columns.length + c] = columns[c] < 0 ? NaN : data[(skip + k) * this.width + columns[c]];
      }
    }
    return out;
  }

  /** Re-lays the rows so far over the union of the known cells and `extra` (new columns NaN). */
  private widen(extra: readonly number[]): void {
    const old = this.cells!;
    const union = [...new Set([...old, ...extra])].sort((a, b) => a - b);
    if (union.length === old.length) return;
    const position = new Map(union.map((cell, column) => [cell, column]));
    const data = this.values.view();
    const grown = new GrowableArray(Float32Array, Math.max(64, this.nSamples * union.length));
    const row = new Float32Array(union.length);
    for (let k = 0; k < this.nSamples; ++k) {
      row.fill(NaN);
      for (let c = 0; c < old.length; ++c) row[position.get(old[c])!] = data[k * this.width + c];
      grown.append(row);
    }
    this.values = grown;
    this.cells = union;
    this.width = union.length;
  }

  /** Appends rows whose columns are `chunkCells` (a subset of the known cells), NaN elsewhere. */
  private appendMapped(values: Float32Array, nSamples: number, chunkCells: readonly number[]): void {
    const position = new Map(this.cells!.map((cell, column) => [cell, column]));
    const columns = chunkCells.map((cell) => position.get(cell)!);
    const row = new Float32Array(this.width);
    for (let k = 0; k < nSamples; ++k) {
      row.fill(NaN);
      for (let c = 0; c < columns.length; ++c) row[columns[c]] = values[k * chunkCells.length + c];
      this.values.append(row);
    }
    this.nSamples += nSamples;
  }
}

function sameCells(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((cell, i) => cell === b[i]);
}
