#include "tsnn/number_text.h"
#include "tsnn/models/neuron_population.h"
#include "tsnn/models/spike_time_step.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tsnn/error.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/adex_pairs.h"
#include "tsnn/models/cell_pairs.h"
#include "tsnn/models/gamma_hazard.h"
#include "tsnn/models/lif_propagators.h"
#include "tsnn/models/spike_sources.h"
#include "tsnn/network/cell_type_catalog.h"
#include "tsnn/out_of_line.h"
#include "tsnn/random/philox_uniform_rows.h"

namespace tsnn {

namespace {

constexpr double kE = 2.718281828459045235360287;

struct KindName {
  const char* name;
  ModelKind kind;
};

const KindName kKinds[] = {
    {"IF_curr_exp", ModelKind::IfCurrExp},
    {"IF_curr_alpha", ModelKind::IfCurrAlpha},
    {"IF_curr_delta", ModelKind::IfCurrDelta},
    {"IF_cond_exp", ModelKind::IfCondExp},
    {"IF_facets_hardware1", ModelKind::IfCondExp},  // IF_cond_exp with fixed hidden constants, see below
    {"IF_cond_alpha", ModelKind::IfCondAlpha},
    {"IF_cond_exp_gsfa_grr", ModelKind::IfCondExpGsfaGrr},
    {"Izhikevich", ModelKind::Izhikevich},
    {"EIF_cond_exp_isfa_ista", ModelKind::EifCondExp},
    {"EIF_cond_alpha_isfa_ista", ModelKind::EifCondAlpha},
    {"HH_cond_exp", ModelKind::HhCondExp},
    {"GIF_cond_exp", ModelKind::GifCondExp},
    {"SpikeSourcePoisson", ModelKind::SpikeSourcePoisson},
    {"SpikeSourcePoissonRefractory", ModelKind::SpikeSourcePoissonRefractory},
    {"SpikeSourceGamma", ModelKind::SpikeSourceGamma},
    {"SpikeSourceInhGamma", ModelKind::SpikeSourceInhGamma},
    {"SpikeSourceArray", ModelKind::SpikeSourceArray},
};

bool isCurrentBased(ModelKind kind) {
  return kind == ModelKind::IfCurrExp || kind == ModelKind::IfCurrAlpha || kind == ModelKind::IfCurrDelta;
}
bool isConductanceBased(ModelKind kind) {
  return kind == ModelKind::IfCondExp || kind == ModelKind::IfCondAlpha || kind == ModelKind::IfCondExpGsfaGrr ||
         kind == ModelKind::GifCondExp;
}
bool isAdex(ModelKind kind) { return kind == ModelKind::EifCondExp || kind == ModelKind::EifCondAlpha; }


}  // namespace

const std::vector<std::string>& NeuronPopulation::supportedCellTypes() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& k : kKinds) list.push_back(k.name);
    // Composed neurons are built from their PointNeuronSpec (fromCellType), not from a name in kKinds.
    list.push_back("PointNeuron");
    return list;
  }();
  return names;
}

NeuronPopulation::NeuronPopulation(const std::string& cellType, uint32_t size, double timestep,
                                   RandomStream sourceStream, std::string path)
    : cellType_(cellType),
      path_(std::move(path)),
      size_(size),
      dt_(timestep),
      sourceStream_(sourceStream),
      firstSourceStream_(sourceStream.stream) {
  bool found = false;
  for (const auto& k : kKinds) {
    if (cellType == k.name) {
      kind_ = k.kind;
      found = true;
    }
  }
  const CellTypeInfo* info = findCellType(cellType);
  if (!found || info == nullptr) {
    std::string allowed;
    for (const auto& name : supportedCellTypes()) allowed += (allowed.empty() ? "" : ", ") + name;
    throw invalidArgument(path_ + ".cell_type.name",
                          "cell type '" + cellType + "' is not run by this engine (available: " + allowed + ")");
  }
  for (const auto& p : info->parameters) {
    if (!p.isSequence) parameters_[p.name].assign(size_, p.defaultValue);
  }
  for (const auto& iv : info->initialValues) initialValues_[iv.name].assign(size_, iv.defaultValue);
  if (cellType == "IF_facets_hardware1") {
    // NEST's hidden constants for this model (pynn-api.md §2.3); tau_m follows g_leak in derive().
    for (const auto& hidden : {std::make_pair("cm", 0.2), std::make_pair("tau_refrac", 1.0),
                               std::make_pair("e_rev_E", 0.0), std::make_pair("i_offset", 0.0),
                               std::make_pair("tau_m", 5.0)}) {
      parameters_[hidden.first].assign(size_, hidden.second);
      hiddenParameters_.push_back(hidden.first);
    }
  }

  if (isCurrentBased(kind_) || isConductanceBased(kind_)) {
    v_.assign(size_, 0.0);
    refractory_.assign(size_, 0);
    if (kind_ != ModelKind::IfCurrDelta) {
      synExc_.assign(size_, 0.0);
      synInh_.assign(size_, 0.0);
    }
    if (kind_ == ModelKind::IfCurrAlpha || kind_ == ModelKind::IfCondAlpha) {
      dSynExc_.assign(size_, 0.0);
      dSynInh_.assign(size_, 0.0);
    }
    if (kind_ == ModelKind::IfCondExpGsfaGrr) {
      gSfa_.assign(size_, 0.0);
      gRr_.assign(size_, 0.0);
    }
    if (kind_ == ModelKind::GifCondExp) {
      // pynn-api.md §2.7 defaults of the array parameters.
      sequenceParameters_["tau_eta"].assign(size_, {1.0, 10.0, 100.0});
      sequenceParameters_["tau_gamma"].assign(size_, {1.0, 10.0, 100.0});
      sequenceParameters_["a_eta"].assign(size_, {1.0, 1.0, 1.0});
      sequenceParameters_["a_gamma"].assign(size_, {1.0, 1.0, 1.0});
      iEta_.assign(size_, 0.0);
      vT_.assign(size_, 0.0);
      escapeDraws_.assign(size_, 0.0);  // sized here: threads fill their ranges of it at once
      flattenGifSequences();
    }
  } else if (kind_ == ModelKind::Izhikevich) {
    v_.assign(size_, 0.0);
    u_.assign(size_, 0.0);
  } else if (kind_ == ModelKind::HhCondExp) {
    for (auto* a : {&v_, &gateM_, &gateH_, &gateN_, &synExc_, &synInh_}) a->assign(size_, 0.0);
    refractory_.assign(size_, 0);
    hhStepSize_.assign(size_, dt_);
  } else if (isAdex(kind_)) {
    v_.assign(size_, 0.0);
    w_.assign(size_, 0.0);
    refractory_.assign(size_, 0);
    synExc_.assign(size_, 0.0);
    synInh_.assign(size_, 0.0);
    if (kind_ == ModelKind::EifCondAlpha) {
      dSynExc_.assign(size_, 0.0);
      dSynInh_.assign(size_, 0.0);
    }
  } else if (kind_ == ModelKind::SpikeSourceArray) {
    spikeTimes_.assign(size_, {});
    spikeSteps_.assign(size_, {});
    nextSpike_.assign(size_, 0);
  } else if (kind_ == ModelKind::SpikeSourceInhGamma) {
    // pynn-api.md §2.8 defaults: one bin from t = 0 with a = 1, b = 1 s.
    sequenceParameters_["a"].assign(size_, {1.0});
    sequenceParameters_["b"].assign(size_, {1.0});
    sequenceParameters_["tbins"].assign(size_, {0.0});
    ageOrigin_.assign(size_, 0.0);
    flattenInhGammaBins();
  } else if (kind_ != ModelKind::SpikeSourcePoisson) {
    nextSpikeTime_.assign(size_, 0.0);
    intervalCount_.assign(size_, 0);
  }
  derive();
  reset();
}

NeuronPopulation::NeuronPopulation(const PointNeuronSpecData& spec, uint32_t size, double timestep, std::string path)
    : cellType_("PointNeuron"),
      path_(std::move(path)),
      kind_(ModelKind::PointNeuron),
      size_(size),
      dt_(timestep),
      sourceStream_{},
      point_(spec, size, timestep, path_) {}

NeuronPopulation NeuronPopulation::fromCellType(const CellTypeSpec& cellType, uint32_t size, double timestep,
                                                RandomStream sourceStream, std::string path) {
  if (cellType.name == "PointNeuron") return NeuronPopulation(cellType.pointNeuron, size, timestep, std::move(path));
  return NeuronPopulation(cellType.name, size, timestep, sourceStream, std::move(path));
}

std::vector<std::string> NeuronPopulation::receptorNames() const {
  if (kind_ == ModelKind::PointNeuron) return point_.receptorNames();
  const CellTypeInfo* info = findCellType(cellType_);
  return info != nullptr ? info->receptorTypes : std::vector<std::string>{};
}

