// The step a SpikeSourceArray time fires on, one rule for the CPU engine and the CUDA engine's tables.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tsnn {

// A time is stamped at the end of the step that holds it, as NEST's Time::ms_stamp: 1.04 ms at dt 0.1 fires at
// 1.1, not 1.0. A time on the grid up to binary noise (0.3 / 0.1 = 2.9999999999999996) is its own step.
inline uint64_t spikeTimeStep(double t, double dt) {
  const double x = t / dt;
  const double nearest = std::round(x);
  return static_cast<uint64_t>(std::fabs(x - nearest) <= 1e-9 * std::max(1.0, nearest) ? nearest : std::ceil(x));
}

}  // namespace tsnn
