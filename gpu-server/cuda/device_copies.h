// Device copies of host arrays that a step reads or writes (CellArrayRef: a population's cell arrays, a
// Tsodyks-Markram projection's synapse state): uploaded together, the state ones downloaded after a run, and the
// address of each host array's copy, for the step arguments that point at them.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "device_array.h"
#include "tsnn/engine/array_views.h"

namespace tsnn {
namespace accel {

class DeviceCopies {
 public:
  // Copies every array up (reusing the memory of a copy whose size is unchanged).
  void upload(StepBackend& backend, const std::vector<CellArrayRef>& arrays) {
    if (arrays_.size() != arrays.size()) {
      arrays_.clear();
      for (size_t k = 0; k < arrays.size(); ++k) arrays_.push_back(std::make_unique<DeviceArray<unsigned char>>());
    }
    copies_.clear();
    for (size_t k = 0; k < arrays.size(); ++k) {
      arrays_[k]->assign(backend, static_cast<const unsigned char*>(arrays[k].data), arrays[k].bytes);
      copies_[arrays[k].data] = arrays_[k]->data();
    }
  }
  // The copy of host array `host` (its data()), or null for one not copied.
  void* copyOf(const void* host) const {
    const auto copy = copies_.find(host);
    return copy == copies_.end() ? nullptr : copy->second;
  }
  // copyOf as the pointer map of the step-argument builders (NeuronPopulation::cellSteps, ...).
  CopyOf copier() const {
    return [this](const void* host) { return copyOf(host); };
  }
  // The state arrays back into the host arrays they were copied from (the same `arrays` as upload's).
  void downloadState(StepBackend& backend, const std::vector<CellArrayRef>& arrays) const {
    for (const CellArrayRef& array : arrays)
      if (array.state) backend.download(array.data, copies_.at(array.data), array.bytes);
  }
  uint64_t bytes() const {
    uint64_t total = 0;
    for (const auto& a : arrays_) total += a->bytes();
    return total;
  }

 private:
  std::vector<std::unique_ptr<DeviceArray<unsigned char>>> arrays_;
  std::unordered_map<const void*, void*> copies_;
};

}  // namespace accel
}  // namespace tsnn
