// The random layer against independent truths: Random123's published Philox4x32-10 known-answer vectors read
// through RandomStream's counter layout, and the analytic moments of each distribution with fixed seeds
// (tolerances: 5 standard errors of the sample statistic).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/random/distributions.h"
#include "tsnn/random/normal_runs.h"
#include "tsnn/random/random_stream.h"

using namespace tsnn;

namespace {

double wordsToUniform(uint32_t hi, uint32_t lo) {
  // 27 bits of hi then 26 of lo, as a fraction of 2^53.
  return (std::ldexp(static_cast<double>(hi >> 5), 26) + static_cast<double>(lo >> 6)) / std::ldexp(1.0, 53);
}

struct Moments {
  double mean = 0, variance = 0, meanStdErr = 0, varianceStdErr = 0;
};

Moments sampleMoments(DistributionKind kind, std::vector<double> params, int n, uint64_t seed = 12345,
                      std::vector<double>* keep = nullptr) {
  const DistributionParams dist = validateDistribution(static_cast<uint32_t>(kind), params, "test");
  const RandomStream rs{seed, 7};
  std::vector<double> xs(n);
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    DrawCursor cursor(rs, static_cast<uint32_t>(i));
    xs[i] = sampleDistribution(dist, cursor);
    sum += xs[i];
  }
  Moments m;
  m.mean = sum / n;
  double m2 = 0, m4 = 0;
  for (double x : xs) {
    const double d = x - m.mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m4 /= n;
  m.variance = m2 * n / (n - 1);
  m.meanStdErr = std::sqrt(m2 / n);
  m.varianceStdErr = std::sqrt((m4 - m2 * m2) / n);
  if (keep) *keep = xs;
  return m;
}

void checkMoments(const Moments& m, double mean, double variance) {
  CHECK_NEAR(m.mean, mean, 5 * m.meanStdErr);
  CHECK_NEAR(m.variance, variance, 5 * m.varianceStdErr);
}

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double normalPdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }

}  // namespace

TEST(random123_known_answers_through_the_stream_layer) {
  // Random123 kat_vectors: philox4x32_10, ctr = (243f6a88 85a308d3 13198a2e 03707344), key = (a4093822 299f31d0).
  const RandomStream rs{0x299f31d0a4093822ull, 0x0370734413198a2eull};
  const uint32_t index = 0x85a308d3u, blockNumber = 0x243f6a88u;
  CHECK(rs.uniform(index, 2 * blockNumber) == wordsToUniform(0xd16cfe09u, 0x94fdccebu));
  CHECK(rs.uniform(index, 2 * blockNumber + 1) == wordsToUniform(0x5001e420u, 0x24126ea1u));
  // ctr = 0, key = 0 -> 6627e8d5 e169c58d bc57ac4c 9b00dbd8
  const RandomStream zero{0, 0};
  CHECK(zero.uniform(0, 0) == wordsToUniform(0x6627e8d5u, 0xe169c58du));
  CHECK(zero.uniform(0, 1) == wordsToUniform(0xbc57ac4cu, 0x9b00dbd8u));
  // key and stream all ones, index all ones, block 0x7fffffff is outside the published vectors: check that the
  // highest reachable block differs from its neighbour (the draw number reaches the counter's first word).
  const RandomStream ones{~0ull, ~0ull};
  CHECK(ones.uniform(~0u, ~0u) != ones.uniform(~0u, ~0u - 2));
  // The cursor walks the same numbers.
  DrawCursor cursor(zero, 0);
  CHECK(cursor.uniform() == wordsToUniform(0x6627e8d5u, 0xe169c58du));
  CHECK(cursor.uniform() == wordsToUniform(0xbc57ac4cu, 0x9b00dbd8u));
  CHECK(cursor.drawsUsed() == 2);
}

TEST(uniform_and_uniform_int_moments) {
  checkMoments(sampleMoments(DistributionKind::Uniform, {-2.0, 6.0}, 100000), 2.0, 64.0 / 12.0);
  std::vector<double> xs;
  checkMoments(sampleMoments(DistributionKind::UniformInt, {0.0, 10.0}, 100000, 3, &xs), 4.5, 99.0 / 12.0);
  bool integral = true;
  for (double x : xs) integral = integral && x == std::floor(x) && x >= 0 && x <= 9;
  CHECK(integral);
}