// ---- parameters ------------------------------------------------------------------------------------------------

void NeuronPopulation::validate(const std::string& name, const std::vector<uint32_t>& cells) const {
  const auto& values = parameters_.at(name);
  const std::string where = path_ + ".cell_type.parameters[\"" + name + "\"]";
  auto require = [&](bool ok, double value, const char* rule) {
    if (!ok) throw invalidArgument(where, cellType_ + " parameter " + name + " " + rule + ", got " + numberText(value));
  };
  for (uint32_t cell : cells) {
    const double x = values[cell];
    require(std::isfinite(x), x, "must be a finite number");
    // IF_facets_hardware1 divides by g_leak; HH_cond_exp only multiplies (>= 0 below, as the frontend allows).
    if (name == "g_leak" && kind_ != ModelKind::HhCondExp) require(x > 0, x, "must be > 0");
    if (name == "tau_m" || name == "cm" || name == "tau_syn_E" || name == "tau_syn_I" || name == "tau_w" ||
        name == "tau_sfa" || name == "tau_rr")
      require(x > 0, x, "must be > 0");
    if (name == "delta_T") require(x >= 0, x, "must be >= 0");
    if (name == "delta_v") require(x > 0, x, "must be > 0");
    if (name == "lambda0") require(x >= 0, x, "must be >= 0");
    if (kind_ == ModelKind::HhCondExp && (name == "gbar_Na" || name == "gbar_K" || name == "g_leak"))
      require(x >= 0, x, "must be >= 0");
    if (name == "tau_refrac" || name == "start" || name == "duration" || name == "rate") require(x >= 0, x, "must be >= 0");
    if (kind_ == ModelKind::SpikeSourceGamma && name == "alpha") require(x > 0, x, "must be > 0");
    // Poisson counts are drawn by inversion: up to 500 expected events per step (5 MHz at dt = 0.1 ms).
    if (kind_ == ModelKind::SpikeSourcePoisson && name == "rate")
      require(x * dt_ / 1000.0 <= 500.0, x, "must be at most 500 events per timestep (5e5/dt Hz)");
    if (kind_ == ModelKind::SpikeSourceGamma && name == "beta") require(x >= 0, x, "must be >= 0");
  }
  if (kind_ == ModelKind::SpikeSourcePoissonRefractory) {
    for (uint32_t cell : cells) {
      const double rate = parameters_.at("rate")[cell], tau = parameters_.at("tau_refrac")[cell];
      if (rate * tau >= 1000.0)
        throw invalidArgument(where, "SpikeSourcePoissonRefractory needs rate < 1000/tau_refrac (rate " +
                                         numberText(rate) + " Hz, tau_refrac " + numberText(tau) + " ms)");
    }
  }
}

void NeuronPopulation::checkVoltageOrder(const std::vector<uint32_t>& cells, const std::string& where) const {
  struct Rule {
    const char* lower;
    const char* upper;
    bool strict;
  };
  const bool spikesAtPeak = hasParameter("v_spike");
  const std::vector<Rule> rules = spikesAtPeak ? std::vector<Rule>{{"v_thresh", "v_spike", false}, {"v_reset", "v_spike", true}}
                                               : std::vector<Rule>{{"v_reset", "v_thresh", true}};
  for (const Rule& rule : rules) {
    if (!hasParameter(rule.lower) || !hasParameter(rule.upper)) continue;
    // The standard models' columns are read directly: get() looks each name up again, per cell.
    const std::vector<double>* lowColumn = kind_ == ModelKind::PointNeuron ? nullptr : &parameters_.at(rule.lower);
    const std::vector<double>* highColumn = kind_ == ModelKind::PointNeuron ? nullptr : &parameters_.at(rule.upper);
    for (uint32_t cell : cells) {
      const double low = lowColumn ? (*lowColumn)[cell] : get(rule.lower, cell);
      const double high = highColumn ? (*highColumn)[cell] : get(rule.upper, cell);
      if (rule.strict ? low < high : low <= high) continue;
      throw invalidArgument(where, cellType_ + " needs " + rule.lower + (rule.strict ? " < " : " <= ") + rule.upper +
                                       ", as NEST does; got " + rule.lower + " " + numberText(low) + " and " +
                                       rule.upper + " " + numberText(high) + " (cell " + std::to_string(cell) + ")");
    }
  }
}

void NeuronPopulation::setParameter(const std::string& name, const std::vector<uint32_t>& cells,
                                    const std::vector<double>& values) {
  if (kind_ == ModelKind::PointNeuron) return point_.setParameter(name, cells, values);
  auto it = parameters_.find(name);
  const bool hidden = std::find(hiddenParameters_.begin(), hiddenParameters_.end(), name) != hiddenParameters_.end();
  if (it == parameters_.end() || hidden) {
    std::string allowed;
    for (const auto& p : parameters_)
      if (std::find(hiddenParameters_.begin(), hiddenParameters_.end(), p.first) == hiddenParameters_.end())
        allowed += (allowed.empty() ? "" : ", ") + p.first;
    for (const auto& p : sequenceParameters_) allowed += (allowed.empty() ? "" : ", ") + p.first;
    if (kind_ == ModelKind::SpikeSourceArray) allowed = "spike_times";
    throw invalidArgument(path_ + ".cell_type.parameters[\"" + name + "\"]",
                          "'" + name + "' is not a parameter of " + cellType_ + " (valid parameters for " + cellType_ +
                              " are: " + allowed + ")");
  }
  if (values.size() != cells.size())
    throw invalidArgument(path_ + ".cell_type.parameters[\"" + name + "\"]",
                          "expected " + std::to_string(cells.size()) + " values, got " + std::to_string(values.size()));
  std::vector<double> previous = it->second;
  for (size_t k = 0; k < cells.size(); ++k) it->second[cells[k]] = values[k];
  try {
    validate(name, cells);
  } catch (...) {
    it->second = previous;
    throw;
  }
  derive();
  // A renewal source draws its pending interval again, so that new parameters act from now on.
  if (kind_ == ModelKind::SpikeSourcePoissonRefractory || kind_ == ModelKind::SpikeSourceGamma) {
    const double now = static_cast<double>(lastStep_) * dt_;
    const RenewalCells c = renewalCells(ownData);
    for (uint32_t cell : cells) {
      const double from = c.start[cell] > now ? c.start[cell] : now;
      nextSpikeTime_[cell] = from + renewalInterval(c, cell, intervalCount_[cell]++);
    }
  }
}

void NeuronPopulation::setInitialValue(const std::string& name, const std::vector<uint32_t>& cells,
                                       const std::vector<double>& values) {
  if (kind_ == ModelKind::PointNeuron) return point_.setInitialValue(name, cells, values);
  auto it = initialValues_.find(name);
  if (it == initialValues_.end()) {
    std::string allowed;
    for (const auto& p : initialValues_) allowed += (allowed.empty() ? "" : ", ") + p.first;
    throw invalidArgument(path_ + ".cell_type.initial_values[\"" + name + "\"]",
                          "'" + name + "' is not a state variable of " + cellType_ + " (allowed: " +
                              (allowed.empty() ? "none" : allowed) + ")");
  }
  if (values.size() != cells.size())
    throw invalidArgument(path_ + ".cell_type.initial_values[\"" + name + "\"]",
                          "expected " + std::to_string(cells.size()) + " values, got " + std::to_string(values.size()));
  for (size_t k = 0; k < cells.size(); ++k) {
    if (!std::isfinite(values[k]))
      throw invalidArgument(path_ + ".cell_type.initial_values[\"" + name + "\"]", "must be a finite number");
  }
  auto* state = stateArray(name);
  for (size_t k = 0; k < cells.size(); ++k) {
    it->second[cells[k]] = values[k];
    if (state != nullptr) (*state)[cells[k]] = values[k];
  }
}

void NeuronPopulation::setSequenceParameters(const std::vector<uint32_t>& cells,
                                             const std::map<std::string, std::vector<std::vector<double>>>& values) {
  const auto previous = sequenceParameters_;
  for (const auto& entry : values) {
    const std::string where = path_ + ".cell_type.parameters[\"" + entry.first + "\"]";
    auto it = sequenceParameters_.find(entry.first);
    if (it == sequenceParameters_.end())
      throw invalidArgument(where, "'" + entry.first + "' is not an array-valued parameter of " + cellType_);
    if (entry.second.size() != 1 && entry.second.size() != cells.size())
      throw invalidArgument(where, "expected 1 or " + std::to_string(cells.size()) + " sequences, got " +
                                       std::to_string(entry.second.size()));
    for (const auto& seq : entry.second)
      for (double x : seq) {
        const bool isTau = entry.first.rfind("tau_", 0) == 0;
        if (!std::isfinite(x) || (isTau && x <= 0))
          throw invalidArgument(where, isTau ? "time constants must be finite and > 0, got " + numberText(x)
                                             : "values must be finite, got " + numberText(x));
      }
    for (size_t k = 0; k < cells.size(); ++k)
      it->second[cells[k]] = entry.second.size() == 1 ? entry.second[0] : entry.second[k];
  }
  if (kind_ == ModelKind::SpikeSourceInhGamma) {
    try {
      validateInhGamma();
    } catch (...) {
      sequenceParameters_ = previous;
      throw;
    }
    flattenInhGammaBins();
    return;
  }
  try {
    flattenGifSequences();
  } catch (...) {
    sequenceParameters_ = previous;
    flattenGifSequences();
    throw;
  }
}

