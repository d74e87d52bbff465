// The server's command-line flags (docs/server.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tsnn::server {

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";
  std::string token;             // empty: no authentication
  std::string tlsCert;           // PEM file paths; both or neither
  std::string tlsKey;
  uint32_t maxSessions = 16;
  uint64_t maxMemory = 0;        // bytes for all sessions together; 0: the host's physical memory
  int device = 0;                // CUDA device index (kept for the CUDA engine; the CPU engine has one device)
  std::string engine = "auto";   // "cpu", "cuda", "auto", or "cuda-host" (the CUDA engine emulated on the CPU, tests)
  std::string portFile;          // where the bound port is written
  uint64_t maxMessageBytes = 8ull << 20;
  uint32_t maxThreads = 0;       // CPU engine: most step threads per session; 0: the cores
  uint32_t writeStallSeconds = 60;  // a call whose client reads nothing for this long is cancelled; 0: never
  uint32_t sessionIdleSeconds = 3600;  // a session without a call for this long is closed; 0: never
  bool help = false;
};

// Throws std::invalid_argument naming the flag and what is allowed.
ServerOptions parseOptions(const std::vector<std::string>& args);

// "512", "64K", "256M", "2G", "1T" (powers of 1024). Throws std::invalid_argument.
uint64_t parseByteSize(const std::string& text, const std::string& flag);

std::string usage();

}  // namespace tsnn::server
