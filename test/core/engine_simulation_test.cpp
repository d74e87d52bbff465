// The step loop: spike delays arrive exactly d steps later, the current-source timing contract of PyNN,
// analytic spike times under a DC step, sample counts (t = 0 and t_stop included), runs in pieces equal one run,
// reset reproduces the first run.
#include <cmath>
#include <vector>

#include "testing.h"
#include "tsnn/engine/simulation.h"
#include "tsnn/error.h"
#include "tsnn/fixed_point.h"

using namespace tsnn;

static const double kDt = 0.1;

static CellSetSpec wholePopulation(uint32_t population, uint32_t size) {
  SelectionSpec selection;
  selection.population = population;
  selection.form = SelectionSpec::Form::Range;
  selection.start = 0;
  selection.stop = size;
  selection.step = 1;
  CellSetSpec set;
  set.parts = {selection};
  set.partOffsets = {0};
  set.totalSize = size;
  return set;
}

static NetworkSpec networkOf(const std::vector<uint32_t>& sizes) {
  NetworkSpec network;
  network.settings.timestep = kDt;
  uint32_t first = 0;
  for (uint32_t size : sizes) {
    PopulationSpec p;
    p.size = size;
    p.firstGlobal = first;
    first += size;
    network.populations.push_back(p);
  }
  network.totalNeurons = first;
  return network;
}

static std::vector<uint32_t> allCells(uint32_t n) {
  std::vector<uint32_t> cells(n);
  for (uint32_t i = 0; i < n; ++i) cells[i] = i;
  return cells;
}

static std::vector<float> collectSamples(Simulation& sim, const std::string& variable, bool currentSource = false) {
  std::vector<RecordedChunk> chunks;
  sim.recorder().flush(chunks);
  std::vector<float> out;
  for (const auto& c : chunks)
    if (c.variable == variable && c.isCurrentSource == currentSource) out.insert(out.end(), c.samples.begin(), c.samples.end());
  return out;
}

TEST(spike_with_delay_d_reaches_the_membrane_at_step_k_plus_d) {
  for (uint32_t delay : {1u, 3u, 17u}) {
    Simulation sim(kDt);
    NeuronPopulation source("SpikeSourceArray", 1, kDt, RandomStream{1, 1}, "p0");
    source.setSpikeTimes({0}, {{1.0}}, 0);  // step 10
    sim.addPopulation(std::move(source), {});
    sim.addPopulation(NeuronPopulation("IF_curr_delta", 1, kDt, RandomStream{1, 2}, "p1"), {"excitatory", "inhibitory"});
    const uint32_t channel = sim.layout().channelOf(1, 0);
    sim.setDelivery(
        [&](uint32_t pre, InputBuffer& input) -> uint64_t {
          CHECK(pre == 0);
          input.add(delay, channel, toFixed(2.0));
          return 1;
        },
        20);
    sim.setRecordings({{1, "v", {0}, 1}, {0, "spikes", {0}, 1}});
    const RunStats stats = sim.run(50);
    CHECK(stats.spikes == 1 && stats.synapticEvents == 1);
    const auto v = collectSamples(sim, "v");
    CHECK(v.size() == 51);
    CHECK(v[10 + delay - 1] == -65.0f);
    CHECK_NEAR(v[10 + delay], -63.0, 1e-6);
  }
}

TEST(current_source_timing_contract) {
  NetworkSpec network = networkOf({1});
  CurrentSourceSpec dc;
  dc.kind = CurrentSourceSpec::Kind::DC;
  dc.amplitude = 0.5;
  dc.start = 5.0;
  dc.stop = 10.0;
  dc.record = true;
  dc.targets = {wholePopulation(0, 1)};
  Simulation sim(kDt);
  sim.addPopulation(NeuronPopulation("IF_curr_exp", 1, kDt, RandomStream{1, 1}, "p0"), {"excitatory", "inhibitory"});
  sim.setDelivery(nullptr, 1);
  sim.currentSources().add(CurrentSource(dc, network, kDt, "network.current_sources[0]"));
  sim.currentSourcesChanged();
  sim.setRecordings({{0, "v", {0}, 1}});
  sim.run(200);
  std::vector<RecordedChunk> chunks;
  sim.recorder().flush(chunks);
  std::vector<float> v, i;
  for (const auto& c : chunks) (c.isCurrentSource ? i : v) = c.samples;
  CHECK(i.size() == 201 && v.size() == 201);
  CHECK(i[49] == 0.0f && i[50] == 0.5f && i[99] == 0.5f && i[100] == 0.0f);
  CHECK(v[50] == -65.0f);
  CHECK(v[51] > -65.0f);
  CHECK(v[101] < v[100]);  // the current stopped at index 100: the membrane decays from 101
  CHECK(v[100] > v[99]);
}

