// Two doubles per instruction, for the uniform fast paths (lif_uniform_simd.h): WebAssembly SIMD (simd128) in the
// WebAssembly build, SSE2 in native x86-64 builds (the server's CPU engine). Every operation here is exact IEEE
// arithmetic or an exact conversion, so both give the per-cell steps' doubles bit for bit (and so each other's:
// test/server/grpc-matches-wasm.test.ts compares the two builds). Other targets (aarch64, CUDA device code) have
// no TSNN_SIMD_PAIR and run the per-cell steps.
#pragma once

#include <cstdint>
#include <cstring>

#include "tsnn/fixed_point.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define TSNN_SIMD_PAIR 1
#elif defined(__SSE2__) && !defined(__CUDA_ARCH__)
#include <emmintrin.h>
#define TSNN_SIMD_PAIR 1
#endif

#if defined(TSNN_SIMD_PAIR)
// For the pair loops' helpers: g++ left thresholdCurrX2 out of line in the server's CPU engine (called twice in
// the unrolled IF_curr_exp loop, 21 % of a native CUBA run in a call passing its pairs through memory).
#define TSNN_PAIR_INLINE inline __attribute__((always_inline))

namespace tsnn::simd {

#if defined(__wasm_simd128__)

using F = v128_t;  // two doubles, or two all-ones / all-zeros lane masks
using I = v128_t;  // two int64

inline F splat(double x) { return wasm_f64x2_splat(x); }
inline F load(const double* p) { return wasm_v128_load(p); }
inline void store(double* p, F x) { wasm_v128_store(p, x); }
inline F add(F a, F b) { return wasm_f64x2_add(a, b); }
inline F sub(F a, F b) { return wasm_f64x2_sub(a, b); }
inline F mul(F a, F b) { return wasm_f64x2_mul(a, b); }
inline F div(F a, F b) { return wasm_f64x2_div(a, b); }
inline F sqrt(F a) { return wasm_f64x2_sqrt(a); }
inline F abs(F a) { return wasm_f64x2_abs(a); }
inline F gt(F a, F b) { return wasm_f64x2_gt(a, b); }
inline F ge(F a, F b) { return wasm_f64x2_ge(a, b); }
inline F le(F a, F b) { return wasm_f64x2_le(a, b); }
inline F eq(F a, F b) { return wasm_f64x2_eq(a, b); }
// Lanes of `whenTrue` where mask is set, of `whenFalse` elsewhere.
inline F select(F mask, F whenTrue, F whenFalse) { return wasm_v128_bitselect(whenTrue, whenFalse, mask); }
inline F maskAnd(F a, F b) { return wasm_v128_and(a, b); }
inline F maskOr(F a, F b) { return wasm_v128_or(a, b); }
inline F maskNot(F a) { return wasm_v128_not(a); }
// Bit k set when lane k of the mask is set (movmskpd; V8's any_true takes five instructions).
inline uint32_t laneBits(F mask) { return wasm_i64x2_bitmask(mask); }

inline I loadBits(const int64_t* p) { return wasm_v128_load(p); }
inline void storeZeroBits(int64_t* p) { wasm_v128_store(p, wasm_i64x2_splat(0)); }
inline I bitsOf(F x) { return x; }
inline F fromBits(I x) { return x; }
inline I splatBits(uint64_t x) { return wasm_i64x2_splat(static_cast<int64_t>(x)); }
inline I andBits(I a, I b) { return wasm_v128_and(a, b); }
inline I orBits(I a, I b) { return wasm_v128_or(a, b); }
inline I xorBits(I a, I b) { return wasm_v128_xor(a, b); }
inline I shiftRightBits(I x, int n) { return wasm_u64x2_shr(x, n); }
inline I shiftLeftBits(I x, int n) { return wasm_i64x2_shl(x, n); }
inline I addBits(I a, I b) { return wasm_i64x2_add(a, b); }
inline I subBits(I a, I b) { return wasm_i64x2_sub(a, b); }
// The low int32 of each int64 lane of x under the high int32 of the same lane of y (one blend).
inline I lowWordsUnder(I x, I y) { return wasm_i32x4_shuffle(x, y, 0, 5, 2, 7); }

// The low int32 of each int64 lane as a double, unsigned, in lanes (0, 1).
inline F lowHalvesUnsigned(I x) { return wasm_f64x2_convert_low_u32x4(wasm_i32x4_shuffle(x, x, 0, 2, 0, 2)); }

inline F loadCounters(const int32_t* p) { return wasm_f64x2_convert_low_i32x4(wasm_v128_load64_zero(p)); }
// a counter c in [0, 2^31) is the low 32 bits of the double c + 2^52 (twoTo52: splat(2^52), from the caller; LLVM
// expands i32x4.trunc_sat_f64x2_zero into scalar code with branches; this is two instructions).
inline void storeCounters(int32_t* p, F r, F twoTo52) {
  const v128_t shifted = wasm_f64x2_add(r, twoTo52);
  wasm_v128_store64_lane(p, wasm_i32x4_shuffle(shifted, shifted, 0, 2, 0, 2), 0);
}

#else  // SSE2

using F = __m128d;
using I = __m128i;

inline F splat(double x) { return _mm_set1_pd(x); }
inline F load(const double* p) { return _mm_loadu_pd(p); }
inline void store(double* p, F x) { _mm_storeu_pd(p, x); }
inline F add(F a, F b) { return _mm_add_pd(a, b); }
inline F sub(F a, F b) { return _mm_sub_pd(a, b); }
inline F mul(F a, F b) { return _mm_mul_pd(a, b); }
inline F div(F a, F b) { return _mm_div_pd(a, b); }
inline F sqrt(F a) { return _mm_sqrt_pd(a); }
inline F abs(F a) { return _mm_andnot_pd(_mm_set1_pd(-0.0), a); }
inline F gt(F a, F b) { return _mm_cmpgt_pd(a, b); }
inline F ge(F a, F b) { return _mm_cmpge_pd(a, b); }
inline F le(F a, F b) { return _mm_cmple_pd(a, b); }
inline F eq(F a, F b) { return _mm_cmpeq_pd(a, b); }
inline F select(F mask, F whenTrue, F whenFalse) {
  return _mm_or_pd(_mm_and_pd(mask, whenTrue), _mm_andnot_pd(mask, whenFalse));
}
inline F maskAnd(F a, F b) { return _mm_and_pd(a, b); }
inline F maskOr(F a, F b) { return _mm_or_pd(a, b); }
inline F maskNot(F a) { return _mm_xor_pd(a, _mm_castsi128_pd(_mm_set1_epi32(-1))); }
inline uint32_t laneBits(F mask) { return static_cast<uint32_t>(_mm_movemask_pd(mask)); }

inline I loadBits(const int64_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline void storeZeroBits(int64_t* p) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm_setzero_si128()); }
inline I bitsOf(F x) { return _mm_castpd_si128(x); }
inline F fromBits(I x) { return _mm_castsi128_pd(x); }
inline I splatBits(uint64_t x) { return _mm_set1_epi64x(static_cast<int64_t>(x)); }
inline I andBits(I a, I b) { return _mm_and_si128(a, b); }
inline I orBits(I a, I b) { return _mm_or_si128(a, b); }
inline I xorBits(I a, I b) { return _mm_xor_si128(a, b); }
inline I shiftRightBits(I x, int n) { return _mm_srli_epi64(x, n); }
inline I shiftLeftBits(I x, int n) { return _mm_slli_epi64(x, n); }
inline I addBits(I a, I b) { return _mm_add_epi64(a, b); }
inline I subBits(I a, I b) { return _mm_sub_epi64(a, b); }
inline I lowWordsUnder(I x, I y) {
  const I lowWords = _mm_set1_epi64x(0xFFFFFFFF);
  return _mm_or_si128(_mm_and_si128(x, lowWords), _mm_andnot_si128(lowWords, y));
}

