// dmath::exp (deterministic_math.h) on two lanes (simd_pair.h: WebAssembly SIMD or SSE2), for the adaptive
// exponential cells' RK4 stages (adex_pairs.h). The same IEEE operations in the same order as the scalar function,
// so the same doubles; a lane outside the ordinary range takes the scalar function itself.
#pragma once

#include <cstdint>

#include "tsnn/math/deterministic_math.h"
#include "tsnn/math/exp_near.h"
#include "tsnn/models/simd_pair.h"

#if defined(TSNN_SIMD_PAIR)
namespace tsnn::simd {

// 1.5·2^52: x + kRoundingShift - kRoundingShift is x rounded to an integer for |x| < 2^51, and the bits of
// k + kRoundingShift are those of kRoundingShift plus the integer k.
constexpr double kRoundingShift = 6755399441055744.0;

// dmath::roundNearest (half away from zero, then truncation toward zero) for |x| < 2^50, without leaving the
// doubles: the nearest integer of x ± 0.5 moved one toward zero where it lies beyond x ± 0.5.
TSNN_PAIR_INLINE F roundNearestX2(F x) {
  const F negative = gt(splat(0.0), x);
  const F shifted = select(negative, sub(x, splat(0.5)), add(x, splat(0.5)));
  const F nearest = sub(add(shifted, splat(kRoundingShift)), splat(kRoundingShift));
  const F floor = select(gt(nearest, shifted), sub(nearest, splat(1.0)), nearest);
  const F ceil = select(gt(shifted, nearest), add(nearest, splat(1.0)), nearest);
  return select(negative, ceil, floor);
}

// Lanes where dmath::exp takes the path expX2 follows: x in [-708, 709] (2^k normal, no scaling in two steps) and
// not within 2^-28 of 0 (where the scalar function returns 1 + x). NaN is not ordinary.
TSNN_PAIR_INLINE F expOrdinary(F x) {
  const F inRange = maskAnd(ge(x, splat(-708.0)), le(x, splat(709.0)));
  return maskAnd(inRange, maskNot(le(abs(x), splat(3.7252902984e-09))));
}

// dmath::exp(x) where expOrdinary(x) is set in both lanes.
TSNN_PAIR_INLINE F expOrdinaryX2(F x) {
  const F k = roundNearestX2(mul(x, splat(dmath::kExpInvLn2)));
  const F hi = sub(x, mul(k, splat(dmath::kLn2Hi)));
  const F lo = mul(k, splat(dmath::kLn2Lo));
  const F r = sub(hi, lo);
  const F t = mul(r, r);
  const F poly = add(splat(dmath::kExpP1),
                     mul(t, add(splat(dmath::kExpP2),
                                mul(t, add(splat(dmath::kExpP3), mul(t, add(splat(dmath::kExpP4), mul(t, splat(dmath::kExpP5)))))))));
  const F c = sub(r, mul(t, poly));
  const F y = sub(splat(1.0), sub(sub(lo, div(mul(r, c), sub(splat(2.0), c))), hi));
  // 2^k from k's bits: (k + 1023) << 52
  const I kBits = subBits(bitsOf(add(k, splat(kRoundingShift))), bitsOf(splat(kRoundingShift)));
  return mul(y, fromBits(shiftLeftBits(addBits(kBits, splatBits(1023)), 52)));
}

// dmath::exp on two lanes: the vector path where both lanes are ordinary, the scalar function lane by lane else.
TSNN_PAIR_INLINE F expX2(F x) {
  if (laneBits(expOrdinary(x)) == 3u) return expOrdinaryX2(x);
  alignas(16) double lanes[2];
  store(lanes, x);
  lanes[0] = dmath::exp(lanes[0]);
  lanes[1] = dmath::exp(lanes[1]);
  return load(lanes);
}

// dmath::expNear on two lanes, operation for operation.
TSNN_PAIR_INLINE F expNearX2(F x) {
  using namespace dmath;
  const F x2 = mul(x, x), x4 = mul(x2, x2), x8 = mul(x4, x4), x16 = mul(x8, x8);
  const auto pair = [&](double even, double odd) { return add(splat(even), mul(splat(odd), x)); };
  const F p01 = add(splat(1.0), x), p23 = pair(kExpNearC2, kExpNearC3), p45 = pair(kExpNearC4, kExpNearC5),
          p67 = pair(kExpNearC6, kExpNearC7), p89 = pair(kExpNearC8, kExpNearC9),
          p1011 = pair(kExpNearC10, kExpNearC11), p1213 = pair(kExpNearC12, kExpNearC13),
          p1415 = pair(kExpNearC14, kExpNearC15);
  const F p03 = add(p01, mul(x2, p23)), p47 = add(p45, mul(x2, p67)), p811 = add(p89, mul(x2, p1011)),
          p1215 = add(p1213, mul(x2, p1415));
  const F p07 = add(p03, mul(x4, p47)), p815 = add(p811, mul(x4, p1215));
  return add(add(p07, mul(x8, p815)), mul(x16, splat(kExpNearC16)));
}

}  // namespace tsnn::simd
#endif  // TSNN_SIMD_PAIR
