// Spike sources: Poisson counts within a binomial bound, same seed -> same spikes, different seed -> different;
// gamma and refractory-Poisson rates; SpikeSourceArray exact steps and future-only updates.
#include <cmath>
#include <set>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"
#include "tsnn/models/poisson_counts.h"
#include "tsnn/models/spike_sources.h"

using namespace tsnn;

static std::vector<std::vector<uint64_t>> run(NeuronPopulation& pop, uint64_t steps) {
  std::vector<std::vector<uint64_t>> trains(pop.size());
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    for (uint32_t i : spikes) trains[i].push_back(s);
  }
  return trains;
}

static size_t total(const std::vector<std::vector<uint64_t>>& trains) {
  size_t n = 0;
  for (const auto& t : trains) n += t.size();
  return n;
}

static size_t events(NeuronPopulation& pop, uint64_t steps) {
  size_t n = 0;
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    n += spikes.size();
  }
  return n;
}

TEST(poisson_count_within_five_sigma_of_rate_times_duration) {
  NeuronPopulation pop("SpikeSourcePoisson", 500, 0.1, RandomStream{42, 7}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < 500; ++i) all.push_back(i);
  pop.setParameter("rate", all, std::vector<double>(500, 20.0));
  // The event count over 500 cells x 1 s is Poisson with mean 500 x 20.
  const double mean = 500.0 * 20.0;
  CHECK(std::fabs(double(events(pop, 10000)) - mean) < 5 * std::sqrt(mean));
}

TEST(poisson_above_one_event_per_step_keeps_the_rate_through_multiplicity) {
  NeuronPopulation pop("SpikeSourcePoisson", 100, 0.1, RandomStream{42, 8}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < 100; ++i) all.push_back(i);
  pop.setParameter("rate", all, std::vector<double>(100, 25000.0));  // 2.5 events per step
  const double mean = 100.0 * 25000.0 * 0.1;                         // over 100 ms
  CHECK(std::fabs(double(events(pop, 1000)) - mean) < 5 * std::sqrt(mean));
  CHECK_THROWS_AS((pop.setParameter("rate", {0}, {1e7})), std::exception);
}

TEST(poisson_respects_start_and_duration) {
  NeuronPopulation pop("SpikeSourcePoisson", 50, 0.1, RandomStream{42, 7}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < 50; ++i) all.push_back(i);
  pop.setParameter("rate", all, std::vector<double>(50, 500.0));
  pop.setParameter("start", all, std::vector<double>(50, 20.0));
  pop.setParameter("duration", all, std::vector<double>(50, 30.0));
  const auto trains = run(pop, 1000);
  for (const auto& t : trains)
    for (uint64_t s : t) CHECK(s > 200 && s <= 500);
  CHECK(total(trains) > 100);
}

TEST(poisson_same_seed_same_spikes_different_seed_different_and_reset_restarts) {
  NeuronPopulation a("SpikeSourcePoisson", 20, 0.1, RandomStream{1, 3}, "p");
  NeuronPopulation b("SpikeSourcePoisson", 20, 0.1, RandomStream{1, 3}, "p");
  NeuronPopulation c("SpikeSourcePoisson", 20, 0.1, RandomStream{2, 3}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < 20; ++i) all.push_back(i);
  for (auto* p : {&a, &b, &c}) p->setParameter("rate", all, std::vector<double>(20, 50.0));
  const auto ta = run(a, 5000);
  CHECK(ta == run(b, 5000));
  CHECK(ta != run(c, 5000));
  a.reset();
  CHECK(ta == run(a, 5000));
}

