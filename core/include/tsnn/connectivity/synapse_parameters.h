// The synaptic parameters of each synapse type besides weight and delay, with PyNN's defaults (pynn-api.md §6).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tsnn/network/network_spec.h"

namespace tsnn {

// (name, default) for the synapse's dynamics, STDP timing and weight dependence; empty for StaticSynapse.
std::vector<std::pair<std::string, double>> synapseParameterDefaults(const SynapseSpec& synapse);

}  // namespace tsnn
