// Which core populations the accelerated engine runs, and the one table it builds itself: a SpikeSourceArray's
// spike steps, flattened (the core keeps a vector per cell). Every other array the device steps read is a copy of
// the population's own (NeuronPopulation::cellArrays), so the constants are the core's by construction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "step_kernels.h"
#include "tsnn/models/neuron_population.h"

namespace tsnn {
namespace accel {

// The device model of a core population, or false (with the cell type in `why`) when the engine does not run it.
bool deviceModelOf(const NeuronPopulation& population, DeviceModel& model, std::string& why);

// What deviceModelOf accepts, for the message of a refused session.
extern const char* const kDeviceModelNames;

// SpikeSourceArray: the grid steps of cell i are steps[start[i] .. start[i + 1]), next[i] the first after `now`.
struct SpikeArrayTable {
  std::vector<uint32_t> start;
  std::vector<uint64_t> steps;
  std::vector<uint32_t> next;
};
SpikeArrayTable spikeArrayTable(const NeuronPopulation& population, double dt, uint64_t now);

}  // namespace accel
}  // namespace tsnn
