#include "tsnn/number_text.h"
#include "tsnn/plasticity/plasticity.h"

#include <algorithm>
#include <cmath>

#include "tsnn/connectivity/float32_readback.h"
#include "tsnn/error.h"
#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"

namespace tsnn {

namespace {

std::string projectionPath(uint32_t projection) { return "network.projections[" + std::to_string(projection) + "]"; }

// The store's per-synapse values of state `name`, made per synapse; values not given (NaN) start at the synapse's
// value of `from` (a parameter, uniform or per synapse).
std::vector<double>& perSynapseState(ProjectionStore& p, const std::string& name, const std::string& from) {
  std::vector<double>& state = p.perSynapseValues[name];
  if (state.empty()) {
    const auto uniform = p.uniformValues.find(name);
    state.assign(p.size(), uniform != p.uniformValues.end() ? uniform->second : std::nan(""));
    p.uniformValues.erase(name);
  }
  const auto perSynapseFrom = p.perSynapseValues.find(from);
  for (uint64_t s = 0; s < p.size(); ++s) {
    if (!std::isnan(state[s])) continue;
    state[s] = perSynapseFrom != p.perSynapseValues.end() ? perSynapseFrom->second[s] : p.uniformValues.at(from);
  }
  return state;
}

}  // namespace

bool Plasticity::isPlastic(const SynapseSpec& synapse) {
  return synapse.dynamics == "TsodyksMarkramSynapse" || synapse.dynamics == "STDPMechanism" ||
         synapse.dynamics == "SimpleStochasticSynapse" || synapse.dynamics == "StochasticTsodyksMarkramSynapse" ||
         synapse.dynamics == "MultiQuantalSynapse";
}

Plasticity::Plasticity(const NetworkSpec& network, std::vector<ProjectionStore>& stores)
    : network_(&network), stores_(&stores), seed_(network.settings.seed) {
  tmIndex_.assign(stores.size(), -1);
  stdpIndex_.assign(stores.size(), -1);
  stochasticIndex_.assign(stores.size(), -1);
  for (uint32_t k = 0; k < stores.size(); ++k) {
    ProjectionStore& p = stores[k];
    if (!p.plastic) continue;
    const SynapseSpec& synapse = network.projections[k].synapse;
    const std::string path = projectionPath(k) + ".synapse";
    if (synapse.dynamics == "TsodyksMarkramSynapse") {
      // u is state: kept per synapse so that each synapse can evolve on its own and GetConnections reads it.
      if (!p.perSynapseValues.count("u")) {
        const double u0 = p.uniformValues.count("u") ? p.uniformValues.at("u") : 0.0;
        p.uniformValues.erase("u");
        p.perSynapseValues["u"].assign(p.size(), u0);
      }
      TsodyksMarkram tm;
      tm.projection = k;
      tm.x.assign(p.size(), 1.0);
      tm.y.assign(p.size(), 0.0);
      tm.lastSpike.assign(p.nPre, 0);
      tm.tauSyn.assign(p.nPost, NAN);
      tmIndex_[k] = static_cast<int32_t>(tm_.size());
      tm_.push_back(std::move(tm));
    } else if (synapse.dynamics != "STDPMechanism") {
      Stochastic r;
      r.projection = k;
      r.kind = synapse.dynamics == "SimpleStochasticSynapse"           ? Stochastic::Kind::Simple
               : synapse.dynamics == "StochasticTsodyksMarkramSynapse" ? Stochastic::Kind::TsodyksMarkram
                                                                       : Stochastic::Kind::MultiQuantal;
      if (r.kind == Stochastic::Kind::MultiQuantal) {
        // u and a are state, per synapse; not given (NaN), they start at the synapse's U and n.
        r.siteU = &perSynapseState(p, "u", "U");
        r.sites = &perSynapseState(p, "a", "n");
      }
      stochasticIndex_[k] = static_cast<int32_t>(stochastic_.size());
      stochastic_.push_back(std::move(r));
    } else {
      if (synapse.hasVoltageDependence) throw invalidArgument(path + ".voltage_dependence", "voltage-dependent STDP is not supported by this engine");
      if (synapse.dendriticDelayFraction != 1.0) {
        throw invalidArgument(path + ".dendritic_delay_fraction",
                              "this engine supports dendritic_delay_fraction = 1 only (as NEST), got " +
                                  std::to_string(synapse.dendriticDelayFraction));
      }
      Stdp rule;
      rule.projection = k;
      if (synapse.timingDependence == "Vogels2011Rule") rule.vogels = true;
      else if (synapse.timingDependence != "SpikePairRule")
        throw invalidArgument(path + ".timing_dependence", "'" + synapse.timingDependence + "' (allowed: SpikePairRule, Vogels2011Rule)");
      const std::string& w = synapse.weightDependence;
      if (w == "AdditiveWeightDependence") rule.dependence = kStdpAdditive;
      else if (w == "MultiplicativeWeightDependence") rule.dependence = kStdpMultiplicative;
      else if (w == "AdditivePotentiationMultiplicativeDepression") rule.dependence = kStdpAdditivePotentiationMultiplicativeDepression;
      else if (w == "GutigWeightDependence") rule.dependence = kStdpGutig;
      else
        throw invalidArgument(path + ".weight_dependence", "'" + w + "' (allowed: AdditiveWeightDependence, MultiplicativeWeightDependence, "
                                                         "AdditivePotentiationMultiplicativeDepression, GutigWeightDependence)");
      p.plasticWeight.resize(p.size());
      // From the weight as a static one reads back (the decimal given, not its float32's binary expansion).
      for (uint64_t s = 0; s < p.size(); ++s) p.plasticWeight[s] = shortestDecimalOf(p.weight[s]);
      rule.preTrace.assign(p.nPre, 0.0);
      rule.lastPre.assign(p.nPre, -1);
      rule.settled.assign(p.nPre, 0);
      rule.history.assign(p.nPost, {});
      for (uint64_t s = 0; s < p.size(); ++s) rule.maxDelay = std::max(rule.maxDelay, p.delayOf(s));
      stdpIndex_[k] = static_cast<int32_t>(stdp_.size());
      stdp_.push_back(std::move(rule));
    }
    bindParameters(k);
    if (stdpIndex_[k] >= 0) {
      const Stdp& rule = stdp_[stdpIndex_[k]];
      const std::string where = projectionPath(k) + ".synapse.parameters";
      for (uint64_t s = 0; s < p.size(); ++s) checkStdpBounds(k, rule.wMin.at(s), rule.wMax.at(s), p.plasticWeight[s], where);
    }
    if (tmIndex_[k] >= 0) tm_[tmIndex_[k]].uInitial = p.perSynapseValues.at("u");
    if (stochasticIndex_[k] >= 0) {
      Stochastic& r = stochastic_[stochasticIndex_[k]];
      if (r.siteU != nullptr) {
        r.uInitial = *r.siteU;
        r.sitesInitial = *r.sites;
      }
      resetStochastic(r);
    }
  }
  // Post cell -> (rule, post index) table for the STDP rules.
  postStart_.assign(static_cast<size_t>(network.totalNeurons) + 1, 0);
  std::vector<std::pair<uint32_t, std::pair<uint32_t, uint32_t>>> entries;
  for (uint32_t r = 0; r < stdp_.size(); ++r) {
    const ProjectionSpec& prj = network.projections[stdp_[r].projection];
    uint32_t j = 0;
    for (const auto& part : prj.post.parts) {
      const uint32_t first = network.populations[part.population].firstGlobal;
      for (uint32_t q = 0, n = part.size(); q < n; ++q, ++j) entries.push_back({first + part.at(q), {r, j}});
    }
  }
  for (const auto& e : entries) ++postStart_[e.first + 1];
  for (size_t g = 0; g < network.totalNeurons; ++g) postStart_[g + 1] += postStart_[g];
  postTargets_.resize(entries.size());
  std::vector<uint32_t> fill(postStart_.begin(), postStart_.end() - 1);
  for (const auto& e : entries) postTargets_[fill[e.first]++] = e.second;
}

void Plasticity::bindParameters(uint32_t projection) {
  ProjectionStore& p = (*stores_)[projection];
  const std::string path = projectionPath(projection) + ".synapse.parameters";
  auto bind = [&](const char* name) {
    Param param;
    const auto per = p.perSynapseValues.find(name);
    if (per != p.perSynapseValues.end()) param.perSynapse = &per->second;
    else param.uniform = p.uniformValues.at(name);
    return param;
  };
  // Trace time constants belong to the pre row or the post cell, shared by all their synapses.
  auto uniform = [&](const char* name) {
    if (p.perSynapseValues.count(name)) {
      throw invalidArgument(path + "[\"" + name + "\"]", std::string(name) + " must be one value for the whole projection (" +
                                                             p.dynamics + " keeps one trace per cell)");
    }
    const double value = p.uniformValues.at(name);
    if (!(value > 0.0)) throw invalidArgument(path + "[\"" + name + "\"]", std::string(name) + " must be > 0 ms, got " + numberText(value));
    return value;
  };
  // Values from a list or an array reach the store without SetSynapseValues' checks: each is checked here.
  auto checked = [&](const char* name) {
    const Param param = bind(name);
    const std::string where = path + "[\"" + name + "\"]";
    if (param.perSynapse == nullptr) checkValue(projection, name, param.uniform, where);
    else
      for (double x : *param.perSynapse) checkValue(projection, name, x, where);
    return param;
  };
  if (tmIndex_[projection] >= 0) {
    TsodyksMarkram& tm = tm_[tmIndex_[projection]];
    tm.U = checked("U");
    tm.tauRec = checked("tau_rec");
    tm.tauFacil = checked("tau_facil");
    checked("u");
    tm.u = &p.perSynapseValues.at("u");
  }
  if (stochasticIndex_[projection] >= 0) {
    Stochastic& r = stochastic_[stochasticIndex_[projection]];
    auto probability = [&](const char* name) {
      const Param param = bind(name);
      for (uint64_t s = 0; s < p.size(); ++s) {
        const double x = param.at(s);
        if (!(x >= 0.0 && x <= 1.0))
          throw invalidArgument(path + "[\"" + name + "\"]", p.dynamics + ": " + name + " must be a probability in [0, 1], got " + numberText(x));
      }
      return param;
    };
    if (r.kind == Stochastic::Kind::Simple) {
      r.p = probability("p");
    } else {
      r.U = probability("U");
      r.tauRec = checked("tau_rec");
      r.tauFacil = checked("tau_facil");
    }
    if (r.kind == Stochastic::Kind::MultiQuantal) {
      r.n = bind("n");
      for (uint64_t s = 0; s < p.size(); ++s) {
        const double n = r.n.at(s);
        if (!(n >= 1.0 && n <= 1e6 && n == std::floor(n)))
          throw invalidArgument(path + "[\"n\"]", "MultiQuantalSynapse: n (release sites) must be a whole number >= 1, got " + numberText(n));
        const double u = (*r.siteU)[s], a = (*r.sites)[s];
        if (!(u >= 0.0 && u <= 1.0))
          throw invalidArgument(path + "[\"u\"]", "MultiQuantalSynapse: u must be a probability in [0, 1], got " + numberText(u));
        if (!(a >= 0.0 && a <= n && a == std::floor(a))) {
          throw invalidArgument(path + "[\"a\"]", "MultiQuantalSynapse: a (available release sites) must be a whole number from 0 to n (" +
                                                   std::to_string(static_cast<int64_t>(n)) + "), got " + numberText(a));
        }
      }
    }
  }
  if (stdpIndex_[projection] >= 0) {
    Stdp& r = stdp_[stdpIndex_[projection]];
    if (r.vogels) {
      r.tauPlus = r.tauMinus = uniform("tau");
      r.eta = bind("eta");
      r.rho = bind("rho");
    } else {
      r.tauPlus = uniform("tau_plus");
      r.tauMinus = uniform("tau_minus");
      r.aPlus = bind("A_plus");
      r.aMinus = bind("A_minus");
    }
    r.wMin = bind("w_min");
    r.wMax = bind("w_max");
    fillDecayTables(r, p.timestep);
    if (r.dependence == kStdpGutig) {
      r.muPlus = bind("mu_plus");
      r.muMinus = bind("mu_minus");
    }
  }
}

void Plasticity::valuesChanged(uint32_t projection, const std::string& name) {
  ProjectionStore& p = (*stores_)[projection];
  if (tmIndex_[projection] >= 0 && name == "u") {
    // SetSynapseValues(u) may have made u uniform again: keep it per synapse.
    if (!p.perSynapseValues.count("u")) {
      p.perSynapseValues["u"].assign(p.size(), p.uniformValues.at("u"));
      p.uniformValues.erase("u");
    }
  }
  if (stdpIndex_[projection] >= 0 && name == "delay") {
    Stdp& r = stdp_[stdpIndex_[projection]];
    for (uint64_t s = 0; s < p.size(); ++s) r.maxDelay = std::max(r.maxDelay, p.delayOf(s));
  }
  if (tmIndex_[projection] >= 0 || stdpIndex_[projection] >= 0 || stochasticIndex_[projection] >= 0) bindParameters(projection);
  // A u (or MultiQuantal's a) set between runs is also the value Reset returns to.
  if (tmIndex_[projection] >= 0 && name == "u") tm_[tmIndex_[projection]].uInitial = p.perSynapseValues.at("u");
  if (stochasticIndex_[projection] >= 0 && stochastic_[stochasticIndex_[projection]].siteU != nullptr) {
    Stochastic& r = stochastic_[stochasticIndex_[projection]];
    if (name == "u") r.uInitial = *r.siteU;
    if (name == "a") r.sitesInitial = *r.sites;
  }
}

void Plasticity::checkForm(uint32_t projection, const std::string& name, bool scalar, const std::string& path) const {
  if (stdpIndex_[projection] < 0 || scalar) return;
  if (name == "tau_plus" || name == "tau_minus" || name == "tau") {
    throw invalidArgument(path, name + " must be one value for the whole projection (STDP keeps one trace per cell)");
  }
}

void Plasticity::checkValue(uint32_t projection, const std::string& name, double x, const std::string& path) const {
  if (tmIndex_[projection] < 0 && stdpIndex_[projection] < 0 && stochasticIndex_[projection] < 0) return;
  const std::string& dynamics = (*stores_)[projection].dynamics;
  if (name == "p" || name == "U" || name == "u") {
    if (!(x >= 0.0 && x <= 1.0)) throw invalidArgument(path, dynamics + ": " + name + " must be a probability in [0, 1], got " + numberText(x));
  } else if (name == "a") {
    if (!(x >= 0.0 && x <= 1e6 && x == std::floor(x)))
      throw invalidArgument(path, dynamics + ": a (available release sites) must be a whole number >= 0, got " + numberText(x));
  } else if (name == "n") {
    if (!(x >= 1.0 && x <= 1e6 && x == std::floor(x)))
      throw invalidArgument(path, dynamics + ": n (release sites) must be a whole number >= 1, got " + numberText(x));
  } else if (name == "tau_plus" || name == "tau_minus" || name == "tau" || name == "tau_rec") {
    if (!(x > 0.0)) throw invalidArgument(path, dynamics + ": " + name + " must be > 0 ms, got " + numberText(x));
  } else if (name == "tau_facil") {
    if (!(x >= 0.0)) throw invalidArgument(path, dynamics + ": tau_facil must be >= 0 ms, got " + numberText(x));
  }
}

void Plasticity::checkStdpBounds(uint32_t projection, double wMin, double wMax, double weight, const std::string& path) const {
  // NEST's Wmax shares the weight's sign (negative weights: the rules act on |w|, stdp_synapses.h): the bounds lie
  // on the weight's side of zero, w_min the nearer. Across zero, the first clip would turn the synapse around.
  const bool positive = wMax >= 0.0;
  if (positive ? (0.0 <= wMin && wMin <= wMax && !(weight < 0.0)) : (wMax <= wMin && wMin <= 0.0 && !(weight > 0.0))) return;
  throw invalidArgument(path, (*stores_)[projection].dynamics + ": w_min " + numberText(wMin) + ", w_max " + numberText(wMax) +
                                  " and weight " + numberText(weight) +
                                  " must lie on one side of zero, w_min the nearer: 0 <= w_min <= w_max for weights >= 0, "
                                  "w_max <= w_min <= 0 for weights <= 0 (NEST's negative Wmax)");
}

void Plasticity::checkSetBounds(uint32_t projection, uint64_t s, const double* wMin, const double* wMax, const double* weight,
                                const std::string& path) const {
  if (stdpIndex_[projection] < 0) return;
  const Stdp& r = stdp_[stdpIndex_[projection]];
  checkStdpBounds(projection, wMin ? *wMin : r.wMin.at(s), wMax ? *wMax : r.wMax.at(s),
                  weight ? *weight : (*stores_)[projection].plasticWeight[s], path);
}

void Plasticity::readPostParameters(const PostParameterLookup& lookup) {
  for (TsodyksMarkram& tm : tm_) {
    const ProjectionSpec& prj = network_->projections[tm.projection];
    const ProjectionStore& p = (*stores_)[tm.projection];
    // Standard cells: tau_syn_E / tau_syn_I; PointNeuron receptors: <receptor>.tau_syn (exponential) or
    // <receptor>.tau_decay (beta), as the receptor defines.
    const std::string& receptor = prj.receptorType;
    const bool standard = receptor == "excitatory" || receptor == "inhibitory" || receptor.empty();
    std::string parameter = receptor == "inhibitory" ? "tau_syn_I" : "tau_syn_E";
    for (uint32_t j = 0; j < p.nPost; ++j) {
      uint32_t population, cell;
      prj.post.locate(j, population, cell);
      double tau = NAN;
      if (standard) {
        tau = lookup(population, cell, parameter);
      } else {
        for (const char* suffix : {".tau_syn", ".tau_decay"}) {
          parameter = receptor + suffix;
          tau = lookup(population, cell, parameter);
          if (!std::isnan(tau)) break;
        }
      }
      if (!(tau > 0.0)) {
        throw invalidArgument(projectionPath(tm.projection) + ".synapse",
                              "TsodyksMarkramSynapse needs the post cell's " + parameter + " (> 0 ms) as its tau_psc; " +
                                  network_->populations[population].cellType.name + " cell " + std::to_string(cell) + " gives " +
                                  std::to_string(tau));
      }
      tm.tauSyn[j] = tau;
    }
    for (uint64_t s = 0; s < p.size(); ++s) {
      if (tm.tauRec.at(s) == tm.tauSyn[p.postOf(s)]) {
        throw invalidArgument(projectionPath(tm.projection) + ".synapse.parameters[\"tau_rec\"]",
                              "TsodyksMarkramSynapse: tau_rec must differ from the post cell's " + parameter + " (both " +
                                  std::to_string(tm.tauRec.at(s)) + " ms)");
      }
    }
  }
}

template <typename At>
TsodyksMarkramSynapses Plasticity::tmSynapses(TsodyksMarkram& tm, At at) {
  return TsodyksMarkramSynapses{perSynapse(tm.U, at), perSynapse(tm.tauRec, at), perSynapse(tm.tauFacil, at),
                                tm.U.uniform,       tm.tauRec.uniform,       tm.tauFacil.uniform,
                                at(*tm.u),          at(tm.x),                at(tm.y),
                                at(tm.lastSpike),   at(tm.tauSyn)};
}

namespace {

// A parameter's per-synapse vector (not written by delivery), when it has one.
void appendPerSynapse(std::vector<CellArrayRef>& arrays, const std::vector<double>* perSynapse) {
  if (perSynapse != nullptr) appendArray(arrays, *perSynapse, false);
}

}  // namespace

std::vector<CellArrayRef> Plasticity::tsodyksMarkramArrays(uint32_t projection) {
  TsodyksMarkram& tm = ruleOf(tm_, tmIndex_, projection);
  std::vector<CellArrayRef> arrays;
  for (const Param* param : {&tm.U, &tm.tauRec, &tm.tauFacil}) appendPerSynapse(arrays, param->perSynapse);
  appendArray(arrays, tm.tauSyn, false);
  appendArray(arrays, *tm.u, true);
  appendArray(arrays, tm.x, true);
  appendArray(arrays, tm.y, true);
  appendArray(arrays, tm.lastSpike, true);
  return arrays;
}

TsodyksMarkramSynapses Plasticity::tsodyksMarkramSynapses(uint32_t projection,
                                                          const CopyOf& copyOf) {
  TsodyksMarkram& tm = ruleOf(tm_, tmIndex_, projection);
  return tmSynapses(tm, copiedThrough(copyOf));
}

uint64_t Plasticity::deliver(uint32_t projection, uint32_t row, InputBuffer& input) {
  ProjectionStore& p = (*stores_)[projection];
  const uint32_t begin = p.rowStart[row], stop = p.rowStart[row + 1];
  const int64_t now = static_cast<int64_t>(input.now());
  const double dt = p.timestep;
  if (tmIndex_[projection] >= 0) {
    // NEST tsodyks_synapse: propagate (x, y, u) over the interval since the previous spike, then release u·x.
    TsodyksMarkram& tm = tm_[tmIndex_[projection]];
    const double h = static_cast<double>(now - tm.lastSpike[row]) * dt;
    tm.lastSpike[row] = now;
    const TsodyksMarkramSynapses c = tmSynapses(tm, ownData);
    for (uint32_t s = begin; s < stop; ++s) {
      const uint32_t j = p.postOf(s);
      const double released = tsodyksMarkramRelease(c, s, j, h);
      input.add(p.delayOf(s), p.channelOf(j), toFixed(released * p.weightOf(s)));
    }
    return stop - begin;
  }
  if (stochasticIndex_[projection] >= 0) return deliverStochastic(stochastic_[stochasticIndex_[projection]], p, row, input);
  Stdp& r = stdp_[stdpIndex_[projection]];
  settle(r, row, now);
  const StdpSynapses c = stdpSynapsesOf(r, ownData);
  for (uint32_t s = begin; s < stop; ++s) {
    const uint32_t j = p.postOf(s);
    const uint32_t d = p.delayOf(s);
    const double w = stdpPreSpikeWeight(c, s, p.plasticWeight[s], postTraceBefore(c, r.history[j], now - d));
    p.plasticWeight[s] = w;
    p.weight[s] = static_cast<float>(w);
    input.add(d, p.channelOf(j), toFixed(w));
  }
  r.preTrace[row] = stdpTraceAfterSpike(c, row, now);
  r.lastPre[row] = now;
  return stop - begin;
}

uint64_t Plasticity::deliverStochastic(Stochastic& r, ProjectionStore& p, uint32_t row, InputBuffer& input) {
  const uint32_t begin = p.rowStart[row], stop = p.rowStart[row + 1];
  const int64_t now = static_cast<int64_t>(input.now());
  const int64_t last = r.lastSpike[row];
  r.lastSpike[row] = now;
  const StochasticSynapses c = stochasticSynapsesOf(r, ownData);
  uint64_t events = 0;
  for (uint32_t s = begin; s < stop; ++s) {
    const double released = stochasticRelease(c, s, now, last, p.timestep);  // multiples of the weight
    if (released == 0.0) continue;
    ++events;
    input.add(p.delayOf(s), p.channelOf(p.postOf(s)), toFixed(released * p.weightOf(s)));
  }
  return events;
}

template <typename At>
StochasticSynapses Plasticity::stochasticSynapsesOf(Stochastic& r, At at) const {
  const uint32_t kind = r.kind == Stochastic::Kind::Simple           ? kSimpleStochastic
                        : r.kind == Stochastic::Kind::TsodyksMarkram ? kStochasticTsodyksMarkram
                                                                     : kMultiQuantal;
  return StochasticSynapses{kind,
                            r.projection,
                            transmissionSeed(),
                            perSynapse(r.p, at),
                            perSynapse(r.U, at),
                            perSynapse(r.tauRec, at),
                            perSynapse(r.tauFacil, at),
                            perSynapse(r.n, at),
                            r.p.uniform,
                            r.U.uniform,
                            r.tauRec.uniform,
                            r.tauFacil.uniform,
                            r.n.uniform,
                            r.siteU != nullptr ? at(*r.siteU) : at(r.u),
                            at(r.lastSurvival),
                            at(r.available),
                            at(r.lastSpike),
                            r.sites != nullptr ? at(*r.sites) : nullptr};
}

std::vector<CellArrayRef> Plasticity::stochasticArrays(uint32_t projection) {
  Stochastic& r = ruleOf(stochastic_, stochasticIndex_, projection);
  std::vector<CellArrayRef> arrays;
  for (const Param* param : {&r.p, &r.U, &r.tauRec, &r.tauFacil, &r.n}) appendPerSynapse(arrays, param->perSynapse);
  appendArray(arrays, r.u, true);
  appendArray(arrays, r.lastSurvival, true);
  appendArray(arrays, r.available, true);
  appendArray(arrays, r.lastSpike, true);
  if (r.siteU != nullptr) {
    appendArray(arrays, *r.siteU, true);
    appendArray(arrays, *r.sites, true);
  }
  return arrays;
}

StochasticSynapses Plasticity::stochasticSynapses(uint32_t projection, const CopyOf& copyOf) {
  Stochastic& r = ruleOf(stochastic_, stochasticIndex_, projection);
  return stochasticSynapsesOf(r, copiedThrough(copyOf));
}

std::vector<CellArrayRef> Plasticity::stdpArrays(uint32_t projection) {
  Stdp& r = ruleOf(stdp_, stdpIndex_, projection);
  ProjectionStore& p = (*stores_)[projection];
  std::vector<CellArrayRef> arrays;
  for (const Param* param : {&r.aPlus, &r.aMinus, &r.eta, &r.rho, &r.wMin, &r.wMax, &r.muPlus, &r.muMinus})
    appendPerSynapse(arrays, param->perSynapse);
  appendArray(arrays, r.decayPlus, false);
  appendArray(arrays, r.decayMinus, false);
  appendArray(arrays, p.plasticWeight, true);
  appendArray(arrays, p.weight, true);
  appendArray(arrays, r.preTrace, true);
  appendArray(arrays, r.lastPre, true);
  appendArray(arrays, r.settled, true);
  return arrays;
}

StdpSynapses Plasticity::stdpSynapses(uint32_t projection, const CopyOf& copyOf) {
  Stdp& r = ruleOf(stdp_, stdpIndex_, projection);
  return stdpSynapsesOf(r, copiedThrough(copyOf));
}

uint32_t Plasticity::stdpMaxDelay(uint32_t projection) const {
  return ruleOf(stdp_, stdpIndex_, projection).maxDelay;
}

void Plasticity::stdpHistories(uint32_t projection, uint32_t capacity, std::vector<int64_t>& steps,
                               std::vector<double>& traces, std::vector<uint32_t>& counts) const {
  const Stdp& r = ruleOf(stdp_, stdpIndex_, projection);
  const size_t posts = r.history.size();
  steps.assign(posts * capacity, 0);
  traces.assign(posts * capacity, 0.0);
  counts.assign(posts, 0);
  for (size_t j = 0; j < posts; ++j) {
    const std::vector<PostSpike>& history = r.history[j];
    const size_t count = std::min<size_t>(history.size(), capacity);
    for (size_t k = 0; k < count; ++k) {
      const PostSpike& spike = history[history.size() - count + k];
      steps[j * capacity + k] = spike.step;
      traces[j * capacity + k] = spike.trace;
    }
    counts[j] = static_cast<uint32_t>(count);
  }
}

void Plasticity::setStdpHistories(uint32_t projection, uint32_t capacity, const std::vector<int64_t>& steps,
                                  const std::vector<double>& traces, const std::vector<uint32_t>& counts) {
  Stdp& r = ruleOf(stdp_, stdpIndex_, projection);
  for (size_t j = 0; j < r.history.size(); ++j) {
    std::vector<PostSpike>& history = r.history[j];
    history.clear();
    for (uint32_t k = 0; k < counts[j]; ++k) history.push_back({steps[j * capacity + k], traces[j * capacity + k]});
  }
}

void Plasticity::stdpPostTable(std::vector<uint32_t>& start, std::vector<uint32_t>& projection,
                               std::vector<uint32_t>& post) const {
  start = postStart_;
  projection.resize(postTargets_.size());
  post.resize(postTargets_.size());
  for (size_t e = 0; e < postTargets_.size(); ++e) {
    projection[e] = stdp_[postTargets_[e].first].projection;
    post[e] = postTargets_[e].second;
  }
}

void Plasticity::resetStochastic(Stochastic& r) {
  const ProjectionStore& p = (*stores_)[r.projection];
  r.lastSpike.assign(p.nPre, r.kind == Stochastic::Kind::MultiQuantal ? -1 : 0);
  if (r.kind == Stochastic::Kind::MultiQuantal) {
    *r.siteU = r.uInitial;
    *r.sites = r.sitesInitial;
    return;
  }
  r.u.assign(p.size(), 0.0);
  r.lastSurvival.assign(p.size(), 0.0);
  r.available.assign(p.size(), r.kind == Stochastic::Kind::TsodyksMarkram ? 1 : 0);
}

void Plasticity::settle(Stdp& r, uint32_t row, int64_t until) {
  const int64_t last = r.lastPre[row];
  const int64_t from = std::max(last, r.settled[row]);
  r.settled[row] = until;
  if (last < 0 || from >= until) return;
  ProjectionStore& p = (*stores_)[r.projection];
  const StdpSynapses c = stdpSynapsesOf(r, ownData);
  for (uint32_t s = p.rowStart[row], stop = p.rowStart[row + 1]; s < stop; ++s) {
    const int64_t d = p.delayOf(s);
    double w = p.plasticWeight[s];
    // Post spikes reaching the synapse in (from, until], paired with the pre trace of the spikes before them;
    // the history is in time order, so the first one is found by bisection.
    const std::vector<PostSpike>& history = r.history[p.postOf(s)];
    auto post = std::upper_bound(history.begin(), history.end(), from - d,
                                 [](int64_t step, const PostSpike& spike) { return step < spike.step; });
    for (; post != history.end(); ++post) {
      const int64_t arrival = post->step + d;
      if (arrival > until) break;
      w = stdpPotentiate(c, s, w, r.preTrace[row] * stdpDecayPlus(c, arrival - last));
    }
    p.plasticWeight[s] = w;
    p.weight[s] = static_cast<float>(w);
  }
}

double Plasticity::postTraceBefore(const StdpSynapses& c, const std::vector<PostSpike>& history, int64_t step) {
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->step < step) return it->trace * stdpDecayMinus(c, step - it->step);
  }
  return 0.0;
}

