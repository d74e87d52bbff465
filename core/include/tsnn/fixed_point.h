// Synaptic input is accumulated in 64-bit fixed point so that the sum does not depend on the order in which
// spikes are delivered (threads, GPU atomics): integer addition is associative, float addition is not.
#pragma once

#include <cmath>
#include <cstdint>

namespace tsnn {

// 32 fractional bits: resolution 2.3e-10 (nA, uS or mV), range +-2.1e9: far beyond any physiological input.
constexpr int kFixedFractionBits = 32;
constexpr double kFixedScale = 4294967296.0;  // 2^32

#if defined(__CUDACC__)
#define TSNN_HD __host__ __device__
#else
#define TSNN_HD
#endif

TSNN_HD inline int64_t toFixed(double value) { return static_cast<int64_t>(llrint(value * kFixedScale)); }

TSNN_HD inline double fromFixed(int64_t value) { return static_cast<double>(value) / kFixedScale; }

}  // namespace tsnn
