#include "engine_selection.h"

#if defined(TSNN_WITH_CUDA)
#include "cuda_step_backend.h"
#endif

namespace tsnn::server {

bool selectEngines(const ServerOptions& options, EngineSelection& selection, std::string& fatal,
                   std::vector<std::string>& logLines) {
  selection = EngineSelection();
  selection.device = options.device;
  if (options.engine == "cuda-host") {
    selection.hostEmulation = true;
    logLines.push_back("engine cuda-host: sessions run on the CUDA engine's host emulation (its kernels' bodies in "
                       "loops on the CPU; for tests, slow), where their models allow, else on the CPU engine");
    return true;
  }
#if !defined(TSNN_WITH_CUDA)
  if (options.engine == "cuda") {
    fatal = "--engine cuda: this build has no CUDA engine (it was built without CUDA); use --engine cpu or auto";
    return false;
  }
  if (options.engine == "auto") logLines.push_back("engine auto: this build has no CUDA engine, sessions use the CPU engine");
  return true;
#else
  selection.cudaBuilt = true;
  selection.cudaBuild = accel::cudaBuildDescription();
  if (options.engine == "cpu") {
    logLines.push_back("engine cpu: sessions use the CPU engine (the CUDA engine is built in but not asked for)");
    return true;
  }
  const accel::CudaProbe probe = accel::probeCudaDevices();
  for (const auto& d : probe.devices) {
    CudaDeviceSummary summary;
    summary.index = d.index;
    summary.name = d.name;
    summary.totalMemory = d.totalMemory;
    summary.freeMemory = d.freeMemory;
    summary.computeCapability = std::to_string(d.major) + "." + std::to_string(d.minor);
    selection.devices.push_back(summary);
  }
  std::string reason = probe.error;
  if (probe.usable && options.device >= static_cast<int>(probe.devices.size()))
    reason = "--device " + std::to_string(options.device) + " but only " + std::to_string(probe.devices.size()) +
             " CUDA device(s)";
  if (!probe.usable || options.device >= static_cast<int>(probe.devices.size())) {
    selection.cudaUnusableReason = reason;
    if (options.engine == "cuda") {
      fatal = "--engine cuda: no usable CUDA device (" + reason + "); use --engine auto to serve with the CPU engine";
      return false;
    }
    logLines.push_back("no usable CUDA device (" + reason + "): sessions run on the CPU engine");
    return true;
  }
  selection.cudaUsable = true;
  selection.cudaByDefault = true;
  const CudaDeviceSummary& d = selection.devices[options.device];
  logLines.push_back("engine " + options.engine + ": CUDA device " + std::to_string(d.index) + " (" + d.name +
                     ", compute capability " + d.computeCapability + ", " + std::to_string(d.totalMemory >> 20) +
                     " MiB): sessions run on the CUDA engine where their models allow, else on the CPU engine");
  return true;
#endif
}

}  // namespace tsnn::server
