// One time step of PyNN's GIF_cond_exp (Pozzorini et al. 2015; NEST gif_cond_exp) for one cell: a leaky membrane
// with exponential conductances, a spike-triggered current η = Σ η_k and a moving threshold v_t = v_t* + Σ γ_k,
// and escape noise: in a step of length dt the cell fires with probability 1 - exp(-λ·dt/1000),
// λ = lambda0·exp((V - v_t)/delta_v) Hz (pynn-api.md §2.7). NEST's order: η and v_t are taken at the start of the
// step, then their elements decay; V integrates (RK4, conductances exact, η constant); the escape draw uses the
// uniform keyed by (cell, step) of the population's stream; on a spike η_k += a_eta_k, γ_k += a_gamma_k, V = v_reset
// and V is held there for round(tau_refrac/dt) steps.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/models/conductance_updates.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

struct GifExtra {
  double* eta;          // etaCount values per cell, cell-major: eta[i * etaCount + k]
  double* gamma;        // gammaCount values per cell
  double* iEta;         // recorded: Σ η_k at the start of the last step (nA)
  double* vT;           // recorded: v_t* + Σ γ_k at the start of the last step (mV)
  const double* etaDecay;    // e^{-dt/tau_eta_k}, same layout as eta
  const double* gammaDecay;
  const double* aEta;        // nA
  const double* aGamma;      // mV
  uint32_t etaCount;
  uint32_t gammaCount;
  const double* vTStar;
  const double* lambda0;     // Hz
  const double* deltaV;
  RandomStream stream;
  // The step's escape draws, stream.uniform(i, step) at [i], drawn for a range at once (philoxUniformRun, eight
  // cells a SIMD pass in WebAssembly); null: each cell draws its own (the CUDA engine).
  const double* escapeDraws = nullptr;
};

// The escape rule: the draw u fires the cell when u < 1 - exp(-λ·h/1000), λ = lambda0·exp(z) Hz,
// z = (V - v_t)/delta_v.
TSNN_HD inline bool gifEscapes(double u, double lambda0, double z, double h) {
  const double lambda = lambda0 * dmath::exp(z);
  return lambda > 0.0 && u < -dmath::expm1(-lambda * h / 1000.0);
}

// Whether gifEscapes(u, lambda0, z, h) is surely false, from a bound instead of its exp and expm1 (a 17-term
// chain): 1 - e^{-y} <= y, and e^z <= 2^{floor(z/ln 2) + 1}, so with rateScale = lambda0·h/1000 the probability is
// at most half of B = rateScale·2^{floor(z/ln 2) + 2}; the margin covers every rounding. u > B (strictly: u = 0
// fires any positive probability) then means no spike. A cell well below its threshold, the common case, is
// decided here. NaN, z >= 700 or a bound that overflows leave the decision to gifEscapes.
TSNN_HD inline bool escapeSurelyMisses(double u, double rateScale, double z) {
  if (!(z < 700.0)) return false;
  const double t = z > -700.0 ? z * dmath::kExpInvLn2 : -1005.0;  // e^-700 < 2^-1009
  const int n = static_cast<int>(dmath::floor(t)) + 2;
  return u > rateScale * dmath::fromBits(static_cast<uint64_t>(1023 + n) << 52);
}

// What a step reads of the kernels, at its start: η = Σ η_k (nA) and v_t = v_t* + Σ γ_k (mV). The elements then
// decay, and i_eta and v_t are recorded.
struct GifKernels {
  double eta, threshold;
};

TSNN_HD inline GifKernels gifKernels(const GifExtra& x, uint32_t i) {
  double eta = 0.0;
  for (uint32_t k = 0; k < x.etaCount; ++k) {
    eta += x.eta[i * x.etaCount + k];
    x.eta[i * x.etaCount + k] *= x.etaDecay[i * x.etaCount + k];
  }
  double threshold = x.vTStar[i];
  for (uint32_t k = 0; k < x.gammaCount; ++k) {
    threshold += x.gamma[i * x.gammaCount + k];
    x.gamma[i * x.gammaCount + k] *= x.gammaDecay[i * x.gammaCount + k];
  }
  x.iEta[i] = eta;
  x.vT[i] = threshold;
  return GifKernels{eta, threshold};
}

// The end of cell i's step given its integrated V (ignored while refractory): the refractory clamp, or the escape
// draw and, on a spike, the kernels' jumps and the reset. True when the cell spiked.
TSNN_HD inline bool gifSettle(const CondCells& c, const GifExtra& x, uint32_t i, double h, uint64_t step, double v,
                              double threshold) {
  bool spike = false;
  if (c.refractory[i] == 0) {
    const double z = (v - threshold) / x.deltaV[i];
    const double u = x.escapeDraws != nullptr ? x.escapeDraws[i] : x.stream.uniform(i, static_cast<uint32_t>(step));
    if (!escapeSurelyMisses(u, x.lambda0[i] * h / 1000.0, z) && gifEscapes(u, x.lambda0[i], z, h)) {
      spike = true;
      for (uint32_t k = 0; k < x.etaCount; ++k) x.eta[i * x.etaCount + k] += x.aEta[i * x.etaCount + k];
      for (uint32_t k = 0; k < x.gammaCount; ++k) x.gamma[i * x.gammaCount + k] += x.aGamma[i * x.gammaCount + k];
      c.refractory[i] = c.refractorySteps[i];
      v = c.vReset[i];
    }
  } else {
    --c.refractory[i];
    v = c.vReset[i];
  }
  c.v[i] = v;
  return spike;
}

TSNN_HD inline bool gifStep(const CondCells& c, const GifExtra& x, uint32_t i, double h, uint64_t step, double inExc,
                            double inInh, double injected) {
  const GifKernels kernels = gifKernels(x, i);
  const double gE0 = c.gExc[i], gI0 = c.gInh[i];
  const double gE1 = gE0 * c.decayExc[i], gI1 = gI0 * c.decayInh[i];
  double v = c.v[i];
  if (c.refractory[i] == 0) {
    v = condRk4Voltage(v, h, c.gLeak[i], c.vRest[i], c.eRevExc[i], c.eRevInh[i], c.invCm[i],
                       c.iOffset[i] + injected - kernels.eta, gE0, gI0, gE0 * c.halfDecayExc[i],
                       gI0 * c.halfDecayInh[i], gE1, gI1);
  }
  const bool spike = gifSettle(c, x, i, h, step, v, kernels.threshold);
  c.gExc[i] = gE1 + inExc;
  c.gInh[i] = gI1 + inInh;
  return spike;
}

}  // namespace tsnn
