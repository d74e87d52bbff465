// The engine's own exp/expm1/log/pow/sin/cos against the C library on many values. Tolerances in units in the
// last place (ulp) of the std:: result: exp, log, sin, cos 1 ulp; expm1 2 ulp; pow 4e-16·(1 + |y·ln x|) relative.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "testing.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/math/exp_near.h"
#include "tsnn/math/simd_exp.h"

namespace dm = tsnn::dmath;

static double ulpDistance(double a, double b) {
  if (a == b) return 0;
  if (std::isnan(a) && std::isnan(b)) return 0;
  const double ulp = std::nextafter(std::fabs(b), std::numeric_limits<double>::infinity()) - std::fabs(b);
  return std::fabs(a - b) / ulp;
}

template <typename Ours, typename Reference>
static double worstUlp(Ours ours, Reference reference, double low, double high, int count, uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::uniform_real_distribution<double> uniform(low, high);
  double worst = 0;
  for (int i = 0; i < count; ++i) {
    const double x = uniform(generator);
    const double d = ulpDistance(ours(x), reference(x));
    if (d > worst) worst = d;
  }
  return worst;
}

TEST(exp_within_one_ulp) {
  auto ours = [](double x) { return dm::exp(x); };
  auto ref = [](double x) { return std::exp(x); };
  CHECK(worstUlp(ours, ref, -1, 1, 100000, 1) <= 1.0);
  CHECK(worstUlp(ours, ref, -700, 700, 100000, 2) <= 1.0);
  CHECK(worstUlp(ours, ref, -1e-6, 1e-6, 10000, 3) <= 1.0);
  CHECK(dm::exp(0.0) == 1.0);
  CHECK(dm::exp(1000.0) == std::numeric_limits<double>::infinity());
  CHECK(dm::exp(-1000.0) == 0.0);
  CHECK(ulpDistance(dm::exp(-740.0), std::exp(-740.0)) <= 1.0);  // subnormal result
}

TEST(expm1_within_two_ulp) {
  auto ours = [](double x) { return dm::expm1(x); };
  auto ref = [](double x) { return std::expm1(x); };
  CHECK(worstUlp(ours, ref, -0.5, 0.5, 100000, 4) <= 2.0);
  CHECK(worstUlp(ours, ref, -1e-9, 1e-9, 10000, 5) <= 2.0);
  CHECK(worstUlp(ours, ref, -30, 30, 100000, 6) <= 2.0);
  CHECK(dm::expm1(0.0) == 0.0);
}

// expNear (exp_near.h), the Taylor polynomial the adaptive exponential cells step their exponential with, over
// its whole range: its truncation is below 2.2e-20, so what is left is rounding.
TEST(exp_near_within_two_ulp_over_its_range) {
  auto ours = [](double x) { return dm::expNear(x); };
  auto ref = [](double x) { return std::exp(x); };
  const double r = dm::kExpNearRange;
  const double worst = worstUlp(ours, ref, -r, r, 200000, 11);
  const double small = worstUlp(ours, ref, -1e-3, 1e-3, 50000, 12);
  std::printf("  expNear: %.2f ulp over [-%g, %g], %.2f ulp over [-1e-3, 1e-3]\n", worst, r, r, small);
  CHECK(worst <= 2.0);
  CHECK(small <= 2.0);
  CHECK(dm::expNear(0.0) == 1.0);
  CHECK(ulpDistance(dm::expNear(r), std::exp(r)) <= 2.0);
  CHECK(ulpDistance(dm::expNear(-r), std::exp(-r)) <= 2.0);
}

TEST(log_within_one_ulp) {
  auto ours = [](double x) { return dm::log(x); };
  auto ref = [](double x) { return std::log(x); };
  CHECK(worstUlp(ours, ref, 0.5, 2, 100000, 7) <= 1.0);
  CHECK(worstUlp(ours, ref, 1e-300, 1e300, 100000, 8) <= 1.0);
  CHECK(worstUlp(ours, ref, 1e-12, 1e-3, 100000, 9) <= 1.0);
  CHECK(dm::log(1.0) == 0.0);
  CHECK(std::isnan(dm::log(-1.0)));
  CHECK(dm::log(0.0) == -std::numeric_limits<double>::infinity());
  CHECK(ulpDistance(dm::log(4.9e-320), std::log(4.9e-320)) <= 1.0);  // subnormal argument
}

