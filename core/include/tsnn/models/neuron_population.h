// One population's cells: parameters, state in structure-of-arrays, and the per-step update that dispatches once
// per population (never per cell) to the model's step function. Standard models as tables: names and defaults
// come from the catalog (network/cell_type_catalog.h), the equations from lif_updates.h, conductance_updates.h,
// izhikevich_update.h and spike_sources.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tsnn/engine/array_views.h"
#include "tsnn/models/adex_update.h"
#include "tsnn/models/cell_steps.h"
#include "tsnn/models/conductance_updates.h"
#include "tsnn/models/gif_update.h"
#include "tsnn/models/gsfa_grr_update.h"
#include "tsnn/models/hh_update.h"
#include "tsnn/models/izhikevich_update.h"
#include "tsnn/models/lif_updates.h"
#include "tsnn/models/lif_uniform_simd.h"
#include "tsnn/models/point_neuron_cells.h"
#include "tsnn/models/poisson_counts.h"
#include "tsnn/models/spike_sources.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

enum class ModelKind : uint8_t {
  IfCurrExp,
  IfCurrAlpha,
  IfCurrDelta,
  IfCondExp,
  IfCondAlpha,
  IfCondExpGsfaGrr,
  Izhikevich,
  EifCondExp,
  EifCondAlpha,
  HhCondExp,
  GifCondExp,
  PointNeuron,  // composed: point_neuron_cells.h
  SpikeSourcePoisson,
  SpikeSourcePoissonRefractory,
  SpikeSourceGamma,
  SpikeSourceInhGamma,
  SpikeSourceArray,
};

class NeuronPopulation {
 public:
  // `path` names the population in errors (e.g. "network.populations[2]"). `sourceStream` feeds the random
  // spike sources. Throws INVALID_ARGUMENT for a cell type this engine does not run.
  NeuronPopulation(const std::string& cellType, uint32_t size, double timestep, RandomStream sourceStream,
                   std::string path);

  // A composed PointNeuron (LIF or AdExp with the receptors of `spec`, receptor indices in spec order).
  NeuronPopulation(const PointNeuronSpecData& spec, uint32_t size, double timestep, std::string path);

  // Either constructor, as the decoded cell type asks: PointNeuron from its spec, the others by name.
  static NeuronPopulation fromCellType(const CellTypeSpec& cellType, uint32_t size, double timestep,
                                       RandomStream sourceStream, std::string path);

  // The PyNN names of the standard cell types this engine runs (PointNeuron is built from its spec).
  static const std::vector<std::string>& supportedCellTypes();

  ModelKind kind() const { return kind_; }
  const std::string& cellType() const { return cellType_; }
  uint32_t size() const { return size_; }
  bool isSpikeSource() const { return kind_ >= ModelKind::SpikeSourcePoisson; }

  // Sets a parameter for the listed cells (population indices, one value each); validates the values.
  void setParameter(const std::string& name, const std::vector<uint32_t>& cells, const std::vector<double>& values);
  // NEST's orderings of the listed cells' voltages (iaf_*: v_reset < v_thresh; aeif_*, which spike at v_spike:
  // v_thresh <= v_spike and v_reset < v_spike), checked once all of a request's parameters are set.
  void checkVoltageOrder(const std::vector<uint32_t>& cells, const std::string& where) const;
  // Sets an initial value (applied now and at every reset).
  void setInitialValue(const std::string& name, const std::vector<uint32_t>& cells,
                       const std::vector<double>& values);
  // Array-valued parameters other than spike_times (GIF_cond_exp: tau_eta, a_eta, tau_gamma, a_gamma), all of one
  // request at once: one sequence shared by the listed cells, or one per cell. tau_eta and a_eta (tau_gamma and
  // a_gamma) must end up with the same length, equal for every cell of the population.
  void setSequenceParameters(const std::vector<uint32_t>& cells,
                             const std::map<std::string, std::vector<std::vector<double>>>& values);
  // SpikeSourceArray: new spike times (ms, sorted) for the listed cells; only spikes after `nowStep` are emitted.
  void setSpikeTimes(const std::vector<uint32_t>& cells, const std::vector<std::vector<double>>& times,
                     uint64_t nowStep);

