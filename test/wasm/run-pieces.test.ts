// planPieces: the pieces of a run cover it exactly, never exceed the wanted size, and end on every progress mark.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planPieces } from '../../frontend/backends/wasm/run-pieces.js';

function pieces(total: number, wanted: number, every: number): number[] {
  const out: number[] = [];
  for (let done = 0; done < total; ) {
    const piece = planPieces(done, total, wanted, every);
    out.push(piece);
    done += piece;
  }
  return out;
}

test('without progress: full pieces, then the remainder', () => {
  assert.equal(pieces(2500, 1000, 0), [1000, 1000, 500]);
});

test('progress marks cut the pieces at multiples of progress_every_steps', () => {
  assert.equal(pieces(1000, 300, 250), [250, 250, 250, 250]);
  assert.equal(pieces(1000, 100, 250), [100, 100, 50, 100, 100, 50, 100, 100, 50, 100, 100, 50]);
});

test('every mark is reached exactly once', () => {
  const every = 7;
  let done = 0;
  const marks: number[] = [];
  for (const piece of pieces(100, 30, every)) {
    done += piece;
    if (done % every === 0) marks.push(done);
  }
  assert.equal(marks, Array.from({ length: 14 }, (_, i) => (i + 1) * every));
});

test('a run of zero steps is one empty piece', () => {
  assert.is(planPieces(0, 0, 1000, 0), 0);
});

test.run();
