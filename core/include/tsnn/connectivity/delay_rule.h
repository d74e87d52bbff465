// Which delays a synapse may have, the one rule for the host (core/src/connectivity/delay_steps.h, which names a
// refused delay) and the device (parallel_rule.h's compactWord, which hands such a synapse back to the host).
// C++14 and TSNN_HD: the CUDA sources include it.
#pragma once

#include "tsnn/fixed_point.h"  // TSNN_HD

namespace tsnn {

// At least one timestep, as NEST requires (a relative 1e-9 below it for ms that do not divide exactly); false for
// NaN.
TSNN_HD inline bool atLeastOneStep(double delay, double dt) { return delay >= dt * (1.0 - 1e-9); }

}  // namespace tsnn