TEST(normal_and_lognormal_moments) {
  checkMoments(sampleMoments(DistributionKind::Normal, {-58.0, 10.0}, 100000), -58.0, 100.0);
  const double mu = 0.5, s = 0.4;
  checkMoments(sampleMoments(DistributionKind::Lognormal, {mu, s}, 100000), std::exp(mu + s * s / 2),
               (std::exp(s * s) - 1) * std::exp(2 * mu + s * s));
}

// The quantile function behind every normal draw, against glibc's erfc (an independent implementation): at
// p = 2^e (1 + m/64) from 2^-54 to 1/2, Phi(x) must give p back within 1e-13 relative. AS 241 is good to about
// 1e-16 in x (measured here: 2.6e-14 in p at worst); the bound leaves room for erfc's own error and the
// amplification |x| dx in the tails. Changing the tenth digit of a central coefficient, or the eleventh of a tail
// one, fails it (tried on one coefficient of each region).
TEST(normal_quantile_inverts_the_normal_cdf) {
  double worst = 0;
  int checked = 0;
  for (int e = -54; e <= -2; ++e) {
    for (int m = 0; m < 64; ++m) {
      // q near -1/2 has a spacing of 2^-54, so below 2^-48 the grid's p is rounded: p is 1/2 + q, exactly
      const double q = -(0.5 - std::ldexp(1.0 + m / 64.0, e)), p = 0.5 + q;
      const double x = distribution_detail::normalQuantileOffset(q);
      worst = std::fmax(worst, std::fabs(normalCdf(x) - p) / p);
      // and the upper half by symmetry: the quantile at 1 - p is minus the one at p, exactly
      CHECK(distribution_detail::normalQuantileOffset(-q) == -x);
      ++checked;
    }
  }
  CHECK(checked == 53 * 64);
  CHECK(worst < 1e-13);
}

// 10^6 draws in 200 bins of equal width over [-5, 5] plus the two tails: the counts against the normal's
// probabilities by chi-square (202 cells, 201 degrees of freedom; 290 is its 99.99th percentile), and the far
// tails |x| > 4 (expected 63.3) within 5 standard deviations.
TEST(normal_draws_fit_the_normal_distribution) {
  const DistributionParams dist = validateDistribution(static_cast<uint32_t>(DistributionKind::Normal), {0.0, 1.0},
                                                       "test");
  const RandomStream rs{2026, 11};
  const int n = 1000000, bins = 200;
  std::vector<double> counts(bins + 2, 0.0);
  int far = 0;
  for (int i = 0; i < n; ++i) {
    DrawCursor cursor(rs, static_cast<uint32_t>(i));
    const double x = sampleDistribution(dist, cursor);
    const int bin = x < -5 ? 0 : x >= 5 ? bins + 1 : 1 + static_cast<int>(std::floor((x + 5) / 10 * bins));
    counts[std::min(bin, bins)] += 1;  // x just below 5 may round into bin `bins + 1`
    far += std::fabs(x) > 4;
  }
  double chiSquare = 0;
  for (int b = 0; b <= bins + 1; ++b) {
    const double lo = b == 0 ? -INFINITY : -5 + 10.0 * (b - 1) / bins;
    const double hi = b == bins + 1 ? INFINITY : -5 + 10.0 * b / bins;
    const double expected = n * (normalCdf(hi) - normalCdf(lo));
    chiSquare += (counts[b] - expected) * (counts[b] - expected) / expected;
  }
  CHECK(chiSquare < 290);
  const double farExpected = n * 2 * normalCdf(-4);
  CHECK_NEAR(far, farExpected, 5 * std::sqrt(farExpected));
}

