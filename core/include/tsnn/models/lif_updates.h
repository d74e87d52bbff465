// One time step of the current-based LIF models for one cell, exactly as NEST's iaf_psc_exp, iaf_psc_alpha and
// iaf_psc_delta (PyNN's IF_curr_exp, IF_curr_alpha, IF_curr_delta), with V kept absolute (NEST keeps V - E_L: the
// same arithmetic up to rounding). Order within the step, as NEST:
//   1. V advances with the currents of the previous step (or stays clamped while refractory, counting down);
//   2. synaptic currents decay, then the input arriving at this step is added (it reaches V from the next step);
//   3. V >= v_thresh: spike, V = v_reset, refractory for round(tau_refrac/dt) steps.
// `injected` is the current-source value of the previous step (NEST's one-step current lag, PyNN's contract).
// Small, allocation-free and TSNN_HD: the CUDA kernels call the same functions.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"

namespace tsnn {

// Structure-of-arrays state and per-cell constants of one current-based LIF population.
struct LifCurrCells {
  double* v;
  double* iExc;
  double* iInh;
  double* dExc;  // alpha shape only: dI/dt-like state (nA/ms)
  double* dInh;
  int32_t* refractory;
  const double* vRest;
  const double* vThresh;
  const double* vReset;
  const double* iOffset;
  const int32_t* refractorySteps;
  const double* p22;
  const double* p20;
  const double* p11Exc;
  const double* p11Inh;
  const double* p21Exc;
  const double* p21Inh;
  const double* p31Exc;       // alpha
  const double* p31Inh;
  const double* p21AlphaExc;  // alpha
  const double* p21AlphaInh;
  const double* alphaScaleExc;  // e/tau_syn: an input w gives a current peaking at w after tau_syn
  const double* alphaScaleInh;
};

// The end of a current-based cell's step given its integrated V, vFree: a refractory cell keeps its V and counts
// down; then V >= v_thresh (held or not, as NEST tests it) spikes, resets and starts the refractory period.
TSNN_HD inline bool currSettle(const LifCurrCells& c, uint32_t i, double vFree) {
  double v = c.v[i];
  if (c.refractory[i] == 0) {
    v = vFree;
  } else {
    --c.refractory[i];
  }
  const bool spike = v >= c.vThresh[i];
  if (spike) {
    c.refractory[i] = c.refractorySteps[i];
    v = c.vReset[i];
  }
  c.v[i] = v;
  return spike;
}

TSNN_HD inline bool ifCurrExpStep(const LifCurrCells& c, uint32_t i, double inExc, double inInh, double injected) {
  const double vFree = c.vRest[i] + c.p22[i] * (c.v[i] - c.vRest[i]) + c.p21Exc[i] * c.iExc[i] +
                       c.p21Inh[i] * c.iInh[i] + c.p20[i] * (c.iOffset[i] + injected);
  c.iExc[i] = c.iExc[i] * c.p11Exc[i] + inExc;
  c.iInh[i] = c.iInh[i] * c.p11Inh[i] + inInh;
  return currSettle(c, i, vFree);
}

TSNN_HD inline bool ifCurrAlphaStep(const LifCurrCells& c, uint32_t i, double inExc, double inInh, double injected) {
  const double vFree = c.vRest[i] + c.p22[i] * (c.v[i] - c.vRest[i]) + c.p31Exc[i] * c.dExc[i] +
                       c.p21Exc[i] * c.iExc[i] + c.p31Inh[i] * c.dInh[i] + c.p21Inh[i] * c.iInh[i] +
                       c.p20[i] * (c.iOffset[i] + injected);
  c.iExc[i] = c.p21AlphaExc[i] * c.dExc[i] + c.p11Exc[i] * c.iExc[i];
  c.dExc[i] = c.dExc[i] * c.p11Exc[i] + c.alphaScaleExc[i] * inExc;
  c.iInh[i] = c.p21AlphaInh[i] * c.dInh[i] + c.p11Inh[i] * c.iInh[i];
  c.dInh[i] = c.dInh[i] * c.p11Inh[i] + c.alphaScaleInh[i] * inInh;
  return currSettle(c, i, vFree);
}

// Inputs are voltage jumps (mV) on either receptor; input arriving during refractoriness is dropped (NEST's
// iaf_psc_delta default refractory_input = false): currSettle keeps a refractory cell's V.
TSNN_HD inline bool ifCurrDeltaStep(const LifCurrCells& c, uint32_t i, double inExc, double inInh, double injected) {
  const double vFree =
      c.vRest[i] + c.p22[i] * (c.v[i] - c.vRest[i]) + c.p20[i] * (c.iOffset[i] + injected) + (inExc + inInh);
  return currSettle(c, i, vFree);
}

}  // namespace tsnn
