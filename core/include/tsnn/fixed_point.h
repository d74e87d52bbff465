// Synaptic input is accumulated in 64-bit fixed point so that the sum does not depend on the order in which
// spikes are delivered (threads, GPU atomics): integer addition is associative, float addition is not.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

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

// toFixed(value) for |value| < kFixedSmallLimit (2^19), without a conversion instruction: adding 1.5·2^52 to
// value·2^32 (exact, |value·2^32| < 2^51) rounds it to the nearest integer, ties to even, as llrint does, and
// leaves that integer in the low bits of the double's mantissa. The delivery loops use it for projections whose
// weights all lie in the range (ProjectionStore::weightsSmall): WebAssembly's i64.trunc_f64_s costs a range test
// and a branch per synapse.
constexpr double kFixedSmallLimit = 524288.0;
inline int64_t toFixedSmall(double value) {
  const double shifted = value * kFixedScale + 6755399441055744.0;  // + 1.5·2^52
  int64_t bits;
  std::memcpy(&bits, &shifted, sizeof bits);
  return bits - int64_t{0x4338000000000000};
}

}  // namespace tsnn
