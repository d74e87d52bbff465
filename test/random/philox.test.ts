import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mulhi32, philox4x32_10, philoxDraw, splitWords, uniformFromWords } from '../../frontend/random/philox.js';

const hex = (words: Uint32Array): string[] => Array.from(words, (w) => w.toString(16).padStart(8, '0'));

// Random123 known-answer vectors for philox4x32_10 (kat_vectors in the Random123 distribution).
test('KAT: zero counter and key', () => {
  assert.equal(hex(philox4x32_10(0, 0, 0, 0, 0, 0)), ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
});

test('KAT: all ones', () => {
  const m = 0xffffffff;
  assert.equal(hex(philox4x32_10(m, m, m, m, m, m)), ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
});

test('KAT: digits of pi', () => {
  const out = philox4x32_10(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0);
  assert.equal(hex(out), ['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
});

test('mulhi32 equals the high word of the exact 64-bit product', () => {
  const samples = [0, 1, 0xffff, 0x10000, 0xd2511f53, 0xcd9e8d57, 0xffffffff, 0x80000000, 0x12345678, 0x9abcdef0];
  for (const a of samples) {
    for (const b of samples) {
      const exact = Number((BigInt(a) * BigInt(b)) >> 32n);
      assert.is(mulhi32(a, b), exact, `mulhi32(${a}, ${b})`);
    }
  }
});

test('philoxDraw uses counter (draw, index, stream lo, stream hi) and key (seed lo, seed hi)', () => {
  const seed = 0x0000000500000007n;
  const stream = 0x0000000b0000000dn;
  const direct = philox4x32_10(3, 2, 0x0d, 0x0b, 7, 5);
  assert.equal(Array.from(philoxDraw(seed, stream, 2, 3)), Array.from(direct));
  // A number seed below 2^53 means the same as the bigint.
  assert.equal(Array.from(philoxDraw(5 * 2 ** 32 + 7, stream, 2, 3)), Array.from(direct));
});

test('splitWords splits bigints and numbers into 32-bit words', () => {
  assert.equal(splitWords(0xffffffffffffffffn), [0xffffffff, 0xffffffff]);
  assert.equal(splitWords(2 ** 40 + 9), [9, 256]);
});

test('uniformFromWords: 53 bits, in [0, 1), extremes exact', () => {
  assert.is(uniformFromWords(0, 0), 0);
  assert.is(uniformFromWords(0xffffffff, 0xffffffff), 1 - 2 ** -53);
  // hi >> 5 gives the top 27 bits, lo >> 6 the next 26.
  assert.is(uniformFromWords(1 << 5, 0), 2 ** 26 / 2 ** 53);
  assert.is(uniformFromWords(0, 1 << 6), 1 / 2 ** 53);
});

test.run();
