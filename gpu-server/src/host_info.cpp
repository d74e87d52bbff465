#include "host_info.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace tsnn::server {

std::string cpuModelName() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  // x86 says "model name"; ARM (Jetson) kernels say "Model" or only "CPU part".
  while (std::getline(cpuinfo, line)) {
    for (const char* key : {"model name", "Model"}) {
      if (line.rfind(key, 0) == 0) {
        const size_t colon = line.find(':');
        if (colon != std::string::npos) {
          std::string name = line.substr(colon + 1);
          name.erase(0, name.find_first_not_of(" \t"));
          if (!name.empty()) return name + " (" + std::to_string(std::thread::hardware_concurrency()) + " threads)";
        }
      }
    }
  }
  return "CPU (" + std::to_string(std::thread::hardware_concurrency()) + " threads)";
}

HostMemory hostMemory() {
  HostMemory memory;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  uint64_t kib = 0;
  std::string unit;
  while (meminfo >> key >> kib) {
    std::getline(meminfo, unit);
    if (key == "MemTotal:") memory.total = kib * 1024;
    if (key == "MemAvailable:") memory.available = kib * 1024;
  }
  if (memory.total == 0) {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0) memory.total = static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize);
  }
  if (memory.available == 0) memory.available = memory.total;
  return memory;
}

}  // namespace tsnn::server
