#include "tsnn/engine/simulation.h"

#include <algorithm>
#include <cstring>

namespace tsnn {

uint32_t Simulation::addPopulation(NeuronPopulation population, std::vector<std::string> receptorNames) {
  layout_.addPopulation(population.size(), std::move(receptorNames));
  populations_.push_back(std::move(population));
  injected_.assign(layout_.totalNeurons(), 0.0);
  populationInjected_.assign(populations_.size(), 0);
  if (input_.channelCount() != layout_.channelCount()) input_.configure(layout_.channelCount(), input_.slots());
  recorder_.configure({}, populations_, now_, sampledNow_);
  return static_cast<uint32_t>(populations_.size() - 1);
}

void Simulation::setBatchDelivery(SpikeBatchDelivery delivery, uint32_t maxDelaySteps) {
  delivery_ = std::move(delivery);
  input_.configure(layout_.channelCount(), (maxDelaySteps < 1 ? 1 : maxDelaySteps) + 1);
  plannedPopulations_ = 0;
}

void Simulation::setDelivery(SpikeDelivery delivery, uint32_t maxDelaySteps) {
  SpikeBatchDelivery batch;
  if (delivery) {
    batch = [one = std::move(delivery)](uint32_t first, const std::vector<uint32_t>& cells, InputBuffer& input) {
      uint64_t events = 0;
      for (uint32_t cell : cells) events += one(first + cell, input);
      return events;
    };
  }
  setBatchDelivery(std::move(batch), maxDelaySteps);
}

void Simulation::currentSourcesChanged() {
  std::fill(injected_.begin(), injected_.end(), 0.0);
  for (uint32_t p = 0; p < populations_.size(); ++p)
    populationInjected_[p] = sources_.targetsRange(layout_.firstNeuron(p), layout_.populationSize(p)) ? 1 : 0;
  recorder_.configureCurrentSources(sources_);
  currentSourcesRecorded_ = false;
  for (uint32_t i = 0; i < sources_.count(); ++i) currentSourcesRecorded_ = currentSourcesRecorded_ || sources_.at(i).recorded();
}

void Simulation::setRecordings(const std::vector<RecordingConfig>& recordings) {
  recorder_.configure(recordings, populations_, now_, sampledNow_);
  recordings_ = recordings;
}

bool Simulation::samplesMayBeDueAt(uint64_t step) const {
  if (currentSourcesRecorded_) return true;
  for (const auto& r : recordings_)
    if (r.variable != "spikes" && r.intervalSteps != 0 && step % r.intervalSteps == 0) return true;
  return false;
}

void Simulation::finishEngineStep(uint64_t to, bool takeSamples) {
  now_ = to;
  if (takeSamples) recorder_.sample(to, populations_, sources_);
  sampledNow_ = true;
}

void Simulation::step(RunStats& stats) {
  const uint64_t to = now_ + 1;
  int64_t* arriving = startStep(false);
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    NeuronPopulation& pop = populations_[p];
    spikes_.clear();
    pop.beginStep(to);
    const uint64_t driven = updateCells(p, to, arriving, 0, pop.size(), spikes_);
    stats.spikes += driven;
    stats.synapticEvents += driven;
    pop.endStep(to);
    afterUpdate(p, to, spikes_, true, stats);
  }
  if (touchedStep_) addTouchedInput();
  finishEngineStep(to, true);
}

int64_t* Simulation::startStep(bool workersSumLanes) {
  input_.advance(workersSumLanes);
  if (sources_.count() != 0) sources_.inject(now_, injected_);
  placeDirectDrives();
  touchedStep_ = input_.arrivingTracked();  // after the drives, whose rowAfter ends the tracking
  return input_.arrivingRow();
}

void Simulation::placeDirectDrives() {
  driveRows_.assign(populations_.size(), nullptr);
  driveAmounts_.resize(populations_.size());
  // An observer or a recording wants the spikes themselves.
  if (!driveLookup_ || !delivery_ || observer_) return;
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    DirectDrive drive;
    // A drive outside its start and duration takes no row: a staged slot stays listed.
    const NeuronPopulation& pop = populations_[p];
    if (!pop.addsCountsIntoRow() || !pop.poissonMayFireAt(now_ + 1) || recorder_.recordsSpikes(p) ||
        !driveLookup_(layout_.firstNeuron(p), drive))
      continue;
    // Taken here, before any thread updates: rowAfter makes a staged slot dense, under the ring's lock.
    driveRows_[p] = input_.rowAfter(drive.delaySteps) + drive.channelOffset;
    driveAmounts_[p] = drive.amount;
  }
}

