// The eleven random distributions of PyNN (pynn-api.md §8), drawn from a DrawCursor so that a value depends only
// on (seed, stream, index). Every algorithm uses the deterministic math of deterministic_math.h, so WASM, x86 and
// CUDA draw identical values.
//
// Algorithms and uniforms consumed (k counts the uniforms of the index, see random_stream.h):
//   uniform                    low + (high - low) u                               1 uniform
//   uniform_int                low + floor((high - low) u)                         1 uniform
//   normal                     Box–Muller, cosine branch: mu + sigma sqrt(-2 ln u1) cos(2 pi u2)   2 per normal
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

TSNN_HD inline double standardNormal(DrawCursor& cursor) {
  const double u1 = cursor.uniformPositive();
  const double u2 = cursor.uniform();
  return std::sqrt(-2.0 * dmath::log(u1)) * dmath::cos(2.0 * dmath::kPi * u2);
}

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
      for (int round = 0; round < 1000; ++round) {
        const double x = p[0] + p[1] * standardNormal(cursor);
        if (x >= p[2] && x <= p[3]) return x;
      }
      return NAN;
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
