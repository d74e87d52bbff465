// RunEvent.decode with a fast path for recorded spikes, which both backends use for the Run stream. ts-proto reads
// every spike step (a uint64) as a BigInt: about 140 ns a spike, some 4 % of a Brunel run that records its spikes,
// while the recording store only wants numbers. Here the RecordedData of a RunEvent is read by hand: the steps go
// into `spikeStepNumbers` as numbers (every step below 2^53, a run of 28,000 years at 0.1 ms, is exact; a longer
// varint goes through BigInt), and `spikeSteps` is a getter that makes the BigInts when something reads it, so the
// message still is a RecordedData for every other reader (one that assigns spikeSteps drops the numbers). Every
// other event is ts-proto's. About 20 ns a spike in all.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { RecordedData, RunEvent } from '../generated/tsnn/v1/simulator.js';

/** RecordedData whose spike steps also come as numbers, in order (RecordingStore uses them when present). */
export interface RecordedDataWithNumbers extends RecordedData {
  readonly spikeStepNumbers?: Float64Array;
}

const DATA_FIELD = 2;  // RunEvent.data

/**
 * Writes the unsigned varints of a packed field into `out` from `count`, as numbers; returns the new count, or -1
 * when a value needs more than 49 bits or is cut short (the caller takes the exact path). Two copies, one for
 * each kind of array: one function writing to both ran three times as slowly.
 */
function packedSteps(bytes: Uint8Array, out: Float64Array, count: number): number {
  for (let at = 0; at < bytes.length;) {
    let byte = bytes[at++];
    let value = byte & 0x7f;
    for (let scale = 128, k = 1; byte >= 0x80; k++, scale *= 128) {
      if (k === 7 || at >= bytes.length) return -1;
      byte = bytes[at++];
      value += (byte & 0x7f) * scale;
    }
    out[count++] = value;
  }
  return count;
}

/** packedSteps for the spike cells (uint32), appended to a plain array; false where the exact path must decide. */
function packedCells(bytes: Uint8Array, out: number[]): boolean {
  for (let at = 0; at < bytes.length;) {
    let byte = bytes[at++];
    let value = byte & 0x7f;
    for (let scale = 128, k = 1; byte >= 0x80; k++, scale *= 128) {
      if (k === 5 || at >= bytes.length) return false;
      byte = bytes[at++];
      value += (byte & 0x7f) * scale;
    }
    out.push(value > 0xffffffff ? value % 4294967296 : value);  // the low 32 bits, as BinaryReader.uint32 keeps
  }
  return true;
}

/** `array`, or a copy of its first `used` values at least twice as long, with room for `more` after them. */
function withRoom(array: Float64Array, used: number, more: number): Float64Array {
  if (used + more <= array.length) return array;
  const grown = new Float64Array(Math.max(used + more, 2 * array.length));
  grown.set(array.subarray(0, used));
  return grown;
}

function recordedData(reader: BinaryReader, end: number): RecordedDataWithNumbers {
  const message = RecordedData.fromPartial({});
  const cells: number[] = [];
  let steps: Float64Array = new Float64Array(0);
  let stepCount = 0;
  while (reader.pos < end) {
    const [field, wireType] = reader.tag();
    if (field === 3 && wireType === WireType.LengthDelimited) {
      const packed = reader.bytes();
      const before = cells.length;
      if (!packedCells(packed, cells)) {
        cells.length = before;  // what the fast loop wrote before it gave up
        const exact = new BinaryReader(packed);
        while (exact.pos < exact.len) cells.push(exact.uint32());
      }
    } else if (field === 3 && wireType === WireType.Varint) {
      cells.push(reader.uint32());
    } else if (field === 4 && wireType === WireType.LengthDelimited) {
      const packed = reader.bytes();
      steps = withRoom(steps, stepCount, packed.length);  // at least a byte per value
      const count = packedSteps(packed, steps, stepCount);
      if (count >= 0) stepCount = count;
      else for (const step of readVarints(packed)) steps[stepCount++] = Number(step);
    } else if (field === 4 && wireType === WireType.Varint) {
      steps = withRoom(steps, stepCount, 1);
      steps[stepCount++] = Number(reader.uint64());
    } else if (field === 1 && wireType === WireType.Varint) message.population = reader.uint32();
    else if (field === 2 && wireType === WireType.LengthDelimited) message.variable = reader.string();
    else if (field === 5 && wireType === WireType.Varint) message.firstSample = reader.uint64() as bigint;
    else if (field === 6 && wireType === WireType.Varint) message.nSamples = reader.uint32();
    else if (field === 7 && wireType === WireType.Varint) message.nCells = reader.uint32();
    else if (field === 8 && wireType === WireType.LengthDelimited) message.samples = Buffer.from(reader.bytes());
    else if (field === 9 && wireType === WireType.Varint) message.isCurrentSource = reader.bool();
    else reader.skip(wireType);
  }
  message.spikeCells = cells;
  const numbers = steps.subarray(0, stepCount);
  let bigints: bigint[] | undefined;
  Object.defineProperty(message, 'spikeSteps', {
    enumerable: true,
    get: () => (bigints ??= Array.from(numbers, (step) => BigInt(step))),
    set: (value: bigint[]) => {
      bigints = value;
      delete (message as { spikeStepNumbers?: Float64Array }).spikeStepNumbers;
    },
  });
  return Object.assign(message, { spikeStepNumbers: numbers });
}

/** The varints of a packed field through BinaryReader: exact, as BigInts (the slow path). */
function* readVarints(bytes: Uint8Array): Generator<bigint> {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) yield reader.uint64() as bigint;
}

/** RunEvent.decode(input, length), with RecordedData read by hand (RecordedDataWithNumbers). */
export function decodeRunEvent(input: BinaryReader | Uint8Array, length?: number): RunEvent {
  const reader = input instanceof BinaryReader ? input : new BinaryReader(input);
  const start = reader.pos;
  const end = length === undefined ? reader.len : reader.pos + length;
  if (start < end) {
    const [field, wireType] = reader.tag();
    if (field === DATA_FIELD && wireType === WireType.LengthDelimited) {
      const size = reader.uint32();
      // The engines write one event per message: a data field alone. Anything else takes ts-proto's path.
      if (reader.pos + size === end) return { event: { $case: 'data', value: recordedData(reader, end) } };
    }
  }
  reader.pos = start;
  return RunEvent.decode(reader, length);
}