TEST(dc_step_at_25_ms_gives_the_analytic_first_spike) {
  NetworkSpec network = networkOf({1});
  CurrentSourceSpec dc;
  dc.kind = CurrentSourceSpec::Kind::DC;
  dc.amplitude = 1.0;
  dc.start = 25.0;
  dc.stop = 1e12;
  dc.targets = {wholePopulation(0, 1)};
  Simulation sim(kDt);
  sim.addPopulation(NeuronPopulation("IF_curr_exp", 1, kDt, RandomStream{1, 1}, "p0"), {"excitatory", "inhibitory"});
  sim.setDelivery(nullptr, 1);
  sim.currentSources().add(CurrentSource(dc, network, kDt, "s"));
  sim.currentSourcesChanged();
  sim.setRecordings({{0, "spikes", {0}, 1}});
  sim.run(1000);
  std::vector<RecordedChunk> chunks;
  sim.recorder().flush(chunks);
  CHECK(chunks.size() == 1 && !chunks[0].spikeSteps.empty());
  // 25 ms + tau_m ln(RI/(RI - theta)), R = 20 MOhm, I = 1 nA, theta = 15 mV.
  const double expected = 25.0 + 20.0 * std::log(20.0 / 5.0);
  const double first = chunks[0].spikeSteps[0] * kDt;
  CHECK(first >= expected - 1e-9 && first < expected + kDt);
}

TEST(ac_and_step_sources_follow_their_formulas) {
  NetworkSpec network = networkOf({1});
  CurrentSourceSpec ac;
  ac.kind = CurrentSourceSpec::Kind::AC;
  ac.amplitude = 2.0;
  ac.offset = 0.5;
  ac.frequency = 10.0;
  ac.phase = 90.0;
  ac.start = 1.0;
  ac.stop = 1e12;
  CurrentSource a(ac, network, kDt, "s");
  CHECK(a.valueAt(9) == 0.0);
  for (uint64_t s : {10u, 123u, 10000u, 98765u}) {
    const double t = s * kDt;
    CHECK_NEAR(a.valueAt(s), 0.5 + 2.0 * std::sin(2 * M_PI * 10.0 * (t - 1.0) / 1000 + M_PI / 2), 1e-9);
  }
  CurrentSourceSpec step;
  step.kind = CurrentSourceSpec::Kind::Step;
  step.times = {0.4, 0.9};
  step.amplitudes = {-0.5, 0.5};
  CurrentSource b(step, network, kDt, "s");
  CHECK(b.valueAt(3) == 0.0 && b.valueAt(4) == -0.5 && b.valueAt(8) == -0.5 && b.valueAt(9) == 0.5 &&
        b.valueAt(100000) == 0.5);
}

// A NoisyCurrentSource on from t = 0, its own stream.
static CurrentSourceSpec noisySpec(double mean, double stdev, double dt, uint64_t stream) {
  CurrentSourceSpec noisy;
  noisy.kind = CurrentSourceSpec::Kind::Noisy;
  noisy.mean = mean;
  noisy.stdev = stdev;
  noisy.start = 0.0;
  noisy.stop = 1e12;
  noisy.dt = dt;
  noisy.rng.stream = stream;
  return noisy;
}

TEST(noisy_source_draws_a_new_value_every_dt_and_is_reproducible) {
  NetworkSpec network = networkOf({1});
  network.settings.seed = 77;
  CurrentSource n(noisySpec(1.0, 0.5, 1.0, 4), network, kDt, "s");
  CHECK(n.valueAt(10) == n.valueAt(19));
  CHECK(n.valueAt(19) != n.valueAt(20));
  double sum = 0, sumSq = 0;
  const int count = 20000;
  for (int k = 0; k < count; ++k) {
    const double x = n.valueAt(static_cast<uint64_t>(k) * 10);
    sum += x;
    sumSq += x * x;
  }
  const double mean = sum / count, sd = std::sqrt(sumSq / count - mean * mean);
  CHECK_NEAR(mean, 1.0, 5 * 0.5 / std::sqrt(double(count)));
  CHECK_NEAR(sd, 0.5, 0.02);
}

