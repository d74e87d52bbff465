// The bodies of the accelerated step loop's kernels, one thread's work each, as TSNN_HD functions of (index,
// arguments). The CUDA backend (cuda_step_backend.cu) launches them; the host backend (host_step_backend.cpp) runs
// the same bodies in plain loops, so the engine's logic is tested on machines without a GPU.
// Compiled by nvcc as C++14 (Jetson Nano, CUDA 10.2) and by the host compiler as C++17: keep it to plain structs.
//
// One step k -> k + 1 (Simulation::step's order, simulation.h), a launch per model and one more:
//   updateGroupCell per neuron of the populations of one model (ModelGroup; the neuron finds its population):
//                  reads its arriving input (ring row of k + 1) and clears it, runs the core's per-cell step
//                  (cell_steps.h: the arguments NeuronPopulation gives it, pointing at the device's copies of the
//                  population's arrays) or draws the source's spikes (spike_sources.h), and appends a spike
//                  (global index, multiplicity) to the step's list, and to the chunk's record where the recorder
//                  keeps that population's spikes;
//   deliverSpike   per spike of the step: adds multiplicity x weight (64-bit fixed point, atomic) into the ring
//                  rows k + 1 + d of its synapses, in the core's 8-byte synapse layout (connectivity.h); the
//                  launch also sums the step's spikes and synaptic events (spikeTotals). Each cell's spikes go to
//                  one of three lists by the cell's fan-out (SpikeList): a block, a warp or a thread per spike.
// A post cell of an STDP projection also appends its spike to its ring there (stdp_histories.h); at the end of a
// chunk settleStdpRow runs per row of every STDP projection.
// Deliveries only write rows after the arriving one, so all updates of a step may run before all deliveries.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"
#include "tsnn/models/cell_steps.h"
#include "tsnn/models/spike_sources.h"
#include "tsnn/philox.h"
#include "stdp_histories.h"
#include "tsnn/plasticity/stdp_synapses.h"
#include "tsnn/plasticity/stochastic_synapses.h"
#include "tsnn/plasticity/tsodyks_markram.h"

