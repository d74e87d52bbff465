// What one Population records: for each variable the set of cells, and one sampling interval for its analog
// variables (PyNN keeps one recorder per population, shared by its views).
import { RecordingError, ValueError } from '../errors.js';
import type { CellType } from '../cells/cell-type.js';
import type { RecordingRequest } from '../generated/tsnn/v1/model.js';
import { selectionFor } from './selection-message.js';
import { isGridMultiple } from '../core/grid-time.js';

export class Recorder {
  private readonly cells = new Map<string, Set<number>>();
  /** ms; undefined means the timestep. */
  samplingInterval: number | undefined;
  /** The interval of the analog samples taken in the last run that took any (kept through record(null)). */
  sampledInterval: number | undefined;

  constructor(
    private readonly celltype: CellType,
    private readonly size: number,
    private readonly owner: string,
  ) {}

  /** Expands 'all' and a single name to a checked list of variables. */
  resolveVariables(variables: string | readonly string[]): string[] {
    if (typeof variables !== 'string' && !Array.isArray(variables)) {
      throw new TypeError(`record(): variables must be a name such as 'v', a list of names, 'all' or null, got ${String(variables)}`);
    }
    const list = typeof variables === 'string' ? (variables === 'all' ? this.celltype.recordable : [variables]) : [...variables];
    for (const v of list) {
      if (typeof v !== 'string' || !this.celltype.canRecord(v)) {
        throw new RecordingError(String(v), this.celltype.name, this.celltype.recordable);
      }
    }
    return list;
  }

  /**
   * Records `variables` of the cells `indices`. A sampling interval applies to the analog variables only, as in
   * PyNN's backends: given with 'spikes' alone it is checked and then ignored, not kept for variables recorded
   * later. `heldInterval` is the interval of the samples the current segment holds (undefined if none): a new one
   * would need a segment of its own.
   */
  record(
    variables: readonly string[],
    indices: readonly number[],
    samplingInterval: number | undefined,
    dt: number,
    heldInterval?: number,
  ): void {
    const analog = variables.some((v) => v !== 'spikes');
    const interval = analog ? (samplingInterval ?? this.samplingInterval ?? dt) : undefined;
    if (interval !== undefined && heldInterval !== undefined && Math.abs(interval - heldInterval) > 1e-12) {
      throw new ValueError(
        `${this.owner}: the current segment holds samples taken every ${heldInterval} ms; recording every ` +
          `${interval} ms needs a new segment: call reset() or getData({ clear: true }) first`,
      );
    }
    if (samplingInterval !== undefined) {
      if (!(typeof samplingInterval === 'number' && samplingInterval > 0)) {
        throw new ValueError(`${this.owner}: samplingInterval must be a positive number of ms, got ${samplingInterval}`);
      }
      const current = this.samplingInterval ?? dt;
      const recordingAnalog = [...this.cells.keys()].some((v) => v !== 'spikes');
      if (recordingAnalog && Math.abs(samplingInterval - current) > 1e-12) {
        throw new ValueError(
          `${this.owner}: all cells of a population must be recorded with the same sampling interval; ` +
            `${current} ms is already used, got ${samplingInterval} ms`,
        );
      }
      if (!isGridMultiple(samplingInterval, dt)) {
        throw new ValueError(`${this.owner}: samplingInterval ${samplingInterval} ms is not a multiple of the timestep ${dt} ms`);
      }
      if (analog) this.samplingInterval = samplingInterval;
    }
    for (const v of variables) {
      let set = this.cells.get(v);
      if (!set) this.cells.set(v, (set = new Set()));
      for (const i of indices) set.add(i);
    }
  }

  /** Before every run: the interval its samples will be taken at, if it takes any. */
  noteRun(dt: number): void {
    if (this.variables.some((v) => v !== 'spikes')) this.sampledInterval = this.samplingInterval ?? dt;
  }

  /** record(null): stop recording everything (the whole population, as PyNN does). */
  clear(): void {
    this.cells.clear();
    this.samplingInterval = undefined;
  }

  /** Recorded variables, in the cell type's order. */
  get variables(): string[] {
    return this.celltype.recordable.filter((v) => this.cells.has(v));
  }

  /** The analog variables recorded now, each with its number of cells (no sorting: checked before every run). */
  sampledCounts(): Array<{ variable: string; cells: number }> {
    return this.variables.filter((v) => v !== 'spikes').map((variable) => ({ variable, cells: this.cells.get(variable)!.size }));
  }

  /** Sorted indices of the cells recording `variable`. */
  recordedCells(variable: string): number[] {
    return [...(this.cells.get(variable) ?? [])].sort((a, b) => a - b);
  }

  toRequests(population: number): RecordingRequest[] {
    return this.variables.map((variable) => ({
      population,
      variable,
      cells: selectionFor(population, this.recordedCells(variable), this.size),
      samplingInterval: variable === 'spikes' ? 0 : (this.samplingInterval ?? 0),
    }));
  }
}
