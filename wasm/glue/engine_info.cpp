// WebAssembly-only additions to the core's C API: what this engine implements, so that the wasm backend's getInfo
// answers the same ServerInfo.cell_types as the gRPC server (which reads the same list from the core).
#include <string>

#include "tsnn/models/neuron_population.h"

extern "C" {

// The supported cell types, one per line. Valid for the life of the module.
const char* tsnn_wasm_cell_types(void) {
  static const std::string joined = [] {
    std::string text;
    for (const auto& name : tsnn::NeuronPopulation::supportedCellTypes()) text += (text.empty() ? "" : "\n") + name;
    return text;
  }();
  return joined.c_str();
}

}  // extern "C"
