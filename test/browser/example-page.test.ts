// The example page a user opens (examples/browser): bundled and served as its README line says, driven in headless
// Chromium: the Run button simulates the network and reports rates and draws spikes. With v_rest above v_thresh
// (the CUBA benchmark's -49 > -50 mV) every cell fires on its own, so both populations must have positive rates.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
// @ts-expect-error: plain ES modules without type declarations
import { bundlePage } from '../../examples/browser/bundle.mjs';
// @ts-expect-error: plain ES modules without type declarations
import { serveFolder } from '../../examples/browser/serve.mjs';

const example = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'browser');

test('Run simulates the network, reports positive rates and draws both populations', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tsnn-example-'));
  const site = await bundlePage({ entry: join(example, 'main.ts'), outDir: join(work, 'site'), html: join(example, 'index.html') });
  const server = await serveFolder(site);
  const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    await page.fill('#cells', '500');
    await page.fill('#duration', '200');
    await page.click('#run');
    await page.waitForFunction(() => /simulated|Failed/.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 60000 });
    const status = (await page.textContent('#status')) ?? '';
    assert.match(status, /200 ms simulated/);
    const rates = /excitatory ([\d.]+) Hz, inhibitory ([\d.]+) Hz/.exec(status);
    assert.ok(rates, status);
    assert.ok(Number(rates[1]) > 0 && Number(rates[2]) > 0, status);
    assert.is(await page.evaluate(() => (document.getElementById('progress') as HTMLProgressElement).value), 1);
    const colours = await page.evaluate(() => {
      const canvas = document.getElementById('raster') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let excitatory = 0;
      let inhibitory = 0;
      for (let k = 0; k < pixels.length; k += 4) {
        if (pixels[k] === 0x1f && pixels[k + 1] === 0x4e && pixels[k + 2] === 0x9c) excitatory++;
        if (pixels[k] === 0xc0 && pixels[k + 1] === 0x39 && pixels[k + 2] === 0x2b) inhibitory++;
      }
      return { excitatory, inhibitory };
    });
    assert.ok(colours.excitatory > 0 && colours.inhibitory > 0, JSON.stringify(colours));
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