void NeuronPopulation::validateInhGamma() const {
  const auto& a = sequenceParameters_.at("a");
  const auto& b = sequenceParameters_.at("b");
  const auto& tbins = sequenceParameters_.at("tbins");
  const std::string where = path_ + ".cell_type.parameters";
  for (uint32_t i = 0; i < size_; ++i) {
    if (a[i].size() != tbins[i].size() || b[i].size() != tbins[i].size() || tbins[i].empty())
      throw invalidArgument(where, "SpikeSourceInhGamma needs a, b and tbins of one common, non-zero length (cell " +
                                       std::to_string(i) + ": a " + std::to_string(a[i].size()) + ", b " +
                                       std::to_string(b[i].size()) + ", tbins " + std::to_string(tbins[i].size()) +
                                       ")");
    for (size_t k = 0; k < tbins[i].size(); ++k) {
      if (!(a[i][k] > 0) || !(b[i][k] > 0))
        throw invalidArgument(where, "SpikeSourceInhGamma a and b must be > 0, got a " + numberText(a[i][k]) +
                                         ", b " + numberText(b[i][k]));
      if (k > 0 && !(tbins[i][k] > tbins[i][k - 1]))
        throw invalidArgument(where, "SpikeSourceInhGamma tbins must be increasing (" +
                                         numberText(tbins[i][k - 1]) + " then " + numberText(tbins[i][k]) + ")");
    }
  }
}

void NeuronPopulation::flattenInhGammaBins() {
  const auto& a = sequenceParameters_.at("a");
  const auto& b = sequenceParameters_.at("b");
  const auto& tbins = sequenceParameters_.at("tbins");
  binStart_.assign(size_ + 1, 0);
  binTime_.clear();
  binA_.clear();
  binB_.clear();
  for (uint32_t i = 0; i < size_; ++i) {
    binTime_.insert(binTime_.end(), tbins[i].begin(), tbins[i].end());
    binA_.insert(binA_.end(), a[i].begin(), a[i].end());
    binB_.insert(binB_.end(), b[i].begin(), b[i].end());
    binStart_[i + 1] = static_cast<uint32_t>(binTime_.size());
  }
}

void NeuronPopulation::inhGammaSpikes(uint64_t step, std::vector<uint32_t>& spikes) {
  const InhGammaCells c = inhGammaCells(ownData);
  for (uint32_t i = 0; i < size_; ++i)
    if (inhGammaSpike(c, i, step, dt_)) spikes.push_back(i);
}

void NeuronPopulation::flattenGifSequences() {
  const auto& tauEta = sequenceParameters_.at("tau_eta");
  const auto& aEta = sequenceParameters_.at("a_eta");
  const auto& tauGamma = sequenceParameters_.at("tau_gamma");
  const auto& aGamma = sequenceParameters_.at("a_gamma");
  const uint32_t etaCount = static_cast<uint32_t>(tauEta[0].size());
  const uint32_t gammaCount = static_cast<uint32_t>(tauGamma[0].size());
  for (uint32_t i = 0; i < size_; ++i) {
    if (tauEta[i].size() != etaCount || aEta[i].size() != etaCount || tauGamma[i].size() != gammaCount ||
        aGamma[i].size() != gammaCount)
      throw invalidArgument(path_ + ".cell_type.parameters",
                            "GIF_cond_exp needs tau_eta and a_eta (tau_gamma and a_gamma) of one common length for "
                            "every cell");
  }
  const bool resized = etaCount != etaCount_ || gammaCount != gammaCount_ || eta_.empty();
  etaCount_ = etaCount;
  gammaCount_ = gammaCount;
  etaDecay_.resize(size_ * etaCount);
  aEta_.resize(size_ * etaCount);
  gammaDecay_.resize(size_ * gammaCount);
  aGamma_.resize(size_ * gammaCount);
  for (uint32_t i = 0; i < size_; ++i) {
    for (uint32_t k = 0; k < etaCount; ++k) {
      etaDecay_[i * etaCount + k] = std::exp(-dt_ / tauEta[i][k]);
      aEta_[i * etaCount + k] = aEta[i][k];
    }
    for (uint32_t k = 0; k < gammaCount; ++k) {
      gammaDecay_[i * gammaCount + k] = std::exp(-dt_ / tauGamma[i][k]);
      aGamma_[i * gammaCount + k] = aGamma[i][k];
    }
  }
  if (resized) {
    eta_.assign(size_ * etaCount, 0.0);
    gamma_.assign(size_ * gammaCount, 0.0);
  }
}

void NeuronPopulation::setSpikeTimes(const std::vector<uint32_t>& cells, const std::vector<std::vector<double>>& times,
                                     uint64_t nowStep) {
  const std::string where = path_ + ".cell_type.parameters[\"spike_times\"]";
  if (kind_ != ModelKind::SpikeSourceArray)
    throw invalidArgument(where, "spike_times is a parameter of SpikeSourceArray, not of " + cellType_);
  if (times.size() != 1 && times.size() != cells.size())
    throw invalidArgument(where, "expected 1 or " + std::to_string(cells.size()) + " sequences, got " +
                                     std::to_string(times.size()));
  for (size_t k = 0; k < times.size(); ++k) {
    for (size_t j = 0; j < times[k].size(); ++j) {
      const double t = times[k][j];
      if (!std::isfinite(t) || t < 0)
        throw invalidArgument(where, "spike times must be finite and >= 0, got " + numberText(t));
      if (j > 0 && t < times[k][j - 1])
        throw invalidArgument(where, "spike times must be sorted in ascending order (" + numberText(times[k][j - 1]) +
                                         " then " + numberText(t) + ")");
    }
  }
  for (size_t k = 0; k < cells.size(); ++k) {
    const uint32_t cell = cells[k];
    const auto& seq = times.size() == 1 ? times[0] : times[k];
    spikeTimes_[cell] = seq;
    auto& steps = spikeSteps_[cell];
    steps.clear();
    // One entry per time, duplicates kept: times on the same step give multiplicity (NEST's spike_generator).
    for (double t : seq) steps.push_back(spikeTimeStep(t, dt_));
    restartSpikeArray(cell, nowStep);
  }
}

namespace {

// Whether every entry equals the first (a per-cell array that holds one value: the uniform fast paths).
template <typename T>
bool same(const std::vector<T>& values) {
  for (const T& x : values)
    if (!(x == values[0])) return false;
  return true;
}

}  // namespace