// The run-at-a-time draws (SIMD pairs, four-lane Philox in WebAssembly) against normalClipped one index at a time:
// bit for bit, for odd lengths and offsets, bounds that reject often (a redraw), never, on one side only, and
// always (NaN), and a run across the quantile's tails.
TEST(normal_clipped_runs_equal_the_draws_one_by_one) {
  const RandomStream rs{77, 5};
  const double cases[][4] = {{1.5, 0.75, 0.1, INFINITY}, {0.0, 1.0, -0.3, 0.4}, {-2.0, 0.5, -INFINITY, -2.0},
                             {0.0, 1.0, -INFINITY, INFINITY}, {0.0, 1.0, 50.0, 60.0}};
  for (const auto& p : cases) {
    for (const uint32_t first : {0u, 3u, 1000001u}) {
      const uint32_t n = 1001;
      std::vector<double> run(n);
      normalClippedRun(rs, p, first, n, run.data());
      int same = 0;
      for (uint32_t m = 0; m < n; ++m) {
        DrawCursor cursor(rs, first + m);
        const double one = normalClipped(p, cursor);
        same += (std::isnan(one) && std::isnan(run[m])) || std::memcmp(&one, &run[m], sizeof one) == 0;
      }
      CHECK(same == static_cast<int>(n));
    }
  }
}

TEST(normal_clipped_is_a_truncated_normal) {
  std::vector<double> xs;
  const double a = -1.0, b = 2.0;
  const Moments m = sampleMoments(DistributionKind::NormalClipped, {0.0, 1.0, a, b}, 100000, 9, &xs);
  const double z = normalCdf(b) - normalCdf(a);
  const double mean = (normalPdf(a) - normalPdf(b)) / z;
  const double variance = 1 + (a * normalPdf(a) - b * normalPdf(b)) / z - mean * mean;
  checkMoments(m, mean, variance);
  bool inside = true;
  for (double x : xs) inside = inside && x >= a && x <= b;
  CHECK(inside);
}

TEST(normal_clipped_to_boundary_puts_the_tails_on_the_bounds) {
  std::vector<double> xs;
  sampleMoments(DistributionKind::NormalClippedToBoundary, {0.0, 1.0, -0.5, 1.0}, 100000, 11, &xs);
  double atLow = 0, atHigh = 0;
  for (double x : xs) {
    atLow += x == -0.5;
    atHigh += x == 1.0;
  }
  const double n = static_cast<double>(xs.size());
  const double pLow = normalCdf(-0.5), pHigh = 1 - normalCdf(1.0);
  CHECK_NEAR(atLow / n, pLow, 5 * std::sqrt(pLow * (1 - pLow) / n));
  CHECK_NEAR(atHigh / n, pHigh, 5 * std::sqrt(pHigh * (1 - pHigh) / n));
}

TEST(exponential_and_gamma_moments) {
  checkMoments(sampleMoments(DistributionKind::Exponential, {2.5}, 100000), 2.5, 6.25);
  checkMoments(sampleMoments(DistributionKind::Gamma, {3.0, 2.0}, 100000), 6.0, 12.0);
  checkMoments(sampleMoments(DistributionKind::Gamma, {0.5, 1.5}, 100000), 0.75, 1.125);
}

TEST(poisson_moments_small_and_large_lambda) {
  checkMoments(sampleMoments(DistributionKind::Poisson, {3.0}, 100000), 3.0, 3.0);
  checkMoments(sampleMoments(DistributionKind::Poisson, {50.0}, 100000), 50.0, 50.0);
  // P(X = 0) for lambda = 3 is e^-3.
  std::vector<double> xs;
  sampleMoments(DistributionKind::Poisson, {3.0}, 100000, 5, &xs);
  double zeros = 0;
  for (double x : xs) zeros += x == 0;
  const double p0 = std::exp(-3.0);
  CHECK_NEAR(zeros / xs.size(), p0, 5 * std::sqrt(p0 * (1 - p0) / xs.size()));
}

TEST(binomial_moments_inversion_and_btrs) {
  checkMoments(sampleMoments(DistributionKind::Binomial, {20.0, 0.3}, 100000), 6.0, 4.2);
  checkMoments(sampleMoments(DistributionKind::Binomial, {1000.0, 0.7}, 100000), 700.0, 210.0);
  std::vector<double> xs;
  sampleMoments(DistributionKind::Binomial, {1000.0, 0.7}, 20000, 8, &xs);
  bool inRange = true;
  for (double x : xs) inRange = inRange && x >= 0 && x <= 1000 && x == std::floor(x);
  CHECK(inRange);
}

