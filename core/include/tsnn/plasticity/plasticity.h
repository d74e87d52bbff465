// Synapses whose transmitted weight depends on their history or on chance: Tsodyks-Markram short-term plasticity,
// pair-based STDP and the stochastic synapses (docs/plasticity.md). Static projections never come here: Connectivity::deliver sends a row to
// Plasticity only when its projection is plastic, so static networks keep their loop unchanged.
//
// Timing (NEST's conventions, dendritic delay fraction 1): a presynaptic spike at step k reaches the synapse at k
// (the whole delay is dendritic) and the post cell at k + d; a postsynaptic spike at step k reaches the synapse at
// k + d. Pairs that reach the synapse at the same step do not interact.
//
// STDP is applied the way NEST's stdp_synapse applies it: at each presynaptic spike the synapse first takes the
// potentiation owed to the post spikes that reached it since its previous presynaptic spike, then the depression
// of the new spike, then transmits the new weight. At the end of every run the owed potentiation of post spikes
// that have reached their synapses is settled (finishRun), so weights read between runs include every pairing
// that has happened at the synapse.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tsnn/connectivity/projection_store.h"
#include "tsnn/engine/array_views.h"
#include "tsnn/engine/input_buffer.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/plasticity/stdp_synapses.h"
#include "tsnn/plasticity/stochastic_synapses.h"
#include "tsnn/plasticity/tsodyks_markram.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

// Value of a post cell parameter: (population index, cell index within it, parameter name) -> value.
using PostParameterLookup = std::function<double(uint32_t population, uint32_t cell, const std::string& name)>;

class Plasticity {
 public:
  // Whether a synapse type takes the plastic path.
  static bool isPlastic(const SynapseSpec& synapse);

  // `stores` is Connectivity's projection vector; both must outlive this object.
  Plasticity(const NetworkSpec& network, std::vector<ProjectionStore>& stores);

  // Transmits the spike of presynaptic row `row` of plastic projection `projection`, at step input.now().
  uint64_t deliver(uint32_t projection, uint32_t row, InputBuffer& input);

  // Whether post spikes matter (some projection is STDP).
  bool observesPostSpikes() const { return !stdp_.empty(); }
  // Spikes of cells firstGlobal + cells[k] at `step`.
  void postSpikes(uint32_t firstGlobal, const std::vector<uint32_t>& cells, uint64_t step);
  // Settles the potentiation of every post spike that has reached its synapse by step `now`.
  void finishRun(uint64_t now);
  // t -> 0: traces and histories cleared, Tsodyks-Markram x = 1, y = 0 and u back to its initial value; STDP
  // weights are kept (as in NEST and PyNN).
  void reset();
  // Reads the post cells' tau_syn_E / tau_syn_I for Tsodyks-Markram projections (call before each run).
  void readPostParameters(const PostParameterLookup& lookup);
  // Bytes of the plastic state (beyond the projection stores).
  uint64_t memoryBytes() const;
  // Before SetSynapseValues writes: refuses a per-synapse trace time constant (tau_plus, tau_minus, tau) and values
  // out of range (probabilities outside [0, 1], n not a whole number >= 1, time constants <= 0), naming `path`.
  void checkForm(uint32_t projection, const std::string& name, bool scalar, const std::string& path) const;
  void checkValue(uint32_t projection, const std::string& name, double x, const std::string& path) const;
  // SetSynapseValues' new w_min, w_max and weight of synapse s (null: unchanged) together with its current ones:
  // STDP's bounds and weight on one side of zero (checkStdpBounds).
  void checkSetBounds(uint32_t projection, uint64_t s, const double* wMin, const double* wMax, const double* weight,
                      const std::string& path) const;
  // After SetSynapseValues changed `name` on `projection`.
  void valuesChanged(uint32_t projection, const std::string& name);
  // How often (in steps) the STDP post-spike histories are pruned during a run; 0: only at the end of runs. The
  // weights do not depend on it (test/core/plasticity_stdp_test.cpp checks it); only memory and speed do.
  void setHistoryPruneInterval(int64_t steps) { pruneEverySteps_ = steps; }

