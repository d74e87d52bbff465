// The synapses of a network: built from the decoded Network by expanding every projection's connector rule
// (connector_expansion.h), stored compactly, and delivered spike by spike into the input ring.
//
// Storage (per projection, CSR by presynaptic index within the projection's pre CellSet):
//   rowStart[i]..rowStart[i+1]  the synapses of pre cell i, sorted by post index (multapses in creation order):
//                               this is also GetConnections' canonical order and the "connection index" used by
//                               per-connection arrays in SetSynapseValues;
//   word[s]    uint32: post index j in the low `postBits` bits (postBits = bits of nPost - 1, at least 1), delay in
//              steps in the remaining 32 - postBits bits;
//   weight[s]  float32 (the engine accumulates it into 64-bit fixed point).
// So a static synapse costs exactly 8 bytes, plus 4 bytes per presynaptic cell for rowStart. Limits of the
// compact layout: delay steps < 2^(32 - postBits) (e.g. 2^14 = 16384 steps with 150k post cells); a projection
// whose delays do not fit falls back to a wide layout (word = j, plus a uint32 delay per synapse: 12 bytes) and
// says so in notes(). Per-projection connection count < 2^32.
// The channel of post cell j is firstChannel + j when the post CellSet is one contiguous slice of a population
// (the common case), else a per-projection table of nPost channels.
// Synaptic values other than weight and delay (U, tau_rec, ...) are kept per projection: one number when uniform,
// else one double per synapse in canonical order.
// Tsodyks-Markram and STDP projections are marked plastic and delivered by Plasticity (tsnn/plasticity); every
// other synapse is delivered as static (weight as stored): stochastic dynamics are not applied.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tsnn/connectivity/projection_store.h"
#include "tsnn/engine/channel_layout.h"
#include "tsnn/engine/input_buffer.h"
#include "tsnn/fixed_point.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/out_of_line.h"
#include "tsnn/plasticity/plasticity.h"

namespace tsnn {

class WorkerPool;
class ParallelExpander;

struct ConnectivityOptions {
  // Most bytes the synapse store may take (0: no limit). Checked after each projection's counting pass, before
  // its arrays are allocated, so an oversized network fails with RESOURCE_EXHAUSTED instead of running out of memory.
  uint64_t maxBytes = 0;
  // Threads to expand projections on, several at once (null: one after the other). Every projection draws from
  // its own counter-based streams, so the synapses are the same either way; so are the notes and the error when
  // one fails (the first failing projection in Network order, the byte limit checked in that order).
  WorkerPool* pool = nullptr;
  // Builds the projections that have its form (parallel_rule.h) elsewhere, a device (null: all on the host). The
  // synapses are the same either way; the store comes back to the host.
  ParallelExpander* expander = nullptr;
};

class Connectivity {
 public:
  // Expands every projection of `network`; channels come from `layout` (populations in Network order).
  // Throws tsnn::Error: INVALID_ARGUMENT with the projection's field path for values that cannot be used
  // (array length, negative delay, a connector that cannot be satisfied), RESOURCE_EXHAUSTED past 2^32 - 1
  // connections in one projection.
  // `network` must outlive the Connectivity (SetSynapseValues reads positions and seeds from it).
  Connectivity(const NetworkSpec& network, const ChannelLayout& layout,
               const ConnectivityOptions& options = ConnectivityOptions());

  // The hot loop: adds every synapse of presynaptic global neuron `preGlobal` to the ring at its delay.
  // Returns the number of synaptic events.
  uint64_t deliver(uint32_t preGlobal, InputBuffer& input) const { return deliver(preGlobal, 1, input); }

  // The spikes of global neurons firstGlobal + cells[k]; a cell listed several times in a row (multiplicity)
  // is delivered once with its weight times the multiplicity on static synapses: the same integer sum.
  uint64_t deliverSpikes(uint32_t firstGlobal, const std::vector<uint32_t>& cells, InputBuffer& input) const {
    if (const OneToOneDrive* drive = oneToOneDrive(firstGlobal)) {
      int64_t* row = input.rowAfter(drive->delay);
      for (const uint32_t cell : cells) row[drive->channelOffset + cell] += drive->amount;
      return cells.size();
    }
    uint64_t events = 0;
    forEachSpiking(cells, [&](uint32_t cell, uint32_t multiplicity) {
      events += deliver(firstGlobal + cell, multiplicity, input);
    });
    return events;
  }

