// Recording into compact buffers, flushed as chunks (one per recording) that the session encodes as
// tsnn.v1.RecordedData: spikes as (cell, step) pairs; sampled variables as rows of float32, one row per sampling
// time. Samples are taken at t = 0 and every sampling interval after it, t_stop included (PyNN's int(t/dt)+1
// samples); current sources marked `record` are sampled every step (their value at time index s, §7 contract).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tsnn/engine/current_sources.h"
#include "tsnn/models/neuron_population.h"

namespace tsnn {

struct RecordedChunk {
  uint32_t population = 0;          // or the current-source index
  std::string variable;             // "spikes", "v", ..., or "i" for a current source
  bool isCurrentSource = false;
  std::vector<uint32_t> spikeCells;
  std::vector<uint64_t> spikeSteps;
  uint64_t firstSample = 0;
  uint32_t nSamples = 0;
  uint32_t nCells = 0;
  std::vector<float> samples;       // nSamples rows of nCells
};

struct RecordingConfig {
  uint32_t population = 0;
  std::string variable;
  std::vector<uint32_t> cells;      // population indices, in the order of the samples
  uint32_t intervalSteps = 1;
};

class Recorder {
 public:
  // Replaces the set of recordings (validated against the populations: unknown variables are INVALID_ARGUMENT).
  // Sampled recordings start at the first sampling time at or after `now` (after it when now > 0 was sampled).
  void configure(const std::vector<RecordingConfig>& recordings, const std::vector<NeuronPopulation>& populations,
                 uint64_t now, bool nowSampled);
  // Current sources to sample every step (their indices).
  void configureCurrentSources(const CurrentSources& sources);

  bool recordsSpikes(uint32_t population) const {
    return population < spikeMask_.size() && !spikeMask_[population].empty();
  }
  void recordSpikes(uint32_t population, const std::vector<uint32_t>& cells, uint64_t step);
  // Takes the samples due at `step` (state of that step).
  void sample(uint64_t step, const std::vector<NeuronPopulation>& populations, const CurrentSources& sources);

  // Moves everything buffered since the last flush into `out` (one chunk per recording with data).
  void flush(std::vector<RecordedChunk>& out);
  void clear();
  size_t bufferedBytes() const;

 private:
  struct Sampled {
    RecordingConfig config;
    uint64_t nextStep = 0;
    uint64_t firstSample = 0;
    uint32_t rows = 0;
    std::vector<float> data;
  };
  struct SpikeBuffer {
    std::vector<uint32_t> cells;
    std::vector<uint64_t> steps;
  };
  std::vector<std::vector<uint8_t>> spikeMask_;  // per population: 1 = recorded cell (empty: none)
  std::vector<SpikeBuffer> spikes_;
  std::vector<Sampled> sampled_;
  std::vector<uint32_t> currentSources_;
  std::vector<Sampled> currentSamples_;
};

}  // namespace tsnn