  // For an engine that delivers the plastic projections elsewhere on copies of their arrays (the CUDA engine):
  // projection k's arrays (state: written by delivery), valid until the next SetSynapseValues or reset; its
  // delivery's arguments with every array pointer passed through copyOf (the copy's address).
  bool isTsodyksMarkram(uint32_t projection) const { return tmIndex_[projection] >= 0; }
  std::vector<CellArrayRef> tsodyksMarkramArrays(uint32_t projection);
  TsodyksMarkramSynapses tsodyksMarkramSynapses(uint32_t projection, const CopyOf& copyOf);
  bool isStochastic(uint32_t projection) const { return stochasticIndex_[projection] >= 0; }
  std::vector<CellArrayRef> stochasticArrays(uint32_t projection);
  StochasticSynapses stochasticSynapses(uint32_t projection, const CopyOf& copyOf);
  // STDP, for an engine that settles every row at the end of each of its chunks (the weights do not depend on
  // when rows are settled) and keeps each post cell's spikes in a ring: the arrays (weights, presynaptic state),
  // the delivery arguments, the largest delay in steps, and the post-spike histories in the ring's form, post
  // cell j's newest spikes (at most `capacity`) oldest first at [j·capacity, j·capacity + counts[j]).
  bool isStdp(uint32_t projection) const { return stdpIndex_[projection] >= 0; }
  std::vector<CellArrayRef> stdpArrays(uint32_t projection);
  StdpSynapses stdpSynapses(uint32_t projection, const CopyOf& copyOf);
  uint32_t stdpMaxDelay(uint32_t projection) const;
  void stdpHistories(uint32_t projection, uint32_t capacity, std::vector<int64_t>& steps, std::vector<double>& traces,
                     std::vector<uint32_t>& counts) const;
  void setStdpHistories(uint32_t projection, uint32_t capacity, const std::vector<int64_t>& steps,
                        const std::vector<double>& traces, const std::vector<uint32_t>& counts);
  // Per global neuron g, the (STDP projection, post index) pairs where it is the post cell: [start[g], start[g + 1]).
  void stdpPostTable(std::vector<uint32_t>& start, std::vector<uint32_t>& projection, std::vector<uint32_t>& post) const;

 private:
  // A synaptic parameter: one value per synapse or one for the projection.
  struct Param {
    const std::vector<double>* perSynapse = nullptr;
    double uniform = 0.0;
    double at(uint64_t s) const { return perSynapse ? (*perSynapse)[s] : uniform; }
  };
  struct TsodyksMarkram {
    uint32_t projection;
    Param U, tauRec, tauFacil;
    std::vector<double>* u = nullptr;  // the store's per-synapse "u" (readable by GetConnections)
    std::vector<double> uInitial, x, y;
    std::vector<int64_t> lastSpike;    // per row, step of the previous presynaptic spike (NEST starts at t = 0)
    std::vector<double> tauSyn;        // per post cell
  };
  // SimpleStochasticSynapse, StochasticTsodyksMarkramSynapse (NEURON's stochastic_tsodyksmarkram.mod: one
  // release site) and MultiQuantalSynapse (NEST's quantal_stp_synapse: n sites).
  struct Stochastic {
    uint32_t projection;
    enum class Kind { Simple, TsodyksMarkram, MultiQuantal } kind;
    Param p, U, tauRec, tauFacil, n;
    std::vector<double> u, lastSurvival;   // per synapse, Simple and TM (TM: last failed recovery or release, ms)
    std::vector<int32_t> available;        // per synapse: 1/0 site ready (TM)
    std::vector<int64_t> lastSpike;        // per row, step (MultiQuantal: -1 before the first)
    // MultiQuantal: the store's per-synapse "u" and "a" (its state: GetConnections reads them, SetSynapseValues
    // sets them), and what Reset returns them to (the network's values, or the last ones set between runs).
    std::vector<double>* siteU = nullptr;
    std::vector<double>* sites = nullptr;
    std::vector<double> uInitial, sitesInitial;
  };
  uint64_t deliverStochastic(Stochastic& r, ProjectionStore& p, uint32_t row, InputBuffer& input);
  // The delivery arguments of tm or r; at(vector) gives the pointer to pass for one of its arrays (ownData,
  // copiedThrough). A parameter's per-synapse vector, or null when it has one value (then `uniform` holds it).
  template <typename At>
  static const double* perSynapse(const Param& param, At at) {
    return param.perSynapse != nullptr ? at(*param.perSynapse) : nullptr;
  }
  template <typename At>
  static TsodyksMarkramSynapses tmSynapses(TsodyksMarkram& tm, At at);
  template <typename At>
  StochasticSynapses stochasticSynapsesOf(Stochastic& r, At at) const;
  void resetStochastic(Stochastic& r);