  // t -> 0: state back to the initial values, spike sources restart from their first spike.
  void reset();
  // The next segment (Simulation::reset): random spike sources and escape noise draw from its streams.
  void newTrial();

  // Computes the state at `step` (>= 1) from the state at step - 1. inputExc / inputInh: this population's
  // arriving input rows (fixed point, one per cell; null when it has no such receptor); injected: per-cell
  // current-source current of step - 1 in nA (null: none). Appends the indices of the cells that spiked.
  // PointNeuron: inputExc / inputInh are receptors 0 and 1, and receptor k >= 2 is read at
  // inputExc + k·(inputInh - inputExc), the receptor-major stride of ChannelLayout (channel_layout.h).
  void update(uint64_t step, const int64_t* inputExc, const int64_t* inputInh, const double* injected,
              std::vector<uint32_t>& spikes);
  // update() for the step loop, which owns the rows: when the population's fast path runs, it also sets every
  // entry of inputExc and inputInh to zero once read and returns true (the caller need not clear them); otherwise
  // it leaves the rows as they are and returns false.
  bool updateClearingInput(uint64_t step, int64_t* inputExc, int64_t* inputInh, const double* injected,
                           std::vector<uint32_t>& spikes);
  // A step split into cell ranges that different threads update at once (Simulation::setThreads): beginStep on
  // one thread, then updateRangeClearingInput for disjoint ranges that cover every cell (any threads, each with
  // its own `spikes`; indices are population indices; returns what updateClearingInput would, for its range),
  // then endStep on one thread. Only for populations that splitsIntoRanges(): every per-cell model and the
  // Poisson sources; the others take one range [0, size()).
  bool splitsIntoRanges() const;
  // Between beginStep and endStep: the step of cells [begin, end) (the whole population, or a thread's range as
  // updateRangeClearingInput takes them) whose input the caller adds afterwards, channel by channel, for the
  // channels that received any (Simulation's touched input: InputBuffer::trackTouched) to the variables
  // touchedInputTarget gives. The cells step as if no input had arrived (the SIMD pair loops skip
  // reading and converting the rows, which stay as they are): the same doubles as reading every row, since a
  // step's input is the last term of its variable (x * decay + 0.0 + input == x * decay + input, and an empty row
  // converts to +0.0). Returns false, doing nothing, for a model without this path (then the caller updates as
  // usual): the uniform IF_curr_exp and IF_cond_exp only (takesTouchedInput).
  bool takesTouchedInput() const {
    return uniform_ && (kind_ == ModelKind::IfCurrExp || kind_ == ModelKind::IfCondExp);
  }
  bool updateSkippingInput(uint32_t begin, uint32_t end, const double* injected, std::vector<uint32_t>& spikes);
  // The variable that receptor `receptor` (0 excitatory, 1 inhibitory) of each cell adds its input to: the
  // synaptic current or conductance; null where !takesTouchedInput().
  double* touchedInputTarget(uint32_t receptor) {
    if (!takesTouchedInput()) return nullptr;
    return receptor == 0 ? synExc_.data() : receptor == 1 ? synInh_.data() : nullptr;
  }
  void beginStep(uint64_t step);
  // The ranges that the steps of the next runs take (Simulation::planParts: disjoint, covering every cell; the
  // whole population by default), called between steps on one thread. Each range keeps its own list of refractory
  // cells for the fast paths, so threads stepping different ranges at once each keep theirs. A step of another
  // range still works, listing nothing; a step of the whole population plans it again.
  void planRanges(const std::vector<std::pair<uint32_t, uint32_t>>& ranges);
  bool updateRangeClearingInput(uint64_t step, uint32_t begin, uint32_t end, int64_t* inputExc, int64_t* inputInh,
                                const double* injected, std::vector<uint32_t>& spikes);
  void endStep(uint64_t step);
  // SpikeSourcePoisson whose every event adds `amount` to one input channel (Simulation::setDirectDrives: a
  // one-to-one static projection): between beginStep and endStep, like updateRangeClearingInput, adds each cell's
  // event count times `amount` to row[cell] for cells [begin, end) instead of listing the events, and returns how
  // many there were. The same integer sums as delivering the listed events one by one.
  bool addsCountsIntoRow() const { return kind_ == ModelKind::SpikeSourcePoisson; }
  // False when a Poisson population whose cells share start and duration cannot fire at `step` (outside them).
  bool poissonMayFireAt(uint64_t step) const {
    return !poissonUniform_ || poissonActive(step, poissonStart_, poissonDuration_);
  }
  uint64_t updateCountsIntoRow(uint64_t step, uint32_t begin, uint32_t end, int64_t* row, int64_t amount);
  // The same with one input row per receptor (rows[k] null: no input), for any model.
  void updateReceptors(uint64_t step, const int64_t* const* rows, uint32_t rowCount, const double* injected,
                       std::vector<uint32_t>& spikes);
  // Receptor names in receptor-index order: "excitatory", "inhibitory" for the standard cells, none for sources.
  std::vector<std::string> receptorNames() const;

