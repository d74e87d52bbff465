// The step loop. From the state at step k to the state at step k + 1 (NEST's order, DESIGN §4):
//   1. the input ring moves to k + 1: its row holds the synaptic input arriving at k + 1;
//   2. current sources are evaluated at time index k (injected during this step: the membrane responds at k + 1);
//   3. every population updates (one dispatch per population, SoA loops inside), spikes are stamped k + 1; a
//      Poisson drive (setDirectDrives) adds its events straight into the ring row they would be delivered to;
//   4. the consumed input row is cleared; each spike is recorded and delivered with its delays (arriving at
//      k + 1 + d), through the SpikeDelivery given by the session (Connectivity::deliver), and shown to the
//      SpikeObserver when there is one (STDP's post spikes);
//   5. the samples due at k + 1 are taken.
// A StepEngine (set by the gRPC server for its CUDA engine) may take over the loop for whole runs; everything
// else (the Session, its rpcs, recording, GetState) stays shared, so the engine only has to reproduce this loop.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tsnn/engine/channel_layout.h"
#include "tsnn/engine/current_sources.h"
#include "tsnn/engine/input_buffer.h"
#include "tsnn/engine/recorder.h"
#include "tsnn/engine/worker_pool.h"
#include "tsnn/models/neuron_population.h"

namespace tsnn {

// Delivers the spike of global neuron `preGlobal` into the ring; returns the number of synaptic events.
using SpikeDelivery = std::function<uint64_t(uint32_t preGlobal, InputBuffer& input)>;
// Delivers the spikes of one population at one step at once, global neurons firstGlobal + cells[k] (a cell
// listed k times in a row spiked k times); returns the number of synaptic events. One call per population and
// step instead of one per spike: the Poisson background of the microcircuit alone sends tens of thousands of
// spikes per step.
using SpikeBatchDelivery =
    std::function<uint64_t(uint32_t firstGlobal, const std::vector<uint32_t>& cells, InputBuffer& input)>;

// The threaded step's delivery: the spikes of cells firstGlobal + cells[k], but only the synapses onto channels
// with owner[channel] == worker (Connectivity::deliverSpikesOwned); returns the events delivered. Threads call it
// at once: it adds through input.lane(worker) (or rowAfter), never through input.add, which is lane 0's.
using SpikeOwnedDelivery = std::function<uint64_t(uint32_t firstGlobal, const std::vector<uint32_t>& cells,
                                                  InputBuffer& input, const uint8_t* owner, uint8_t worker)>;

// A population each of whose spikes adds `amount` to input channel channelOffset + cell, delaySteps steps later,
// and does nothing else (Connectivity's one-to-one drive: a SpikeSourcePoisson per cell with a OneToOneConnector).
struct DirectDrive {
  uint32_t delaySteps = 0, channelOffset = 0;
  int64_t amount = 0;
};
// Whether the population starting at global neuron firstGlobal is such a drive, and which.
using DirectDriveLookup = std::function<bool(uint32_t firstGlobal, DirectDrive& drive)>;

// Told about the spikes of cells firstGlobal + cells[k] at `step` (plasticity: post spikes); only when set.
using SpikeObserver = std::function<void(uint32_t firstGlobal, const std::vector<uint32_t>& cells, uint64_t step)>;

struct RunStats {
  uint64_t spikes = 0;
  uint64_t synapticEvents = 0;
};

class Simulation;

// Runs the step loop somewhere else (the server's CUDA engine, gpu-server/cuda/). Contract: run() leaves `sim`
// exactly as Simulation's own loop would: every spike handed to sim.recorder().recordSpikes in the loop's order,
// sim.finishEngineStep(to, ...) called for every step in order (with takeSamples = true at least at the steps
// where sim.samplesMayBeDueAt(to), the recorded cells' state of that step then in the population arrays), and the
// population state arrays the host can read (v, isyn_*, gsyn_*) written back by the time bringStateToHost()
// returns. State the host cannot read (refractory counters, the alpha shapes' derivatives, the delay ring) may stay
// with the engine; Simulation::reset calls reset().
class StepEngine {
 public:
  virtual ~StepEngine() = default;
  virtual RunStats run(Simulation& sim, uint64_t steps) = 0;
  // t -> 0 happened on the host: forget the state only the engine holds (it becomes zero).
  virtual void reset() = 0;
  // Before anything reads or changes the population state or the synapses on the host (Simulation::
  // syncEngineState): an engine that keeps the state between runs brings it back, and takes the host's copy again
  // at its next run. Runs that follow one another with nothing in between need no copies either way.
  virtual void bringStateToHost(Simulation& sim) { (void)sim; }
};

class Simulation {
 public:
  explicit Simulation(double timestep) : dt_(timestep) {}

