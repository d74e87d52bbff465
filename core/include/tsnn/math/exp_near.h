// e^x for small |x| as a Taylor polynomial, for stepping from a known exponential to a nearby one: e^(a + x) =
// e^a · expNear(x). The adaptive exponential cells' RK4 stages (adex_update.h) take their exponential term this
// way from the first stage's, so that each later stage waits on a short polynomial instead of on a whole dmath::exp
// with its division. Plain IEEE operations in a fixed order, so the same doubles on every backend.
#pragma once

#include "tsnn/fixed_point.h"  // TSNN_HD

namespace tsnn::dmath {

// |x| up to which expNear holds: the first term left out, x^17/17!, is below 2.2e-20 of the result. A stage's x is
// its change of V over ΔT; 0.5 (1 mV in a step at PyNN's ΔT of 2 mV) keeps nearly every step of a driven cell.
constexpr double kExpNearRange = 0.5;

// 1/n! for n = 2 .. 16.
constexpr double kExpNearC2 = 0.5, kExpNearC3 = 0.16666666666666666, kExpNearC4 = 0.041666666666666664,
                 kExpNearC5 = 0.008333333333333333, kExpNearC6 = 0.001388888888888889,
                 kExpNearC7 = 0.0001984126984126984, kExpNearC8 = 2.48015873015873e-05,
                 kExpNearC9 = 2.7557319223985893e-06, kExpNearC10 = 2.755731922398589e-07,
                 kExpNearC11 = 2.505210838544172e-08, kExpNearC12 = 2.08767569878681e-09,
                 kExpNearC13 = 1.6059043836821613e-10, kExpNearC14 = 1.1470745597729725e-11,
                 kExpNearC15 = 7.647163731819816e-13, kExpNearC16 = 4.779477332387385e-14;

// Σ x^n/n!, n = 0 .. 16, by Estrin's scheme (pairs, then x², x⁴, x⁸, x¹⁶): its longest chain is ten operations
// where Horner's is thirty-two. Within 2 ulp of e^x for |x| <= kExpNearRange (test/core/math_functions_test.cpp).
TSNN_HD inline double expNear(double x) {
  const double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4, x16 = x8 * x8;
  const double p01 = 1.0 + x, p23 = kExpNearC2 + kExpNearC3 * x, p45 = kExpNearC4 + kExpNearC5 * x,
               p67 = kExpNearC6 + kExpNearC7 * x, p89 = kExpNearC8 + kExpNearC9 * x,
               p1011 = kExpNearC10 + kExpNearC11 * x, p1213 = kExpNearC12 + kExpNearC13 * x,
               p1415 = kExpNearC14 + kExpNearC15 * x;
  const double p03 = p01 + x2 * p23, p47 = p45 + x2 * p67, p811 = p89 + x2 * p1011, p1215 = p1213 + x2 * p1415;
  const double p07 = p03 + x4 * p47, p815 = p811 + x4 * p1215;
  return (p07 + x8 * p815) + x16 * kExpNearC16;
}

}  // namespace tsnn::dmath
