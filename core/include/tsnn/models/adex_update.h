// One time step of the adaptive exponential integrate-and-fire models (PyNN EIF_cond_exp_isfa_ista and
// EIF_cond_alpha_isfa_ista; NEST aeif_cond_exp / aeif_cond_alpha, Brette & Gerstner 2005):
//   cm dV/dt = gL(v_rest - V) + gL·ΔT·exp((V - v_thresh)/ΔT) + gE(e_E - V) + gI(e_I - V) - w + I
//   tau_w dw/dt = a(V - v_rest) - w          (a in µS after PyNN's nS conversion, w in nA)
// NEST integrates with adaptive RKF45 and handles the spike inside the step. Here one classical RK4 step of (V, w)
// per time step while that step stays smooth (the exponential term resolved: adexWholeStepHolds),
// else kAdexSubsteps RK4 substeps from the same start (the upswing to v_spike), with the conductances exact at
// every (sub)step; a whole refractory step is one RK4 step of w. NEST's spike logic within the step: V >= v_spike (v_thresh when ΔT = 0, PyNN issue 367): V = v_reset,
// w += b, refractory (V held at v_reset, w still evolving) for round(tau_refrac/dt) steps after the spike step. The
// exponential uses min(V, v_spike) as NEST does, and the engine's own exp (identical on every backend). The single
// step takes 4 exponentials where the substeps take 40: cells away from their upswing cost a tenth (session 25). Of a
// step's four, only the first is a whole exp where V moves little against ΔT (AdexSpikeStages).
// Where SIMD pairs are built, two cells take their whole steps together (adex_pairs.h, the same bits).
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/math/exp_near.h"

namespace tsnn {

constexpr int kAdexSubsteps = 10;

struct AdexCells {
  double* v;
  double* w;
  double* gExc;
  double* gInh;
  double* dgExc;  // alpha shape only
  double* dgInh;
  int32_t* refractory;
  const double* vRest;
  const double* vReset;
  const double* vPeak;   // v_spike, or v_thresh when delta_T = 0
  const double* vThresh;
  const double* deltaT;
  const double* iOffset;
  const double* invCm;
  const double* gLeak;
  const double* a;       // µS
  const double* b;       // nA
  const double* invTauW;
  const double* eRevExc;
  const double* eRevInh;
  const int32_t* refractorySteps;
  const double* subDecayExc;      // e^{-h/tau_syn_E} for one substep h = dt/kAdexSubsteps
  const double* subDecayInh;
  const double* subHalfDecayExc;  // e^{-h/(2 tau_syn_E)}
  const double* subHalfDecayInh;
  const double* alphaScaleExc;    // e/tau_syn
  const double* alphaScaleInh;
};

// The exponential term gL·ΔT·exp((min(V, v_spike) - v_thresh)/ΔT) at the four stages of one RK4 step (0 where
// ΔT = 0). The first stage's exponential is dmath::exp; a later stage's is the first's times expNear(x), x = (its
// capped V - the first's)/ΔT, where |x| <= kExpNearRange (V moves little against ΔT within a step), else dmath::exp
// of its own argument. The stages' four whole exponentials, each waiting on the last, were most of a step
// (session 25); now the chain holds one (session 28). adex_pairs.h does the same on two lanes.
struct AdexSpikeStages {
  bool exponential;
  double leakSpike, vPeak, vThresh, deltaT, invDeltaT;
  double vCapped1 = 0.0, e1 = 0.0;

  TSNN_HD AdexSpikeStages(double gLeak, double vPeakIn, double vThreshIn, double deltaTIn)
      : exponential(deltaTIn > 0.0), leakSpike(gLeak * deltaTIn), vPeak(vPeakIn), vThresh(vThreshIn),
        deltaT(deltaTIn), invDeltaT(deltaTIn > 0.0 ? 1.0 / deltaTIn : 0.0) {}

  TSNN_HD double first(double v) {
    if (!exponential) return 0.0;
    vCapped1 = v < vPeak ? v : vPeak;
    e1 = dmath::exp((vCapped1 - vThresh) / deltaT);
    return leakSpike * e1;
  }

