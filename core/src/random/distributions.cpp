#include "tsnn/random/distributions.h"

#include <cmath>
#include <sstream>

#include "tsnn/error.h"

namespace tsnn {

const char* distributionName(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Uniform: return "uniform";
    case DistributionKind::UniformInt: return "uniform_int";
    case DistributionKind::Normal: return "normal";
    case DistributionKind::NormalClipped: return "normal_clipped";
    case DistributionKind::NormalClippedToBoundary: return "normal_clipped_to_boundary";
    case DistributionKind::Lognormal: return "lognormal";
    case DistributionKind::Exponential: return "exponential";
    case DistributionKind::Gamma: return "gamma";
    case DistributionKind::Poisson: return "poisson";
    case DistributionKind::Binomial: return "binomial";
    case DistributionKind::Vonmises: return "vonmises";
    case DistributionKind::Unspecified: break;
  }
  return "";
}

int distributionParameterCount(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Uniform:
    case DistributionKind::UniformInt:
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
    case DistributionKind::Gamma:
    case DistributionKind::Binomial:
    case DistributionKind::Vonmises:
      return 2;
    case DistributionKind::NormalClipped:
    case DistributionKind::NormalClippedToBoundary:
      return 4;
    case DistributionKind::Exponential:
    case DistributionKind::Poisson:
      return 1;
    case DistributionKind::Unspecified:
      break;
  }
  return 0;
}

namespace {

std::string number(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

void require(bool condition, const std::string& path, const char* name, const std::string& what) {
  if (!condition) throw invalidArgument(path, std::string(name) + " distribution: " + what);
}

}  // namespace

DistributionParams validateDistribution(uint32_t kind, const std::vector<double>& parameters, const std::string& path) {
  if (kind < 1 || kind > 11) {
    throw invalidArgument(path + ".kind", "unknown distribution kind " + std::to_string(kind) +
                                              " (allowed: uniform, uniform_int, normal, normal_clipped, "
                                              "normal_clipped_to_boundary, lognormal, exponential, gamma, poisson, "
                                              "binomial, vonmises)");
  }
  DistributionParams result;
  result.kind = static_cast<DistributionKind>(kind);
  const char* name = distributionName(result.kind);
  const int expected = distributionParameterCount(result.kind);
  if (static_cast<int>(parameters.size()) != expected) {
    throw invalidArgument(path + ".parameters", std::string(name) + " distribution takes " +
                                                    std::to_string(expected) + " parameters, got " +
                                                    std::to_string(parameters.size()));
  }
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (!std::isfinite(parameters[i])) {
      throw invalidArgument(path + ".parameters[" + std::to_string(i) + "]",
                            std::string(name) + " distribution: parameters must be finite numbers, got " +
                                number(parameters[i]));
    }
    result.p[i] = parameters[i];
  }
  const double* p = result.p;
  const std::string ppath = path + ".parameters";
  switch (result.kind) {
    case DistributionKind::Uniform:
      require(p[0] < p[1], ppath, name, "low must be below high, got low=" + number(p[0]) + " high=" + number(p[1]));
      break;
    case DistributionKind::UniformInt:
      require(p[0] == std::floor(p[0]) && p[1] == std::floor(p[1]), ppath, name, "low and high must be integers");
      require(p[0] < p[1], ppath, name, "low must be below high, got low=" + number(p[0]) + " high=" + number(p[1]));
      break;
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
      require(p[1] >= 0.0, ppath, name, "sigma must be >= 0, got " + number(p[1]));
      break;
    case DistributionKind::NormalClipped:
    case DistributionKind::NormalClippedToBoundary:
      require(p[1] >= 0.0, ppath, name, "sigma must be >= 0, got " + number(p[1]));
      require(p[2] <= p[3], ppath, name, "low must not exceed high, got low=" + number(p[2]) + " high=" + number(p[3]));
      break;
    case DistributionKind::Exponential:
      require(p[0] > 0.0, ppath, name, "beta must be > 0, got " + number(p[0]));
      break;
    case DistributionKind::Gamma:
      require(p[0] > 0.0 && p[1] > 0.0, ppath, name,
              "k and theta must be > 0, got k=" + number(p[0]) + " theta=" + number(p[1]));
      break;
    case DistributionKind::Poisson:
      require(p[0] >= 0.0 && p[0] < 1e15, ppath, name, "lambda_ must be in [0, 1e15), got " + number(p[0]));
      break;
    case DistributionKind::Binomial:
      require(p[0] >= 0.0 && p[0] == std::floor(p[0]) && p[0] < 1e15, ppath, name,
              "n must be a non-negative integer, got " + number(p[0]));
      require(p[1] >= 0.0 && p[1] <= 1.0, ppath, name, "p must be in [0, 1], got " + number(p[1]));
      break;
    case DistributionKind::Vonmises:
      require(p[1] >= 0.0, ppath, name, "kappa must be >= 0, got " + number(p[1]));
      break;
    case DistributionKind::Unspecified:
      break;
  }
  return result;
}

}  // namespace tsnn