TEST(sin_cos_within_one_ulp) {
  auto s = [](double x) { return dm::sin(x); };
  auto sr = [](double x) { return std::sin(x); };
  auto c = [](double x) { return dm::cos(x); };
  auto cr = [](double x) { return std::cos(x); };
  CHECK(worstUlp(s, sr, -1, 1, 100000, 10) <= 1.0);
  CHECK(worstUlp(c, cr, -1, 1, 100000, 11) <= 1.0);
  CHECK(worstUlp(s, sr, -1000, 1000, 100000, 12) <= 1.0);
  CHECK(worstUlp(c, cr, -1000, 1000, 100000, 13) <= 1.0);
  CHECK(worstUlp(s, sr, -8e5, 8e5, 100000, 14) <= 1.0);
  // Near multiples of pi the result is tiny: the three-part reduction keeps it accurate.
  CHECK(ulpDistance(dm::sin(M_PI), std::sin(M_PI)) <= 1.0);
  CHECK(ulpDistance(dm::sin(1000 * M_PI), std::sin(1000 * M_PI)) <= 1.0);
  CHECK(ulpDistance(dm::cos(M_PI / 2), std::cos(M_PI / 2)) <= 1.0);
}

TEST(pow_within_relative_tolerance) {
  std::mt19937_64 generator(15);
  std::uniform_real_distribution<double> base(1e-3, 1e3), exponent(-50, 50);
  int outside = 0;
  for (int i = 0; i < 100000; ++i) {
    const double x = base(generator), y = exponent(generator);
    const double ref = std::pow(x, y);
    // exp(y·log x) amplifies the rounding of y·log x by its magnitude: the bound grows with it.
    const double bound = 4e-16 * (1.0 + std::fabs(y * std::log(x)));
    if (std::fabs(dm::pow(x, y) - ref) > bound * ref) ++outside;
  }
  CHECK(outside == 0);
  CHECK(dm::pow(3.0, -2.0) == 1.0 / 9.0);
  CHECK(dm::pow(2.0, 10.0) == 1024.0);
  CHECK(dm::pow(-2.0, 3.0) == -8.0);
  CHECK(std::isnan(dm::pow(-2.0, 0.5)));
  CHECK(dm::pow(0.0, 2.0) == 0.0);
  CHECK(dm::pow(5.0, 0.0) == 1.0);
}

#if defined(TSNN_SIMD_PAIR)
// The two-lane exp (simd_exp.h) must give dmath::exp's bits in each lane: ordinary pairs on its vector path, and
// pairs with a lane outside it (NaN, infinities, overflow, subnormal results, |x| < 2^-28) through the scalar one.
TEST(exp_two_lanes_gives_the_scalar_bits) {
  const auto bits = [](double x) {
    uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    return b;
  };
  std::vector<double> xs = {0.0, -0.0, 1e-300, -1e-300, 3.7252902984e-09, -3.7252902984e-09, 3.8e-09, -3.8e-09,
                            0.5, -0.5, 0.34657359027997264, -0.34657359027997264, 1.0397207708399179,
                            -708.0, -708.0000001, 709.0, 709.0000001, 709.78, 709.79, -745.1, -745.2, -1000, 1000,
                            std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::quiet_NaN()};
  std::mt19937_64 generator(7);
  std::uniform_real_distribution<double> wide(-720.0, 720.0), narrow(-40.0, 5.0);
  for (int i = 0; i < 200000; ++i) xs.push_back(i % 2 ? wide(generator) : narrow(generator));
  // Ties of the rounding: x·(1/ln 2) at k + 0.5.
  for (int k = -1000; k <= 1000; k += 7) xs.push_back((k + 0.5) / 1.44269504088896338700e+00);
  long same = 0, total = 0;
  for (size_t a = 0; a < xs.size(); ++a) {
    const double in[2] = {xs[a], xs[(a * 7919 + 3) % xs.size()]};
    alignas(16) double out[2];
    tsnn::simd::store(out, tsnn::simd::expX2(tsnn::simd::load(in)));
    for (int lane = 0; lane < 2; ++lane) {
      const double want = dm::exp(in[lane]);
      same += bits(out[lane]) == bits(want) || (std::isnan(out[lane]) && std::isnan(want));
      ++total;
    }
  }
  std::printf("  two-lane exp: %ld of %ld lanes give the scalar bits\n", same, total);
  CHECK(same == total);
}

TEST(exp_near_two_lanes_gives_the_scalar_bits) {
  std::mt19937_64 generator(13);
  std::uniform_real_distribution<double> x(-dm::kExpNearRange, dm::kExpNearRange);
  long same = 0, total = 0;
  for (int i = 0; i < 100000; ++i) {
    const double in[2] = {x(generator), i % 5 == 0 ? 0.0 : x(generator)};
    alignas(16) double out[2];
    tsnn::simd::store(out, tsnn::simd::expNearX2(tsnn::simd::load(in)));
    for (int lane = 0; lane < 2; ++lane) {
      const double want = dm::expNear(in[lane]);
      same += std::memcmp(&out[lane], &want, sizeof want) == 0;
      ++total;
    }
  }
  std::printf("  two-lane expNear: %ld of %ld lanes give the scalar bits\n", same, total);
  CHECK(same == total);
}
#endif