  // `multiplicity` spikes of one neuron in one step.
  uint64_t deliver(uint32_t preGlobal, uint32_t multiplicity, InputBuffer& input) const {
    return withSinkOf(input.lane(0), [&](auto& sink) { return deliverTo(preGlobal, multiplicity, input, sink); });
  }

  // deliver's loop, adding the static synapses' input through `sink` (a ListSink or a RowsSink: withSinkOf).
  template <typename Sink>
  uint64_t deliverTo(uint32_t preGlobal, uint32_t multiplicity, InputBuffer& input, Sink& sink) const {
    uint64_t events = 0;
    for (uint32_t e = fanStart_[preGlobal], end = fanStart_[preGlobal + 1]; e < end; ++e) {
      const ProjectionStore& p = projections_[fanProjection_[e]];
      const uint32_t row = fanRow_[e];
      if (p.plastic) {
        // Each spike changes the synapses' state: one at a time.
        for (uint32_t k = 0; k < multiplicity; ++k) events += plasticity_->deliver(fanProjection_[e], row, input);
        continue;
      }
      const uint32_t begin = p.rowStart[row], stop = p.rowStart[row + 1];
      events += uint64_t{stop - begin} * multiplicity;
      if (p.weightUniform) {
        const int64_t amount = toFixed(static_cast<double>(p.uniformWeight)) * static_cast<int64_t>(multiplicity);
        if (p.uniformDelaySteps != 0) {
          if (p.postAffine) deliverUniformOneDelay<true>(p, begin, stop, amount, sink);
          else deliverUniformOneDelay<false>(p, begin, stop, amount, sink);
        } else if (p.wide) deliverUniform<true>(p, begin, stop, amount, sink);
        else if (p.postAffine) deliverUniform<false, true>(p, begin, stop, amount, sink);
        else deliverUniform<false, false>(p, begin, stop, amount, sink);
      } else if (p.wide) {
        if (p.postAffine) deliverRange<true, true>(p, begin, stop, multiplicity, sink);
        else deliverRange<true, false>(p, begin, stop, multiplicity, sink);
      } else if (p.weightsSmall) {
        if (p.postAffine) deliverRange<false, true, true>(p, begin, stop, multiplicity, sink);
        else deliverRange<false, false, true>(p, begin, stop, multiplicity, sink);
      } else {
        if (p.postAffine) deliverRange<false, true>(p, begin, stop, multiplicity, sink);
        else deliverRange<false, false>(p, begin, stop, multiplicity, sink);
      }
    }
    return events;
  }

  // The threaded step's delivery (Simulation::setThreads): the same spikes, but only the synapses onto channels
  // that `owner` gives to `worker` (owner[channel] == worker), so threads delivering the same spikes at once never
  // write the same input, and each writes only the input its own cells read. Static projections only (with any
  // plastic projection the step delivers on one thread). Returns the synaptic events delivered by this worker.
  uint64_t deliverSpikesOwned(uint32_t firstGlobal, const std::vector<uint32_t>& cells, InputBuffer& input,
                              const uint8_t* owner, uint8_t worker) const {
    if (const OneToOneDrive* drive = oneToOneDrive(firstGlobal)) {
      int64_t* row = input.rowAfter(drive->delay);
      uint64_t events = 0;
      for (const uint32_t cell : cells) {
        const uint32_t channel = drive->channelOffset + cell;
        if (owner[channel] != worker) continue;
        row[channel] += drive->amount;
        ++events;
      }
      return events;
    }
    // The worker's own lane of staged input (lane 0 when the ring has one: a caller delivering on one thread).
    InputLane& lane = input.lane(worker < input.laneCount() ? worker : 0);
    return withSinkOf(lane, [&](auto& sink) { return deliverOwnedTo(firstGlobal, cells, owner, worker, sink); });
  }

  // deliverSpikesOwned's loop over the fan-out, adding through `sink` (a ListSink or a RowsSink: withSinkOf).
  template <typename Sink>
  uint64_t deliverOwnedTo(uint32_t firstGlobal, const std::vector<uint32_t>& cells, const uint8_t* owner,
                          uint8_t worker, Sink& sink) const {
    uint64_t events = 0;
    const bool planned = reachOwner_ == owner && worker < 8;
    forEachSpiking(cells, [&](uint32_t cell, uint32_t multiplicity) {
      const uint32_t pre = firstGlobal + cell;
      if (planned && (reach_[pre] & (1u << worker)) == 0) return;
      for (uint32_t e = fanStart_[pre], end = fanStart_[pre + 1]; e < end; ++e) {
        const uint32_t projection = fanProjection_[e];
        const ProjectionStore& p = projections_[projection];
        const uint32_t row = fanRow_[e];
        if (planned && windowed_[projection]) {
          // A worker past plannedWorkers_ owns none of any windowed projection's cells: nothing to add here.
          if (worker >= plannedWorkers_) continue;
          const uint32_t* run = &windowRun_[(static_cast<size_t>(e) * plannedWorkers_ + worker) * 2];
          events += deliverFrom(p, run[0], run[1], multiplicity, sink);
        } else {
          events += deliverOwned(p, p.rowStart[row], p.rowStart[row + 1], multiplicity, sink, owner, worker);
        }
      }
    });
    return events;
  }

