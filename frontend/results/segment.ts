// Neo-like Segment: the data of one run period between reset()s, named "segment%03d".
import type { AnalogSignal } from './analog-signal.js';
import type { SpikeTrain } from './spike-train.js';

export class Segment {
  constructor(
    readonly name: string,
    readonly spiketrains: SpikeTrain[] = [],
    readonly analogsignals: AnalogSignal[] = [],
    readonly annotations: Record<string, unknown> = {},
    readonly description = '',
    readonly recDatetime: Date = new Date(),
  ) {}

  /** Neo's filter: the signals (and spike trains) whose name matches; filter({ name: 'v' })[0]. */
  filter(criteria: { name?: string } = {}): AnalogSignal[] {
    return this.analogsignals.filter((signal) => criteria.name === undefined || signal.name === criteria.name);
  }

  /** "segment%03d" for a segment counter. */
  static nameFor(counter: number): string {
    return `segment${String(counter).padStart(3, '0')}`;
  }
}
