// exp, expm1, log, pow, sin, cos in plain double arithmetic (after fdlibm, Sun Microsystems 1993), so that x86,
// WebAssembly and CUDA give the same bits inside a time step: libm implementations differ between platforms.
// Accuracy (checked in test/core/math_functions_test.cpp against std::): exp, log, sin, cos within 1 ulp;
// expm1 within 2 ulp; pow within 4e-16·(1 + |y·ln x|) relative (small integer y by exact squaring). sin/cos reduce the argument with a
// three-part pi/2 (Cody–Waite), exact for |x| < 2^19·pi/2 (about 8.2e5); beyond that accuracy degrades.
// Compiled without FMA contraction (core/CMakeLists.txt), every operation is an IEEE double operation.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "tsnn/fixed_point.h"  // TSNN_HD

namespace tsnn {
namespace dmath {

// sqrt, floor and signbit are exact IEEE operations (correctly rounded or exact): the same bits everywhere.
using std::floor;
using std::signbit;
using std::sqrt;

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

TSNN_HD inline bool isNan(double x) { return x != x; }

// Built from bits rather than std::numeric_limits, whose members are host-only under nvcc.
TSNN_HD inline double infinity() { return fromBits(0x7ff0000000000000ULL); }
TSNN_HD inline double quietNan() { return fromBits(0x7ff8000000000000ULL); }

// Round to nearest integer (ties away from zero), in double arithmetic; |x| < 2^52.
TSNN_HD inline double roundNearest(double x) {
  const double shifted = x < 0 ? x - 0.5 : x + 0.5;
  return static_cast<double>(static_cast<int64_t>(shifted));
}

// x * 2^k for a normal-range y and |k| <= 2098, in at most two exact scalings (with one rounding if subnormal).
TSNN_HD inline double scaleByPowerOfTwo(double y, int k) {
  if (k > 1023) {
    y *= fromBits(static_cast<uint64_t>(1023 + 1023) << 52);
    k -= 1023;
    if (k > 1023) k = 1023;
  } else if (k < -1022) {
    y *= fromBits(static_cast<uint64_t>(1023 - 1022) << 52);  // 2^-1022
    k += 1022;
    if (k < -1022) {
      y *= fromBits(static_cast<uint64_t>(1023 - 1022) << 52);
      k += 1022;
      if (k < -1022) k = -1022;
    }
  }
  return y * fromBits(static_cast<uint64_t>(1023 + k) << 52);
}

// ln 2 in two parts (the high one with 32 significant bits, so k·kLn2Hi is exact) and the log's polynomial
// coefficients (fdlibm's e_log.c), shared by exp, log and simd_log.h's two-lane log.
constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLogLg1 = 6.666666666666735130e-01, kLogLg2 = 3.999999999940941908e-01,
                 kLogLg3 = 2.857142874366239149e-01, kLogLg4 = 2.222219843214978396e-01,
                 kLogLg5 = 1.818357216161805012e-01, kLogLg6 = 1.531383769920937332e-01,
                 kLogLg7 = 1.479819860511658591e-01;

// exp's 1/ln 2 and polynomial coefficients (fdlibm's e_exp.c), shared with simd_exp.h's two-lane exp.
constexpr double kExpInvLn2 = 1.44269504088896338700e+00;
constexpr double kExpP1 = 1.66666666666666019037e-01, kExpP2 = -2.77777777770155933842e-03,
                 kExpP3 = 6.61375632143793436117e-05, kExpP4 = -1.65339022054652515390e-06,
                 kExpP5 = 4.13813679705723846039e-08;

TSNN_HD inline double exp(double x) {
  if (isNan(x)) return x;
  if (x > 7.09782712893383973096e+02) return infinity();
  if (x < -7.45133219101941108420e+02) return 0.0;
  if (x > -3.7252902984e-09 && x < 3.7252902984e-09) return 1.0 + x;
  const double k = roundNearest(x * kExpInvLn2);
  const double hi = x - k * kLn2Hi;  // exact: k has at most 11 bits, kLn2Hi 32
  const double lo = k * kLn2Lo;
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (kExpP1 + t * (kExpP2 + t * (kExpP3 + t * (kExpP4 + t * kExpP5))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return scaleByPowerOfTwo(y, static_cast<int>(k));
}

TSNN_HD inline double expm1(double x) {
  if (isNan(x)) return x;
  if (x > 0.5 || x < -0.5) return dmath::exp(x) - 1.0;  // |result| > 0.39: no cancellation to fear
  // Taylor series to x^18/18!: the remainder is below 2^-60 relative for |x| <= 0.5.
  constexpr double kInverseFactorial[17] = {0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05, 2.7557319223985893e-06, 2.755731922398589e-07, 2.505210838544172e-08, 2.08767569878681e-09, 1.6059043836821613e-10, 1.1470745597729725e-11, 7.647163731819816e-13, 4.779477332387385e-14, 2.8114572543455206e-15, 1.5619206968586225e-16};  // 1/2! .. 1/18!
  double sum = kInverseFactorial[16];
  for (int n = 15; n >= 0; --n) sum = kInverseFactorial[n] + x * sum;
  return x + x * (x * sum);
}

TSNN_HD inline double log(double x) {
  if (isNan(x) || x < 0) return quietNan();
  if (x == 0) return -infinity();
  if (x == infinity()) return x;
  int k = 0;
  uint64_t bits = bitsOf(x);
  if ((bits >> 52) == 0) {  // subnormal: scale up by 2^54
    x *= 18014398509481984.0;
    k -= 54;
    bits = bitsOf(x);
  }
  k += static_cast<int>(bits >> 52) - 1023;
  uint64_t mantissa = bits & 0x000fffffffffffffULL;
  // Normalise the mantissa m into [sqrt(2)/2, sqrt(2)): f = m - 1.
  if (mantissa > 0x6a09e667f3bcdULL) {  // m > sqrt(2)
    mantissa |= static_cast<uint64_t>(1022) << 52;  // m / 2
    ++k;
  } else {
    mantissa |= static_cast<uint64_t>(1023) << 52;
  }
  const double f = fromBits(mantissa) - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLogLg2 + w * (kLogLg4 + w * kLogLg6));
  const double t2 = z * (kLogLg1 + w * (kLogLg3 + w * (kLogLg5 + w * kLogLg7)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = static_cast<double>(k);
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * kLn2Lo)) - f);
}

// x^y via exp(y·log x), with the sign rules of C's pow for negative x and integer y.
TSNN_HD inline double pow(double x, double y) {
  if (y == 0) return 1.0;
  if (isNan(x) || isNan(y)) return quietNan();
  if (x == 1.0) return 1.0;
  bool negate = false;
  if (x < 0) {
    const double yi = static_cast<double>(static_cast<int64_t>(y));
    if (y > 9.0e15 || y < -9.0e15) {
      negate = false;
    } else if (yi != y) {
      return quietNan();
    } else {
      negate = (static_cast<int64_t>(y) & 1) != 0;
    }
    x = -x;
  }
  if (x == 0) {
    const double result = y > 0 ? 0.0 : infinity();
    return negate ? -result : result;
  }
  double result;
  if (y == static_cast<double>(static_cast<int>(y)) && y <= 64 && y >= -64) {
    // Small integer powers by squaring: exact where the result is representable (2^10, (-2)^3, x^2).
    int n = static_cast<int>(y < 0 ? -y : y);
    double base = x, product = 1.0;
    while (n != 0) {
      if (n & 1) product *= base;
      base *= base;
      n >>= 1;
    }
    result = y < 0 ? 1.0 / product : product;
  } else {
    result = dmath::exp(y * dmath::log(x));
  }
  return negate ? -result : result;
}

namespace detail {

TSNN_HD inline double kernelSin(double x, double y) {
  constexpr double S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
                   S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
                   S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  const double z = x * x;
  const double v = z * x;
  const double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

TSNN_HD inline double kernelCos(double x, double y) {
  constexpr double C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
                   C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
                   C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  const double z = x * x;
  const double r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const double hz = 0.5 * z;
  const double w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * r - x * y));
}

// x = n·pi/2 + (y0 + y1), |y0 + y1| <= pi/4 (roughly); returns n mod 4.
TSNN_HD inline int reduceHalfPi(double x, double& y0, double& y1) {
  constexpr double kInvPio2 = 6.36619772367581382433e-01;
  constexpr double kPio2_1 = 1.57079632673412561417e+00, kPio2_1t = 6.07710050650619224932e-11;
  constexpr double kPio2_2 = 6.07710050630396597660e-11, kPio2_2t = 2.02226624879595063154e-21;
  constexpr double kPio2_3 = 2.02226624871116645580e-21, kPio2_3t = 8.47842766036889956997e-32;
  if (x > -7.85398163397448278999e-01 && x < 7.85398163397448278999e-01) {
    y0 = x;
    y1 = 0;
    return 0;
  }
  const double fn = roundNearest(x * kInvPio2);
  const int exponentX = static_cast<int>((bitsOf(x) >> 52) & 0x7ff);
  double r = x - fn * kPio2_1;  // exact: fn has at most 20 bits, kPio2_1 33
  double w = fn * kPio2_1t;     // first round, good to 85 bits
  y0 = r - w;
  // Further rounds only when cancellation ate leading bits (fdlibm's e_rem_pio2 "medium" path).
  if (exponentX - static_cast<int>((bitsOf(y0) >> 52) & 0x7ff) > 16) {
    double t = r;
    w = fn * kPio2_2;
    r = t - w;
    w = fn * kPio2_2t - ((t - r) - w);
    y0 = r - w;
    if (exponentX - static_cast<int>((bitsOf(y0) >> 52) & 0x7ff) > 49) {
      t = r;
      w = fn * kPio2_3;
      r = t - w;
      w = fn * kPio2_3t - ((t - r) - w);
      y0 = r - w;
    }
  }
  y1 = (r - y0) - w;
  return static_cast<int>(static_cast<int64_t>(fn) & 3);
}

}  // namespace detail

TSNN_HD inline double sin(double x) {
  if (isNan(x) || x == infinity() || x == -infinity())
    return quietNan();
  if (x > -7.4505806e-09 && x < 7.4505806e-09) return x;
  double y0, y1;
  switch (detail::reduceHalfPi(x, y0, y1)) {
    case 0: return detail::kernelSin(y0, y1);
    case 1: return detail::kernelCos(y0, y1);
    case 2: return -detail::kernelSin(y0, y1);
    default: return -detail::kernelCos(y0, y1);
  }
}

TSNN_HD inline double cos(double x) {
  if (isNan(x) || x == infinity() || x == -infinity())
    return quietNan();
  double y0, y1;
  switch (detail::reduceHalfPi(x, y0, y1)) {
    case 0: return detail::kernelCos(y0, y1);
    case 1: return -detail::kernelSin(y0, y1);
    case 2: return -detail::kernelCos(y0, y1);
    default: return detail::kernelSin(y0, y1);
  }
}


// ---- The rest of what distance/index expressions and the random distributions need, built on the above ----

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kHalfPi = 1.570796326794896619231321691639751442;
constexpr double kLn10 = 2.302585092994045684017991454684364208;

// C's round(): half away from zero.
TSNN_HD inline double roundHalfAway(double x) { return x >= 0.0 ? floor(x + 0.5) : -floor(-x + 0.5); }

// log(1 + x), accurate for small x (Goldberg: the rounding error of 1 + x cancels in x / (u - 1)).
TSNN_HD inline double log1p(double x) {
  const double u = 1.0 + x;
  if (u == 1.0) return x;
  return log(u) * (x / (u - 1.0));
}

TSNN_HD inline double log10(double x) { return log(x) / kLn10; }

TSNN_HD inline double tan(double x) { return sin(x) / cos(x); }

namespace detail {
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
}  // namespace detail

TSNN_HD inline double atan(double x) {
  if (isNan(x)) return x;
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
  double result = base + detail::atanReduced(t);
  if (inverted) result = kHalfPi - result;
  return negative ? -result : result;
}

TSNN_HD inline double atan2(double y, double x) {
  if (isNan(x) || isNan(y)) return quietNan();
  if (x == 0.0 && y == 0.0) return signbit(x) ? (signbit(y) ? -kPi : kPi) : y;
  if (x == 0.0) return y > 0.0 ? kHalfPi : -kHalfPi;
  const double base = atan(y / x);
  if (x > 0.0) return base;
  return signbit(y) ? base - kPi : base + kPi;
}

TSNN_HD inline double asin(double x) {
  if (!(x >= -1.0 && x <= 1.0)) return quietNan();
  return atan2(x, sqrt((1.0 - x) * (1.0 + x)));
}

TSNN_HD inline double acos(double x) {
  if (!(x >= -1.0 && x <= 1.0)) return quietNan();
  return atan2(sqrt((1.0 - x) * (1.0 + x)), x);
}

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

}  // namespace dmath
}  // namespace tsnn
