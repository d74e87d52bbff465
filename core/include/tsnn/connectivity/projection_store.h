// The synapses of one projection (layout described in connectivity.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tsnn/connectivity/float32_readback.h"
#include "tsnn/fixed_point.h"
#include "tsnn/out_of_line.h"

namespace tsnn {

struct ProjectionStore {
  uint32_t nPre = 0, nPost = 0;
  std::vector<uint32_t> rowStart;   // nPre + 1
  std::vector<uint32_t> word;       // post index | delay << postBits (wide: post index only)
  std::vector<float> weight;        // empty when weightUniform
  // A static projection whose synapses all have the same weight (a scalar weight, the usual case) keeps it once:
  // 4 bytes per synapse less, and delivery converts it to fixed point once per row instead of per synapse.
  bool weightUniform = false;
  float uniformWeight = 0.0f;
  // Every per-synapse weight below kFixedSmallLimit in magnitude: delivery converts them with toFixedSmall.
  bool weightsSmall = false;
  std::vector<uint32_t> wideDelay;  // only in the wide layout
  bool wide = false;
  // The compact layout's one delay (steps) when every synapse has it (a scalar delay, the usual case), else 0:
  // delivery then takes the ring's row once per row of synapses (Connectivity::deliverUniformOneDelay).
  uint32_t uniformDelaySteps = 0;
  uint32_t postBits = 1;
  uint32_t postMask = 1;
  bool postAffine = true;           // channel = firstChannel + j
  uint32_t firstChannel = 0;
  std::vector<uint32_t> postChannel;  // when !postAffine: channel of post cell j
  double timestep = 0.1;
  std::string dynamics;
  std::map<std::string, double> uniformValues;               // extra synaptic values equal for all synapses
  std::map<std::string, std::vector<double>> perSynapseValues;  // the others, canonical order
  // Plastic projections (Tsodyks-Markram, STDP) are delivered by Plasticity instead of the static loop.
  bool plastic = false;
  std::vector<double> plasticWeight;  // STDP only: the evolving weights in double precision, canonical order

  uint64_t size() const { return word.size(); }
  uint32_t delayOf(uint64_t s) const { return wide ? wideDelay[s] : word[s] >> postBits; }
  uint32_t postOf(uint64_t s) const { return word[s] & postMask; }
  // The input channel of post cell j.
  uint32_t channelOf(uint32_t j) const { return postAffine ? firstChannel + j : postChannel[j]; }
  uint64_t memoryBytes() const;
  // Weight of synapse s as transmitted now (STDP weights evolve in double precision).
  double weightOf(uint64_t s) const {
    if (!plasticWeight.empty()) return plasticWeight[s];
    return static_cast<double>(weightUniform ? uniformWeight : weight[s]);
  }
  // Weight of synapse s as read back (GetConnections): an STDP weight as it is; a stored float32 as the shortest
  // decimal that rounds to it (float32_readback.h).
  double weightReadBack(uint64_t s) const {
    if (!plasticWeight.empty()) return plasticWeight[s];
    return shortestDecimalOf(weightUniform ? uniformWeight : weight[s]);
  }
  // One weight entry per synapse again (before some of them change; measureWeights after).
  void expandWeights() {
    weightsSmall = false;
    if (!weightUniform) return;
    weight.assign(word.size(), uniformWeight);
    weightUniform = false;
  }
  // Keeps the weight once when every synapse has the same (static projections only).
  TSNN_OUT_OF_LINE void compressWeights() {
    if (plastic || weightUniform || weight.empty()) return;
    for (float w : weight)
      if (w != weight[0]) return;
    uniformWeight = weight[0];
    weightUniform = true;
    std::vector<float>().swap(weight);
  }
  // Sets uniformDelaySteps from the words (after every change of delays).
  TSNN_OUT_OF_LINE void measureDelays() {
    uniformDelaySteps = 0;
    if (wide || word.empty()) return;
    const uint32_t delay = word[0] >> postBits;
    for (uint32_t w : word)
      if ((w >> postBits) != delay) return;
    uniformDelaySteps = delay;
  }
  // Sets weightsSmall from the per-synapse weights (false when there are none).
  TSNN_OUT_OF_LINE void measureWeights() {
    weightsSmall = !weight.empty();
    for (float w : weight) {
      if (!(std::fabs(static_cast<double>(w)) < kFixedSmallLimit)) {
        weightsSmall = false;
        return;
      }
    }
  }
};

}  // namespace tsnn
