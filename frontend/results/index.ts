// Neo-like results (Block, Segment, SpikeTrain, AnalogSignal), the recording store and file output.
export { Block } from './block.js';
export { Segment } from './segment.js';
export { SpikeTrain, type SpikeTrainAnnotations } from './spike_train.js';
export { AnalogSignal, type AnalogSignalAnnotations } from './analog_signal.js';
export {
  RecordingStore,
  type BlockRequest,
  type RecordingDescription,
  type CurrentSourceSignalRequest,
} from './recording_store.js';
export { writeData, encodeBlock, SUPPORTED_EXTENSIONS } from './write_data.js';
export { encodeBlockJson, blockToPlain } from './block_json.js';
export { encodeBlockNpz } from './block_npz.js';
export { encodeNpy, type NpyData } from './npy.js';
export { zipStored, type ZipEntry } from './zip.js';
export { crc32 } from './crc32.js';
