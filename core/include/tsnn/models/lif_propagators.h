// Exact-integration propagators of the linear LIF subthreshold dynamics (Rotter & Diesmann 1999, as NEST's
// iaf_psc_exp / iaf_psc_alpha / iaf_psc_delta): over one step h, with V measured from v_rest,
//   V(t+h) = P22·V + P21·I + P31·dI + P20·(i_offset + I_inj)
//   I(t+h) = P11·I (+ h·P11·dI for the alpha shape),  dI(t+h) = P11·dI.
// Computed once per parameter change on the host in double with std::exp/expm1 (DESIGN §3 allows it).
// The synaptic-current-to-voltage terms are written so that tau_m == tau_syn needs no special case:
// (e^{-h/tau_m} - e^{-h/tau_syn}) / a with a = 1/tau_syn - 1/tau_m is e^{-h/tau_m}·(-expm1(-a·h))/a, which tends to
// h·e^{-h/tau_m} (NEST's "singular" propagator) as a -> 0 without cancellation.
#pragma once

namespace tsnn {

struct LifPropagators {
  double p22;    // membrane decay e^{-h/tau_m}
  double p20;    // constant current to voltage: tau_m/cm·(1 - e^{-h/tau_m})  [mV/nA]
  double p11;    // synaptic decay e^{-h/tau_syn}
  double p21;    // exp-shaped current I to voltage over one step  [mV/nA]
  double p31;    // alpha shape: dI (nA/ms) to voltage  [mV·ms/nA]
  double p21Alpha;  // alpha shape: dI to I, h·e^{-h/tau_syn}
};

// tau_m, tau_syn in ms, cm in nF, h in ms.
LifPropagators lifPropagators(double tauM, double cm, double tauSyn, double h);

}  // namespace tsnn