uint64_t Simulation::updateCells(uint32_t p, uint64_t to, int64_t* arriving, uint32_t begin, uint32_t end,
                                 std::vector<uint32_t>& spikes) {
  if (int64_t* row = driveRows_[p]) return populations_[p].updateCountsIntoRow(to, begin, end, row, driveAmounts_[p]);
  const uint32_t receptors = layout_.receptorCount(p);
  int64_t* inExc = receptors > 0 ? arriving + layout_.firstChannel(p, 0) : nullptr;
  int64_t* inInh = receptors > 1 ? arriving + layout_.firstChannel(p, 1) : nullptr;
  const double* injected = populationInjected_[p] ? injected_.data() + layout_.firstNeuron(p) : nullptr;
  if (touchedStep_ && populations_[p].updateSkippingInput(begin, end, injected, spikes)) return 0;
  // The consumed rows must be empty before the ring comes round to them again: the fast paths zero them as they
  // read them (no second pass over memory), the others are cleared here.
  if (!populations_[p].updateRangeClearingInput(to, begin, end, inExc, inInh, injected, spikes))
    for (uint32_t r = 0; r < receptors; ++r)
      std::memset(arriving + layout_.firstChannel(p, r) + begin, 0, sizeof(int64_t) * (end - begin));
  return 0;
}

void Simulation::afterUpdate(uint32_t p, uint64_t to, const std::vector<uint32_t>& spikes, bool deliver,
                             RunStats& stats) {
  if (spikes.empty()) return;
  stats.spikes += spikes.size();
  recorder_.recordSpikes(p, spikes, to);
  if (observer_) observer_(layout_.firstNeuron(p), spikes, to);
  // Deliveries only write rows to + 1 and later, never the row just read by later populations of this step: so
  // the threaded step may update every population before delivering any spike.
  if (deliver && delivery_) stats.synapticEvents += delivery_(layout_.firstNeuron(p), spikes, input_);
}

void Simulation::setThreads(uint32_t threads) {
  const uint32_t wanted = std::max(1u, threads);
  if (wanted == this->threads()) return;
  pool_ = wanted > 1 ? std::make_unique<WorkerPool>(wanted) : nullptr;
  plannedPopulations_ = 0;
  touchedStopped_ = false;
  parallelDelivery_ = false;
  setInputLanes(1);
}

// InputBuffer::setLanes ends the listing of touched channels: not a delivery's doing, so Auto may list again.
void Simulation::setInputLanes(uint32_t lanes) {
  input_.setLanes(lanes);
  touchedOnAtReview_ = false;
}

void Simulation::planParts() {
  const uint32_t workers = pool_->size();
  parts_.assign(workers, {});
  partSpikes_.assign(workers, std::vector<std::vector<uint32_t>>(populations_.size()));
  // Ranges start on multiples of 8 cells (a 64-byte line of doubles or int64 input), so no two threads write one
  // cache line of state or input. Small populations and those that cannot be split go whole to one worker each,
  // in turn.
  constexpr uint32_t kAlign = 8;
  constexpr uint32_t kSmallest = 64;
  uint32_t nextWhole = 0;
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    const uint32_t n = populations_[p].size();
    if (!populations_[p].splitsIntoRanges() || n < kSmallest * workers) {
      parts_[nextWhole].push_back({p, 0, n});
      nextWhole = (nextWhole + 1) % workers;
      populations_[p].planRanges({{0, n}});
      continue;
    }
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    uint32_t begin = 0;
    for (uint32_t w = 0; w < workers; ++w) {
      const uint64_t share = static_cast<uint64_t>(n) * (w + 1) / workers;
      const uint32_t end = w + 1 == workers ? n : static_cast<uint32_t>(share / kAlign * kAlign);
      if (end > begin) {
        parts_[w].push_back({p, begin, end});
        ranges.emplace_back(begin, end);
      }
      begin = std::max(begin, end);
    }
    // Each thread's range keeps its own refractory list.
    populations_[p].planRanges(ranges);
  }
  // The pool has at most 255 workers when threads deliver (channelOwner_ is a byte per channel).
  parallelDelivery_ = ownedDelivery_ && delivery_ && workers <= 255;
  // Each delivering worker lists its staged input in a lane of its own, and sums it itself (updateParts).
  setInputLanes(parallelDelivery_ ? workers : 1);
  channelOwner_.assign(layout_.channelCount(), 0);
  for (uint32_t w = 0; w < workers; ++w)
    for (const Part& part : parts_[w])
      for (uint32_t r = 0; r < layout_.receptorCount(part.population); ++r)
        std::fill_n(channelOwner_.begin() + layout_.firstChannel(part.population, r) + part.begin,
                    part.end - part.begin, static_cast<uint8_t>(w));
  stepSpikes_.assign(populations_.size(), {});
  workerEvents_.assign(workers, 0);
  workerDriveEvents_.assign(workers, 0);
  if (ownedDelivery_ && ownedPlan_) ownedPlan_(channelOwner_.data());
  plannedPopulations_ = populations_.size();
}

