// Which CUDA devices this process can use (the server's engine selection and GetInfo).
#include <cuda_runtime.h>

#include "cuda_step_backend.h"

#ifndef TSNN_CUDA_ARCHITECTURES
#define TSNN_CUDA_ARCHITECTURES "unknown"
#endif

namespace tsnn {
namespace accel {

CudaProbe probeCudaDevices() {
  CudaProbe probe;
  cudaRuntimeGetVersion(&probe.runtimeVersion);
  cudaDriverGetVersion(&probe.driverVersion);
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    probe.error = cudaGetErrorString(status);
    cudaGetLastError();
    return probe;
  }
  if (count == 0) {
    probe.error = "no CUDA devices";
    return probe;
  }
  for (int d = 0; d < count; ++d) {
    cudaDeviceProp properties;
    if (cudaGetDeviceProperties(&properties, d) != cudaSuccess) continue;
    CudaDeviceInfo info;
    info.index = d;
    info.name = properties.name;
    info.totalMemory = properties.totalGlobalMem;
    info.major = properties.major;
    info.minor = properties.minor;
    size_t freeBytes = 0, totalBytes = 0;
    if (cudaSetDevice(d) == cudaSuccess && cudaMemGetInfo(&freeBytes, &totalBytes) == cudaSuccess) info.freeMemory = freeBytes;
    cudaGetLastError();
    probe.devices.push_back(info);
  }
  probe.usable = !probe.devices.empty();
  if (!probe.usable) probe.error = "no CUDA device answered cudaGetDeviceProperties";
  return probe;
}

std::string cudaBuildDescription() {
  return "CUDA " + std::to_string(CUDART_VERSION / 1000) + "." + std::to_string(CUDART_VERSION % 1000 / 10) +
         ", architectures " + TSNN_CUDA_ARCHITECTURES + ", --fmad=false";
}

}  // namespace accel
}  // namespace tsnn
