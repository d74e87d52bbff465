// The uniform fast paths (lif_uniform_updates.h) two cells at a time (simd_pair.h: WebAssembly SIMD in the
// WebAssembly build, SSE2 in native x86-64 builds); other targets run the per-cell steps. Lane for lane these are
// the IEEE operations of the per-cell steps in the same order, so the results are bit-identical to them: the
// WebAssembly module, the native server and the CUDA engine give the same spikes
// (test/server/grpc-matches-wasm.test.ts checks it; test/core/models_uniform_path_test.cpp natively).
//
// Why by hand: compilers do not vectorise the scalar loops, because the int64 fixed-point input has no packed
// conversion to double (neither in wasm simd128 nor in SSE2). fixedFromBits converts it exactly from its two
// 32-bit halves instead.
#pragma once

#include <cstdint>
#include <type_traits>

#include "tsnn/models/lif_uniform_updates.h"
#include "tsnn/models/refractory_list.h"
#include "tsnn/models/simd_pair.h"

namespace tsnn {

#if defined(TSNN_SIMD_PAIR)
#define TSNN_UNIFORM_SIMD 1

namespace simd {

using v128_t = F;  // the pair loops below name their double pairs v128_t

// How a pair loop takes the input rows (UniformInput): reads them, reads and zeroes them, or takes no input
// (pairsSkipInput: +0.0, what an empty row converts to).
enum InputMode : int { kReadInput = 0, kReadAndClearInput = 1, kSkipInput = 2 };

// Two cells' fixed-point input rows as doubles, by kInput (InputMode). Read rows are converted whether or not any
// input arrived: skipping all-zero pairs (fromFixed(0) is +0.0) paid a branch that mispredicts on the pairs with
// input, and a micro-benchmark of the IF_curr_exp loop (4000 cells, Vogels-Abbott CUBA constants) ran 10-15 %
// faster without it at CUBA's 180 events per step and 35 % faster at 720; 15 % slower with no input at all.
// Where few channels receive input, kSkipInput with the input added afterwards is faster still.
template <int kInput>
TSNN_PAIR_INLINE void inputX2(int64_t* exc, int64_t* inh, v128_t& excOut, v128_t& inhOut) {
  if (kInput == kSkipInput) {
    excOut = inhOut = splat(0.0);
    return;
  }
  const I e = loadBits(exc), i = loadBits(inh);
  excOut = fixedFromBits(e);
  inhOut = fixedFromBits(i);
  if (kInput == kReadAndClearInput) {
    storeZeroBits(exc);
    storeZeroBits(inh);
  }
}

// The counters after one step: r - 1, or 0 where r == 0 (isZero: the lanes where r == 0).
TSNN_PAIR_INLINE v128_t countDown(v128_t r, v128_t isZero, v128_t one) { return select(isZero, r, sub(r, one)); }

// Appends i and/or i + 1 to spikes when their lanes of `spiked` are set; returns the new count.
TSNN_PAIR_INLINE uint32_t appendSpikes(v128_t spiked, uint32_t i, uint32_t* spikes, uint32_t count) {
  const uint32_t bits = laneBits(spiked);
  if (bits & 1u) spikes[count++] = i;
  if (bits & 2u) spikes[count++] = i + 1;
  return count;
}

// The threshold, and what the rare pairs (a spike, a refractory cell) need, read through loadOpaque only when one
// occurs: held as values of the loop, they took registers, and V8 spilled and reloaded others every iteration.
struct Threshold {
  v128_t vThresh;
  struct Rare {
    v128_t vReset, refractorySteps, one, twoTo52;
  } rare;

