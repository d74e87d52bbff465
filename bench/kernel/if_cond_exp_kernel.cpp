// The uniform IF_cond_exp step alone (ifCondExpUniformSteps, about three quarters of a Vogels-Abbott COBA run):
// 4000 cells with the COBA constants, `events` random synaptic events added to the input rows before each step
// (COBA delivers about 435 per step). Prints the best of five runs in ns per cell and step. Built natively and by
// emscripten by bench/kernel.mjs, like if_curr_exp_kernel.cpp; confirm a gain here on the whole network
// (bench/vogels_abbott.ts COBA).
//   kernel [steps=10000] [events=435] [cells=4000] [read|skip|direct] [listed]   (kernel_harness.h)
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernel_harness.h"
#include "tsnn/models/lif_uniform_simd.h"

using namespace tsnn;

namespace {

// Not inlined: V8 switches a function to optimised code only at its next call (docs/performance.md, session 2).
__attribute__((noinline)) uint32_t step(uint32_t n, const CondUniform& k, double h, const UniformState& s,
                                        const UniformInput& in, RefractoryList* listed,
                                        uint32_t* spikes) {
  return ifCondExpUniformSteps(n, k, h, s, in, false, listed, spikes);
}

}  // namespace

int main(int argc, char** argv) {
  const kernel::Options options(argc, argv, 435);
  const uint32_t n = options.cells;
  const double h = 0.1, tauM = 20, cm = 0.2, tauExc = 5, tauInh = 10;
  CondUniform k{};
  k.vRest = -60;
  k.vThresh = -50;
  k.vReset = -60;
  k.invCm = 1 / cm;
  k.gLeak = cm / tauM;
  k.eRevExc = 0;
  k.eRevInh = -80;
  k.decayExc = std::exp(-h / tauExc);
  k.decayInh = std::exp(-h / tauInh);
  k.halfDecayExc = std::exp(-0.5 * h / tauExc);
  k.halfDecayInh = std::exp(-0.5 * h / tauInh);
  k.refractorySteps = 50;
  kernel::UniformCells cells(n);  // synExc, synInh: the conductances
  const UniformState s = cells.state();
  const UniformInput in = cells.input(options);
  RefractoryList* const listed = cells.refractoryList(options);
  // 4 nS and 51 nS, in uS (bench/vogels_abbott.ts)
  kernel::timeSteps(options, h, 0.004, 0.051, cells,
                    [&](uint32_t* spikes) { return step(n, k, h, s, in, listed, spikes); });
  return 0;
}
