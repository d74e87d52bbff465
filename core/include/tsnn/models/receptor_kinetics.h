// The post-synaptic responses of PointNeuron receptors (PyNN CurrExp/CondExp/CondAlpha/CondBetaPostSynapticResponse)
// as exact linear propagators. Every kind is a state x (isyn in nA or gsyn in µS) and, for alpha and beta, a second
// state y that feeds it; over a time t with no input
//   x(t) = x0·P(t) + y0·Q(t),   y(t) = y0·R(t)
//   exp:   P = e^{-t/τ}, no y                          input w: x += w
//   alpha: P = R = e^{-t/τ}, Q = t·e^{-t/τ}            input w: y += w·e/τ   (peak w at t = τ)
//   beta:  P = e^{-t/τd}, R = e^{-t/τr}, Q = τd·τr/(τd-τr)·(e^{-t/τd} - e^{-t/τr})
//          input w: y += w·N, N = (1/τr - 1/τd) / (e^{-tp/τd} - e^{-tp/τr}), tp = τd·τr·ln(τd/τr)/(τd-τr)
//          (NEST iaf_cond_beta: normalised so that the peak equals w; τr = τd is the alpha shape).
// Exact propagation means the synaptic kinetics carry no integration error at any step size.
#pragma once

#include <cmath>

namespace tsnn {

struct ReceptorPropagator {
  double p = 0.0, q = 0.0, r = 0.0;
};

constexpr double kEuler = 2.718281828459045235360287;

// tauRise <= 0 selects the single exponential, tauRise == tauDecay the alpha shape.
inline ReceptorPropagator receptorPropagator(double tauRise, double tauDecay, double t) {
  ReceptorPropagator g;
  g.p = std::exp(-t / tauDecay);
  if (tauRise <= 0.0) return g;
  if (tauRise == tauDecay) {
    g.r = g.p;
    g.q = t * g.p;
    return g;
  }
  g.r = std::exp(-t / tauRise);
  g.q = tauDecay * tauRise / (tauDecay - tauRise) * (g.p - g.r);
  return g;
}

// What one unit of weight adds to y (alpha and beta), so that the response peaks at the weight.
inline double receptorInputScale(double tauRise, double tauDecay) {
  if (tauRise <= 0.0) return 1.0;
  if (tauRise == tauDecay) return kEuler / tauDecay;
  const double peak = tauDecay * tauRise * std::log(tauDecay / tauRise) / (tauDecay - tauRise);
  return (1.0 / tauRise - 1.0 / tauDecay) / (std::exp(-peak / tauDecay) - std::exp(-peak / tauRise));
}

}  // namespace tsnn
