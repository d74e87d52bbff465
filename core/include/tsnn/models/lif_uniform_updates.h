// The fast path of the current-based LIF models, IF_cond_exp and IF_cond_alpha for a population whose cells share every constant
// (the usual case: parameters given as scalars). Same arithmetic, operation for operation, as lif_updates.h and
// conductance_updates.h (so results are bit-identical to the per-cell path), with the constants in registers and
// no branch (selects instead). Each model has a per-cell step (TSNN_HD: a GPU thread runs one cell) and a loop
// over a range of cells that writes the indices of the cells that spiked, branch-free. lif_uniform_simd.h runs the
// same steps two cells at a time with WebAssembly SIMD.
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

struct CondUniform {
  double vRest, vThresh, vReset, iOffset, invCm, gLeak, eRevExc, eRevInh, decayExc, decayInh, halfDecayExc, halfDecayInh;
  int32_t refractorySteps;
  double alphaScaleExc, alphaScaleInh;  // IF_cond_alpha only
};

// A population's state arrays (those a model does not use stay null): the synaptic currents (curr models) or
// conductances (IF_cond_exp, IF_cond_alpha) are syn*, the alpha models' derivatives dSyn*.
struct UniformState {
  double* v;
  double* synExc;
  double* synInh;
  double* dSynExc;
  double* dSynInh;
  int32_t* refractory;
};

// This step's input, one entry per cell, never null (absent input or current: rows of zeros): the arriving
// fixed-point input of each receptor and the current sources' current. With `clear`, the loops set each input
// entry to zero once read (the ring row is then empty without a separate pass over it); without, exc and inh are
// only read. With `pairsSkipInput` (IF_curr_exp and IF_cond_exp only: stepUniform's kMaySkipInput), no input
// arrives as far as the SIMD pair loops go: they neither read nor convert exc and inh (which the caller points at
// zeros for the per-cell steps), and the input of the channels that received any is added afterwards
// (NeuronPopulation::updateSkippingInput, Simulation::addTouchedInput).
struct UniformInput {
  int64_t* exc;
  int64_t* inh;
  const double* injected;
  bool clear;
  bool pairsSkipInput = false;
};

// Threshold, reset and refractoriness of the current-based cells: a refractory cell (r > 0) keeps vOld and counts
// down; vNew >= vThresh spikes, resets and starts the refractory period.
TSNN_HD inline bool currThreshold(uint32_t i, const LifCurrUniform& k, const UniformState& s, double vOld, int32_t r,
                                  double vFree) {
  const double vNew = r == 0 ? vFree : vOld;
  const int32_t rCounted = r == 0 ? 0 : r - 1;
  const bool spike = vNew >= k.vThresh;
  s.v[i] = spike ? k.vReset : vNew;
  s.refractory[i] = spike ? k.refractorySteps : rCounted;
  return spike;
}

TSNN_HD inline bool ifCurrExpUniformCell(uint32_t i, const LifCurrUniform& k, const UniformState& s,
                                         const UniformInput& in) {
  const double vOld = s.v[i];
  const int32_t r = s.refractory[i];
  const double vFree = k.vRest + k.p22 * (vOld - k.vRest) + k.p21Exc * s.synExc[i] + k.p21Inh * s.synInh[i] +
                       k.p20 * (k.iOffset + in.injected[i]);
  s.synExc[i] = s.synExc[i] * k.p11Exc + fromFixed(in.exc[i]);
  s.synInh[i] = s.synInh[i] * k.p11Inh + fromFixed(in.inh[i]);
  return currThreshold(i, k, s, vOld, r, vFree);
}

// IF_curr_alpha (ifCurrAlphaStep of lif_updates.h).
TSNN_HD inline bool ifCurrAlphaUniformCell(uint32_t i, const LifCurrUniform& k, const UniformState& s,
                                           const UniformInput& in) {
  const double vOld = s.v[i];
  const int32_t r = s.refractory[i];
  const double dExc = s.dSynExc[i], dInh = s.dSynInh[i], iExc = s.synExc[i], iInh = s.synInh[i];
  const double vFree = k.vRest + k.p22 * (vOld - k.vRest) + k.p31Exc * dExc + k.p21Exc * iExc + k.p31Inh * dInh +
                       k.p21Inh * iInh + k.p20 * (k.iOffset + in.injected[i]);
  s.synExc[i] = k.p21AlphaExc * dExc + k.p11Exc * iExc;
  s.dSynExc[i] = dExc * k.p11Exc + k.alphaScaleExc * fromFixed(in.exc[i]);
  s.synInh[i] = k.p21AlphaInh * dInh + k.p11Inh * iInh;
  s.dSynInh[i] = dInh * k.p11Inh + k.alphaScaleInh * fromFixed(in.inh[i]);
  return currThreshold(i, k, s, vOld, r, vFree);
}