  bool hasParameter(const std::string& name) const;
  bool hasStateVariable(const std::string& name) const;
  // spike_times, tau_eta, ...: one sequence per cell, not readable through get().
  bool isSequenceParameter(const std::string& name) const {
    return sequenceParameters_.count(name) != 0 || (kind_ == ModelKind::SpikeSourceArray && name == "spike_times");
  }
  // A parameter or state variable of one cell, in PyNN units.
  double get(const std::string& name, uint32_t cell) const;
  // The contiguous per-cell array of a sampled recordable ("v", "isyn_exc", "gsyn_inh", "u", ...), or null.
  const double* recordableArray(const std::string& name) const;
  const std::vector<double>& spikeTimes(uint32_t cell) const { return spikeTimes_.at(cell); }
  size_t memoryBytes() const;

  // For an engine that keeps copies of this population's arrays elsewhere and runs the same per-cell steps on them
  // (the CUDA engine, gpu-server/cuda/): every array the model's step (or a spike source's draw) reads or writes, with
  // `state` set for those the step writes, in an order fixed for the population; and the step's arguments
  // (cell_steps.h) with every array pointer replaced by copyOf(pointer), the address of its copy (null for an
  // array it does not hold). The pointers stay valid until the population's next parameter change or reset.
  using CellArray = CellArrayRef;
  std::vector<CellArray> cellArrays();
  CellSteps cellSteps(const CopyOf& copyOf);
  // Such an engine has computed the steps up to `step` (as update() records itself: a renewal source's parameter
  // change draws its next interval from there).
  void setLastStep(uint64_t step) { lastStep_ = step; }

