// The wasm backend in a real browser: bundles test/browser/page.ts with esbuild, serves it with COOP/COEP headers,
// runs it in Debian's Chromium (headless, through playwright-core) and checks that the spikes equal those of the
// same networks run here in Node: one hand-built Network on the backend, one PyNN-style script through tsnn/wasm.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createWasmBackend } from '../../frontend/backends/wasm/index.js';
import * as sim from '../../frontend/wasm.js';
import { runPyNNNetwork } from './pynn-network.js';
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
  pynnSpikes?: string[];
  threadedSpikes?: string[];
  hardwareConcurrency?: number;
  workerSpikes?: string[];
  workerDevice?: string;
  crossOriginIsolated?: boolean;
  device?: string;
}

const work = mkdtempSync(join(tmpdir(), 'tsnn-browser-'));
let result: PageResult;

test.before(async () => {
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
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'tsnnResult' in globalThis, undefined, { timeout: 60000 });
    result = (await page.evaluate(() => (globalThis as { tsnnResult?: unknown }).tsnnResult)) as PageResult;
    if (!result.ok && pageErrors.length > 0) result.error = `${result.error ?? ''}\n${pageErrors.join('\n')}`;
  } finally {
    await browser.close();
    await server.close();
  }
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test('the page ran, cross-origin isolated, on the WebAssembly engine', () => {
  assert.ok(result.ok, result.error);
  assert.ok(result.crossOriginIsolated, 'the page is cross-origin isolated (COOP/COEP headers)');
  assert.match(result.device ?? '', /^WebAssembly/);
});

test('the backend in Chromium gives exactly the spikes it gives in Node', async () => {
  const backend = await createWasmBackend();
  try {
    const inNode = await runSmallNetwork(backend);
    assert.ok(inNode.spikes.some((s) => s.startsWith('1:')), 'the driven cells fire');
    assert.is(result.finalStep, String(inNode.finalStep));
    assert.equal(result.spikes, inNode.spikes);
  } finally {
    await backend.close();
  }
});

test('the engine in a Web Worker gives the same spikes as in the page', () => {
  assert.match(result.workerDevice ?? '', 'in a worker');
  assert.ok((result.workerSpikes ?? []).length > 0);
  assert.equal(result.workerSpikes, result.spikes);
});

test('a PyNN-style script through tsnn/wasm gives the same spike trains in Chromium and in Node', async () => {
  const inNode = await runPyNNNetwork(sim);
  assert.ok(inNode.some((line) => line.startsWith('cells ') && !line.endsWith(':')), 'the driven cells fire');
  assert.equal(result.pynnSpikes, inNode);
});

test('the threaded build in Chromium (setup threads: 2) gives the same spike trains', async () => {
  assert.ok((result.hardwareConcurrency ?? 0) >= 2, 'the browser reports at least two cores (else the test proves nothing)');
  assert.equal(result.threadedSpikes, result.pynnSpikes);
});

test.run();