  Threshold(double vThreshold, double vReset, double refractorySteps)
      : vThresh(splat(vThreshold)), rare{splat(vReset), splat(refractorySteps), splat(1.0), splat(0x1p52)} {}
  v128_t vReset() const { return loadOpaque(&rare.vReset); }
  v128_t refractorySteps() const { return loadOpaque(&rare.refractorySteps); }
  v128_t one() const { return loadOpaque(&rare.one); }
  v128_t twoTo52() const { return loadOpaque(&rare.twoTo52); }
};

// Cells i, i + 1 taken as free (every model): spike = r == 0 && vFree >= vThresh; v = spike ? vReset : vFree;
// r = spike ? refractorySteps : r. When neither crosses the threshold (nearly always) that is v = vFree and nothing
// else: only a crossing reads the counters. A cell with r > 0 takes its refractory step elsewhere: in
// thresholdCurrX2 and thresholdCondX2 (which call this when neither cell is refractory), or after the pairs in a
// listed step (refractory_list.h).
TSNN_PAIR_INLINE uint32_t thresholdFreeX2(v128_t vFree, double* v, int32_t* refractory, uint32_t i,
                                          const Threshold& k, uint32_t* spikes, uint32_t count) {
  const v128_t crossed = ge(vFree, k.vThresh);
  if (laneBits(crossed) == 0) {
    store(v + i, vFree);
    return count;
  }
  const v128_t r = loadCounters(refractory + i);
  const v128_t spiked = maskAnd(eq(r, splat(0.0)), crossed);
  store(v + i, select(spiked, k.vReset(), vFree));
  storeCounters(refractory + i, select(spiked, k.refractorySteps(), r), k.twoTo52());
  return appendSpikes(spiked, i, spikes, count);
}

// Threshold, reset and refractoriness of the current-based steps for cells i, i + 1 (ifCurrExpUniformCell):
//   vNew = r == 0 ? vFree : vOld;  spike = vNew >= vThresh;  v = spike ? vReset : vNew;
//   r = spike ? refractorySteps : max(r - 1, 0).
TSNN_PAIR_INLINE uint32_t thresholdCurrX2(v128_t vFree, v128_t vOld, double* v, int32_t* refractory, uint32_t i,
                                          const Threshold& k, uint32_t* spikes, uint32_t count) {
  const v128_t zero = splat(0.0);
  if (bothFree(refractory + i)) return thresholdFreeX2(vFree, v, refractory, i, k, spikes, count);
  const v128_t r = loadCounters(refractory + i);
  const v128_t free = eq(r, zero);
  const v128_t vNew = select(free, vFree, vOld);
  const v128_t spiked = ge(vNew, k.vThresh);
  store(v + i, select(spiked, k.vReset(), vNew));
  storeCounters(refractory + i, select(spiked, k.refractorySteps(), countDown(r, free, k.one())), k.twoTo52());
  return appendSpikes(spiked, i, spikes, count);
}

// The same for IF_cond_exp (ifCondExpUniformCell), where a refractory cell is held at vReset:
//   spike = r == 0 && vFree >= vThresh;  v = (r > 0 || spike) ? vReset : vFree;  r as above.
TSNN_PAIR_INLINE uint32_t thresholdCondX2(v128_t vFree, double* v, int32_t* refractory, uint32_t i,
                                          const Threshold& k, uint32_t* spikes, uint32_t count) {
  const v128_t zero = splat(0.0);
  if (bothFree(refractory + i)) return thresholdFreeX2(vFree, v, refractory, i, k, spikes, count);
  const v128_t r = loadCounters(refractory + i);
  const v128_t free = eq(r, zero);
  const v128_t spiked = maskAnd(free, ge(vFree, k.vThresh));
  store(v + i, select(maskOr(maskNot(free), spiked), k.vReset(), vFree));
  storeCounters(refractory + i, select(spiked, k.refractorySteps(), countDown(r, free, k.one())), k.twoTo52());
  return appendSpikes(spiked, i, spikes, count);
}

// The pair loops' thresholds: in a listed step (refractory_list.h) every pair is taken as free.
template <bool kListed>
TSNN_PAIR_INLINE uint32_t thresholdCurrPair(v128_t vFree, v128_t vOld, double* v, int32_t* refractory, uint32_t i,
                                            const Threshold& k, uint32_t* spikes, uint32_t count) {
  if constexpr (kListed) return thresholdFreeX2(vFree, v, refractory, i, k, spikes, count);
  return thresholdCurrX2(vFree, vOld, v, refractory, i, k, spikes, count);
}

template <bool kListed>
TSNN_PAIR_INLINE uint32_t thresholdCondPair(v128_t vFree, double* v, int32_t* refractory, uint32_t i,
                                            const Threshold& k, uint32_t* spikes, uint32_t count) {
  if constexpr (kListed) return thresholdFreeX2(vFree, v, refractory, i, k, spikes, count);
  return thresholdCondX2(vFree, v, refractory, i, k, spikes, count);
}

// Local restrict copies of the state and input pointers, for the pair loops below: the compiler would otherwise
// reload every pointer after each store. A loop leaves unused the arrays its model has not.
#define TSNN_PAIR_POINTERS(s, in)                                       \
  [[maybe_unused]] double* TSNN_RESTRICT v = (s).v;                     \
  [[maybe_unused]] double* TSNN_RESTRICT synExc = (s).synExc;           \
  [[maybe_unused]] double* TSNN_RESTRICT synInh = (s).synInh;           \
  [[maybe_unused]] double* TSNN_RESTRICT dSynExc = (s).dSynExc;         \
  [[maybe_unused]] double* TSNN_RESTRICT dSynInh = (s).dSynInh;         \
  [[maybe_unused]] int32_t* TSNN_RESTRICT refractory = (s).refractory;  \
  [[maybe_unused]] int64_t* TSNN_RESTRICT inExc = (in).exc;             \
  [[maybe_unused]] int64_t* TSNN_RESTRICT inInh = (in).inh;             \
  [[maybe_unused]] const double* TSNN_RESTRICT injected = (in).injected

// What every current-based pair loop shares: the membrane's decay toward rest, the current-source term
// k.p20 * (k.iOffset + injected[i]) and the threshold. Without current sources the scalar path adds rows of zeros:
// p20 * (iOffset + 0.0), hoisted here as `constantTerm` (the same double).
struct CurrPairConstants {
  v128_t vRest, p22, p20, iOffset, constantTerm;
  Threshold threshold;