  // For deliverSpikesOwned with this `owner` table: notes which of workers 0-7 each neuron's synapses reach, so a
  // worker skips at once the spikes that bring it nothing (the microcircuit's one-to-one Poisson sources: each
  // reaches one worker). Call again when the table changes; without it every worker looks at every spike.
  void planOwnedDelivery(const uint8_t* owner);

  // Whether the population starting at global neuron firstGlobal is a one-to-one drive (see OneToOneDrive), and
  // then its delay, its cell 0's channel and its weight in fixed point (Simulation::setDirectDrives).
  bool oneToOneDriveOf(uint32_t firstGlobal, uint32_t& delaySteps, uint32_t& channelOffset, int64_t& amount) const {
    const OneToOneDrive* drive = oneToOneDrive(firstGlobal);
    if (drive == nullptr) return false;
    delaySteps = drive->delay;
    channelOffset = drive->channelOffset;
    amount = drive->amount;
    return true;
  }

  // Plastic projections: null when every projection is static.
  Plasticity* plasticity() const { return plasticity_.get(); }

  uint32_t maxDelaySteps() const { return maxDelaySteps_; }  // at least 1
  uint32_t minDelaySteps() const { return minDelaySteps_; }  // at least 1 (1 when there are no synapses)
  uint64_t synapseCount() const;
  uint32_t projectionCount() const { return static_cast<uint32_t>(projections_.size()); }
  uint64_t projectionSize(uint32_t projection) const { return projections_.at(projection).size(); }
  const ProjectionStore& projection(uint32_t index) const { return projections_.at(index); }
  // Bytes of the synapse store (rows, words, weights, wide delays, channel tables, extra values, fan-out index).
  uint64_t memoryBytes() const;
  // Bytes of the per-synapse arrays only (word, weight, wide delay): 8 per static synapse in the compact layout.
  uint64_t synapseBytes() const;
  // Human-readable remarks from the build (layout fallbacks).
  const std::vector<std::string>& notes() const { return notes_; }

  // Values of one synaptic variable per connection in canonical order: "weight", "delay" (ms) or any parameter
  // of the projection's synapse type (its default when it was not given). INVALID_ARGUMENT for other names.
  std::vector<double> values(uint32_t projection, const std::string& name, const std::string& path) const;
  // Pre and post indices (within the projection's CellSets) per connection, canonical order.
  void indices(uint32_t projection, std::vector<uint32_t>& pre, std::vector<uint32_t>& post) const;
  // The GetConnections response: length-delimited ConnectionsChunk messages (at most maxConnectionsPerChunk
  // connections each, 65536 when 0), every chunk carrying `total`.
  std::vector<uint8_t> encodeConnections(const GetConnectionsSpec& request) const;
  // SetSynapseValues: "weight", "delay" or a parameter of the synapse type, as scalar, array (one per connection,
  // canonical order), matrix (pre x post, NaN entries left unchanged), distribution (drawn per connection index)
  // or expression of distance. maxDelaySteps() may grow: `beforeDelays(steps)`, when given, is called with the largest new delay (in steps) after every new value has
  // been checked and before any is written: the session grows its delay ring there, and if that fails (too
  // large) the projection is left unchanged, instead of holding delays past the ring's end.
  void setValues(const SetSynapseValuesSpec& request,
                 const std::function<void(uint32_t)>& beforeDelays = std::function<void(uint32_t)>());

 private:
  // A population whose every neuron has one synapse, all in one static projection with one weight and one delay,
  // onto channels channelOffset + cell: the usual Poisson drive, a SpikeSourcePoisson per neuron with a
  // OneToOneConnector (the microcircuit's background). Its spikes go straight into the ring row (one add per
  // spike, a spike listed k times added k times: the same integer sum as weight times k), without the per-spike
  // look-ups of the fan-out. planOneToOneDrives finds them after every change of the synapses.
  struct OneToOneDrive {
    uint32_t firstGlobal, delay, channelOffset;
    int64_t amount;
  };
  const OneToOneDrive* oneToOneDrive(uint32_t firstGlobal) const {
    for (const OneToOneDrive& drive : drives_)
      if (drive.firstGlobal == firstGlobal) return &drive;
    return nullptr;
  }
  void planOneToOneDrives();

