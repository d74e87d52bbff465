#include "tsnn/models/lif_propagators.h"

#include <cmath>

namespace tsnn {

namespace {

// (1 - e^{-x})/x, accurate for every x including 0.
double oneMinusExpOverX(double x) { return x == 0.0 ? 1.0 : -std::expm1(-x) / x; }

// (1 - e^{-x}(1 + x))/x², accurate for every x: the series near 0 avoids the cancellation of the closed form.
double alphaIntegralFactor(double x) {
  if (std::fabs(x) < 1e-2) {
    // 1/2 - x/3 + x²/8 - x³/30 + x⁴/144 - x^5/840: the next term is below 2e-15 relative here.
    return 0.5 + x * (-1.0 / 3.0 + x * (1.0 / 8.0 + x * (-1.0 / 30.0 + x * (1.0 / 144.0 + x * (-1.0 / 840.0)))));
  }
  return (-std::expm1(-x) - x * std::exp(-x)) / (x * x);
}

}  // namespace

LifPropagators lifPropagators(double tauM, double cm, double tauSyn, double h) {
  LifPropagators p{};
  p.p22 = std::exp(-h / tauM);
  p.p20 = -tauM / cm * std::expm1(-h / tauM);
  p.p11 = std::exp(-h / tauSyn);
  p.p21Alpha = h * p.p11;
  const double a = 1.0 / tauSyn - 1.0 / tauM;
  // ∫0^h e^{-(h-s)/tau_m} e^{-s/tau_syn} ds / cm = e^{-h/tau_m} ∫0^h e^{-a s} ds / cm
  p.p21 = p.p22 * h * oneMinusExpOverX(a * h) / cm;
  // ∫0^h e^{-(h-s)/tau_m} s e^{-s/tau_syn} ds / cm = e^{-h/tau_m} ∫0^h s e^{-a s} ds / cm
  p.p31 = p.p22 * h * h * alphaIntegralFactor(a * h) / cm;
  return p;
}

}  // namespace tsnn
