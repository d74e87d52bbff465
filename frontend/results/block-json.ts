// A Block as plain JSON (the .json output of writeData). Layout:
// { name, description, annotations, segments: [{ name, description, annotations, rec_datetime,
//   spiketrains: [{ times, t_start, t_stop, units, annotations }],
//   analogsignals: [{ name, units, sampling_period, t_start, shape: [nSamples, nCells], channel_index,
//                     annotations, values: nSamples rows of nCells numbers (NaN as null) }] }] }
// Times in ms. Bigint annotation values are written as numbers.
import type { AnalogSignal } from './analog-signal.js';
import type { Block } from './block.js';

function signalRows(signal: AnalogSignal): number[][] {
  const [nSamples, nCells] = signal.shape;
  const rows: number[][] = [];
  for (let k = 0; k < nSamples; ++k) rows.push(Array.from(signal.data.subarray(k * nCells, (k + 1) * nCells)));
  return rows;
}

/** The plain-object form of a block (what encodeBlockJson writes). */
export function blockToPlain(block: Block): Record<string, unknown> {
  return {
    name: block.name,
    description: block.description,
    annotations: block.annotations,
    segments: block.segments.map((segment) => ({
      name: segment.name,
      description: segment.description,
      annotations: segment.annotations,
      rec_datetime: segment.recDatetime.toISOString(),
      spiketrains: segment.spiketrains.map((train) => ({
        times: Array.from(train.times),
        t_start: train.tStart,
        t_stop: train.tStop,
        units: train.units,
        annotations: train.annotations,
      })),
      analogsignals: segment.analogsignals.map((signal) => ({
        name: signal.name,
        units: signal.units,
        sampling_period: signal.samplingPeriod,
        t_start: signal.tStart,
        shape: [...signal.shape],
        channel_index: signal.channelIndex,
        annotations: signal.annotations,
        values: signalRows(signal),
      })),
    })),
  };
}

export function encodeBlockJson(block: Block): string {
  return JSON.stringify(blockToPlain(block), (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
}
