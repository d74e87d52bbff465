// The integrate-and-fire cells whose constants differ from cell to cell, two cells at a time where SIMD pairs are
// built (simd_pair.h): the LIF models off the uniform path (their parameters differ: IF_curr_exp, IF_curr_alpha,
// IF_curr_delta, IF_cond_exp, IF_cond_alpha), and IF_cond_exp_gsfa_grr, GIF_cond_exp and Izhikevich always. Each pair's
// integration of V runs on two lanes, operation for operation the per-cell step's (lif_updates.h; condRk4Voltage;
// gsfaDerivative's stages), with each lane's own constants loaded beside its state, so the bits are those of the
// per-cell steps. A quiet pair (neither cell refractory, neither near a spike: nearly every pair) ends in vector
// form; the others end lane by lane in the per-cell code itself (currSettle, condThresholdAndReset, gsfaSettle,
// gifSettle). test/core/models_cell_pairs_test.cpp compares the two, bit for bit.
#pragma once

#include <cstdint>

#include "tsnn/models/conductance_updates.h"
#include "tsnn/models/gif_update.h"
#include "tsnn/models/gsfa_grr_update.h"
#include "tsnn/models/izhikevich_update.h"
#include "tsnn/models/lif_uniform_simd.h"
#include "tsnn/models/lif_updates.h"

