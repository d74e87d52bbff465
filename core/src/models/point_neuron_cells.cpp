#include "tsnn/number_text.h"
#include "tsnn/models/point_neuron_cells.h"

#include <cmath>
#include <cstdio>

#include "tsnn/error.h"
#include "tsnn/models/point_adex_pairs.h"
#include "tsnn/models/point_lif_pairs.h"
#include "tsnn/models/receptor_kinetics.h"
#include "tsnn/network/cell_type_catalog.h"

namespace tsnn {

namespace {


bool endsWith(const std::string& s, const char* suffix) {
  const std::string tail(suffix);
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

PointNeuronCells::PointNeuronCells(const PointNeuronSpecData& spec, uint32_t size, double timestep, std::string path)
    : path_(std::move(path)), size_(size), dt_(timestep), adexp_(spec.neuron == 2) {
  if (spec.neuron != 1 && spec.neuron != 2)
    throw invalidArgument(path_ + ".cell_type.point_neuron.neuron",
                          "PointNeuron needs a neuron component (allowed: LIF, ADEXP), got " +
                              std::to_string(spec.neuron));
  for (const auto& p : pointNeuronParameters(spec.neuron)) parameters_[p.name].assign(size_, p.defaultValue);
  for (const auto& iv : pointNeuronInitialValues(spec.neuron)) initialValues_[iv.name].assign(size_, iv.defaultValue);
  for (size_t k = 0; k < spec.receptors.size(); ++k) {
    const auto& r = spec.receptors[k];
    const unsigned kind = static_cast<unsigned>(r.kind);
    if (kind < 1 || kind > 4)
      throw invalidArgument(path_ + ".cell_type.point_neuron.receptors[" + std::to_string(k) + "].kind",
                            "unknown receptor kind (allowed: CURR_EXP, COND_EXP, COND_ALPHA, COND_BETA)");
    for (const auto& p : receptorParameters(kind)) parameters_[r.name + "." + p.name].assign(size_, p.defaultValue);
    initialValues_[r.name + "." + receptorStateVariable(kind)].assign(size_, 0.0);
    Receptor receptor;
    receptor.name = r.name;
    receptor.kind = r.kind;
    receptor.x.assign(size_, 0.0);
    if (r.kind == ReceptorKind::CondAlpha || r.kind == ReceptorKind::CondBeta) receptor.y.assign(size_, 0.0);
    receptors_.push_back(std::move(receptor));
  }
  v_.assign(size_, 0.0);
  refractory_.assign(size_, 0);
  if (adexp_) w_.assign(size_, 0.0);
  noRows_.assign(receptors_.size(), nullptr);
  derive();
  reset();
}

std::vector<std::string> PointNeuronCells::receptorNames() const {
  std::vector<std::string> names;
  for (const auto& r : receptors_) names.push_back(r.name);
  return names;
}

void PointNeuronCells::validate(const std::string& name, const std::vector<uint32_t>& cells) const {
  const auto& values = parameters_.at(name);
  const std::string where = path_ + ".cell_type.parameters[\"" + name + "\"]";
  auto require = [&](bool ok, double value, const char* rule) {
    if (!ok) throw invalidArgument(where, "PointNeuron parameter " + name + " " + rule + ", got " + numberText(value));
  };
  for (uint32_t cell : cells) {
    const double x = values[cell];
    require(std::isfinite(x), x, "must be a finite number");
    if (name == "cm" || name == "tau_m" || name == "tau_w" || endsWith(name, ".tau_syn") ||
        endsWith(name, ".tau_rise") || endsWith(name, ".tau_decay"))
      require(x > 0, x, "must be > 0");
    if (name == "tau_refrac" || name == "delta_T") require(x >= 0, x, "must be >= 0");
  }
}

void PointNeuronCells::setParameter(const std::string& name, const std::vector<uint32_t>& cells,
                                    const std::vector<double>& values) {
  const std::string where = path_ + ".cell_type.parameters[\"" + name + "\"]";
  auto it = parameters_.find(name);
  if (it == parameters_.end()) {
    std::string allowed;
    for (const auto& p : parameters_) allowed += (allowed.empty() ? "" : ", ") + p.first;
    throw invalidArgument(where, "'" + name + "' is not a parameter of this PointNeuron (valid parameters are: " +
                                     allowed + ")");
  }
  if (values.size() != cells.size())
    throw invalidArgument(where, "expected " + std::to_string(cells.size()) + " values, got " +
                                     std::to_string(values.size()));
  const std::vector<double> previous = it->second;
  for (size_t k = 0; k < cells.size(); ++k) it->second[cells[k]] = values[k];
  try {
    validate(name, cells);
  } catch (...) {
    it->second = previous;
    throw;
  }
  derive();
}

void PointNeuronCells::setInitialValue(const std::string& name, const std::vector<uint32_t>& cells,
                                       const std::vector<double>& values) {
  const std::string where = path_ + ".cell_type.initial_values[\"" + name + "\"]";
  auto it = initialValues_.find(name);
  if (it == initialValues_.end()) {
    std::string allowed;
    for (const auto& p : initialValues_) allowed += (allowed.empty() ? "" : ", ") + p.first;
    throw invalidArgument(where, "'" + name + "' is not a state variable of this PointNeuron (allowed: " + allowed + ")");
  }
  if (values.size() != cells.size())
    throw invalidArgument(where, "expected " + std::to_string(cells.size()) + " values, got " +
                                     std::to_string(values.size()));
  for (double x : values)
    if (!std::isfinite(x)) throw invalidArgument(where, "must be a finite number, got " + numberText(x));
  auto* state = const_cast<std::vector<double>*>(stateArray(name));
  for (size_t k = 0; k < cells.size(); ++k) {
    it->second[cells[k]] = values[k];
    if (state != nullptr) (*state)[cells[k]] = values[k];
  }
}

void PointNeuronCells::derive() {
  const uint32_t n = size_;
  for (auto* a : {&gLeak_, &invCm_}) a->resize(n);
  refractorySteps_.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    gLeak_[i] = param("cm")[i] / param("tau_m")[i];
    invCm_[i] = 1.0 / param("cm")[i];
    refractorySteps_[i] = static_cast<int32_t>(std::llround(param("tau_refrac")[i] / dt_));
  }
  if (adexp_) {
    for (auto* a : {&vPeak_, &aMicro_, &invTauW_}) a->resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      vPeak_[i] = param("delta_T")[i] > 0.0 ? param("v_spike")[i] : param("v_thresh")[i];
      aMicro_[i] = param("a")[i] / 1000.0;  // nS -> µS, so that w is in nA
      invTauW_[i] = 1.0 / param("tau_w")[i];
    }
  }
  const double h = adexp_ ? dt_ / kAdexSubsteps : dt_;
  for (auto& R : receptors_) {
    for (auto* a : {&R.inputScale, &R.p, &R.q, &R.r, &R.pHalf, &R.qHalf}) a->resize(n);
    const std::string prefix = R.name + ".";
    for (uint32_t i = 0; i < n; ++i) {
      double tauRise = 0.0, tauDecay;
      if (R.kind == ReceptorKind::CondBeta) {
        tauRise = param(prefix + "tau_rise")[i];
        tauDecay = param(prefix + "tau_decay")[i];
      } else {
        tauDecay = param(prefix + "tau_syn")[i];
        if (R.kind == ReceptorKind::CondAlpha) tauRise = tauDecay;
      }
      const ReceptorPropagator full = receptorPropagator(tauRise, tauDecay, h);
      const ReceptorPropagator half = receptorPropagator(tauRise, tauDecay, 0.5 * h);
      R.p[i] = full.p;
      R.q[i] = full.q;
      R.r[i] = full.r;
      R.pHalf[i] = half.p;
      R.qHalf[i] = half.q;
      R.inputScale[i] = receptorInputScale(tauRise, tauDecay);
    }
  }
}

void PointNeuronCells::reset() {
  v_ = initialValues_.at("v");
  if (adexp_) w_ = initialValues_.at("w");
  for (auto& R : receptors_) {
    const auto& initial = initialValues_.at(R.name + "." + receptorStateVariable(static_cast<unsigned>(R.kind)));
    std::copy(initial.begin(), initial.end(), R.x.begin());
    std::fill(R.y.begin(), R.y.end(), 0.0);
  }
  std::fill(refractory_.begin(), refractory_.end(), 0);
}

template <typename At>
PointCells PointNeuronCells::cells(At at, std::vector<PointReceptorCells>& views) {
  // Views are taken afresh on every call, so that a copied or moved population never points into another's arrays.
  views.clear();
  for (auto& R : receptors_) {
    const bool current = R.kind == ReceptorKind::CurrExp;
    views.push_back(PointReceptorCells{at(R.x), R.y.empty() ? nullptr : at(R.y),
                                       current ? nullptr : at(param(R.name + ".e_syn")), at(R.inputScale), at(R.p),
                                       at(R.q), at(R.r), at(R.pHalf), at(R.qHalf)});
  }
  const double* none = nullptr;
  return PointCells{at(v_),
                    adexp_ ? at(w_) : nullptr,
                    at(refractory_),
                    at(param("v_rest")),
                    at(param("v_thresh")),
                    at(param("v_reset")),
                    at(param("i_offset")),
                    at(invCm_),
                    at(gLeak_),
                    at(refractorySteps_),
                    adexp_ ? at(vPeak_) : none,
                    adexp_ ? at(param("delta_T")) : none,
                    adexp_ ? at(aMicro_) : none,
                    adexp_ ? at(param("b")) : none,
                    adexp_ ? at(invTauW_) : none,
                    views.data(),
                    static_cast<uint32_t>(views.size())};
}

void PointNeuronCells::cellArrays(std::vector<CellArrayRef>& arrays) {
  const auto add = [&arrays](const auto& array, bool state) { appendArray(arrays, array, state); };
  for (auto& parameter : parameters_) add(parameter.second, false);
  for (auto* a : {&gLeak_, &invCm_, &vPeak_, &aMicro_, &invTauW_}) add(*a, false);
  add(refractorySteps_, false);
  for (auto& R : receptors_) {
    for (auto* a : {&R.inputScale, &R.p, &R.q, &R.r, &R.pHalf, &R.qHalf}) add(*a, false);
    add(R.x, true);
    add(R.y, true);
  }
  add(v_, true);
  add(w_, true);
  add(refractory_, true);
}

PointCells PointNeuronCells::cellSteps(const CopyOf& copyOf) {
  return cells(copiedThrough(copyOf), copiedReceptorViews_);
}

void PointNeuronCells::update(const int64_t* const* rows, const double* injected, std::vector<uint32_t>& spikes) {
  if (rows == nullptr) rows = noRows_.data();
  const PointCells c = cells(ownData, receptorViews_);
  uint32_t i = 0;
#if defined(TSNN_SIMD_PAIR)
  for (; i + 2 <= size_; i += 2) {  // two cells at a time (point_adex_pairs.h, point_lif_pairs.h)
    const simd::F current = injected != nullptr ? simd::load(injected + i) : simd::splat(0.0);
    const uint32_t spiked = adexp_ ? simd::pointAdexStepPair(c, i, dt_, rows, current)
                                   : simd::pointLifStepPair(c, i, dt_, rows, current);
    if (spiked & 1u) spikes.push_back(i);
    if (spiked & 2u) spikes.push_back(i + 1);
  }
#endif
  for (; i < size_; ++i) {
    const double current = injected != nullptr ? injected[i] : 0.0;
    const bool spike = adexp_ ? pointAdexStep(c, i, dt_, rows, current) : pointLifStep(c, i, dt_, rows, current);
    if (spike) spikes.push_back(i);
  }
}

const std::vector<double>* PointNeuronCells::stateArray(const std::string& name) const {
  if (name == "v") return &v_;
  if (name == "w" && adexp_) return &w_;
  for (const auto& R : receptors_)
    if (name == R.name + "." + receptorStateVariable(static_cast<unsigned>(R.kind))) return &R.x;
  return nullptr;
}

double PointNeuronCells::get(const std::string& name, uint32_t cell) const {
  if (const auto* state = stateArray(name)) return (*state)[cell];
  auto it = parameters_.find(name);
  if (it != parameters_.end()) return it->second[cell];
  throw invalidArgument(path_, "'" + name + "' is neither a parameter nor a state variable of this PointNeuron");
}

const double* PointNeuronCells::recordableArray(const std::string& name) const {
  const auto* state = stateArray(name);
  return state != nullptr ? state->data() : nullptr;
}

size_t PointNeuronCells::memoryBytes() const {
  size_t bytes = 0;
  for (const auto& p : parameters_) bytes += p.second.size() * sizeof(double);
  for (const auto& p : initialValues_) bytes += p.second.size() * sizeof(double);
  for (const auto& R : receptors_)
    for (const auto* a : {&R.x, &R.y, &R.inputScale, &R.p, &R.q, &R.r, &R.pHalf, &R.qHalf})
      bytes += a->size() * sizeof(double);
  for (const auto* a : {&v_, &w_, &gLeak_, &invCm_, &vPeak_, &aMicro_, &invTauW_}) bytes += a->size() * sizeof(double);
  bytes += (refractory_.size() + refractorySteps_.size()) * sizeof(int32_t);
  return bytes;
}

}  // namespace tsnn
