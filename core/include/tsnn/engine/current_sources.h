// Current sources (PyNN DCSource, ACSource, StepCurrentSource, NoisyCurrentSource) on the time grid.
// Timing contract (pynn-api.md §7): the value of a source at time index s (t = s·dt) is what is recorded as its
// sample s; it is injected during the step s -> s + 1, so the membrane responds from step s + 1 (NEST's one-step
// current lag). Windows: DC, AC and Noisy are on for start/dt <= s < stop/dt (times rounded to the grid).
// AC: offset + amplitude·sin(2π·f·(t - start)/1000 + 2π·phase/360), with the phase reduced to one period before
// the engine's own sin (deterministic everywhere, accurate for any t). Noisy: a new N(mean, stdev) value every
// `dt` ms from start, drawn from the source's stream keyed by the interval number, independently for each target
// (its k-th target uses Philox block k of the interval): NEST's noise_generator, which PyNN's NEST backend uses.
// PyNN's NEURON and Brian2 backends share one series among the targets; where PyNN's backends disagree we follow
// NEST. A recorded NoisyCurrentSource records the current of its first target.
// StepCurrentSource: 0 before times[0], then amplitudes[k] from times[k] on (the last value is held).
#pragma once

#include <cstdint>
#include <vector>

#include "tsnn/network/network_spec.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

class CurrentSource {
 public:
  // `path` names the source in errors ("network.current_sources[1]").
  CurrentSource(const CurrentSourceSpec& spec, const NetworkSpec& network, double dt, const std::string& path);

  // The current (nA) at time index `step` into the source's target number `target` (only Noisy depends on it).
  double valueAt(uint64_t step, uint32_t target = 0) const;
  bool perTarget() const { return spec_.kind == CurrentSourceSpec::Kind::Noisy; }
  // Global indices of the injected cells (duplicates kept: a cell injected twice receives the current twice).
  const std::vector<uint32_t>& targets() const { return targets_; }
  bool recorded() const { return spec_.record; }
  const CurrentSourceSpec& spec() const { return spec_; }
  // The segment since the start (0) or the last reset(): a noisy source draws a new series in each.
  void setTrial(uint64_t trial) { noise_.stream = trialStream(firstNoiseStream_, trial); }

 private:
  CurrentSourceSpec spec_;
  double dt_;
  int64_t startStep_ = 0, stopStep_ = 0, noiseSteps_ = 1;
  std::vector<int64_t> stepTimes_;
  RandomStream noise_;
  uint64_t firstNoiseStream_ = 0;
  std::vector<uint32_t> targets_;
};

// All sources of a network: fills the per-neuron injected current of one time index.
class CurrentSources {
 public:
  void add(CurrentSource source);
  void replace(uint32_t index, CurrentSource source);
  size_t count() const { return sources_.size(); }
  const CurrentSource& at(uint32_t index) const { return sources_.at(index); }

  // Sets injected[g] (sized to the total neuron count) for every targeted g to the sum of the sources at `step`.
  void inject(uint64_t step, std::vector<double>& injected) const;
  // Whether any source injects into global neurons [first, first + size).
  bool targetsRange(uint32_t first, uint32_t size) const;
  // reset(): every source, and those added or replaced later, draw in the next segment's streams.
  void newTrial();

 private:
  std::vector<CurrentSource> sources_;
  uint64_t trial_ = 0;
};

}  // namespace tsnn