void NeuronPopulation::derive() {
  const uint32_t n = size_;
  dropRefractoryLists();
  auto steps = [&](double ms) { return static_cast<int32_t>(std::llround(ms / dt_)); };
  if (isCurrentBased(kind_) || isConductanceBased(kind_) || isAdex(kind_)) {
    refractorySteps_.resize(n);
    for (uint32_t i = 0; i < n; ++i) refractorySteps_[i] = steps(param("tau_refrac")[i]);
  }
  if (isCurrentBased(kind_)) {
    for (auto* a : {&p22_, &p20_, &p11Exc_, &p11Inh_, &p21Exc_, &p21Inh_, &p31Exc_, &p31Inh_, &p21AlphaExc_,
                    &p21AlphaInh_, &alphaScaleExc_, &alphaScaleInh_})
      a->resize(n);
    const bool hasSyn = kind_ != ModelKind::IfCurrDelta;
    for (uint32_t i = 0; i < n; ++i) {
      const double tauM = param("tau_m")[i], cm = param("cm")[i];
      const double tauE = hasSyn ? param("tau_syn_E")[i] : 1.0, tauI = hasSyn ? param("tau_syn_I")[i] : 1.0;
      const LifPropagators e = lifPropagators(tauM, cm, tauE, dt_);
      const LifPropagators in = lifPropagators(tauM, cm, tauI, dt_);
      p22_[i] = e.p22;
      p20_[i] = e.p20;
      p11Exc_[i] = e.p11;
      p11Inh_[i] = in.p11;
      p21Exc_[i] = e.p21;
      p21Inh_[i] = in.p21;
      p31Exc_[i] = e.p31;
      p31Inh_[i] = in.p31;
      p21AlphaExc_[i] = e.p21Alpha;
      p21AlphaInh_[i] = in.p21Alpha;
      alphaScaleExc_[i] = kE / tauE;
      alphaScaleInh_[i] = kE / tauI;
    }
  }
  if (!hiddenParameters_.empty()) {  // IF_facets_hardware1: tau_m = cm / g_leak (g_leak in nS)
    for (uint32_t i = 0; i < n; ++i) parameters_["tau_m"][i] = parameters_["cm"][i] / (param("g_leak")[i] / 1000.0);
  }
  if (isConductanceBased(kind_)) {
    for (auto* a : {&gLeak_, &invCm_, &p11Exc_, &p11Inh_, &halfDecayExc_, &halfDecayInh_, &alphaScaleExc_, &alphaScaleInh_})
      a->resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      const double tauE = param("tau_syn_E")[i], tauI = param("tau_syn_I")[i];
      gLeak_[i] = param("cm")[i] / param("tau_m")[i];
      invCm_[i] = 1.0 / param("cm")[i];
      p11Exc_[i] = std::exp(-dt_ / tauE);
      p11Inh_[i] = std::exp(-dt_ / tauI);
      halfDecayExc_[i] = std::exp(-0.5 * dt_ / tauE);
      halfDecayInh_[i] = std::exp(-0.5 * dt_ / tauI);
      alphaScaleExc_[i] = kE / tauE;
      alphaScaleInh_[i] = kE / tauI;
    }
  }
  if (kind_ == ModelKind::IfCondExpGsfaGrr) {
    for (auto* a : {&decaySfa_, &decayRr_, &halfDecaySfa_, &halfDecayRr_}) a->resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      decaySfa_[i] = std::exp(-dt_ / param("tau_sfa")[i]);
      decayRr_[i] = std::exp(-dt_ / param("tau_rr")[i]);
      halfDecaySfa_[i] = std::exp(-0.5 * dt_ / param("tau_sfa")[i]);
      halfDecayRr_[i] = std::exp(-0.5 * dt_ / param("tau_rr")[i]);
    }
  }
  if (isAdex(kind_)) {
    for (auto* a : {&gLeak_, &invCm_, &vPeak_, &aMicro_, &invTauW_, &subDecayExc_, &subDecayInh_, &subHalfDecayExc_,
                    &subHalfDecayInh_, &alphaScaleExc_, &alphaScaleInh_})
      a->resize(n);
    const double h = dt_ / kAdexSubsteps;
    for (uint32_t i = 0; i < n; ++i) {
      const double tauE = param("tau_syn_E")[i], tauI = param("tau_syn_I")[i];
      gLeak_[i] = param("cm")[i] / param("tau_m")[i];
      invCm_[i] = 1.0 / param("cm")[i];
      vPeak_[i] = param("delta_T")[i] > 0.0 ? param("v_spike")[i] : param("v_thresh")[i];
      aMicro_[i] = param("a")[i] / 1000.0;  // nS -> uS, so that w is in nA
      invTauW_[i] = 1.0 / param("tau_w")[i];
      subDecayExc_[i] = std::exp(-h / tauE);
      subDecayInh_[i] = std::exp(-h / tauI);
      subHalfDecayExc_[i] = std::exp(-0.5 * h / tauE);
      subHalfDecayInh_[i] = std::exp(-0.5 * h / tauI);
      alphaScaleExc_[i] = kE / tauE;
      alphaScaleInh_[i] = kE / tauI;
    }
  }
  if (kind_ == ModelKind::HhCondExp) {
    for (auto* a : {&invCm_, &invTauExc_, &invTauInh_}) a->resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      invCm_[i] = 1.0 / param("cm")[i];
      invTauExc_[i] = 1.0 / param("tau_syn_E")[i];
      invTauInh_[i] = 1.0 / param("tau_syn_I")[i];
    }
  }
  uniform_ = (isCurrentBased(kind_) && lifUniform()) || (kind_ == ModelKind::IfCondExp && condUniform()) ||
             (kind_ == ModelKind::IfCondAlpha && condUniform() && same(alphaScaleExc_) && same(alphaScaleInh_));
  if (uniform_) {
    if (isCurrentBased(kind_)) {
      uniformConstants_ = LifCurrUniform{param("v_rest")[0], param("v_thresh")[0], param("v_reset")[0],
                                         param("i_offset")[0], p22_[0],         p20_[0],
                                         p11Exc_[0],           p11Inh_[0],         p21Exc_[0],
                                         p21Inh_[0],           refractorySteps_[0], p31Exc_[0],
                                         p31Inh_[0],           p21AlphaExc_[0],     p21AlphaInh_[0],
                                         alphaScaleExc_[0],    alphaScaleInh_[0]};
    } else {
      condConstants_ = CondUniform{param("v_rest")[0], param("v_thresh")[0], param("v_reset")[0], param("i_offset")[0],
                                   invCm_[0], gLeak_[0], param("e_rev_E")[0], param("e_rev_I")[0], p11Exc_[0],
                                   p11Inh_[0], halfDecayExc_[0], halfDecayInh_[0], refractorySteps_[0],
                                   kind_ == ModelKind::IfCondAlpha ? alphaScaleExc_[0] : 0.0,
                                   kind_ == ModelKind::IfCondAlpha ? alphaScaleInh_[0] : 0.0};
    }
    zeros_.assign(n, 0.0);
    zeroInput_.assign(n, 0);
    spikeScratch_.assign(n, 0);
  }
  if (kind_ == ModelKind::SpikeSourcePoisson) {
    eventsPerStep_.resize(n);
    emptyStepProbability_.resize(n);
    poissonWords_.resize(4 * static_cast<size_t>(n));
    for (uint32_t i = 0; i < n; ++i) {
      eventsPerStep_[i] = param("rate")[i] * dt_ / 1000.0;
      emptyStepProbability_[i] = dmath::exp(-eventsPerStep_[i]);
    }
    poissonUniform_ = n > 0 && same(eventsPerStep_) && same(param("start")) && same(param("duration"));
    if (poissonUniform_) {
      poissonTable_ = poissonTable(eventsPerStep_[0], emptyStepProbability_[0]);
      poissonWordTable_ = poissonWordTable(poissonTable_);
      poissonStart_ = param("start")[0];
      poissonDuration_ = param("duration")[0];
    }
  }
}

bool NeuronPopulation::lifUniform() const {
  if (size_ == 0) return false;
  for (const char* name : {"v_rest", "v_thresh", "v_reset", "i_offset"})
    if (!same(param(name))) return false;
  return same(p22_) && same(p20_) && same(p11Exc_) && same(p11Inh_) && same(p21Exc_) && same(p21Inh_) &&
         same(p31Exc_) && same(p31Inh_) && same(p21AlphaExc_) && same(p21AlphaInh_) && same(alphaScaleExc_) &&
         same(alphaScaleInh_) && same(refractorySteps_);
}

bool NeuronPopulation::condUniform() const {
  if (size_ == 0) return false;
  for (const char* name : {"v_rest", "v_thresh", "v_reset", "i_offset", "cm", "e_rev_E", "e_rev_I"})
    if (!same(param(name))) return false;
  return same(gLeak_) && same(invCm_) && same(p11Exc_) && same(p11Inh_) && same(halfDecayExc_) && same(halfDecayInh_) &&
         same(refractorySteps_);
}

// ---- state -----------------------------------------------------------------------------------------------------

std::vector<double>* NeuronPopulation::stateArray(const std::string& name) {
  return const_cast<std::vector<double>*>(static_cast<const NeuronPopulation*>(this)->stateArray(name));
}

const std::vector<double>* NeuronPopulation::stateArray(const std::string& name) const {
  if (name == "v" && !v_.empty()) return &v_;
  if (name == "u" && !u_.empty()) return &u_;
  if (name == "w" && !w_.empty()) return &w_;
  if (name == "g_s" && !gSfa_.empty()) return &gSfa_;
  if (kind_ == ModelKind::GifCondExp && name == "i_eta") return &iEta_;
  if (kind_ == ModelKind::GifCondExp && name == "v_t") return &vT_;
  if (name == "g_r" && !gRr_.empty()) return &gRr_;
  if (kind_ == ModelKind::HhCondExp) {
    if (name == "m") return &gateM_;
    if (name == "h") return &gateH_;
    if (name == "n") return &gateN_;
  }
  if (isCurrentBased(kind_) && kind_ != ModelKind::IfCurrDelta) {
    if (name == "isyn_exc") return &synExc_;
    if (name == "isyn_inh") return &synInh_;
  }
  if (isConductanceBased(kind_) || isAdex(kind_) || kind_ == ModelKind::HhCondExp) {
    if (name == "gsyn_exc") return &synExc_;
    if (name == "gsyn_inh") return &synInh_;
  }
  return nullptr;
}

