// One time step of a composed PointNeuron (PyNN PointNeuron(LIF | AdExp, **receptors)) for one cell, with any
// number of receptors whose responses follow receptor_kinetics.h exactly.
//  - LIF: one classical RK4 step of cm·dV/dt = gL(v_rest - V) + Σ g_r(t)(e_r - V) + Σ I_r(t) + I, with each
//    conductance (current) evaluated exactly at t, t+h/2 and t+h: the scheme of IF_cond_exp (condRk4Voltage in
//    conductance_updates.h), summed in receptor order so that PointNeuron(LIF, AMPA: CondExp, GABAA: CondExp)
//    gives IF_cond_exp's bits.
//  - AdExp: the scheme of adex_update.h (NEST aeif_cond_*): one RK4 step of (V, w) a time step where that stays
//    smooth (the receptors advanced substep by substep and read at the step's start, middle and end), else
//    kAdexSubsteps RK4 substeps, with its spike logic.
// Input arriving at this step is added after the integration, as in the standard models.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/models/adex_update.h"
#include "tsnn/models/conductance_updates.h"

namespace tsnn {

// One receptor of every cell; the propagators span the integration step (dt for LIF, dt/kAdexSubsteps for AdExp).
struct PointReceptorCells {
  double* x;                // isyn (nA) or gsyn (µS)
  double* y;                // alpha and beta: the state feeding x; null for the single exponential
  const double* eSyn;       // reversal potential (mV); null for a current receptor
  const double* inputScale; // what a unit weight adds: to x (exp) or to y (alpha, beta)
  const double* p;          // x <- x·p + y·q, y <- y·r over the step
  const double* q;
  const double* r;
  const double* pHalf;      // the same over half the step (x at the midpoint)
  const double* qHalf;
};

struct PointCells {
  double* v;
  double* w;  // AdExp only
  int32_t* refractory;
  const double* vRest;
  const double* vThresh;
  const double* vReset;
  const double* iOffset;
  const double* invCm;
  const double* gLeak;
  const int32_t* refractorySteps;
  const double* vPeak;    // AdExp: v_spike, or v_thresh when delta_T = 0
  const double* deltaT;
  const double* a;        // µS
  const double* b;        // nA
  const double* invTauW;
  const PointReceptorCells* receptors;
  uint32_t receptorCount;
};

// A receptor's response (isyn or gsyn) at the start, middle and end of a step.
struct ReceptorTrace {
  double x0, xh, x1;
};

// Receptor `k`'s response at t, t+h/2 and t+h; advances its state over the step.
TSNN_HD inline ReceptorTrace pointReceptorAdvance(const PointReceptorCells& R, uint32_t i) {
  const double x0 = R.x[i];
  double xh, x1;
  if (R.y != nullptr) {
    const double y0 = R.y[i];
    xh = x0 * R.pHalf[i] + y0 * R.qHalf[i];
    x1 = x0 * R.p[i] + y0 * R.q[i];
    R.y[i] = y0 * R.r[i];
  } else {
    xh = x0 * R.pHalf[i];
    x1 = x0 * R.p[i];
  }
  R.x[i] = x1;
  return {x0, xh, x1};
}

// The receptors' sums at t, t+h/2 and t+h, in receptor order: a = Σ g·(scale·e - vFrom) plus scale times the
// synaptic currents, g = Σ g. The LIF takes them scaled by (h/6)/cm, vFrom the scaled starting V
// (condRk4Voltage's gE·(s·e_E - s·V) + gI·(s·e_I - s·V) and the conductance sums, receptor by receptor); AdExp
// with scale 1 from 0, which gives Σ g·e and the currents themselves (1.0·e - 0.0 is e, for every double).
struct ReceptorSums {
  double a0, ah, a1, g0, gh, g1;
};

TSNN_HD inline void addReceptor(const PointReceptorCells& R, uint32_t i, double scale, double vFrom,
                                const ReceptorTrace& t, ReceptorSums& s) {
  if (R.eSyn != nullptr) {
    const double toReversal = scale * R.eSyn[i] - vFrom;
    s.a0 += t.x0 * toReversal;
    s.ah += t.xh * toReversal;
    s.a1 += t.x1 * toReversal;
    s.g0 += t.x0;
    s.gh += t.xh;
    s.g1 += t.x1;
  } else {
    s.a0 += scale * t.x0;
    s.ah += scale * t.xh;
    s.a1 += scale * t.x1;
  }
}

TSNN_HD inline void pointReceptorInput(const PointReceptorCells& R, uint32_t i, const int64_t* row) {
  if (row == nullptr) return;
  const double w = fromFixed(row[i]);
  if (R.y != nullptr) {
    R.y[i] += R.inputScale[i] * w;
  } else {
    R.x[i] += w;
  }
}

// `rows[k]`: the arriving input of receptor k (fixed point, one per cell; null: none).
TSNN_HD inline bool pointLifStep(const PointCells& c, uint32_t i, double h, const int64_t* const* rows,
                                 double injected) {
  double v = c.v[i];
  const double gLeak = c.gLeak[i], invCm = c.invCm[i];
  const double sixth = (h / 6.0) * invCm, sv = sixth * v;
  const double l = sixth * (gLeak * c.vRest[i] + (c.iOffset[i] + injected)) - gLeak * sv;
  ReceptorSums s{l, l, l, gLeak, gLeak, gLeak};
  for (uint32_t k = 0; k < c.receptorCount; ++k) {
    addReceptor(c.receptors[k], i, sixth, sv, pointReceptorAdvance(c.receptors[k], i), s);
  }
  if (c.refractory[i] == 0) {
    const double half = (0.5 * h) * invCm, whole = h * invCm;
    v = rk4FromScaledSlopes(v, s.a0, s.ah, s.a1, half * s.gh, whole * s.g1);
  }
  const bool spike = condThresholdAndReset(c, i, v);
  for (uint32_t k = 0; k < c.receptorCount; ++k) pointReceptorInput(c.receptors[k], i, rows[k]);
  return spike;
}

// AdExp right-hand side with the receptor sums G (µS), GE (µS·mV) and I (nA), and the exponential term
// (AdexSpikeStages) given.
TSNN_HD inline double pointAdexDvDt(const PointCells& c, uint32_t i, double v, double w, double g, double ge,
                                    double current, double spikeCurrent) {
  return (c.gLeak[i] * (c.vRest[i] - v) + spikeCurrent + (ge - g * v) - w + current) * c.invCm[i];
}

TSNN_HD inline double pointAdexDwDt(const PointCells& c, uint32_t i, double v, double w) {
  return (c.a[i] * (v - c.vRest[i]) - w) * c.invTauW[i];
}

// One RK4 step of length h of (V, w), the receptor sums at its start, middle and end given.
TSNN_HD inline void pointAdexRk4(const PointCells& c, uint32_t i, double h, double bias, const ReceptorSums& d,
                                 double& v, double& w) {
  AdexSpikeStages spike(c.gLeak[i], c.vPeak[i], c.vThresh[i], c.deltaT[i]);
  const double kv1 = pointAdexDvDt(c, i, v, w, d.g0, d.a0, bias, spike.first(v)), kw1 = pointAdexDwDt(c, i, v, w);
  const double v2 = v + 0.5 * h * kv1, w2 = w + 0.5 * h * kw1;
  const double kv2 = pointAdexDvDt(c, i, v2, w2, d.gh, d.ah, bias, spike.later(v2)), kw2 = pointAdexDwDt(c, i, v2, w2);
  const double v3 = v + 0.5 * h * kv2, w3 = w + 0.5 * h * kw2;
  const double kv3 = pointAdexDvDt(c, i, v3, w3, d.gh, d.ah, bias, spike.later(v3)), kw3 = pointAdexDwDt(c, i, v3, w3);
  const double v4 = v + h * kv3, w4 = w + h * kw3;
  const double kv4 = pointAdexDvDt(c, i, v4, w4, d.g1, d.a1, bias, spike.later(v4)), kw4 = pointAdexDwDt(c, i, v4, w4);
  v += (h / 6.0) * (kv1 + 2.0 * kv2 + 2.0 * kv3 + kv4);
  w += (h / 6.0) * (kw1 + 2.0 * kw2 + 2.0 * kw3 + kw4);
}

// Receptor k over a whole time step, its state left as it is: the response at the step's start, after half the
// substeps and at the end, and the state at the end (the substeps' products, so the same bits as the substeps).
struct ReceptorWholeStep {
  ReceptorTrace trace;
  double x1, y1;
};

TSNN_HD inline ReceptorWholeStep pointReceptorWholeStep(const PointReceptorCells& R, uint32_t i) {
  double x = R.x[i], y = R.y != nullptr ? R.y[i] : 0.0, xh = 0.0;
  const double x0 = x;
  for (int s = 0; s < kAdexSubsteps; ++s) {
    if (R.y != nullptr) {
      const double next = x * R.p[i] + y * R.q[i];
      y = y * R.r[i];
      x = next;
    } else {
      x = x * R.p[i];
    }
    if (s == kAdexSubsteps / 2 - 1) xh = x;
  }
  return {{x0, xh, x}, x, y};
}

// A whole step's end: the receptors advanced over it, V, w and the refractory count, then the arriving input.
TSNN_HD inline void pointAdexStoreWholeStep(const PointCells& c, uint32_t i, double v, double w, int32_t refractory,
                                            const int64_t* const* rows) {
  for (uint32_t k = 0; k < c.receptorCount; ++k) {
    const PointReceptorCells& R = c.receptors[k];
    const ReceptorWholeStep end = pointReceptorWholeStep(R, i);
    R.x[i] = end.x1;
    if (R.y != nullptr) R.y[i] = end.y1;
  }
  c.v[i] = v;
  c.w[i] = w;
  c.refractory[i] = refractory;
  for (uint32_t k = 0; k < c.receptorCount; ++k) pointReceptorInput(c.receptors[k], i, rows[k]);
}

// The receptor sums at a whole step's start, middle and end (AdExp: scale 1 from 0).
TSNN_HD inline ReceptorSums pointAdexWholeStepSums(const PointCells& c, uint32_t i) {
  ReceptorSums d{0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  // The receptors' substeps are walked here for the traces and again for the end states: off the step's critical
  // path, keeping the ends from the first walk gained nothing (bench/adex_step.ts, session 28).
  for (uint32_t k = 0; k < c.receptorCount; ++k) addReceptor(c.receptors[k], i, 1.0, 0.0, pointReceptorWholeStep(c.receptors[k], i).trace, d);
  return d;
}

// One whole step (one RK4 step, or refractory) when it stays far below threshold; false (nothing changed) otherwise.
TSNN_HD inline bool pointAdexWholeStep(const PointCells& c, uint32_t i, double dt, const int64_t* const* rows,
                                       double bias) {
  const int32_t refractory = c.refractory[i];
  if (refractory == 0 && !adexMayStepWhole(c.vPeak[i], c.v[i])) return false;
  const ReceptorSums d = pointAdexWholeStepSums(c, i);
  double v = c.v[i], w = c.w[i];
  if (refractory > 0) {  // V held at v_reset the whole step; w relaxes with it (dw/dt linear: one RK4 step)
    v = c.vReset[i];
    w = adexHeldWStep(w, dt, [&](double ws) { return pointAdexDwDt(c, i, v, ws); });
  } else {
    pointAdexRk4(c, i, dt, bias, d, v, w);
    if (!adexWholeStepHolds(c.deltaT[i], c.vThresh[i], c.vPeak[i], c.v[i], v)) return false;  // the substeps
  }
  pointAdexStoreWholeStep(c, i, v, w, refractory > 0 ? refractory - 1 : 0, rows);
  return true;
}

TSNN_HD inline bool pointAdexStep(const PointCells& c, uint32_t i, double dt, const int64_t* const* rows,
                                  double injected) {
  const double bias = c.iOffset[i] + injected;
  if (pointAdexWholeStep(c, i, dt, rows, bias)) return false;
  const double h = dt / kAdexSubsteps;
  double v = c.v[i], w = c.w[i];
  int32_t r = c.refractory[i];
  bool spike = false;
  for (int s = 0; s < kAdexSubsteps; ++s) {
    // a: g·e sums plus the synaptic currents, g: conductance sums.
    ReceptorSums d{0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    for (uint32_t k = 0; k < c.receptorCount; ++k) {
      addReceptor(c.receptors[k], i, 1.0, 0.0, pointReceptorAdvance(c.receptors[k], i), d);
    }
    if (r > 0) {  // V held at v_reset; w relaxes with it
      w = adexHeldWStep(w, h, [&](double ws) { return pointAdexDwDt(c, i, v, ws); });
      v = c.vReset[i];
      continue;
    }
    pointAdexRk4(c, i, h, bias, d, v, w);
    if (v >= c.vPeak[i]) {
      v = c.vReset[i];
      w += c.b[i];
      // +1: the count-down after the step (NEST); no refractoriness at all when tau_refrac rounds to 0.
      r = c.refractorySteps[i] > 0 ? c.refractorySteps[i] + 1 : 0;
      spike = true;
    }
  }
  if (r > 0) --r;
  c.v[i] = v;
  c.w[i] = w;
  c.refractory[i] = r;
  for (uint32_t k = 0; k < c.receptorCount; ++k) pointReceptorInput(c.receptors[k], i, rows[k]);
  return spike;
}

}  // namespace tsnn
