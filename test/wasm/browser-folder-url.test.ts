// Where a browser loads the core files from: a base names a folder (with or without its trailing slash), resolved
// against the page; without a base, the folder of the script the backend is bundled into.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { browserFolderUrl } from '../../frontend/backends/wasm/load-core.js';

test('an absolute base names a folder, with or without the trailing slash', () => {
  assert.is(browserFolderUrl('https://example.org/static/tsnn').href, 'https://example.org/static/tsnn/');
  assert.is(browserFolderUrl('https://example.org/static/tsnn/').href, 'https://example.org/static/tsnn/');
  assert.is(new URL('tsnn-core.wasm', browserFolderUrl(new URL('https://example.org/a'))).href, 'https://example.org/a/tsnn-core.wasm');
});

test('a relative base resolves against the page', () => {
  const page = { href: 'https://example.org/app/index.html' };
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'location');
  Object.defineProperty(globalThis, 'location', { value: page, configurable: true });
  try {
    assert.is(browserFolderUrl('wasm').href, 'https://example.org/app/wasm/');
    assert.is(browserFolderUrl('/cdn/tsnn/').href, 'https://example.org/cdn/tsnn/');
  } finally {
    if (saved) Object.defineProperty(globalThis, 'location', saved);
    else delete (globalThis as { location?: unknown }).location;
  }
});

test('without a base: the folder of the loading script', () => {
  const folder = browserFolderUrl(undefined).href;
  assert.ok(folder.endsWith('/frontend/backends/wasm/'), folder);
});

test.run();
