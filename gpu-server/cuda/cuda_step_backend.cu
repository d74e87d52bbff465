// The CUDA backend of the accelerated engine: device memory and the launches of the kernel bodies of
// step_kernels.h. Per step a launch per model (a thread per cell of that model's populations, the model a template
// constant) and the delivery kernel (a block per spike of the block list, then a thread per spike of the thread
// list, then a warp per spike of the warp list, lanes striding over the spike's synapses; the block's spike and
// event counts summed by shuffles and shared memory, one atomic per block), all on the default stream, no host
// synchronisation inside a chunk (the delivery kernel reads the step's spike counts from device memory).
// At a chunk's end, one settle launch per STDP projection. Building a network: the launches of
// device_expansion.h (expansion_kernels.h).
// Compiled with --fmad=false (gpu-server/CMakeLists.txt): the device rounds every product as the host does.
#include <cuda_runtime.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "cuda_step_backend.h"
#include "step_kernels.h"
#include "tsnn/error.h"

namespace tsnn {
namespace accel {
namespace {

constexpr int kThreads = 256;
constexpr int kWarp = 32;

template <uint32_t Model>
__global__ void updateKernel(const PopulationArgs* populations, ModelGroup group, StepArgs step) {
  const uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t < group.neurons) updateGroupCell(Model, populations, group, step, t);
}

using UpdateKernel = void (*)(const PopulationArgs*, ModelGroup, StepArgs);
// Indexed by DeviceModel, then kMixedModels.
const UpdateKernel kUpdateKernels[] = {
    updateKernel<0>,  updateKernel<1>,  updateKernel<2>,  updateKernel<3>,  updateKernel<4>,  updateKernel<5>,
    updateKernel<6>,  updateKernel<7>,  updateKernel<8>,  updateKernel<9>,  updateKernel<10>, updateKernel<11>,
    updateKernel<12>, updateKernel<13>, updateKernel<14>, updateKernel<15>, updateKernel<16>, updateKernel<kMixedModels>};
static_assert(sizeof(kUpdateKernels) / sizeof(kUpdateKernels[0]) == kMixedModels + 1,
              "an update kernel per DeviceModel and the mixed one");

template <bool PlasticRows>
__global__ void deliverKernel(SynapseArgs synapses, StepArgs step) {
  __shared__ SpikeTally warpTallies[kThreads / kWarp];
  const uint32_t parity = static_cast<uint32_t>(step.step & 1u);
  const uint32_t lane = threadIdx.x % kWarp;
  const uint32_t warp = (blockIdx.x * blockDim.x + threadIdx.x) / kWarp;
  const uint32_t warps = gridDim.x * blockDim.x / kWarp;
  const uint32_t* counts = step.stepCount + parity * kSpikeLists;
  SpikeTally tally;
  // Every block takes its share of the block list, then every thread of the thread list, then every warp of the
  // warp list; one lane of each group tallies its spike.
  const DeliveryLanes block{threadIdx.x, kThreads, lane, kWarp, threadIdx.x < kWarp};
  for (uint32_t index = blockIdx.x; index < counts[kBlockSpikes]; index += gridDim.x)
    deliverSpike(synapses, step, kBlockSpikes, index, block, threadIdx.x == 0 ? &tally : nullptr, PlasticRows);
  const DeliveryLanes ownThread{0, 1, 0, 1, true};
  for (uint32_t index = blockIdx.x * blockDim.x + threadIdx.x; index < counts[kThreadSpikes]; index += gridDim.x * blockDim.x)
    deliverSpike(synapses, step, kThreadSpikes, index, ownThread, &tally, PlasticRows);
  const DeliveryLanes ownWarp{lane, kWarp, lane, kWarp, true};
  for (uint32_t index = warp; index < counts[kWarpSpikes]; index += warps)
    deliverSpike(synapses, step, kWarpSpikes, index, ownWarp, lane == 0 ? &tally : nullptr, PlasticRows);
  for (uint32_t offset = kWarp / 2; offset > 0; offset /= 2) {
    tally.spikes += __shfl_down_sync(0xffffffffu, tally.spikes, offset);
    tally.events += __shfl_down_sync(0xffffffffu, tally.events, offset);
  }
  if (lane == 0) warpTallies[threadIdx.x / kWarp] = tally;
  __syncthreads();
  if (threadIdx.x == 0) {
    SpikeTally block;
    for (uint32_t w = 0; w < kThreads / kWarp; ++w) {
      block.spikes += warpTallies[w].spikes;
      block.events += warpTallies[w].events;
    }
    if (block.spikes != 0) {
      atomicAdd(reinterpret_cast<unsigned long long*>(&step.spikeTotals[0]), static_cast<unsigned long long>(block.spikes));
      atomicAdd(reinterpret_cast<unsigned long long*>(&step.spikeTotals[1]), static_cast<unsigned long long>(block.events));
    }
  }
  // The lists of the previous step were delivered by the previous launch: step + 1 starts them empty.
  if (blockIdx.x == 0 && threadIdx.x < kSpikeLists) step.stepCount[(parity ^ 1u) * kSpikeLists + threadIdx.x] = 0;
}

// A warp per row (grid stride), as deliverKernel takes a warp per spike.
__global__ void settleKernel(SynapseArgs synapses, uint32_t projection, uint32_t rows, int64_t until) {
  const uint32_t lane = threadIdx.x % kWarp;
  const uint32_t warp = (blockIdx.x * blockDim.x + threadIdx.x) / kWarp;
  const uint32_t warps = gridDim.x * blockDim.x / kWarp;
  for (uint32_t row = warp; row < rows; row += warps) settleStdpRow(synapses, projection, row, until, lane, kWarp);
}

__global__ void gatherKernel(SampleArgs args) {
  const uint32_t k = blockIdx.x * blockDim.x + threadIdx.x;
  if (k < args.count) gatherSample(args, k);
}

// The connectivity expansion's per-item bodies (grid stride; `kernel` is the same for every thread).
__global__ void expansionKernel(ExpansionKernel kernel, ExpansionArgs args, uint32_t count) {
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t index = blockIdx.x * blockDim.x + threadIdx.x; index < count; index += stride) {
    const uint32_t k = static_cast<uint32_t>(index);  // 64-bit above: k + stride may pass 2^32
    runExpansionKernel(kernel, args, k);
  }
}

// A block per row (grid stride): a bitonic network in shared memory, padded with the largest key (rows of at most
// kSharedSortKeys: DeviceExpander gives longer ones to the host). Every branch depends on the row only, so the
// whole block takes it and reaches each __syncthreads.
__global__ void sortRowsKernel(uint64_t* keys, const uint32_t* rowStart, uint32_t rows) {
  __shared__ uint64_t shared[kSharedSortKeys];
  for (uint32_t row = blockIdx.x; row < rows; row += gridDim.x) {
    const uint32_t begin = rowStart[row], n = rowStart[row + 1] - begin;
    if (n < 2 || n > kSharedSortKeys) continue;
    uint64_t* rowKeys = keys + begin;
    const uint32_t size = bitonicSize(n);
    for (uint32_t t = threadIdx.x; t < size; t += blockDim.x) shared[t] = t < n ? rowKeys[t] : ~0ull;
    __syncthreads();
    for (uint32_t k = 2; k <= size; k <<= 1) {
      for (uint32_t j = k >> 1; j > 0; j >>= 1) {
        for (uint32_t t = threadIdx.x; t < size; t += blockDim.x) bitonicStep(shared, k, j, t);
        __syncthreads();
      }
    }
    for (uint32_t t = threadIdx.x; t < n; t += blockDim.x) rowKeys[t] = shared[t];
    __syncthreads();  // the next row reuses `shared`
  }
}

void check(cudaError_t status, const char* what) {
  if (status == cudaSuccess) return;
  throw Error(ErrorCode::Internal, "", std::string("CUDA: ") + what + " failed: " + cudaGetErrorString(status));
}

class CudaStepBackend final : public StepBackend {
 public:
  explicit CudaStepBackend(int device) : device_(device) {
    cudaDeviceProp properties;
    const cudaError_t status = cudaGetDeviceProperties(&properties, device);
    if (status != cudaSuccess)
      throw Error(ErrorCode::FailedPrecondition, "device",
                  "CUDA device " + std::to_string(device) + " cannot be used: " + cudaGetErrorString(status));
    name_ = properties.name;
    // A device that shares the host's memory (Jetson) reads and writes mapped pinned memory in place.
    mapsHostMemory_ = properties.integrated != 0 && properties.canMapHostMemory != 0;
    check(cudaSetDevice(device_), "cudaSetDevice");
    // The delivery grid-strides over the step's spikes: more blocks than fit at once on the device only queue
    // behind the first wave, each to find little left (most steps have far fewer spikes than cells).
    int staticOnly = 0, plastic = 0;
    check(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&staticOnly, deliverKernel<false>, kThreads, 0),
          "cudaOccupancyMaxActiveBlocksPerMultiprocessor");
    check(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&plastic, deliverKernel<true>, kThreads, 0),
          "cudaOccupancyMaxActiveBlocksPerMultiprocessor");
    deliveryBlocks_[0] = static_cast<uint32_t>(std::max(1, staticOnly * properties.multiProcessorCount));
    deliveryBlocks_[1] = static_cast<uint32_t>(std::max(1, plastic * properties.multiProcessorCount));
    if (mapsHostMemory_ && cudaSetDeviceFlags(cudaDeviceMapHost) != cudaSuccess) cudaGetLastError();  // set already
  }

  std::string describe() const override { return "cuda (" + name_ + ", device " + std::to_string(device_) + ")"; }

  void* allocate(size_t bytes) override {
    select();
    void* memory = nullptr;
    const size_t size = bytes == 0 ? 8 : bytes;
    const cudaError_t status = cudaMalloc(&memory, size);
    if (status == cudaErrorMemoryAllocation) {
      cudaGetLastError();  // clear the sticky-free allocation error
      throw Error(ErrorCode::ResourceExhausted, "network",
                  "the CUDA device " + name_ + " has too little free memory for " + std::to_string(size) + " more bytes");
    }
    check(status, "cudaMalloc");
    check(cudaMemset(memory, 0, size), "cudaMemset");
    return memory;
  }
  void* allocateShared(size_t bytes, void** host) override {
    *host = nullptr;
    if (!mapsHostMemory_) return allocate(bytes);
    select();
    const size_t size = bytes == 0 ? 8 : bytes;
    void* pinned = nullptr;
    if (cudaHostAlloc(&pinned, size, cudaHostAllocMapped) != cudaSuccess) {
      cudaGetLastError();
      return allocate(bytes);  // no pinned memory left: device memory and copies, as on a discrete GPU
    }
    void* device = nullptr;
    if (cudaHostGetDevicePointer(&device, pinned, 0) != cudaSuccess) {
      cudaGetLastError();
      cudaFreeHost(pinned);
      return allocate(bytes);
    }
    std::memset(pinned, 0, size);
    mapped_[device] = pinned;
    *host = pinned;
    return device;
  }
  void release(void* memory) override {
    select();
    const auto mapped = mapped_.find(memory);
    if (mapped == mapped_.end()) {
      cudaFree(memory);
      return;
    }
    cudaFreeHost(mapped->second);
    mapped_.erase(mapped);
  }
  void upload(void* device, const void* host, size_t bytes) override {
    if (bytes == 0) return;
    select();
    check(cudaMemcpy(device, host, bytes, cudaMemcpyHostToDevice), "cudaMemcpy to the device");
  }
  void download(void* host, const void* device, size_t bytes) override {
    if (bytes == 0) return;
    select();
    check(cudaMemcpy(host, device, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy from the device");
  }
  void zero(void* device, size_t bytes) override {
    if (bytes == 0) return;
    select();
    check(cudaMemset(device, 0, bytes), "cudaMemset");
  }

  void step(const PopulationArgs* populations, const std::vector<ModelGroup>& groups, const StepArgs& args,
            const SynapseArgs& synapses) override {
    select();
    for (const ModelGroup& g : groups)
      if (g.neurons != 0) kUpdateKernels[g.model]<<<(g.neurons + kThreads - 1) / kThreads, kThreads>>>(populations, g, args);
    // Enough warps to cover a step where every eighth cell spikes at once, at most one wave of the device; more
    // spikes loop (grid stride).
    uint32_t blocks = (args.totalNeurons / 8 * kWarp + kThreads - 1) / kThreads;
    if (blocks < 1) blocks = 1;
    if (blocks > deliveryBlocks_[synapses.anyPlastic]) blocks = deliveryBlocks_[synapses.anyPlastic];
    if (synapses.anyPlastic) deliverKernel<true><<<blocks, kThreads>>>(synapses, args);
    else deliverKernel<false><<<blocks, kThreads>>>(synapses, args);
    check(cudaGetLastError(), "a step's kernel launch");
  }

  void settleStdp(const SynapseArgs& synapses, uint32_t projection, uint32_t rows, int64_t until) override {
    if (rows == 0) return;
    select();
    const uint64_t threads = static_cast<uint64_t>(rows) * kWarp;
    const uint32_t blocks = static_cast<uint32_t>(std::min<uint64_t>(4096, (threads + kThreads - 1) / kThreads));
    settleKernel<<<blocks, kThreads>>>(synapses, projection, rows, until);
    check(cudaGetLastError(), "an STDP settle kernel launch");
  }

  void gather(const SampleArgs& args) override {
    if (args.count == 0) return;
    select();
    gatherKernel<<<(args.count + kThreads - 1) / kThreads, kThreads>>>(args);
    check(cudaGetLastError(), "a sample kernel launch");
  }

  void expand(ExpansionKernel kernel, const ExpansionArgs& args, uint32_t count) override {
    if (count == 0) return;
    select();
    const uint32_t blocks = std::min<uint32_t>(65535, (count + kThreads - 1) / kThreads);
    expansionKernel<<<blocks, kThreads>>>(kernel, args, count);
    check(cudaGetLastError(), "a connectivity expansion kernel launch");
  }

  void sortRows(uint64_t* keys, const uint32_t* rowStart, uint32_t rows) override {
    if (rows == 0) return;
    select();
    sortRowsKernel<<<std::min<uint32_t>(rows, 65535), kThreads>>>(keys, rowStart, rows);
    check(cudaGetLastError(), "a row sort kernel launch");
  }

  void synchronize() override {
    select();
    check(cudaDeviceSynchronize(), "running the steps");
  }

 private:
  void select() const { check(cudaSetDevice(device_), "cudaSetDevice"); }

  int device_;
  std::string name_;
  uint32_t deliveryBlocks_[2] = {1, 1};  // the delivery blocks the device runs at once: static only, plastic
  bool mapsHostMemory_ = false;
  std::map<void*, void*> mapped_;  // device address -> pinned host address, of allocateShared's memory
};

}  // namespace

std::unique_ptr<StepBackend> makeCudaStepBackend(int device) {
  return std::unique_ptr<StepBackend>(new CudaStepBackend(device));
}

}  // namespace accel
}  // namespace tsnn
