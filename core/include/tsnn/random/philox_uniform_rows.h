// Philox blocks for a run of consecutive indices (one per cell): the first uniforms of every connection's normal
// (normal_runs.h) and the Poisson sources' words; or for a run of one index's consecutive blocks (a connector's
// cursor along a row: FixedTotalNumber's targets). With WebAssembly SIMD eight counters go through the ten rounds
// at once, two groups of four lanes (i64x2.extmul gives the 32x32 -> 64-bit products); the words, and so the
// doubles, are the same integers and exact conversions as philoxDraw + uniformFromWords (philox.h) computes one
// block at a time. test/wasm/core-tests-in-wasm runs their tests as the module runs them.
#pragma once

#include <cstdint>

#include "tsnn/philox.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace tsnn {

#if defined(__wasm_simd128__)
namespace simd {

// hi and lo halves of the four products a[k] * m (unsigned 32 x 32 -> 64 bits). The empty asm hides m's value
// from the compiler: with a constant m, LLVM 14 folds m's extension into an i64x2 constant and emits two extends and
// an i64x2.mul instead of the extmuls, which V8 builds from three 32-bit multiplies per pair of lanes (Philox took
// 15 ns a uniform in WebAssembly then, against 6 natively one block at a time; bench/kernel.mjs normal).
inline void mulhiloX4(v128_t a, uint32_t m, v128_t& hi, v128_t& lo) {
  v128_t mm = wasm_i32x4_splat(static_cast<int32_t>(m));
  __asm__ volatile("" : "+r"(mm));
  const v128_t low = wasm_u64x2_extmul_low_u32x4(a, mm), high = wasm_u64x2_extmul_high_u32x4(a, mm);
  lo = wasm_i32x4_shuffle(low, high, 0, 2, 4, 6);
  hi = wasm_i32x4_shuffle(low, high, 1, 3, 5, 7);
}

// uniformFromWords(hi[k], lo[k]) for lanes 0 and 1 of hi and lo: (hi >> 5)·2^26 + (lo >> 6), times 2^-53; every
// step is exact, as in the scalar function.
inline v128_t uniformsLow(v128_t hi, v128_t lo) {
  const v128_t h = wasm_f64x2_convert_low_u32x4(wasm_u32x4_shr(hi, 5));
  const v128_t l = wasm_f64x2_convert_low_u32x4(wasm_u32x4_shr(lo, 6));
  return wasm_f64x2_mul(wasm_f64x2_add(wasm_f64x2_mul(h, wasm_f64x2_splat(67108864.0)), l),
                        wasm_f64x2_splat(1.0 / 9007199254740992.0));
}

// Lanes 2 and 3 moved down to 0 and 1.
inline v128_t lanes23(v128_t x) { return wasm_i32x4_shuffle(x, x, 2, 3, 2, 3); }

// Lane k of c[g][0..3] becomes word 0..3 of philoxDraw(seed, stream, i + 4g + k, draw), for k = 0..3 and g < kGroups;
// with kAlongDraws, of philoxDraw(seed, stream, i, draw + 4g + k) (one index's consecutive blocks, as a DrawCursor
// walks them). A round's operations wait on each other (about twelve deep, the multiplies included); with two groups
// in one round loop the core works on one while the other waits.
template <int kGroups, bool kAlongDraws = false>
inline void philoxGroups(uint64_t seed, uint64_t stream, uint32_t draw, uint32_t i, v128_t (&c)[kGroups][4]) {
  for (int g = 0; g < kGroups; ++g) {
    const uint32_t first = (kAlongDraws ? draw : i) + 4u * static_cast<uint32_t>(g);
    const int32_t base = static_cast<int32_t>(first);
    const v128_t lanes = wasm_i32x4_make(base, base + 1, base + 2, base + 3);
    c[g][0] = kAlongDraws ? lanes : wasm_i32x4_splat(static_cast<int32_t>(draw));
    c[g][1] = kAlongDraws ? wasm_i32x4_splat(static_cast<int32_t>(i)) : lanes;
    c[g][2] = wasm_i32x4_splat(static_cast<int32_t>(static_cast<uint32_t>(stream)));
    c[g][3] = wasm_i32x4_splat(static_cast<int32_t>(static_cast<uint32_t>(stream >> 32)));
  }
  uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    for (int g = 0; g < kGroups; ++g) {
      v128_t hi0, lo0, hi1, lo1;
      mulhiloX4(c[g][0], kPhiloxMul0, hi0, lo0);
      mulhiloX4(c[g][2], kPhiloxMul1, hi1, lo1);
      c[g][0] = wasm_v128_xor(wasm_v128_xor(hi1, c[g][1]), wasm_i32x4_splat(static_cast<int32_t>(k0)));
      c[g][1] = lo1;
      c[g][2] = wasm_v128_xor(wasm_v128_xor(hi0, c[g][3]), wasm_i32x4_splat(static_cast<int32_t>(k1)));
      c[g][3] = lo0;
    }
    k0 += kPhiloxWeyl0;
    k1 += kPhiloxWeyl1;
  }
}

