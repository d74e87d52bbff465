// SpikeSourceInhGamma: the gamma hazard against its closed forms, and the generated trains against the renewal
// theory of the gamma process: mean count per bin and ISI coefficient of variation per bin.
#include <cmath>
#include <cstdio>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/models/gamma_hazard.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

TEST(gamma_hazard_matches_closed_forms) {
  CHECK_NEAR(logGamma(5.0), std::log(24.0), 1e-13);
  CHECK_NEAR(logGamma(0.5), 0.5 * std::log(M_PI), 1e-13);
  CHECK_NEAR(logGamma(0.1), std::lgamma(0.1), 1e-13);
  for (double tau : {0.3, 5.0, 40.0, 200.0, 2000.0}) {
    // a = 1: the exponential, constant hazard 1/θ. a = 2: S = e^{-x}(1 + x), f = x e^{-x}/θ, h = x/(θ(1 + x)).
    CHECK_NEAR(gammaHazard(1.0, 50.0, tau), 1.0 / 50.0, 1e-14);
    const double x = tau / 50.0;
    CHECK_NEAR(gammaHazard(2.0, 50.0, tau), x / (50.0 * (1.0 + x)), 1e-14);
  }
}

// Counts per cell in [from, to) ms and the ISIs that lie wholly inside it.
struct Trains {
  std::vector<std::vector<double>> times;
};

static Trains run(NeuronPopulation& pop, uint32_t n, uint64_t steps, double dt) {
  Trains trains;
  trains.times.assign(n, {});
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    for (uint32_t c : spikes) trains.times[c].push_back(s * dt);
  }
  return trains;
}

TEST(mean_count_and_cv_per_bin_follow_the_gamma_process) {
  const uint32_t n = 200;
  const double dt = 0.1;
  NeuronPopulation pop("SpikeSourceInhGamma", n, dt, RandomStream{7, 3}, "network.populations[0]");
  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  // Bin 1: a = 2, b = 0.05 s (10 Hz); bin 2: a = 4, b = 0.02 s (12.5 Hz).
  pop.setSequenceParameters(all, {{"a", {{2.0, 4.0}}}, {"b", {{0.05, 0.02}}}, {"tbins", {{0.0, 1000.0}}}});
  const Trains trains = run(pop, n, 20000, dt);
  const double shape[2] = {2.0, 4.0}, rate[2] = {10.0, 12.5}, from[2] = {0.0, 1000.0};
  for (int bin = 0; bin < 2; ++bin) {
    double count = 0, sum = 0, sumSq = 0, isis = 0;
    for (const auto& train : trains.times) {
      double previous = -1;
      for (double t : train) {
        if (t <= from[bin] || t > from[bin] + 1000.0) continue;
        ++count;
        if (previous > 0) {
          const double isi = t - previous;
          sum += isi;
          sumSq += isi * isi;
          ++isis;
        }
        previous = t;
      }
    }
    const double mean = count / n, expected = rate[bin];
    // Count variance of a renewal process over T: T·r·CV² (CV² = 1/a); 4 standard errors of the mean over n
    // cells, plus 0.5 spike for the start of the bin (an ordinary renewal process starts with (CV² - 1)/2).
    const double bound = 4.0 * std::sqrt(expected / shape[bin] / n) + 0.5;
    const double isiMean = sum / isis, cv = std::sqrt(sumSq / isis - isiMean * isiMean) / isiMean;
    std::printf("  bin %d: mean count %.3f (expected %.3f +- %.3f), ISI CV %.3f (expected %.3f)\n", bin + 1, mean,
                expected, bound, cv, 1.0 / std::sqrt(shape[bin]));
    CHECK(std::fabs(mean - expected) < bound);
    // CV of about 2000 ISIs: standard error below 0.02; 0.06 leaves room for the ISIs cut at the bin edges.
    CHECK(std::fabs(cv - 1.0 / std::sqrt(shape[bin])) < 0.06);
  }
}

TEST(no_spikes_before_the_first_bin_or_outside_the_window_and_reset_repeats) {
  const uint32_t n = 50;
  NeuronPopulation pop("SpikeSourceInhGamma", n, 0.1, RandomStream{1, 2}, "network.populations[0]");
  std::vector<uint32_t> all(n);
  for (uint32_t i = 0; i < n; ++i) all[i] = i;
  pop.setSequenceParameters(all, {{"a", {{1.0}}}, {"b", {{0.01}}}, {"tbins", {{100.0}}}});  // 100 Hz from 100 ms
  pop.setParameter("duration", all, std::vector<double>(n, 200.0));
  const Trains first = run(pop, n, 4000, 0.1);
  size_t total = 0;
  for (const auto& train : first.times) {
    for (double t : train) CHECK(t > 100.0 && t <= 200.0);
    total += train.size();
  }
  CHECK(total > 300);  // 50 cells x 100 ms at 100 Hz: 500 expected
  pop.reset();
  const Trains again = run(pop, n, 4000, 0.1);
  CHECK(again.times == first.times);
}

TEST(inconsistent_sequences_are_refused) {
  NeuronPopulation pop("SpikeSourceInhGamma", 2, 0.1, RandomStream{1, 2}, "network.populations[3]");
  bool named = false;
  try {
    pop.setSequenceParameters({0, 1}, {{"a", {{1.0, 2.0}}}, {"b", {{1.0}}}});
  } catch (const Error& e) {
    const std::string m = e.what();
    named = m.find("SpikeSourceInhGamma") != std::string::npos && m.find("tbins") != std::string::npos &&
            m.find("network.populations[3]") != std::string::npos;
  }
  CHECK(named);
  CHECK_THROWS(pop.setSequenceParameters({0}, {{"b", {{-1.0}}}}));
  CHECK_THROWS(pop.setSequenceParameters({0}, {{"a", {{1.0, 1.0}}}, {"b", {{1.0, 1.0}}}, {"tbins", {{5.0, 5.0}}}}));
}
