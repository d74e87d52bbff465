#pragma once
// Static weights are stored as float32 (8 bytes a synapse, DESIGN §5). Read back, a stored float32 is given as the
// shortest decimal that rounds to it, as numpy prints a float32: 0.05, not 0.05000000074505806. That is the value
// the script gave for any decimal of up to six significant digits (so PyNN's exact comparisons of what was set
// with what get() returns hold), and sent back it becomes the same float32. Only exact IEEE operations are used
// (no log10), so every backend gives the same double.
#include <cmath>

namespace tsnn {

namespace float32_readback_detail {
// 10^0 ... 10^46: exact up to 10^22; beyond, the nearest double (only compared against, the same everywhere).
inline double powerOfTen(int k) {
  static const double table[47] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23,
                                   1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32, 1e33, 1e34, 1e35,
                                   1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46};
  return table[k];
}
}  // namespace float32_readback_detail

inline double shortestDecimalOf(float stored) {
  using float32_readback_detail::powerOfTen;
  const double x = stored;
  if (x == 0 || !std::isfinite(x)) return x;
  const double a = std::fabs(x);
  // m = floor(log10(a)): 10^m <= a < 10^(m+1).
  int m = 0;
  if (a >= 1) {
    while (m < 38 && a >= powerOfTen(m + 1)) ++m;
  } else {
    while (m > -46 && a * powerOfTen(-m) < 1) --m;
  }
  // A decimal of at most six significant digits is the six-digit rounding of its float32 (they differ by under
  // 6e-8 relative; six-digit decimals are at least 1e-6 apart), so the search starts at six; nine always suffice.
  for (int digits = 6; digits <= 9; ++digits) {
    const int k = digits - 1 - m;  // the decimal is r · 10^-k, r an integer of `digits` digits
    double decimal;
    if (k >= 0 && k <= 22) decimal = std::nearbyint(x * powerOfTen(k)) / powerOfTen(k);
    else if (k < 0 && -k <= 22) decimal = std::nearbyint(x / powerOfTen(-k)) * powerOfTen(-k);
    else break;
    if (static_cast<float>(decimal) == stored) return decimal;
  }
  return x;
}

}  // namespace tsnn
