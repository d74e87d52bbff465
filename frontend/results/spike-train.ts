// Neo-like SpikeTrain: the spike times of one recorded cell during one segment (pynn-api.md §3, Neo output).

export interface SpikeTrainAnnotations {
  /** Label of the population the cell belongs to. */
  source_population: string;
  /** The cell's ID. */
  channel_id: number;
  /** The cell's index in its population. */
  source_index: number;
  [key: string]: unknown;
}

export class SpikeTrain {
  readonly units = 'ms';

  constructor(
    /** Spike times in ms, ascending. */
    readonly times: Float64Array,
    /** Start of recording for this segment (0, or the time of the last clear), ms. */
    readonly tStart: number,
    /** Time at which the data were read (the current time, or the reset time of a past segment), ms. */
    readonly tStop: number,
    readonly annotations: SpikeTrainAnnotations,
  ) {}

  get length(): number {
    return this.times.length;
  }

  /** Neo's duration: tStop − tStart. */
  get duration(): number {
    return this.tStop - this.tStart;
  }
}