  double timestep() const { return dt_; }
  uint64_t now() const { return now_; }

  // Adds a population (Network order) with its receptor names in receptor-index order; returns its index.
  uint32_t addPopulation(NeuronPopulation population, std::vector<std::string> receptorNames);
  const ChannelLayout& layout() const { return layout_; }
  std::vector<NeuronPopulation>& populations() { return populations_; }
  const std::vector<NeuronPopulation>& populations() const { return populations_; }

  // Allocates the input ring for delays up to maxDelaySteps (>= 1) and sets how spikes are delivered.
  void setDelivery(SpikeDelivery delivery, uint32_t maxDelaySteps);
  // The same with batch delivery (one call per population and step; setDelivery wraps a SpikeDelivery into one).
  void setBatchDelivery(SpikeBatchDelivery delivery, uint32_t maxDelaySteps);
  // With threads, lets every thread deliver the step's spikes onto its own cells at once (optional: without it
  // the calling thread delivers them all). Only for deliveries that change no state but the ring.
  // `plan(owner)`, when given, is called whenever the table of which thread owns which channel changes
  // (Connectivity::planOwnedDelivery).
  void setOwnedDelivery(SpikeOwnedDelivery delivery, std::function<void(const uint8_t* owner)> plan = nullptr) {
    ownedDelivery_ = std::move(delivery);
    ownedPlan_ = std::move(plan);
    plannedPopulations_ = 0;
  }
  // Optional, beside the delivery: Poisson sources that are direct drives, and whose spikes are neither recorded
  // nor observed, add their counts straight into the ring row as they draw them (no spike list, no delivery: the
  // microcircuit's background sends 1.5 events per cell and step). Asked at every step, so it follows changes.
  void setDirectDrives(DirectDriveLookup lookup) { driveLookup_ = std::move(lookup); }
  InputBuffer& input() { return input_; }
  void setSpikeObserver(SpikeObserver observer) { observer_ = std::move(observer); }

  CurrentSources& currentSources() { return sources_; }
  // Call after adding or replacing current sources.
  void currentSourcesChanged();

  Recorder& recorder() { return recorder_; }
  // Replaces the recordings (starting from now).
  void setRecordings(const std::vector<RecordingConfig>& recordings);

  // Advances `steps` steps (samples t = 0 first when starting from it); with a step engine, the engine does.
  RunStats run(uint64_t steps);

  // Touched-channel input (InputBuffer::trackTouched, NeuronPopulation::updateSkippingInput): the uniform
  // IF_curr_exp and IF_cond_exp cells read only the input channels that received any. Auto: turned on while
  // fewer than 1/16 of the channels receive an event per step (judged every kTouchedReviewSteps steps; off again
  // above 1/8), without direct drives, on any thread count; Always: wherever the ring can track (tests); Never.
  // Any mode gives the same results.
  enum class TouchedInput { Auto, Always, Never };
  void setTouchedInput(TouchedInput mode) { touchedInput_ = mode; }
  static constexpr uint64_t kTouchedReviewSteps = 256;
  // The steps whose uniform cells read only the touched channels, since the Simulation was made.
  uint64_t touchedSteps() const { return touchedSteps_; }

  // Threads for the neuron updates of this class's own loop (PyNN's setup(threads=...); 1: none). Any count gives
  // the same results: cells are split into ranges, one thread per range, and spikes are merged, recorded and
  // delivered in population and cell order on the calling thread. Callers cap it at WorkerPool::threadsAvailable().
  void setThreads(uint32_t threads);
  uint32_t threads() const { return pool_ ? pool_->size() : 1; }
  // The threads themselves (null with one), lent to the session for work outside the loop (expanding projections).
  WorkerPool* workerPool() { return pool_.get(); }
  // With threads, splits the cells among them and makes the owned-delivery plan now rather than at the first step
  // (the session calls it as it finishes building: the microcircuit's plan reads every row once).
  void planThreads() {
    if (pool_ && plannedPopulations_ != populations_.size()) planParts();
  }

  // The step engine (null: this class's own loop). Set it before the first run.
  void setStepEngine(std::shared_ptr<StepEngine> engine) { engine_ = std::move(engine); }
  StepEngine* stepEngine() const { return engine_.get(); }
  // The host's populations and synapses as the last run left them (StepEngine::bringStateToHost).
  void syncEngineState() {
    if (engine_) engine_->bringStateToHost(*this);
  }
  // The recordings last set (setRecordings): step engines gather the sampled ones on their device.
  const std::vector<RecordingConfig>& recordings() const { return recordings_; }
  // For step engines: whether Recorder::sample could take anything at `step` (a sampled recording whose
  // interval divides it, or a recorded current source); conservative, a false positive only costs a sync.
  bool samplesMayBeDueAt(uint64_t step) const;
  // Step `to` is complete (now = to); takes the samples due at it when asked (this class's loops and step engines).
  void finishEngineStep(uint64_t to, bool takeSamples);
  // t -> 0: state to initial values, the ring and recorder emptied, sources restart.
  void reset();
  size_t memoryBytes() const;

