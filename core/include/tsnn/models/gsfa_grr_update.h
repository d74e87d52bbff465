// One time step of PyNN's IF_cond_exp_gsfa_grr (Muller et al. 2007; NEST iaf_cond_exp_sfa_rr) for one cell:
// IF_cond_exp plus a spike-frequency-adaptation conductance g_s and a relative-refractory conductance g_r, each
// decaying exponentially (tau_sfa, tau_rr) and incremented by q_sfa, q_rr (nS) at every spike:
//   cm dV/dt = gL(v_rest - V) + gE(e_E - V) + gI(e_I - V) + g_s(e_sfa - V) + g_r(e_rr - V) + I
// Same scheme as conductance_updates.h: all four conductances exact, one RK4 step for V; NEST's order (integrate,
// refractory clamp or threshold, then spike-triggered increments and synaptic input). g_s and g_r are kept in nS
// (PyNN's unit for these states) and used in µS.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/models/conductance_updates.h"

namespace tsnn {

struct GsfaGrrExtra {
  double* gSfa;  // nS
  double* gRr;   // nS
  const double* eSfa;
  const double* eRr;
  const double* qSfa;  // nS
  const double* qRr;   // nS
  const double* decaySfa;      // e^{-dt/tau_sfa}
  const double* decayRr;
  const double* halfDecaySfa;  // e^{-dt/(2 tau_sfa)}
  const double* halfDecayRr;
};

TSNN_HD inline double gsfaDerivative(const CondCells& c, const GsfaGrrExtra& x, uint32_t i, double v, double gE,
                                     double gI, double gS, double gR, double current) {
  return (c.gLeak[i] * (c.vRest[i] - v) + gE * (c.eRevExc[i] - v) + gI * (c.eRevInh[i] - v) +
          gS * (x.eSfa[i] - v) + gR * (x.eRr[i] - v) + current) *
         c.invCm[i];
}

// The end of cell i's step given its integrated V (ignored while refractory): the threshold or refractory clamp,
// then g_s and g_r decay, each incremented by its q at a spike. True when the cell spiked.
TSNN_HD inline bool gsfaSettle(const CondCells& c, const GsfaGrrExtra& x, uint32_t i, double v) {
  const bool spike = condThresholdAndReset(c, i, v);
  x.gSfa[i] = x.gSfa[i] * x.decaySfa[i] + (spike ? x.qSfa[i] : 0.0);
  x.gRr[i] = x.gRr[i] * x.decayRr[i] + (spike ? x.qRr[i] : 0.0);
  return spike;
}

TSNN_HD inline bool ifCondExpGsfaGrrStep(const CondCells& c, const GsfaGrrExtra& x, uint32_t i, double h,
                                         double inExc, double inInh, double injected) {
  const double gE0 = c.gExc[i], gI0 = c.gInh[i], gS0 = x.gSfa[i] * 1e-3, gR0 = x.gRr[i] * 1e-3;
  const double gEh = gE0 * c.halfDecayExc[i], gIh = gI0 * c.halfDecayInh[i];
  const double gSh = gS0 * x.halfDecaySfa[i], gRh = gR0 * x.halfDecayRr[i];
  const double gE1 = gE0 * c.decayExc[i], gI1 = gI0 * c.decayInh[i];
  const double gS1 = gS0 * x.decaySfa[i], gR1 = gR0 * x.decayRr[i];
  const double current = c.iOffset[i] + injected;
  double v = c.v[i];
  if (c.refractory[i] == 0) {
    const double k1 = gsfaDerivative(c, x, i, v, gE0, gI0, gS0, gR0, current);
    const double k2 = gsfaDerivative(c, x, i, v + 0.5 * h * k1, gEh, gIh, gSh, gRh, current);
    const double k3 = gsfaDerivative(c, x, i, v + 0.5 * h * k2, gEh, gIh, gSh, gRh, current);
    const double k4 = gsfaDerivative(c, x, i, v + h * k3, gE1, gI1, gS1, gR1, current);
    v += (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
  }
  const bool spike = gsfaSettle(c, x, i, v);
  c.gExc[i] = gE1 + inExc;
  c.gInh[i] = gI1 + inInh;
  return spike;
}

}  // namespace tsnn