  // The same amount to every synapse of the range (weightUniform). Wide layouts take the table-free path only
  // when affine: they are rare (delays beyond the compact word), one branch per synapse does not matter there.
  // Kept apart from deliverRange on purpose: folded into it as a template flag, Brunel ran 10 % slower in wasm
  // (3.1 -> 3.5 s per biological s, interleaved runs).
  template <bool Wide, bool Affine = false, typename Sink>
  TSNN_OUT_OF_LINE static void deliverUniform(const ProjectionStore& p, uint32_t begin, uint32_t stop, int64_t amount,
                                              Sink& input) {
    const uint32_t* word = p.word.data();
    const uint32_t* delay = Wide ? p.wideDelay.data() : nullptr;
    const uint32_t shift = p.postBits, mask = p.postMask, base = p.firstChannel;
    input.reserve(stop - begin);
    for (uint32_t s = begin; s < stop; ++s) {
      const uint32_t w = word[s];
      const uint32_t j = w & mask;
      const uint32_t d = Wide ? delay[s] : (w >> shift);
      const bool affine = Wide ? p.postAffine : Affine;
      input.addReserved(d, affine ? base + j : p.postChannel[j], amount);
    }
  }

  // deliverUniform for a projection whose synapses share one delay (uniformDelaySteps: the compact layout): the
  // ring's row for it (and its list, when the ring lists touched channels) is taken once per row of synapses.
  template <bool Affine, typename Sink>
  TSNN_OUT_OF_LINE static void deliverUniformOneDelay(const ProjectionStore& p, uint32_t begin, uint32_t stop,
                                                      int64_t amount, Sink& input) {
    const uint32_t* word = p.word.data();
    const uint32_t mask = p.postMask, base = p.firstChannel;
    auto at = input.atDelay(p.uniformDelaySteps, stop - begin);
    for (uint32_t s = begin; s < stop; ++s) {
      const uint32_t j = word[s] & mask;
      at.add(Affine ? base + j : p.postChannel[j], amount);
    }
    at.finish();
  }

  // Synapse s's weight in fixed point: toFixedSmall when the projection's weights allow it (weightsSmall).
  template <bool Small>
  static int64_t fixedWeight(const float* weight, uint32_t s) {
    const double w = static_cast<double>(weight[s]);
    return Small ? toFixedSmall(w) : toFixed(w);
  }

  template <bool Wide, bool Affine, bool Small = false, typename Sink>
  TSNN_OUT_OF_LINE static void deliverRange(const ProjectionStore& p, uint32_t begin, uint32_t stop,
                                            uint32_t multiplicity, Sink& input) {
    const uint32_t* word = p.word.data();
    const float* weight = p.weight.data();
    const uint32_t* delay = Wide ? p.wideDelay.data() : nullptr;
    const uint32_t* table = Affine ? nullptr : p.postChannel.data();
    const uint32_t shift = p.postBits, mask = p.postMask, base = p.firstChannel;
    input.reserve(stop - begin);
    for (uint32_t s = begin; s < stop; ++s) {
      const uint32_t w = word[s];
      const uint32_t j = w & mask;
      const uint32_t d = Wide ? delay[s] : (w >> shift);
      const uint32_t channel = Affine ? base + j : table[j];
      input.addReserved(d, channel, fixedWeight<Small>(weight, s) * static_cast<int64_t>(multiplicity));
    }
  }

  // f(cell, multiplicity) for each run of equal entries of `cells` (a cell listed k times in a row spiked k times).
  template <typename F>
  static void forEachSpiking(const std::vector<uint32_t>& cells, F f) {
    const size_t count = cells.size();
    for (size_t k = 0; k < count;) {
      const uint32_t cell = cells[k];
      uint32_t multiplicity = 1;
      while (k + multiplicity < count && cells[k + multiplicity] == cell) ++multiplicity;
      f(cell, multiplicity);
      k += multiplicity;
    }
  }

  // The first synapse of [begin, stop) onto a post cell >= lo, by bisection (a row is sorted by post cell).
  static uint32_t firstPostAtLeast(const ProjectionStore& p, uint32_t begin, uint32_t stop, uint32_t lo) {
    while (begin < stop) {
      const uint32_t mid = begin + (stop - begin) / 2;
      if (p.postOf(mid) < lo) begin = mid + 1;
      else stop = mid;
    }
    return begin;
  }

