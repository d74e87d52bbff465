// The raster's SVG drawn as PNG by a headless Chromium (Debian's /usr/bin/chromium through playwright-core, as the
// browser tests use it): PNG where that is cheap. Where no Chromium is installed the SVG alone is written.
import { existsSync, writeFileSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Writes `svg` (one <svg> element with width and height) to `path` as PNG; false when there is no Chromium. */
export async function writePng(svg: string, path: string, executablePath = CHROMIUM): Promise<boolean> {
  if (!existsSync(executablePath)) return false;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: FLAGS });
  try {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    writeFileSync(path, await page.locator('svg').first().screenshot({ type: 'png' }));
  } finally {
    await browser.close();
  }
  return true;
}
