// The microcircuit example's --png: the raster's SVG drawn by Debian's Chromium (examples/microcircuit/png.ts). The
// PNG is decoded here (zlib and the five row filters of the PNG specification) and must have the SVG's declared
// size and the bar chart's two fill colours over whole blocks of pixels.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rasterSvg, type PopulationSpikes } from '../../examples/microcircuit/plot.js';
import { CHROMIUM, writePng } from '../../examples/microcircuit/png.js';

interface Image {
  width: number;
  height: number;
  /** RGB(A) bytes, row after row. */
  pixels: Uint8Array;
  channels: number;
}

function decodePng(bytes: Buffer): Image {
  assert.equal([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let width = 0, height = 0, channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.is(body[8], 8, 'bit depth 8');
      channels = { 2: 3, 6: 4 }[body[9]] ?? 0;
      assert.ok(channels > 0, `colour type ${body[9]}`);
      assert.is(body[12], 0, 'not interlaced');
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a
        : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
      assert.ok(predicted !== undefined, `row filter ${filter}`);
      pixels[y * stride + x] = (value + predicted!) & 0xff;
    }
  }
  return { width, height, pixels, channels };
}

function countColour(image: Image, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  let n = 0;
  for (let i = 0; i < image.pixels.length; i += image.channels) {
    if (image.pixels[i] === r && image.pixels[i + 1] === g && image.pixels[i + 2] === b) n++;
  }
  return n;
}

test('--png draws the raster SVG at its size, with the bars in their colours', async () => {
  if (!existsSync(CHROMIUM)) {
    console.log(`  (skipped: no ${CHROMIUM}; scripts/setup-system.sh installs it)`);
    return;
  }
  const populations: PopulationSpikes[] = [
    { label: 'L23E', size: 100, times: [10, 20, 30], cells: [0, 1, 2], meanRate: 4, referenceRate: 3,
      excitatory: true },
    { label: 'L23I', size: 30, times: [15], cells: [3], meanRate: 8, referenceRate: 9, excitatory: false },
  ];
  const svg = rasterSvg(populations, { tStart: 0, tStop: 100, title: 'test' });
  const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
  const work = mkdtempSync(join(tmpdir(), 'tsnn-png-'));
  try {
    assert.ok(await writePng(svg, join(work, 'raster.png')));
    const image = decodePng(readFileSync(join(work, 'raster.png')));
    assert.is(image.width, width);
    assert.is(image.height, height);
    // Each bar is a few thousand pixels of its fill; the raster's dots are far fewer.
    assert.ok(countColour(image, '#1f5fa8') > 2000, 'excitatory bar');
    assert.ok(countColour(image, '#c0392b') > 2000, 'inhibitory bar');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('without a Chromium nothing is written and the answer says so', async () => {
  assert.is(await writePng('<svg width="1" height="1"/>', join(tmpdir(), 'never.png'), '/nonexistent/chromium'), false);
  assert.not.ok(existsSync(join(tmpdir(), 'never.png')));
});

test.run();