#if defined(TSNN_SIMD_PAIR)
namespace tsnn::simd {

// condRk4Voltage of cells i and i + 1 with their own constants (current: iOffset + injected, for GIF minus η).
TSNN_PAIR_INLINE F condVoltagePair(const CondCells& c, uint32_t i, double h, F current, F gE0, F gI0, F gEh, F gIh,
                                   F gE1, F gI1) {
  const F invCm = load(c.invCm + i), gLeak = load(c.gLeak + i);
  const F sixth = mul(splat(h / 6.0), invCm);
  const F rest = mul(sixth, add(mul(gLeak, load(c.vRest + i)), current));
  return condRk4VoltageX2(load(c.v + i), sixth, mul(splat(0.5 * h), invCm), mul(splat(h), invCm), gLeak, rest,
                          mul(sixth, load(c.eRevExc + i)), mul(sixth, load(c.eRevInh + i)), gE0, gI0, gEh, gIh, gE1,
                          gI1);
}

// The per-cell end of a step for both lanes: `settle(j, v)` (true: cell j spiked) given each lane's free V.
// Returns the spike bits (1: cell i, 2: cell i + 1).
template <typename Settle>
TSNN_PAIR_INLINE uint32_t settlePair(uint32_t i, F vFree, Settle settle) {
  const uint32_t first = settle(i, lane<0>(vFree)) ? 1u : 0u;
  return first | (settle(i + 1, lane<1>(vFree)) ? 2u : 0u);
}

// Whether cells i and i + 1 end their step quietly: neither refractory, neither V at its threshold. Then
// condThresholdAndReset and currSettle only store V, which the caller does for both at once; the per-cell code,
// run lane by lane, costs WebAssembly more than the pair's integration (3.0 -> 5.3 ns a cell for IF_cond_exp).
template <typename Cells>
TSNN_PAIR_INLINE bool quietPair(const Cells& c, uint32_t i, F vFree) {
  return bothFree(c.refractory + i) && laneBits(ge(vFree, load(c.vThresh + i))) == 0;
}

// The end of a pair's step for the models whose quiet cells only store V: a quiet pair in vector form, else each
// lane by `settle(j, v)`.
template <typename Cells, typename Settle>
TSNN_PAIR_INLINE uint32_t quietOrSettlePair(const Cells& c, uint32_t i, F vFree, Settle settle) {
  if (quietPair(c, i, vFree)) {
    store(c.v + i, vFree);
    return 0;
  }
  return settlePair(i, vFree, settle);
}

// The end of a current-based pair's step (currSettle's).
TSNN_PAIR_INLINE uint32_t currSettlePair(const LifCurrCells& c, uint32_t i, F vFree) {
  return quietOrSettlePair(c, i, vFree, [&](uint32_t j, double v) { return currSettle(c, j, v); });
}

// The end of a conductance-based pair's step (condThresholdAndReset's): CondCells, or PointCells for
// PointNeuron(LIF) (point_lif_pairs.h).
template <typename Cells>
TSNN_PAIR_INLINE uint32_t condSettlePair(const Cells& c, uint32_t i, F vFree) {
  return quietOrSettlePair(c, i, vFree, [&](uint32_t j, double v) { return condThresholdAndReset(c, j, v); });
}

// vRest + p22·(V − vRest), the start of every current-based cell's free V.
TSNN_PAIR_INLINE F currLeakPair(const LifCurrCells& c, uint32_t i) {
  const F vRest = load(c.vRest + i);
  return add(vRest, mul(load(c.p22 + i), sub(load(c.v + i), vRest)));
}

// ifCurrExpStep (lif_updates.h) for cells i and i + 1.
TSNN_PAIR_INLINE uint32_t ifCurrExpCellPair(const LifCurrCells& c, uint32_t i, F inExc, F inInh, F injected) {
  const F iExc = load(c.iExc + i), iInh = load(c.iInh + i);
  const F vFree = add(add(add(currLeakPair(c, i), mul(load(c.p21Exc + i), iExc)), mul(load(c.p21Inh + i), iInh)),
                      mul(load(c.p20 + i), add(load(c.iOffset + i), injected)));
  store(c.iExc + i, add(mul(iExc, load(c.p11Exc + i)), inExc));
  store(c.iInh + i, add(mul(iInh, load(c.p11Inh + i)), inInh));
  return currSettlePair(c, i, vFree);
}

// ifCurrAlphaStep for cells i and i + 1.
TSNN_PAIR_INLINE uint32_t ifCurrAlphaCellPair(const LifCurrCells& c, uint32_t i, F inExc, F inInh, F injected) {
  const F iExc = load(c.iExc + i), iInh = load(c.iInh + i), dExc = load(c.dExc + i), dInh = load(c.dInh + i);
  const F p11Exc = load(c.p11Exc + i), p11Inh = load(c.p11Inh + i);
  F vFree = add(currLeakPair(c, i), mul(load(c.p31Exc + i), dExc));
  vFree = add(add(add(vFree, mul(load(c.p21Exc + i), iExc)), mul(load(c.p31Inh + i), dInh)),
              mul(load(c.p21Inh + i), iInh));
  vFree = add(vFree, mul(load(c.p20 + i), add(load(c.iOffset + i), injected)));
  store(c.iExc + i, add(mul(load(c.p21AlphaExc + i), dExc), mul(p11Exc, iExc)));
  store(c.dExc + i, add(mul(dExc, p11Exc), mul(load(c.alphaScaleExc + i), inExc)));
  store(c.iInh + i, add(mul(load(c.p21AlphaInh + i), dInh), mul(p11Inh, iInh)));
  store(c.dInh + i, add(mul(dInh, p11Inh), mul(load(c.alphaScaleInh + i), inInh)));
  return currSettlePair(c, i, vFree);
}

// ifCurrDeltaStep for cells i and i + 1.
TSNN_PAIR_INLINE uint32_t ifCurrDeltaCellPair(const LifCurrCells& c, uint32_t i, F inExc, F inInh, F injected) {
  const F vFree = add(add(currLeakPair(c, i), mul(load(c.p20 + i), add(load(c.iOffset + i), injected))),
                      add(inExc, inInh));
  return currSettlePair(c, i, vFree);
}

// ifCondExpStep (conductance_updates.h) for cells i and i + 1. A refractory lane's V is integrated too and then
// discarded by condThresholdAndReset, which clamps it to v_reset.
TSNN_PAIR_INLINE uint32_t ifCondExpCellPair(const CondCells& c, uint32_t i, double h, F inExc, F inInh, F injected) {
  const F gE0 = load(c.gExc + i), gI0 = load(c.gInh + i);
  const F gE1 = mul(gE0, load(c.decayExc + i)), gI1 = mul(gI0, load(c.decayInh + i));
  const F vFree = condVoltagePair(c, i, h, add(load(c.iOffset + i), injected), gE0, gI0,
                                  mul(gE0, load(c.halfDecayExc + i)), mul(gI0, load(c.halfDecayInh + i)), gE1, gI1);
  store(c.gExc + i, add(gE1, inExc));
  store(c.gInh + i, add(gI1, inInh));
  return condSettlePair(c, i, vFree);
}

// ifCondAlphaStep for cells i and i + 1.
TSNN_PAIR_INLINE uint32_t ifCondAlphaCellPair(const CondCells& c, uint32_t i, double h, F inExc, F inInh,
                                              F injected) {
  const F gE0 = load(c.gExc + i), gI0 = load(c.gInh + i), dE = load(c.dgExc + i), dI = load(c.dgInh + i);
  const F decayExc = load(c.decayExc + i), decayInh = load(c.decayInh + i);
  const F halfStep = splat(0.5 * h), step = splat(h);
  const F gEh = mul(add(gE0, mul(halfStep, dE)), load(c.halfDecayExc + i));
  const F gIh = mul(add(gI0, mul(halfStep, dI)), load(c.halfDecayInh + i));
  const F gE1 = mul(add(gE0, mul(step, dE)), decayExc), gI1 = mul(add(gI0, mul(step, dI)), decayInh);
  const F vFree = condVoltagePair(c, i, h, add(load(c.iOffset + i), injected), gE0, gI0, gEh, gIh, gE1, gI1);
  store(c.gExc + i, gE1);
  store(c.gInh + i, gI1);
  store(c.dgExc + i, add(mul(dE, decayExc), mul(load(c.alphaScaleExc + i), inExc)));
  store(c.dgInh + i, add(mul(dI, decayInh), mul(load(c.alphaScaleInh + i), inInh)));
  return condSettlePair(c, i, vFree);
}

// gsfaDerivative for two cells: each term as the scalar expression groups it.
TSNN_PAIR_INLINE F gsfaDerivativePair(const CondCells& c, const GsfaGrrExtra& x, uint32_t i, F v, F gE, F gI, F gS,
                                      F gR, F current) {
  const F leak = mul(load(c.gLeak + i), sub(load(c.vRest + i), v));
  const F exc = mul(gE, sub(load(c.eRevExc + i), v)), inh = mul(gI, sub(load(c.eRevInh + i), v));
  const F sfa = mul(gS, sub(load(x.eSfa + i), v)), rr = mul(gR, sub(load(x.eRr + i), v));
  return mul(add(add(add(add(add(leak, exc), inh), sfa), rr), current), load(c.invCm + i));
}

// ifCondExpGsfaGrrStep for cells i and i + 1.
TSNN_PAIR_INLINE uint32_t ifCondExpGsfaGrrCellPair(const CondCells& c, const GsfaGrrExtra& x, uint32_t i, double h,
                                                   F inExc, F inInh, F injected) {
  const F milli = splat(1e-3);
  const F gE0 = load(c.gExc + i), gI0 = load(c.gInh + i);
  const F gS0 = mul(load(x.gSfa + i), milli), gR0 = mul(load(x.gRr + i), milli);
  const F gEh = mul(gE0, load(c.halfDecayExc + i)), gIh = mul(gI0, load(c.halfDecayInh + i));
  const F gSh = mul(gS0, load(x.halfDecaySfa + i)), gRh = mul(gR0, load(x.halfDecayRr + i));
  const F gE1 = mul(gE0, load(c.decayExc + i)), gI1 = mul(gI0, load(c.decayInh + i));
  const F gS1 = mul(gS0, load(x.decaySfa + i)), gR1 = mul(gR0, load(x.decayRr + i));
  const F current = add(load(c.iOffset + i), injected);
  const F halfStep = splat(0.5 * h), step = splat(h), two = splat(2.0);
  const F v = load(c.v + i);
  const F k1 = gsfaDerivativePair(c, x, i, v, gE0, gI0, gS0, gR0, current);
  const F k2 = gsfaDerivativePair(c, x, i, add(v, mul(halfStep, k1)), gEh, gIh, gSh, gRh, current);
  const F k3 = gsfaDerivativePair(c, x, i, add(v, mul(halfStep, k2)), gEh, gIh, gSh, gRh, current);
  const F k4 = gsfaDerivativePair(c, x, i, add(v, mul(step, k3)), gE1, gI1, gS1, gR1, current);
  const F vFree = add(v, mul(splat(h / 6.0), add(add(add(k1, mul(two, k2)), mul(two, k3)), k4)));
  store(c.gExc + i, add(gE1, inExc));
  store(c.gInh + i, add(gI1, inInh));
  if (quietPair(c, i, vFree)) {  // gsfaSettle without a spike: V, and g_s and g_r decayed (+ 0.0, as it adds)
    store(c.v + i, vFree);
    store(x.gSfa + i, add(mul(load(x.gSfa + i), load(x.decaySfa + i)), splat(0.0)));
    store(x.gRr + i, add(mul(load(x.gRr + i), load(x.decayRr + i)), splat(0.0)));
    return 0;
  }
  return settlePair(i, vFree, [&](uint32_t j, double vj) { return gsfaSettle(c, x, j, vj); });
}

// gifStep for cells i and i + 1: the kernels of each lane, V on two lanes, the escape draw of each lane.
TSNN_PAIR_INLINE uint32_t gifCellPair(const CondCells& c, const GifExtra& x, uint32_t i, double h, uint64_t step,
                                      F inExc, F inInh, F injected) {
  const GifKernels first = gifKernels(x, i), second = gifKernels(x, i + 1);
  const F gE0 = load(c.gExc + i), gI0 = load(c.gInh + i);
  const F gE1 = mul(gE0, load(c.decayExc + i)), gI1 = mul(gI0, load(c.decayInh + i));
  const F current = sub(add(load(c.iOffset + i), injected), lanes(first.eta, second.eta));
  const F vFree = condVoltagePair(c, i, h, current, gE0, gI0, mul(gE0, load(c.halfDecayExc + i)),
                                  mul(gI0, load(c.halfDecayInh + i)), gE1, gI1);
  store(c.gExc + i, add(gE1, inExc));
  store(c.gInh + i, add(gI1, inInh));
  if (x.escapeDraws != nullptr && bothFree(c.refractory + i)) {
    // Both cells below their thresholds (z <= 0, so λ <= lambda0) with draws above twice lambda0·h/1000, which
    // bounds the firing probability: no spike, V is all that changes (gifSettle's own test, escapeSurelyMisses,
    // decides the other cells).
    const F z = div(sub(vFree, lanes(first.threshold, second.threshold)), load(x.deltaV + i));
    const F bound = mul(splat(2.0), div(mul(load(x.lambda0 + i), splat(h)), splat(1000.0)));
    if (laneBits(maskAnd(le(z, splat(0.0)), gt(load(x.escapeDraws + i), bound))) == 3u) {
      store(c.v + i, vFree);
      return 0;
    }
  }
  return settlePair(i, vFree, [&](uint32_t j, double v) {
    return gifSettle(c, x, j, h, step, v, j == i ? first.threshold : second.threshold);
  });
}

// izhikevichStep (izhikevich_update.h) for cells i and i + 1 (jump: the input of both receptors, added), its reset
// by select: a spike only replaces v by c and adds d to u.
TSNN_PAIR_INLINE uint32_t izhikevichCellPair(const IzhikevichCells& s, uint32_t i, double h, F jump, F injected) {
  const F vOld = load(s.v + i), uOld = load(s.u + i), step = splat(h);
  const F current = mul(add(load(s.iOffset + i), injected), splat(1000.0));
  const F quadratic = add(add(mul(mul(splat(0.04), vOld), vOld), mul(splat(5.0), vOld)), splat(140.0));
  const F v = add(add(vOld, mul(step, add(sub(quadratic, uOld), current))), jump);
  const F u = add(uOld, mul(mul(step, load(s.a + i)), sub(mul(load(s.b + i), vOld), uOld)));
  const F spiked = ge(v, splat(kIzhikevichThreshold));
  store(s.v + i, select(spiked, load(s.c + i), v));
  store(s.u + i, select(spiked, add(u, load(s.d + i)), u));
  return laneBits(spiked);
}

}  // namespace tsnn::simd
#endif
