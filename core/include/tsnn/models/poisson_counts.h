// The event counts of Poisson sources that share one rate, four cells at a time, from their 32-bit words
// (poissonWord, spike_sources.h): the same counts as poissonCountFromUniform(uniformFromWord(w), ...) gives one
// cell at a time on every backend.
//
// Why integers: u = (w + 0.5)·2^-32 reaches the table's bound c exactly when w >= ceil(c·2^32 - 0.5) (every step
// exact: c·2^32 < 2^32 keeps 21 fraction bits), so the count is how many integer bounds w reaches. Four words fit
// one vector where two doubles did, and the word needs no conversion.
#pragma once

#include <cmath>
#include <cstdint>

#include "tsnn/models/spike_sources.h"
#include "tsnn/philox.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define TSNN_POISSON_X4 1
#elif defined(__SSE2__) && !defined(__CUDA_ARCH__)
#include <emmintrin.h>
#define TSNN_POISSON_X4 1
#endif

namespace tsnn {

// bound[m]: the least word whose uniform reaches table.cumulative[m], or 2^32 - 1 where no word does (at low rates
// the last entries round to 1). That stand-in is safe: the only word it would count wrongly, 2^32 - 1, is at or
// beyond the last bound, so it takes the scalar path. `usable`: the table is exact.
struct PoissonWordTable {
  uint32_t bound[kPoissonTable];
  bool usable;
};

inline PoissonWordTable poissonWordTable(const PoissonTable& table) {
  PoissonWordTable words{};
  words.usable = table.exact;
  for (uint32_t m = 0; m < kPoissonTable; ++m) {
    const double least = std::ceil(table.cumulative[m] * 4294967296.0 - 0.5);
    words.bound[m] = least <= 0.0 ? 0u : least >= 4294967295.0 ? 0xffffffffu : static_cast<uint32_t>(least);
  }
  return words;
}

#if defined(TSNN_POISSON_X4)
namespace simd {
// Signed compares of words with their top bit flipped order them as unsigned (wasm's u32x4.ge takes V8 two
// instructions, SSE2 has none).
#if defined(__wasm_simd128__)
using W = v128_t;
inline W flipTop(W x) { return wasm_v128_xor(x, wasm_i32x4_splat(INT32_MIN)); }
inline W loadWords(const uint32_t* p) { return flipTop(wasm_v128_load(p)); }
inline W splatWord(uint32_t w) { return flipTop(wasm_i32x4_splat(static_cast<int32_t>(w))); }
inline W greater(W a, W b) { return wasm_i32x4_gt(a, b); }
inline W addWords(W a, W b) { return wasm_i32x4_add(a, b); }
inline bool allLanes(W mask) { return wasm_i32x4_bitmask(mask) == 0xf; }
inline void storeWords(int32_t* p, W x) { wasm_v128_store(p, x); }
#else
using W = __m128i;
inline W flipTop(W x) { return _mm_xor_si128(x, _mm_set1_epi32(INT32_MIN)); }
inline W loadWords(const uint32_t* p) { return flipTop(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }
inline W splatWord(uint32_t w) { return flipTop(_mm_set1_epi32(static_cast<int32_t>(w))); }
inline W greater(W a, W b) { return _mm_cmpgt_epi32(a, b); }
inline W addWords(W a, W b) { return _mm_add_epi32(a, b); }
inline bool allLanes(W mask) { return _mm_movemask_epi8(mask) == 0xffff; }
inline void storeWords(int32_t* p, W x) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), x); }
#endif
}  // namespace simd
#endif

// emit(cell, count) for cells [begin, end) in order, the count of cell i from words[i]. Four cells at a time: a
// count is kPoissonTable - 1 minus the number of bounds above the word; four cells one of which reaches the last
// bound (0.2 % of cells at 2.3 events per step) take the scalar path.
template <typename Emit>
inline void forEachPoissonWordCount(const PoissonTable& table, const PoissonWordTable& wordTable, double lambda,
                                double emptyProbability, const uint32_t* words, uint32_t begin, uint32_t end,
                                Emit emit) {
  uint32_t i = begin;
#if defined(TSNN_POISSON_X4)
  if (wordTable.usable) {
    simd::W bound[kPoissonTable];
    for (uint32_t m = 0; m < kPoissonTable; ++m) bound[m] = simd::splatWord(wordTable.bound[m]);
    alignas(16) int32_t above[4];
    for (; i + 4 <= end; i += 4) {
      const simd::W w = simd::loadWords(words + i);
      if (!simd::allLanes(simd::greater(bound[kPoissonTable - 1], w))) {
        for (uint32_t k = 0; k < 4; ++k)
          emit(i + k, poissonCountFromTable(uniformFromWord(words[i + k]), table, lambda, emptyProbability));
        continue;
      }
      simd::W count = simd::greater(bound[0], w);  // -1 where the bound lies above the word
      for (uint32_t m = 1; m < kPoissonTable - 1; ++m) count = simd::addWords(count, simd::greater(bound[m], w));
      simd::storeWords(above, count);
      for (uint32_t k = 0; k < 4; ++k)
        emit(i + k, static_cast<uint32_t>(static_cast<int32_t>(kPoissonTable - 1) + above[k]));
    }
  }
#endif
  for (; i < end; ++i) emit(i, poissonCountFromTable(uniformFromWord(words[i]), table, lambda, emptyProbability));
}

}  // namespace tsnn