void Simulation::deliverOwned(uint32_t worker) {
  uint64_t events = 0;
  for (uint32_t p = 0; p < populations_.size(); ++p)
    if (!stepSpikes_[p].empty())
      events += ownedDelivery_(layout_.firstNeuron(p), stepSpikes_[p], input_, channelOwner_.data(),
                               static_cast<uint8_t>(worker));
  workerEvents_[worker] += events;
}

void Simulation::updateParts(uint32_t worker, uint64_t to, int64_t* arriving) {
  if (parallelDelivery_) input_.sumLaneIntoArriving(worker);
  for (const Part& part : parts_[worker]) {
    std::vector<uint32_t>& spikes = partSpikes_[worker][part.population];
    spikes.clear();
    workerDriveEvents_[worker] += updateCells(part.population, to, arriving, part.begin, part.end, spikes);
  }
}

void Simulation::stepSplit(RunStats& stats) {
  const uint64_t to = now_ + 1;  // run() planned the parts (planThreads)
  int64_t* arriving = startStep(parallelDelivery_);
  for (auto& pop : populations_) pop.beginStep(to);
  splitStep_ = to;
  splitArriving_ = arriving;
  // Captures only `this`: std::function keeps it inline, no allocation per step.
  pool_->run([this](uint32_t worker) { updateParts(worker, splitStep_, splitArriving_); });
  if (touchedStep_) addTouchedInput();
  for (uint64_t& driven : workerDriveEvents_) {
    stats.spikes += driven;
    stats.synapticEvents += driven;
    driven = 0;
  }
  const bool ownersDeliver = parallelDelivery_ && !callerDelivers();
  bool anySpikes = false;
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    populations_[p].endStep(to);
    // Ranges ascend with the worker index, so this is the order one thread would have found them in. Kept in
    // stepSpikes_ for the threads to deliver.
    std::vector<uint32_t>& merged = stepSpikes_[p];
    merged.clear();
    for (auto& found : partSpikes_) merged.insert(merged.end(), found[p].begin(), found[p].end());
    anySpikes = anySpikes || !merged.empty();
    afterUpdate(p, to, merged, !ownersDeliver, stats);
  }
  if (ownersDeliver && anySpikes) {
    pool_->run([this](uint32_t worker) { deliverOwned(worker); });
    for (uint64_t& events : workerEvents_) {
      stats.synapticEvents += events;
      events = 0;
    }
  }
  finishEngineStep(to, true);
}

// Every thread delivering onto its own cells walks every spike's rows for its part and costs a hand-off: where a
// step has few events (the Vogels-Abbott networks: 200-500), the calling thread alone delivers them sooner. It adds
// through lane 0, into the rows of a dense ring, which any thread's cells read, and into lane 0's touched lists,
// which addTouchedInput reads with the others'; a staged ring must be delivered by the owners (each sums its own
// lane into its cells' rows). The same sums either way.
bool Simulation::callerDelivers() const {
  return !input_.staged() && recentEventsPerStep_ >= 0 && recentEventsPerStep_ < kCallerDeliversBelow;
}

