#!/usr/bin/env node
// Bundles a page script that uses tsnn (wasm backend) for the browser with esbuild, next to the core's
// tsnn-core.mjs/.wasm (and the threaded tsnn-core-mt.*), the engine worker tsnn-core-worker.js (the backend finds
// them in the folder of the bundle) and the page's index.html.
//   node examples/browser/bundle.mjs            -> examples/browser/dist/
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const threadedFiles = ['tsnn-core-mt.mjs', 'tsnn-core-mt.wasm', 'tsnn-core-mt.worker.js'];
const root = join(here, '..', '..');

/**
 * Writes `<outDir>/page.js` (the bundled entry), `tsnn-core-worker.js`, the core files and, when given, an HTML
 * page as index.html.
 * @param {{ entry: string, outDir: string, html?: string, wasmDir?: string }} options
 */
export async function bundlePage({ entry, outDir, html, wasmDir = join(root, 'wasm', 'dist') }) {
  for (const file of ['tsnn-core.mjs', 'tsnn-core.wasm']) {
    if (!existsSync(join(wasmDir, file))) {
      throw new Error(`${join(wasmDir, file)} is missing: build the core first (node wasm/build.mjs)`);
    }
  }
  mkdirSync(outDir, { recursive: true });
  // The page, and the engine worker that createWasmBackend({ worker: true }) starts from the same folder.
  await build({
    entryPoints: [
      { in: entry, out: 'page' },
      { in: join(root, 'frontend', 'backends', 'wasm', 'core-worker.ts'), out: 'tsnn-core-worker' },
    ],
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    // Node-only code sits behind dynamic imports of node:* modules; they are never reached in a browser.
    external: ['node:*'],
    // `tsnn` and `tsnn/wasm` resolve to the sources, so pages bundle without a prior tsc build.
    alias: { '@grpc/grpc-js': join(here, 'grpc-js-in-browser.ts'), tsnn: join(root, 'frontend') },
    inject: [join(here, 'buffer-in-browser.ts')],
    logLevel: 'error',
  });
  for (const file of ['tsnn-core.mjs', 'tsnn-core.wasm']) copyFileSync(join(wasmDir, file), join(outDir, file));
  // The threaded build (setup({ threads }) > 1, on cross-origin-isolated pages), when it was built.
  for (const file of threadedFiles) if (existsSync(join(wasmDir, file))) copyFileSync(join(wasmDir, file), join(outDir, file));
  if (html) copyFileSync(html, join(outDir, 'index.html'));
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = await bundlePage({ entry: join(here, 'main.ts'), outDir: join(here, 'dist'), html: join(here, 'index.html') });
  console.log(`bundled into ${outDir}; serve it with: node examples/browser/serve.mjs`);
}
