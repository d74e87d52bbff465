// Which engines this server offers, decided once at startup from --engine, --device and what the CUDA runtime
// reports (docs/server.md, "engines"):
//   --engine cpu   every session on the CPU engine; CUDA is not even asked;
//   --engine auto  CUDA sessions where a usable device exists (and the session's models run on it), else CPU,
//                  with one log line saying why not;
//   --engine cuda  like auto, but a server without a usable device refuses to start (exit status 2).
//   --engine cuda-host  sessions run on the CUDA engine's host backend: the same engine and kernel bodies, the
//                  device emulated in plain loops (gpu-server/cuda/host_step_backend.cpp). For testing the server's
//                  CUDA path on machines without a GPU; much slower than the CPU engine. Any build has it.
// A session's header may ask for "cpu" or "cuda" itself; "" takes the server's choice.
#pragma once

#include <string>
#include <vector>

#include "options.h"

namespace tsnn::server {

struct CudaDeviceSummary {
  int index = 0;
  std::string name;
  uint64_t totalMemory = 0;
  uint64_t freeMemory = 0;
  std::string computeCapability;  // "9.0"
};

struct EngineSelection {
  bool cudaBuilt = false;      // this binary has the CUDA engine
  bool cudaUsable = false;     // ... and device `device` answered
  bool cudaByDefault = false;  // sessions with an empty header engine go to CUDA
  bool hostEmulation = false;  // --engine cuda-host: the CUDA engine on its host backend
  int device = 0;
  std::string cudaUnusableReason;  // when built but not usable
  std::vector<CudaDeviceSummary> devices;
  std::string cudaBuild;       // "CUDA 13.0, architectures sm 75 87 90, --fmad=false"
};

// Probes CUDA when this build has it and --engine is not cpu. Returns false with `fatal` set when the server
// must not start (--engine cuda without a usable device); `logLines` are for the log.
bool selectEngines(const ServerOptions& options, EngineSelection& selection, std::string& fatal,
                   std::vector<std::string>& logLines);

}  // namespace tsnn::server
