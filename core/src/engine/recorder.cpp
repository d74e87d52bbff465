#include "tsnn/engine/recorder.h"

#include "tsnn/error.h"

namespace tsnn {

void Recorder::configure(const std::vector<RecordingConfig>& recordings,
                         const std::vector<NeuronPopulation>& populations, uint64_t now, bool nowSampled) {
  std::vector<std::vector<uint8_t>> mask(populations.size());
  std::vector<Sampled> sampled;
  for (size_t r = 0; r < recordings.size(); ++r) {
    const RecordingConfig& config = recordings[r];
    const std::string path = "recordings[" + std::to_string(r) + "]";
    if (config.population >= populations.size())
      throw invalidArgument(path + ".population", "no population " + std::to_string(config.population));
    const NeuronPopulation& pop = populations[config.population];
    for (uint32_t cell : config.cells)
      if (cell >= pop.size())
        throw invalidArgument(path + ".cells", "cell " + std::to_string(cell) + " out of range for a population of " +
                                                   std::to_string(pop.size()));
    if (config.variable == "spikes") {
      mask[config.population].assign(pop.size(), 0);
      for (uint32_t cell : config.cells) mask[config.population][cell] = 1;
      continue;
    }
    if (pop.recordableArray(config.variable) == nullptr)
      throw invalidArgument(path + ".variable", "Cannot record " + config.variable + " from cell type " +
                                                    pop.cellType() + " on this engine");
    if (config.intervalSteps == 0) throw invalidArgument(path + ".sampling_interval", "must be at least one timestep");
    Sampled s;
    s.config = config;
    const uint64_t k = config.intervalSteps;
    uint64_t first = (now + k - 1) / k * k;  // first multiple of the interval at or after now
    if (first == now && nowSampled) first += k;
    s.nextStep = first;
    s.firstSample = first / k;
    sampled.push_back(std::move(s));
  }
  spikeMask_ = std::move(mask);
  spikes_.assign(populations.size(), SpikeBuffer{});
  sampled_ = std::move(sampled);
}

void Recorder::configureCurrentSources(const CurrentSources& sources) {
  currentSamples_.clear();
  for (uint32_t i = 0; i < sources.count(); ++i) {
    if (!sources.at(i).recorded()) continue;
    Sampled s;
    s.config.population = i;
    s.config.variable = "i";
    s.config.intervalSteps = 1;
    currentSamples_.push_back(std::move(s));
  }
}

void Recorder::recordSpikes(uint32_t population, const std::vector<uint32_t>& cells, uint64_t step) {
  const auto& mask = spikeMask_[population];
  if (mask.empty()) return;
  auto& buffer = spikes_[population];
  for (uint32_t cell : cells) {
    if (mask[cell]) {
      buffer.cells.push_back(cell);
      buffer.steps.push_back(step);
    }
  }
}

void Recorder::sample(uint64_t step, const std::vector<NeuronPopulation>& populations,
                      const CurrentSources& sources) {
  for (auto& s : sampled_) {
    if (step != s.nextStep) continue;
    const double* values = populations[s.config.population].recordableArray(s.config.variable);
    if (s.rows == 0) s.firstSample = step / s.config.intervalSteps;
    for (uint32_t cell : s.config.cells) s.data.push_back(static_cast<float>(values[cell]));
    ++s.rows;
    s.nextStep += s.config.intervalSteps;
  }
  for (auto& s : currentSamples_) {
    if (s.rows == 0) s.firstSample = step;
    s.data.push_back(static_cast<float>(sources.at(s.config.population).valueAt(step)));
    ++s.rows;
  }
}

void Recorder::flush(std::vector<RecordedChunk>& out) {
  for (uint32_t p = 0; p < spikes_.size(); ++p) {
    if (spikeMask_[p].empty() || spikes_[p].cells.empty()) continue;
    RecordedChunk chunk;
    chunk.population = p;
    chunk.variable = "spikes";
    chunk.spikeCells.swap(spikes_[p].cells);
    chunk.spikeSteps.swap(spikes_[p].steps);
    out.push_back(std::move(chunk));
  }
  auto flushSampled = [&](std::vector<Sampled>& list, bool isCurrentSource) {
    for (auto& s : list) {
      if (s.rows == 0) continue;
      RecordedChunk chunk;
      chunk.population = s.config.population;
      chunk.variable = s.config.variable;
      chunk.isCurrentSource = isCurrentSource;
      chunk.firstSample = s.firstSample;
      chunk.nSamples = s.rows;
      chunk.nCells = isCurrentSource ? 1 : static_cast<uint32_t>(s.config.cells.size());
      chunk.samples.swap(s.data);
      s.rows = 0;
      out.push_back(std::move(chunk));
    }
  };
  flushSampled(sampled_, false);
  flushSampled(currentSamples_, true);
}

void Recorder::clear() {
  for (auto& b : spikes_) {
    b.cells.clear();
    b.steps.clear();
  }
  for (auto* list : {&sampled_, &currentSamples_}) {
    for (auto& s : *list) {
      s.data.clear();
      s.rows = 0;
      s.nextStep = 0;
      s.firstSample = 0;
    }
  }
}

size_t Recorder::bufferedBytes() const {
  size_t bytes = 0;
  for (const auto& b : spikes_) bytes += b.cells.size() * 12;
  for (const auto& s : sampled_) bytes += s.data.size() * 4;
  for (const auto& s : currentSamples_) bytes += s.data.size() * 4;
  return bytes;
}

}  // namespace tsnn
