// Philox4x32-10 (Salmon et al. 2011, Random123), identical to core/include/tsnn/philox.h: same rounds, same
// counter layout, same conversion to doubles. A value depends only on (key, counter), so the frontend can
// reproduce any engine draw. The hot path uses 32-bit integer arithmetic only (Math.imul and 16-bit splits for
// the high half of the product): no BigInt, no allocation.

const MUL0 = 0xd2511f53;
const MUL1 = 0xcd9e8d57;
const WEYL0 = 0x9e3779b9;
const WEYL1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers. */
export function mulhi32(a: number, b: number): number {
  const aHi = a >>> 16;
  const aLo = a & 0xffff;
  const bHi = b >>> 16;
  const bLo = b & 0xffff;
  // a*b = aHi*bHi*2^32 + (aHi*bLo + aLo*bHi)*2^16 + aLo*bLo; every partial sum below is < 2^34, exact in a double.
  const middle = aHi * bLo + aLo * bHi + ((aLo * bLo) >>> 16);
  return (aHi * bHi + Math.floor(middle / 65536)) >>> 0;
}

/**
 * Philox4x32-10 of counter (c0, c1, c2, c3) and key (k0, k1), all unsigned 32-bit integers.
 * Writes the four output words into `out` (a reusable Uint32Array of length ≥ 4) and returns it.
 */
export function philox4x32_10(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  c0 >>>= 0;
  c1 >>>= 0;
  c2 >>>= 0;
  c3 >>>= 0;
  k0 >>>= 0;
  k1 >>>= 0;
  for (let round = 0; round < 10; ++round) {
    const hi0 = mulhi32(MUL0, c0);
    const lo0 = Math.imul(MUL0, c0) >>> 0;
    const hi1 = mulhi32(MUL1, c2);
    const lo1 = Math.imul(MUL1, c2) >>> 0;
    const n0 = (hi1 ^ c1 ^ k0) >>> 0;
    const n2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
    k0 = (k0 + WEYL0) >>> 0;
    k1 = (k1 + WEYL1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

const TWO_32 = 4294967296;

/** Low and high 32-bit words of a non-negative integer below 2^64 given as a bigint, or a safe-integer number. */
export function splitWords(value: bigint | number): [number, number] {
  if (typeof value === 'bigint') {
    return [Number(value & 0xffffffffn), Number((value >> 32n) & 0xffffffffn)];
  }
  return [value >>> 0, Math.floor(value / TWO_32) >>> 0];
}

/**
 * The project's counter layout for one random use (docs/architecture.md): key = (seed low, seed high),
 * counter = (draw, index, stream low, stream high). Same as the C++ philoxDraw.
 */
export function philoxDraw(
  seed: bigint | number,
  stream: bigint | number,
  index: number,
  draw: number,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  const [seedLo, seedHi] = splitWords(seed);
  const [streamLo, streamHi] = splitWords(stream);
  return philox4x32_10(draw >>> 0, index >>> 0, streamLo, streamHi, seedLo, seedHi, out);
}

/** A double in [0, 1) with 53 random bits from two words: exactly representable, identical everywhere. */
export function uniformFromWords(hi: number, lo: number): number {
  return ((hi >>> 5) * 67108864 + (lo >>> 6)) * (1 / 9007199254740992);
}
