// The eleven random distributions of PyNN (pynn-api.md §8), drawn from a DrawCursor so that a value depends only
// on (seed, stream, index). Every algorithm uses the deterministic math of deterministic_math.h, so WASM, x86 and
// CUDA draw identical values.
//
// Algorithms and uniforms consumed (k counts the uniforms of the index, see random_stream.h):
//   uniform                    low + (high - low) u                               1 uniform
//   uniform_int                low + floor((high - low) u)                         1 uniform
//   normal                     inversion: mu + sigma Phi^-1(u + 2^-54), Wichura's AS 241        1 per normal
//   normal_clipped             normals until one lies in [low, high]; NaN after 1000 rounds (PyNN raises)
//   normal_clipped_to_boundary one normal, clamped to [low, high]
//   lognormal                  exp(normal(mu, sigma))
//   exponential                -beta ln(u)
//   gamma                      Marsaglia & Tsang (2000) squeeze/rejection; shape < 1 boosted by u^(1/k)
//   poisson                    lambda < 10: Knuth's product of uniforms; else Hörmann's PTRS (1993)
//   binomial                   n·min(p,1-p) < 10: inversion by sequential search; else Hörmann's BTRS (1993)
//   vonmises                   Best & Fisher (1979) as numpy, result wrapped to [-pi, pi) around mu
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "tsnn/math/deterministic_math.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

// Numbers follow tsnn.v1.RandomDistribution.Kind.
enum class DistributionKind : uint32_t {
  Unspecified = 0,
  Uniform = 1,
  UniformInt = 2,
  Normal = 3,
  NormalClipped = 4,
  NormalClippedToBoundary = 5,
  Lognormal = 6,
  Exponential = 7,
  Gamma = 8,
  Poisson = 9,
  Binomial = 10,
  Vonmises = 11,
};

// A distribution with its parameters in the positional order of pynn-api.md §8 (plain data, copyable to a GPU).
struct DistributionParams {
  DistributionKind kind = DistributionKind::Unspecified;
  double p[4] = {0.0, 0.0, 0.0, 0.0};
};

