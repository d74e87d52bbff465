// Philox4x32-10 (Salmon et al. 2011, Random123): a counter-based generator. A value depends only on
// (key, counter), never on call order, so every backend and thread layout draws the same numbers.
// Key = (seed low 32, seed high 32); counter = (draw, index, stream low 32, stream high 32) — docs/architecture.md.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"  // TSNN_HD

namespace tsnn {

struct Philox4x32 {
  uint32_t v[4];
};

TSNN_HD inline void philoxMulhilo(uint32_t a, uint32_t b, uint32_t& hi, uint32_t& lo) {
  const uint64_t product = static_cast<uint64_t>(a) * static_cast<uint64_t>(b);
  hi = static_cast<uint32_t>(product >> 32);
  lo = static_cast<uint32_t>(product);
}

// The round multipliers and the key's Weyl increments (Random123's Philox4x32 constants).
constexpr uint32_t kPhiloxMul0 = 0xD2511F53u, kPhiloxMul1 = 0xCD9E8D57u;
constexpr uint32_t kPhiloxWeyl0 = 0x9E3779B9u, kPhiloxWeyl1 = 0xBB67AE85u;

TSNN_HD inline Philox4x32 philox4x32_10(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1) {
  for (int round = 0; round < 10; ++round) {
    uint32_t hi0, lo0, hi1, lo1;
    philoxMulhilo(kPhiloxMul0, c0, hi0, lo0);
    philoxMulhilo(kPhiloxMul1, c2, hi1, lo1);
    const uint32_t n0 = hi1 ^ c1 ^ k0;
    const uint32_t n1 = lo1;
    const uint32_t n2 = hi0 ^ c3 ^ k1;
    const uint32_t n3 = lo0;
    c0 = n0; c1 = n1; c2 = n2; c3 = n3;
    k0 += kPhiloxWeyl0;
    k1 += kPhiloxWeyl1;
  }
  return Philox4x32{{c0, c1, c2, c3}};
}

// The project's counter layout for one random use (a stream) of one seed.
TSNN_HD inline Philox4x32 philoxDraw(uint64_t seed, uint64_t stream, uint32_t index, uint32_t draw) {
  return philox4x32_10(draw, index, static_cast<uint32_t>(stream), static_cast<uint32_t>(stream >> 32),
                       static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32));
}

// A double in [0, 1) with 53 random bits from two words: exactly representable, identical everywhere.
TSNN_HD inline double uniformFromWords(uint32_t hi, uint32_t lo) {
  return (static_cast<double>(hi >> 5) * 67108864.0 + static_cast<double>(lo >> 6)) * (1.0 / 9007199254740992.0);
}

// A double in (0, 1) from one word, (w + 0.5)·2^-32: exact, never 0 or 1 (the Poisson sources' uniforms).
TSNN_HD inline double uniformFromWord(uint32_t w) { return (static_cast<double>(w) + 0.5) * (1.0 / 4294967296.0); }

}  // namespace tsnn
