// The adaptive exponential cells' whole steps (adex_update.h) two cells at a time, where both may step whole:
// the RK4 step of (V, w) with its exponential terms on two lanes (simd_exp.h), term for term as adexRk4, so the
// same doubles. A cell whose step does not hold (adexWholeStepHolds) is then stepped by adexStep alone, from its
// unchanged state: the substeps, as before. The stages' exponentials are each one's wait for the last, so a
// cell's step is bound by their latency; two cells share it (bench/adex_step.ts), and the later stages' are short
// polynomials (AdexSpikeStages).
#pragma once

#include <cstdint>

#include "tsnn/math/simd_exp.h"
#include "tsnn/models/adex_update.h"
#include "tsnn/models/simd_pair.h"

#if defined(TSNN_SIMD_PAIR)
namespace tsnn::simd {

// AdexSpikeStages on two lanes, term for term: a lane whose x leaves kExpNearRange takes its own exponential, as
// there. Where delta_T = 0 the exponential's argument is replaced by -1 (its value is not used): x/0 would send the
// pair to the scalar exponential. Shared by the standard cells (AdexPair) and PointNeuron(AdExp)
// (point_adex_pairs.h).
struct AdexSpikeStagesX2 {
  F vPeak, vThresh, deltaT, deltaTPositive, invDeltaT, leakSpike;
  F vCapped1, e1;

  AdexSpikeStagesX2(F gLeak, F vPeakIn, F vThreshIn, F deltaTIn)
      : vPeak(vPeakIn), vThresh(vThreshIn), deltaT(deltaTIn), deltaTPositive(gt(deltaTIn, splat(0.0))),
        invDeltaT(select(deltaTPositive, div(splat(1.0), deltaTIn), splat(0.0))), leakSpike(mul(gLeak, deltaTIn)),
        vCapped1(splat(0.0)), e1(splat(0.0)) {}

  F capped(F v) const { return select(gt(vPeak, v), v, vPeak); }

  F exponential(F vCapped) const {
    return expX2(select(deltaTPositive, div(sub(vCapped, vThresh), deltaT), splat(-1.0)));
  }

  F first(F v) {
    vCapped1 = capped(v);
    e1 = exponential(vCapped1);
    return select(deltaTPositive, mul(leakSpike, e1), splat(0.0));
  }

  F later(F v) const {
    const F vCapped = capped(v);
    const F x = mul(sub(vCapped, vCapped1), invDeltaT);
    const F near = maskAnd(le(x, splat(dmath::kExpNearRange)), ge(x, splat(-dmath::kExpNearRange)));
    F e = mul(e1, expNearX2(x));
    if (laneBits(near) != 3u) e = select(near, e, exponential(vCapped));
    return select(deltaTPositive, mul(leakSpike, e), splat(0.0));
  }
};

// Cells i and i + 1's constants of adexDvDt and adexDwDt.
struct AdexPair {
  F vPeak, vThresh, deltaT, gLeak, vRest, eRevExc, eRevInh, invCm, a, invTauW;

  AdexPair(const AdexCells& c, uint32_t i)
      : vPeak(load(c.vPeak + i)), vThresh(load(c.vThresh + i)), deltaT(load(c.deltaT + i)), gLeak(load(c.gLeak + i)),
        vRest(load(c.vRest + i)), eRevExc(load(c.eRevExc + i)), eRevInh(load(c.eRevInh + i)),
        invCm(load(c.invCm + i)), a(load(c.a + i)), invTauW(load(c.invTauW + i)) {}

  // adexDvDt
  F dvdt(F v, F w, F gE, F gI, F current, F spikeCurrent) const {
    const F sum = add(sub(add(add(add(mul(gLeak, sub(vRest, v)), spikeCurrent), mul(gE, sub(eRevExc, v))),
                              mul(gI, sub(eRevInh, v))),
                          w),
                      current);
    return mul(sum, invCm);
  }

