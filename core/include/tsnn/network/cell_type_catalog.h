// The standard cell types of PyNN (pynn-api.md §2) as data: parameter and initial-value names with their
// defaults and units, receptor types and recordable variables. The decoder checks names against it; the models
// can take their defaults from it.
#pragma once

#include <string>
#include <vector>

namespace tsnn {

struct NamedDefault {
  const char* name;
  double defaultValue;   // for array-valued parameters: the default of every element
  bool isSequence;       // array-valued parameter (spike_times, tau_eta, ...): a Sequence per cell
};

struct CellTypeInfo {
  const char* name;
  std::vector<NamedDefault> parameters;
  std::vector<NamedDefault> initialValues;
  std::vector<std::string> receptorTypes;
  std::vector<std::string> recordables;
  bool conductanceBased;
  bool isSpikeSource;
};

// Every standard model, PointNeuron included (its receptor parameters are checked separately).
const std::vector<CellTypeInfo>& standardCellTypes();
// nullptr when the name is not a standard model.
const CellTypeInfo* findCellType(const std::string& name);
// "IF_curr_exp, IF_curr_alpha, ..." for error messages.
std::string standardCellTypeNames();

// PointNeuron components (pynn-api.md §2.9): neuron kind 1 = LIF, 2 = AdExp.
const std::vector<NamedDefault>& pointNeuronParameters(unsigned neuronKind);
const std::vector<NamedDefault>& pointNeuronInitialValues(unsigned neuronKind);
// Receptor kinds (tsnn.v1.ReceptorSpec.Kind numbers): parameters, and the state variable ("isyn" or "gsyn").
const std::vector<NamedDefault>& receptorParameters(unsigned receptorKind);
const char* receptorStateVariable(unsigned receptorKind);

}  // namespace tsnn
