// Clipped normals for a run of consecutive indices of one stream: the same doubles as normalClipped(p,
// DrawCursor(stream, i)) (distributions.h) gives index by index, drawn a run at a time for connectivity's weights
// and delays (SynapticValue::atRun), where one draw at a time left a long chain of dependent operations (Philox,
// then the quantile) in every connection. The first uniform of each index comes from philoxUniformRun (four
// indices at once in WebAssembly), the central part of the quantile two indices at a time (simd_pair.h: the same
// IEEE operations in the same order as the scalar code, so the same doubles); the tails (15 % of draws) and the
// redraws of values outside [low, high] go one index at a time through the scalar functions.
#pragma once

#include <cstdint>

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

// mu + sigma x for the two uniforms u when both lie in the quantile's central region (|q| <= 0.425) and both
// values in [low, high]; false otherwise (then the caller draws them one by one).
inline bool clippedNormalPair(F u, const double* p, F& value) {
  const F q = add(sub(u, splat(0.5)), splat(distribution_detail::kHalfUniformStep));
  if (laneBits(le(abs(q), splat(0.425))) != 3u) return false;
  const F r = sub(splat(0.180625), mul(q, q));
  const F x = mul(q, div(horner7X2(r, TSNN_AS241_CENTRAL_NUMERATOR), horner7X2(r, TSNN_AS241_CENTRAL_DENOMINATOR)));
  value = add(splat(p[0]), mul(splat(p[1]), x));
  return laneBits(maskAnd(ge(value, splat(p[2])), le(value, splat(p[3])))) == 3u;
}

}  // namespace simd
#endif

// out[m] = normalClipped(p, DrawCursor(stream, first + m)) for m < n; p = mu, sigma, low, high. NaN where 1000
// rounds found no value in bounds, as normalClipped.
inline void normalClippedRun(const RandomStream& stream, const double* p, uint32_t first, uint32_t n, double* out) {
  philoxUniformRun(stream.seed, stream.stream, 0, first, first + n, out);  // each index's first uniform
  // out[m] from its uniform, one index at a time: the first round from the uniform at hand, later rounds (a value
  // out of bounds) by normalClipped itself, whose first round gives that value again.
  auto one = [&](uint32_t m) {
    const double x = p[0] + p[1] * distribution_detail::normalOfUniform(out[m]);
    if (x >= p[2] && x <= p[3]) {
      out[m] = x;
    } else {
      DrawCursor cursor(stream, first + m);
      out[m] = normalClipped(p, cursor);
    }
  };
  uint32_t m = 0;
#if defined(TSNN_SIMD_PAIR)
  for (; m + 2 <= n; m += 2) {
    simd::F value;
    if (simd::clippedNormalPair(simd::load(out + m), p, value)) {
      simd::store(out + m, value);
    } else {
      one(m);
      one(m + 1);
    }
  }
#endif
  for (; m < n; ++m) one(m);
}

}  // namespace tsnn
