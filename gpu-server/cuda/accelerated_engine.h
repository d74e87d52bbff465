// The accelerated step engine (the CUDA engine when its backend is the GPU): takes over Simulation's step loop
// for whole runs (StepEngine, simulation.h). The Session still builds the network, answers every rpc and owns the
// recorder; this engine keeps the network on its device and reproduces Simulation::step bit for bit:
//  - synapses: the Session's own expansion (its Connectivity), uploaded projection by projection in the core's
//    8-byte layout; after a SetSynapseValues (which the Session applies to it) uploaded again before the next run;
//  - neurons: the core's per-cell steps run per cell on device copies of the population's own arrays
//    (NeuronPopulation::cellArrays: parameters, derived constants, state) with the arguments the population gives
//    its own loops (NeuronPopulation::cellSteps), so the constants are the core's by construction;
//  - delays: a device ring of 64-bit fixed-point rows, atomics in any order give the same sums;
//  - recording: spikes go to a device record, sampled variables are gathered on the device at their steps; both
//    are pulled once per chunk (not per step) and replayed into the recorder step by step.
// At the start of every run every population array and the spike-source tables are uploaded again (so
// SetParameters, Initialize, UpdateSpikeTimes and Reset between runs act), and the state arrays (v, synaptic
// state, refractory counters, adaptation, gates, ...) are written back at the end of the run: between runs the
// core's populations hold the whole state, and GetState reads it. The ring lives on the device only;
// Simulation::reset tells the engine to zero it.
// Current sources: DC, AC and step sources are evaluated on the host once per source and step (a small table per
// chunk) and summed per neuron on the device; a NoisyCurrentSource (a value per target) makes the host compute
// every neuron's current and upload it at every step.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "device_array.h"
#include "device_copies.h"
#include "device_models.h"
#include "step_backend.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/engine/simulation.h"
#include "tsnn/network/network_spec.h"

namespace tsnn {
namespace accel {

struct EngineOptions {
  // Spike records one chunk may hold: a chunk has at most recordBudget / neurons steps (at least 1), so the
  // record cannot overflow even if every cell spikes at every step.
  uint64_t recordBudget = uint64_t{1} << 24;
  // The most steps in one chunk: a small network would otherwise hold the whole record budget (2^24 records,
  // 201 MB) for chunks far longer than needed; 2000 steps (0.2 s at dt = 0.1 ms) make a pull per chunk cheap.
  uint64_t maxChunkSteps = 2000;
  // Sampled values (doubles) one chunk may gather: a chunk has at most sampleBudget / (recorded cells) steps.
  uint64_t sampleBudget = uint64_t{1} << 22;
  // Bytes of STDP post-spike rings (16 per spike kept): each post cell keeps chunk steps + max delay + 2 spikes,
  // so a network with STDP runs in chunks short enough for its rings to fit.
  uint64_t stdpHistoryBudget = uint64_t{1} << 26;
  // The cells of one model that get an update launch of their own (the rest share one: planModelGroups).
  uint32_t ownLaunchCells = 16384;
};

class AcceleratedEngine final : public StepEngine {
 public:
  // The engine for `sim` (the Session's simulation of `network`, whose synapses `connectivity` holds; both must
  // outlive the engine's runs), or null with `whyNot` naming what it does not run (a PointNeuron with more
  // receptors than kMaxDeviceReceptors): such a session stays on the CPU engine.
  static std::shared_ptr<AcceleratedEngine> create(std::unique_ptr<StepBackend> backend, const NetworkSpec& network,
                                                   const Simulation& sim, const Connectivity& connectivity,
                                                   std::string& whyNot, const EngineOptions& options = EngineOptions());
  // What a session does to run on this engine: create(), upload() and the engine set as `sim`'s step engine. Null
  // with `whyNot` when create() refuses; throws as upload() does when the network does not fit the device.
  static std::shared_ptr<AcceleratedEngine> attach(std::unique_ptr<StepBackend> backend, const NetworkSpec& network,
                                                   Simulation& sim, const Connectivity& connectivity,
                                                   std::string& whyNot);

  RunStats run(Simulation& sim, uint64_t steps) override;
  void reset() override;
  void bringStateToHost(Simulation& sim) override;

  // The Session changed its synapses (SetSynapseValues): they are uploaded again before the next run.
  void synapsesChanged() { synapsesStale_ = true; }

  // Claims the device memory and uploads the network now (create() does not): call before the first run to
  // learn early that it does not fit. Throws tsnn::Error RESOURCE_EXHAUSTED.
  void upload(Simulation& sim) { prepare(sim); }

  std::string describe() const { return backend_->describe(); }

  // Device memory held now.
  uint64_t deviceBytes() const;

 private:
  AcceleratedEngine(std::unique_ptr<StepBackend> backend, const Connectivity& connectivity,
                    std::vector<DeviceModel> models, const NetworkSpec& network, const ChannelLayout& layout,
                    const EngineOptions& options);

  struct DevicePopulation {
    DeviceModel model = kIfCurrExp;
    uint32_t size = 0, firstNeuron = 0;
    // Copies of the population's arrays (NeuronPopulation::cellArrays) and the step arguments pointing at them;
    // remade at every run's start.
    DeviceCopies copies;
    CellSteps steps{};
    DeviceArray<PointReceptorCells> pointReceptors;  // PointNeuron: the receptor views (cell_steps.h)
    DeviceArray<uint32_t> spikeStart, nextSpike;
    DeviceArray<uint64_t> spikeSteps;
  };

