// The fast path of the current-based LIF models for a population whose cells share every constant (the usual
// case: parameters given as scalars). Same arithmetic, operation for operation, as lif_updates.h (so results are
// bit-identical to the per-cell path), but with the constants in registers, __restrict state arrays and no
// branch in the loop (selects instead), so compilers can keep the loop tight and vectorise it (SSE2, wasm
// simd128); spikes are written as flags and collected afterwards.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/models/conductance_updates.h"

#if defined(__CUDACC__) || defined(__GNUC__) || defined(__clang__)
#define TSNN_RESTRICT __restrict__
#else
#define TSNN_RESTRICT
#endif

namespace tsnn {

struct LifCurrUniform {
  double vRest, vThresh, vReset, iOffset, p22, p20, p11Exc, p11Inh, p21Exc, p21Inh;
  int32_t refractorySteps;
  double p31Exc, p31Inh, p21AlphaExc, p21AlphaInh, alphaScaleExc, alphaScaleInh;  // IF_curr_alpha only
};

// Input rows are fixed point; `injected` may not be null (pass zeros).
TSNN_HD inline void ifCurrExpUniformSteps(uint32_t n, const LifCurrUniform k, double* TSNN_RESTRICT v,
                                          double* TSNN_RESTRICT iExc, double* TSNN_RESTRICT iInh,
                                          int32_t* TSNN_RESTRICT refractory, const int64_t* TSNN_RESTRICT inExc,
                                          const int64_t* TSNN_RESTRICT inInh, const double* TSNN_RESTRICT injected,
                                          uint8_t* TSNN_RESTRICT spiked) {
  for (uint32_t i = 0; i < n; ++i) {
    const double vOld = v[i];
    const int32_t r = refractory[i];
    const double vFree =
        k.vRest + k.p22 * (vOld - k.vRest) + k.p21Exc * iExc[i] + k.p21Inh * iInh[i] + k.p20 * (k.iOffset + injected[i]);
    const double vNew = r == 0 ? vFree : vOld;
    const int32_t rCounted = r == 0 ? 0 : r - 1;
    iExc[i] = iExc[i] * k.p11Exc + fromFixed(inExc[i]);
    iInh[i] = iInh[i] * k.p11Inh + fromFixed(inInh[i]);
    const bool spike = vNew >= k.vThresh;
    v[i] = spike ? k.vReset : vNew;
    refractory[i] = spike ? k.refractorySteps : rCounted;
    spiked[i] = spike ? 1 : 0;
  }
}

// IF_curr_alpha (ifCurrAlphaStep) for cells sharing their constants.
TSNN_HD inline void ifCurrAlphaUniformSteps(uint32_t n, const LifCurrUniform k, double* TSNN_RESTRICT v,
                                            double* TSNN_RESTRICT iExc, double* TSNN_RESTRICT iInh,
                                            double* TSNN_RESTRICT dExc, double* TSNN_RESTRICT dInh,
                                            int32_t* TSNN_RESTRICT refractory, const int64_t* TSNN_RESTRICT inExc,
                                            const int64_t* TSNN_RESTRICT inInh, const double* TSNN_RESTRICT injected,
                                            uint8_t* TSNN_RESTRICT spiked) {
  for (uint32_t i = 0; i < n; ++i) {
    const double vOld = v[i];
    const int32_t r = refractory[i];
    const double vFree = k.vRest + k.p22 * (vOld - k.vRest) + k.p31Exc * dExc[i] + k.p21Exc * iExc[i] +
                         k.p31Inh * dInh[i] + k.p21Inh * iInh[i] + k.p20 * (k.iOffset + injected[i]);
    const double vNew = r == 0 ? vFree : vOld;
    const int32_t rCounted = r == 0 ? 0 : r - 1;
    iExc[i] = k.p21AlphaExc * dExc[i] + k.p11Exc * iExc[i];
    dExc[i] = dExc[i] * k.p11Exc + k.alphaScaleExc * fromFixed(inExc[i]);
    iInh[i] = k.p21AlphaInh * dInh[i] + k.p11Inh * iInh[i];
    dInh[i] = dInh[i] * k.p11Inh + k.alphaScaleInh * fromFixed(inInh[i]);
    const bool spike = vNew >= k.vThresh;
    v[i] = spike ? k.vReset : vNew;
    refractory[i] = spike ? k.refractorySteps : rCounted;
    spiked[i] = spike ? 1 : 0;
  }
}

// IF_curr_delta (ifCurrDeltaStep) for cells sharing their constants: input during refractoriness is dropped.
TSNN_HD inline void ifCurrDeltaUniformSteps(uint32_t n, const LifCurrUniform k, double* TSNN_RESTRICT v,
                                            int32_t* TSNN_RESTRICT refractory, const int64_t* TSNN_RESTRICT inExc,
                                            const int64_t* TSNN_RESTRICT inInh, const double* TSNN_RESTRICT injected,
                                            uint8_t* TSNN_RESTRICT spiked) {
  for (uint32_t i = 0; i < n; ++i) {
    const double vOld = v[i];
    const int32_t r = refractory[i];
    const double vFree = k.vRest + k.p22 * (vOld - k.vRest) + k.p20 * (k.iOffset + injected[i]) +
                         (fromFixed(inExc[i]) + fromFixed(inInh[i]));
    const double vNew = r == 0 ? vFree : vOld;
    const int32_t rCounted = r == 0 ? 0 : r - 1;
    const bool spike = vNew >= k.vThresh;
    v[i] = spike ? k.vReset : vNew;
    refractory[i] = spike ? k.refractorySteps : rCounted;
    spiked[i] = spike ? 1 : 0;
  }
}

struct CondUniform {
  double vRest, vThresh, vReset, iOffset, invCm, gLeak, eRevExc, eRevInh, decayExc, decayInh, halfDecayExc, halfDecayInh;
  int32_t refractorySteps;
};

// IF_cond_exp for cells sharing their constants: the arithmetic of conductance_updates.h (ifCondExpStep).
TSNN_HD inline void ifCondExpUniformSteps(uint32_t n, const CondUniform k, double h, double* TSNN_RESTRICT v,
                                          double* TSNN_RESTRICT gExc, double* TSNN_RESTRICT gInh,
                                          int32_t* TSNN_RESTRICT refractory, const int64_t* TSNN_RESTRICT inExc,
                                          const int64_t* TSNN_RESTRICT inInh, const double* TSNN_RESTRICT injected,
                                          uint8_t* TSNN_RESTRICT spiked) {
  for (uint32_t i = 0; i < n; ++i) {
    const double gE0 = gExc[i], gI0 = gInh[i];
    const double gE1 = gE0 * k.decayExc, gI1 = gI0 * k.decayInh;
    const double gEh = gE0 * k.halfDecayExc, gIh = gI0 * k.halfDecayInh;
    const double vFree = condRk4Voltage(v[i], h, k.gLeak, k.vRest, k.eRevExc, k.eRevInh, k.invCm,
                                        k.iOffset + injected[i], gE0, gI0, gEh, gIh, gE1, gI1);
    const int32_t r = refractory[i];
    const bool spike = r == 0 && vFree >= k.vThresh;
    v[i] = (r > 0 || spike) ? k.vReset : vFree;
    refractory[i] = spike ? k.refractorySteps : (r > 0 ? r - 1 : 0);
    spiked[i] = spike ? 1 : 0;
    gExc[i] = gE1 + fromFixed(inExc[i]);
    gInh[i] = gI1 + fromFixed(inInh[i]);
  }
}

}  // namespace tsnn
