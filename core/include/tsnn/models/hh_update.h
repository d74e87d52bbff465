// One time step of PyNN's HH_cond_exp (NEST hh_cond_exp_traub, Traub & Miles 1991) for one cell:
//   cm dV/dt = -gNa m³h (V - e_Na) - gK n⁴ (V - e_K) - g_leak (V - e_leak) - gE (V - e_E) - gI (V - e_I) + I
//   dx/dt = α_x(u)(1 - x) - β_x(u) x for x = m, h, n, u = V - v_offset (rates per ms, pynn-api.md §2.4)
//   dgE/dt = -gE / tau_syn_E, dgI/dt = -gI / tau_syn_I.
// As NEST does: adaptive Runge-Kutta-Fehlberg 4(5) on all six, each cell carrying its step size from one time
// step to the next (NEST's IntegrationStep_), at most dt. The step is kept where the embedded error estimate is
// within kHhTolerance of each variable's scale (V 1 mV, gates 0.01, conductances 0.001 µS); the fifth-order
// solution is carried on. NEST's own tolerance is 1e-3; ours is tighter, so that the traces stay within the
// NEURON fixture's tolerance (test/conformance/neuron-hh-cond-exp.test.ts) and closer to a fine reference than ten
// RK4 substeps were, at a third to a quarter of their derivatives (docs/performance.md, session 26). Every
// operation, the step-size control included (its fourth root by two sqrt), is IEEE double with the engine's own
// exp/expm1, so every backend takes the same steps and gives the same bits.
// Spike rule as NEST's: not refractory, V >= v_offset + 30 mV and V lower than at the start of the step (the
// peak has passed); then refractory (no new spike, no clamping) for round(2 ms / dt) steps (NEST's t_ref default).
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/math/exp_near.h"

