// The uniform IF_curr_exp step alone (ifCurrExpUniformSteps, the loop that takes about 80 % of a Vogels-Abbott CUBA
// run): 4000 cells with the CUBA constants, `events` random synaptic events added to the input rows before each
// step (CUBA delivers about 180 per step). Prints the best of five runs in ns per cell and step. Built natively and
// by emscripten by bench/kernel.mjs, so one source compares the two compilers on the same loop; a change to the loop
// can be tried here in seconds, but confirm it on the whole network (bench/vogels_abbott.ts): session 4 found
// changes that gained 10-20 % here and nothing there.
//   kernel [steps=10000] [events=180] [cells=4000] [read|skip|direct] [listed]   (kernel_harness.h)
#include <cstdint>
#include <vector>

#include "kernel_harness.h"
#include "tsnn/models/lif_propagators.h"
#include "tsnn/models/lif_uniform_simd.h"

using namespace tsnn;

namespace {

// Not inlined: V8 switches a function to optimised code only at its next call (docs/performance.md, session 2).
__attribute__((noinline)) uint32_t step(uint32_t n, const LifCurrUniform& k, const UniformState& s,
                                        const UniformInput& in, RefractoryList* listed,
                                        uint32_t* spikes) {
  return ifCurrExpUniformSteps(n, k, s, in, false, listed, spikes);
}

}  // namespace

int main(int argc, char** argv) {
  const kernel::Options options(argc, argv, 180);
  const uint32_t n = options.cells;
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
  kernel::UniformCells cells(n);  // synExc, synInh: the synaptic currents
  const UniformState s = cells.state();
  const UniformInput in = cells.input(options);
  RefractoryList* const listed = cells.refractoryList(options);
  kernel::timeSteps(options, h, 0.0162, -0.09, cells,
                    [&](uint32_t* spikes) { return step(n, k, s, in, listed, spikes); });
  return 0;
}