  // A sampled recording (Simulation::recordings) as the device gathers it.
  struct SampledRecording {
    uint32_t population = 0;
    uint32_t interval = 1;
    std::string variable;
    std::vector<uint32_t> cells;
    DeviceArray<uint32_t> deviceCells;
    const double* values = nullptr;  // the device copy of the sampled state array
  };
  // A gathered block of samples: recording `recording` at `step`, its cells from samples_[offset].
  struct GatheredSamples {
    uint64_t step;
    uint32_t recording;
    size_t offset;
  };

  void prepare(Simulation& sim);
  void planSamples(const Simulation& sim);
  void uploadPopulation(DevicePopulation& device, NeuronPopulation& host, uint64_t now);
  void uploadSynapses();
  void resizeRing(uint32_t slots);
  void downloadState(Simulation& sim);
  PopulationArgs argsOf(const DevicePopulation& p, bool recordSpikes) const;
  // Runs steps (now, now + count] on the device and replays their spikes and samples into the recorder, step by
  // step (Simulation::finishEngineStep).
  void runChunk(Simulation& sim, uint64_t count, RunStats& stats);

  std::unique_ptr<StepBackend> backend_;
  const Connectivity* connectivity_;  // the Session's synapses
  const NetworkSpec* network_;
  ChannelLayout layout_;
  EngineOptions options_;
  std::vector<DeviceModel> models_;
  std::vector<std::unique_ptr<DevicePopulation>> populations_;
  uint32_t totalNeurons_ = 0, channels_ = 0, maxReceptors_ = 0;

  // Ring and spike lists.
  DeviceArray<int64_t> ring_;
  uint32_t slots_ = 0;
  uint32_t arrivingRow_ = 0;  // the ring row of sim.now()
  DeviceArray<uint32_t> stepCount_, stepNeuron_, stepMultiplicity_;
  DeviceArray<uint32_t> recordCount_, recordStep_, recordNeuron_, recordMultiplicity_;
  // The chunk's spikes and synaptic events (StepArgs::spikeTotals; the stochastic synapses' transmissions too).
  DeviceArray<uint64_t> spikeTotals_;
  uint64_t chunkSteps_ = 1;
  std::vector<std::unique_ptr<SampledRecording>> sampled_;
  DeviceArray<double> samples_;
  uint64_t sampledCellsPerStep_ = 0;  // all sampled cells: the most one step can gather
  DeviceArray<PopulationArgs> populationArgs_;  // every population's pointers, read by the update kernels
  std::vector<ModelGroup> modelGroups_;         // a launch each (step_kernels.h), pointing into the two arrays below
  DeviceArray<uint32_t> groupPopulations_, groupStart_;
  void planModelGroups();
  DeviceArray<double> injected_;          // per-step upload (sources with a value per target)
  std::vector<double> hostInjected_;
  DeviceArray<uint32_t> injectionStart_, injectionSource_;  // per neuron, the sources it receives (in order)
  DeviceArray<double> sourceValues_;      // the chunk's source values
  uint32_t sourceCount_ = 0;
  bool perTargetSources_ = false;
  void planCurrentSources(Simulation& sim);

  // Synapses in the core's layout, all projections concatenated (step_kernels.h, SynapseArgs).
  DeviceArray<ProjectionArgs> projections_;
  DeviceArray<uint32_t> fanStart_, fanProjection_, fanRow_, rowStart_, word_, wideDelay_, postChannel_;
  DeviceArray<float> weight_;
  // The plastic projections the device delivers, Tsodyks-Markram and stochastic (ProjectionArgs::tsodyksMarkram
  // and ::stochastic - 1 index these): copies of their synapse state and parameters (Plasticity::
  // tsodyksMarkramArrays, stochasticArrays), remade at every run's start, and their delivery arguments.
  std::vector<uint32_t> tsodyksMarkramProjections_, stochasticProjections_;
  std::vector<std::unique_ptr<DeviceCopies>> tsodyksMarkramCopies_, stochasticCopies_;
  DeviceArray<TsodyksMarkramSynapses> tsodyksMarkram_;
  DeviceArray<StochasticSynapses> stochastic_;
  // STDP projections (ProjectionArgs::stdp - 1 indexes these): copies of their weights, presynaptic state and
  // parameters (Plasticity::stdpArrays), the post-spike rings (stdp_histories.h) sized for the run's chunks, and
  // the table of the post cells' rings for the update kernel.
  struct DeviceHistories {
    uint32_t posts = 0;
    DeviceArray<int64_t> step;
    DeviceArray<double> trace;
    DeviceArray<uint32_t> end, fill;
  };
  std::vector<uint32_t> stdpProjections_;
  std::vector<std::unique_ptr<DeviceCopies>> stdpCopies_;
  std::vector<std::unique_ptr<DeviceHistories>> histories_;
  DeviceArray<StdpSynapses> stdp_;
  DeviceArray<StdpHistories> stdpHistories_;
  uint32_t historyCapacity_ = 0;
  DeviceArray<uint32_t> stdpPostStart_, stdpPostRule_, stdpPostIndex_;
  void uploadStdpPostTable();
  // The chunk steps a run with STDP may use, and the rings for them (Plasticity's histories uploaded).
  uint64_t stdpMaxDelay() const;
  uint64_t stdpChunkSteps(uint64_t chunk) const;
  void uploadStdpHistories(uint64_t chunk);
  void downloadStdpHistories();
  void uploadPlasticSynapses();
  void downloadPlasticSynapses();
  DeviceArray<uint64_t> synapseCount_;  // per global neuron: the events one spike of it causes
  DeviceArray<uint8_t> spikeList_;  // per global neuron: which list its spikes go to (SpikeList)

  bool uploaded_ = false;       // the structure is on the device
  bool stateOnDevice_ = false;  // the last run's state is on the device only (bringStateToHost)
  bool hiddenStale_ = true;     // zero the ring and the spike lists before the next run
  bool synapsesStale_ = true;
};

}  // namespace accel
}  // namespace tsnn
