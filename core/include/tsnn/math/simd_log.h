// dmath::log (deterministic_math.h) on two lanes (simd_pair.h: WebAssembly SIMD or SSE2), for the normal quantile's
// tails (normal_runs.h). The same IEEE operations in the same order as the scalar function, so the same doubles.
#pragma once

#include <cstdint>

#include "tsnn/math/deterministic_math.h"
#include "tsnn/models/simd_pair.h"

#if defined(TSNN_SIMD_PAIR)
namespace tsnn::simd {

// dmath::log(x) for positive, finite, normal x in both lanes (no NaN, zero, infinity or subnormal: the caller's
// inputs lie in [2^-54, 1)). The scalar function's branch on the mantissa is a select here: the mantissa m with
// exponent 0, as the double 1.m, exceeds sqrt(2) exactly when its bits exceed sqrt(2)'s (one exponent, so the order
// of the bits is the order of the values), and halving 1.m sets exponent -1 with the same mantissa, as the scalar
// code's `mantissa | 1022 << 52` does.
inline F logX2(F x) {
  const I bits = bitsOf(x);
  const F oneDotMantissa =
      fromBits(orBits(andBits(bits, splatBits(0x000fffffffffffffULL)), splatBits(uint64_t{1023} << 52)));
  const F big = gt(oneDotMantissa, fromBits(splatBits(0x3ff6a09e667f3bcdULL)));
  const F m = select(big, mul(oneDotMantissa, splat(0.5)), oneDotMantissa);
  // k = exponent - 1023 (+1 where halved), exact integers in double arithmetic
  const F exponent = lowHalvesUnsigned(shiftRightBits(bits, 52));
  const F dk = add(sub(exponent, splat(1023.0)), select(big, splat(1.0), splat(0.0)));
  const F f = sub(m, splat(1.0));
  const F s = div(f, add(splat(2.0), f));
  const F z = mul(s, s);
  const F w = mul(z, z);
  // t1 = w·(Lg2 + w·(Lg4 + w·Lg6)), t2 = z·(Lg1 + w·(Lg3 + w·(Lg5 + w·Lg7))), nested as the scalar code nests them
  const F t1Inner = add(splat(dmath::kLogLg4), mul(w, splat(dmath::kLogLg6)));
  const F t1 = mul(w, add(splat(dmath::kLogLg2), mul(w, t1Inner)));
  const F t2Inner = add(splat(dmath::kLogLg5), mul(w, splat(dmath::kLogLg7)));
  const F t2 = mul(z, add(splat(dmath::kLogLg1), mul(w, add(splat(dmath::kLogLg3), mul(w, t2Inner)))));
  const F r = add(t2, t1);
  const F hfsq = mul(mul(splat(0.5), f), f);
  const F low = add(mul(s, add(hfsq, r)), mul(dk, splat(dmath::kLn2Lo)));
  return sub(mul(dk, splat(dmath::kLn2Hi)), sub(sub(hfsq, low), f));
}

}  // namespace tsnn::simd
#endif
