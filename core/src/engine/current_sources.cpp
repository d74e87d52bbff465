#include "tsnn/engine/current_sources.h"

#include <cmath>

#include "tsnn/error.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/random/distributions.h"

namespace tsnn {

namespace {

int64_t gridStep(double ms, double dt) {
  const double steps = ms / dt;
  if (steps > 9.0e18) return INT64_MAX;
  return static_cast<int64_t>(std::llround(steps));
}

constexpr double kTwoPi = 6.283185307179586476925286766559;

}  // namespace

CurrentSource::CurrentSource(const CurrentSourceSpec& spec, const NetworkSpec& network, double dt,
                             const std::string& path)
    : spec_(spec), dt_(dt) {
  startStep_ = gridStep(spec.start, dt);
  stopStep_ = gridStep(spec.stop, dt);
  if (spec.kind == CurrentSourceSpec::Kind::Step) {
    if (spec.times.size() != spec.amplitudes.size())
      throw invalidArgument(path + ".step", "StepCurrentSource needs as many amplitudes as times (" +
                                                std::to_string(spec.times.size()) + " times, " +
                                                std::to_string(spec.amplitudes.size()) + " amplitudes)");
    for (double t : spec.times) stepTimes_.push_back(gridStep(t, dt));
  }
  if (spec.kind == CurrentSourceSpec::Kind::Noisy) {
    if (!(spec.dt >= dt * (1 - 1e-9)))
      throw invalidArgument(path + ".noisy.dt", "NoisyCurrentSource dt must be >= the simulation timestep " +
                                                    std::to_string(dt) + " ms");
    noiseSteps_ = gridStep(spec.dt, dt);
    if (noiseSteps_ < 1) noiseSteps_ = 1;
    noise_ = spec.rng.resolve(network.settings.seed);
    firstNoiseStream_ = noise_.stream;
  }
  for (size_t t = 0; t < spec.targets.size(); ++t) {
    const CellSetSpec& set = spec.targets[t];
    for (uint32_t k = 0; k < set.size(); ++k) {
      uint32_t population = 0, index = 0;
      set.locate(k, population, index);
      if (population >= network.populations.size())
        throw invalidArgument(path + ".targets[" + std::to_string(t) + "]", "population out of range");
      targets_.push_back(network.populations[population].firstGlobal + index);
    }
  }
}

double CurrentSource::valueAt(uint64_t step, uint32_t target) const {
  const int64_t s = static_cast<int64_t>(step);
  switch (spec_.kind) {
    case CurrentSourceSpec::Kind::DC:
      return s >= startStep_ && s < stopStep_ ? spec_.amplitude : 0.0;
    case CurrentSourceSpec::Kind::AC: {
      if (s < startStep_ || s >= stopStep_) return 0.0;
      const double cycles = spec_.frequency * static_cast<double>(s - startStep_) * dt_ / 1000.0;
      const double fraction = cycles - std::floor(cycles);
      return spec_.offset + spec_.amplitude * dmath::sin(kTwoPi * fraction + kTwoPi * spec_.phase / 360.0);
    }
    case CurrentSourceSpec::Kind::Step: {
      double value = 0.0;
      for (size_t k = 0; k < stepTimes_.size() && stepTimes_[k] <= s; ++k) value = spec_.amplitudes[k];
      return value;
    }
    case CurrentSourceSpec::Kind::Noisy: {
      if (s < startStep_ || s >= stopStep_) return 0.0;
      const uint32_t interval = static_cast<uint32_t>((s - startStep_) / noiseSteps_);
      DrawCursor cursor(noise_, interval, 2 * target);  // a Philox block per cell; standardNormal takes one uniform
      return spec_.mean + spec_.stdev * distribution_detail::standardNormal(cursor);
    }
  }
  return 0.0;
}

void CurrentSources::add(CurrentSource source) {
  source.setTrial(trial_);
  sources_.push_back(std::move(source));
}

void CurrentSources::replace(uint32_t index, CurrentSource source) {
  source.setTrial(trial_);
  sources_.at(index) = std::move(source);
}

void CurrentSources::newTrial() {
  ++trial_;
  for (auto& source : sources_) source.setTrial(trial_);
}

void CurrentSources::inject(uint64_t step, std::vector<double>& injected) const {
  for (const auto& source : sources_)
    for (uint32_t g : source.targets()) injected[g] = 0.0;
  for (const auto& source : sources_) {
    const std::vector<uint32_t>& targets = source.targets();
    if (source.perTarget()) {
      for (uint32_t k = 0; k < targets.size(); ++k) injected[targets[k]] += source.valueAt(step, k);
      continue;
    }
    const double value = source.valueAt(step);
    if (value == 0.0) continue;
    for (uint32_t g : targets) injected[g] += value;
  }
}

bool CurrentSources::targetsRange(uint32_t first, uint32_t size) const {
  for (const auto& source : sources_)
    for (uint32_t g : source.targets())
      if (g >= first && g < first + size) return true;
  return false;
}

}  // namespace tsnn
