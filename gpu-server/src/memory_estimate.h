// What a network will cost the CPU engine, worked out from the message alone, before anything is built, so that
// --max-memory can refuse a network that would not fit instead of running the host out of memory.
#pragma once

#include <cstdint>

#include "tsnn/v1/model.pb.h"

namespace tsnn::server {

// The engine's layout (core/): per neuron about 30 doubles of state and propagators plus the parameters; per
// connection a 4-byte word (target, delay) and a 4-byte float weight, and 8 bytes for every per-connection value
// of a plastic or stochastic synapse; per presynaptic (neuron, projection) pair one fan-out entry. These are lower
// bounds: once built, the session's real size is booked instead (SessionRegistry::rebook).
constexpr uint64_t kBytesPerNeuron = 256;
constexpr uint64_t kBytesPerConnection = 8;
constexpr uint64_t kBytesPerSynapseValue = 8;

struct MemoryEstimate {
  uint64_t neurons = 0;
  uint64_t connections = 0;     // expected count; rules whose count is known only after drawing use their mean
  uint64_t bytes = 0;
};

// Never throws; counts that would overflow saturate at UINT64_MAX.
MemoryEstimate estimateMemory(const tsnn::v1::Network& network);

}  // namespace tsnn::server
