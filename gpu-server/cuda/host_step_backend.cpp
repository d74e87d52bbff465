// The host emulation of the device (step_backend.h): the kernels' bodies in plain loops over host memory. The
// order of the loops is one valid order of the device's threads; the fixed-point ring makes every order give the
// same sums, which is what lets this backend stand in for the GPU in tests.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "step_backend.h"
#include "tsnn/error.h"

namespace tsnn {
namespace accel {
namespace {

class HostStepBackend final : public StepBackend {
 public:
  explicit HostStepBackend(bool sharedMemory) : sharedMemory_(sharedMemory) {}
  std::string describe() const override { return "host emulation"; }

  void* allocate(size_t bytes) override {
    void* memory = std::calloc(bytes == 0 ? 1 : bytes, 1);
    if (memory == nullptr)
      throw Error(ErrorCode::ResourceExhausted, "network", "cannot allocate " + std::to_string(bytes) + " bytes");
    return memory;
  }
  void* allocateShared(size_t bytes, void** host) override {
    void* memory = allocate(bytes);
    *host = sharedMemory_ ? memory : nullptr;
    return memory;
  }
  void release(void* memory) override { std::free(memory); }
  void upload(void* device, const void* host, size_t bytes) override {
    if (bytes != 0) std::memcpy(device, host, bytes);
  }
  void download(void* host, const void* device, size_t bytes) override {
    if (bytes != 0) std::memcpy(host, device, bytes);
  }
  void zero(void* device, size_t bytes) override {
    if (bytes != 0) std::memset(device, 0, bytes);
  }

  void step(const PopulationArgs* populations, const std::vector<ModelGroup>& groups, const StepArgs& args,
            const SynapseArgs& synapses) override {
    for (const ModelGroup& g : groups)
      for (uint32_t t = 0; t < g.neurons; ++t) updateGroupCell(g.model, populations, g, args, t);
    const uint32_t parity = static_cast<uint32_t>(args.step & 1u);
    const DeliveryLanes one{0, 1, 0, 1, true};
    SpikeTally tally;
    for (uint32_t list = 0; list < kSpikeLists; ++list)
      for (uint32_t k = 0, n = args.stepCount[parity * kSpikeLists + list]; k < n; ++k)
        deliverSpike(synapses, args, list, k, one, &tally, synapses.anyPlastic);
    args.spikeTotals[0] += tally.spikes;
    args.spikeTotals[1] += tally.events;
    for (uint32_t list = 0; list < kSpikeLists; ++list) args.stepCount[(parity ^ 1u) * kSpikeLists + list] = 0;
  }

  void settleStdp(const SynapseArgs& synapses, uint32_t projection, uint32_t rows, int64_t until) override {
    for (uint32_t row = 0; row < rows; ++row) settleStdpRow(synapses, projection, row, until, 0, 1);
  }

  void gather(const SampleArgs& args) override {
    for (uint32_t k = 0; k < args.count; ++k) gatherSample(args, k);
  }

  void expand(ExpansionKernel kernel, const ExpansionArgs& args, uint32_t count) override {
    for (uint32_t k = 0; k < count; ++k) runExpansionKernel(kernel, args, k);
  }

  // The device's sorting stages, each a loop over the block's threads (cuda_step_backend.cu, sortRowsKernel).
  void sortRows(uint64_t* keys, const uint32_t* rowStart, uint32_t rows) override {
    std::vector<uint64_t> shared;
    for (uint32_t row = 0; row < rows; ++row) {
      const uint32_t begin = rowStart[row], n = rowStart[row + 1] - begin;
      if (n < 2) continue;
      uint64_t* rowKeys = keys + begin;
      if (n > kSharedSortKeys) throw Error(ErrorCode::Internal, "network", "a row too long for the device's sort");
      const uint32_t size = bitonicSize(n);
      shared.assign(size, ~0ull);
      std::copy(rowKeys, rowKeys + n, shared.begin());
      for (uint32_t k = 2; k <= size; k <<= 1)
        for (uint32_t j = k >> 1; j > 0; j >>= 1)
          for (uint32_t t = 0; t < size; ++t) bitonicStep(shared.data(), k, j, t);
      std::copy(shared.begin(), shared.begin() + n, rowKeys);
    }
  }

  void synchronize() override {}

 private:
  bool sharedMemory_;
};

}  // namespace

std::unique_ptr<StepBackend> makeHostStepBackend(bool sharedMemory) {
  return std::unique_ptr<StepBackend>(new HostStepBackend(sharedMemory));
}

}  // namespace accel
}  // namespace tsnn
