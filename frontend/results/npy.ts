// NumPy's .npy format, version 1.0: magic "\x93NUMPY", version 1 0, a little-endian uint16 header length, then
// a Python-dict header padded with spaces and ending in '\n' so that the data start on a 64-byte boundary,
// then the raw little-endian C-order data.

export type NpyData = Float64Array | Float32Array | BigInt64Array | Int32Array;

const DESCR: ReadonlyArray<[new (...args: never[]) => NpyData, string]> = [
  [Float64Array, '<f8'],
  [Float32Array, '<f4'],
  [BigInt64Array, '<i8'],
  [Int32Array, '<i4'],
];

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The .npy bytes of a C-order array of the given shape ([] for a scalar). */
export function encodeNpy(data: NpyData, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`npy: shape [${shape.join(', ')}] needs ${count} values, got ${data.length}`);
  const descr = DESCR.find(([type]) => data instanceof type)?.[1];
  if (descr === undefined) throw new TypeError('npy: unsupported array type');
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  const body = out.subarray(10 + headerBytes.length);
  if (LITTLE_ENDIAN_HOST) {
    body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } else {
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const width = data.BYTES_PER_ELEMENT;
    for (let i = 0; i < data.length; ++i) {
      const value = data[i];
      if (data instanceof Float64Array) view.setFloat64(i * width, value as number, true);
      else if (data instanceof Float32Array) view.setFloat32(i * width, value as number, true);
      else if (data instanceof BigInt64Array) view.setBigInt64(i * width, value as bigint, true);
      else view.setInt32(i * width, value as number, true);
    }
  }
  return out;
}