TEST(vonmises_mean_resultant_length_is_i1_over_i0) {
  const double mu = 1.0, kappa = 2.0;
  std::vector<double> xs;
  sampleMoments(DistributionKind::Vonmises, {mu, kappa}, 100000, 21, &xs);
  double sumCos = 0, sumSin = 0, sumCos2 = 0;
  bool wrapped = true;
  for (double x : xs) {
    sumCos += std::cos(x - mu);
    sumSin += std::sin(x - mu);
    sumCos2 += std::cos(x - mu) * std::cos(x - mu);
    wrapped = wrapped && x >= -M_PI && x < M_PI;
  }
  // Modified Bessel functions by their power series.
  double i0 = 0, i1 = 0, term0 = 1, term1 = kappa / 2;
  for (int k = 0; k < 40; ++k) {
    i0 += term0;
    i1 += term1;
    term0 *= (kappa / 2) * (kappa / 2) / ((k + 1.0) * (k + 1.0));
    term1 *= (kappa / 2) * (kappa / 2) / ((k + 1.0) * (k + 2.0));
  }
  const double n = static_cast<double>(xs.size());
  const double meanCos = sumCos / n;
  const double sdCos = std::sqrt(sumCos2 / n - meanCos * meanCos);
  CHECK_NEAR(meanCos, i1 / i0, 5 * sdCos / std::sqrt(n));
  CHECK_NEAR(sumSin / n, 0.0, 5 / std::sqrt(n));
  CHECK(wrapped);
}

TEST(values_depend_only_on_seed_stream_and_index) {
  const DistributionParams dist = validateDistribution(3, {0.0, 1.0}, "w");
  const RandomStream a{42, 3}, b{43, 3}, c{42, 4};
  DrawCursor forward(a, 17), again(a, 17), otherSeed(b, 17), otherStream(c, 17);
  const double x = sampleDistribution(dist, forward);
  CHECK(x == sampleDistribution(dist, again));
  CHECK(x != sampleDistribution(dist, otherSeed));
  CHECK(x != sampleDistribution(dist, otherStream));
}

TEST(invalid_distributions_are_rejected_with_their_path) {
  CHECK_THROWS_AS(validateDistribution(0, {}, "p"), Error);
  CHECK_THROWS_AS(validateDistribution(12, {}, "p"), Error);
  CHECK_THROWS_AS(validateDistribution(3, {0.0}, "p"), Error);              // normal needs 2
  CHECK_THROWS_AS(validateDistribution(3, {0.0, -1.0}, "p"), Error);        // sigma < 0
  CHECK_THROWS_AS(validateDistribution(1, {2.0, 1.0}, "p"), Error);         // low > high
  CHECK_THROWS_AS(validateDistribution(10, {10.5, 0.5}, "p"), Error);       // n not integer
  CHECK_THROWS_AS(validateDistribution(10, {10.0, 1.5}, "p"), Error);       // p > 1
  CHECK_THROWS_AS(validateDistribution(7, {NAN}, "p"), Error);
  try {
    validateDistribution(8, {-1.0, 1.0}, "network.x.distribution");
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::InvalidArgument);
    CHECK(e.path() == "network.x.distribution.parameters");
  }
}

// A row's uniforms a batch at a time (philoxCursorRun, FixedTotalNumber's targets) against its DrawCursor, bit for
// bit: from even and odd first draws, for runs shorter and longer than a SIMD group (sixteen in WebAssembly).
TEST(cursor_runs_equal_the_cursor_one_by_one) {
  const RandomStream rs{1234, 99};
  int same = 0, count = 0;
  for (const uint32_t index : {0u, 5u, 4000000000u}) {
    for (const uint32_t firstDraw : {0u, 1u, 2u, 7u, 1000u}) {
      for (const uint32_t n : {0u, 1u, 2u, 15u, 16u, 17u, 33u, 256u}) {
        std::vector<double> run(n);
        philoxCursorRun(rs.seed, rs.stream, index, firstDraw, n, run.data());
        DrawCursor cursor(rs, index, firstDraw);
        for (uint32_t m = 0; m < n; ++m) {
          const double one = cursor.uniform();
          same += std::memcmp(&one, &run[m], sizeof one) == 0;
          ++count;
        }
      }
    }
  }
  CHECK(same == count);
}

