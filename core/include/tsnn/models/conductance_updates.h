// One time step of the conductance-based LIF models (PyNN IF_cond_exp, IF_cond_alpha; NEST iaf_cond_exp,
// iaf_cond_alpha) for one cell. NEST integrates them with adaptive RKF45; we use a fixed scheme stable at dt = 0.1:
//  - conductances follow their exact solution (g·e^{-t/tau}; alpha: (g + dg·t)·e^{-t/tau}), so the synaptic
//    kinetics have no integration error at all;
//  - V takes one classical Runge–Kutta (RK4) step with the conductances evaluated exactly at t, t+h/2 and t+h.
// test/core/models_conductance_test.cpp measures the error against a fine-step reference (below 1e-4 mV over 100 ms).
// Order within the step, as NEST: integrate (V frozen while refractory); refractory: count down and clamp V to
// v_reset, else V >= v_thresh: spike, reset, refractory; then add the input arriving at this step to g.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"

namespace tsnn {

struct CondCells {
  double* v;
  double* gExc;
  double* gInh;
  double* dgExc;  // alpha shape only (uS/ms)
  double* dgInh;
  int32_t* refractory;
  const double* vRest;
  const double* vThresh;
  const double* vReset;
  const double* iOffset;
  const double* invCm;  // 1 / cm (1/nF)
  const double* gLeak;  // cm / tau_m (uS)
  const double* eRevExc;
  const double* eRevInh;
  const int32_t* refractorySteps;
  const double* decayExc;      // e^{-h/tau_syn_E}
  const double* decayInh;
  const double* halfDecayExc;  // e^{-h/(2 tau_syn_E)}
  const double* halfDecayInh;
  const double* alphaScaleExc;  // e/tau_syn: an input w gives a conductance peaking at w after tau_syn
  const double* alphaScaleInh;
};

// The end of one classical RK4 step of dV/dt = s(t, V) = a(t) - b(t)·V, from the slopes at the step's starting V
// scaled by h/6 (f0, fh, f1: (h/6)·s(t, V) at t, t+h/2, t+h) and the gains midGain = (h/2)·b(t+h/2) and
// endGain = h·b(t+h). With K = (h/6)·k for the textbook stages k1..k4: K1 = f0, K2 = fh - midGain·K1,
// K3 = fh - midGain·K2, K4 = f1 - endGain·K3 and V + K1 + 2·K2 + 2·K3 + K4. The same RK4 step (only the rounding
// differs), with each stage waiting on the one before for a multiply and a subtract, and no multiply in the sum.
// The conductance loops are bound by their operation count (bench/kernel.mjs cond).
TSNN_HD inline double rk4FromScaledSlopes(double v, double f0, double fh, double f1, double midGain, double endGain) {
  const double k2 = fh - midGain * f0;
  const double k3 = fh - midGain * k2;
  const double k4 = f1 - endGain * k3;
  const double middle = k2 + k3;
  return v + ((f0 + k4) + (middle + middle));
}

// One RK4 step of cm·dV/dt = gL(v_rest - V) + gE(t)(e_E - V) + gI(t)(e_I - V) + I, given the conductances at the
// start, middle and end of the step, and b = (gL + gE + gI)/cm. The slopes at V come scaled by s = (h/6)/cm
// from scaled terms: l = s·(gL·v_rest + I) - gL·(s·V) and the driving forces s·e_E - s·V and s·e_I - s·V, so
// each is l + gE·(s·e_E - s·V) + gI·(s·e_I - s·V) with no multiply after it: 38 operations a cell (the slopes
// scaled one by one took 40, a and b formed apart 49). Shared by the per-cell and the uniform paths
// (lif_uniform_simd.h term for term, with s·e_E, s·e_I and s·(gL·v_rest + I) as constants) and by PointNeuron's
// LIF (point_neuron_update.h, receptor by receptor), so they give the same bits.
TSNN_HD inline double condRk4Voltage(double v, double h, double gLeak, double vRest, double eExc, double eInh,
                                     double invCm, double current, double gE0, double gI0, double gEh, double gIh,
                                     double gE1, double gI1) {
  const double sixth = (h / 6.0) * invCm, half = (0.5 * h) * invCm, whole = h * invCm;
  const double sv = sixth * v;
  const double x = sixth * eExc - sv, y = sixth * eInh - sv, l = sixth * (gLeak * vRest + current) - gLeak * sv;
  return rk4FromScaledSlopes(v, (l + gE0 * x) + gI0 * y, (l + gEh * x) + gIh * y, (l + gE1 * x) + gI1 * y,
                             half * ((gLeak + gEh) + gIh), whole * ((gLeak + gE1) + gI1));
}

// V after one RK4 step given the conductances at the start, middle and end of the step.
TSNN_HD inline double condVoltageStep(const CondCells& c, uint32_t i, double h, double gE0, double gI0, double gEh,
                                      double gIh, double gE1, double gI1, double current) {
  return condRk4Voltage(c.v[i], h, c.gLeak[i], c.vRest[i], c.eRevExc[i], c.eRevInh[i], c.invCm[i], current, gE0, gI0,
                        gEh, gIh, gE1, gI1);
}

// The end of a conductance-based cell's step given its integrated V (ignored while refractory): the refractory
// clamp to v_reset, or the threshold, reset and refractory period. True when the cell spiked. Cells: CondCells, or
// any cells with the same members (PointCells: PointNeuron(LIF)).
template <typename Cells>
TSNN_HD inline bool condThresholdAndReset(const Cells& c, uint32_t i, double v) {
  bool spike = false;
  if (c.refractory[i] > 0) {
    --c.refractory[i];
    v = c.vReset[i];
  } else if (v >= c.vThresh[i]) {
    c.refractory[i] = c.refractorySteps[i];
    v = c.vReset[i];
    spike = true;
  }
  c.v[i] = v;
  return spike;
}

TSNN_HD inline bool ifCondExpStep(const CondCells& c, uint32_t i, double h, double inExc, double inInh,
                                  double injected) {
  const double gE0 = c.gExc[i], gI0 = c.gInh[i];
  const double gE1 = gE0 * c.decayExc[i], gI1 = gI0 * c.decayInh[i];
  double v = c.v[i];
  if (c.refractory[i] == 0) {
    v = condVoltageStep(c, i, h, gE0, gI0, gE0 * c.halfDecayExc[i], gI0 * c.halfDecayInh[i], gE1, gI1,
                        c.iOffset[i] + injected);
  }
  const bool spike = condThresholdAndReset(c, i, v);
  c.gExc[i] = gE1 + inExc;
  c.gInh[i] = gI1 + inInh;
  return spike;
}

TSNN_HD inline bool ifCondAlphaStep(const CondCells& c, uint32_t i, double h, double inExc, double inInh,
                                    double injected) {
  const double gE0 = c.gExc[i], gI0 = c.gInh[i], dE = c.dgExc[i], dI = c.dgInh[i];
  const double gEh = (gE0 + 0.5 * h * dE) * c.halfDecayExc[i], gIh = (gI0 + 0.5 * h * dI) * c.halfDecayInh[i];
  const double gE1 = (gE0 + h * dE) * c.decayExc[i], gI1 = (gI0 + h * dI) * c.decayInh[i];
  double v = c.v[i];
  if (c.refractory[i] == 0) v = condVoltageStep(c, i, h, gE0, gI0, gEh, gIh, gE1, gI1, c.iOffset[i] + injected);
  const bool spike = condThresholdAndReset(c, i, v);
  c.gExc[i] = gE1;
  c.gInh[i] = gI1;
  c.dgExc[i] = dE * c.decayExc[i] + c.alphaScaleExc[i] * inExc;
  c.dgInh[i] = dI * c.decayInh[i] + c.alphaScaleInh[i] * inInh;
  return spike;
}

}  // namespace tsnn