TEST(gamma_source_mean_rate_is_beta_over_alpha) {
  const uint32_t n = 200;
  NeuronPopulation pop("SpikeSourceGamma", n, 0.1, RandomStream{9, 11}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < n; ++i) all.push_back(i);
  pop.setParameter("alpha", all, std::vector<double>(n, 4.0));
  pop.setParameter("beta", all, std::vector<double>(n, 80.0));  // 20 Hz, mean ISI 50 ms
  const auto trains = run(pop, 50000);                          // 5 s
  // Renewal count over T: mean ~ T/mu, variance ~ T sigma^2/mu^3 = (T/mu)/alpha per cell.
  const double perCell = 5000.0 / 50.0, expected = n * perCell, sd = std::sqrt(n * perCell / 4.0);
  CHECK(std::fabs(double(total(trains)) - expected) < 5 * sd + n);  // + n: the first interval starts at 0
  // Gamma(4) ISIs are far more regular than Poisson: coefficient of variation 1/sqrt(4) = 0.5.
  double sum = 0, sumSq = 0;
  size_t count = 0;
  for (const auto& t : trains)
    for (size_t k = 1; k < t.size(); ++k) {
      const double isi = (t[k] - t[k - 1]) * 0.1;
      sum += isi;
      sumSq += isi * isi;
      ++count;
    }
  const double m = sum / count, cv = std::sqrt(sumSq / count - m * m) / m;
  CHECK_NEAR(m, 50.0, 1.0);
  CHECK_NEAR(cv, 0.5, 0.03);
}

TEST(poisson_refractory_has_no_interval_below_tau_refrac_and_keeps_the_rate) {
  const uint32_t n = 200;
  NeuronPopulation pop("SpikeSourcePoissonRefractory", n, 0.1, RandomStream{5, 6}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < n; ++i) all.push_back(i);
  pop.setParameter("rate", all, std::vector<double>(n, 50.0));
  pop.setParameter("tau_refrac", all, std::vector<double>(n, 5.0));
  const auto trains = run(pop, 20000);  // 2 s
  for (const auto& t : trains)
    for (size_t k = 1; k < t.size(); ++k) CHECK((t[k] - t[k - 1]) >= 49);  // 5 ms, less one step of rounding
  const double expected = n * 100.0;
  CHECK(std::fabs(double(total(trains)) - expected) < 0.05 * expected);
  CHECK_THROWS_AS((pop.setParameter("rate", {0}, {300.0})), std::exception);  // rate * tau_refrac >= 1000
}

// Intervals shorter than a step: every event counts (multiplicity, NEST's ppd_sup_generator), so the rate holds
// even at 20 kHz (two events per 0.1 ms step on average); one event per step at most would give 8.6 kHz.
TEST(renewal_sources_keep_their_rate_when_intervals_are_shorter_than_a_step) {
  const uint32_t n = 50;
  NeuronPopulation pop("SpikeSourcePoissonRefractory", n, 0.1, RandomStream{7, 8}, "p");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < n; ++i) all.push_back(i);
  pop.setParameter("rate", all, std::vector<double>(n, 20000.0));
  pop.setParameter("tau_refrac", all, std::vector<double>(n, 0.0));
  const auto trains = run(pop, 1000);  // 100 ms: 2000 expected events per cell
  const double expected = n * 2000.0;
  CHECK(std::fabs(double(total(trains)) - expected) < 5 * std::sqrt(expected) + n);
}

TEST(spike_source_array_emits_exact_steps_and_updates_only_the_future) {
  NeuronPopulation pop("SpikeSourceArray", 2, 0.1, RandomStream{1, 1}, "p");
  pop.setSpikeTimes({0, 1}, {{1.0, 2.5, 2.5, 7.3}, {0.4}}, 0);
  const auto trains = run(pop, 100);
  CHECK((trains[0] == std::vector<uint64_t>{10, 25, 25, 73}));  // two spikes at 2.5 ms: multiplicity 2 (NEST)
  CHECK((trains[1] == std::vector<uint64_t>{4}));
  CHECK_THROWS_AS((pop.setSpikeTimes({0}, {{3.0, 2.0}}, 0)), std::exception);
  // Between runs at step 100 (10 ms): a new list with past and future times emits only the future ones.
  pop.setSpikeTimes({0}, {{5.0, 12.0, 15.0}}, 100);
  std::vector<uint32_t> spikes;
  std::vector<uint64_t> later;
  for (uint64_t s = 101; s <= 200; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    for (uint32_t i : spikes)
      if (i == 0) later.push_back(s);
  }
  CHECK((later == std::vector<uint64_t>{120, 150}));
  pop.reset();
  CHECK((run(pop, 200)[0] == std::vector<uint64_t>{50, 120, 150}));
}

