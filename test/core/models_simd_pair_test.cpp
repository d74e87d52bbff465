// simd_pair.h's conversions against their scalar definitions, over the values where they could go wrong: the
// int64 fixed-point input (sign, carries between the halves, beyond 2^53, the extremes) and the refractory
// counters. Natively this is the SSE2 version; the WebAssembly one is compared through the engine
// (test/server/grpc-matches-wasm.test.ts). Builds without SIMD pairs (aarch64) have no tests here.
#include <cstdint>
#include <limits>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/simd_pair.h"

using namespace tsnn;

#if defined(TSNN_SIMD_PAIR)

TEST(fixed_point_pairs_convert_like_fromFixed) {
  std::vector<int64_t> values{0, 1, -1, 2, -2, 0xFFFFFFFFll, -0xFFFFFFFFll, 0x100000000ll, -0x100000000ll,
                              0x80000000ll, -0x80000000ll, 0x7FFFFFFFll, (1ll << 53) + 1, -(1ll << 53) - 1,
                              (1ll << 62) + 12345, std::numeric_limits<int64_t>::max(),
                              std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::min() + 1};
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int k = 0; k < 20000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    values.push_back(static_cast<int64_t>(x) >> (k % 40));  // all magnitudes, both signs
  }
  int mismatches = 0;
  for (size_t k = 0; k + 1 < values.size(); ++k) {
    const int64_t pair[2] = {values[k], values[k + 1]};
    double out[2];
    simd::store(out, simd::fixedFromBits(simd::loadBits(pair)));
    if (out[0] != fromFixed(pair[0]) || out[1] != fromFixed(pair[1])) ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST(refractory_counters_round_trip_through_doubles) {
  const int32_t counters[] = {0, 1, 2, 50, 65535, 1 << 20, std::numeric_limits<int32_t>::max()};
  for (int32_t a : counters)
    for (int32_t b : counters) {
      const int32_t in[2] = {a, b};
      double asDoubles[2];
      simd::store(asDoubles, simd::loadCounters(in));
      CHECK(asDoubles[0] == a && asDoubles[1] == b);
      int32_t out[2] = {-7, -7};
      simd::storeCounters(out, simd::loadCounters(in), simd::splat(0x1p52));
      CHECK(out[0] == a && out[1] == b);
    }
}

TEST(masks_select_and_lane_bits) {
  const double a[2] = {1.0, -3.0}, b[2] = {0.5, -3.0};
  const simd::F ge = simd::ge(simd::load(a), simd::load(b));  // lanes: 1 >= 0.5, -3 >= -3
  CHECK(simd::laneBits(ge) == 3u);
  CHECK(simd::laneBits(simd::maskNot(ge)) == 0u);
  const simd::F eq = simd::eq(simd::load(a), simd::load(b));
  CHECK(simd::laneBits(eq) == 2u);
  double out[2];
  simd::store(out, simd::select(eq, simd::splat(9.0), simd::load(a)));
  CHECK(out[0] == 1.0 && out[1] == 9.0);
}

#endif
