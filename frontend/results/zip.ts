// A minimal zip writer: entries stored without compression (method 0), local headers, central directory and
// end record (PKWARE APPNOTE 6.3, no zip64), which is what numpy.load expects of an .npz file.
import { IOError } from '../errors.js';
import { crc32 } from './crc32.js';

export interface ZipEntry {
  /** Path inside the archive (ASCII/UTF-8). */
  name: string;
  data: Uint8Array;
}

const LIMIT = 0xffffffff;
/** 1980-01-01 00:00 in MS-DOS date/time form: entries carry a fixed time so archives are reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export function zipStored(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((entry) => encoder.encode(entry.name));
  const localSize = entries.reduce((sum, entry, i) => sum + 30 + names[i].length + entry.data.length, 0);
  const centralSize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  const total = localSize + centralSize + 22;
  if (total > LIMIT || entries.length > 0xffff) {
    throw new IOError(`zip: ${entries.length} entries and ${total} bytes exceed the zip format without zip64 (4 GiB, 65535 entries)`);
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  const checksums = entries.map((entry) => crc32(entry.data));
  let at = 0;
  entries.forEach((entry, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true); // local file header signature
    view.setUint16(at + 4, 20, true); // version needed: 2.0
    view.setUint16(at + 6, 0x0800, true); // flags: UTF-8 names
    view.setUint16(at + 8, 0, true); // method: stored
    view.setUint16(at + 10, DOS_TIME, true);
    view.setUint16(at + 12, DOS_DATE, true);
    view.setUint32(at + 14, checksums[i], true);
    view.setUint32(at + 18, entry.data.length, true); // compressed size
    view.setUint32(at + 22, entry.data.length, true); // uncompressed size
    view.setUint16(at + 26, names[i].length, true);
    view.setUint16(at + 28, 0, true); // extra field length
    out.set(names[i], at + 30);
    out.set(entry.data, at + 30 + names[i].length);
    at += 30 + names[i].length + entry.data.length;
  });
  const centralStart = at;
  entries.forEach((entry, i) => {
    view.setUint32(at, 0x02014b50, true); // central directory header signature
    view.setUint16(at + 4, 20, true); // version made by
    view.setUint16(at + 6, 20, true); // version needed
    view.setUint16(at + 8, 0x0800, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    view.setUint32(at + 16, checksums[i], true);
    view.setUint32(at + 20, entry.data.length, true);
    view.setUint32(at + 24, entry.data.length, true);
    view.setUint16(at + 28, names[i].length, true);
    view.setUint16(at + 30, 0, true); // extra
    view.setUint16(at + 32, 0, true); // comment
    view.setUint16(at + 34, 0, true); // disk number
    view.setUint16(at + 36, 0, true); // internal attributes
    view.setUint32(at + 38, 0, true); // external attributes
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  view.setUint32(at, 0x06054b50, true); // end of central directory
  view.setUint16(at + 4, 0, true);
  view.setUint16(at + 6, 0, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  view.setUint16(at + 20, 0, true);
  return out;
}
