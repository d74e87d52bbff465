// What the step-loop kernels (bench/kernel/*_kernel.cpp) share: synaptic events scattered over the input rows
// before each step, as the delivery would leave them, and the timing (best of five runs, in ns per cell and step).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tsnn/fixed_point.h"
#include "tsnn/models/lif_uniform_updates.h"
#include "tsnn/models/refractory_list.h"

namespace kernel {

inline uint64_t& randomState() {
  static uint64_t state = 12345;
  return state;
}

inline uint64_t nextRandom() {  // xorshift64: the events only need to be scattered
  uint64_t& state = randomState();
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

// The command line of every kernel: [steps=10000] [events=<model's default>] [cells=4000] [read|skip|direct]
// [listed]. With `skip`, the step loops that honour it run without reading their input rows
// (UniformInput::pairsSkipInput, as the engine runs them while few channels receive input); the events still go to
// the rows, so the cells see none. With `direct`, the same loops, and the events go to the synaptic variables
// (addEventsDirect). With `listed`, the step keeps a list of the refractory cells (refractory_list.h), as the
// engine does.
struct Options {
  int steps, events;
  uint32_t cells;
  bool skipInput, direct, listed;
  Options(int argc, char** argv, int defaultEvents)
      : steps(argc > 1 ? std::atoi(argv[1]) : 10000),
        events(argc > 2 ? std::atoi(argv[2]) : defaultEvents),
        cells(argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) : 4000),
        skipInput(argc > 4 && (std::string(argv[4]) == "skip" || std::string(argv[4]) == "direct")),
        direct(argc > 4 && std::string(argv[4]) == "direct"),
        listed(argc > 5 && std::string(argv[5]) == "listed") {}
};

// A membrane potential drawn uniformly from [low, low + width).
inline double uniformVoltage(double low, double width) {
  return low + width * static_cast<double>(nextRandom() >> 11) / 9007199254740992.0;
}

// The arrays of n cells' uniform step (either model): membrane potentials drawn from [-60, -50) mV, no synaptic
// state, no refractory cell, no current-source current, and the input rows the events go to (cleared once read).
struct UniformCells {
  std::vector<double> v, synExc, synInh, injected;
  std::vector<int32_t> refractory;
  std::vector<int64_t> inputExc, inputInh;
  tsnn::RefractoryList list;

  explicit UniformCells(uint32_t n)
      : v(n), synExc(n, 0.0), synInh(n, 0.0), injected(n, 0.0), refractory(n, 0), inputExc(n, 0), inputInh(n, 0) {
    for (uint32_t i = 0; i < n; ++i) v[i] = uniformVoltage(-60, 10);
    tsnn::listRefractory(list, refractory.data(), n & ~1u, n);
  }
  tsnn::UniformState state() {
    return tsnn::UniformState{v.data(), synExc.data(), synInh.data(), nullptr, nullptr, refractory.data()};
  }
  // The refractory list the step keeps (refractory_list.h), or none: `listed` on the command line.
  tsnn::RefractoryList* refractoryList(const Options& options) { return options.listed ? &list : nullptr; }
  tsnn::UniformInput input(const Options& options) {
    return tsnn::UniformInput{inputExc.data(), inputInh.data(), injected.data(), true, options.skipInput};
  }
};

// Four in five events excitatory: 3200 of the Vogels-Abbott network's 4000 presynaptic cells are.
__attribute__((noinline)) inline void addEvents(int events, uint32_t n, int64_t* exc, int64_t* inh, double weightExc,
                                                double weightInh) {
  const int64_t wExc = tsnn::toFixed(weightExc), wInh = tsnn::toFixed(weightInh);
  for (int e = 0; e < events; ++e) {
    const uint32_t cell = static_cast<uint32_t>(nextRandom() % n);
    if (nextRandom() % 5 != 0) exc[cell] += wExc;
    else inh[cell] += wInh;
  }
}

// Events added straight to the synaptic variables (`direct`): the cells see them and spike, as in a network, with
// the step loop not reading its input rows. One in seven inhibitory: with IF_cond_exp's 435 events a step the
// cells then fire at 16 Hz, about COBA's rate (the network's 14.5). Real: the variables' type (double, or float
// in cond_precision_kernel.cpp).
template <typename Real>
__attribute__((noinline)) void addEventsDirect(int events, uint32_t n, Real* exc, Real* inh, double weightExc,
                                               double weightInh) {
  for (int e = 0; e < events; ++e) {
    const uint32_t cell = static_cast<uint32_t>(nextRandom() % n);
    if (nextRandom() % 7 != 0) exc[cell] += static_cast<Real>(weightExc);
    else inh[cell] += static_cast<Real>(weightInh);
  }
}

// Runs `steps` steps five times, with `events` events before each; step(spikes) steps every cell and returns how
// many spiked. Prints the best run and the mean rate.
template <typename Step>
void timeSteps(const Options& options, double h, double weightExc, double weightInh, UniformCells& cells, Step step) {
  const int steps = options.steps, events = options.events;
  const uint32_t n = options.cells;
  std::vector<uint32_t> spikes(n);
  double best = 1e300;
  uint64_t spikeCount = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    spikeCount = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i) {
      if (options.direct) addEventsDirect(events, n, cells.synExc.data(), cells.synInh.data(), weightExc, weightInh);
      else addEvents(events, n, cells.inputExc.data(), cells.inputInh.data(), weightExc, weightInh);
      spikeCount += step(spikes.data());
    }
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, ns / steps / n);
  }
  const char* how = options.direct ? " added directly" : options.skipInput ? " not read" : "";
  std::printf("%.3f ns per cell and step (%u cells, %d events per step%s, %.2f Hz)\n", best, n, events, how,
              static_cast<double>(spikeCount) / n / (steps * h * 1e-3));
}

}  // namespace kernel