// SSE2 converts int32 only: an unsigned half read as negative is 2^32 too small, added back exactly.
inline F lowHalvesUnsigned(I x) {
  const F asSigned = _mm_cvtepi32_pd(_mm_shuffle_epi32(x, _MM_SHUFFLE(2, 0, 2, 0)));
  const F negative = _mm_cmplt_pd(asSigned, _mm_setzero_pd());
  return _mm_add_pd(asSigned, _mm_and_pd(negative, _mm_set1_pd(4294967296.0)));
}

inline F loadCounters(const int32_t* p) {
  return _mm_cvtepi32_pd(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}
inline void storeCounters(int32_t* p, F r, F twoTo52) {
  const __m128i shifted = _mm_castpd_si128(_mm_add_pd(r, twoTo52));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(p), _mm_shuffle_epi32(shifted, _MM_SHUFFLE(2, 0, 2, 0)));
}

#endif

// fromFixed of two int64 values, exactly: x = hi·2^32 + lo (lo unsigned), so x / 2^32 = hi + lo·2^-32, rounded
// once, as is (double)x / 2^32 (scaling by a power of two is exact): the same double as the scalar fromFixed, for
// every int64. Neither simd128 nor SSE2 converts int64, so both parts are built as bit patterns: hi with its sign
// bit flipped (hi + 2^31, unsigned) as the mantissa of 2^52 gives 2^52 + 2^31 + hi, and lo as the mantissa of 2^20
// (whose ulp is 2^-32) gives 2^20 + lo·2^-32. The first minus (2^52 + 2^31 + 2^20) is hi - 2^20, exactly (integers
// below 2^53); adding the second rounds once. V8 emits five instructions, against nine for converting each half
// (session 13: the IF_curr_exp kernel 12 % faster in wasm, 20 % natively).
inline F fixedFromBits(I x) {
  static_assert(kFixedScale == 0x1p32, "the bit patterns below place lo at 2^-32");
  const F high = fromBits(xorBits(shiftRightBits(x, 32), splatBits(0x4330000080000000ull)));
  const F low = fromBits(lowWordsUnder(x, splatBits(0x4130000000000000ull)));
  return add(sub(high, splat(0x1p52 + 0x1p31 + 0x1p20)), low);
}