void Plasticity::fillDecayTables(Stdp& r, double dt) {
  // 4096 steps: 410 ms at dt = 0.1 ms, twenty time constants of 20 ms; older pairings compute theirs.
  constexpr int64_t kSize = 4096;
  r.decayPlus.resize(kSize);
  r.decayMinus.resize(kSize);
  for (int64_t k = 0; k < kSize; ++k) {
    r.decayPlus[static_cast<size_t>(k)] = dmath::exp(-static_cast<double>(k) * dt / r.tauPlus);
    r.decayMinus[static_cast<size_t>(k)] = dmath::exp(-static_cast<double>(k) * dt / r.tauMinus);
  }
}

template <typename At>
StdpSynapses Plasticity::stdpSynapsesOf(Stdp& r, At at) {
  ProjectionStore& p = (*stores_)[r.projection];
  return StdpSynapses{r.dependence,
                      r.vogels ? 1u : 0u,
                      r.tauPlus,
                      r.tauMinus,
                      p.timestep,
                      perSynapse(r.aPlus, at),
                      perSynapse(r.aMinus, at),
                      perSynapse(r.eta, at),
                      perSynapse(r.rho, at),
                      perSynapse(r.wMin, at),
                      perSynapse(r.wMax, at),
                      perSynapse(r.muPlus, at),
                      perSynapse(r.muMinus, at),
                      r.aPlus.uniform,
                      r.aMinus.uniform,
                      r.eta.uniform,
                      r.rho.uniform,
                      r.wMin.uniform,
                      r.wMax.uniform,
                      r.muPlus.uniform,
                      r.muMinus.uniform,
                      at(r.decayPlus),
                      at(r.decayMinus),
                      static_cast<uint32_t>(r.decayPlus.size()),
                      at(p.plasticWeight),
                      at(p.weight),
                      at(r.preTrace),
                      at(r.lastPre),
                      at(r.settled)};
}