  struct PostSpike {
    int64_t step;
    double trace;  // post trace just after this spike
  };
  void checkStdpBounds(uint32_t projection, double wMin, double wMax, double weight, const std::string& path) const;
  struct Stdp {
    uint32_t projection;
    bool vogels = false;
    uint32_t dependence = kStdpAdditive;  // StdpDependence
    double tauPlus = 20.0, tauMinus = 20.0;  // Vogels: both tau
    Param aPlus, aMinus, eta, rho, wMin, wMax, muPlus, muMinus;
    std::vector<double> preTrace;                  // per row, just after its last spike
    std::vector<int64_t> lastPre, settled;         // per row: last spike step (-1: none), potentiation settled up to
    std::vector<std::vector<PostSpike>> history;   // per post cell
    uint32_t maxDelay = 1;
    int64_t nextPrune = 0;                         // step of the next in-run pruning of the histories
    // The trace decays over k whole steps, dmath::exp(-k·dt/tau) for k below the table size: the same doubles,
    // without an exp per pairing (every plastic event needs two).
    std::vector<double> decayPlus, decayMinus;
  };

  void bindParameters(uint32_t projection);
  void settle(Stdp& r, uint32_t row, int64_t until);
  // The post trace just before `step`, from the last spike of `history` before it.
  static double postTraceBefore(const StdpSynapses& c, const std::vector<PostSpike>& history, int64_t step);
  static void fillDecayTables(Stdp& r, double dt);
  template <typename At>
  StdpSynapses stdpSynapsesOf(Stdp& r, At at);
  // Drops the post spikes no settle or trace lookup can need any more (see the .cpp).
  static void pruneHistories(Stdp& r, int64_t now);
  // The rule of `projection` among `rules` (tm_, stochastic_ or stdp_, indexed by tmIndex_, ...); throws
  // std::out_of_range when the projection is not of that kind.
  template <typename Rule>
  static Rule& ruleOf(std::vector<Rule>& rules, const std::vector<int32_t>& index, uint32_t projection) {
    return rules.at(static_cast<size_t>(index.at(projection)));
  }
  template <typename Rule>
  static const Rule& ruleOf(const std::vector<Rule>& rules, const std::vector<int32_t>& index, uint32_t projection) {
    return rules.at(static_cast<size_t>(index.at(projection)));
  }

  const NetworkSpec* network_;
  std::vector<ProjectionStore>* stores_;
  std::vector<int32_t> tmIndex_, stdpIndex_, stochasticIndex_;  // per projection, -1 when not of that kind
  std::vector<Stochastic> stochastic_;
  uint64_t seed_ = 0;
  // Segments since the build (reset()): each draws its transmissions anew, as after a reset in NEST.
  uint64_t trial_ = 0;
  // The key of the transmission draws in this segment: the simulation seed in the first, a key of its own after.
  uint64_t transmissionSeed() const { return seed_ + trial_ * 0x9e3779b97f4a7c15ull; }
  std::vector<TsodyksMarkram> tm_;
  std::vector<Stdp> stdp_;
  // Per global neuron: the (STDP rule, post index) pairs where it is the post cell.
  std::vector<uint32_t> postStart_;
  std::vector<std::pair<uint32_t, uint32_t>> postTargets_;
  // Without in-run pruning a history keeps every post spike of the run (about 40 per cell per second in the
  // plastic Brunel network) and every settle() bisects a longer one.
  int64_t pruneEverySteps_ = 1000;
};

}  // namespace tsnn
