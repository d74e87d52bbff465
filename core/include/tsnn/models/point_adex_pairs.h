// PointNeuron(AdExp)'s whole steps two cells at a time, as adex_pairs.h does for the standard adaptive exponential
// cells: each cell's receptor sums as pointAdexWholeStep forms them, then the RK4 step of (V, w) on two lanes
// (adexRk4X2 with PointAdexPair), term for term as pointAdexRk4, so the same doubles. A cell whose step does not
// hold (adexWholeStepHolds) is then stepped by pointAdexStep alone, from its unchanged state. The step's
// exponential chain is its latency, which two cells share (bench/adex_step.ts).
#pragma once

#include <cstdint>

#include "tsnn/models/adex_pairs.h"
#include "tsnn/models/point_neuron_update.h"

#if defined(TSNN_SIMD_PAIR)
namespace tsnn::simd {

// Cells i and i + 1's constants of pointAdexDvDt and pointAdexDwDt.
struct PointAdexPair {
  F vPeak, vThresh, deltaT, gLeak, vRest, invCm, a, invTauW;

  PointAdexPair(const PointCells& c, uint32_t i)
      : vPeak(load(c.vPeak + i)), vThresh(load(c.vThresh + i)), deltaT(load(c.deltaT + i)), gLeak(load(c.gLeak + i)),
        vRest(load(c.vRest + i)), invCm(load(c.invCm + i)), a(load(c.a + i)), invTauW(load(c.invTauW + i)) {}

  // pointAdexDvDt: g the conductance sum, ge the sum of g·e plus the synaptic currents.
  F dvdt(F v, F w, F g, F ge, F current, F spikeCurrent) const {
    return mul(add(sub(add(add(mul(gLeak, sub(vRest, v)), spikeCurrent), sub(ge, mul(g, v))), w), current), invCm);
  }

  F dwdt(F v, F w) const { return mul(sub(mul(a, sub(v, vRest)), w), invTauW); }
};

// Cells i and i + 1 for one step (injectedPair: their current-source currents), as pointAdexStep would step each.
// Returns the spike bits (bit k: cell i + k).
inline uint32_t pointAdexStepPair(const PointCells& c, uint32_t i, double dt, const int64_t* const* rows,
                                  F injectedPair) {
  alignas(16) double injected[2];  // per cell, for the steps a cell takes alone
  store(injected, injectedPair);
  const bool whole = c.refractory[i] == 0 && c.refractory[i + 1] == 0 && adexMayStepWhole(c.vPeak[i], c.v[i]) &&
                     adexMayStepWhole(c.vPeak[i + 1], c.v[i + 1]);
  if (!whole) {
    return (pointAdexStep(c, i, dt, rows, injected[0]) ? 1u : 0u) |
           (pointAdexStep(c, i + 1, dt, rows, injected[1]) ? 2u : 0u);
  }
  const ReceptorSums d0 = pointAdexWholeStepSums(c, i), d1 = pointAdexWholeStepSums(c, i + 1);
  const F bias = add(load(c.iOffset + i), injectedPair);
  F v = load(c.v + i), w = load(c.w + i);
  adexRk4X2(PointAdexPair(c, i), dt, bias, v, w, lanes(d0.g0, d1.g0), lanes(d0.a0, d1.a0), lanes(d0.gh, d1.gh),
            lanes(d0.ah, d1.ah), lanes(d0.g1, d1.g1), lanes(d0.a1, d1.a1));
  return settleAdexPair(
      c.deltaT, c.vThresh, c.vPeak, c.v, i, v, w,
      [&](uint32_t j, double vEnd, double wEnd) { pointAdexStoreWholeStep(c, j, vEnd, wEnd, 0, rows); },
      [&](uint32_t j, uint32_t lane) { return pointAdexStep(c, j, dt, rows, injected[lane]); });
}

}  // namespace tsnn::simd
#endif  // TSNN_SIMD_PAIR
