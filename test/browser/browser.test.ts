// The wasm backend in a real browser: bundles test/browser/page.ts with esbuild, serves it with COOP/COEP headers,
// runs it in Debian's Chromium (headless, through playwright-core) and checks that the spikes equal those of the
// same network run here in Node.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import { runSmallNetwork } from './small-network.js';
// @ts-expect-error: plain ES modules without type declarations
import { bundlePage } from '../../examples/browser/bundle.mjs';
// @ts-expect-error: plain ES modules without type declarations
import { serveFolder } from '../../examples/browser/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));

interface PageResult {
  ok: boolean;
  error?: string;
  spikes?: string[];
  finalStep?: string;
  crossOriginIsolated?: boolean;
  engine?: string;
}

test('Chromium runs the network and gets exactly the spikes Node gets', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tsnn-browser-'));
  const site = join(work, 'site');
  await bundlePage({ entry: join(here, 'page.ts'), outDir: site, html: join(here, 'index.html') });
  const server = await serveFolder(site);
  const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'tsnnResult' in globalThis, undefined, { timeout: 30000 });
    const result = (await page.evaluate(() => (globalThis as { tsnnResult?: unknown }).tsnnResult)) as PageResult;
    assert.ok(result.ok, result.error ?? consoleErrors.join('\n'));
    assert.ok(result.crossOriginIsolated, 'the page is cross-origin isolated (COOP/COEP headers)');

    const backend = await createWasmBackend();
    try {
      const inNode = await runSmallNetwork(backend);
      assert.ok(inNode.spikes.length > 0, 'the network spikes');
      assert.is(result.finalStep, String(inNode.finalStep));
      assert.equal(result.spikes, inNode.spikes);
    } finally {
      await backend.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