// *p for the values of a loop's rare branch. In WebAssembly it is read from memory where it is used (volatile: the
// compiler can neither hoist it out of the loop nor make it a constant), because V8 keeps every constant of a
// function in a register or spills and reloads it every iteration: a constant used only when a cell spikes cost
// the IF_curr_exp loop a register (session 14: 1.65-1.75 -> 1.59-1.63 ns a cell and step). g++ allocates well
// and is slower with the volatile reads: natively a plain value.
#if defined(__wasm_simd128__)
inline F loadOpaque(const F* p) { return *static_cast<const volatile F*>(p); }
#else
inline F loadOpaque(const F* p) { return *p; }
#endif

// Two doubles as the lanes of a pair (first in lane 0), and lane k of a pair, register to register: built through
// memory, two 8-byte stores read back by one 16-byte load stall the load until the stores retire (no store
// forwarding across two stores).
#if defined(__wasm_simd128__)
inline F lanes(double first, double second) { return wasm_f64x2_make(first, second); }
template <int k>
inline double lane(F x) {
  return wasm_f64x2_extract_lane(x, k);
}
#else
inline F lanes(double first, double second) { return _mm_set_pd(second, first); }
template <int k>
inline double lane(F x) {
  return k == 0 ? _mm_cvtsd_f64(x) : _mm_cvtsd_f64(_mm_unpackhi_pd(x, x));
}
#endif

// Whether both int32 counters at p are zero (neither cell refractory): the common case, one scalar test.
inline bool bothFree(const int32_t* p) {
  uint64_t pair;
  std::memcpy(&pair, p, sizeof pair);
  return pair == 0;
}

}  // namespace tsnn::simd
#endif