namespace tsnn {

constexpr double kHhRefractoryMs = 2.0;
// The largest error estimate kept, in units of each variable's scale (hhStep).
constexpr double kHhTolerance = 1e-5;
// The most trial steps in one time step; past it every step is kept. Reached only by a cell far stiffer than a
// neuron (a time constant under about 1e-5 ms: conductances of tens of mS onto 0.2 nF), where the step's cost
// would otherwise be unbounded.
constexpr int kHhMaxTries = 10000;

struct HhCells {
  double* v;
  double* m;
  double* h;
  double* n;
  double* gExc;
  double* gInh;
  int32_t* refractory;
  double* stepSize;               // the integration step the next time step starts with (ms), at most dt
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
  const double* invTauExc;        // 1 / tau_syn_E
  const double* invTauInh;
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

// The exponentials of Traub's rates at u = V - v_offset. Five of the six rates' exponentials are powers of one,
// E = e^{(40 - u)/5}: e^{(15-u)/5} = E·e^-5, e^{(13-u)/4} = E·E^{1/4}·e^-6.75, e^{(u-40)/5} = 1/E,
// e^{(10-u)/40} = E^{1/8}·e^-0.75, the roots by sqrt (an exact IEEE operation, the same bits everywhere). Two
// exponentials instead of six: the HH step was nearly all exponentials (bench/hh_step.ts). Where E would not be
// finite and normal (|u| of thousands of mV), each rate takes its own exponential (`shared` false).
struct HhExponentials {
  double u;
  bool shared;
  double e, quarter, eighth;  // E, E^{1/4}, E^{1/8}
  double alphaH;              // 0.128·e^{(17-u)/18}
};

TSNN_HD inline HhExponentials hhExponentials(double u) {
  const double t = (40.0 - u) / 5.0;
  const double alphaH = 0.128 * dmath::exp((17.0 - u) / 18.0);
  if (!(t < 600.0 && t > -600.0)) return HhExponentials{u, false, 0.0, 0.0, 0.0, alphaH};
  const double e = dmath::exp(t);
  const double quarter = dmath::sqrt(dmath::sqrt(e));
  return HhExponentials{u, true, e, quarter, dmath::sqrt(quarter), alphaH};
}

// How far u may move from a reference for hhExponentialsNear: the largest argument of expNear is then 0.125.
constexpr double kHhNearMv = 2.5;

// hhExponentials at u from those at a nearby reference: each as the reference's times expNear of the change of its
// argument, e^{a + x} = e^a·e^x. The later stages of an RKF45 step take theirs from its first stage (hhFehlbergStep),
// so that their chain holds polynomials where it held an exponential and three square roots (session 28).
TSNN_HD inline HhExponentials hhExponentialsNear(const HhExponentials& from, double u) {
  const double d = from.u - u;
  if (!from.shared || !(d <= kHhNearMv && d >= -kHhNearMv)) return hhExponentials(u);
  return HhExponentials{u, true, from.e * dmath::expNear(d * 0.2), from.quarter * dmath::expNear(d * 0.05),
                        from.eighth * dmath::expNear(d * 0.025), from.alphaH * dmath::expNear(d * (1.0 / 18.0))};
}

// Traub's six rates (per ms) at x.u from its exponentials.
TSNN_HD inline HhRates hhRatesFrom(const HhExponentials& x) {
  const double u = x.u;
  if (!x.shared) {
    return HhRates{0.32 * hhRateShape(13.0 - u, 4.0), 0.28 * hhRateShape(u - 40.0, 5.0), x.alphaH,
                   4.0 / (1.0 + dmath::exp((40.0 - u) / 5.0)), 0.032 * hhRateShape(15.0 - u, 5.0),
                   0.5 * dmath::exp((10.0 - u) / 40.0)};
  }
  constexpr double kEMinus5 = 6.737946999085467e-03, kEMinus6p75 = 1.1708796207911744e-03,
                   kEMinus0p75 = 4.723665527410147e-01;
  const double e = x.e;
  return HhRates{0.32 * hhRateShapeFrom(13.0 - u, 4.0, (e * x.quarter) * kEMinus6p75),
                 0.28 * hhRateShapeFrom(u - 40.0, 5.0, 1.0 / e),
                 x.alphaH,
                 4.0 / (1.0 + e),
                 0.032 * hhRateShapeFrom(15.0 - u, 5.0, e * kEMinus5),
                 0.5 * (x.eighth * kEMinus0p75)};
}

TSNN_HD inline HhRates hhRates(double u) { return hhRatesFrom(hhExponentials(u)); }

struct HhState {
  double v, m, h, n, gE, gI;
};

// The derivative at y, its rates given (hhRatesFrom at u = y.v - v_offset).
TSNN_HD inline HhState hhDerivative(const HhCells& c, uint32_t i, const HhState& y, const HhRates& r,
                                    double current) {
  const double iNa = c.gNa[i] * y.m * y.m * y.m * y.h * (y.v - c.eNa[i]);
  const double iK = c.gK[i] * y.n * y.n * y.n * y.n * (y.v - c.eK[i]);
  const double iLeak = c.gLeak[i] * (y.v - c.eLeak[i]);
  const double iSyn = y.gE * (y.v - c.eExc[i]) + y.gI * (y.v - c.eInh[i]);
  return HhState{(-iNa - iK - iLeak - iSyn + current) * c.invCm[i], r.alphaM - (r.alphaM + r.betaM) * y.m,
                 r.alphaH - (r.alphaH + r.betaH) * y.h, r.alphaN - (r.alphaN + r.betaN) * y.n,
                 -y.gE * c.invTauExc[i], -y.gI * c.invTauInh[i]};
}

// y + h·Σ b[j]·k[j] over the first n slopes, summed in j order.
TSNN_HD inline HhState hhStage(const HhState& y, double h, const HhState* k, const double* b, int n) {
  HhState sum{0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  for (int j = 0; j < n; ++j) {
    sum.v += b[j] * k[j].v;
    sum.m += b[j] * k[j].m;
    sum.h += b[j] * k[j].h;
    sum.n += b[j] * k[j].n;
    sum.gE += b[j] * k[j].gE;
    sum.gI += b[j] * k[j].gI;
  }
  return HhState{y.v + h * sum.v, y.m + h * sum.m, y.h + h * sum.h, y.n + h * sum.n, y.gE + h * sum.gE, y.gI + h * sum.gI};
}

// One Runge-Kutta-Fehlberg 4(5) step of length h (Fehlberg's coefficients, as GSL's rkf45): the fifth-order
// solution, and the largest of the six error estimates over its variable's scale times kHhTolerance.
TSNN_HD inline HhState hhFehlbergStep(const HhCells& c, uint32_t i, const HhState& y, double h, double current,
                                      double& error) {
  constexpr double a2[1] = {1.0 / 4.0};
  constexpr double a3[2] = {3.0 / 32.0, 9.0 / 32.0};
  constexpr double a4[3] = {1932.0 / 2197.0, -7200.0 / 2197.0, 7296.0 / 2197.0};
  constexpr double a5[4] = {439.0 / 216.0, -8.0, 3680.0 / 513.0, -845.0 / 4104.0};
  constexpr double a6[5] = {-8.0 / 27.0, 2.0, -3544.0 / 2565.0, 1859.0 / 4104.0, -11.0 / 40.0};
  constexpr double b5[6] = {16.0 / 135.0, 0.0, 6656.0 / 12825.0, 28561.0 / 56430.0, -9.0 / 50.0, 2.0 / 55.0};
  // The fifth-order weights less the fourth-order ones (25/216, 0, 1408/2565, 2197/4104, -1/5, 0).
  constexpr double e[6] = {1.0 / 360.0, 0.0, -128.0 / 4275.0, -2197.0 / 75240.0, 1.0 / 50.0, 2.0 / 55.0};
  const double vOffset = c.vOffset[i];
  const HhExponentials first = hhExponentials(y.v - vOffset);
  const auto slope = [&](const HhState& s) {
    return hhDerivative(c, i, s, hhRatesFrom(hhExponentialsNear(first, s.v - vOffset)), current);
  };
  HhState k[6];
  k[0] = hhDerivative(c, i, y, hhRatesFrom(first), current);
  k[1] = slope(hhStage(y, h, k, a2, 1));
  k[2] = slope(hhStage(y, h, k, a3, 2));
  k[3] = slope(hhStage(y, h, k, a4, 3));
  k[4] = slope(hhStage(y, h, k, a5, 4));
  k[5] = slope(hhStage(y, h, k, a6, 5));
  const HhState zero{0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  const HhState estimate = hhStage(zero, h, k, e, 6);
  const auto scaled = [](double x, double scale) { return (x < 0.0 ? -x : x) / (scale * kHhTolerance); };
  const auto larger = [](double a, double b) { return b > a ? b : a; };
  error = larger(larger(larger(scaled(estimate.v, 1.0), scaled(estimate.m, 0.01)),
                        larger(scaled(estimate.h, 0.01), scaled(estimate.n, 0.01))),
                 larger(scaled(estimate.gE, 0.001), scaled(estimate.gI, 0.001)));
  return hhStage(y, h, k, b5, 6);
}

// The step size's factor after an error estimate `error` (kHhTolerance units): 0.9·error^(-1/4), the fourth
// root by two sqrt, within [0.2, 5].
TSNN_HD inline double hhStepFactor(double error) {
  if (!(error > 0x1p-10)) return error == error ? 5.0 : 1.0;  // 0.9·error^(-1/4) > 5 below 2^-10; NaN: keep h
  const double factor = 0.9 / dmath::sqrt(dmath::sqrt(error));
  return factor < 0.2 ? 0.2 : (factor > 5.0 ? 5.0 : factor);
}

TSNN_HD inline bool hhStep(const HhCells& c, uint32_t i, double dt, double inExc, double inInh, double injected) {
  const double current = c.iOffset[i] + injected;
  HhState y{c.v[i], c.m[i], c.h[i], c.n[i], c.gExc[i], c.gInh[i]};
  const double vStart = y.v;
  double next = c.stepSize[i];
  if (!(next > 0.0 && next <= dt)) next = dt;
  double left = dt;
  for (int tries = 1; left > 0.0; ++tries) {
    const bool last = next >= left;
    const double h = last ? left : next;
    double error = 0.0;
    const HhState stepped = hhFehlbergStep(c, i, y, h, current, error);
    // Kept when within tolerance, or where a shorter step cannot help (the state is not a number already, or the
    // step can shrink no further), or after kHhMaxTries in one time step, so that the loop ends soon whatever
    // the input. A step too long for a stiff cell can overflow to an estimate that is not a number: that one is
    // shortened like any other.
    if (error <= 1.0 || h <= dt * 0x1p-30 || tries >= kHhMaxTries ||
        !(y.v == y.v && y.m == y.m && y.h == y.h && y.n == y.n)) {
      y = stepped;
      left = last ? 0.0 : left - h;
      const double grown = h * hhStepFactor(error);
      // A step cut short at the end of the time step says little about the next: keep the longer proposal.
      next = last && next > grown ? next : grown;
      if (next > dt) next = dt;
    } else {
      next = error == error ? h * hhStepFactor(error) : 0.2 * h;
    }
  }
  c.stepSize[i] = next;
  bool spike = false;
  if (c.refractory[i] > 0) {
    --c.refractory[i];
  } else if (y.v >= c.vOffset[i] + 30.0 && vStart > y.v) {
    spike = true;
    c.refractory[i] = c.refractorySteps;
  }
  c.v[i] = y.v;
  c.m[i] = y.m;
  c.h[i] = y.h;
  c.n[i] = y.n;
  c.gExc[i] = y.gE + inExc;
  c.gInh[i] = y.gI + inInh;
  return spike;
}

}  // namespace tsnn