 private:
  // skipInput: the fast paths' pairs step as if no input arrived (UniformInput::pairsSkipInput; updateSkippingInput).
  void updateRows(uint64_t step, uint32_t begin, uint32_t end, int64_t* inputExc, int64_t* inputInh,
                  const double* injected, std::vector<uint32_t>& spikes, bool clearInput, bool skipInput = false);
  void derive();
  void validate(const std::string& name, const std::vector<uint32_t>& cells) const;
  std::vector<double>* stateArray(const std::string& name);
  const std::vector<double>* stateArray(const std::string& name) const;
  void restartSpikeArray(uint32_t cell, uint64_t afterStep);
  // Every renewal source's first interval from its start (t = 0).
  void restartRenewals();
  const std::vector<double>& param(const char* name) const { return parameters_.at(name); }
  // The per-cell steps' arguments; at(array) gives the pointer to pass for one of this population's arrays (its
  // data() for the population's own loops, a copy's address for cellSteps).
  template <typename At>
  LifCurrCells lifCells(At at);
  // Whether every cell shares the constants of the LIF step (then the uniform fast path runs).
  bool lifUniform() const;
  bool condUniform() const;
  // The `count` spikes a fast path found in cells [begin, ...) (spikeScratch_ from `begin`), as population indices.
  void appendSpikes(uint32_t begin, uint32_t count, std::vector<uint32_t>& spikes) const;
  // The refractory list for a fast-path step of the planned range [begin, end) (its cells numbered from begin),
  // listed now if it was dropped; null in builds whose fast paths step cell by cell (they read the counters) and
  // for a range not planned (then every list is dropped: the step writes counters under them).
  RefractoryList* refractoryList(uint32_t begin, uint32_t end);
  // Every writer of refractory_ other than the fast paths' steps calls this.
  void dropRefractoryLists() {
    for (ListedRange& range : listedRanges_) range.listed = false;
  }
  template <typename At>
  CondCells condCells(At at);
  template <typename At>
  AdexCells adexCells(At at);
  template <typename At>
  HhCells hhCells(At at);
  template <typename At>
  GsfaGrrExtra gsfaGrrExtra(At at);
  template <typename At>
  GifExtra gifExtra(At at);
  template <typename At>
  IzhikevichCells izhikevichCells(At at);
  template <typename At>
  PoissonCells poissonCells(At at);
  template <typename At>
  RenewalCells renewalCells(At at);
  template <typename At>
  InhGammaCells inhGammaCells(At at);
  void flattenGifSequences();
  void validateInhGamma() const;
  void flattenInhGammaBins();
  void inhGammaSpikes(uint64_t step, std::vector<uint32_t>& spikes);
  // Poisson: the words of `step` for cells [begin, end) (indexed by cell; poissonWord in spike_sources.h),
  // computing the Philox block when due.
  const uint32_t* poissonWords(uint64_t step, uint32_t begin, uint32_t end);
  // Whether a Poisson cell with this start and duration may fire at `step` (t in (start, start + duration]).
  bool poissonActive(uint64_t step, double start, double duration) const {
    const double t = static_cast<double>(step) * dt_;
    return t > start && t <= start + duration;
  }
  // The event counts of Poisson cells [begin, end) at `step`, in cell order: emit(cell, count) for the cells with
  // events or, where the cells share one rate and most have events, for every cell (the four-cell loop of
  // poisson_counts.h), after beforeDense() (where a caller may make room). Computes the Philox block when due.
  template <typename BeforeDense, typename Emit>
  void forEachPoissonCount(uint64_t step, uint32_t begin, uint32_t end, BeforeDense beforeDense, Emit emit);
  // The events of Poisson cells [begin, end) at `step` appended to `spikes`, a cell once per event (a cell with
  // k events is delivered k times: multiplicity, as NEST).
  void poissonSpikes(uint64_t step, uint32_t begin, uint32_t end, std::vector<uint32_t>& spikes);

  std::string cellType_;
  std::string path_;
  ModelKind kind_;
  uint32_t size_;
  double dt_;
  RandomStream sourceStream_;  // of the current segment (trialStream)
  uint64_t firstSourceStream_ = 0;
  uint64_t trial_ = 0;  // resets so far

  std::map<std::string, std::vector<double>> parameters_;
  std::map<std::string, std::vector<double>> initialValues_;
  std::vector<std::string> hiddenParameters_;  // model constants kept with the parameters, not settable

  // State (structure of arrays); unused arrays stay empty.
  std::vector<double> v_, synExc_, synInh_, dSynExc_, dSynInh_, u_, w_, gateM_, gateH_, gateN_, gSfa_, gRr_;
  std::vector<int32_t> refractory_;