void NeuronPopulation::restartSpikeArray(uint32_t cell, uint64_t afterStep) {
  const auto& steps = spikeSteps_[cell];
  uint32_t k = 0;
  while (k < steps.size() && steps[k] <= afterStep) ++k;
  nextSpike_[cell] = k;
}

void NeuronPopulation::restartRenewals() {
  const RenewalCells c = renewalCells(ownData);
  for (uint32_t i = 0; i < size_; ++i) {
    nextSpikeTime_[i] = c.start[i] + renewalInterval(c, i, 0);
    intervalCount_[i] = 1;
  }
}

void NeuronPopulation::newTrial() { sourceStream_.stream = trialStream(firstSourceStream_, ++trial_); }

void NeuronPopulation::reset() {
  lastStep_ = 0;
  if (kind_ == ModelKind::PointNeuron) point_.reset();
  cachedBlock_ = UINT64_MAX;
  for (const auto& iv : initialValues_) {
    auto* state = stateArray(iv.first);
    if (state != nullptr) *state = iv.second;
  }
  std::fill(dSynExc_.begin(), dSynExc_.end(), 0.0);
  std::fill(dSynInh_.begin(), dSynInh_.end(), 0.0);
  std::fill(refractory_.begin(), refractory_.end(), 0);
  dropRefractoryLists();
  std::fill(eta_.begin(), eta_.end(), 0.0);
  std::fill(gamma_.begin(), gamma_.end(), 0.0);
  if (kind_ == ModelKind::SpikeSourceArray) {
    for (uint32_t i = 0; i < size_; ++i) restartSpikeArray(i, 0);
  } else if (kind_ == ModelKind::SpikeSourcePoissonRefractory || kind_ == ModelKind::SpikeSourceGamma) {
    restartRenewals();
  }
  std::fill(ageOrigin_.begin(), ageOrigin_.end(), 0.0);
  std::fill(hhStepSize_.begin(), hhStepSize_.end(), dt_);  // as at the start, so that a rerun repeats the first
}

// ---- the step --------------------------------------------------------------------------------------------------

template <typename At>
LifCurrCells NeuronPopulation::lifCells(At at) {
  return LifCurrCells{at(v_), at(synExc_), at(synInh_), at(dSynExc_), at(dSynInh_),
                      at(refractory_), at(param("v_rest")), at(param("v_thresh")), at(param("v_reset")),
                      at(param("i_offset")), at(refractorySteps_), at(p22_), at(p20_), at(p11Exc_),
                      at(p11Inh_), at(p21Exc_), at(p21Inh_), at(p31Exc_), at(p31Inh_),
                      at(p21AlphaExc_), at(p21AlphaInh_), at(alphaScaleExc_), at(alphaScaleInh_)};
}

template <typename At>
CondCells NeuronPopulation::condCells(At at) {
  return CondCells{at(v_), at(synExc_), at(synInh_), at(dSynExc_), at(dSynInh_),
                   at(refractory_), at(param("v_rest")), 
                   kind_ == ModelKind::GifCondExp ? nullptr : at(param("v_thresh")),  // GIF: escape noise, no threshold
                   at(param("v_reset")),
                   at(param("i_offset")), at(invCm_), at(gLeak_), at(param("e_rev_E")),
                   at(param("e_rev_I")), at(refractorySteps_), at(p11Exc_), at(p11Inh_),
                   at(halfDecayExc_), at(halfDecayInh_), at(alphaScaleExc_), at(alphaScaleInh_)};
}

template <typename At>
AdexCells NeuronPopulation::adexCells(At at) {
  return AdexCells{at(v_), at(w_), at(synExc_), at(synInh_), at(dSynExc_), at(dSynInh_),
                   at(refractory_), at(param("v_rest")), at(param("v_reset")), at(vPeak_),
                   at(param("v_thresh")), at(param("delta_T")), at(param("i_offset")), at(invCm_),
                   at(gLeak_), at(aMicro_), at(param("b")), at(invTauW_), at(param("e_rev_E")),
                   at(param("e_rev_I")), at(refractorySteps_), at(subDecayExc_), at(subDecayInh_),
                   at(subHalfDecayExc_), at(subHalfDecayInh_), at(alphaScaleExc_), at(alphaScaleInh_)};
}

template <typename At>
GifExtra NeuronPopulation::gifExtra(At at) {
  return GifExtra{at(eta_),         at(gamma_),      at(iEta_),          at(vT_),
                  at(etaDecay_),    at(gammaDecay_), at(aEta_),          at(aGamma_),
                  etaCount_,           gammaCount_,        at(param("v_t_star")), at(param("lambda0")),
                  at(param("delta_v")), sourceStream_};
}

template <typename At>
GsfaGrrExtra NeuronPopulation::gsfaGrrExtra(At at) {
  return GsfaGrrExtra{at(gSfa_), at(gRr_), at(param("e_rev_sfa")), at(param("e_rev_rr")),
                      at(param("q_sfa")), at(param("q_rr")), at(decaySfa_), at(decayRr_),
                      at(halfDecaySfa_), at(halfDecayRr_)};
}

template <typename At>
HhCells NeuronPopulation::hhCells(At at) {
  return HhCells{at(v_), at(gateM_), at(gateH_), at(gateN_), at(synExc_), at(synInh_),
                 at(refractory_), at(hhStepSize_), at(param("gbar_Na")), at(param("gbar_K")), at(param("g_leak")),
                 at(invCm_), at(param("v_offset")), at(param("e_rev_Na")), at(param("e_rev_K")),
                 at(param("e_rev_leak")), at(param("e_rev_E")), at(param("e_rev_I")),
                 at(param("i_offset")), at(invTauExc_), at(invTauInh_), static_cast<int32_t>(std::llround(kHhRefractoryMs / dt_))};
}

template <typename At>
IzhikevichCells NeuronPopulation::izhikevichCells(At at) {
  return IzhikevichCells{at(v_),         at(u_),         at(param("a")), at(param("b")), at(param("c")),
                         at(param("d")), at(param("i_offset"))};
}

template <typename At>
PoissonCells NeuronPopulation::poissonCells(At at) {
  return PoissonCells{at(eventsPerStep_), at(emptyStepProbability_), at(param("start")), at(param("duration")),
                      sourceStream_};
}

template <typename At>
RenewalCells NeuronPopulation::renewalCells(At at) {
  const bool gamma = kind_ == ModelKind::SpikeSourceGamma;
  return RenewalCells{at(param("start")),
                      at(param("duration")),
                      gamma ? nullptr : at(param("rate")),
                      gamma ? nullptr : at(param("tau_refrac")),
                      gamma ? at(param("alpha")) : nullptr,
                      gamma ? at(param("beta")) : nullptr,
                      at(nextSpikeTime_),
                      at(intervalCount_),
                      sourceStream_,
                      gamma};
}

namespace {

// Cell i's arriving input (fixed point, as a double) and current-source current; 0 where the row is absent.
inline double inputOf(const int64_t* row, uint32_t i) { return row != nullptr ? fromFixed(row[i]) : 0.0; }
inline double currentOf(const double* row, uint32_t i) { return row != nullptr ? row[i] : 0.0; }

// Runs `step(i, inExc, inInh, injected)` over cells [begin, end), turning fixed-point input into doubles. Out of
// line, one function per model: inlined, every model's loop made NeuronPopulation::updateRows a function V8 took
// 9 ms to compile with TurboFan in the first run (tsnn/out_of_line.h).
template <typename Step>
TSNN_OUT_OF_LINE void forEachCell(uint32_t begin, uint32_t end, const int64_t* inputExc, const int64_t* inputInh,
                                  const double* injected, std::vector<uint32_t>& spikes, Step step) {
  for (uint32_t i = begin; i < end; ++i) {
    if (step(i, inputOf(inputExc, i), inputOf(inputInh, i), currentOf(injected, i))) spikes.push_back(i);
  }
}

// Cells [begin, end) two at a time by `pair(i, inExc, inInh, injected)` (the lanes of cells i and i + 1; returns
// their spike bits, 1 and 2) where SIMD pairs are built (cell_pairs.h), and an odd last cell, or every cell
// elsewhere, by forEachCell's `cell`. Also the adaptive exponential cells' (adex_pairs.h).
template <typename Pair, typename Cell>
TSNN_OUT_OF_LINE void forEachCellPair(uint32_t begin, uint32_t end, const int64_t* inputExc, const int64_t* inputInh,
                                      const double* injected, std::vector<uint32_t>& spikes, Pair pair, Cell cell) {
  uint32_t i = begin;
#if defined(TSNN_SIMD_PAIR)
  // The rows two cells at a time, as the uniform pair loops read them: fixedFromBits gives fromFixed's doubles
  // without the scalar int64 conversions (V8's cvtsi2sd, which also waits on its register's last value), and
  // the lanes need no building: IF_cond_exp with differing constants 6.2 -> 5.5 ns a cell in WebAssembly.
  const auto inputPair = [](const int64_t* row, uint32_t j) {
    return row != nullptr ? simd::fixedFromBits(simd::loadBits(row + j)) : simd::splat(0.0);
  };
  for (; i + 2 <= end; i += 2) {
    const uint32_t spiked = pair(i, inputPair(inputExc, i), inputPair(inputInh, i),
                                 injected != nullptr ? simd::load(injected + i) : simd::splat(0.0));
    if (spiked & 1u) spikes.push_back(i);
    if (spiked & 2u) spikes.push_back(i + 1);
  }
#else
  (void)pair;
#endif
  forEachCell(i, end, inputExc, inputInh, injected, spikes, cell);
}

// forEachCellPair's `pair` for a function of cell_pairs.h (or adex_pairs.h) called with the lanes (i, e, in, j),
// where SIMD pairs are built; elsewhere none (forEachCellPair then steps every cell by its `cell`). It captures the cells' pointers
// by value: captured by reference, the compiler must assume that any store may change them (IF_cond_exp with
// differing constants 7.2 -> 6.2 ns a cell in WebAssembly).
#if defined(TSNN_SIMD_PAIR)
#define TSNN_CELL_PAIR(call) [=](uint32_t i, simd::F e, simd::F in, simd::F j) { return simd::call; }
#else
#define TSNN_CELL_PAIR(call) nullptr
#endif

}  // namespace

