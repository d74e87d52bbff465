#include "tsnn/network/cell_type_catalog.h"

namespace tsnn {

namespace {

std::vector<NamedDefault> lifCommon() {
  return {{"v_rest", -65.0, false}, {"cm", 1.0, false},      {"tau_m", 20.0, false},   {"tau_refrac", 0.1, false},
          {"v_thresh", -50.0, false}, {"v_reset", -65.0, false}, {"i_offset", 0.0, false}};
}

std::vector<NamedDefault> with(std::vector<NamedDefault> base, const std::vector<NamedDefault>& extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

const std::vector<std::string> kExcInh = {"excitatory", "inhibitory"};

std::vector<CellTypeInfo> buildCatalog() {
  std::vector<CellTypeInfo> types;
  const std::vector<NamedDefault> currInit = {{"v", -65.0, false}, {"isyn_exc", 0.0, false}, {"isyn_inh", 0.0, false}};
  const std::vector<NamedDefault> condInit = {{"v", -65.0, false}, {"gsyn_exc", 0.0, false}, {"gsyn_inh", 0.0, false}};
  const std::vector<std::string> condRec = {"spikes", "v", "gsyn_exc", "gsyn_inh"};
  types.push_back({"IF_curr_exp", with(lifCommon(), {{"tau_syn_E", 5.0, false}, {"tau_syn_I", 5.0, false}}), currInit,
                   kExcInh, {"spikes", "v"}, false, false});
  types.push_back({"IF_curr_alpha", with(lifCommon(), {{"tau_syn_E", 0.5, false}, {"tau_syn_I", 0.5, false}}),
                   currInit, kExcInh, {"spikes", "v"}, false, false});
  types.push_back({"IF_cond_exp",
                   with(lifCommon(), {{"tau_syn_E", 5.0, false}, {"tau_syn_I", 5.0, false}, {"e_rev_E", 0.0, false},
                                      {"e_rev_I", -70.0, false}}),
                   condInit, kExcInh, condRec, true, false});
  types.push_back({"IF_cond_alpha",
                   with(lifCommon(), {{"tau_syn_E", 0.3, false}, {"tau_syn_I", 0.5, false}, {"e_rev_E", 0.0, false},
                                      {"e_rev_I", -70.0, false}}),
                   condInit, kExcInh, condRec, true, false});
  types.push_back({"IF_curr_delta", lifCommon(), {{"v", -65.0, false}}, kExcInh, {"spikes", "v"}, false, false});
  types.push_back({"IF_cond_exp_gsfa_grr",
                   with(lifCommon(), {{"tau_syn_E", 5.0, false}, {"tau_syn_I", 5.0, false}, {"e_rev_E", 0.0, false},
                                      {"e_rev_I", -70.0, false}, {"tau_sfa", 100.0, false},
                                      {"e_rev_sfa", -75.0, false}, {"q_sfa", 15.0, false}, {"tau_rr", 2.0, false},
                                      {"e_rev_rr", -75.0, false}, {"q_rr", 3000.0, false}}),
                   {{"v", -65.0, false}, {"g_r", 0.0, false}, {"g_s", 0.0, false}, {"gsyn_exc", 0.0, false},
                    {"gsyn_inh", 0.0, false}},
                   kExcInh, {"spikes", "v", "g_r", "g_s", "gsyn_exc", "gsyn_inh"}, true, false});
  types.push_back({"IF_facets_hardware1",
                   {{"g_leak", 40.0, false}, {"tau_syn_E", 30.0, false}, {"tau_syn_I", 30.0, false},
                    {"v_reset", -80.0, false}, {"e_rev_I", -80.0, false}, {"v_rest", -65.0, false},
                    {"v_thresh", -55.0, false}},
                   condInit, kExcInh, condRec, true, false});
  types.push_back({"HH_cond_exp",
                   {{"gbar_Na", 20.0, false}, {"gbar_K", 6.0, false}, {"g_leak", 0.01, false}, {"cm", 0.2, false},
                    {"v_offset", -63.0, false}, {"e_rev_Na", 50.0, false}, {"e_rev_K", -90.0, false},
                    {"e_rev_leak", -65.0, false}, {"e_rev_E", 0.0, false}, {"e_rev_I", -80.0, false},
                    {"tau_syn_E", 0.2, false}, {"tau_syn_I", 2.0, false}, {"i_offset", 0.0, false}},
                   {{"v", -65.0, false}, {"gsyn_exc", 0.0, false}, {"gsyn_inh", 0.0, false}, {"h", 1.0, false},
                    {"m", 0.0, false}, {"n", 0.0, false}},
                   {"excitatory", "inhibitory", "source_section.gap"}, {"spikes", "v", "gsyn_exc", "gsyn_inh", "m", "n", "h"},
                   true, false});
  const std::vector<NamedDefault> adex = {
      {"cm", 0.281, false},     {"tau_refrac", 0.1, false}, {"v_spike", -40.0, false},   {"v_reset", -70.6, false},
      {"v_rest", -70.6, false}, {"tau_m", 9.3667, false},   {"i_offset", 0.0, false},    {"a", 4.0, false},
      {"b", 0.0805, false},     {"delta_T", 2.0, false},    {"tau_w", 144.0, false},     {"v_thresh", -50.4, false},
      {"e_rev_E", 0.0, false},  {"tau_syn_E", 5.0, false}, {"e_rev_I", -80.0, false},   {"tau_syn_I", 5.0, false}};
  const std::vector<NamedDefault> adexInit = {
      {"v", -70.6, false}, {"w", 0.0, false}, {"gsyn_exc", 0.0, false}, {"gsyn_inh", 0.0, false}};
  const std::vector<std::string> adexRec = {"spikes", "v", "w", "gsyn_exc", "gsyn_inh"};
  types.push_back({"EIF_cond_alpha_isfa_ista", adex, adexInit, kExcInh, adexRec, true, false});
  types.push_back({"EIF_cond_exp_isfa_ista", adex, adexInit, kExcInh, adexRec, true, false});
  types.push_back({"Izhikevich",
                   {{"a", 0.02, false}, {"b", 0.2, false}, {"c", -65.0, false}, {"d", 2.0, false},
                    {"i_offset", 0.0, false}},
                   {{"v", -70.0, false}, {"u", -14.0, false}}, kExcInh, {"spikes", "v", "u"}, false, false});
  types.push_back({"GIF_cond_exp",
                   {{"v_rest", -65.0, false},   {"cm", 1.0, false},        {"tau_m", 20.0, false},
                    {"tau_refrac", 4.0, false}, {"tau_syn_E", 5.0, false}, {"tau_syn_I", 5.0, false},
                    {"e_rev_E", 0.0, false},    {"e_rev_I", -70.0, false}, {"v_reset", -65.0, false},
                    {"i_offset", 0.0, false},   {"delta_v", 0.5, false},   {"v_t_star", -48.0, false},
                    {"lambda0", 1.0, false},    {"tau_eta", 0.0, true},    {"tau_gamma", 0.0, true},
                    {"a_eta", 1.0, true},       {"a_gamma", 1.0, true}},
                   {{"v", -65.0, false}, {"v_t", -48.0, false}, {"i_eta", 0.0, false}, {"gsyn_exc", 0.0, false},
                    {"gsyn_inh", 0.0, false}},
                   kExcInh, {"spikes", "v", "gsyn_exc", "gsyn_inh", "i_eta", "v_t"}, true, false});
  types.push_back({"SpikeSourcePoisson", {{"rate", 1.0, false}, {"start", 0.0, false}, {"duration", 1e10, false}}, {},
                   {}, {"spikes"}, false, true});
  types.push_back({"SpikeSourcePoissonRefractory",
                   {{"rate", 1.0, false}, {"tau_refrac", 0.0, false}, {"start", 0.0, false}, {"duration", 1e10, false}},
                   {}, {}, {"spikes"}, false, true});
  types.push_back({"SpikeSourceGamma",
                   {{"alpha", 2.0, false}, {"beta", 1.0, false}, {"start", 0.0, false}, {"duration", 1e10, false}}, {},
                   {}, {"spikes"}, false, true});
  types.push_back({"SpikeSourceInhGamma",
                   {{"a", 1.0, true}, {"b", 1.0, true}, {"tbins", 0.0, true}, {"start", 0.0, false},
                    {"duration", 1e10, false}},
                   {}, {}, {"spikes"}, false, true});
  types.push_back({"SpikeSourceArray", {{"spike_times", 0.0, true}}, {}, {}, {"spikes"}, false, true});
  types.push_back({"PointNeuron", {}, {}, {}, {"spikes", "v"}, false, false});
  return types;
}

}  // namespace

const std::vector<CellTypeInfo>& standardCellTypes() {
  static const std::vector<CellTypeInfo> catalog = buildCatalog();
  return catalog;
}

const CellTypeInfo* findCellType(const std::string& name) {
  for (const auto& info : standardCellTypes()) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

std::string standardCellTypeNames() {
  std::string names;
  for (const auto& info : standardCellTypes()) {
    if (!names.empty()) names += ", ";
    names += info.name;
  }
  return names;
}

const std::vector<NamedDefault>& pointNeuronParameters(unsigned neuronKind) {
  static const std::vector<NamedDefault> lif = {{"cm", 1.0, false},       {"tau_refrac", 0.1, false},
                                                {"v_reset", -65.0, false}, {"v_rest", -65.0, false},
                                                {"tau_m", 20.0, false},    {"i_offset", 0.0, false},
                                                {"v_thresh", -50.0, false}};
  static const std::vector<NamedDefault> adexp = {
      {"cm", 0.281, false},     {"tau_refrac", 0.1, false}, {"v_spike", -40.0, false}, {"v_reset", -70.6, false},
      {"v_rest", -70.6, false}, {"tau_m", 9.3667, false},   {"i_offset", 0.0, false},  {"a", 4.0, false},
      {"b", 0.0805, false},     {"delta_T", 2.0, false},    {"tau_w", 144.0, false},   {"v_thresh", -50.4, false}};
  static const std::vector<NamedDefault> none;
  return neuronKind == 1 ? lif : (neuronKind == 2 ? adexp : none);
}

const std::vector<NamedDefault>& pointNeuronInitialValues(unsigned neuronKind) {
  static const std::vector<NamedDefault> lif = {{"v", -65.0, false}};
  static const std::vector<NamedDefault> adexp = {{"v", -70.6, false}, {"w", 0.0, false}};
  static const std::vector<NamedDefault> none;
  return neuronKind == 1 ? lif : (neuronKind == 2 ? adexp : none);
}

const std::vector<NamedDefault>& receptorParameters(unsigned receptorKind) {
  static const std::vector<NamedDefault> currExp = {{"tau_syn", 5.0, false}, {"locations", 0.5, false}};
  static const std::vector<NamedDefault> condExp = {
      {"e_syn", 0.0, false}, {"tau_syn", 5.0, false}, {"locations", 0.5, false}};
  static const std::vector<NamedDefault> condBeta = {
      {"e_syn", 0.0, false}, {"tau_rise", 0.2, false}, {"tau_decay", 1.7, false}, {"locations", 0.5, false}};
  static const std::vector<NamedDefault> none;
  switch (receptorKind) {
    case 1: return currExp;
    case 2:
    case 3: return condExp;
    case 4: return condBeta;
    default: return none;
  }
}

const char* receptorStateVariable(unsigned receptorKind) { return receptorKind == 1 ? "isyn" : "gsyn"; }

}  // namespace tsnn
