// Neo-like Block: everything recorded from one population (name = its label), one Segment per run period.
import type { Segment } from './segment.js';

export class Block {
  constructor(
    readonly name: string,
    readonly description: string,
    /** PyNN's metadata: size, first_index, last_index, first_id, last_id, label, simulator, dt, mpi_processes, ... */
    readonly annotations: Record<string, unknown>,
    readonly segments: Segment[],
  ) {}

  /** Time of the first segment's data (Neo's rec_datetime). */
  get recDatetime(): Date | undefined {
    return this.segments[0]?.recDatetime;
  }
}