void NeuronPopulation::appendSpikes(uint32_t begin, uint32_t count, std::vector<uint32_t>& spikes) const {
  const uint32_t* found = spikeScratch_.data() + begin;
  for (uint32_t k = 0; k < count; ++k) spikes.push_back(begin + found[k]);
}

void NeuronPopulation::planRanges(const std::vector<std::pair<uint32_t, uint32_t>>& ranges) {
  listedRanges_.resize(ranges.size());
  for (size_t k = 0; k < ranges.size(); ++k) {
    ListedRange& range = listedRanges_[k];
    range.listed = range.listed && range.begin == ranges[k].first && range.end == ranges[k].second;
    range.begin = ranges[k].first;
    range.end = ranges[k].second;
  }
}

RefractoryList* NeuronPopulation::refractoryList(uint32_t begin, uint32_t end) {
  if (!kUniformStepsListRefractory) return nullptr;
  ListedRange* range = nullptr;
  for (ListedRange& planned : listedRanges_)
    if (planned.begin == begin && planned.end == end) range = &planned;
  if (range == nullptr && begin == 0 && end == size_) {
    planRanges({{0, size_}});
    range = &listedRanges_[0];
  }
  if (range == nullptr) {
    dropRefractoryLists();
    return nullptr;
  }
  if (!range->listed) {
    const uint32_t count = end - begin;
    listRefractory(range->list, refractory_.data() + begin, count & ~1u, count);
    range->listed = true;
  }
  return &range->list;
}

void NeuronPopulation::update(uint64_t step, const int64_t* inputExc, const int64_t* inputInh,
                              const double* injected, std::vector<uint32_t>& spikes) {
  // Read only: the rows are written only when clearInput is true.
  beginStep(step);
  updateRows(step, 0, size_, const_cast<int64_t*>(inputExc), const_cast<int64_t*>(inputInh), injected, spikes, false);
  endStep(step);
}

bool NeuronPopulation::updateClearingInput(uint64_t step, int64_t* inputExc, int64_t* inputInh,
                                           const double* injected, std::vector<uint32_t>& spikes) {
  beginStep(step);
  const bool cleared = updateRangeClearingInput(step, 0, size_, inputExc, inputInh, injected, spikes);
  endStep(step);
  return cleared;
}

bool NeuronPopulation::updateSkippingInput(uint32_t begin, uint32_t end, const double* injected,
                                           std::vector<uint32_t>& spikes) {
  if (!takesTouchedInput()) return false;
  // No rows: the per-cell steps (an odd last cell, builds without SIMD pairs) read zeros instead. The uniform
  // paths do not use the step number.
  updateRows(lastStep_, begin, end, nullptr, nullptr, injected, spikes, false, true);
  return true;
}

bool NeuronPopulation::splitsIntoRanges() const {
  switch (kind_) {
    case ModelKind::PointNeuron:
    case ModelKind::SpikeSourcePoissonRefractory:
    case ModelKind::SpikeSourceGamma:
    case ModelKind::SpikeSourceInhGamma:
    case ModelKind::SpikeSourceArray:
      return false;
    default:
      return true;
  }
}

void NeuronPopulation::beginStep(uint64_t step) {
  lastStep_ = step;
  if (kind_ != ModelKind::SpikeSourcePoisson) return;
  // The word of (cell, step) is word step % 4 of Philox block step / 4 (poissonWord): the first step of a block
  // computes it for every cell and keeps it for the next three. Results are those of poissonCount(sourceStream_,
  // cell, step, ...), with a block computed a quarter as often.
  poissonComputesBlock_ = cachedBlock_ != (step >> 2);
}

void NeuronPopulation::endStep(uint64_t step) {
  if (kind_ == ModelKind::SpikeSourcePoisson) cachedBlock_ = step >> 2;
}

bool NeuronPopulation::updateRangeClearingInput(uint64_t step, uint32_t begin, uint32_t end, int64_t* inputExc,
                                                int64_t* inputInh, const double* injected,
                                                std::vector<uint32_t>& spikes) {
  // uniform_ is set only for the models with a fast path (derive()), and every fast path clears as it reads.
  updateRows(step, begin, end, inputExc, inputInh, injected, spikes, uniform_);
  return uniform_;
}