void Plasticity::pruneHistories(Stdp& r, int64_t now) {
  // settle() of a row reads post spikes after from - d, where from = max(lastPre, settled) of the row and
  // d <= maxDelay; depression reads the last post spike before now - d (deliveries of this very step included),
  // with now only growing. So the spikes at or before cutoff can go, except the last of them (the trace just
  // before the kept ones).
  int64_t oldestFrom = now;
  for (size_t row = 0; row < r.lastPre.size(); ++row)
    if (r.lastPre[row] >= 0) oldestFrom = std::min(oldestFrom, std::max(r.lastPre[row], r.settled[row]));
  const int64_t cutoff = oldestFrom - static_cast<int64_t>(r.maxDelay) - 1;
  for (auto& history : r.history) {
    size_t keepFrom = 0;
    while (keepFrom < history.size() && history[keepFrom].step <= cutoff) ++keepFrom;
    if (keepFrom > 1) history.erase(history.begin(), history.begin() + static_cast<std::ptrdiff_t>(keepFrom - 1));
  }
}

void Plasticity::postSpikes(uint32_t firstGlobal, const std::vector<uint32_t>& cells, uint64_t step) {
  const int64_t now = static_cast<int64_t>(step);
  for (Stdp& r : stdp_) {
    if (pruneEverySteps_ <= 0 || now < r.nextPrune) continue;
    pruneHistories(r, now);
    r.nextPrune = now + pruneEverySteps_;
  }
  for (uint32_t cell : cells) {
    const uint32_t g = firstGlobal + cell;
    for (uint32_t e = postStart_[g]; e < postStart_[g + 1]; ++e) {
      Stdp& r = stdp_[postTargets_[e].first];
      std::vector<PostSpike>& history = r.history[postTargets_[e].second];
      double trace = 1.0;
      if (!history.empty()) {
        const double decay = stdpDecay(r.decayMinus.data(), static_cast<uint32_t>(r.decayMinus.size()),
                                       now - history.back().step, (*stores_)[r.projection].timestep, r.tauMinus);
        trace = history.back().trace * decay + 1.0;
      }
      history.push_back({now, trace});
    }
  }
}