 private:
  void step(RunStats& stats);
  // The threaded step: the populations' ranges on the pool, then step()'s delivery part in order.
  void stepSplit(RunStats& stats);
  // Both steps' start: the ring moves on and the current sources are evaluated; returns the arriving row. With
  // `workersSumLanes`, the staged input of each worker's lane is summed into it by that worker (updateParts).
  int64_t* startStep(bool workersSumLanes);
  // Which populations add their counts into the ring this step (setDirectDrives): driveRows_, driveAmounts_.
  void placeDirectDrives();
  // Cells [begin, end) of population p to step `to`, their spikes appended to `spikes`, their input consumed;
  // returns the events a direct drive added into the ring instead (0 for any other population).
  uint64_t updateCells(uint32_t p, uint64_t to, int64_t* arriving, uint32_t begin, uint32_t end,
                       std::vector<uint32_t>& spikes);
  void updateParts(uint32_t worker, uint64_t to, int64_t* arriving);
  void deliverOwned(uint32_t worker);
  // After updating population p: records and observes its spikes, and delivers them when `deliver`.
  void afterUpdate(uint32_t p, uint64_t to, const std::vector<uint32_t>& spikes, bool deliver, RunStats& stats);
  void planParts();
  // The ring's lanes (InputBuffer::setLanes), and the touched-input review told that the listing ended.
  void setInputLanes(uint32_t lanes);
  void reviewTouchedInput();
  void addTouchedInput();

  double dt_;
  uint64_t now_ = 0;
  bool sampledNow_ = false;  // the samples of step `now_` were taken
  ChannelLayout layout_;
  std::vector<NeuronPopulation> populations_;
  InputBuffer input_;
  SpikeBatchDelivery delivery_;  // a SpikeDelivery is wrapped into one
  SpikeObserver observer_;
  DirectDriveLookup driveLookup_;
  std::vector<int64_t*> driveRows_;  // [population]: its drive's row from channelOffset on, this step; or null
  std::vector<int64_t> driveAmounts_;
  CurrentSources sources_;
  std::vector<double> injected_;
  std::vector<uint8_t> populationInjected_;
  Recorder recorder_;
  std::vector<uint32_t> spikes_;
  std::shared_ptr<StepEngine> engine_;
  TouchedInput touchedInput_ = TouchedInput::Auto;
  double recentEventsPerStep_ = -1;  // over the last review's steps; negative before any
  bool touchedStep_ = false;          // this step's cells skip their input, added after (addTouchedInput)
  uint64_t touchedSteps_ = 0;
  bool touchedOnAtReview_ = false;    // the last review left the ring tracking
  bool touchedStopped_ = false;       // a delivery stopped it since (rowAfter): Auto tries no more
  std::vector<double*> touchedTargets_;  // [channel]: the variable its input goes to (touchedInputTarget), or null
  // Threads: each worker's ranges, in population order, and the spikes each found, per population.
  struct Part {
    uint32_t population, begin, end;
  };
  std::unique_ptr<WorkerPool> pool_;
  std::vector<std::vector<Part>> parts_;
  std::vector<std::vector<std::vector<uint32_t>>> partSpikes_;  // [worker][population]
  SpikeOwnedDelivery ownedDelivery_;
  std::function<void(const uint8_t* owner)> ownedPlan_;
  std::vector<uint8_t> channelOwner_;                 // the worker whose cells read each input channel
  std::vector<std::vector<uint32_t>> stepSpikes_;     // [population]: this step's spikes, merged
  std::vector<uint64_t> workerEvents_;
  std::vector<uint64_t> workerDriveEvents_;  // the direct drives' events each worker added while updating
  size_t plannedPopulations_ = 0;
  bool parallelDelivery_ = false;  // planned: every worker delivers the step's spikes onto its own cells
  // Below this many events a step (recent steps), on a dense ring, the calling thread delivers them alone.
  static constexpr double kCallerDeliversBelow = 1024;
  bool callerDelivers() const;
  uint64_t splitStep_ = 0;             // the step the workers compute, and its input row
  int64_t* splitArriving_ = nullptr;
  std::vector<RecordingConfig> recordings_;
  bool currentSourcesRecorded_ = false;
};

}  // namespace tsnn
