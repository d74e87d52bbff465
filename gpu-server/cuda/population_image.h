// One population as the accelerated engine uploads it: the per-cell constants of its update, recomputed from the
// population's public parameters with the same functions and the same expressions as NeuronPopulation::derive()
// (so the same bits: cuda_engine_host_test.cpp fails if the two ever drift apart), and its spike-source tables.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "step_kernels.h"
#include "tsnn/models/neuron_population.h"

namespace tsnn {
namespace accel {

struct PopulationImage {
  DeviceModel model = kIfCurrExp;
  uint32_t size = 0;
  uint32_t firstNeuron = 0;
  // Neuron constants (only those of the model are filled).
  std::vector<double> vRest, vThresh, vReset, iOffset;
  std::vector<double> p22, p20, p11Exc, p11Inh, p21Exc, p21Inh, p31Exc, p31Inh, p21AlphaExc, p21AlphaInh;
  std::vector<double> alphaScaleExc, alphaScaleInh, invCm, gLeak, eRevExc, eRevInh, halfDecayExc, halfDecayInh;
  std::vector<int32_t> refractorySteps;
  // SpikeSourcePoisson.
  std::vector<double> lambda, emptyProbability, start, duration;
  uint64_t seed = 0, stream = 0;
  // SpikeSourceArray: grid steps per cell (CSR) and, per cell, the first spike after `now`.
  std::vector<uint32_t> spikeStart;
  std::vector<uint64_t> spikeSteps;
  std::vector<uint32_t> nextSpike;
};

// The device model of a core population, or false (with the cell type in `why`) when the engine does not run it.
bool deviceModelOf(const NeuronPopulation& population, DeviceModel& model, std::string& why);

// The image of `population` (whose model deviceModelOf accepted) at step `now`; `seed`/`stream`: its source stream.
PopulationImage describePopulation(const NeuronPopulation& population, DeviceModel model, uint32_t firstNeuron,
                                   double dt, uint64_t now, uint64_t seed, uint64_t stream);

// The names of the state arrays the host can read (NeuronPopulation::recordableArray), in the order of
// DevicePopulation's v, synExc, synInh; empty names for arrays the model does not have.
struct VisibleState {
  const char* v;
  const char* synExc;
  const char* synInh;
};
VisibleState visibleStateOf(DeviceModel model);

}  // namespace accel
}  // namespace tsnn