RunStats Simulation::run(uint64_t steps) {
  RunStats stats;
  if (now_ == 0 && !sampledNow_) {
    recorder_.sample(0, populations_, sources_);
    sampledNow_ = true;
  }
  if (engine_) return engine_->run(*this, steps);
  // Each step is called through a pointer the optimisers cannot see through. Why: V8 runs WebAssembly first in
  // its baseline compiler and switches a function to optimised code only at its next call, and binaryen inlines
  // step() into run() (a one-caller function, even across translation units): the whole run would stay in the
  // baseline code, about twice as slow. A step of its own is optimised after its first few calls.
  static void (Simulation::*volatile const stepCall)(RunStats&) = &Simulation::step;
  static void (Simulation::*volatile const stepSplitCall)(RunStats&) = &Simulation::stepSplit;
  const auto call = pool_ ? stepSplitCall : stepCall;
  // Before the first review: planning sets the ring's lanes, which ends any listing of touched channels.
  planThreads();
  for (uint64_t done = 0; done < steps;) {
    reviewTouchedInput();
    const uint64_t piece = std::min(steps - done, kTouchedReviewSteps), eventsBefore = stats.synapticEvents;
    for (uint64_t k = 0; k < piece; ++k) (this->*call)(stats);
    recentEventsPerStep_ = static_cast<double>(stats.synapticEvents - eventsBefore) / static_cast<double>(piece);
    done += piece;
  }
  return stats;
}

// Marking costs every event a few instructions and saves a neuron update the conversion of every channel's input,
// so it pays where events per step are few against the channels (the Vogels-Abbott networks: 200-500 onto 8000)
// and not where nearly every channel receives input (Brunel's 62,000 events onto 20,000 channels).
void Simulation::reviewTouchedInput() {
  touchedStopped_ = touchedStopped_ || (touchedOnAtReview_ && !input_.tracksTouched());
  bool wanted = touchedInput_ != TouchedInput::Never && delivery_ != nullptr;
  if (wanted && touchedInput_ == TouchedInput::Auto) {
    const double channels = static_cast<double>(layout_.channelCount());
    const double limit = input_.tracksTouched() ? channels / 8 : channels / 16;
    wanted = !touchedStopped_ && recentEventsPerStep_ >= 0 && recentEventsPerStep_ < limit &&
             std::none_of(driveRows_.begin(), driveRows_.end(), [](const int64_t* row) { return row != nullptr; });
  }
  wanted = wanted && std::any_of(populations_.begin(), populations_.end(),
                                 [](const NeuronPopulation& pop) { return pop.takesTouchedInput(); });
  touchedOnAtReview_ = input_.trackTouched(wanted);
  if (!touchedOnAtReview_) return;
  // Placed at every review: cheap next to 256 steps, and never stale.
  touchedTargets_.assign(layout_.channelCount(), nullptr);
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    for (uint32_t r = 0; r < layout_.receptorCount(p); ++r) {
      double* target = populations_[p].touchedInputTarget(r);
      if (target == nullptr) continue;
      double** channels = touchedTargets_.data() + layout_.firstChannel(p, r);
      for (uint32_t cell = 0; cell < populations_[p].size(); ++cell) channels[cell] = target + cell;
    }
  }
}

// The input of the channels listed as touched, added to the variables of the cells that stepped without it
// (NeuronPopulation::updateSkippingInput), and zeroed. A listed channel read as a row meanwhile (by a population
// of another model: it has no target) holds zero by now, and x + 0.0 == x for every x these variables can hold (a
// sum with a +0.0 or a nonzero term is never -0.0); so do repeated entries.
void Simulation::addTouchedInput() {
  ++touchedSteps_;
  int64_t* row = input_.arrivingRow();
  // The first listing of a channel, in any lane, adds the row's whole sum; any later one adds +0.0.
  for (uint32_t lane = 0; lane < input_.touchedLanes(); ++lane) {
    const TouchedChannels& touched = input_.arrivingTouched(lane);
    for (uint32_t k = 0; k < touched.size; ++k) {
      const uint32_t channel = touched.channels[k];
      if (double* target = touchedTargets_[channel]) {
        *target = *target + fromFixed(row[channel]);
        row[channel] = 0;
      }
    }
  }
}

void Simulation::reset() {
  now_ = 0;
  sampledNow_ = false;
  input_.clear();
  for (auto& pop : populations_) {
    pop.newTrial();  // before reset(): the renewal sources draw their first intervals from the new streams
    pop.reset();
  }
  sources_.newTrial();
  recorder_.clear();
  std::fill(injected_.begin(), injected_.end(), 0.0);
  if (engine_) engine_->reset();
}

size_t Simulation::memoryBytes() const {
  size_t bytes = input_.memoryBytes() + injected_.size() * sizeof(double) + recorder_.bufferedBytes();
  for (const auto& pop : populations_) bytes += pop.memoryBytes();
  return bytes;
}

}  // namespace tsnn
