// One time step of PyNN's HH_cond_exp (NEST hh_cond_exp_traub, Traub & Miles 1991) for one cell:
//   cm dV/dt = -gNa m³h (V - e_Na) - gK n⁴ (V - e_K) - g_leak (V - e_leak) - gE (V - e_E) - gI (V - e_I) + I
//   dx/dt = α_x(u)(1 - x) - β_x(u) x for x = m, h, n, u = V - v_offset (rates per ms, pynn-api.md §2.4).
// NEST integrates with adaptive RKF45; we take kHhSubsteps classical RK4 substeps per step with the synaptic
// conductances exact at every substep, and the engine's own exp/expm1 (identical bits on every backend).
// Spike rule as NEST's: not refractory, V >= v_offset + 30 mV and V lower than at the start of the step (the
// peak has passed); then refractory (no new spike, no clamping) for round(2 ms / dt) steps (NEST's t_ref default).
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"

namespace tsnn {

constexpr int kHhSubsteps = 10;
constexpr double kHhRefractoryMs = 2.0;

struct HhCells {
  double* v;
  double* m;
  double* h;
  double* n;
  double* gExc;
  double* gInh;
  int32_t* refractory;
  const double* gNa;
  const double* gK;
  const double* gLeak;
  const double* invCm;
  const double* vOffset;
  const double* eNa;
  const double* eK;
  const double* eLeak;
  const double* eExc;
  const double* eInh;
  const double* iOffset;
  const double* subDecayExc;      // e^{-h/tau_syn_E} for one substep
  const double* subDecayInh;
  const double* subHalfDecayExc;
  const double* subHalfDecayInh;
  int32_t refractorySteps;
};

// x / (e^{x/k} - 1), with its limit k at x = 0.
TSNN_HD inline double hhRateShape(double x, double k) { return x == 0.0 ? k : x / dmath::expm1(x / k); }

// x / (e^{x/k} - 1) given e^{x/k} as `power`, computed from a shared exponential (hhRates). Where |x/k| <= 0.5,
// e^{x/k} - 1 would cancel: there it is expm1's own, as hhRateShape computes it (expm1 itself takes
// exp(x) - 1 beyond 0.5).
TSNN_HD inline double hhRateShapeFrom(double x, double k, double power) {
  const double z = x / k;
  if (z <= 0.5 && z >= -0.5) return hhRateShape(x, k);
  return x / (power - 1.0);
}

struct HhRates {
  double alphaM, betaM, alphaH, betaH, alphaN, betaN;
};

// Traub's six rates at u = V - v_offset (per ms). Five of their exponentials are powers of one,
// E = e^{(40 - u)/5}: e^{(15-u)/5} = E·e^-5, e^{(13-u)/4} = E·E^{1/4}·e^-6.75, e^{(u-40)/5} = 1/E,
// e^{(10-u)/40} = E^{1/8}·e^-0.75, the roots by sqrt (an exact IEEE operation, the same bits everywhere). Two
// exponentials instead of six: the HH step was nearly all exponentials (bench/hh_step.ts). Where E would not be
// finite and normal (|u| of thousands of mV), each rate takes its own exponential.
TSNN_HD inline HhRates hhRates(double u) {
  const double t = (40.0 - u) / 5.0;
  const double alphaH = 0.128 * dmath::exp((17.0 - u) / 18.0);
  if (!(t < 600.0 && t > -600.0)) {
    return HhRates{0.32 * hhRateShape(13.0 - u, 4.0), 0.28 * hhRateShape(u - 40.0, 5.0), alphaH,
                   4.0 / (1.0 + dmath::exp(t)), 0.032 * hhRateShape(15.0 - u, 5.0),
                   0.5 * dmath::exp((10.0 - u) / 40.0)};
  }
  constexpr double kEMinus5 = 6.737946999085467e-03, kEMinus6p75 = 1.1708796207911744e-03,
                   kEMinus0p75 = 4.723665527410147e-01;
  const double e = dmath::exp(t);
  const double quarter = dmath::sqrt(dmath::sqrt(e));
  const double eighth = dmath::sqrt(quarter);
  return HhRates{0.32 * hhRateShapeFrom(13.0 - u, 4.0, (e * quarter) * kEMinus6p75),
                 0.28 * hhRateShapeFrom(u - 40.0, 5.0, 1.0 / e),
                 alphaH,
                 4.0 / (1.0 + e),
                 0.032 * hhRateShapeFrom(15.0 - u, 5.0, e * kEMinus5),
                 0.5 * (eighth * kEMinus0p75)};
}

struct HhDerivative {
  double v, m, h, n;
};

TSNN_HD inline HhDerivative hhDerivative(const HhCells& c, uint32_t i, double v, double m, double h, double n,
                                         double gE, double gI, double current) {
  const HhRates r = hhRates(v - c.vOffset[i]);
  const double alphaM = r.alphaM, betaM = r.betaM, alphaH = r.alphaH, betaH = r.betaH, alphaN = r.alphaN,
               betaN = r.betaN;
  const double iNa = c.gNa[i] * m * m * m * h * (v - c.eNa[i]);
  const double iK = c.gK[i] * n * n * n * n * (v - c.eK[i]);
  const double iLeak = c.gLeak[i] * (v - c.eLeak[i]);
  const double iSyn = gE * (v - c.eExc[i]) + gI * (v - c.eInh[i]);
  return HhDerivative{(-iNa - iK - iLeak - iSyn + current) * c.invCm[i], alphaM - (alphaM + betaM) * m,
                      alphaH - (alphaH + betaH) * h, alphaN - (alphaN + betaN) * n};
}

TSNN_HD inline bool hhStep(const HhCells& c, uint32_t i, double dt, double inExc, double inInh, double injected) {
  const double s = dt / kHhSubsteps;
  const double current = c.iOffset[i] + injected;
  double v = c.v[i], m = c.m[i], h = c.h[i], n = c.n[i], gE = c.gExc[i], gI = c.gInh[i];
  const double vStart = v;
  for (int k = 0; k < kHhSubsteps; ++k) {
    const double gEh = gE * c.subHalfDecayExc[i], gIh = gI * c.subHalfDecayInh[i];
    const double gE1 = gE * c.subDecayExc[i], gI1 = gI * c.subDecayInh[i];
    const HhDerivative k1 = hhDerivative(c, i, v, m, h, n, gE, gI, current);
    const HhDerivative k2 = hhDerivative(c, i, v + 0.5 * s * k1.v, m + 0.5 * s * k1.m, h + 0.5 * s * k1.h,
                                         n + 0.5 * s * k1.n, gEh, gIh, current);
    const HhDerivative k3 = hhDerivative(c, i, v + 0.5 * s * k2.v, m + 0.5 * s * k2.m, h + 0.5 * s * k2.h,
                                         n + 0.5 * s * k2.n, gEh, gIh, current);
    const HhDerivative k4 =
        hhDerivative(c, i, v + s * k3.v, m + s * k3.m, h + s * k3.h, n + s * k3.n, gE1, gI1, current);
    v += (s / 6.0) * (k1.v + 2.0 * k2.v + 2.0 * k3.v + k4.v);
    m += (s / 6.0) * (k1.m + 2.0 * k2.m + 2.0 * k3.m + k4.m);
    h += (s / 6.0) * (k1.h + 2.0 * k2.h + 2.0 * k3.h + k4.h);
    n += (s / 6.0) * (k1.n + 2.0 * k2.n + 2.0 * k3.n + k4.n);
    gE = gE1;
    gI = gI1;
  }
  bool spike = false;
  if (c.refractory[i] > 0) {
    --c.refractory[i];
  } else if (v >= c.vOffset[i] + 30.0 && vStart > v) {
    spike = true;
    c.refractory[i] = c.refractorySteps;
  }
  c.v[i] = v;
  c.m[i] = m;
  c.h[i] = h;
  c.n[i] = n;
  c.gExc[i] = gE + inExc;
  c.gInh[i] = gI + inInh;
  return spike;
}

}  // namespace tsnn
