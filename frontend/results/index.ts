// Neo-like results (Block, Segment, SpikeTrain, AnalogSignal), the recording store and file output.
export { Block } from './block.js';
export { Segment } from './segment.js';
export { SpikeTrain, type SpikeTrainAnnotations } from './spike-train.js';
export { AnalogSignal, type AnalogSignalAnnotations } from './analog-signal.js';
export {
  RecordingStore,
  type BlockRequest,
  type RecordingDescription,
  type CurrentSourceSignalRequest,
} from './recording-store.js';
export { writeData, encodeBlock, SUPPORTED_EXTENSIONS } from './write-data.js';
export { encodeBlockJson, blockToPlain } from './block-json.js';
export { encodeBlockNpz } from './block-npz.js';
export { encodeNpy, type NpyData } from './npy.js';
export { zipStored, type ZipEntry } from './zip.js';
export { crc32 } from './crc32.js';
