// One array a step (a cell's update, a synapse's delivery) reads or writes, for an engine that keeps a copy of it
// elsewhere (the CUDA engine): where it is, its size, and whether the step writes it (state, copied back).
#pragma once

#include <cstddef>

namespace tsnn {

struct CellArrayRef {
  void* data;
  size_t bytes;
  bool state;
};

}  // namespace tsnn