  // The synapses [begin, stop) of a row onto one worker's window of post cells, which planOwnedDelivery found
  // (rows being sorted by post cell): a counted loop, with no test of the post cell per synapse.
  template <typename Sink>
  static uint64_t deliverFrom(const ProjectionStore& p, uint32_t begin, uint32_t stop, uint32_t multiplicity,
                              Sink& input) {
    if (begin >= stop) return 0;
    if (p.weightUniform) {
      const int64_t amount = uniformAmountOf(p, multiplicity);
      if (p.wide) deliverUniform<true, true>(p, begin, stop, amount, input);
      else deliverUniform<false, true>(p, begin, stop, amount, input);
    } else if (p.wide) {
      deliverRange<true, true>(p, begin, stop, multiplicity, input);
    } else if (p.weightsSmall) {
      deliverRange<false, true, true>(p, begin, stop, multiplicity, input);
    } else {
      deliverRange<false, true>(p, begin, stop, multiplicity, input);
    }
    return uint64_t{stop - begin} * multiplicity;
  }

  // The owned delivery's synapse s onto `channel`: the projection's shared weight (uniformAmountOf) or its own,
  // times the multiplicity, at its delay (after input.reserve).
  static int64_t uniformAmountOf(const ProjectionStore& p, uint32_t multiplicity) {
    return p.weightUniform ? toFixed(static_cast<double>(p.uniformWeight)) * static_cast<int64_t>(multiplicity) : 0;
  }
  template <typename Sink>
  static void addSynapse(const ProjectionStore& p, uint32_t s, uint32_t channel, int64_t uniformAmount,
                         uint32_t multiplicity, Sink& input) {
    const int64_t amount =
        p.weightUniform ? uniformAmount : fixedWeight<false>(p.weight.data(), s) * static_cast<int64_t>(multiplicity);
    input.addReserved(p.delayOf(s), channel, amount);
  }

  // deliverRange and deliverUniform for the synapses whose channel `owner` gives to `worker`; returns how many.
  template <typename Sink>
  static uint64_t deliverOwned(const ProjectionStore& p, uint32_t begin, uint32_t stop, uint32_t multiplicity,
                               Sink& input, const uint8_t* owner, uint8_t worker) {
    const int64_t uniformAmount = uniformAmountOf(p, multiplicity);
    uint64_t events = 0;
    input.reserve(stop - begin);
    for (uint32_t s = begin; s < stop; ++s) {
      const uint32_t channel = p.channelOf(p.postOf(s));
      if (owner[channel] != worker) continue;
      addSynapse(p, s, channel, uniformAmount, multiplicity, input);
      events += multiplicity;
    }
    return events;
  }

  // Expands the projections on the pool's threads (ConnectivityOptions::pool): every count, the byte limit in
  // Network order, then every fill, so that the synapses, the notes and the error are those of one thread.
  void buildInParallel(const NetworkSpec& network, const ChannelLayout& layout, WorkerPool& pool, uint64_t maxBytes,
                       ParallelExpander* expander);
  void buildFanOut();
  void updateDelayRange();

  const NetworkSpec* network_;
  std::vector<ProjectionStore> projections_;
  std::unique_ptr<Plasticity> plasticity_;
  std::vector<uint32_t> fanStart_;       // totalNeurons + 1
  std::vector<uint32_t> fanProjection_;  // per (projection, pre row) entry
  std::vector<uint32_t> fanRow_;
  const uint8_t* reachOwner_ = nullptr;  // the owner table reach_ was planned for
  std::vector<uint8_t> reach_;            // per global neuron: bit w set when a synapse goes onto worker w's channels
  // Per projection: whether every worker's post cells are one run of its post indices (planOwnedDelivery).
  std::vector<uint8_t> windowed_;
  // Per fan-out entry e of a windowed projection and worker w < plannedWorkers_: the row's synapses onto w's
  // window, [start, stop) at windowRun_[(e * plannedWorkers_ + w) * 2] (bisections per row and worker once, not
  // per spike).
  uint32_t plannedWorkers_ = 0;
  std::vector<uint32_t> windowRun_;
  std::vector<OneToOneDrive> drives_;
  std::vector<std::string> notes_;
  uint32_t maxDelaySteps_ = 1;
  uint32_t minDelaySteps_ = 1;
};

}  // namespace tsnn