  F dwdt(F v, F w) const { return mul(sub(mul(a, sub(v, vRest)), w), invTauW); }
};

// adexRk4 on two lanes, and pointAdexRk4 with Pair = PointAdexPair (point_adex_pairs.h): the pair's dvdt takes
// two synaptic terms at each stage, (x, y) at the step's start, (xh, yh) in its middle and (x1, y1) at its end
// (gE and gI; for PointNeuron the conductance sum and Σ g·e plus the currents).
template <typename Pair>
TSNN_PAIR_INLINE void adexRk4X2(const Pair& p, double h, F current, F& v, F& w, F x, F y, F xh, F yh, F x1, F y1) {
  const F halfStep = splat(0.5 * h), step = splat(h), two = splat(2.0);
  AdexSpikeStagesX2 spike(p.gLeak, p.vPeak, p.vThresh, p.deltaT);
  const F kv1 = p.dvdt(v, w, x, y, current, spike.first(v)), kw1 = p.dwdt(v, w);
  const F v2 = add(v, mul(halfStep, kv1)), w2 = add(w, mul(halfStep, kw1));
  const F kv2 = p.dvdt(v2, w2, xh, yh, current, spike.later(v2)), kw2 = p.dwdt(v2, w2);
  const F v3 = add(v, mul(halfStep, kv2)), w3 = add(w, mul(halfStep, kw2));
  const F kv3 = p.dvdt(v3, w3, xh, yh, current, spike.later(v3)), kw3 = p.dwdt(v3, w3);
  const F v4 = add(v, mul(step, kv3)), w4 = add(w, mul(step, kw3));
  const F kv4 = p.dvdt(v4, w4, x1, y1, current, spike.later(v4)), kw4 = p.dwdt(v4, w4);
  const F sixth = splat(h / 6.0);
  v = add(v, mul(sixth, add(add(add(kv1, mul(two, kv2)), mul(two, kv3)), kv4)));
  w = add(w, mul(sixth, add(add(add(kw1, mul(two, kw2)), mul(two, kw3)), kw4)));
}

// The end of two cells' whole RK4 step (v, w: its result): a lane whose step held (adexWholeStepHolds) is kept by
// keep(j, v, w); any other cell is stepped alone from its unchanged state by stepAlone(j, lane), true for a spike.
// Returns the spike bits (bit k: cell i + k). Shared with PointNeuron(AdExp) (point_adex_pairs.h).
template <typename Keep, typename StepAlone>
TSNN_PAIR_INLINE uint32_t settleAdexPair(const double* deltaT, const double* vThresh, const double* vPeak,
                                         const double* vStart, uint32_t i, F v, F w, Keep keep, StepAlone stepAlone) {
  alignas(16) double vEnd[2], wEnd[2];
  store(vEnd, v);
  store(wEnd, w);
  uint32_t spikes = 0;
  for (uint32_t lane = 0; lane < 2; ++lane) {
    const uint32_t j = i + lane;
    if (adexWholeStepHolds(deltaT[j], vThresh[j], vPeak[j], vStart[j], vEnd[lane])) {
      keep(j, vEnd[lane], wEnd[lane]);
    } else if (stepAlone(j, lane)) {
      spikes |= 1u << lane;
    }
  }
  return spikes;
}

// Cells i and i + 1 for one step, with their input (the lanes of inExcPair, inInhPair: fixed point converted;
// injectedPair: current-source current), as adexStep would step each. Returns the spike bits (bit k: cell i + k).
inline uint32_t adexStepPair(const AdexCells& c, uint32_t i, double dt, bool alpha, F inExcPair, F inInhPair,
                             F injectedPair) {
  alignas(16) double inExc[2], inInh[2], injected[2];  // per cell, for the steps a cell takes alone
  store(inExc, inExcPair);
  store(inInh, inInhPair);
  store(injected, injectedPair);
  const bool whole = c.refractory[i] == 0 && c.refractory[i + 1] == 0 && adexMayStepWhole(c.vPeak[i], c.v[i]) &&
                     adexMayStepWhole(c.vPeak[i + 1], c.v[i + 1]);
  if (!whole) {
    return (adexStep(c, i, dt, alpha, inExc[0], inInh[0], injected[0]) ? 1u : 0u) |
           (adexStep(c, i + 1, dt, alpha, inExc[1], inInh[1], injected[1]) ? 2u : 0u);
  }
  const AdexStepDecays d[2] = {adexStepDecays(c, i), adexStepDecays(c, i + 1)};
  alignas(16) const double halfExc[2] = {d[0].halfExc, d[1].halfExc}, wholeExc[2] = {d[0].wholeExc, d[1].wholeExc};
  alignas(16) const double halfInh[2] = {d[0].halfInh, d[1].halfInh}, wholeInh[2] = {d[0].wholeInh, d[1].wholeInh};
  const F gE = load(c.gExc + i), gI = load(c.gInh + i);
  F gEh, gIh, gE1, gI1;
  if (alpha) {
    const F dE = load(c.dgExc + i), dI = load(c.dgInh + i), halfStep = splat(0.5 * dt), step = splat(dt);
    gEh = mul(add(gE, mul(halfStep, dE)), load(halfExc));
    gIh = mul(add(gI, mul(halfStep, dI)), load(halfInh));
    gE1 = mul(add(gE, mul(step, dE)), load(wholeExc));
    gI1 = mul(add(gI, mul(step, dI)), load(wholeInh));
  } else {
    gEh = mul(gE, load(halfExc));
    gIh = mul(gI, load(halfInh));
    gE1 = mul(gE, load(wholeExc));
    gI1 = mul(gI, load(wholeInh));
  }
  const F current = add(load(c.iOffset + i), injectedPair);
  F v = load(c.v + i), w = load(c.w + i);
  adexRk4X2(AdexPair(c, i), dt, current, v, w, gE, gI, gEh, gIh, gE1, gI1);
  return settleAdexPair(
      c.deltaT, c.vThresh, c.vPeak, c.v, i, v, w,
      [&](uint32_t j, double vEnd, double wEnd) {
        adexStoreWholeStep(c, j, alpha, dt, d[j - i], vEnd, wEnd, 0, inExc[j - i], inInh[j - i]);
      },
      [&](uint32_t j, uint32_t lane) { return adexStep(c, j, dt, alpha, inExc[lane], inInh[lane], injected[lane]); });
}

}  // namespace tsnn::simd
#endif  // TSNN_SIMD_PAIR
