// Facts about the machine for GetInfo: the CPU's name and its physical and available memory.
#pragma once

#include <cstdint>
#include <string>

namespace tsnn::server {

struct HostMemory {
  uint64_t total = 0;      // bytes
  uint64_t available = 0;  // bytes the kernel says can be allocated without swapping
};

std::string cpuModelName();
HostMemory hostMemory();

}  // namespace tsnn::server