// Stores the uniforms of words 0-1 (with kUpper, 2-3) of group c's four indices at out[0..3]: words 0-1 of the
// first two indices are lanes 0-1 of c[0], c[1]; of the other two lanes 2-3 (moved down).
template <bool kUpper = false>
inline void storeUniformsX4(const v128_t (&c)[4], double* out) {
  const v128_t& hi = c[kUpper ? 2 : 0];
  const v128_t& lo = c[kUpper ? 3 : 1];
  wasm_v128_store(out, uniformsLow(hi, lo));
  wasm_v128_store(out + 2, uniformsLow(lanes23(hi), lanes23(lo)));
}
}  // namespace simd
#endif

// For index i in [first, end): out[i - first] = the uniform of words 0-1 (with kUpper, words 2-3) of
// philoxDraw(seed, stream, i, draw). So RandomStream{seed, stream}.uniform(i, k) for every i is
// philoxUniformRun<k odd>(seed, stream, k / 2, ...).
template <bool kUpper = false>
inline void philoxUniformRun(uint64_t seed, uint64_t stream, uint32_t draw, uint32_t first, uint32_t end,
                             double* out) {
  uint32_t i = first;
#if defined(__wasm_simd128__)
  for (; i + 8 <= end; i += 8) {
    v128_t c[2][4];
    simd::philoxGroups<2>(seed, stream, draw, i, c);
    simd::storeUniformsX4<kUpper>(c[0], out + (i - first));
    simd::storeUniformsX4<kUpper>(c[1], out + (i - first) + 4);
  }
  for (; i + 4 <= end; i += 4) {
    v128_t c[1][4];
    simd::philoxGroups<1>(seed, stream, draw, i, c);
    simd::storeUniformsX4<kUpper>(c[0], out + (i - first));
  }
#endif
  for (; i < end; ++i) {
    const Philox4x32 r = philoxDraw(seed, stream, i, draw);
    out[i - first] = kUpper ? uniformFromWords(r.v[2], r.v[3]) : uniformFromWords(r.v[0], r.v[1]);
  }
}

// out[m] = the uniform number firstDraw + m of DrawCursor({seed, stream}, index) for m < n: uniform k is words
// 0-1 (k even) or 2-3 (k odd) of philoxDraw(seed, stream, index, k / 2). A connector's draws along one row.
inline void philoxCursorRun(uint64_t seed, uint64_t stream, uint32_t index, uint32_t firstDraw, uint32_t n,
                            double* out) {
  uint32_t m = 0;
  auto one = [&] {
    const uint32_t k = firstDraw + m;
    const Philox4x32 r = philoxDraw(seed, stream, index, k >> 1);
    out[m++] = (k & 1u) ? uniformFromWords(r.v[2], r.v[3]) : uniformFromWords(r.v[0], r.v[1]);
  };
  if (n > 0 && (firstDraw & 1u)) one();
#if defined(__wasm_simd128__)
  // Sixteen uniforms from eight blocks; lane k of a group is block b + k, whose words 0-1 and 2-3 are uniforms 2k
  // and 2k + 1 from here.
  for (; m + 16 <= n; m += 16) {
    v128_t c[2][4];
    simd::philoxGroups<2, true>(seed, stream, (firstDraw + m) >> 1, index, c);
    for (int g = 0; g < 2; ++g) {
      for (int half = 0; half < 2; ++half) {  // lanes 0-1, then 2-3
        v128_t w[4];
        for (int k = 0; k < 4; ++k) w[k] = half ? simd::lanes23(c[g][k]) : c[g][k];
        const v128_t even = simd::uniformsLow(w[0], w[1]), odd = simd::uniformsLow(w[2], w[3]);
        double* o = out + m + 8 * g + 4 * half;
        wasm_v128_store(o, wasm_i64x2_shuffle(even, odd, 0, 2));
        wasm_v128_store(o + 2, wasm_i64x2_shuffle(even, odd, 1, 3));
      }
    }
  }
#endif
  for (; m + 2 <= n; m += 2) {  // from an even uniform: both of a block's
    const Philox4x32 r = philoxDraw(seed, stream, index, (firstDraw + m) >> 1);
    out[m] = uniformFromWords(r.v[0], r.v[1]);
    out[m + 1] = uniformFromWords(r.v[2], r.v[3]);
  }
  if (m < n) one();
}

// The four words of philoxDraw(seed, stream, i, draw) for cells i in [first, end), word k at words[k][i] (the
// Poisson sources' block, which serves four steps: poissonWord in spike_sources.h).
inline void philoxWordRows(uint64_t seed, uint64_t stream, uint32_t draw, uint32_t first, uint32_t end,
                           uint32_t* const words[4]) {
  uint32_t i = first;
#if defined(__wasm_simd128__)
  for (; i + 8 <= end; i += 8) {
    v128_t c[2][4];
    simd::philoxGroups<2>(seed, stream, draw, i, c);
    for (int g = 0; g < 2; ++g)
      for (int k = 0; k < 4; ++k) wasm_v128_store(words[k] + i + 4 * g, c[g][k]);
  }
  for (; i + 4 <= end; i += 4) {
    v128_t c[1][4];
    simd::philoxGroups<1>(seed, stream, draw, i, c);
    for (int k = 0; k < 4; ++k) wasm_v128_store(words[k] + i, c[0][k]);
  }
#endif
  for (; i < end; ++i) {
    const Philox4x32 r = philoxDraw(seed, stream, i, draw);
    for (int k = 0; k < 4; ++k) words[k][i] = r.v[k];
  }
}

}  // namespace tsnn