  explicit CurrPairConstants(const LifCurrUniform& k)
      : vRest(splat(k.vRest)), p22(splat(k.p22)), p20(splat(k.p20)), iOffset(splat(k.iOffset)),
        constantTerm(splat(k.p20 * (k.iOffset + 0.0))),
        threshold(k.vThresh, k.vReset, k.refractorySteps) {}

  // vRest + p22 * (vOld - vRest), the first terms of every current-based vFree.
  v128_t decayed(v128_t vOld) const { return add(vRest, mul(p22, sub(vOld, vRest))); }

  template <bool kInjected>
  v128_t current(const double* injected, uint32_t i) const {
    if (kInjected) return mul(p20, add(iOffset, load(injected + i)));
    return constantTerm;
  }
};

// The pair loops below: kInjected (current sources present), kInput (InputMode).
template <bool kInjected, int kInput, bool kListed>
inline uint32_t ifCurrExpPairs(uint32_t n, const LifCurrUniform& k, const UniformState& s, const UniformInput& in,
                               uint32_t* spikes) {
  const CurrPairConstants c(k);
  const v128_t p11Exc = splat(k.p11Exc), p11Inh = splat(k.p11Inh), p21Exc = splat(k.p21Exc), p21Inh = splat(k.p21Inh);
  TSNN_PAIR_POINTERS(s, in);
  uint32_t count = 0;
  // The body of one pair as a macro: as a lambda (the same operations) V8 compiled the reading loop 1.8 times as
  // slowly.
#define TSNN_CURR_EXP_PAIR(i)                                                                                     \
  {                                                                                                               \
    const v128_t vOld = load(v + (i)), iExc = load(synExc + (i)), iInh = load(synInh + (i));                      \
    const v128_t vFree =                                                                                          \
        add(add(add(c.decayed(vOld), mul(p21Exc, iExc)), mul(p21Inh, iInh)), c.current<kInjected>(injected, (i))); \
    v128_t arrivingExc, arrivingInh;                                                                              \
    inputX2<kInput>(inExc + (i), inInh + (i), arrivingExc, arrivingInh);                                          \
    store(synExc + (i), add(mul(iExc, p11Exc), arrivingExc));                                                     \
    store(synInh + (i), add(mul(iInh, p11Inh), arrivingInh));                                                     \
    count = thresholdCurrPair<kListed>(vFree, vOld, v, refractory, (i), c.threshold, spikes, count);              \
  }
  uint32_t i = 0;
  // Without input, two pairs an iteration: the loop's overhead (V8's stack check, the reloads of what it spilled)
  // halves, and the pairs overlap. bench/kernel.mjs curr (harness set to skip): 1.26-1.28 -> 1.09-1.10 ns a cell
  // and step in wasm. Reading input, the same unrolling ran 2.6 times as slowly (4.2 ns): V8 then spills nearly
  // everything.
  if (kInput == kSkipInput) {
    for (; i + 4 <= n; i += 4) {
      TSNN_CURR_EXP_PAIR(i)
      TSNN_CURR_EXP_PAIR(i + 2)
    }
  }
  for (; i + 2 <= n; i += 2) TSNN_CURR_EXP_PAIR(i)
#undef TSNN_CURR_EXP_PAIR
  return count;
}

template <bool kInjected, int kInput, bool kListed>
inline uint32_t ifCurrAlphaPairs(uint32_t n, const LifCurrUniform& k, const UniformState& s, const UniformInput& in,
                                 uint32_t* spikes) {
  const CurrPairConstants c(k);
  const v128_t p11Exc = splat(k.p11Exc), p11Inh = splat(k.p11Inh), p21Exc = splat(k.p21Exc), p21Inh = splat(k.p21Inh);
  const v128_t p31Exc = splat(k.p31Exc), p31Inh = splat(k.p31Inh);
  const v128_t p21AlphaExc = splat(k.p21AlphaExc), p21AlphaInh = splat(k.p21AlphaInh);
  const v128_t alphaScaleExc = splat(k.alphaScaleExc), alphaScaleInh = splat(k.alphaScaleInh);
  TSNN_PAIR_POINTERS(s, in);
  uint32_t count = 0;
  for (uint32_t i = 0; i + 2 <= n; i += 2) {
    const v128_t vOld = load(v + i), iExc = load(synExc + i), iInh = load(synInh + i);
    const v128_t dExc = load(dSynExc + i), dInh = load(dSynInh + i);
    const v128_t vFree = add(add(add(add(add(c.decayed(vOld), mul(p31Exc, dExc)), mul(p21Exc, iExc)), mul(p31Inh, dInh)),
                                 mul(p21Inh, iInh)),
                             c.current<kInjected>(injected, i));
    v128_t arrivingExc, arrivingInh;
    inputX2<kInput>(inExc + i, inInh + i, arrivingExc, arrivingInh);
    store(synExc + i, add(mul(p21AlphaExc, dExc), mul(p11Exc, iExc)));
    store(dSynExc + i, add(mul(dExc, p11Exc), mul(alphaScaleExc, arrivingExc)));
    store(synInh + i, add(mul(p21AlphaInh, dInh), mul(p11Inh, iInh)));
    store(dSynInh + i, add(mul(dInh, p11Inh), mul(alphaScaleInh, arrivingInh)));
    count = thresholdCurrPair<kListed>(vFree, vOld, v, refractory, i, c.threshold, spikes, count);
  }
  return count;
}

template <bool kInjected, int kInput, bool kListed>
inline uint32_t ifCurrDeltaPairs(uint32_t n, const LifCurrUniform& k, const UniformState& s, const UniformInput& in,
                                 uint32_t* spikes) {
  const CurrPairConstants c(k);
  TSNN_PAIR_POINTERS(s, in);
  uint32_t count = 0;
  for (uint32_t i = 0; i + 2 <= n; i += 2) {
    const v128_t vOld = load(v + i);
    v128_t arrivingExc, arrivingInh;
    inputX2<kInput>(inExc + i, inInh + i, arrivingExc, arrivingInh);
    const v128_t vFree = add(add(c.decayed(vOld), c.current<kInjected>(injected, i)), add(arrivingExc, arrivingInh));
    count = thresholdCurrPair<kListed>(vFree, vOld, v, refractory, i, c.threshold, spikes, count);
  }
  return count;
}

// rk4FromScaledSlopes (conductance_updates.h), two cells at a time.
TSNN_PAIR_INLINE v128_t rk4FromScaledSlopesX2(v128_t v, v128_t f0, v128_t fh, v128_t f1, v128_t midGain,
                                              v128_t endGain) {
  const v128_t k2 = sub(fh, mul(midGain, f0));
  const v128_t k3 = sub(fh, mul(midGain, k2));
  const v128_t k4 = sub(f1, mul(endGain, k3));
  const v128_t middle = add(k2, k3);
  return add(v, add(add(f0, k4), add(middle, middle)));
}

// condRk4Voltage (conductance_updates.h), two cells at a time, term for term. sixth, half and whole are (h/6)/cm,
// (h/2)/cm and h/cm; sixthRest, sixthExc and sixthInh are sixth·(gL·v_rest + I), sixth·e_E and sixth·e_I, grouped
// as the scalar expressions group them. Against the textbook stages (a and b formed apart, 49 operations),
// `node bench/kernel.mjs cond 10000 0 4000 skip`: 2.14-2.22 -> 1.76-1.89 ns a cell and step, natively and in wasm;
// the slopes formed scaled (38 operations instead of 40, session 16): 2.10-2.15 -> 2.00-2.07 in wasm.
TSNN_PAIR_INLINE v128_t condRk4VoltageX2(v128_t v, v128_t sixth, v128_t half, v128_t whole, v128_t gLeak,
                                         v128_t sixthRest, v128_t sixthExc, v128_t sixthInh, v128_t gE0, v128_t gI0,
                                         v128_t gEh, v128_t gIh, v128_t gE1, v128_t gI1) {
  const v128_t sv = mul(sixth, v);
  const v128_t x = sub(sixthExc, sv), y = sub(sixthInh, sv), l = sub(sixthRest, mul(gLeak, sv));
  const v128_t f0 = add(add(l, mul(gE0, x)), mul(gI0, y));
  const v128_t fh = add(add(l, mul(gEh, x)), mul(gIh, y));
  const v128_t f1 = add(add(l, mul(gE1, x)), mul(gI1, y));
  const v128_t midGain = mul(half, add(add(gLeak, gEh), gIh)), endGain = mul(whole, add(add(gLeak, gE1), gI1));
  return rk4FromScaledSlopesX2(v, f0, fh, f1, midGain, endGain);
}

// What the conductance-based pair loops share: the constants of condRk4VoltageX2, the current-source term
// sixth·(gL·v_rest + I) (hoisted as `constantRest` without current sources: the scalar path adds rows of zeros,
// iOffset + 0.0) and the threshold.
struct CondPairConstants {
  v128_t gLeak, decayExc, decayInh, halfDecayExc, halfDecayInh, sixth, half, whole, sixthExc, sixthInh, leakRest,
      iOffset, constantRest;
  Threshold threshold;