TEST(poisson_population_draws_equal_the_counter_based_formula) {
  // The population computes each Philox block once for two steps and counts two cells at a time (SIMD pairs);
  // the counts must be exactly those of poissonCount keyed by (seed, stream, cell, step), on every step, odd or
  // even, after a reset too. At 4 events per step 5 % of the counts lie beyond the table (the scalar path).
  const RandomStream stream{11, 12};
  for (const double lambda : {1.5, 4.0}) {
    NeuronPopulation pop("SpikeSourcePoisson", 31, 0.1, stream, "p");
    std::vector<uint32_t> all;
    for (uint32_t i = 0; i < 31; ++i) all.push_back(i);
    pop.setParameter("rate", all, std::vector<double>(31, lambda * 10000.0));
    const double empty = tsnn::dmath::exp(-lambda);
    int mismatches = 0;
    for (int round = 0; round < 2; ++round) {
      std::vector<uint32_t> spikes;
      for (uint64_t s = 1; s <= 201; ++s) {
        spikes.clear();
        pop.update(s, nullptr, nullptr, nullptr, spikes);
        std::vector<uint32_t> expected;
        for (uint32_t i = 0; i < 31; ++i)
          for (uint32_t k = poissonCount(stream, i, s, lambda, empty); k > 0; --k) expected.push_back(i);
        if (spikes != expected) ++mismatches;
      }
      pop.reset();
    }
    CHECK(mismatches == 0);
  }
}

// A Poisson population that drives one channel per cell (Simulation::setDirectDrives) adds count x amount into
// the row instead of listing its events: the counts of poissonCount keyed by (seed, stream, cell, step), for a
// sparse rate (the per-cell test), the pair loop at 1.5 and 4 events per step (beyond the table too), rates that
// differ by cell (the general path), a start and duration, and cells split into two ranges. The row keeps what it
// held, and the returned total is the number of events.
TEST(poisson_counts_added_into_a_row_equal_the_counter_based_formula) {
  const RandomStream stream{11, 12};
  const uint32_t n = 31, split = 13;
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < n; ++i) all.push_back(i);
  const int64_t amount = -toFixed(0.37);
  for (const double lambda : {0.004, 1.5, 4.0, -1.0}) {  // -1: a rate of its own for every cell
    NeuronPopulation pop("SpikeSourcePoisson", n, 0.1, stream, "p");
    std::vector<double> lambdas(n, lambda);
    if (lambda < 0)
      for (uint32_t i = 0; i < n; ++i) lambdas[i] = 0.1 * i;
    std::vector<double> rates;
    for (double l : lambdas) rates.push_back(l * 10000.0);
    pop.setParameter("rate", all, rates);
    pop.setParameter("start", all, std::vector<double>(n, 2.0));      // from step 21
    pop.setParameter("duration", all, std::vector<double>(n, 15.0));  // to step 170
    std::vector<int64_t> row(n);
    for (uint32_t i = 0; i < n; ++i) row[i] = 7 * i;
    std::vector<int64_t> expected = row;
    uint64_t total = 0, expectedTotal = 0;
    for (uint64_t s = 1; s <= 201; ++s) {
      pop.beginStep(s);
      total += pop.updateCountsIntoRow(s, 0, split, row.data(), amount);
      total += pop.updateCountsIntoRow(s, split, n, row.data(), amount);
      pop.endStep(s);
      if (s <= 20 || s > 170) continue;
      for (uint32_t i = 0; i < n; ++i) {
        const uint32_t k = poissonCount(stream, i, s, lambdas[i], tsnn::dmath::exp(-lambdas[i]));
        expected[i] += k * amount;
        expectedTotal += k;
      }
    }
    CHECK(row == expected);
    CHECK(total == expectedTotal);
    CHECK(total > (lambda == 0.004 ? 5u : 1000u));  // events happened: the comparison means something
  }
}

