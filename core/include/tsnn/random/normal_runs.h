// Clipped normals for a run of consecutive indices of one stream: the same doubles as normalClipped(p,
// DrawCursor(stream, i)) (distributions.h) gives index by index, drawn a run at a time for connectivity's weights
// and delays (SynapticValue::atRun), where one draw at a time left a long chain of dependent operations (Philox,
// then the quantile) in every connection. The first uniform of each index comes from philoxUniformRun (eight
// indices at once in WebAssembly). The quantile goes two lanes at a time (simd_pair.h: the same IEEE operations in
// the same order as the scalar code, so the same doubles): first the central part for every pair, then the tails
// (15 % of draws) two at a time; the far tails (p < 1.4e-11) and the redraws of values outside [low, high] go one
// index at a time through the scalar functions.
#pragma once

#include <algorithm>
#include <cstdint>

#include "tsnn/math/simd_log.h"
#include "tsnn/models/simd_pair.h"
#include "tsnn/random/distributions.h"
#include "tsnn/random/philox_uniform_rows.h"

namespace tsnn {

#if defined(TSNN_SIMD_PAIR)
namespace simd {

// horner7 (distributions.h) on two lanes.
inline F horner7X2(F r, double c7, double c6, double c5, double c4, double c3, double c2, double c1, double c0) {
  F acc = add(mul(splat(c7), r), splat(c6));
  acc = add(mul(acc, r), splat(c5));
  acc = add(mul(acc, r), splat(c4));
  acc = add(mul(acc, r), splat(c3));
  acc = add(mul(acc, r), splat(c2));
  acc = add(mul(acc, r), splat(c1));
  return add(mul(acc, r), splat(c0));
}

// q (the uniform's offset from 1/2, as normalOfUniform computes it) for the uniforms u.
inline F quantileOffsetX2(F u) { return add(sub(u, splat(0.5)), splat(distribution_detail::kHalfUniformStep)); }

// normalQuantileOffset(q) where |q| <= 0.425 (lanes beyond it get a value of no use).
inline F centralQuantileX2(F q) {
  const F r = sub(splat(0.180625), mul(q, q));
  return mul(q, div(horner7X2(r, TSNN_AS241_CENTRAL_NUMERATOR), horner7X2(r, TSNN_AS241_CENTRAL_DENOMINATOR)));
}

// normalQuantileOffset(q) where 0.425 < |q| < 1/2 and r = sqrt(-ln(1/2 - |q|)) <= 5 in both lanes; false (x unset)
// where a lane lies in the far tail (r > 5, probability 1.4e-11), which the caller draws with the scalar function.
inline bool tailQuantileX2(F q, F& x) {
  const F r = sqrt(sub(splat(0.0), logX2(sub(splat(0.5), abs(q)))));  // 0 - ln: the scalar's negation (ln < 0)
  if (laneBits(le(r, splat(5.0))) != 3u) return false;
  const F t = sub(r, splat(1.6));
  const F magnitude =
      div(horner7X2(t, TSNN_AS241_INTERMEDIATE_NUMERATOR), horner7X2(t, TSNN_AS241_INTERMEDIATE_DENOMINATOR));
  x = select(ge(q, splat(0.0)), magnitude, sub(splat(0.0), magnitude));  // q < 0: -x, as the scalar sign flip
  return true;
}

}  // namespace simd
#endif

// out[m] = normalClipped(p, DrawCursor(stream, first + m)) for m < n; p = mu, sigma, low, high. NaN where 1000
// rounds found no value in bounds, as normalClipped.
inline void normalClippedRun(const RandomStream& stream, const double* p, uint32_t first, uint32_t n, double* out) {
  philoxUniformRun(stream.seed, stream.stream, 0, first, first + n, out);  // each index's first uniform
  // The first round's value x (from the uniform at hand); a value out of bounds is drawn again by normalClipped,
  // whose first round gives that value again.
  auto keepOrRedraw = [&](uint32_t m, double x) {
    if (x >= p[2] && x <= p[3]) {
      out[m] = x;
    } else {
      DrawCursor cursor(stream, first + m);
      out[m] = normalClipped(p, cursor);
    }
  };
  uint32_t m = 0;
#if defined(TSNN_SIMD_PAIR)
  const simd::F mu = simd::splat(p[0]), sigma = simd::splat(p[1]);
  constexpr uint32_t kChunk = 256;
  uint32_t tail[kChunk + 2];
  double tailQ[kChunk + 2];
  for (; m + 2 <= n;) {
    const uint32_t stop = std::min(m + kChunk, n & ~1u);
    // Every pair's central value, its tails listed (index and q) with a branch-free append.
    uint32_t tails = 0;
    for (uint32_t k = m; k < stop; k += 2) {
      const simd::F q = simd::quantileOffsetX2(simd::load(out + k));
      const uint32_t central = simd::laneBits(simd::le(simd::abs(q), simd::splat(0.425)));
      alignas(16) double qs[2];
      simd::store(qs, q);
      simd::store(out + k, simd::add(mu, simd::mul(sigma, simd::centralQuantileX2(q))));
      tail[tails] = k;
      tailQ[tails] = qs[0];
      tails += (central & 1u) ^ 1u;
      tail[tails] = k + 1;
      tailQ[tails] = qs[1];
      tails += (central >> 1) ^ 1u;
    }
    // The tails two at a time; the last odd one and far tails one at a time.
    auto tailOneByOne = [&](uint32_t t) {
      out[tail[t]] = p[0] + p[1] * distribution_detail::normalQuantileOffset(tailQ[t]);
    };
    uint32_t t = 0;
    for (; t + 2 <= tails; t += 2) {
      simd::F x;
      if (simd::tailQuantileX2(simd::load(tailQ + t), x)) {
        alignas(16) double values[2];
        simd::store(values, simd::add(mu, simd::mul(sigma, x)));
        out[tail[t]] = values[0];
        out[tail[t + 1]] = values[1];
      } else {
        tailOneByOne(t);
        tailOneByOne(t + 1);
      }
    }
    if (t < tails) tailOneByOne(t);
    // Values outside [low, high] drawn again.
    const simd::F low = simd::splat(p[2]), high = simd::splat(p[3]);
    for (uint32_t k = m; k < stop; k += 2) {
      const simd::F value = simd::load(out + k);
      if (simd::laneBits(simd::maskAnd(simd::ge(value, low), simd::le(value, high))) != 3u) {
        keepOrRedraw(k, out[k]);
        keepOrRedraw(k + 1, out[k + 1]);
      }
    }
    m = stop;
  }
#endif
  for (; m < n; ++m) keepOrRedraw(m, p[0] + p[1] * distribution_detail::normalOfUniform(out[m]));
}

}  // namespace tsnn
