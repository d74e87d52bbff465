#include "tsnn/connectivity/synapse_parameters.h"

#include <cmath>

namespace tsnn {

std::vector<std::pair<std::string, double>> synapseParameterDefaults(const SynapseSpec& synapse) {
  const std::string& d = synapse.dynamics;
  if (d == "TsodyksMarkramSynapse") return {{"U", 0.5}, {"tau_rec", 100.0}, {"tau_facil", 0.0}, {"u", 0.0}};
  if (d == "SimpleStochasticSynapse") return {{"p", 0.5}};
  if (d == "StochasticTsodyksMarkramSynapse") return {{"U", 0.5}, {"tau_rec", 100.0}, {"tau_facil", 0.0}};
  // MultiQuantalSynapse's state u and a: NaN stands for "U" and "n" of each synapse (Plasticity fills them in).
  if (d == "MultiQuantalSynapse") {
    return {{"U", 0.5}, {"n", 1.0}, {"tau_rec", 800.0}, {"tau_facil", 0.0}, {"u", std::nan("")}, {"a", std::nan("")}};
  }
  if (d != "STDPMechanism") return {};
  std::vector<std::pair<std::string, double>> out;
  if (synapse.timingDependence == "SpikePairRule") {
    out = {{"tau_plus", 20.0}, {"tau_minus", 20.0}, {"A_plus", 0.01}, {"A_minus", 0.01}};
  } else if (synapse.timingDependence == "Vogels2011Rule") {
    out = {{"tau", 20.0}, {"eta", 1e-10}, {"rho", 3.0}};
  }
  out.push_back({"w_min", 0.0});
  out.push_back({"w_max", 1.0});
  if (synapse.weightDependence == "GutigWeightDependence") {
    out.push_back({"mu_plus", 0.5});
    out.push_back({"mu_minus", 0.5});
  }
  return out;
}

}  // namespace tsnn