namespace tsnn {
namespace accel {

// The models the accelerated engine runs (a subset of ModelKind; device_models.cpp maps them).
enum DeviceModel : uint32_t {
  kIfCurrExp = 0,
  kIfCurrAlpha = 1,
  kIfCurrDelta = 2,
  kIfCondExp = 3,
  kIfCondAlpha = 4,
  kSpikeSourcePoisson = 5,
  kSpikeSourceArray = 6,
  kIzhikevich = 7,
  kEifCondExp = 8,   // EIF_cond_exp_isfa_ista
  kEifCondAlpha = 9,  // EIF_cond_alpha_isfa_ista
  kIfCondExpGsfaGrr = 10,
  kGifCondExp = 11,
  kHhCondExp = 12,
  kSpikeSourcePoissonRefractory = 13,
  kSpikeSourceGamma = 14,
  kPointNeuron = 15,
  kSpikeSourceInhGamma = 16,
  kDeviceModels = 17,  // how many there are
  kMixedModels = 17,   // a ModelGroup of populations of any models, each cell stepped as its population's model
};

// The receptors a PointNeuron may have on the device (its step takes a row per receptor, kept in registers).
constexpr uint32_t kMaxDeviceReceptors = 16;

// One population on the device: pointers into device memory (or host memory for the host backend).
struct PopulationArgs {
  uint32_t model = 0;
  uint32_t size = 0;
  uint32_t firstNeuron = 0;  // global index of cell 0
  // 1: the recorder keeps this population's spikes, so they go to the chunk's record for the host; 0: they are
  // only counted (a microcircuit's Poisson sources fire 3e8 times a biological second: the host sorting and
  // replaying them took 14.7 s of a 0.5-scale microcircuit's 14.7 s on an H100).
  uint32_t recordSpikes = 0;
  CellSteps cells;           // the model's step arguments (or the spike source's), pointing at device memory
  // SpikeSourceArray: the grid steps of cell i are spikeSteps[spikeStart[i] .. spikeStart[i + 1]); nextSpike[i]
  // is the first not yet passed.
  const uint32_t* spikeStart = nullptr;
  const uint64_t* spikeSteps = nullptr;
  uint32_t* nextSpike = nullptr;
};

// What one step shares across populations.
struct StepArgs {
  int64_t* ring = nullptr;          // slots x channels, receptor-major channels (channel_layout.h)
  uint32_t channels = 0;
  uint32_t totalNeurons = 0;
  uint32_t maxReceptors = 0;
  uint32_t arrivingRow = 0;         // the ring row of step `step`
  uint32_t slots = 1;
  uint64_t step = 0;                // the step being computed (k + 1)
  double dt = 0.1;
  // Current sources, either form (both null: none):
  const double* injected = nullptr;  // per global neuron, nA, uploaded for this step (sources with a value per target)
  // ... or on the device: neuron g sums sourceValues[(step - chunkFirstStep) * sourceCount + injectionSource[k]]
  // for k in [injectionStart[g], injectionStart[g + 1]), sources in their order, one entry per time it is targeted.
  const uint32_t* injectionStart = nullptr;
  const uint32_t* injectionSource = nullptr;
  const double* sourceValues = nullptr;  // the chunk's source values, one row per step (time index step - 1)
  uint32_t sourceCount = 0;
  // The spikes of this step (one entry per spiking cell; multiplicity > 1 for Poisson) in three lists (SpikeList),
  // double-buffered by step parity: the delivery of step k + 1 clears the counters that step k + 2 will fill.
  // List l of parity q is stepNeuron / stepMultiplicity [(q * kSpikeLists + l) * totalNeurons, ...).
  uint32_t* stepCount = nullptr;       // [2 * kSpikeLists], indexed q * kSpikeLists + l
  uint32_t* stepNeuron = nullptr;      // [2 * kSpikeLists * totalNeurons]
  uint32_t* stepMultiplicity = nullptr;
  const uint8_t* spikeList = nullptr;  // per global neuron: the SpikeList of its spikes
  // The chunk's record of the recorded populations' spikes: (step offset in the chunk, global neuron, multiplicity).
  uint32_t* recordCount = nullptr;     // [1]
  uint32_t* recordStep = nullptr;
  uint32_t* recordNeuron = nullptr;
  uint32_t* recordMultiplicity = nullptr;
  uint32_t recordCapacity = 0;
  uint64_t chunkFirstStep = 0;
  // The chunk's totals of every spike (multiplicity included) and of the events they cause at static synapses,
  // multiplicity x synapseCount[neuron] (stochastic synapses count their releases instead: SynapseArgs::releases,
  // which points at spikeTotals[1]).
  uint64_t* spikeTotals = nullptr;     // [2]: spikes, synaptic events
  const uint64_t* synapseCount = nullptr;  // per global neuron
  // STDP: the spikes of global neuron g go to the rings of the (rule, post cell) entries [stdpPostStart[g],
  // stdpPostStart[g + 1]) of stdpPostRule / stdpPostIndex (null: no STDP projection). Rule k is
  // SynapseArgs::stdp[k] and ::stdpHistories[k].
  const uint32_t* stdpPostStart = nullptr;
  const uint32_t* stdpPostRule = nullptr;
  const uint32_t* stdpPostIndex = nullptr;
  const StdpSynapses* stdpRules = nullptr;
  const StdpHistories* stdpHistories = nullptr;
};

// The synapses, as the core stores them (connectivity.h, projection_store.h), all projections concatenated.
struct ProjectionArgs {
  uint64_t synapseOffset;   // into word / weight / wideDelay
  uint64_t rowOffset;       // into rowStart (nPre + 1 entries)
  uint64_t channelOffset;   // into postChannel (when !postAffine)
  uint64_t wideOffset;      // into wideDelay (wide layout only): wideDelay[wideOffset + s - synapseOffset]
  uint32_t postBits, postMask, firstChannel;
  uint32_t wide, postAffine;
  uint32_t tsodyksMarkram;  // 0: static; k: SynapseArgs::tsodyksMarkram[k - 1] holds its synapses' state
  uint32_t stochastic;      // 0: static; k: SynapseArgs::stochastic[k - 1] (a stochastic synapse type)
  uint32_t stdp;            // 0: static; k: SynapseArgs::stdp[k - 1] and ::stdpHistories[k - 1]
};

struct SynapseArgs {
  const ProjectionArgs* projections = nullptr;
  const uint32_t* fanStart = nullptr;       // per global neuron: its (projection, row) entries
  const uint32_t* fanProjection = nullptr;
  const uint32_t* fanRow = nullptr;
  const uint32_t* rowStart = nullptr;
  const uint32_t* word = nullptr;           // post | delay << postBits (wide: post only)
  const float* weight = nullptr;
  const uint32_t* wideDelay = nullptr;
  const uint32_t* postChannel = nullptr;
  const TsodyksMarkramSynapses* tsodyksMarkram = nullptr;
  const StochasticSynapses* stochastic = nullptr;
  const StdpSynapses* stdp = nullptr;
  const StdpHistories* stdpHistories = nullptr;
  // The chunk's count of stochastic synapses that transmitted (core counts those, not the synapses reached).
  uint64_t* releases = nullptr;
  // Whether any projection is plastic: without, the CUDA backend launches a delivery kernel built without the
  // plastic rows' code (deliverSpike's plasticRows), which needs fewer registers.
  bool anyPlastic = false;
};

// Order-independent accumulation: integer addition, atomic on the device (two's complement makes the unsigned
// atomic exact for negative amounts too).
TSNN_HD inline void accumulate(int64_t* target, int64_t amount) {
#if defined(__CUDA_ARCH__)
  atomicAdd(reinterpret_cast<unsigned long long*>(target), static_cast<unsigned long long>(amount));
#else
  *target += amount;
#endif
}

TSNN_HD inline void countRelease(uint64_t* counter) {
#if defined(__CUDA_ARCH__)
  atomicAdd(reinterpret_cast<unsigned long long*>(counter), 1ull);
#else
  ++*counter;
#endif
}

TSNN_HD inline uint32_t claimSlot(uint32_t* counter) {
#if defined(__CUDA_ARCH__)
  return atomicAdd(counter, 1u);
#else
  return (*counter)++;
#endif
}

// claimSlot(&counters[key]) for the lanes of a warp that reach it together: one atomic per key among them, the
// lanes numbered after it. Thirty thousand Poisson sources spiking in a step, each with its own atomic on one
// counter, made their update kernel three times as long as the cells' (an H100, the 0.5-scale microcircuit).
// Which slot a spike gets does not matter: deliveries add in fixed point, the host sorts the record.
TSNN_HD inline uint32_t claimWarpSlot(uint32_t* counters, uint32_t key) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 700
  const unsigned peers = __match_any_sync(__activemask(), key);
  const unsigned lane = threadIdx.x & 31u;  // the kernels' blocks are one-dimensional, whole warps
  const int leader = __ffs(peers) - 1;
  uint32_t base = 0;
  if (static_cast<int>(lane) == leader) base = atomicAdd(&counters[key], static_cast<uint32_t>(__popc(peers)));
  base = __shfl_sync(peers, base, leader);
  return base + static_cast<uint32_t>(__popc(peers & ((1u << lane) - 1u)));
#else
  return claimSlot(&counters[key]);  // the host; and devices before Volta (no __match_any_sync)
#endif
}

// Who delivers a cell's spikes, by its fan-out (AcceleratedEngine::uploadSynapses decides, once per network):
//   kBlockSpikes   at least kBlockSpikeSynapses static synapses: a block. A warp walks a row 32 synapses a round,
//                  a dependent round of loads each, and the few spikes a step of cells with thousands of synapses
//                  each (the microcircuit's) were the whole step's latency.
//   kThreadSpikes  fewer than kThreadSpikeSynapses synapses, all static: one thread. A warp per spike left 31 of
//                  32 lanes idle on the microcircuit's Poisson sources (one synapse each, 3e4 spikes a step).
//   kWarpSpikes    the others, plastic fan-outs included (their rows need a warp's syncLanes): a warp.
enum SpikeList : uint32_t { kWarpSpikes = 0, kBlockSpikes = 1, kThreadSpikes = 2, kSpikeLists = 3 };
constexpr uint64_t kBlockSpikeSynapses = 256;
constexpr uint64_t kThreadSpikeSynapses = 16;

// Where the step's spike `index` of list `list` is kept.
TSNN_HD inline uint64_t spikeSlot(const StepArgs& s, uint32_t list, uint32_t index) {
  const uint64_t parity = s.step & 1u;
  return (parity * kSpikeLists + list) * s.totalNeurons + index;
}

TSNN_HD inline void appendSpike(const StepArgs& s, bool recorded, uint32_t neuron, uint32_t multiplicity) {
  const uint32_t parity = static_cast<uint32_t>(s.step & 1u);
  const uint32_t list = s.spikeList[neuron];
  const uint64_t slot = spikeSlot(s, list, claimWarpSlot(s.stepCount, parity * kSpikeLists + list));
  s.stepNeuron[slot] = neuron;
  s.stepMultiplicity[slot] = multiplicity;
  if (!recorded) return;
  const uint32_t record = claimWarpSlot(s.recordCount, 0);
  // The engine sizes chunks so that every cell may spike at every step: this bound is never reached.
  if (record < s.recordCapacity) {
    s.recordStep[record] = static_cast<uint32_t>(s.step - s.chunkFirstStep);
    s.recordNeuron[record] = neuron;
    s.recordMultiplicity[record] = multiplicity;
  }
}

// The current-source current of global neuron `global` during this step, added in CurrentSources::inject's order
// (source by source, a value of 0 skipped), so the sum has the same bits.
TSNN_HD inline double injectedCurrent(const StepArgs& s, uint32_t global) {
  if (s.injected != nullptr) return s.injected[global];
  if (s.injectionStart == nullptr) return 0.0;
  const double* values = s.sourceValues + (s.step - s.chunkFirstStep) * s.sourceCount;
  double sum = 0.0;
  for (uint32_t k = s.injectionStart[global], end = s.injectionStart[global + 1]; k < end; ++k) {
    const double value = values[s.injectionSource[k]];
    if (value != 0.0) sum += value;
  }
  return sum;
}

// Cell i of population p at step s.step, p being of model `model`: the whole per-cell work of the update kernel.
// The CUDA backend passes `model` as a template constant, so that each model's kernel holds that model's step
// alone: one kernel for all seventeen needed 176 registers a thread (one block of 256 threads per multiprocessor),
// whichever model its cells were.
TSNN_HD inline void updateCell(uint32_t model, const PopulationArgs& p, const StepArgs& s, uint32_t i) {
  const uint32_t global = p.firstNeuron + i;
  int64_t* row = s.ring + static_cast<uint64_t>(s.arrivingRow) * s.channels;
  // Receptor 0 is excitatory, 1 inhibitory (the standard cells); the channel is receptor * totalNeurons + global.
  const double inExc = s.maxReceptors > 0 ? fromFixed(row[global]) : 0.0;
  const double inInh = s.maxReceptors > 1 ? fromFixed(row[s.totalNeurons + global]) : 0.0;
  const double injected = injectedCurrent(s, global);
  uint32_t multiplicity = 0;
  switch (model) {
    // The calls of NeuronPopulation::updateRows's per-cell paths, argument for argument.
    case kIfCurrExp:
      multiplicity = ifCurrExpStep(p.cells.lif, i, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kIfCurrAlpha:
      multiplicity = ifCurrAlphaStep(p.cells.lif, i, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kIfCurrDelta:
      multiplicity = ifCurrDeltaStep(p.cells.lif, i, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kIfCondExp:
      multiplicity = ifCondExpStep(p.cells.cond, i, s.dt, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kIfCondAlpha:
      multiplicity = ifCondAlphaStep(p.cells.cond, i, s.dt, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kIzhikevich:
      multiplicity = izhikevichStep(p.cells.izhikevich, i, s.dt, inExc + inInh, injected) ? 1u : 0u;
      break;
    case kEifCondExp:
    case kEifCondAlpha:
      multiplicity = adexStep(p.cells.adex, i, s.dt, model == kEifCondAlpha, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kIfCondExpGsfaGrr:
      multiplicity = ifCondExpGsfaGrrStep(p.cells.cond, p.cells.gsfaGrr, i, s.dt, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kGifCondExp:
      multiplicity = gifStep(p.cells.cond, p.cells.gif, i, s.dt, s.step, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kHhCondExp:
      multiplicity = hhStep(p.cells.hh, i, s.dt, inExc, inInh, injected) ? 1u : 0u;
      break;
    case kSpikeSourcePoisson: {
      // The uniform of (cell, step), exactly as the core draws it (poissonWord, spike_sources.h).
      const PoissonCells& c = p.cells.poisson;
      const double u = uniformFromWord(poissonWord(c.stream, i, s.step));
      const double t = static_cast<double>(s.step) * s.dt;
      if (u < c.emptyProbability[i] || !(t > c.start[i] && t <= c.start[i] + c.duration[i])) break;
      multiplicity = poissonCountFromUniform(u, c.lambda[i], c.emptyProbability[i]);
      break;
    }
    case kPointNeuron: {
      // Receptor k of cell i at rows[k][i]: the population's slice of channel k (NeuronPopulation::updateRows).
      const int64_t* rows[kMaxDeviceReceptors];
      for (uint32_t k = 0; k < p.cells.point.receptorCount && k < kMaxDeviceReceptors; ++k)
        rows[k] = row + static_cast<uint64_t>(k) * s.totalNeurons + p.firstNeuron;
      const bool spike = p.cells.pointAdExp ? pointAdexStep(p.cells.point, i, s.dt, rows, injected)
                                            : pointLifStep(p.cells.point, i, s.dt, rows, injected);
      multiplicity = spike ? 1u : 0u;
      break;
    }
    case kSpikeSourcePoissonRefractory:
    case kSpikeSourceGamma:
      multiplicity = renewalSpikes(p.cells.renewal, i, s.step, s.dt);
      break;
    case kSpikeSourceInhGamma:
      multiplicity = inhGammaSpike(p.cells.inhGamma, i, s.step, s.dt) ? 1u : 0u;
      break;
    case kSpikeSourceArray: {
      uint32_t k = p.nextSpike[i];
      const uint32_t end = p.spikeStart[i + 1];
      while (k < end && p.spikeSteps[k] < s.step) ++k;
      // Times on the same step are each emitted (multiplicity), as core's SpikeSourceArray (NEST's spike_generator).
      for (; k < end && p.spikeSteps[k] == s.step; ++k) ++multiplicity;
      p.nextSpike[i] = k;
      break;
    }
    default:
      break;
  }
  // Cleared once read (every model has read its input by now).
  for (uint32_t r = 0; r < s.maxReceptors; ++r) row[static_cast<uint64_t>(r) * s.totalNeurons + global] = 0;
  if (multiplicity == 0) return;
  appendSpike(s, p.recordSpikes != 0, global, multiplicity);
  if (s.stdpPostStart == nullptr) return;
  for (uint32_t e = s.stdpPostStart[global], end = s.stdpPostStart[global + 1]; e < end; ++e) {
    const uint32_t rule = s.stdpPostRule[e];
    appendPostSpike(s.stdpRules[rule], s.stdpHistories[rule], s.stdpPostIndex[e], static_cast<int64_t>(s.step));
  }
}

// The non-empty populations of one model, for one launch of that model's update: its cell t (t < neurons) is
// cell t - start[j] of population populations[j], j the last entry with start[j] <= t (start ascending from 0).
// Model kMixedModels: populations too small to pay for a launch of their own, all models together.
struct ModelGroup {
  uint32_t model = 0;
  uint32_t neurons = 0;
  uint32_t count = 0;                       // populations in the group
  const uint32_t* populations = nullptr;    // indices into the PopulationArgs array
  const uint32_t* start = nullptr;
};

// Cell t of group g at step s.step: the whole per-thread work of a model's update kernel.
TSNN_HD inline void updateGroupCell(uint32_t model, const PopulationArgs* populations, const ModelGroup& g,
                                    const StepArgs& s, uint32_t t) {
  uint32_t low = 0, high = g.count;
  while (high - low > 1) {
    const uint32_t middle = low + (high - low) / 2;
    if (g.start[middle] <= t) low = middle;
    else high = middle;
  }
  const PopulationArgs& p = populations[g.populations[low]];
  updateCell(model == kMixedModels ? p.model : model, p, s, t - g.start[low]);
}

// One sampled recording due at a step: values[cells[k]] -> out[k] (a thread per recorded cell).
struct SampleArgs {
  const double* values = nullptr;  // a population's state array (v, isyn_*, gsyn_*)
  const uint32_t* cells = nullptr;
  uint32_t count = 0;
  double* out = nullptr;
};

TSNN_HD inline void gatherSample(const SampleArgs& a, uint32_t k) { a.out[k] = a.values[a.cells[k]]; }

// Where synapse `syn` of projection p adds its input at this step: the ring row of its delay, its post cell's
// channel; `post` is set to the post index j.
TSNN_HD inline uint32_t synapseDelay(const SynapseArgs& a, const ProjectionArgs& p, uint64_t syn) {
  return p.wide ? a.wideDelay[p.wideOffset + (syn - p.synapseOffset)] : (a.word[syn] >> p.postBits);
}

TSNN_HD inline int64_t* synapseTarget(const SynapseArgs& a, const StepArgs& s, const ProjectionArgs& p, uint64_t syn,
                                      uint32_t& post) {
  post = a.word[syn] & p.postMask;
  const uint32_t d = synapseDelay(a, p, syn);
  const uint32_t channel = p.postAffine ? p.firstChannel + post : a.postChannel[p.channelOffset + post];
  uint32_t rowIndex = s.arrivingRow + d;
  if (rowIndex >= s.slots) rowIndex -= s.slots;  // d < slots: one wrap at most (InputBuffer::rowOf)
  return s.ring + static_cast<uint64_t>(rowIndex) * s.channels + channel;
}

// All lanes of a warp past this point before any goes on (the host backend has one lane).
TSNN_HD inline void syncLanes() {
#if defined(__CUDA_ARCH__)
  __syncwarp();
#endif
}

// The threads that share one spike: a block, a warp or one thread (SpikeList; on the host always one thread).
// Static synapses are shared by all of them (lane, stride); a plastic row's state is read by every lane before
// lane 0 writes it, which a warp can order (syncLanes) but a block's warps cannot without stalling the others, so
// plastic rows go to the first warp alone (warpLane, warpStride). A thread's list has no plastic rows.
struct DeliveryLanes {
  uint32_t lane, stride;
  uint32_t warpLane, warpStride;
  bool leadWarp;
};

// Synapses [first, stop) of fan-out entry `entry` of a spike, shared by `lanes`. Every lane of the group calls it
// (syncLanes). plasticRows false: the network has static projections only (a compile-time constant in the kernel).
TSNN_HD inline void deliverFanEntry(const SynapseArgs& a, const StepArgs& s, uint32_t entry, int64_t multiplicity,
                                    const DeliveryLanes& lanes, bool plasticRows) {
  const ProjectionArgs& p = a.projections[a.fanProjection[entry]];
  const uint32_t row = a.fanRow[entry];
  const uint64_t first = p.synapseOffset + a.rowStart[p.rowOffset + row];
  const uint64_t stop = p.synapseOffset + a.rowStart[p.rowOffset + row + 1];
  uint32_t post = 0;
  const bool plastic = plasticRows && (p.tsodyksMarkram != 0 || p.stochastic != 0 || p.stdp != 0);
  if (plastic && !lanes.leadWarp) return;
  const uint32_t lane = plastic ? lanes.warpLane : lanes.lane;
  const uint32_t stride = plastic ? lanes.warpStride : lanes.stride;
  if (plastic && p.tsodyksMarkram != 0) {
    // Plasticity::deliver once per spike: the first h since the row's previous spike, the others 0.
    const TsodyksMarkramSynapses& c = a.tsodyksMarkram[p.tsodyksMarkram - 1];
    const int64_t now = static_cast<int64_t>(s.step);
    int64_t last = c.lastSpike[row];
    for (int64_t k = 0; k < multiplicity; ++k) {
      const double h = static_cast<double>(now - last) * s.dt;
      last = now;
      for (uint64_t syn = first + lane; syn < stop; syn += stride) {
        int64_t* target = synapseTarget(a, s, p, syn, post);
        const double released = tsodyksMarkramRelease(c, syn - p.synapseOffset, post, h);
        accumulate(target, toFixed(released * static_cast<double>(a.weight[syn])));
      }
    }
    syncLanes();  // every lane has read lastSpike[row]
    if (lane == 0) c.lastSpike[row] = now;
    return;
  }
  if (plastic && p.stochastic != 0) {
    // Plasticity::deliverStochastic once per spike: the draws of (projection, step) again, the row's previous
    // spike `now` after the first.
    const StochasticSynapses& c = a.stochastic[p.stochastic - 1];
    const int64_t now = static_cast<int64_t>(s.step);
    int64_t last = c.lastSpike[row];
    for (int64_t k = 0; k < multiplicity; ++k) {
      for (uint64_t syn = first + lane; syn < stop; syn += stride) {
        int64_t* target = synapseTarget(a, s, p, syn, post);
        const double released = stochasticRelease(c, syn - p.synapseOffset, now, last, s.dt);
        if (released == 0.0) continue;
        countRelease(a.releases);
        accumulate(target, toFixed(released * static_cast<double>(a.weight[syn])));
      }
      last = now;
    }
    syncLanes();
    if (lane == 0) c.lastSpike[row] = now;
    return;
  }
  if (plastic && p.stdp != 0) {
    // Plasticity::deliver once per spike: the potentiation the row owes (settle), then the spike's own change.
    const StdpSynapses& c = a.stdp[p.stdp - 1];
    const StdpHistories& h = a.stdpHistories[p.stdp - 1];
    const int64_t now = static_cast<int64_t>(s.step);
    for (int64_t k = 0; k < multiplicity; ++k) {
      const int64_t last = c.lastPre[row];
      const int64_t from = last > c.settled[row] ? last : c.settled[row];
      const bool owed = last >= 0 && from < now;
      const double preTrace = c.preTrace[row];
      for (uint64_t syn = first + lane; syn < stop; syn += stride) {
        int64_t* target = synapseTarget(a, s, p, syn, post);
        const uint64_t local = syn - p.synapseOffset;
        const int64_t d = synapseDelay(a, p, syn);
        double w = c.plasticWeight[local];
        if (owed) w = settleSynapse(c, h, post, local, d, w, from, now, last, preTrace);
        w = stdpPreSpikeWeight(c, local, w, historyTraceBefore(c, h, post, now - d));
        c.plasticWeight[local] = w;
        c.weight[local] = static_cast<float>(w);
        accumulate(target, toFixed(w));
      }
      syncLanes();  // every lane has read the row's state
      if (lane == 0) {
        c.settled[row] = now;
        c.preTrace[row] = stdpTraceAfterSpike(c, row, now);
        c.lastPre[row] = now;
      }
      syncLanes();
    }
    return;
  }
  // k events of one spike add k times the same fixed-point amount: the sum is exactly k·amount. Four synapses a
  // round, their loads issued before their atomics, so that a lane waits for memory once a round, not four times.
  uint64_t syn = first + lane;
  for (; syn + 3ull * stride < stop; syn += 4ull * stride) {
    int64_t* target[4];
    float weight[4];
    for (uint32_t u = 0; u < 4; ++u) {
      target[u] = synapseTarget(a, s, p, syn + u * stride, post);
      weight[u] = a.weight[syn + u * stride];
    }
    for (uint32_t u = 0; u < 4; ++u) accumulate(target[u], multiplicity * toFixed(static_cast<double>(weight[u])));
  }
  for (; syn < stop; syn += stride) {
    int64_t* target = synapseTarget(a, s, p, syn, post);
    accumulate(target, multiplicity * toFixed(static_cast<double>(a.weight[syn])));
  }
}

// Plasticity::settle of row `row` of STDP projection `projection` up to step `until` (Plasticity::finishRun at a
// chunk's end), lanes as in deliverFanEntry.
TSNN_HD inline void settleStdpRow(const SynapseArgs& a, uint32_t projection, uint32_t row, int64_t until, uint32_t lane,
                                  uint32_t stride) {
  const ProjectionArgs& p = a.projections[projection];
  const StdpSynapses& c = a.stdp[p.stdp - 1];
  const StdpHistories& h = a.stdpHistories[p.stdp - 1];
  const int64_t last = c.lastPre[row];
  const int64_t from = last > c.settled[row] ? last : c.settled[row];
  if (last >= 0 && from < until) {
    const uint64_t first = p.synapseOffset + a.rowStart[p.rowOffset + row];
    const uint64_t stop = p.synapseOffset + a.rowStart[p.rowOffset + row + 1];
    for (uint64_t syn = first + lane; syn < stop; syn += stride) {
      const uint64_t local = syn - p.synapseOffset;
      const uint32_t post = a.word[syn] & p.postMask;
      const double w = settleSynapse(c, h, post, local, synapseDelay(a, p, syn), c.plasticWeight[local], from, until,
                                     last, c.preTrace[row]);
      c.plasticWeight[local] = w;
      c.weight[local] = static_cast<float>(w);
    }
  }
  syncLanes();
  if (lane == 0) c.settled[row] = until;
}

// What a spike adds to SpikeTotals: its multiplicity, and the events it causes at static synapses.
struct SpikeTally {
  uint64_t spikes = 0, events = 0;
};

// Spike `index` of this step's list `list`: every synapse of every projection it feeds. Its spikes and events go
// into `tally` (the caller passes it to one lane of the group only).
TSNN_HD inline void deliverSpike(const SynapseArgs& a, const StepArgs& s, uint32_t list, uint32_t index,
                                 const DeliveryLanes& lanes, SpikeTally* tally, bool plasticRows) {
  const uint64_t slot = spikeSlot(s, list, index);
  const uint32_t neuron = s.stepNeuron[slot];
  const int64_t multiplicity = s.stepMultiplicity[slot];
  if (tally != nullptr) {
    tally->spikes += static_cast<uint64_t>(multiplicity);
    tally->events += static_cast<uint64_t>(multiplicity) * s.synapseCount[neuron];
  }
  for (uint32_t e = a.fanStart[neuron], end = a.fanStart[neuron + 1]; e < end; ++e)
    deliverFanEntry(a, s, e, multiplicity, lanes, plasticRows);
}

}  // namespace accel
}  // namespace tsnn
