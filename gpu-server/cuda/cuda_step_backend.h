// The CUDA side of the accelerated engine, as plain C++ declarations (the server includes this without nvcc):
// what devices there are, and a StepBackend on one of them. Defined in cuda_step_backend.cu and cuda_devices.cu,
// built only with TSNN_WITH_CUDA.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "step_backend.h"

namespace tsnn {
namespace accel {

struct CudaDeviceInfo {
  int index = 0;
  std::string name;
  uint64_t totalMemory = 0;
  uint64_t freeMemory = 0;
  int major = 0, minor = 0;  // compute capability
};

struct CudaProbe {
  bool usable = false;
  std::string error;               // why not usable: the CUDA runtime's error string, or "no CUDA devices"
  std::vector<CudaDeviceInfo> devices;
  int runtimeVersion = 0;          // e.g. 13000
  int driverVersion = 0;
};

// cudaGetDeviceCount and the properties of every device; never throws.
CudaProbe probeCudaDevices();

// A backend on device `device` (cudaSetDevice before every call: gRPC runs calls on any thread).
// Throws tsnn::Error FAILED_PRECONDITION when the device cannot be used.
std::unique_ptr<StepBackend> makeCudaStepBackend(int device);

// "CUDA 13.0, sm_75 sm_87 sm_90, --fmad=false": for GetInfo's build string.
std::string cudaBuildDescription();

}  // namespace accel
}  // namespace tsnn
