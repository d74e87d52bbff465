// One synaptic value (weight, delay, U, ...) per connection, from any form a Value can take: scalar, array (one
// per connection, by index), matrix (pre x post), distribution (drawn at the connection index of its own stream)
// or expression of distance. Internal to core/src/connectivity.
#pragma once

#include <cmath>
#include <string>

#include "projection_geometry.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/random/normal_runs.h"

namespace tsnn {

class SynapticValue {
 public:
  SynapticValue(const ValueSpec& spec, double defaultValue, const ProjectionGeometry& geometry, uint64_t globalSeed,
                std::string path, uint64_t connections)
      : spec_(spec), default_(defaultValue), geometry_(geometry), path_(std::move(path)) {
    if (spec.kind == ValueSpec::Kind::Array && spec.array.size() != connections) {
      throw invalidArgument(path_ + ".array", "needs one value per connection (" + std::to_string(connections) +
                                                 "), got " + std::to_string(spec.array.size()));
    }
    if (spec.kind == ValueSpec::Kind::Matrix && (spec.matrix.rows != geometry.nPre() || spec.matrix.cols != geometry.nPost())) {
      throw invalidArgument(path_ + ".matrix", "matrix must be pre x post = " + std::to_string(geometry.nPre()) + " x " +
                                                   std::to_string(geometry.nPost()));
    }
    if (spec.kind == ValueSpec::Kind::Sequences) throw invalidArgument(path_, "sequences are not a synaptic value");
    if (spec.kind == ValueSpec::Kind::Distribution) stream_ = spec.distribution.rng.resolve(globalSeed);
  }

  // at(pre[m], post[m], first + m) for m < n: the values of n connections created one after another. Normal and
  // clipped normal draws (the microcircuit's weights and delays) go a run at a time (normal_runs.h).
  void atRun(const uint32_t* pre, const uint32_t* post, uint64_t first, uint32_t n, double* out) const {
    const DistributionParams& params = spec_.distribution.params;
    const bool normal = params.kind == DistributionKind::Normal || params.kind == DistributionKind::NormalClipped;
    if (spec_.kind != ValueSpec::Kind::Distribution || !normal) {
      for (uint32_t m = 0; m < n; ++m) out[m] = at(pre[m], post[m], first + m);
      return;
    }
    // normal(mu, sigma) is normal_clipped(mu, sigma, -inf, inf): the same draws, every value accepted.
    const bool clipped = params.kind == DistributionKind::NormalClipped;
    const double bounds[4] = {params.p[0], params.p[1], clipped ? params.p[2] : -INFINITY,
                              clipped ? params.p[3] : INFINITY};
    normalClippedRun(stream_, bounds, static_cast<uint32_t>(first), n, out);
    for (uint32_t m = 0; m < n; ++m)
      if (std::isnan(out[m])) throw noValueWithinBounds();
  }

  bool isUniform() const { return spec_.kind == ValueSpec::Kind::Unset || spec_.kind == ValueSpec::Kind::Scalar; }

  double at(uint32_t i, uint32_t j, uint64_t k) const {
    switch (spec_.kind) {
      case ValueSpec::Kind::Unset: return default_;
      case ValueSpec::Kind::Scalar: return spec_.scalar;
      case ValueSpec::Kind::Array: return spec_.array[k];
      case ValueSpec::Kind::Matrix: return spec_.matrix.at(i, j);
      case ValueSpec::Kind::Distribution: {
        DrawCursor cursor(stream_, static_cast<uint32_t>(k));
        const double x = sampleDistribution(spec_.distribution.params, cursor);
        if (std::isnan(x)) throw noValueWithinBounds();
        return x;
      }
      case ValueSpec::Kind::Expression: {
        const double x = spec_.expression.evaluate(geometry_.inputs(i, j));
        if (!std::isfinite(x)) {
          throw invalidArgument(path_ + ".expression", "evaluates to " + std::to_string(x) + " for connection (" +
                                                           std::to_string(i) + ", " + std::to_string(j) + ")");
        }
        return x;
      }
      case ValueSpec::Kind::Sequences: break;
    }
    return NAN;
  }

 private:
  Error noValueWithinBounds() const {
    return invalidArgument(path_ + ".distribution", std::string(distributionName(spec_.distribution.params.kind)) +
                                                        " distribution: no value within the bounds after 1000 redraws");
  }

  const ValueSpec& spec_;
  double default_;
  const ProjectionGeometry& geometry_;
  std::string path_;
  RandomStream stream_;
};

}  // namespace tsnn