void NeuronPopulation::updateRows(uint64_t step, uint32_t begin, uint32_t end, int64_t* inputExc,
                                  int64_t* inputInh, const double* injected, std::vector<uint32_t>& spikes,
                                  bool clearInput, bool skipInput) {
  const double h = dt_;
  // The fast paths read every row: absent input or current stands as zeros (the per-cell paths test for null).
  // They see cells [begin, end) as cells [0, end - begin) of arrays starting at `begin`.
  int64_t* excRow = (inputExc != nullptr ? inputExc : zeroInput_.data()) + begin;
  int64_t* inhRow = (inputInh != nullptr ? inputInh : zeroInput_.data()) + begin;
  const double* injectedRow = (injected != nullptr ? injected : zeros_.data()) + begin;
  const auto at = [begin](auto& array) { return array.empty() ? nullptr : array.data() + begin; };
  const UniformState state{at(v_), at(synExc_), at(synInh_), at(dSynExc_), at(dSynInh_), at(refractory_)};
  const UniformInput input{excRow, inhRow, injectedRow, clearInput, skipInput};
  const uint32_t count = end - begin;
  uint32_t* found = spikeScratch_.data() + begin;
  const bool hasInjected = injected != nullptr;
  // A fast path keeps its range's refractory list. The per-cell paths keep none: they run while uniform_ is false,
  // and derive(), which sets it, drops the lists.
  RefractoryList* listed = uniform_ ? refractoryList(begin, end) : nullptr;
  switch (kind_) {
    case ModelKind::IfCurrExp: {
      if (uniform_) {
        appendSpikes(begin, ifCurrExpUniformSteps(count, uniformConstants_, state, input, hasInjected, listed, found),
                     spikes);
        break;
      }
      const LifCurrCells c = lifCells(ownData);
      forEachCellPair(begin, end, inputExc, inputInh, injected, spikes, TSNN_CELL_PAIR(ifCurrExpCellPair(c, i, e, in, j)),
                      [&](uint32_t i, double e, double in, double j) { return ifCurrExpStep(c, i, e, in, j); });
      break;
    }
    case ModelKind::IfCurrAlpha: {
      if (uniform_) {
        appendSpikes(begin, ifCurrAlphaUniformSteps(count, uniformConstants_, state, input, hasInjected, listed, found),
                     spikes);
        break;
      }
      const LifCurrCells c = lifCells(ownData);
      forEachCellPair(begin, end, inputExc, inputInh, injected, spikes, TSNN_CELL_PAIR(ifCurrAlphaCellPair(c, i, e, in, j)),
                      [&](uint32_t i, double e, double in, double j) { return ifCurrAlphaStep(c, i, e, in, j); });
      break;
    }
    case ModelKind::IfCurrDelta: {
      if (uniform_) {
        appendSpikes(begin, ifCurrDeltaUniformSteps(count, uniformConstants_, state, input, hasInjected, listed, found),
                     spikes);
        break;
      }
      const LifCurrCells c = lifCells(ownData);
      forEachCellPair(begin, end, inputExc, inputInh, injected, spikes, TSNN_CELL_PAIR(ifCurrDeltaCellPair(c, i, e, in, j)),
                      [&](uint32_t i, double e, double in, double j) { return ifCurrDeltaStep(c, i, e, in, j); });
      break;
    }
    case ModelKind::IfCondExp: {
      if (uniform_) {
        appendSpikes(begin, ifCondExpUniformSteps(count, condConstants_, h, state, input, hasInjected, listed, found),
                     spikes);
        break;
      }
      const CondCells c = condCells(ownData);
      forEachCellPair(
          begin, end, inputExc, inputInh, injected, spikes,
          TSNN_CELL_PAIR(ifCondExpCellPair(c, i, h, e, in, j)),
          [&](uint32_t i, double e, double in, double j) { return ifCondExpStep(c, i, h, e, in, j); });
      break;
    }
    case ModelKind::IfCondAlpha: {
      if (uniform_) {
        appendSpikes(begin, ifCondAlphaUniformSteps(count, condConstants_, h, state, input, hasInjected, listed, found),
                     spikes);
        break;
      }
      const CondCells c = condCells(ownData);
      forEachCellPair(
          begin, end, inputExc, inputInh, injected, spikes,
          TSNN_CELL_PAIR(ifCondAlphaCellPair(c, i, h, e, in, j)),
          [&](uint32_t i, double e, double in, double j) { return ifCondAlphaStep(c, i, h, e, in, j); });
      break;
    }
    case ModelKind::Izhikevich: {
      const IzhikevichCells c = izhikevichCells(ownData);
      forEachCellPair(begin, end, inputExc, inputInh, injected, spikes,
                      TSNN_CELL_PAIR(izhikevichCellPair(c, i, h, simd::add(e, in), j)),
                      [&](uint32_t i, double e, double in, double j) { return izhikevichStep(c, i, h, e + in, j); });
      break;
    }
    case ModelKind::EifCondExp:
    case ModelKind::EifCondAlpha: {
      const AdexCells c = adexCells(ownData);
      const bool alpha = kind_ == ModelKind::EifCondAlpha;
      forEachCellPair(begin, end, inputExc, inputInh, injected, spikes,
                      TSNN_CELL_PAIR(adexStepPair(c, i, h, alpha, e, in, j)),
                      [&](uint32_t i, double e, double in, double j) { return adexStep(c, i, h, alpha, e, in, j); });
      break;
    }
    case ModelKind::IfCondExpGsfaGrr: {
      const CondCells c = condCells(ownData);
      const GsfaGrrExtra x = gsfaGrrExtra(ownData);
      forEachCellPair(
          begin, end, inputExc, inputInh, injected, spikes,
          TSNN_CELL_PAIR(ifCondExpGsfaGrrCellPair(c, x, i, h, e, in, j)),
          [&](uint32_t i, double e, double in, double j) { return ifCondExpGsfaGrrStep(c, x, i, h, e, in, j); });
      break;
    }
    case ModelKind::GifCondExp: {
      const CondCells c = condCells(ownData);
      GifExtra x = gifExtra(ownData);
      const uint32_t draw = static_cast<uint32_t>(step) >> 1;
      if (step & 1u) {
        philoxUniformRun<true>(x.stream.seed, x.stream.stream, draw, begin, end, escapeDraws_.data() + begin);
      } else {
        philoxUniformRun<false>(x.stream.seed, x.stream.stream, draw, begin, end, escapeDraws_.data() + begin);
      }
      x.escapeDraws = escapeDraws_.data();
      forEachCellPair(
          begin, end, inputExc, inputInh, injected, spikes,
          TSNN_CELL_PAIR(gifCellPair(c, x, i, h, step, e, in, j)),
          [&](uint32_t i, double e, double in, double j) { return gifStep(c, x, i, h, step, e, in, j); });
      break;
    }
    case ModelKind::PointNeuron: {
      const uint32_t receptors = point_.receptorCount();
      pointRows_.assign(receptors, nullptr);
      if (receptors > 0) pointRows_[0] = inputExc;
      if (receptors > 1) pointRows_[1] = inputInh;
      if (inputExc != nullptr && inputInh != nullptr) {
        for (uint32_t k = 2; k < receptors; ++k) pointRows_[k] = inputExc + k * (inputInh - inputExc);
      }
      point_.update(pointRows_.data(), injected, spikes);
      break;
    }
    case ModelKind::HhCondExp: {
      const HhCells c = hhCells(ownData);
      forEachCell(begin, end, inputExc, inputInh, injected, spikes,
                  [&](uint32_t i, double e, double in, double j) { return hhStep(c, i, h, e, in, j); });
      break;
    }
    case ModelKind::SpikeSourcePoisson:
      poissonSpikes(step, begin, end, spikes);
      break;
    case ModelKind::SpikeSourcePoissonRefractory:
    case ModelKind::SpikeSourceGamma: {
      const RenewalCells c = renewalCells(ownData);
      for (uint32_t i = 0; i < size_; ++i)
        for (uint32_t k = renewalSpikes(c, i, step, dt_); k > 0; --k) spikes.push_back(i);
      break;
    }
    case ModelKind::SpikeSourceInhGamma:
      inhGammaSpikes(step, spikes);
      break;
    case ModelKind::SpikeSourceArray: {
      for (uint32_t i = 0; i < size_; ++i) {
        const auto& steps = spikeSteps_[i];
        uint32_t k = nextSpike_[i];
        while (k < steps.size() && steps[k] < step) ++k;
        // Times that fall on the same step are each emitted (multiplicity), as NEST's spike_generator does.
        for (; k < steps.size() && steps[k] == step; ++k) spikes.push_back(i);
        nextSpike_[i] = k;
      }
      break;
    }
  }
}

template <typename At>
InhGammaCells NeuronPopulation::inhGammaCells(At at) {
  return InhGammaCells{at(param("start")), at(param("duration")), at(binStart_), at(binTime_),
                       at(binA_),          at(binB_),             at(ageOrigin_), sourceStream_};
}

const uint32_t* NeuronPopulation::poissonWords(uint64_t step, uint32_t begin, uint32_t end) {
  uint32_t* const words[4] = {&poissonWords_[0], &poissonWords_[size_], &poissonWords_[2 * size_],
                              &poissonWords_[3 * size_]};
  // beginStep decided whether this step computes a Philox block (see there).
  if (poissonComputesBlock_)
    philoxWordRows(sourceStream_.seed, sourceStream_.stream, static_cast<uint32_t>(step >> 2), begin, end, words);
  return words[step & 3];
}

namespace {
// Above this chance of no event in a step, the Poisson loops test for it cell by cell (the branch is predictable).
constexpr double kSparsePoisson = 0.9;
}  // namespace

template <typename BeforeDense, typename Emit>
void NeuronPopulation::forEachPoissonCount(uint64_t step, uint32_t begin, uint32_t end, BeforeDense beforeDense,
                                           Emit emit) {
  const uint32_t* words = poissonWords(step, begin, end);
  if (!poissonUniform_) {
    const auto& start = param("start");
    const auto& duration = param("duration");
    for (uint32_t i = begin; i < end; ++i) {
      const double u = uniformFromWord(words[i]);
      if (u < emptyStepProbability_[i] || !poissonActive(step, start[i], duration[i])) continue;
      emit(i, poissonCountFromUniform(u, eventsPerStep_[i], emptyStepProbability_[i]));
    }
    return;
  }
  if (!poissonActive(step, poissonStart_, poissonDuration_)) return;
  const double lambda = eventsPerStep_[0], empty = emptyStepProbability_[0];
  if (empty > kSparsePoisson) {
    // Most cells have no event (Brunel's sources: 0.25 % per step).
    for (uint32_t i = begin; i < end; ++i) {
      const double u = uniformFromWord(words[i]);
      if (u >= empty) emit(i, poissonCountFromTable(u, poissonTable_, lambda, empty));
    }
    return;
  }
  beforeDense();
  forEachPoissonWordCount(poissonTable_, poissonWordTable_, lambda, empty, words, begin, end, emit);
}

uint64_t NeuronPopulation::updateCountsIntoRow(uint64_t step, uint32_t begin, uint32_t end, int64_t* row,
                                               int64_t amount) {
  uint64_t total = 0;
  forEachPoissonCount(step, begin, end, [] {}, [&](uint32_t i, uint32_t events) {
    row[i] += static_cast<int64_t>(events) * amount;
    total += events;
  });
  return total;
}