  CondPairConstants(const CondUniform& k, double h)
      : gLeak(splat(k.gLeak)), decayExc(splat(k.decayExc)), decayInh(splat(k.decayInh)),
        halfDecayExc(splat(k.halfDecayExc)), halfDecayInh(splat(k.halfDecayInh)), sixth(splat((h / 6.0) * k.invCm)),
        half(splat((0.5 * h) * k.invCm)), whole(splat(h * k.invCm)),
        sixthExc(splat(((h / 6.0) * k.invCm) * k.eRevExc)), sixthInh(splat(((h / 6.0) * k.invCm) * k.eRevInh)),
        leakRest(splat(k.gLeak * k.vRest)), iOffset(splat(k.iOffset)),
        constantRest(splat(((h / 6.0) * k.invCm) * (k.gLeak * k.vRest + (k.iOffset + 0.0)))),
        threshold(k.vThresh, k.vReset, k.refractorySteps) {}

  template <bool kInjected>
  v128_t rest(const double* injected, uint32_t i) const {
    if (kInjected) return mul(sixth, add(leakRest, add(iOffset, load(injected + i))));
    return constantRest;
  }

  v128_t voltage(v128_t v, v128_t rest, v128_t gE0, v128_t gI0, v128_t gEh, v128_t gIh, v128_t gE1, v128_t gI1) const {
    return condRk4VoltageX2(v, sixth, half, whole, gLeak, rest, sixthExc, sixthInh, gE0, gI0, gEh, gIh, gE1, gI1);
  }
};

template <bool kInjected, int kInput, bool kListed>
inline uint32_t ifCondExpPairs(uint32_t n, const CondUniform& k, double h, const UniformState& s,
                               const UniformInput& in, uint32_t* spikes) {
  const CondPairConstants c(k, h);
  TSNN_PAIR_POINTERS(s, in);
  uint32_t count = 0;
  for (uint32_t i = 0; i + 2 <= n; i += 2) {
    const v128_t gE0 = load(synExc + i), gI0 = load(synInh + i);
    const v128_t gE1 = mul(gE0, c.decayExc), gI1 = mul(gI0, c.decayInh);
    const v128_t gEh = mul(gE0, c.halfDecayExc), gIh = mul(gI0, c.halfDecayInh);
    const v128_t vFree = c.voltage(load(v + i), c.rest<kInjected>(injected, i), gE0, gI0, gEh, gIh, gE1, gI1);
    count = thresholdCondPair<kListed>(vFree, v, refractory, i, c.threshold, spikes, count);
    v128_t arrivingExc, arrivingInh;
    inputX2<kInput>(inExc + i, inInh + i, arrivingExc, arrivingInh);
    store(synExc + i, add(gE1, arrivingExc));
    store(synInh + i, add(gI1, arrivingInh));
  }
  return count;
}

// ifCondAlphaUniformCell two cells at a time.
template <bool kInjected, int kInput, bool kListed>
inline uint32_t ifCondAlphaPairs(uint32_t n, const CondUniform& k, double h, const UniformState& s,
                                 const UniformInput& in, uint32_t* spikes) {
  const CondPairConstants c(k, h);
  const v128_t halfStep = splat(0.5 * h), step = splat(h);
  const v128_t alphaScaleExc = splat(k.alphaScaleExc), alphaScaleInh = splat(k.alphaScaleInh);
  TSNN_PAIR_POINTERS(s, in);
  uint32_t count = 0;
  for (uint32_t i = 0; i + 2 <= n; i += 2) {
    const v128_t gE0 = load(synExc + i), gI0 = load(synInh + i), dE = load(dSynExc + i), dI = load(dSynInh + i);
    const v128_t gEh = mul(add(gE0, mul(halfStep, dE)), c.halfDecayExc);
    const v128_t gIh = mul(add(gI0, mul(halfStep, dI)), c.halfDecayInh);
    const v128_t gE1 = mul(add(gE0, mul(step, dE)), c.decayExc), gI1 = mul(add(gI0, mul(step, dI)), c.decayInh);
    const v128_t vFree = c.voltage(load(v + i), c.rest<kInjected>(injected, i), gE0, gI0, gEh, gIh, gE1, gI1);
    count = thresholdCondPair<kListed>(vFree, v, refractory, i, c.threshold, spikes, count);
    v128_t arrivingExc, arrivingInh;
    inputX2<kInput>(inExc + i, inInh + i, arrivingExc, arrivingInh);
    store(synExc + i, gE1);
    store(synInh + i, gI1);
    store(dSynExc + i, add(mul(dE, c.decayExc), mul(alphaScaleExc, arrivingExc)));
    store(dSynInh + i, add(mul(dI, c.decayInh), mul(alphaScaleInh, arrivingInh)));
  }
  return count;
}

#undef TSNN_PAIR_POINTERS

}  // namespace simd

#endif  // TSNN_SIMD_PAIR

// Steps all n cells: with the SIMD pairs (`pairs(injected, input, listed, m, spikes)` steps cells [0, m), m even;
// the first three arguments are std::integral_constant of a bool, an InputMode and a bool) and the per-cell step
// `cell` for an odd last cell when built for WebAssembly SIMD, with `cell` alone otherwise. Writes the spiking
// cells' indices to `spikes` (room for n) in order; returns how many. hasInjected: whether `in.injected` holds
// current-source current (otherwise it is a row of zeros). kMaySkipInput: the model honours in.pairsSkipInput (its
// input is the last term of its synaptic variables: IF_curr_exp, IF_cond_exp); the others have no kSkipInput loop
// compiled. listed (null: none): the refractory cells of s, listed (refractory_list.h), and kept so; the pairs
// then leave the refractory step to settleListed, by `rule`. Without SIMD pairs it is not used (nor kept).
template <bool kMaySkipInput = false, typename Pairs, typename Cell>
inline uint32_t stepUniform(uint32_t n, const UniformState& s, const UniformInput& in, bool hasInjected,
                            RefractoryList* listed, const RefractoryRule& rule, uint32_t* spikes, Pairs pairs,
                            Cell cell) {
#if defined(TSNN_UNIFORM_SIMD)
  using Skip = std::integral_constant<int, simd::kSkipInput>;
  using ReadAndClear = std::integral_constant<int, simd::kReadAndClearInput>;
  using Read = std::integral_constant<int, simd::kReadInput>;
  const uint32_t paired = n & ~1u;
  const auto withInput = [&](auto injected, auto isListed) {
    if constexpr (kMaySkipInput) {
      if (in.pairsSkipInput) return pairs(injected, Skip{}, isListed, paired, spikes);
    }
    if (in.clear) return pairs(injected, ReadAndClear{}, isListed, paired, spikes);
    return pairs(injected, Read{}, isListed, paired, spikes);
  };
  const auto withListed = [&](auto injected) {
    if (listed == nullptr) return withInput(injected, std::false_type{});
    holdListed(*listed, rule, s.v);
    return settleListed(*listed, rule, s.v, s.refractory, spikes, withInput(injected, std::true_type{}));
  };
  const uint32_t count = hasInjected ? withListed(std::true_type{}) : withListed(std::false_type{});
  return count + stepUniformRange(paired, n, in, spikes + count, cell);
#else
  (void)s;
  (void)hasInjected;
  (void)listed;
  (void)rule;
  (void)pairs;
  return stepUniformRange(0, n, in, spikes, cell);
#endif
}

#if defined(TSNN_UNIFORM_SIMD)
#define TSNN_SIMD_PAIRS(function, ...)                                                                      \
  [&](auto injected, auto input, auto isListed, uint32_t m, uint32_t* out) {                               \
    return simd::function<decltype(injected)::value, decltype(input)::value, decltype(isListed)::value>(   \
        m, __VA_ARGS__, out);                                                                              \
  }
#else
#define TSNN_SIMD_PAIRS(function, ...) 0
#endif

// The pair loops keep (and use) a list of the refractory cells only where they run: false where every step is a
// per-cell step (the caller then need keep none).
#if defined(TSNN_UNIFORM_SIMD)
constexpr bool kUniformStepsListRefractory = true;
#else
constexpr bool kUniformStepsListRefractory = false;
#endif

inline RefractoryRule currRefractoryRule(const LifCurrUniform& k) {
  return RefractoryRule{k.vThresh, k.vReset, k.refractorySteps, false};
}

inline RefractoryRule condRefractoryRule(const CondUniform& k) {
  return RefractoryRule{k.vThresh, k.vReset, k.refractorySteps, true};
}

inline uint32_t ifCurrExpUniformSteps(uint32_t n, const LifCurrUniform& k, const UniformState& s,
                                      const UniformInput& in, bool hasInjected, RefractoryList* listed,
                                      uint32_t* spikes) {
  return stepUniform<true>(n, s, in, hasInjected, listed, currRefractoryRule(k), spikes,
                           TSNN_SIMD_PAIRS(ifCurrExpPairs, k, s, in),
                           [&](uint32_t i) { return ifCurrExpUniformCell(i, k, s, in); });
}

inline uint32_t ifCurrAlphaUniformSteps(uint32_t n, const LifCurrUniform& k, const UniformState& s,
                                        const UniformInput& in, bool hasInjected, RefractoryList* listed,
                                        uint32_t* spikes) {
  return stepUniform(n, s, in, hasInjected, listed, currRefractoryRule(k), spikes,
                     TSNN_SIMD_PAIRS(ifCurrAlphaPairs, k, s, in),
                     [&](uint32_t i) { return ifCurrAlphaUniformCell(i, k, s, in); });
}

inline uint32_t ifCurrDeltaUniformSteps(uint32_t n, const LifCurrUniform& k, const UniformState& s,
                                        const UniformInput& in, bool hasInjected, RefractoryList* listed,
                                        uint32_t* spikes) {
  return stepUniform(n, s, in, hasInjected, listed, currRefractoryRule(k), spikes,
                     TSNN_SIMD_PAIRS(ifCurrDeltaPairs, k, s, in),
                     [&](uint32_t i) { return ifCurrDeltaUniformCell(i, k, s, in); });
}

inline uint32_t ifCondExpUniformSteps(uint32_t n, const CondUniform& k, double h, const UniformState& s,
                                      const UniformInput& in, bool hasInjected, RefractoryList* listed,
                                      uint32_t* spikes) {
  return stepUniform<true>(n, s, in, hasInjected, listed, condRefractoryRule(k), spikes,
                           TSNN_SIMD_PAIRS(ifCondExpPairs, k, h, s, in),
                           [&](uint32_t i) { return ifCondExpUniformCell(i, k, h, s, in); });
}

inline uint32_t ifCondAlphaUniformSteps(uint32_t n, const CondUniform& k, double h, const UniformState& s,
                                        const UniformInput& in, bool hasInjected, RefractoryList* listed,
                                        uint32_t* spikes) {
  return stepUniform(n, s, in, hasInjected, listed, condRefractoryRule(k), spikes,
                     TSNN_SIMD_PAIRS(ifCondAlphaPairs, k, h, s, in),
                     [&](uint32_t i) { return ifCondAlphaUniformCell(i, k, h, s, in); });
}

#undef TSNN_SIMD_PAIRS

}  // namespace tsnn