void Plasticity::finishRun(uint64_t now) {
  const int64_t until = static_cast<int64_t>(now);
  for (Stdp& r : stdp_) {
    for (uint32_t row = 0; row < r.lastPre.size(); ++row) settle(r, row, until);
    pruneHistories(r, until);  // every row is now settled up to `until`
  }
}

uint64_t Plasticity::memoryBytes() const {
  uint64_t bytes = (postStart_.size() + 2 * postTargets_.size()) * sizeof(uint32_t);
  for (const TsodyksMarkram& tm : tm_) {
    bytes += (tm.uInitial.size() + tm.x.size() + tm.y.size() + tm.tauSyn.size()) * sizeof(double) + tm.lastSpike.size() * sizeof(int64_t);
  }
  for (const Stochastic& r : stochastic_) {
    bytes += (r.u.size() + r.lastSurvival.size()) * sizeof(double) + r.available.size() * sizeof(int32_t) + r.lastSpike.size() * sizeof(int64_t);
  }
  for (const Stdp& r : stdp_) {
    bytes += (r.preTrace.size() + r.decayPlus.size() + r.decayMinus.size()) * sizeof(double) +
             (r.lastPre.size() + r.settled.size()) * sizeof(int64_t);
    for (const auto& history : r.history) bytes += sizeof(history) + history.capacity() * sizeof(PostSpike);
  }
  return bytes;
}

void Plasticity::reset() {
  ++trial_;
  for (TsodyksMarkram& tm : tm_) {
    std::fill(tm.x.begin(), tm.x.end(), 1.0);
    std::fill(tm.y.begin(), tm.y.end(), 0.0);
    std::fill(tm.lastSpike.begin(), tm.lastSpike.end(), 0);
    *tm.u = tm.uInitial;
  }
  for (Stochastic& r : stochastic_) resetStochastic(r);
  for (Stdp& r : stdp_) {
    std::fill(r.preTrace.begin(), r.preTrace.end(), 0.0);
    std::fill(r.lastPre.begin(), r.lastPre.end(), -1);
    std::fill(r.settled.begin(), r.settled.end(), 0);
    for (auto& history : r.history) history.clear();
    r.nextPrune = 0;
  }
}

}  // namespace tsnn
