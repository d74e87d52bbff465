// PointNeuron(AdExp)'s whole steps two cells at a time, as adex_pairs.h does for the standard adaptive exponential
// cells: each cell's receptor sums as pointAdexWholeStep forms them, then the RK4 step of (V, w) on two lanes, term
// for term as pointAdexRk4, so the same doubles. A cell whose step does not hold (adexWholeStepHolds) is then
// stepped by pointAdexStep alone, from its unchanged state. The step's exponential chain is its latency, which two
// cells share (bench/adex_step.ts).
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

// Two cells' receptor sums, lane by lane.
struct ReceptorSumsX2 {
  F a0, ah, a1, g0, gh, g1;

  explicit ReceptorSumsX2(const ReceptorSums* d)
      : a0(lanes(d[0].a0, d[1].a0)), ah(lanes(d[0].ah, d[1].ah)), a1(lanes(d[0].a1, d[1].a1)),
        g0(lanes(d[0].g0, d[1].g0)), gh(lanes(d[0].gh, d[1].gh)), g1(lanes(d[0].g1, d[1].g1)) {}

  static F lanes(double first, double second) {
    alignas(16) const double both[2] = {first, second};
    return load(both);
  }
};

// pointAdexRk4 on two lanes.
TSNN_PAIR_INLINE void pointAdexRk4X2(const PointAdexPair& p, double h, F bias, const ReceptorSumsX2& d, F& v, F& w) {
  const F halfStep = splat(0.5 * h), step = splat(h), two = splat(2.0);
  AdexSpikeStagesX2 spike(p.gLeak, p.vPeak, p.vThresh, p.deltaT);
  const F kv1 = p.dvdt(v, w, d.g0, d.a0, bias, spike.first(v)), kw1 = p.dwdt(v, w);
  const F v2 = add(v, mul(halfStep, kv1)), w2 = add(w, mul(halfStep, kw1));
  const F kv2 = p.dvdt(v2, w2, d.gh, d.ah, bias, spike.later(v2)), kw2 = p.dwdt(v2, w2);
  const F v3 = add(v, mul(halfStep, kv2)), w3 = add(w, mul(halfStep, kw2));
  const F kv3 = p.dvdt(v3, w3, d.gh, d.ah, bias, spike.later(v3)), kw3 = p.dwdt(v3, w3);
  const F v4 = add(v, mul(step, kv3)), w4 = add(w, mul(step, kw3));
  const F kv4 = p.dvdt(v4, w4, d.g1, d.a1, bias, spike.later(v4)), kw4 = p.dwdt(v4, w4);
  const F sixth = splat(h / 6.0);
  v = add(v, mul(sixth, add(add(add(kv1, mul(two, kv2)), mul(two, kv3)), kv4)));
  w = add(w, mul(sixth, add(add(add(kw1, mul(two, kw2)), mul(two, kw3)), kw4)));
}

// Cells i and i + 1 for one step (injected: their current-source currents), as pointAdexStep would step each.
// Returns the spike bits (bit k: cell i + k).
inline uint32_t pointAdexStepPair(const PointCells& c, uint32_t i, double dt, const int64_t* const* rows,
                                  const double* injected) {
  const bool whole = c.refractory[i] == 0 && c.refractory[i + 1] == 0 && adexMayStepWhole(c.vPeak[i], c.v[i]) &&
                     adexMayStepWhole(c.vPeak[i + 1], c.v[i + 1]);
  if (!whole) {
    return (pointAdexStep(c, i, dt, rows, injected[0]) ? 1u : 0u) |
           (pointAdexStep(c, i + 1, dt, rows, injected[1]) ? 2u : 0u);
  }
  const ReceptorSums sums[2] = {pointAdexWholeStepSums(c, i), pointAdexWholeStepSums(c, i + 1)};
  const F bias = ReceptorSumsX2::lanes(c.iOffset[i] + injected[0], c.iOffset[i + 1] + injected[1]);
  F v = load(c.v + i), w = load(c.w + i);
  pointAdexRk4X2(PointAdexPair(c, i), dt, bias, ReceptorSumsX2(sums), v, w);
  return settleAdexPair(
      c.deltaT, c.vThresh, c.vPeak, c.v, i, v, w,
      [&](uint32_t j, double vEnd, double wEnd) { pointAdexStoreWholeStep(c, j, vEnd, wEnd, 0, rows); },
      [&](uint32_t j, uint32_t lane) { return pointAdexStep(c, j, dt, rows, injected[lane]); });
}

}  // namespace tsnn::simd
#endif  // TSNN_SIMD_PAIR