// NEST's noise_generator (followed here, docs in current_sources.h): each target gets its own series, N(mean, sd)
// per interval, uncorrelated with the other targets'; the series of target 0 is the one valueAt(step) reports.
TEST(noisy_source_gives_each_target_an_independent_series) {
  NetworkSpec network = networkOf({3});
  network.settings.seed = 78;
  CurrentSourceSpec noisy = noisySpec(0.2, 1.5, 0.1, 5);
  CellSetSpec targets;
  SelectionSpec all;
  all.population = 0;
  all.form = SelectionSpec::Form::Range;
  all.start = 0;
  all.stop = 3;
  all.step = 1;
  targets.parts.push_back(all);
  targets.partOffsets.push_back(0);
  targets.totalSize = 3;
  noisy.targets.push_back(targets);
  CurrentSource n(noisy, network, kDt, "s");
  CHECK(n.targets().size() == 3);
  CurrentSources sources;
  sources.add(n);
  const int count = 20000;
  double sum[3] = {0, 0, 0}, sumSq[3] = {0, 0, 0}, cross01 = 0, cross12 = 0;
  std::vector<double> injected(3, 0.0);
  for (int k = 0; k < count; ++k) {
    sources.inject(static_cast<uint64_t>(k), injected);
    CHECK(injected[0] == n.valueAt(static_cast<uint64_t>(k)));
    for (int j = 0; j < 3; ++j) {
      sum[j] += injected[j];
      sumSq[j] += injected[j] * injected[j];
    }
    cross01 += (injected[0] - 0.2) * (injected[1] - 0.2);
    cross12 += (injected[1] - 0.2) * (injected[2] - 0.2);
  }
  for (int j = 0; j < 3; ++j) {
    const double mean = sum[j] / count, sd = std::sqrt(sumSq[j] / count - mean * mean);
    CHECK_NEAR(mean, 0.2, 5 * 1.5 / std::sqrt(double(count)));
    CHECK_NEAR(sd, 1.5, 0.05);
  }
  // Correlation coefficients: independent series give |r| < 5/sqrt(count) = 0.035 with overwhelming probability.
  CHECK(std::fabs(cross01 / count / (1.5 * 1.5)) < 0.035);
  CHECK(std::fabs(cross12 / count / (1.5 * 1.5)) < 0.035);
}

static std::vector<uint64_t> poissonDrivenRun(uint64_t seed, std::vector<uint64_t> pieces, bool resetFirst,
                                              std::vector<float>* v) {
  Simulation sim(kDt);
  NeuronPopulation source("SpikeSourcePoisson", 50, kDt, RandomStream{seed, 9}, "p0");
  source.setParameter("rate", allCells(50), std::vector<double>(50, 100.0));
  sim.addPopulation(std::move(source), {});
  sim.addPopulation(NeuronPopulation("IF_curr_exp", 10, kDt, RandomStream{seed, 10}, "p1"),
                    {"excitatory", "inhibitory"});
  // Every source projects to every target with delay 1 + (pre mod 4) steps and weight 0.3 nA.
  sim.setDelivery(
      [&](uint32_t pre, InputBuffer& input) -> uint64_t {
        for (uint32_t j = 0; j < 10; ++j) input.add(1 + pre % 4, sim.layout().channelOf(50 + j, 0), toFixed(0.3));
        return 10;
      },
      4);
  sim.setRecordings({{1, "spikes", allCells(10), 1}, {1, "v", {3}, 2}});
  if (resetFirst) {
    sim.run(123);
    sim.reset();
  }
  for (uint64_t piece : pieces) sim.run(piece);
  std::vector<RecordedChunk> chunks;
  sim.recorder().flush(chunks);
  std::vector<uint64_t> out;
  for (const auto& c : chunks) {
    if (c.variable == "spikes")
      for (size_t k = 0; k < c.spikeSteps.size(); ++k) out.push_back(c.spikeSteps[k] * 100 + c.spikeCells[k]);
    if (c.variable == "v" && v != nullptr) *v = c.samples;
  }
  return out;
}

TEST(runs_in_pieces_equal_one_run_and_reset_draws_a_new_segment) {
  std::vector<float> vWhole, vPieces, vReset;
  const auto whole = poissonDrivenRun(5, {1000}, false, &vWhole);
  CHECK(whole.size() > 20);
  CHECK(vWhole.size() == 501);  // every 0.2 ms over 100 ms, t = 0 and t = 100 included
  CHECK(poissonDrivenRun(5, {250, 1, 749}, false, &vPieces) == whole);
  CHECK(vPieces == vWhole);
  // After reset() the state starts again but the Poisson sources draw anew, as NEST's and Brian2's generators go
  // on; a simulation that does the same gets the same segment.
  const auto afterReset = poissonDrivenRun(5, {1000}, true, &vReset);
  CHECK(afterReset != whole);
  CHECK(afterReset.size() > 20);
  CHECK(vReset.size() == vWhole.size() && vReset[0] == vWhole[0]);
  std::vector<float> vResetPieces;
  CHECK(poissonDrivenRun(5, {250, 1, 749}, true, &vResetPieces) == afterReset);
  CHECK(vResetPieces == vReset);
  CHECK(poissonDrivenRun(6, {1000}, false, nullptr) != whole);
}

TEST(recording_unknown_variable_is_rejected) {
  Simulation sim(kDt);
  sim.addPopulation(NeuronPopulation("IF_curr_exp", 2, kDt, RandomStream{1, 1}, "p0"), {"excitatory", "inhibitory"});
  CHECK_THROWS_AS(sim.setRecordings({{0, "gsyn_exc", {0}, 1}}), tsnn::Error);
  CHECK_THROWS_AS(sim.setRecordings({{0, "v", {5}, 1}}), tsnn::Error);
}