  // Per-cell constants derived from the parameters.
  std::vector<int32_t> refractorySteps_;
  std::vector<double> p22_, p20_, p11Exc_, p11Inh_, p21Exc_, p21Inh_, p31Exc_, p31Inh_, p21AlphaExc_, p21AlphaInh_;
  std::vector<double> alphaScaleExc_, alphaScaleInh_, gLeak_, invCm_, halfDecayExc_, halfDecayInh_;
  std::map<std::string, std::vector<std::vector<double>>> sequenceParameters_;  // GIF: per cell
  std::vector<double> eta_, gamma_, iEta_, vT_, etaDecay_, gammaDecay_, aEta_, aGamma_;
  uint32_t etaCount_ = 0, gammaCount_ = 0;
  std::vector<double> escapeDraws_;  // GIF: the step's escape draws (GifExtra::escapeDraws), scratch
  std::vector<double> decaySfa_, decayRr_, halfDecaySfa_, halfDecayRr_;
  std::vector<double> vPeak_, aMicro_, invTauW_, subDecayExc_, subDecayInh_, subHalfDecayExc_, subHalfDecayInh_;
  // HH_cond_exp: 1 / tau_syn, and each cell's integration step (hh_update.h), reset to dt.
  std::vector<double> invTauExc_, invTauInh_, hhStepSize_;
  std::vector<double> eventsPerStep_;         // Poisson: rate·dt/1000
  std::vector<double> emptyStepProbability_;  // Poisson: e^{-rate·dt/1000}
  std::vector<uint32_t> poissonWords_;     // Poisson: word k of cell i's last Philox block at k·size + i
  uint64_t cachedBlock_ = UINT64_MAX;      // the block poissonWords_ holds for every cell
  bool poissonComputesBlock_ = false;      // set by beginStep
  bool poissonUniform_ = false;            // every cell has the same rate, start and duration
  PoissonTable poissonTable_{};            // then: the cumulative probabilities of its event counts,
  PoissonWordTable poissonWordTable_{};    // as bounds on the words
  // and the shared start and duration (ms), read every step without a look-up by name (a map search behind a
  // JavaScript exception trampoline in WebAssembly: a few percent of a CUBA run with its 20 sources)
  double poissonStart_ = 0.0, poissonDuration_ = 0.0;
  bool uniform_ = false;                  // current-based LIF or IF_cond_exp cells share every constant: fast path
  LifCurrUniform uniformConstants_{};
  CondUniform condConstants_{};
  std::vector<double> zeros_;             // stands for absent input or current in the fast path
  std::vector<int64_t> zeroInput_;
  std::vector<uint32_t> spikeScratch_;  // where the fast paths write the spiking cells (a range: from its start)
  // The fast paths' refractory cells (refractory_list.h), one list per planned range (planRanges), each valid
  // while `listed`: a fast-path step of its range keeps it; every other writer of refractory_ drops it, and the
  // next such step lists the range's cells again. Only the thread stepping a range touches its entry.
  struct ListedRange {
    uint32_t begin = 0, end = 0;
    RefractoryList list;
    bool listed = false;
  };
  std::vector<ListedRange> listedRanges_;

  // Spike sources.
  std::vector<std::vector<double>> spikeTimes_;      // SpikeSourceArray, ms
  std::vector<std::vector<uint64_t>> spikeSteps_;    // the same on the grid
  std::vector<uint32_t> nextSpike_;                  // index into spikeSteps_
  std::vector<double> nextSpikeTime_;                // renewal sources, ms
  std::vector<uint32_t> intervalCount_;
  std::vector<double> ageOrigin_;                    // SpikeSourceInhGamma: the last spike (or start), ms
  std::vector<uint32_t> binStart_;                   // SpikeSourceInhGamma: a, b, tbins flattened (InhGammaCells)
  std::vector<double> binTime_, binA_, binB_;
  uint64_t lastStep_ = 0;  // the step last computed: changed renewal parameters act from there

  PointNeuronCells point_;  // PointNeuron only
  std::vector<const int64_t*> pointRows_;
};

}  // namespace tsnn
