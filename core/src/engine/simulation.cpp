#include "tsnn/engine/simulation.h"

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
  const uint64_t from = now_;
  const uint64_t to = now_ + 1;
  input_.advance();
  if (sources_.count() != 0) sources_.inject(from, injected_);
  int64_t* arriving = input_.arrivingRow();
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    NeuronPopulation& pop = populations_[p];
    const uint32_t receptors = layout_.receptorCount(p);
    int64_t* inExc = receptors > 0 ? arriving + layout_.firstChannel(p, 0) : nullptr;
    int64_t* inInh = receptors > 1 ? arriving + layout_.firstChannel(p, 1) : nullptr;
    const double* injected = populationInjected_[p] ? injected_.data() + layout_.firstNeuron(p) : nullptr;
    spikes_.clear();
    // The consumed rows must be empty before the ring comes round to them again: the fast paths zero them as
    // they read them (no second pass over memory), the others are cleared here.
    if (!pop.updateClearingInput(to, inExc, inInh, injected, spikes_))
      for (uint32_t r = 0; r < receptors; ++r)
        std::memset(arriving + layout_.firstChannel(p, r), 0, sizeof(int64_t) * layout_.populationSize(p));
    if (spikes_.empty()) continue;
    stats.spikes += spikes_.size();
    recorder_.recordSpikes(p, spikes_, to);
    if (observer_) observer_(layout_.firstNeuron(p), spikes_, to);
    // Deliveries only write rows to + 1 and later, never the row just read by later populations of this step.
    if (delivery_) stats.synapticEvents += delivery_(layout_.firstNeuron(p), spikes_, input_);
  }
  now_ = to;
  recorder_.sample(to, populations_, sources_);
  sampledNow_ = true;
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
  for (uint64_t k = 0; k < steps; ++k) (this->*stepCall)(stats);
  return stats;
}

void Simulation::reset() {
  now_ = 0;
  sampledNow_ = false;
  input_.clear();
  for (auto& pop : populations_) pop.reset();
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
