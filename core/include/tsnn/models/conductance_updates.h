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

// One classical RK4 step of dV/dt = a(t) - b(t)·V, given a and b at the start, middle and end of the step.
// The stages are the textbook ones, k2 = ah - bh·(V + h/2·k1) and so on, with the product distributed:
// k2 = (ah - bh·V) - (h/2·bh)·k1. That is the same RK4 step (only the rounding differs), but each stage waits on
// the one before for a multiply and a subtract instead of four operations, and the terms in V alone are computed
// beside k1. The conductance loops are bound by this chain: the uniform IF_cond_exp loop ran 17 % faster natively
// (bench/kernel.mjs cond). Shared by every model that integrates V this way, so they keep giving the same bits.
TSNN_HD inline double linearRk4Step(double v, double h, double a0, double b0, double ah, double bh, double a1,
                                    double b1) {
  const double k1 = a0 - b0 * v;
  const double midSlope = ah - bh * v, midGain = 0.5 * h * bh;
  const double k2 = midSlope - midGain * k1;
  const double k3 = midSlope - midGain * k2;
  const double k4 = (a1 - b1 * v) - (h * b1) * k3;
  return v + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
}

// One RK4 step of cm·dV/dt = gL(v_rest - V) + gE(t)(e_E - V) + gI(t)(e_I - V) + I, written as dV/dt = a(t) - b(t)·V
// with a = (gL·v_rest + gE·e_E + gI·e_I + I)/cm and b = (gL + gE + gI)/cm at the start, middle and end of the step.
// Shared by the per-cell and the uniform paths, so both give the same bits.
TSNN_HD inline double condRk4Voltage(double v, double h, double gLeak, double vRest, double eExc, double eInh,
                                     double invCm, double current, double gE0, double gI0, double gEh, double gIh,
                                     double gE1, double gI1) {
  const double leak = gLeak * vRest + current;
  const double a0 = (leak + gE0 * eExc + gI0 * eInh) * invCm, b0 = (gLeak + gE0 + gI0) * invCm;
  const double ah = (leak + gEh * eExc + gIh * eInh) * invCm, bh = (gLeak + gEh + gIh) * invCm;
  const double a1 = (leak + gE1 * eExc + gI1 * eInh) * invCm, b1 = (gLeak + gE1 + gI1) * invCm;
  return linearRk4Step(v, h, a0, b0, ah, bh, a1, b1);
}

// V after one RK4 step given the conductances at the start, middle and end of the step.
TSNN_HD inline double condVoltageStep(const CondCells& c, uint32_t i, double h, double gE0, double gI0, double gEh,
                                      double gIh, double gE1, double gI1, double current) {
  return condRk4Voltage(c.v[i], h, c.gLeak[i], c.vRest[i], c.eRevExc[i], c.eRevInh[i], c.invCm[i], current, gE0, gI0,
                        gEh, gIh, gE1, gI1);
}

TSNN_HD inline bool condThresholdAndReset(const CondCells& c, uint32_t i, double v) {
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