// The populations count four cells at a time on integer bounds of the words (poisson_counts.h): the counts must
// be the loop's on the uniform of each word, for words at, just below and just above every bound, at the ends of
// the range, and spread over it; in runs of every length, so that groups of four, groups with a word beyond the
// table and the scalar tail all occur; at low rates, where the last bounds are no word at all, too.
TEST(poisson_counts_from_words_equal_the_loop_at_every_bound) {
  int mismatches = 0, checked = 0, usable = 0;
  for (double lambda : {1e-300, 1e-12, 2.5e-3, 0.3, 0.64, 1.0, 1.5, 4.0, 9.0, 40.0}) {
    const double empty = tsnn::dmath::exp(-lambda);
    const PoissonTable table = poissonTable(lambda, empty);
    const PoissonWordTable wordTable = poissonWordTable(table);
    usable += wordTable.usable ? 1 : 0;
    std::vector<uint32_t> words = {0u, 1u, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu};
    for (uint32_t b : wordTable.bound)
      for (int64_t d = -2; d <= 2; ++d)
        if (int64_t{b} + d >= 0 && int64_t{b} + d <= 0xffffffffLL) words.push_back(static_cast<uint32_t>(b + d));
    for (uint32_t k = 0; k < 4000; ++k) words.push_back(k * 1073741u + 12345u);
    for (uint32_t length : {1u, 3u, 4u, 5u, 8u, 11u}) {
      for (size_t first = 0; first + length <= words.size(); first += length) {
        forEachPoissonWordCount(table, wordTable, lambda, empty, words.data() + first, 0, length,
                            [&](uint32_t i, uint32_t count) {
                              ++checked;
                              const double u = uniformFromWord(words[first + i]);
                              if (count != poissonCountFromUniform(u, lambda, empty)) ++mismatches;
                            });
      }
    }
  }
  CHECK(usable == 9);  // the four-cell path ran at every rate but 1e-300 (its table underflows)
  CHECK(checked > 200000);
  CHECK(mismatches == 0);
}

TEST(poisson_count_from_the_table_equals_the_loop_at_every_boundary) {
  // Rates per step from almost nothing to far beyond the table (where the loop takes over), with uniforms on, just
  // below and just above every cumulative probability the loop compares against.
  int mismatches = 0, checked = 0;
  for (double lambda : {1e-300, 1e-12, 2.5e-3, 0.3, 0.64, 1.0, 1.5, 4.0, 9.0, 40.0}) {
    const double empty = tsnn::dmath::exp(-lambda);
    const PoissonTable table = poissonTable(lambda, empty);
    std::vector<double> us = {0.0, 0.5, std::nextafter(1.0, 0.0)};
    for (double c : table.cumulative) {
      us.push_back(c);
      us.push_back(std::nextafter(c, 0.0));
      us.push_back(std::nextafter(c, 2.0));
    }
    for (uint32_t k = 0; k < 1000; ++k) us.push_back((k + 0.5) / 1000.0);
    for (double u : us) {
      if (!(u >= 0.0 && u < 1.0)) continue;
      ++checked;
      if (poissonCountFromTable(u, table, lambda, empty) != poissonCountFromUniform(u, lambda, empty)) ++mismatches;
    }
  }
  CHECK(checked > 10000);
  CHECK(mismatches == 0);
}