namespace distribution_detail {

// c7 r^7 + ... + c1 r + c0 by Horner's rule.
TSNN_HD inline double horner7(double r, double c7, double c6, double c5, double c4, double c3, double c2, double c1,
                              double c0) {
  return ((((((c7 * r + c6) * r + c5) * r + c4) * r + c3) * r + c2) * r + c1) * r + c0;
}

// Wichura's rational approximations of the normal quantile (AS 241, PPND16: Applied Statistics 37:477-484, 1988;
// R's qnorm), relative error about 1e-16, evaluated in one fixed order so that every backend rounds alike.
// Central: r = 0.180625 - q^2 for |q| <= 0.425, the quantile is q times this. The coefficients are macros because
// normal_runs.h evaluates the same polynomials two lanes at a time.
#define TSNN_AS241_CENTRAL_NUMERATOR                                                                             \
  2.5090809287301226727e+03, 3.3430575583588128105e+04, 6.7265770927008700853e+04, 4.5921953931549871457e+04, \
      1.3731693765509461125e+04, 1.9715909503065514427e+03, 1.3314166789178437745e+02, 3.3871328727963666080e+00
#define TSNN_AS241_CENTRAL_DENOMINATOR                                                                           \
  5.2264952788528545610e+03, 2.8729085735721942674e+04, 3.9307895800092710610e+04, 2.1213794301586595867e+04, \
      5.3941960214247511077e+03, 6.8718700749205790830e+02, 4.2313330701600911252e+01, 1.0
TSNN_HD inline double as241Central(double r) {
  return horner7(r, TSNN_AS241_CENTRAL_NUMERATOR) / horner7(r, TSNN_AS241_CENTRAL_DENOMINATOR);
}

// Tails: r = sqrt(-ln min(p, 1 - p)) - 1.6 while sqrt(...) <= 5 (macros for normal_runs.h too).
#define TSNN_AS241_INTERMEDIATE_NUMERATOR                                                                        \
  7.74545014278341407640e-04, 2.27238449892691845833e-02, 2.41780725177450611770e-01, 1.27045825245236838258e+00, \
      3.64784832476320460504e+00, 5.76949722146069140550e+00, 4.63033784615654529590e+00, 1.42343711074968357734e+00
#define TSNN_AS241_INTERMEDIATE_DENOMINATOR                                                                      \
  1.05075007164441684324e-09, 5.47593808499534494600e-04, 1.51986665636164571966e-02, 1.48103976427480074590e-01, \
      6.89767334985100004550e-01, 1.67638483018380384940e+00, 2.05319162663775882187e+00, 1.0
TSNN_HD inline double as241Intermediate(double r) {
  return horner7(r, TSNN_AS241_INTERMEDIATE_NUMERATOR) / horner7(r, TSNN_AS241_INTERMEDIATE_DENOMINATOR);
}

// Far tails: r = sqrt(-ln min(p, 1 - p)) - 5.
TSNN_HD inline double as241FarTail(double r) {
  return horner7(r, 2.01033439929228813265e-07, 2.71155556874348757815e-05, 1.24266094738807843860e-03,
                 2.65321895265761230930e-02, 2.96560571828504891230e-01, 1.78482653991729133580e+00,
                 5.46378491116411436990e+00, 6.65790464350110377720e+00) /
         horner7(r, 2.04426310338993978564e-15, 1.42151175831644588870e-07, 1.84631831751005468180e-05,
                 7.86869131145613259100e-04, 1.48753612908506148525e-02, 1.36929880922735805310e-01,
                 5.99832206555887937690e-01, 1.0);
}

// The standard normal quantile at p = 1/2 + q, for |q| < 1/2, given q rather than p so that the tails keep their
// precision: min(p, 1 - p) = 1/2 - |q| is exact here, where 1 - p would round.
TSNN_HD inline double normalQuantileOffset(double q) {
  const double magnitude = q < 0.0 ? -q : q;
  if (magnitude <= 0.425) return q * as241Central(0.180625 - q * q);
  const double r = std::sqrt(-dmath::log(0.5 - magnitude));
  const double x = r <= 5.0 ? as241Intermediate(r - 1.6) : as241FarTail(r - 5.0);
  return q < 0.0 ? -x : x;
}

constexpr double kHalfUniformStep = 1.0 / 18014398509481984.0;  // 2^-54: half the uniforms' 53-bit grid

// A standard normal by inversion from one uniform u, as R draws them by default. Inversion rather than
// Box-Muller (its log, sqrt and cos took 90 ns a draw in WebAssembly, half of the microcircuit's build) or a
// ziggurat (its rejections would draw a varying number of uniforms; the noisy current source gives each cell one
// Philox block). The uniform u = k 2^-53 becomes p = u + 2^-54, strictly inside (0, 1) and symmetric about 1/2;
// q = p - 1/2 is exact (an odd multiple of 2^-54 below 1/2), so |x| <= 8.3.
TSNN_HD inline double normalOfUniform(double u) { return normalQuantileOffset((u - 0.5) + kHalfUniformStep); }

TSNN_HD inline double standardNormal(DrawCursor& cursor) { return normalOfUniform(cursor.uniform()); }

// log(k!) exactly summed for small k, Stirling's series beyond (error below 1e-15 for k >= 10).
TSNN_HD inline double logFactorial(double k) {
  if (k < 10.0) {
    double sum = 0.0;
    for (int i = 2; i <= static_cast<int>(k); ++i) sum += dmath::log(static_cast<double>(i));
    return sum;
  }
  const double inv = 1.0 / k, inv2 = inv * inv;
  return (k + 0.5) * dmath::log(k) - k + 0.91893853320467274178 +
         inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
}

// Stirling remainder log(k!) - [log(sqrt(2 pi)) + (k + 1/2) log(k + 1) - (k + 1)], as in Hörmann's BTRS.
TSNN_HD inline double stirlingTail(double k) {
  if (k <= 9.0) {
    const double table[10] = {0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
                              0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
                              0.00925546218271273, 0.00833056343336287};
    return table[static_cast<int>(k)];
  }
  const double kp1sq = (k + 1.0) * (k + 1.0);
  return (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / kp1sq) / kp1sq) / (k + 1.0);
}