// IF_curr_delta (ifCurrDeltaStep): input during refractoriness is dropped.
TSNN_HD inline bool ifCurrDeltaUniformCell(uint32_t i, const LifCurrUniform& k, const UniformState& s,
                                           const UniformInput& in) {
  const double vOld = s.v[i];
  const int32_t r = s.refractory[i];
  const double vFree = k.vRest + k.p22 * (vOld - k.vRest) + k.p20 * (k.iOffset + in.injected[i]) +
                       (fromFixed(in.exc[i]) + fromFixed(in.inh[i]));
  return currThreshold(i, k, s, vOld, r, vFree);
}

// Threshold, reset and refractoriness of the conductance-based cells: a refractory cell (r > 0) is held at vReset
// and counts down (its vFree, computed regardless, is dropped); vFree >= vThresh spikes.
TSNN_HD inline bool condThreshold(uint32_t i, const CondUniform& k, const UniformState& s, double vFree) {
  const int32_t r = s.refractory[i];
  const bool spike = r == 0 && vFree >= k.vThresh;
  s.v[i] = (r > 0 || spike) ? k.vReset : vFree;
  s.refractory[i] = spike ? k.refractorySteps : (r > 0 ? r - 1 : 0);
  return spike;
}

// IF_cond_exp (ifCondExpStep of conductance_updates.h).
TSNN_HD inline bool ifCondExpUniformCell(uint32_t i, const CondUniform& k, double h, const UniformState& s,
                                         const UniformInput& in) {
  const double gE0 = s.synExc[i], gI0 = s.synInh[i];
  const double gE1 = gE0 * k.decayExc, gI1 = gI0 * k.decayInh;
  const double gEh = gE0 * k.halfDecayExc, gIh = gI0 * k.halfDecayInh;
  const double vFree = condRk4Voltage(s.v[i], h, k.gLeak, k.vRest, k.eRevExc, k.eRevInh, k.invCm,
                                      k.iOffset + in.injected[i], gE0, gI0, gEh, gIh, gE1, gI1);
  const bool spike = condThreshold(i, k, s, vFree);
  s.synExc[i] = gE1 + fromFixed(in.exc[i]);
  s.synInh[i] = gI1 + fromFixed(in.inh[i]);
  return spike;
}

// IF_cond_alpha (ifCondAlphaStep): the conductances (g + dg·t)·e^{-t/tau} at the step's middle and end.
TSNN_HD inline bool ifCondAlphaUniformCell(uint32_t i, const CondUniform& k, double h, const UniformState& s,
                                           const UniformInput& in) {
  const double gE0 = s.synExc[i], gI0 = s.synInh[i], dE = s.dSynExc[i], dI = s.dSynInh[i];
  const double gEh = (gE0 + 0.5 * h * dE) * k.halfDecayExc, gIh = (gI0 + 0.5 * h * dI) * k.halfDecayInh;
  const double gE1 = (gE0 + h * dE) * k.decayExc, gI1 = (gI0 + h * dI) * k.decayInh;
  const double vFree = condRk4Voltage(s.v[i], h, k.gLeak, k.vRest, k.eRevExc, k.eRevInh, k.invCm,
                                      k.iOffset + in.injected[i], gE0, gI0, gEh, gIh, gE1, gI1);
  const bool spike = condThreshold(i, k, s, vFree);
  s.synExc[i] = gE1;
  s.synInh[i] = gI1;
  s.dSynExc[i] = dE * k.decayExc + k.alphaScaleExc * fromFixed(in.exc[i]);
  s.dSynInh[i] = dI * k.decayInh + k.alphaScaleInh * fromFixed(in.inh[i]);
  return spike;
}

// Steps cells [from, to) and writes the indices of those that spiked to `spikes` (room for to - from), in
// order; returns how many. Branch-free: spikes are rare, and a mispredicted branch per spike costs more.
// With in.clear, each cell's input entries are zeroed after its step.
template <typename Cell>
TSNN_HD inline uint32_t stepUniformRange(uint32_t from, uint32_t to, const UniformInput& in,
                                         uint32_t* TSNN_RESTRICT spikes, Cell cell) {
  uint32_t count = 0;
  for (uint32_t i = from; i < to; ++i) {
    spikes[count] = i;
    count += cell(i) ? 1u : 0u;
    if (in.clear) in.exc[i] = in.inh[i] = 0;
  }
  return count;
}

}  // namespace tsnn