// A step's uniforms for a range of cells at once (philoxUniformRun, GIF's escape draws) against
// RandomStream::uniform(i, k) one cell at a time, bit for bit: even k (words 0-1) and odd k (words 2-3), ranges
// shorter and longer than a SIMD pass (eight in WebAssembly) and not starting at a multiple of it.
TEST(uniform_runs_equal_the_stream_cell_by_cell) {
  const RandomStream rs{77, 0x8000000000000005ULL};
  int same = 0, count = 0;
  for (const uint32_t k : {0u, 1u, 2u, 9u, 4000000001u}) {
    for (const uint32_t first : {0u, 3u, 4294967000u}) {
      for (const uint32_t n : {0u, 1u, 4u, 7u, 8u, 13u, 29u}) {
        std::vector<double> run(n);
        if (k & 1u) {
          philoxUniformRun<true>(rs.seed, rs.stream, k >> 1, first, first + n, run.data());
        } else {
          philoxUniformRun<false>(rs.seed, rs.stream, k >> 1, first, first + n, run.data());
        }
        for (uint32_t m = 0; m < n; ++m) {
          const double one = rs.uniform(first + m, k);
          same += std::memcmp(&one, &run[m], sizeof one) == 0;
          ++count;
        }
      }
    }
  }
  CHECK(count == 5 * 3 * 62);
  CHECK(same == count);
}

#if defined(TSNN_SIMD_PAIR)
// The two-lane quantile tails (normal_runs.h) and their log (simd_log.h) against the scalar functions, bit for bit:
// the log over [2^-54, 1) on every binade and on both sides of the mantissa's sqrt(2) split; the tails from |q| just
// past 0.425 to r = 4.96, and the far tail (r > 5, up to the largest |q| a uniform gives, 1/2 - 2^-54), which the
// pair function declines and the scalar function draws.
TEST(two_lane_log_and_tail_quantile_equal_the_scalar_functions) {
  auto same = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
  int logsSame = 0, logs = 0;
  for (int e = -54; e < 0; ++e) {
    for (const double m : {1.0, 1.2, 1.41421356237309492, 1.41421356237309515, 1.7, 1.9999999999999998}) {
      const double x = std::ldexp(m, e), y = std::ldexp(m * 1.3 >= 2 ? m / 1.3 : m * 1.3, e);
      alignas(16) double out[2];
      const double in[2] = {x, y};
      simd::store(out, simd::logX2(simd::load(in)));
      logsSame += same(out[0], dmath::log(x)) + same(out[1], dmath::log(y));
      logs += 2;
    }
  }
  CHECK(logsSame == logs);
  const double qs[] = {0.4250000000000001, -0.43, 0.45, -0.49, 0.499, -0.4999999,
                       0.5 - 2e-11, -(0.5 - 1e-9)};  // 0.5 - 2e-11: r = 4.96
  int tailsSame = 0;
  for (size_t a = 0; a < std::size(qs); ++a) {
    const double pair[2] = {qs[a], qs[(a + 3) % std::size(qs)]};
    simd::F x;
    CHECK(simd::tailQuantileX2(simd::load(pair), x));
    alignas(16) double out[2];
    simd::store(out, x);
    tailsSame += same(out[0], distribution_detail::normalQuantileOffset(pair[0])) &&
                 same(out[1], distribution_detail::normalQuantileOffset(pair[1]));
  }
  CHECK(tailsSame == static_cast<int>(std::size(qs)));
  const double far[2] = {0.45, -(0.5 - distribution_detail::kHalfUniformStep)};  // r = sqrt(54 ln 2) = 6.1
  simd::F unused;
  CHECK(!simd::tailQuantileX2(simd::load(far), unused));
}
#endif
