// Neo-like AnalogSignal: one recorded variable of several cells sampled at a regular interval
// (pynn-api.md §3): shape [nSamples, nCells], row-major float32, sample k at tStart + k·samplingPeriod.

export interface AnalogSignalAnnotations {
  /** IDs of the recorded cells, one per column. */
  channel_ids: number[];
  source_population: string;
  [key: string]: unknown;
}

export class AnalogSignal {
  /** [number of samples, number of cells]. */
  readonly shape: readonly [number, number];

  constructor(
    /** The variable: 'v', 'gsyn_exc', 'AMPA.gsyn', ... */
    readonly name: string,
    /** Row-major samples: value of cell c at sample k is data[k·nCells + c]. */
    readonly data: Float32Array,
    nCells: number,
    readonly units: string,
    /** ms */
    readonly samplingPeriod: number,
    /** Time of the first sample, ms. */
    readonly tStart: number,
    readonly annotations: AnalogSignalAnnotations,
    /** Neo's array_annotations: channel_index = population index of each column. */
    readonly arrayAnnotations: { channel_index: number[] },
  ) {
    if (nCells <= 0 || data.length % nCells !== 0) {
      throw new RangeError(`AnalogSignal '${name}': ${data.length} values do not fill rows of ${nCells} cells`);
    }
    this.shape = [data.length / nCells, nCells];
  }

  /** Population indices of the columns (array_annotations['channel_index']). */
  get channelIndex(): number[] {
    return this.arrayAnnotations.channel_index;
  }

  /** Neo's t_stop: one sampling period after the last sample. */
  get tStop(): number {
    return this.tStart + this.shape[0] * this.samplingPeriod;
  }

  /** Sample times in ms. */
  get times(): Float64Array {
    const times = new Float64Array(this.shape[0]);
    for (let k = 0; k < times.length; ++k) times[k] = this.tStart + k * this.samplingPeriod;
    return times;
  }

  /** Value of column `cell` at sample `sample`. */
  get(sample: number, cell: number): number {
    return this.data[sample * this.shape[1] + cell];
  }

  /** All samples of one column. */
  column(cell: number): Float32Array {
    const [nSamples, nCells] = this.shape;
    const out = new Float32Array(nSamples);
    for (let k = 0; k < nSamples; ++k) out[k] = this.data[k * nCells + cell];
    return out;
  }
}