TSNN_HD inline double gammaShapeAtLeastOne(double shape, DrawCursor& cursor) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (int round = 0; round < 100000; ++round) {
    const double x = standardNormal(cursor);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = cursor.uniformPositive();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (dmath::log(u) < 0.5 * x2 + d * (1.0 - v + dmath::log(v))) return d * v;
  }
  return NAN;
}

TSNN_HD inline double poisson(double lambda, DrawCursor& cursor) {
  if (lambda <= 0.0) return 0.0;
  if (lambda < 10.0) {
    const double limit = dmath::exp(-lambda);
    double product = cursor.uniformPositive();
    double k = 0.0;
    while (product > limit) {
      product *= cursor.uniformPositive();
      k += 1.0;
    }
    return k;
  }
  const double logLambda = dmath::log(lambda);
  const double b = 0.931 + 2.53 * std::sqrt(lambda);
  const double a = -0.059 + 0.02483 * b;
  const double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (int round = 0; round < 100000; ++round) {
    const double u = cursor.uniform() - 0.5;
    const double v = cursor.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (v <= 0.0) continue;
    if (dmath::log(v) + dmath::log(invAlpha) - dmath::log(a / (us * us) + b) <=
        -lambda + k * logLambda - logFactorial(k))
      return k;
  }
  return NAN;
}

// Binomial(n, p) with p <= 0.5.
TSNN_HD inline double binomialLowP(double n, double p, DrawCursor& cursor) {
  if (p <= 0.0 || n <= 0.0) return 0.0;
  const double q = 1.0 - p;
  if (n * p < 10.0) {
    const double s = p / q;
    const double a = (n + 1.0) * s;
    double r = dmath::exp(n * dmath::log(q));
    double u = cursor.uniform();
    double x = 0.0;
    while (u > r && x < n) {
      u -= r;
      x += 1.0;
      r *= (a / x - s);
    }
    return x;
  }
  const double spq = std::sqrt(n * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n * p + 0.5;
  const double vr = 0.92 - 4.2 / b;
  const double r = p / q;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double m = std::floor((n + 1.0) * p);
  for (int round = 0; round < 100000; ++round) {
    const double u = cursor.uniform() - 0.5;
    double v = cursor.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (v <= 0.0) continue;
    v = dmath::log(v * alpha / (a / (us * us) + b));
    const double bound = (m + 0.5) * dmath::log((m + 1.0) / (r * (n - m + 1.0))) +
                         (n + 1.0) * dmath::log((n - m + 1.0) / (n - k + 1.0)) +
                         (k + 0.5) * dmath::log(r * (n - k + 1.0) / (k + 1.0)) + stirlingTail(m) +
                         stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
    if (v <= bound) return k;
  }
  return NAN;
}

TSNN_HD inline double vonmises(double mu, double kappa, DrawCursor& cursor) {
  if (kappa < 1e-8) return mu + dmath::kPi * (2.0 * cursor.uniform() - 1.0);
  double s;
  if (kappa < 1e-5) {
    s = 1.0 / kappa + kappa;
  } else {
    const double r = 1.0 + std::sqrt(1.0 + 4.0 * kappa * kappa);
    const double rho = (r - std::sqrt(2.0 * r)) / (2.0 * kappa);
    s = (1.0 + rho * rho) / (2.0 * rho);
  }
  double w = 0.0;
  bool accepted = false;
  for (int round = 0; round < 100000 && !accepted; ++round) {
    const double u = cursor.uniform();
    const double z = dmath::cos(dmath::kPi * u);
    w = (1.0 + s * z) / (s + z);
    const double y = kappa * (s - w);
    const double v = cursor.uniformPositive();
    accepted = (y * (2.0 - y) - v >= 0.0) || (dmath::log(y / v) + 1.0 - y >= 0.0);
  }
  if (!accepted) return NAN;
  double angle = dmath::acos(w < -1.0 ? -1.0 : (w > 1.0 ? 1.0 : w));
  if (cursor.uniform() < 0.5) angle = -angle;
  double result = mu + angle;
  // Wrap into [-pi, pi) (numpy keeps the sign of the unwrapped value in the same way).
  const double twoPi = 2.0 * dmath::kPi;
  result = result - twoPi * std::floor((result + dmath::kPi) / twoPi);
  return result;
}

}  // namespace distribution_detail

