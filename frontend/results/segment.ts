// Neo-like Segment: the data of one run period between reset()s, named "segment%03d".
import type { AnalogSignal } from './analog-signal.js';
import type { SpikeTrain } from './spike-train.js';

/** Attribute or annotation values a child must have (Neo's filter keywords). */
export type FilterCriteria = { name?: string } & Record<string, unknown>;

export class Segment {
  constructor(
    readonly name: string,
    readonly spiketrains: SpikeTrain[] = [],
    readonly analogsignals: AnalogSignal[] = [],
    readonly annotations: Record<string, unknown> = {},
    readonly description = '',
    readonly recDatetime: Date = new Date(),
  ) {}

  /**
   * Neo's filter: the children whose attributes or annotations equal every criterion, filter({ name: 'v' })[0];
   * `objects` picks the class ('AnalogSignal', the default here, or 'SpikeTrain', whose annotations such as
   * source_population or channel_id can be matched). Neo without `objects` searches both classes at once.
   */
  filter(criteria: FilterCriteria & { objects: 'SpikeTrain' }): SpikeTrain[];
  filter(criteria?: FilterCriteria & { objects?: 'AnalogSignal' }): AnalogSignal[];
  filter(criteria: FilterCriteria & { objects?: 'AnalogSignal' | 'SpikeTrain' } = {}): AnalogSignal[] | SpikeTrain[] {
    const { objects = 'AnalogSignal', ...wanted } = criteria;
    if (objects !== 'AnalogSignal' && objects !== 'SpikeTrain') {
      throw new TypeError(`Segment.filter: objects must be 'AnalogSignal' or 'SpikeTrain', got ${String(objects)}`);
    }
    const matches = (child: object) =>
      Object.entries(wanted).every(([key, value]) => {
        const own = (child as Record<string, unknown>)[key];
        const annotated = ((child as { annotations?: Record<string, unknown> }).annotations ?? {})[key];
        return own === value || annotated === value;
      });
    return objects === 'SpikeTrain' ? this.spiketrains.filter(matches) : this.analogsignals.filter(matches);
  }

  /** Neo's t_start: the earliest t_start of its trains and signals (undefined without any). */
  get tStart(): number | undefined {
    const starts = [...this.spiketrains.map((st) => st.tStart), ...this.analogsignals.map((a) => a.tStart)];
    return starts.length > 0 ? Math.min(...starts) : undefined;
  }

  /** Neo's t_stop: the latest t_stop of its trains and signals (undefined without any). */
  get tStop(): number | undefined {
    const stops = [...this.spiketrains.map((st) => st.tStop), ...this.analogsignals.map((a) => a.tStop)];
    return stops.length > 0 ? Math.max(...stops) : undefined;
  }

  /** "segment%03d" for a segment counter. */
  static nameFor(counter: number): string {
    return `segment${String(counter).padStart(3, '0')}`;
  }
}
