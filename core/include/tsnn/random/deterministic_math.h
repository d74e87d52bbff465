// exp, log, sin, cos, atan built from +, -, *, / and exact exponent manipulation only, so that x86 (with
// -ffp-contract=off), WebAssembly and CUDA (--fmad=false) produce the same bits. The C library's versions differ
// between glibc, musl (emscripten) and CUDA's libdevice in the last bit, which would change which synapses exist.
// Accuracy: a few ulp on the ranges used by the random distributions and connectivity expressions.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "tsnn/fixed_point.h"  // TSNN_HD

namespace tsnn {
namespace detmath {

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kHalfPi = 1.570796326794896619231321691639751442;
// ln 2 split so that k * kLn2Hi is exact for |k| < 2^20 (fdlibm's constants).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kLn10 = 2.302585092994045684017991454684364208;
// pi/2 in three parts of 33 significant bits (fdlibm's pio2_1, pio2_2, pio2_3) for Cody–Waite reduction.
constexpr double kPio2Part1 = 1.57079632673412561417e+00;
constexpr double kPio2Part2 = 6.07710050630396597660e-11;
constexpr double kPio2Part3 = 2.02226624871116645580e-21;
constexpr double kTwoOverPi = 6.36619772367581382433e-01;

TSNN_HD inline double roundHalfAway(double x) { return x >= 0.0 ? std::floor(x + 0.5) : -std::floor(-x + 0.5); }

// Bit casts (exact, and much faster than frexp/ldexp calls in the hot connectivity loops).
TSNN_HD inline uint64_t bitsOf(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}
TSNN_HD inline double fromBits(uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}
// 2^k for -1022 <= k <= 1023.
TSNN_HD inline double powerOfTwo(int k) { return fromBits(static_cast<uint64_t>(k + 1023) << 52); }

// Natural logarithm. log(0) = -inf, log(negative or NaN) = NaN.
TSNN_HD inline double log(double x) {
  if (!(x > 0.0)) return x == 0.0 ? -INFINITY : NAN;
  if (std::isinf(x)) return x;
  int exponent = 0;
  if (x < 2.2250738585072014e-308) {  // subnormal: scale into the normal range first
    x *= 18014398509481984.0;         // 2^54
    exponent = -54;
  }
  const uint64_t bits = bitsOf(x);
  exponent += static_cast<int>((bits >> 52) & 0x7ff) - 1022;
  double m = fromBits((bits & 0x000fffffffffffffull) | 0x3fe0000000000000ull);  // x = m * 2^exponent, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    exponent -= 1;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series converges below 1e-17 by s^21.
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  double series = 1.0 / 21.0;
  series = series * z + 1.0 / 19.0;
  series = series * z + 1.0 / 17.0;
  series = series * z + 1.0 / 15.0;
  series = series * z + 1.0 / 13.0;
  series = series * z + 1.0 / 11.0;
  series = series * z + 1.0 / 9.0;
  series = series * z + 1.0 / 7.0;
  series = series * z + 1.0 / 5.0;
  series = series * z + 1.0 / 3.0;
  // f - (f - 2s) keeps the leading term exact: 2s = f - s*f.
  const double logM = f - s * (f - 2.0 * z * series);
  const double k = static_cast<double>(exponent);
  return k * kLn2Hi + (logM + k * kLn2Lo);
}

// log(1 + x), accurate for small x (Goldberg's trick: the rounding error of 1 + x cancels in x / (u - 1)).
TSNN_HD inline double log1p(double x) {
  const double u = 1.0 + x;
  if (u == 1.0) return x;
  return log(u) * (x / (u - 1.0));
}

// e^x. Overflows to +inf above 709.78, underflows to 0 below -745.13.
TSNN_HD inline double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return INFINITY;
  if (x < -745.1332191019412) return 0.0;
  const double k = roundHalfAway(x * kInvLn2);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= 0.3466
  // Taylor series of e^r to r^14: remainder below 2e-18 on |r| <= 0.3466.
  double p = 1.0 / 87178291200.0;
  p = p * r + 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  const int e = static_cast<int>(k);
  if (e >= -1022 && e <= 1023) return p * powerOfTwo(e);
  // Results near overflow or in the subnormal range: two exact scalings.
  return e > 0 ? (p * powerOfTwo(e - 1)) * 2.0 : (p * powerOfTwo(e + 54)) * powerOfTwo(-54);
}

// sin and cos of r with |r| <= pi/4 (Taylor series to r^17 / r^18: remainder below 1e-17).
TSNN_HD inline double sinReduced(double r) {
  const double z = r * r;
  double p = -1.0 / 121645100408832000.0;
  p = p * z + 1.0 / 355687428096000.0;
  p = p * z - 1.0 / 1307674368000.0;
  p = p * z + 1.0 / 6227020800.0;
  p = p * z - 1.0 / 39916800.0;
  p = p * z + 1.0 / 362880.0;
  p = p * z - 1.0 / 5040.0;
  p = p * z + 1.0 / 120.0;
  p = p * z - 1.0 / 6.0;
  return r + r * z * p;
}

TSNN_HD inline double cosReduced(double r) {
  const double z = r * r;
  double p = 1.0 / 6402373705728000.0;
  p = p * z - 1.0 / 20922789888000.0;
  p = p * z + 1.0 / 87178291200.0;
  p = p * z - 1.0 / 479001600.0;
  p = p * z + 1.0 / 3628800.0;
  p = p * z - 1.0 / 40320.0;
  p = p * z + 1.0 / 720.0;
  p = p * z - 1.0 / 24.0;
  p = p * z + 0.5;
  return 1.0 - z * p;
}

// Reduces x to r in [-pi/4, pi/4] and the quadrant k mod 4 (exact enough for |x| < 1e9).
TSNN_HD inline double reduceQuadrant(double x, int& quadrant) {
  const double k = roundHalfAway(x * kTwoOverPi);
  const double r = ((x - k * kPio2Part1) - k * kPio2Part2) - k * kPio2Part3;
  const double kMod = k - 4.0 * std::floor(k * 0.25);
  quadrant = static_cast<int>(kMod);
  return r;
}

TSNN_HD inline double sin(double x) {
  if (!std::isfinite(x)) return NAN;
  int quadrant = 0;
  const double r = reduceQuadrant(x, quadrant);
  switch (quadrant) {
    case 0: return sinReduced(r);
    case 1: return cosReduced(r);
    case 2: return -sinReduced(r);
    default: return -cosReduced(r);
  }
}

TSNN_HD inline double cos(double x) {
  if (!std::isfinite(x)) return NAN;
  int quadrant = 0;
  const double r = reduceQuadrant(x, quadrant);
  switch (quadrant) {
    case 0: return cosReduced(r);
    case 1: return -sinReduced(r);
    case 2: return -cosReduced(r);
    default: return sinReduced(r);
  }
}

TSNN_HD inline double tan(double x) { return sin(x) / cos(x); }

// atan(t) for |t| <= tan(pi/8) = 0.41421: odd Taylor series to t^47 (remainder below 1e-18).
TSNN_HD inline double atanReduced(double t) {
  const double z = t * t;
  double p = 0.0;
  for (int n = 23; n >= 1; --n) {
    const double term = ((n & 1) ? -1.0 : 1.0) / static_cast<double>(2 * n + 1);
    p = p * z + term;
  }
  return t + t * z * p;
}

TSNN_HD inline double atan(double x) {
  if (std::isnan(x)) return x;
  const bool negative = x < 0.0;
  double a = negative ? -x : x;
  double base = 0.0;
  bool inverted = false;
  if (a > 1.0) {
    a = 1.0 / a;
    inverted = true;
  }
  double t = a;
  if (a > 0.41421356237309504880) {
    // atan(a) = pi/4 + atan((a - 1) / (a + 1))
    base = 0.78539816339744830962;
    t = (a - 1.0) / (a + 1.0);
  }
  double result = base + atanReduced(t);
  if (inverted) result = kHalfPi - result;
  return negative ? -result : result;
}

TSNN_HD inline double atan2(double y, double x) {
  if (std::isnan(x) || std::isnan(y)) return NAN;
  if (x == 0.0 && y == 0.0) return std::signbit(x) ? (std::signbit(y) ? -kPi : kPi) : y;
  if (x == 0.0) return y > 0.0 ? kHalfPi : -kHalfPi;
  const double base = atan(y / x);
  if (x > 0.0) return base;
  return std::signbit(y) ? base - kPi : base + kPi;
}

TSNN_HD inline double asin(double x) {
  if (!(x >= -1.0 && x <= 1.0)) return NAN;
  return atan2(x, std::sqrt((1.0 - x) * (1.0 + x)));
}

TSNN_HD inline double acos(double x) {
  if (!(x >= -1.0 && x <= 1.0)) return NAN;
  return atan2(std::sqrt((1.0 - x) * (1.0 + x)), x);
}

TSNN_HD inline double log10(double x) { return log(x) / kLn10; }

TSNN_HD inline double sinh(double x) {
  const double e = exp(x);
  return 0.5 * (e - 1.0 / e);
}
TSNN_HD inline double cosh(double x) {
  const double e = exp(x);
  return 0.5 * (e + 1.0 / e);
}
TSNN_HD inline double tanh(double x) {
  if (x > 20.0) return 1.0;
  if (x < -20.0) return -1.0;
  const double e = exp(2.0 * x);
  return (e - 1.0) / (e + 1.0);
}

// x^y: exact repeated squaring for integer exponents (so (-2)^3 = -8 as numpy), exp(y log x) otherwise.
TSNN_HD inline double pow(double x, double y) {
  if (std::isnan(x) || std::isnan(y)) return NAN;
  if (y == 0.0) return 1.0;
  if (y == std::floor(y) && std::fabs(y) <= 1073741824.0) {
    int64_t n = static_cast<int64_t>(std::fabs(y));
    double base = x, result = 1.0;
    while (n > 0) {
      if (n & 1) result *= base;
      base *= base;
      n >>= 1;
    }
    return y < 0.0 ? 1.0 / result : result;
  }
  if (x < 0.0) return NAN;
  if (x == 0.0) return y > 0.0 ? 0.0 : INFINITY;
  return exp(y * log(x));
}

}  // namespace detmath
}  // namespace tsnn
