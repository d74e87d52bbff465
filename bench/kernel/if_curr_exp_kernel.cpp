// The uniform IF_curr_exp step alone (ifCurrExpUniformSteps, the loop that takes about 80 % of a Vogels-Abbott CUBA
// run): 4000 cells with the CUBA constants, `events` random synaptic events added to the input rows before each
// step (CUBA delivers about 180 per step). Prints the best of five runs in ns per cell and step. Built natively and
// by emscripten by bench/kernel.mjs, so one source compares the two compilers on the same loop; a change to the loop
// can be tried here in seconds, but confirm it on the whole network (bench/vogels_abbott.ts): session 4 found
// changes that gained 10-20 % here and nothing there.
//   kernel [steps=10000] [events=180] [cells=4000]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "tsnn/models/lif_propagators.h"
#include "tsnn/models/lif_uniform_simd.h"

using namespace tsnn;

namespace {

uint64_t state = 12345;
uint64_t nextRandom() {  // xorshift64: the events only need to be scattered
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

// Not inlined: V8 switches a function to optimised code only at its next call (docs/performance.md, session 2).
__attribute__((noinline)) uint32_t step(uint32_t n, const LifCurrUniform& k, const UniformState& s,
                                        const UniformInput& in, uint32_t* spikes) {
  return ifCurrExpUniformSteps(n, k, s, in, false, spikes);
}

__attribute__((noinline)) void addEvents(int events, uint32_t n, int64_t* exc, int64_t* inh) {
  const int64_t wExc = static_cast<int64_t>(0.0162 * kFixedScale), wInh = static_cast<int64_t>(-0.09 * kFixedScale);
  for (int e = 0; e < events; ++e) {
    const uint32_t cell = static_cast<uint32_t>(nextRandom() % n);
    if (nextRandom() % 5 != 0) exc[cell] += wExc;  // 3200 of the 4000 presynaptic cells are excitatory
    else inh[cell] += wInh;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int steps = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int events = argc > 2 ? std::atoi(argv[2]) : 180;
  const uint32_t n = argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) : 4000;
  const double h = 0.1, tauM = 20, cm = 0.2, tauExc = 5, tauInh = 10;
  const LifPropagators exc = lifPropagators(tauM, cm, tauExc, h), inh = lifPropagators(tauM, cm, tauInh, h);
  LifCurrUniform k{};
  k.vRest = -49;
  k.vThresh = -50;
  k.vReset = -60;
  k.p22 = exc.p22;
  k.p20 = exc.p20;
  k.p11Exc = exc.p11;
  k.p11Inh = inh.p11;
  k.p21Exc = exc.p21;
  k.p21Inh = inh.p21;
  k.refractorySteps = 50;
  std::vector<double> v(n), iExc(n, 0.0), iInh(n, 0.0), injected(n, 0.0);
  std::vector<int32_t> refractory(n, 0);
  std::vector<int64_t> inputExc(n, 0), inputInh(n, 0);
  std::vector<uint32_t> spikes(n);
  for (uint32_t i = 0; i < n; ++i) v[i] = -60 + 10 * static_cast<double>(nextRandom() >> 11) / 9007199254740992.0;
  const UniformState s{v.data(), iExc.data(), iInh.data(), nullptr, nullptr, refractory.data()};
  const UniformInput in{inputExc.data(), inputInh.data(), injected.data(), true};
  double best = 1e300;
  uint64_t spikeCount = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    spikeCount = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i) {
      addEvents(events, n, inputExc.data(), inputInh.data());
      spikeCount += step(n, k, s, in, spikes.data());
    }
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, ns / steps / n);
  }
  std::printf("%.3f ns per cell and step (%u cells, %d events per step, %.2f Hz)\n", best, n, events,
              static_cast<double>(spikeCount) / n / (steps * h * 1e-3));
  return 0;
}
