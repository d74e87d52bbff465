// The cells of one composed PointNeuron population (pynn-api.md §2.9): the neuron component's parameters and
// state, and per receptor (in the contract's sorted-name order) its parameters "<receptor>.<name>", its state
// "<receptor>.gsyn" / "<receptor>.isyn" and the propagators of receptor_kinetics.h. Equations: point_neuron_update.h.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tsnn/engine/array_views.h"
#include "tsnn/models/cell_steps.h"
#include "tsnn/models/point_neuron_update.h"
#include "tsnn/network/network_spec.h"

namespace tsnn {

class PointNeuronCells {
 public:
  PointNeuronCells() = default;
  // `path` names the population in errors. Throws INVALID_ARGUMENT for an unknown neuron or receptor kind.
  PointNeuronCells(const PointNeuronSpecData& spec, uint32_t size, double timestep, std::string path);

  bool isAdExp() const { return adexp_; }
  uint32_t receptorCount() const { return static_cast<uint32_t>(receptors_.size()); }
  // The receptor names in receptor-index order.
  std::vector<std::string> receptorNames() const;

  void setParameter(const std::string& name, const std::vector<uint32_t>& cells, const std::vector<double>& values);
  void setInitialValue(const std::string& name, const std::vector<uint32_t>& cells,
                       const std::vector<double>& values);
  void reset();
  // rows[k]: receptor k's arriving input (fixed point, one per cell, null: none); injected: nA per cell or null.
  void update(const int64_t* const* rows, const double* injected, std::vector<uint32_t>& spikes);

  bool hasParameter(const std::string& name) const { return parameters_.count(name) != 0; }
  bool hasStateVariable(const std::string& name) const { return stateArray(name) != nullptr; }
  double get(const std::string& name, uint32_t cell) const;
  const double* recordableArray(const std::string& name) const;
  size_t memoryBytes() const;
  // NeuronPopulation::cellArrays and cellSteps for this population: its arrays, and the step's arguments with
  // every array pointer passed through copyOf (the receptor views themselves stay here, see cell_steps.h).
  void cellArrays(std::vector<CellArrayRef>& arrays);
  PointCells cellSteps(const CopyOf& copyOf);

 private:
  struct Receptor {
    std::string name;
    ReceptorKind kind = ReceptorKind::Unspecified;
    std::vector<double> x, y;  // y: alpha and beta only
    std::vector<double> inputScale, p, q, r, pHalf, qHalf;
  };

  void derive();
  void validate(const std::string& name, const std::vector<uint32_t>& cells) const;
  const std::vector<double>* stateArray(const std::string& name) const;
  const std::vector<double>& param(const std::string& name) const { return parameters_.at(name); }
  // The step's arguments; at(array) gives the pointer to pass for one of the arrays, into `views` the receptors'.
  template <typename At>
  PointCells cells(At at, std::vector<PointReceptorCells>& views);

  std::string path_;
  uint32_t size_ = 0;
  double dt_ = 0.1;
  bool adexp_ = false;
  std::map<std::string, std::vector<double>> parameters_;
  std::map<std::string, std::vector<double>> initialValues_;
  std::vector<Receptor> receptors_;
  std::vector<PointReceptorCells> receptorViews_;
  std::vector<PointReceptorCells> copiedReceptorViews_;  // cellSteps': pointing at an engine's copies
  std::vector<double> v_, w_, gLeak_, invCm_, vPeak_, aMicro_, invTauW_;
  std::vector<int32_t> refractory_, refractorySteps_;
  std::vector<const int64_t*> noRows_;
};

}  // namespace tsnn