  TSNN_HD double later(double v) const {
    if (!exponential) return 0.0;
    const double vCapped = v < vPeak ? v : vPeak;
    const double x = (vCapped - vCapped1) * invDeltaT;
    const bool near = x <= dmath::kExpNearRange && x >= -dmath::kExpNearRange;
    return leakSpike * (near ? e1 * dmath::expNear(x) : dmath::exp((vCapped - vThresh) / deltaT));
  }
};

// dV/dt with the exponential term (AdexSpikeStages) given.
TSNN_HD inline double adexDvDt(const AdexCells& c, uint32_t i, double v, double w, double gE, double gI,
                               double current, double spikeCurrent) {
  return (c.gLeak[i] * (c.vRest[i] - v) + spikeCurrent + gE * (c.eRevExc[i] - v) + gI * (c.eRevInh[i] - v) - w +
          current) *
         c.invCm[i];
}

TSNN_HD inline double adexDwDt(const AdexCells& c, uint32_t i, double v, double w) {
  return (c.a[i] * (v - c.vRest[i]) - w) * c.invTauW[i];
}

// One RK4 step of length h of w alone while V is held at v_reset (refractory): dw/dt = dwdt(w), linear in w.
template <typename DwDt>
TSNN_HD inline double adexHeldWStep(double w, double h, DwDt dwdt) {
  const double k1 = dwdt(w);
  const double k2 = dwdt(w + 0.5 * h * k1);
  const double k3 = dwdt(w + 0.5 * h * k2);
  const double k4 = dwdt(w + h * k3);
  return w + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
}

// One RK4 step of length h of (V, w) from (v, w), the conductances at its start, middle and end given.
TSNN_HD inline void adexRk4(const AdexCells& c, uint32_t i, double h, double current, double& v, double& w, double gE,
                            double gI, double gEh, double gIh, double gE1, double gI1) {
  AdexSpikeStages spike(c.gLeak[i], c.vPeak[i], c.vThresh[i], c.deltaT[i]);
  const double kv1 = adexDvDt(c, i, v, w, gE, gI, current, spike.first(v)), kw1 = adexDwDt(c, i, v, w);
  const double v2 = v + 0.5 * h * kv1, w2 = w + 0.5 * h * kw1;
  const double kv2 = adexDvDt(c, i, v2, w2, gEh, gIh, current, spike.later(v2)), kw2 = adexDwDt(c, i, v2, w2);
  const double v3 = v + 0.5 * h * kv2, w3 = w + 0.5 * h * kw2;
  const double kv3 = adexDvDt(c, i, v3, w3, gEh, gIh, current, spike.later(v3)), kw3 = adexDwDt(c, i, v3, w3);
  const double v4 = v + h * kv3, w4 = w + h * kw3;
  const double kv4 = adexDvDt(c, i, v4, w4, gE1, gI1, current, spike.later(v4)), kw4 = adexDwDt(c, i, v4, w4);
  v += (h / 6.0) * (kv1 + 2.0 * kv2 + 2.0 * kv3 + kv4);
  w += (h / 6.0) * (kw1 + 2.0 * kw2 + 2.0 * kw3 + kw4);
}

// Whether a step may be taken whole: from V below v_spike...
TSNN_HD inline bool adexMayStepWhole(double vPeak, double v) { return v < vPeak; }

// ... and, taken, whether it stayed smooth; else the step is taken again in substeps. RK4's error from the
// exponential term grows as E·q^4, E = exp((V - v_thresh)/ΔT) its largest value in the step and q = |ΔV|/ΔT (each
// derivative of E along the path brings a factor V'/ΔT): kept below 1e-3, its error in a step is below 1e-3 ·
// dt·ΔT/(120·tau_m), a few 1e-7 mV at dt 0.1, where the substeps' own is 1e-4 of that. Below v_thresh E < 1, so no
// exponential is needed while q^4 < 1e-3. Without the exponential term (ΔT = 0) the equations are linear in V:
// any step that stays below v_spike holds.
TSNN_HD inline bool adexWholeStepHolds(double deltaT, double vThresh, double vPeak, double vStart, double vEnd) {
  if (!(vEnd < vPeak)) return false;
  if (!(deltaT > 0.0)) return true;
  const double q = (vEnd > vStart ? vEnd - vStart : vStart - vEnd) / deltaT, q4 = (q * q) * (q * q);
  const double vHigh = vEnd > vStart ? vEnd : vStart;
  if (vHigh < vThresh && q4 < 1e-3) return true;
  return q < 1.5 && q4 * dmath::exp((vHigh - vThresh) / deltaT) < 1e-3;
}

// The conductances over one whole time step (kAdexSubsteps substeps): e^{-dt/(2 tau)} and e^{-dt/tau} from the
// substep's decay, so that no exponential is evaluated per step.
struct AdexStepDecays {
  double halfExc, wholeExc, halfInh, wholeInh;
};

TSNN_HD inline AdexStepDecays adexStepDecays(const AdexCells& c, uint32_t i) {
  static_assert(kAdexSubsteps == 10, "the half step is five substeps");
  const double e2 = c.subDecayExc[i] * c.subDecayExc[i], i2 = c.subDecayInh[i] * c.subDecayInh[i];
  const double e5 = e2 * e2 * c.subDecayExc[i], i5 = i2 * i2 * c.subDecayInh[i];
  return AdexStepDecays{e5, e5 * e5, i5, i5 * i5};
}

// The end of a step taken whole (one RK4 step, or refractory): the new state, the input added.
TSNN_HD inline void adexStoreWholeStep(const AdexCells& c, uint32_t i, bool alpha, double dt, const AdexStepDecays& d,
                                       double v, double w, int32_t r, double inExc, double inInh) {
  c.v[i] = v;
  c.w[i] = w;
  c.refractory[i] = r;
  if (alpha) {
    const double dE = c.dgExc[i], dI = c.dgInh[i];
    c.gExc[i] = (c.gExc[i] + dt * dE) * d.wholeExc;
    c.gInh[i] = (c.gInh[i] + dt * dI) * d.wholeInh;
    c.dgExc[i] = dE * d.wholeExc + c.alphaScaleExc[i] * inExc;
    c.dgInh[i] = dI * d.wholeInh + c.alphaScaleInh[i] * inInh;
  } else {
    c.gExc[i] = c.gExc[i] * d.wholeExc + inExc;
    c.gInh[i] = c.gInh[i] * d.wholeInh + inInh;
  }
}

// `alpha`: conductances with the alpha shape (dg states) rather than single exponentials.
TSNN_HD inline bool adexStep(const AdexCells& c, uint32_t i, double dt, bool alpha, double inExc, double inInh,
                             double injected) {
  const double current = c.iOffset[i] + injected;
  const int32_t refractory = c.refractory[i];
  if (refractory > 0 || adexMayStepWhole(c.vPeak[i], c.v[i])) {
    const AdexStepDecays d = adexStepDecays(c, i);
    double gE = c.gExc[i], gI = c.gInh[i], gEh, gIh, gE1, gI1;
    if (alpha) {
      gEh = (gE + 0.5 * dt * c.dgExc[i]) * d.halfExc;
      gIh = (gI + 0.5 * dt * c.dgInh[i]) * d.halfInh;
      gE1 = (gE + dt * c.dgExc[i]) * d.wholeExc;
      gI1 = (gI + dt * c.dgInh[i]) * d.wholeInh;
    } else {
      gEh = gE * d.halfExc;
      gIh = gI * d.halfInh;
      gE1 = gE * d.wholeExc;
      gI1 = gI * d.wholeInh;
    }
    if (refractory > 0) {  // V held at v_reset the whole step; w relaxes with it (dw/dt linear: one RK4 step)
      const double v = c.vReset[i];
      const double w = adexHeldWStep(c.w[i], dt, [&](double ws) { return adexDwDt(c, i, v, ws); });
      adexStoreWholeStep(c, i, alpha, dt, d, v, w, refractory - 1, inExc, inInh);
      return false;
    }
    double v = c.v[i], w = c.w[i];
    adexRk4(c, i, dt, current, v, w, gE, gI, gEh, gIh, gE1, gI1);
    if (adexWholeStepHolds(c.deltaT[i], c.vThresh[i], c.vPeak[i], c.v[i], v)) {
      adexStoreWholeStep(c, i, alpha, dt, d, v, w, 0, inExc, inInh);
      return false;
    }
    // It came near threshold within the step: the substeps, from the step's start.
  }
  const double h = dt / kAdexSubsteps;
  double v = c.v[i], w = c.w[i], gE = c.gExc[i], gI = c.gInh[i];
  double dE = alpha ? c.dgExc[i] : 0.0, dI = alpha ? c.dgInh[i] : 0.0;
  int32_t r = refractory;
  bool spike = false;
  for (int s = 0; s < kAdexSubsteps; ++s) {
    double gEh, gIh, gE1, gI1;
    if (alpha) {
      gEh = (gE + 0.5 * h * dE) * c.subHalfDecayExc[i];
      gIh = (gI + 0.5 * h * dI) * c.subHalfDecayInh[i];
      gE1 = (gE + h * dE) * c.subDecayExc[i];
      gI1 = (gI + h * dI) * c.subDecayInh[i];
      dE *= c.subDecayExc[i];
      dI *= c.subDecayInh[i];
    } else {
      gEh = gE * c.subHalfDecayExc[i];
      gIh = gI * c.subHalfDecayInh[i];
      gE1 = gE * c.subDecayExc[i];
      gI1 = gI * c.subDecayInh[i];
    }
    if (r > 0) {  // V held at v_reset; w relaxes with it
      w = adexHeldWStep(w, h, [&](double ws) { return adexDwDt(c, i, v, ws); });
      v = c.vReset[i];
    } else {
      adexRk4(c, i, h, current, v, w, gE, gI, gEh, gIh, gE1, gI1);
      if (v >= c.vPeak[i]) {
        v = c.vReset[i];
        w += c.b[i];
        // +1: the count-down after the step (NEST); no refractoriness at all when tau_refrac rounds to 0.
        r = c.refractorySteps[i] > 0 ? c.refractorySteps[i] + 1 : 0;
        spike = true;
      }
    }
    gE = gE1;
    gI = gI1;
  }
  if (r > 0) --r;
  c.v[i] = v;
  c.w[i] = w;
  c.refractory[i] = r;
  if (alpha) {
    c.gExc[i] = gE;
    c.gInh[i] = gI;
    c.dgExc[i] = dE + c.alphaScaleExc[i] * inExc;
    c.dgInh[i] = dI + c.alphaScaleInh[i] * inInh;
  } else {
    c.gExc[i] = gE + inExc;
    c.gInh[i] = gI + inInh;
  }
  return spike;
}

}  // namespace tsnn
