// What the tests of PyNN's example scripts (test/conformance/pynn-examples-*.test.ts) share: their fixtures
// (test/fixtures/pynn_examples/, written by test/reference/pynn_examples/*_brian2.py) and the comparisons of
// recorded traces with them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import type * as sim from '../../frontend/wasm.js';

/** test/fixtures/pynn_examples/. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pynn_examples');

/** The JSON a reference script wrote for example `name`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixture = (name: string): any => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

export type Segment = Awaited<ReturnType<sim.Population['getData']>>['segments'][number];

/** Values of signal `name`, column `cell`, at the given times (ms). */
export function samplesAt(seg: Segment, name: string, cell: number, times: readonly number[]): number[] {
  const sig = seg.filter({ name })[0]!;
  const col = sig.column(cell);
  return times.map((t) => col[Math.round((t - sig.tStart) / sig.samplingPeriod)]!);
}

export const spikesOf = (seg: Segment): number[][] => seg.spiketrains.map((st) => Array.from(st.times));

/** Largest absolute difference; arrays of different lengths fail with both printed. */
export function maxAbsDiff(got: readonly number[], want: readonly number[], what: string): number {
  assert.is(got.length, want.length, `${what}: ${got.length} values (${got.join(', ')}) vs reference ${want.length} (${want.join(', ')})`);
  return got.reduce((m, g, k) => Math.max(m, Math.abs(g - want[k]!)), 0);
}

/** Every value within `tol` of the truth (named `truth` in the failure message). */
export function assertClose(got: readonly number[], want: readonly number[], tol: number, what: string, truth = 'reference'): void {
  const d = maxAbsDiff(got, want, what);
  if (process.env.TSNN_DEBUG) console.log(`${what}: max diff ${d} (tolerance ${tol})`);
  assert.ok(d <= tol, `${what}: max |tsnn − ${truth}| = ${d} > ${tol}\n  tsnn:   ${got.join(', ')}\n  ${truth}: ${want.join(', ')}`);
}
