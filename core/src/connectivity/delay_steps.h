// A synaptic delay in ms as whole steps, the one rule for every way a delay reaches the engine (the connector's
// values at the build, Projection.set between runs).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include "tsnn/connectivity/delay_rule.h"
#include "tsnn/error.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/number_text.h"

namespace tsnn {

// Rounded to the nearest step. As in NEST, a delay shorter than the timestep is an error, whatever form it came
// in (a scalar, a list, a distribution): clamping it to one step would change the network without a word.
inline uint32_t delaySteps(double delay, double dt, const std::string& path) {
  if (!std::isfinite(delay) || delay < 0.0) {
    throw invalidArgument(path, "delay must be a non-negative number of ms, got " + numberText(delay));
  }
  if (!atLeastOneStep(delay, dt)) {
    throw invalidArgument(path, "delay " + numberText(delay) + " ms is shorter than the timestep " +
                                    numberText(dt) + " ms");
  }
  const double steps = dmath::roundHalfAway(delay / dt);
  if (steps > 2147483647.0) throw invalidArgument(path, "delay of " + numberText(delay) + " ms is too long");
  return static_cast<uint32_t>(steps);
}

}  // namespace tsnn
