// The hazard rate of a gamma renewal process, for SpikeSourceInhGamma (pynn-api.md §2.8; NEST's
// inh_gamma_generator, Muller et al. 2007 Neural Comput 19:2958): with ISI ~ Gamma(shape a, scale θ), a cell whose
// last spike was τ ago fires in the next instant with rate h(τ) = f(τ)/S(τ), f the density and S = Q(a, τ/θ) the
// survival function (regularised upper incomplete gamma). Thinning with h(τ) of the current bin's (a, θ) gives the
// inhomogeneous gamma process; with constant (a, θ) it is the gamma renewal process of mean rate 1/(a·θ).
// Written with the engine's exp/log so that every backend draws the same spikes.
#pragma once

#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"

namespace tsnn {

// ln Γ(x) for x > 0: Lanczos (g = 7, 9 terms), relative error below 1e-14; x < 0.5 through Γ(x+1) = x·Γ(x).
TSNN_HD inline double logGamma(double x) {
  double shift = 0.0;
  if (x < 0.5) {
    shift = dmath::log(x);
    x += 1.0;
  }
  const double c[9] = {0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
                       771.32342877765313,   -176.61502916214059,   12.507343278686905,
                       -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  x -= 1.0;
  double sum = c[0];
  for (int i = 1; i < 9; ++i) sum += c[i] / (x + i);
  const double t = x + 7.5;
  return 0.91893853320467274178 + (x + 0.5) * dmath::log(t) - t + dmath::log(sum) - shift;
}

// h(τ) in 1/ms for shape a > 0 and scale theta > 0 (ms), age tau > 0 (ms).
TSNN_HD inline double gammaHazard(double a, double theta, double tau) {
  const double x = tau / theta;
  const double gln = logGamma(a);
  if (x < a + 1.0) {
    // P(a, x) by its series; S = 1 - P.
    double ap = a, term = 1.0 / a, sum = term;
    for (int n = 0; n < 1000; ++n) {
      ap += 1.0;
      term *= x / ap;
      sum += term;
      if (term < sum * 1e-16) break;
    }
    const double logPrefix = -x + a * dmath::log(x) - gln;
    const double survival = 1.0 - sum * dmath::exp(logPrefix);
    const double density = dmath::exp(logPrefix - dmath::log(x)) / theta;  // x^{a-1} e^{-x} / (Γ(a) θ)
    return survival > 0.0 ? density / survival : 1e300;
  }
  // Q(a, x) = e^{-x} x^a / Γ(a) · F by Lentz's continued fraction, so that h = 1 / (θ·x·F) without underflow.
  const double tiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, f = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (d > -tiny && d < tiny) d = tiny;
    c = b + an / c;
    if (c > -tiny && c < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    f *= delta;
    if (delta > 1.0 - 1e-16 && delta < 1.0 + 1e-16) break;
  }
  return 1.0 / (theta * x * f);
}

}  // namespace tsnn
