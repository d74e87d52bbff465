// Where the accelerated engine's memory lives and its kernels run: the CUDA device (cuda_step_backend.cu) or plain
// host memory and loops (host_step_backend.cpp, the emulation the tests run without a GPU). The engine itself
// (accelerated_engine.cpp) is one piece of host code over this interface, so both backends share every decision
// except the launch.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "expansion_kernels.h"
#include "step_kernels.h"

namespace tsnn {
namespace accel {

class StepBackend {
 public:
  virtual ~StepBackend() = default;
  // "cuda (NVIDIA H100 ..., device 0)" or "host emulation": for logs.
  virtual std::string describe() const = 0;

  // Zero-filled memory of `bytes` (never null for bytes > 0); freed with release(). Throws tsnn::Error
  // RESOURCE_EXHAUSTED when the device has too little memory.
  virtual void* allocate(size_t bytes) = 0;
  // Zero-filled memory the device writes and the host reads where it lies, when the device shares the host's
  // memory (Jetson: mapped pinned memory, so pulling a chunk's records costs no copy): the device address, with
  // *host set to the host's address of the same bytes. Elsewhere allocate()'s memory, *host null. Freed with
  // release(); the host reads it only after synchronize().
  virtual void* allocateShared(size_t bytes, void** host) = 0;
  virtual void release(void* memory) = 0;
  virtual void upload(void* device, const void* host, size_t bytes) = 0;
  virtual void download(void* host, const void* device, size_t bytes) = 0;
  virtual void zero(void* device, size_t bytes) = 0;

  // Enqueues one step: updateGroupCell for every cell of every group (`populations`: the PopulationArgs in this
  // backend's memory; `groups`: host memory, their arrays in this backend's), then deliverSpike for every spike of
  // the step (the step's spike counters of the other parity are cleared with it). May return before it ran.
  virtual void step(const PopulationArgs* populations, const std::vector<ModelGroup>& groups, const StepArgs& args,
                    const SynapseArgs& synapses) = 0;
  // Enqueues settleStdpRow for every row < rows of STDP projection `projection` up to step `until`, after the
  // steps enqueued before it.
  virtual void settleStdp(const SynapseArgs& synapses, uint32_t projection, uint32_t rows, int64_t until) = 0;
  // Enqueues gatherSample for k < args.count, after the steps enqueued before it.
  virtual void gather(const SampleArgs& args) = 0;
  // Enqueues `kernel` for every item < count (lines or connections; device_expansion.h runs them in order).
  virtual void expand(ExpansionKernel kernel, const ExpansionArgs& args, uint32_t count) = 0;
  // Enqueues the sort of every row's keys[rowStart[r]..rowStart[r + 1]) ascending (the keys are unique; no row
  // longer than kSharedSortKeys).
  virtual void sortRows(uint64_t* keys, const uint32_t* rowStart, uint32_t rows) = 0;
  // Waits until every enqueued step has run; throws tsnn::Error INTERNAL naming a failed launch.
  virtual void synchronize() = 0;
};

// The emulation: every launch a loop over the same kernel bodies, memory in the host's heap. sharedMemory: whether
// allocateShared gives the host the memory itself (as on a Jetson) or only the device address (as on a discrete
// GPU, so the engine copies), to test both ways.
std::unique_ptr<StepBackend> makeHostStepBackend(bool sharedMemory = true);

}  // namespace accel
}  // namespace tsnn
