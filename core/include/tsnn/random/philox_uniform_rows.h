// Philox blocks for a run of consecutive indices (one per cell): the first uniforms of every connection's normal
// (normal_runs.h), and the Poisson sources' words. With WebAssembly SIMD four counters go through the ten rounds
// at once (i64x2.extmul gives the 32x32 -> 64-bit products); the words, and so the doubles, are the same integers
// and exact conversions as philoxDraw + uniformFromWords (philox.h) computes one index at a time.
#pragma once

#include <cstdint>

#include "tsnn/philox.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace tsnn {

#if defined(__wasm_simd128__)
namespace simd {

// hi and lo halves of the four products a[k] * m (unsigned 32 x 32 -> 64 bits).
inline void mulhiloX4(v128_t a, v128_t m, v128_t& hi, v128_t& lo) {
  const v128_t low = wasm_u64x2_extmul_low_u32x4(a, m), high = wasm_u64x2_extmul_high_u32x4(a, m);
  lo = wasm_i32x4_shuffle(low, high, 0, 2, 4, 6);
  hi = wasm_i32x4_shuffle(low, high, 1, 3, 5, 7);
}

// uniformFromWords(hi[k], lo[k]) for lanes 0 and 1 of hi and lo: (hi >> 5)·2^26 + (lo >> 6), times 2^-53; every
// step is exact, as in the scalar function.
inline v128_t uniformFromWordsLow(v128_t hi, v128_t lo) {
  const v128_t h = wasm_f64x2_convert_low_u32x4(wasm_u32x4_shr(hi, 5));
  const v128_t l = wasm_f64x2_convert_low_u32x4(wasm_u32x4_shr(lo, 6));
  return wasm_f64x2_mul(wasm_f64x2_add(wasm_f64x2_mul(h, wasm_f64x2_splat(67108864.0)), l),
                        wasm_f64x2_splat(1.0 / 9007199254740992.0));
}

}  // namespace simd
#endif

#if defined(__wasm_simd128__)
namespace simd {
// Lane k of c0..c3 becomes word 0..3 of philoxDraw(seed, stream, i + k, draw), for k = 0..3.
inline void philoxX4(uint64_t seed, uint64_t stream, uint32_t draw, uint32_t i, v128_t& c0, v128_t& c1, v128_t& c2,
                     v128_t& c3) {
  const v128_t m0 = wasm_i32x4_splat(static_cast<int32_t>(kPhiloxMul0));
  const v128_t m1 = wasm_i32x4_splat(static_cast<int32_t>(kPhiloxMul1));
  c0 = wasm_i32x4_splat(static_cast<int32_t>(draw));
  c1 = wasm_i32x4_make(static_cast<int32_t>(i), static_cast<int32_t>(i + 1), static_cast<int32_t>(i + 2),
                       static_cast<int32_t>(i + 3));
  c2 = wasm_i32x4_splat(static_cast<int32_t>(static_cast<uint32_t>(stream)));
  c3 = wasm_i32x4_splat(static_cast<int32_t>(static_cast<uint32_t>(stream >> 32)));
  uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    v128_t hi0, lo0, hi1, lo1;
    mulhiloX4(c0, m0, hi0, lo0);
    mulhiloX4(c2, m1, hi1, lo1);
    c0 = wasm_v128_xor(wasm_v128_xor(hi1, c1), wasm_i32x4_splat(static_cast<int32_t>(k0)));
    c1 = lo1;
    c2 = wasm_v128_xor(wasm_v128_xor(hi0, c3), wasm_i32x4_splat(static_cast<int32_t>(k1)));
    c3 = lo0;
    k0 += kPhiloxWeyl0;
    k1 += kPhiloxWeyl1;
  }
}
}  // namespace simd
#endif

// For index i in [first, end): out[i - first] = the uniform of words 0-1 of philoxDraw(seed, stream, i, draw).
inline void philoxUniformRun(uint64_t seed, uint64_t stream, uint32_t draw, uint32_t first, uint32_t end,
                             double* out) {
  uint32_t i = first;
#if defined(__wasm_simd128__)
  for (; i + 4 <= end; i += 4) {
    v128_t c0, c1, c2, c3;
    simd::philoxX4(seed, stream, draw, i, c0, c1, c2, c3);
    // Words 0-1 of indices i, i+1 are lanes 0-1 of c0, c1; of indices i+2, i+3 lanes 2-3 (moved down).
    double* o = out + (i - first);
    wasm_v128_store(o, simd::uniformFromWordsLow(c0, c1));
    wasm_v128_store(o + 2, simd::uniformFromWordsLow(wasm_i32x4_shuffle(c0, c0, 2, 3, 2, 3),
                                                     wasm_i32x4_shuffle(c1, c1, 2, 3, 2, 3)));
  }
#endif
  for (; i < end; ++i) {
    const Philox4x32 r = philoxDraw(seed, stream, i, draw);
    out[i - first] = uniformFromWords(r.v[0], r.v[1]);
  }
}

// The four words of philoxDraw(seed, stream, i, draw) for cells i in [first, end), word k at words[k][i] (the
// Poisson sources' block, which serves four steps: poissonWord in spike_sources.h).
inline void philoxWordRows(uint64_t seed, uint64_t stream, uint32_t draw, uint32_t first, uint32_t end,
                           uint32_t* const words[4]) {
  uint32_t i = first;
#if defined(__wasm_simd128__)
  for (; i + 4 <= end; i += 4) {
    v128_t c[4];
    simd::philoxX4(seed, stream, draw, i, c[0], c[1], c[2], c[3]);
    for (int k = 0; k < 4; ++k) wasm_v128_store(words[k] + i, c[k]);
  }
#endif
  for (; i < end; ++i) {
    const Philox4x32 r = philoxDraw(seed, stream, i, draw);
    for (int k = 0; k < 4; ++k) words[k][i] = r.v[k];
  }
}

}  // namespace tsnn
