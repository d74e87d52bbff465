// Which projections a ParallelExpander may build (tsnn/connectivity/parallel_rule.h says what the form covers and
// why), and their rule in that form. Internal to core/src/connectivity.
#pragma once

#include "connector_expansion.h"
#include "tsnn/connectivity/parallel_rule.h"

namespace tsnn {

// Whether a ParallelExpander could take the projection, from its spec alone (so the builder keeps it off its
// worker threads); parallelFormOf decides.
bool mayHaveParallelForm(const ProjectionSpec& projection);

// The projection's rule in the parallel form, or false when the host must expand it. `defaultDelay`: the delay
// of a synapse without one (min_delay). Sets everything but the compact word's postBits and delayLimit.
bool parallelFormOf(const ExpansionContext& ctx, double defaultDelay, ParallelRule& rule);

}  // namespace tsnn
