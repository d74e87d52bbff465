// @bufbuild/protobuf's BinaryWriter writes every double as a chunk of its own (a new 8-byte Uint8Array and a
// DataView: about 195 bytes of JavaScript heap and 0.7 µs a value, held until the field is finished). A network's
// per-cell fields (positions, per-cell parameters) then cost a million-cell build seconds and gigabytes of heap.
// This writer puts a double's eight bytes into the pending byte list, as the writer does for varints: the same
// bytes, about three times as fast and about 75 bytes of heap a value (measured: docs/performance.md, session 24).
// The wasm backend writes the network and every request with per-cell or per-synapse arrays with it.
import { BinaryWriter } from '@bufbuild/protobuf/wire';

const scratch = new DataView(new ArrayBuffer(8));

export class CompactBinaryWriter extends BinaryWriter {
  override double(value: number): this {
    scratch.setFloat64(0, value, true);
    // The pending bytes are BinaryWriter's own list (reassigned by fork, join and raw; read it each time).
    const pending = (this as unknown as { buf: number[] }).buf;
    pending.push(
      scratch.getUint8(0),
      scratch.getUint8(1),
      scratch.getUint8(2),
      scratch.getUint8(3),
      scratch.getUint8(4),
      scratch.getUint8(5),
      scratch.getUint8(6),
      scratch.getUint8(7),
    );
    return this;
  }
}
