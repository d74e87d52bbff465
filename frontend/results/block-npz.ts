// A Block as a NumPy .npz archive (a zip of .npy files, stored uncompressed), loadable with numpy.load.
// For each segment, under its name (e.g. "segment000/"):
//   t_start, t_stop                     0-d float64, ms
//   spike_times                         float64 [nSpikes]: all spike times, train after train (ms)
//   spike_source_index                  int64 [nSpikes]: population index of the cell of each spike
//   spiketrain_source_index             int64 [nTrains]: population index of each train's cell, in train order
//   spiketrain_channel_id               int64 [nTrains]: ID of each train's cell
//   spiketrain_counts                   int64 [nTrains]: spikes per train (splits spike_times; silent cells give 0)
//   signals/<variable>                  float32 [nSamples, nCells]: the AnalogSignal, e.g. signals/v, signals/AMPA.gsyn
//   signals/<variable>_channel_index    int64 [nCells]: population index of each column
//   signals/<variable>_channel_ids      int64 [nCells]: ID of each column
//   signals/<variable>_t_start          0-d float64: time of the first sample, ms
//   signals/<variable>_sampling_period  0-d float64, ms
import type { Block } from './block.js';
import { encodeNpy } from './npy.js';
import { zipStored, type ZipEntry } from './zip.js';

const int64 = (values: ArrayLike<number>): BigInt64Array => BigInt64Array.from(Array.from(values), (v) => BigInt(v));
const scalar = (value: number): Uint8Array => encodeNpy(Float64Array.of(value), []);

export function encodeBlockNpz(block: Block): Uint8Array {
  const entries: ZipEntry[] = [];
  const add = (name: string, data: Uint8Array): void => {
    entries.push({ name: `${name}.npy`, data });
  };
  for (const segment of block.segments) {
    const prefix = `${segment.name}/`;
    const trains = segment.spiketrains;
    const tStart = trains[0]?.tStart ?? segment.analogsignals[0]?.tStart ?? 0;
    const tStop = trains[0]?.tStop ?? segment.analogsignals[0]?.tStop ?? tStart;
    add(`${prefix}t_start`, scalar(tStart));
    add(`${prefix}t_stop`, scalar(tStop));
    const total = trains.reduce((sum, train) => sum + train.length, 0);
    const times = new Float64Array(total);
    const spikeIndex = new BigInt64Array(total);
    let at = 0;
    for (const train of trains) {
      times.set(train.times, at);
      spikeIndex.fill(BigInt(train.annotations.source_index), at, at + train.length);
      at += train.length;
    }
    add(`${prefix}spike_times`, encodeNpy(times, [total]));
    add(`${prefix}spike_source_index`, encodeNpy(spikeIndex, [total]));
    add(`${prefix}spiketrain_source_index`, encodeNpy(int64(trains.map((t) => t.annotations.source_index)), [trains.length]));
    add(`${prefix}spiketrain_channel_id`, encodeNpy(int64(trains.map((t) => t.annotations.channel_id)), [trains.length]));
    add(`${prefix}spiketrain_counts`, encodeNpy(int64(trains.map((t) => t.length)), [trains.length]));
    for (const signal of segment.analogsignals) {
      const base = `${prefix}signals/${signal.name}`;
      add(base, encodeNpy(signal.data, [...signal.shape]));
      add(`${base}_channel_index`, encodeNpy(int64(signal.channelIndex), [signal.shape[1]]));
      add(`${base}_channel_ids`, encodeNpy(int64(signal.annotations.channel_ids), [signal.annotations.channel_ids.length]));
      add(`${base}_t_start`, scalar(signal.tStart));
      add(`${base}_sampling_period`, scalar(signal.samplingPeriod));
    }
  }
  return zipStored(entries);
}
