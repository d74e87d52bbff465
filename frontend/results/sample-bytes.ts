// The contract sends samples as little-endian float32 bytes (simulator.proto RecordedData.samples).
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decodes little-endian float32 bytes into a new Float32Array. */
export function float32FromLittleEndian(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) {
    throw new RangeError(`RecordedData.samples: ${bytes.length} bytes is not a whole number of float32 values`);
  }
  const count = bytes.length / 4;
  if (LITTLE_ENDIAN_HOST) {
    // Copy first: the bytes may sit at an offset that is not a multiple of 4 inside a larger buffer (a Node
    // Buffer from a pool, for instance).
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return new Float32Array(copy.buffer, 0, count);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  for (let k = 0; k < count; ++k) out[k] = view.getFloat32(4 * k, true);
  return out;
}
