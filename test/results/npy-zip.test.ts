// The .npy writer produces the same bytes as numpy.save; CRC-32 matches its standard check value; a stored zip
// opens with Python's zipfile and returns the entries unchanged.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy } from '../../frontend/results/npy.js';
import { crc32 } from '../../frontend/results/crc32.js';
import { zipStored } from '../../frontend/results/zip.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

test('CRC-32 check values', () => {
  assert.is(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.is(crc32(new Uint8Array(0)), 0);
  assert.is(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog')), 0x414fa339);
});

test('encodeNpy equals numpy.save byte for byte', () => {
  const script = `
import io, sys, numpy
arrays = [
    numpy.array([1.5, -2.0, 3.25], dtype='<f8'),
    numpy.array(0.125, dtype='<f8'),
    numpy.arange(6, dtype='<f4').reshape(3, 2) - 0.5,
    numpy.array([7, -1, 2**40], dtype='<i8'),
    numpy.zeros((0,), dtype='<f8'),
]
for a in arrays:
    buffer = io.BytesIO()
    numpy.save(buffer, a)
    print(buffer.getvalue().hex())
`;
  const expected = execFileSync('/usr/bin/python3', ['-c', script], { cwd: tmpdir(), encoding: 'utf8' }).trim().split('\n');
  const ours = [
    encodeNpy(Float64Array.of(1.5, -2, 3.25), [3]),
    encodeNpy(Float64Array.of(0.125), []),
    encodeNpy(Float32Array.of(-0.5, 0.5, 1.5, 2.5, 3.5, 4.5), [3, 2]),
    encodeNpy(BigInt64Array.of(7n, -1n, 2n ** 40n), [3]),
    encodeNpy(new Float64Array(0), [0]),
  ].map(hex);
  assert.equal(ours, expected);
  assert.throws(() => encodeNpy(Float64Array.of(1, 2), [3]), (e: Error) => /needs 3 values, got 2/.test(e.message));
});

test('zipStored opens with Python zipfile, CRCs verified, contents unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsnn-zip-'));
  try {
    const file = join(dir, 'a.zip');
    const entries = [
      { name: 'one.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/two.bin', data: Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff) },
      { name: 'empty', data: new Uint8Array(0) },
    ];
    writeFileSync(file, zipStored(entries));
    const script = `
import sys, zipfile, json
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps([[i.filename, i.compress_type, z.read(i.filename).hex()] for i in z.infolist()]))
`;
    const listed = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { cwd: dir, encoding: 'utf8' }));
    assert.equal(listed, entries.map((e) => [e.name, 0, hex(e.data)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