void NeuronPopulation::poissonSpikes(uint64_t step, uint32_t begin, uint32_t end, std::vector<uint32_t>& spikes) {
  // Where most cells have events (the dense loop), written through a pointer into room made beforehand, without a
  // branch on how many events a cell has: at the microcircuit's rates (1.3-1.7 per step) about half the cells
  // have none or one and the rest two or more, a branch on it mispredicted. Every cell writes kWritten copies of
  // its index and keeps `events` of them; the rare cells with more events (2-3 % at 1.7 per step) write the rest
  // in a loop. Elsewhere few cells have events, and each is appended.
  constexpr uint32_t kWritten = 4;
  bool dense = false;
  size_t n = 0;
  uint32_t* out = nullptr;
  auto makeRoom = [&] {
    dense = true;
    n = spikes.size();
    spikes.resize(n + 2 * (end - begin) + kWritten);
    out = spikes.data();
  };
  forEachPoissonCount(step, begin, end, makeRoom, [&](uint32_t i, uint32_t events) {
    if (!dense) {
      for (uint32_t k = 0; k < events; ++k) spikes.push_back(i);
      return;
    }
    if (n + events + kWritten > spikes.size()) {
      spikes.resize(n + events + kWritten + 2 * (end - i));
      out = spikes.data();
    }
    for (uint32_t k = 0; k < kWritten; ++k) out[n + k] = i;
    for (uint32_t k = kWritten; k < events; ++k) out[n + k] = i;
    n += events;
  });
  if (dense) spikes.resize(n);
}

void NeuronPopulation::updateReceptors(uint64_t step, const int64_t* const* rows, uint32_t rowCount,
                                       const double* injected, std::vector<uint32_t>& spikes) {
  if (kind_ != ModelKind::PointNeuron) {
    update(step, rowCount > 0 ? rows[0] : nullptr, rowCount > 1 ? rows[1] : nullptr, injected, spikes);
    return;
  }
  lastStep_ = step;
  pointRows_.assign(point_.receptorCount(), nullptr);
  for (uint32_t k = 0; k < rowCount && k < pointRows_.size(); ++k) pointRows_[k] = rows[k];
  point_.update(pointRows_.data(), injected, spikes);
}

// ---- reading ---------------------------------------------------------------------------------------------------

bool NeuronPopulation::hasParameter(const std::string& name) const {
  if (kind_ == ModelKind::PointNeuron) return point_.hasParameter(name);
  if (std::find(hiddenParameters_.begin(), hiddenParameters_.end(), name) != hiddenParameters_.end()) return false;
  return parameters_.count(name) != 0 || sequenceParameters_.count(name) != 0 ||
         (kind_ == ModelKind::SpikeSourceArray && name == "spike_times");
}

bool NeuronPopulation::hasStateVariable(const std::string& name) const {
  if (kind_ == ModelKind::PointNeuron) return point_.hasStateVariable(name);
  return stateArray(name) != nullptr;
}

double NeuronPopulation::get(const std::string& name, uint32_t cell) const {
  if (kind_ == ModelKind::PointNeuron) return point_.get(name, cell);
  if (const auto* state = stateArray(name)) return (*state)[cell];
  auto it = parameters_.find(name);
  if (it != parameters_.end()) return it->second[cell];
  throw invalidArgument(path_, "'" + name + "' is neither a parameter nor a state variable of " + cellType_);
}

const double* NeuronPopulation::recordableArray(const std::string& name) const {
  if (kind_ == ModelKind::PointNeuron) return point_.recordableArray(name);
  const auto* state = stateArray(name);
  return state != nullptr ? state->data() : nullptr;
}

size_t NeuronPopulation::memoryBytes() const {
  size_t bytes = point_.memoryBytes();
  for (const auto& p : parameters_) bytes += p.second.size() * sizeof(double);
  for (const auto& p : initialValues_) bytes += p.second.size() * sizeof(double);
  for (const auto* a : {&v_, &synExc_, &synInh_, &dSynExc_, &dSynInh_, &u_, &p22_, &p20_, &p11Exc_, &p11Inh_,
                        &p21Exc_, &p21Inh_, &p31Exc_, &p31Inh_, &p21AlphaExc_, &p21AlphaInh_, &alphaScaleExc_,
                        &alphaScaleInh_, &gLeak_, &invCm_, &halfDecayExc_, &w_, &gateM_, &gateH_, &gateN_, &eta_, &gamma_, &iEta_, &vT_, &etaDecay_, &gammaDecay_, &aEta_, &aGamma_, &gSfa_, &gRr_, &decaySfa_, &decayRr_, &halfDecaySfa_, &halfDecayRr_, &vPeak_, &aMicro_, &invTauW_, &subDecayExc_, &subDecayInh_, &subHalfDecayExc_, &subHalfDecayInh_, &halfDecayInh_, &eventsPerStep_, &emptyStepProbability_,
                        &invTauExc_, &invTauInh_, &hhStepSize_, &nextSpikeTime_, &ageOrigin_, &binTime_, &binA_, &binB_, &escapeDraws_})
    bytes += a->size() * sizeof(double);
  bytes += (refractory_.size() + refractorySteps_.size() + nextSpike_.size() + intervalCount_.size() +
            binStart_.size()) * 4;
  for (const ListedRange& range : listedRanges_)
    bytes += range.list.cells.size() * 4 + range.list.held.size() * sizeof(double);
  for (const auto& s : spikeSteps_) bytes += s.size() * 16;
  return bytes;
}

std::vector<NeuronPopulation::CellArray> NeuronPopulation::cellArrays() {
  dropRefractoryLists();  // another engine may write the counters through these
  std::vector<CellArray> arrays;
  if (kind_ == ModelKind::PointNeuron) {
    point_.cellArrays(arrays);
    return arrays;
  }
  const auto add = [&arrays](const auto& array, bool state) { appendArray(arrays, array, state); };
  for (auto& parameter : parameters_) add(parameter.second, false);
  for (auto* a : {&p22_, &p20_, &p11Exc_, &p11Inh_, &p21Exc_, &p21Inh_, &p31Exc_, &p31Inh_, &p21AlphaExc_,
                  &p21AlphaInh_, &alphaScaleExc_, &alphaScaleInh_, &gLeak_, &invCm_, &halfDecayExc_, &halfDecayInh_,
                  &etaDecay_, &gammaDecay_, &aEta_, &aGamma_, &decaySfa_, &decayRr_, &halfDecaySfa_, &halfDecayRr_,
                  &vPeak_, &aMicro_, &invTauW_, &subDecayExc_, &subDecayInh_, &subHalfDecayExc_, &subHalfDecayInh_,
                  &eventsPerStep_, &emptyStepProbability_, &invTauExc_, &invTauInh_})
    add(*a, false);
  add(refractorySteps_, false);
  for (auto* a : {&v_, &synExc_, &synInh_, &dSynExc_, &dSynInh_, &u_, &w_, &gateM_, &gateH_, &gateN_, &gSfa_, &gRr_,
                  &eta_, &gamma_, &iEta_, &vT_, &hhStepSize_})
    add(*a, true);
  add(refractory_, true);
  for (auto* a : {&binTime_, &binA_, &binB_}) add(*a, false);
  add(binStart_, false);
  add(nextSpikeTime_, true);
  add(intervalCount_, true);
  add(ageOrigin_, true);
  return arrays;
}

CellSteps NeuronPopulation::cellSteps(const CopyOf& copyOf) {
  dropRefractoryLists();
  const auto at = copiedThrough(copyOf);
  CellSteps steps{};
  switch (kind_) {
    case ModelKind::IfCurrExp:
    case ModelKind::IfCurrAlpha:
    case ModelKind::IfCurrDelta: steps.lif = lifCells(at); break;
    case ModelKind::IfCondExp:
    case ModelKind::IfCondAlpha: steps.cond = condCells(at); break;
    case ModelKind::IfCondExpGsfaGrr:
      steps.cond = condCells(at);
      steps.gsfaGrr = gsfaGrrExtra(at);
      break;
    case ModelKind::GifCondExp:
      steps.cond = condCells(at);
      steps.gif = gifExtra(at);
      break;
    case ModelKind::Izhikevich: steps.izhikevich = izhikevichCells(at); break;
    case ModelKind::EifCondExp:
    case ModelKind::EifCondAlpha: steps.adex = adexCells(at); break;
    case ModelKind::HhCondExp: steps.hh = hhCells(at); break;
    case ModelKind::SpikeSourcePoisson: steps.poisson = poissonCells(at); break;
    case ModelKind::SpikeSourcePoissonRefractory:
    case ModelKind::SpikeSourceGamma: steps.renewal = renewalCells(at); break;
    case ModelKind::SpikeSourceInhGamma: steps.inhGamma = inhGammaCells(at); break;
    case ModelKind::PointNeuron:
      steps.point = point_.cellSteps(copyOf);
      steps.pointAdExp = point_.isAdExp();
      break;
    default: break;
  }
  return steps;
}

}  // namespace tsnn