// normal_clipped(mu, sigma, low, high): normals until one lies in [low, high]; NaN after 1000 rounds (also the
// redraws of normal_runs.h).
TSNN_HD inline double normalClipped(const double* p, DrawCursor& cursor) {
  for (int round = 0; round < 1000; ++round) {
    const double x = p[0] + p[1] * distribution_detail::standardNormal(cursor);
    if (x >= p[2] && x <= p[3]) return x;
  }
  return NAN;
}

// One value of `dist` from the uniforms of `cursor`. NaN only when a rejection loop gives up (normal_clipped after
// 1000 rounds, which PyNN reports as an error; the others after 100000 rounds, which cannot happen with valid
// parameters). Parameters must have passed validateDistribution.
TSNN_HD inline double sampleDistribution(const DistributionParams& dist, DrawCursor& cursor) {
  using namespace distribution_detail;
  const double* p = dist.p;
  switch (dist.kind) {
    case DistributionKind::Uniform:
      return p[0] + (p[1] - p[0]) * cursor.uniform();
    case DistributionKind::UniformInt:
      return p[0] + std::floor((p[1] - p[0]) * cursor.uniform());
    case DistributionKind::Normal:
      return p[0] + p[1] * standardNormal(cursor);
    case DistributionKind::NormalClipped:
      return normalClipped(p, cursor);
    case DistributionKind::NormalClippedToBoundary: {
      const double x = p[0] + p[1] * standardNormal(cursor);
      return x < p[2] ? p[2] : (x > p[3] ? p[3] : x);
    }
    case DistributionKind::Lognormal:
      return dmath::exp(p[0] + p[1] * standardNormal(cursor));
    case DistributionKind::Exponential:
      return -p[0] * dmath::log(cursor.uniformPositive());
    case DistributionKind::Gamma: {
      const double shape = p[0], scale = p[1];
      if (shape >= 1.0) return scale * gammaShapeAtLeastOne(shape, cursor);
      const double boosted = gammaShapeAtLeastOne(shape + 1.0, cursor);
      return scale * boosted * dmath::exp(dmath::log(cursor.uniformPositive()) / shape);
    }
    case DistributionKind::Poisson:
      return poisson(p[0], cursor);
    case DistributionKind::Binomial: {
      const double n = p[0], prob = p[1];
      if (prob > 0.5) return n - binomialLowP(n, 1.0 - prob, cursor);
      return binomialLowP(n, prob, cursor);
    }
    case DistributionKind::Vonmises:
      return vonmises(p[0], p[1], cursor);
    case DistributionKind::Unspecified:
      break;
  }
  return NAN;
}

// PyNN's name of a distribution kind ("normal_clipped"), or "" for Unspecified / out of range.
const char* distributionName(DistributionKind kind);
// Number of positional parameters of a kind (pynn-api.md §8), 0 for Unspecified.
int distributionParameterCount(DistributionKind kind);
// Throws tsnn::Error INVALID_ARGUMENT at `path` when the kind is unknown, the parameter count is wrong or a
// parameter is outside its domain (sigma >= 0, low < high, 0 <= p <= 1, integer n, ...), naming what is allowed.
DistributionParams validateDistribution(uint32_t kind, const std::vector<double>& parameters, const std::string& path);

}  // namespace tsnn
