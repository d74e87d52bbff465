// Splits a sequence of length-delimited protobuf messages (varint length, then the message: what protobuf's
// writeDelimited produces). The core answers the streaming rpcs (Run, GetConnections) this way.
import { BinaryReader } from '@bufbuild/protobuf/wire';

export function decodeDelimited<T>(bytes: Uint8Array, decode: (reader: BinaryReader, length: number) => T): T[] {
  const reader = new BinaryReader(bytes);
  const messages: T[] = [];
  while (reader.pos < reader.len) {
    const length = reader.uint32();
    if (reader.pos + length > reader.len) {
      throw new RangeError(`length-delimited message of ${length} bytes at offset ${reader.pos} runs past the end (${reader.len} bytes)`);
    }
    const end = reader.pos + length;
    messages.push(decode(reader, length));
    // A decoder consumes exactly its length; realign in case a future field was skipped short.
    reader.pos = end;
  }
  return messages;
}
