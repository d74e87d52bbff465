// The draws of the microcircuit's build (docs/performance.md): every connection's weight and delay is a clipped
// normal of its index (normalClippedRun, normal_runs.h), half of the build's time in WebAssembly. This draws runs
// of 4096 indices as SynapticValue::atRun does, with the microcircuit's delay parameters (mean 1.5 ms, sd 0.75,
// clipped to [0.1, inf): 3 % redrawn) and weight parameters (mean 87.8 pA, sd 8.78, clipped to [0, inf)), the
// Philox uniforms alone, and one index's cursor uniforms (FixedTotalNumber's targets along a row) by philoxCursorRun
// and one by one. Built natively and by emscripten by bench/kernel.mjs; prints the best of five runs in ns per draw.
//   kernel [draws=4000000]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "tsnn/random/normal_runs.h"
#include "tsnn/random/philox_uniform_rows.h"

using namespace tsnn;

namespace {

constexpr uint32_t kRun = 4096;

// Not inlined: V8 switches a function to optimised code only at its next call (docs/performance.md, session 2).
__attribute__((noinline)) double uniformRun(const RandomStream& stream, uint32_t first, double* out) {
  philoxUniformRun(stream.seed, stream.stream, 0, first, first + kRun, out);
  return out[kRun - 1];
}

// A connector's draws along one row (FixedTotalNumber's targets): uniforms 1, 2, ... of one index's cursor, as
// philoxCursorRun draws them (eight blocks at once in WebAssembly) and one at a time.
__attribute__((noinline)) double cursorRun(const RandomStream& stream, uint32_t first, double* out) {
  philoxCursorRun(stream.seed, stream.stream, first, 1, kRun, out);
  return out[kRun - 1];
}

__attribute__((noinline)) double cursorOneByOne(const RandomStream& stream, uint32_t first, double* out) {
  DrawCursor cursor(stream, first, 1);
  for (uint32_t m = 0; m < kRun; ++m) out[m] = cursor.uniform();
  return out[kRun - 1];
}

__attribute__((noinline)) double normalRun(const RandomStream& stream, const double* p, uint32_t first, double* out) {
  normalClippedRun(stream, p, first, kRun, out);
  return out[kRun - 1];
}

template <typename Draw>
double bestNsPerDraw(uint32_t draws, Draw draw) {
  double best = 1e300;
  for (int repeat = 0; repeat < 5; ++repeat) {
    const auto t0 = std::chrono::steady_clock::now();
    for (uint32_t first = 0; first < draws; first += kRun) draw(first);
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    if (ns < best) best = ns;
  }
  return best / draws;
}

}  // namespace

int main(int argc, char** argv) {
  const uint32_t draws = (argc > 1 ? static_cast<uint32_t>(std::atoi(argv[1])) : 4000000u) / kRun * kRun;
  std::vector<double> out(kRun);
  double sum = 0.0;  // used, so that no draw is optimised away
  const RandomStream stream{42, 7};
  const double inf = std::numeric_limits<double>::infinity();
  const double delay[4] = {1.5, 0.75, 0.1, inf}, weight[4] = {87.8, 8.78, 0.0, inf};
  const double uniforms = bestNsPerDraw(draws, [&](uint32_t first) { sum += uniformRun(stream, first, out.data()); });
  const double cursorRuns = bestNsPerDraw(draws, [&](uint32_t first) { sum += cursorRun(stream, first, out.data()); });
  const double cursor = bestNsPerDraw(draws, [&](uint32_t first) { sum += cursorOneByOne(stream, first, out.data()); });
  std::vector<double> oneByOne(kRun);
  cursorRun(stream, 7, out.data());
  cursorOneByOne(stream, 7, oneByOne.data());
  if (out != oneByOne) std::printf("philoxCursorRun differs from DrawCursor\n");
  auto normals = [&](const double* p) {
    return bestNsPerDraw(draws, [&](uint32_t first) { sum += normalRun(stream, p, first, out.data()); });
  };
  const double delays = normals(delay), weights = normals(weight);
  std::printf("uniforms %.2f, one cursor's %.2f (one by one %.2f), delay normals %.2f, weight normals %.2f ns per draw "
              "(%u draws; checksum %.6g)\n", uniforms, cursorRuns, cursor, delays, weights, draws, sum);
  return 0;
}
