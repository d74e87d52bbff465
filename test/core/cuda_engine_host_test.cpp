// The CUDA engine's logic without a GPU: the accelerated engine (gpu-server/cuda/accelerated_engine.cpp) over the
// host backend, which runs the very kernel bodies the .cu file launches (step_kernels.h) in plain loops. Every
// network runs twice, through core's own step loop and through the engine, and must give identical spikes (same
// cells, same steps, same order), identical recorded samples, identical counts and bit-identical final state.
// A GPU session then only has to confirm that the launches reproduce these loops (docs/server.md).
#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accelerated_engine.h"
#include "network_spec_builders.h"
#include "testing.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/engine/simulation.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/plasticity/plasticity.h"
#include "tsnn/session/session.h"

using namespace tsnn;

namespace {

using spec_builders::population;
using spec_builders::scalar;

ValueSpec uniform(double low, double high, uint64_t stream) {
  ValueSpec v;
  v.kind = ValueSpec::Kind::Distribution;
  v.distribution.params.kind = DistributionKind::Uniform;
  v.distribution.params.p[0] = low;
  v.distribution.params.p[1] = high;
  v.distribution.rng.stream = stream;
  return v;
}

// A network at dt = 0.1 ms with these populations and no projections yet.
NetworkSpec networkOf(uint64_t seed, std::vector<PopulationSpec> populations) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = seed;
  n.populations = std::move(populations);
  return n;
}

CellSetSpec all(uint32_t population) {
  CellSetSpec set;
  SelectionSpec selection;
  selection.population = population;
  set.parts.push_back(selection);
  return set;
}

// pre -> post with a random rule: FixedProbability, or FixedNumberPre with replacement (multapses).
ProjectionSpec projection(uint32_t pre, uint32_t post, const std::string& receptor, ValueSpec weight, ValueSpec delay,
                          uint64_t stream, double p, uint32_t fixedNumberPre = 0) {
  ProjectionSpec prj;
  prj.pre = all(pre);
  prj.post = all(post);
  if (fixedNumberPre > 0) {
    prj.connector.rule = ConnectorSpec::Rule::FixedNumberPre;
    prj.connector.n = scalar(fixedNumberPre);
    prj.connector.withReplacement = true;
  } else {
    prj.connector.rule = ConnectorSpec::Rule::FixedProbability;
    prj.connector.pConnect = p;
  }
  prj.connector.rng.stream = stream;
  prj.synapse.weight = std::move(weight);
  prj.synapse.delay = std::move(delay);
  prj.receptorType = receptor;
  return prj;
}

// A Simulation built the way Session builds one (populations, synapses, sources, recordings).
struct Built {
  NetworkSpec network;
  Simulation sim{0.1};
  std::unique_ptr<Connectivity> connectivity;
};

using Configure = std::function<void(Simulation&)>;

std::unique_ptr<Built> build(const NetworkSpec& spec, const Configure& configure, const std::vector<RecordingConfig>& recordings) {
  auto b = std::make_unique<Built>();
  b->network = spec;
  validateNetwork(b->network);
  const double dt = b->network.settings.timestep;
  b->sim = Simulation(dt);
  for (uint32_t p = 0; p < b->network.populations.size(); ++p) {
    const PopulationSpec& ps = b->network.populations[p];
    b->sim.addPopulation(NeuronPopulation::fromCellType(ps.cellType, ps.size, dt,
                                                        RandomStream{b->network.settings.seed, spikeSourceStream(p)},
                                                        "network.populations[" + std::to_string(p) + "]"),
                         ps.receptorTypes);
  }
  if (configure) configure(b->sim);
  b->connectivity = std::make_unique<Connectivity>(b->network, b->sim.layout());
  const Connectivity* c = b->connectivity.get();
  b->sim.setDelivery([c](uint32_t pre, InputBuffer& input) { return c->deliver(pre, input); }, c->maxDelaySteps());
  for (uint32_t s = 0; s < b->network.currentSources.size(); ++s)
    b->sim.currentSources().add(CurrentSource(b->network.currentSources[s], b->network, dt, "network.current_sources"));
  b->sim.currentSourcesChanged();
  b->sim.setRecordings(recordings);
  return b;
}

// sharedMemory: whether the emulated device shares the host's memory (the engine reads its records in place, as on
// a Jetson) or not (it copies them, as from a discrete GPU).
std::shared_ptr<accel::AcceleratedEngine> attachEngine(Built& b, uint64_t recordBudget, uint64_t sampleBudget = 1 << 20,
                                                       bool sharedMemory = true,
                                                       uint64_t stdpHistoryBudget = accel::EngineOptions().stdpHistoryBudget,
                                                       uint32_t ownLaunchCells = accel::EngineOptions().ownLaunchCells) {
  std::string whyNot;
  accel::EngineOptions options;
  options.ownLaunchCells = ownLaunchCells;
  options.recordBudget = recordBudget;
  options.sampleBudget = sampleBudget;
  options.stdpHistoryBudget = stdpHistoryBudget;
  auto engine = accel::AcceleratedEngine::create(accel::makeHostStepBackend(sharedMemory), b.network, b.sim,
                                                 *b.connectivity, whyNot, options);
  if (!engine) {
    std::printf("  engine refused: %s\n", whyNot.c_str());
    return nullptr;
  }
  b.sim.setStepEngine(engine);
  return engine;
}

RecordingConfig record(uint32_t population, const std::string& variable, uint32_t cells, uint32_t interval = 1) {
  RecordingConfig r;
  r.population = population;
  r.variable = variable;
  for (uint32_t i = 0; i < cells; ++i) r.cells.push_back(i);
  r.intervalSteps = interval;
  return r;
}

// Everything two simulations recorded, flushed, compared field by field. Returns the number of spikes seen.
uint64_t checkSameRecordings(Simulation& cpu, Simulation& engine) {
  std::vector<RecordedChunk> a, b;
  cpu.recorder().flush(a);
  engine.recorder().flush(b);
  CHECK(a.size() == b.size());
  uint64_t spikes = 0;
  for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
    CHECK(a[k].population == b[k].population);
    CHECK(a[k].variable == b[k].variable);
    CHECK(a[k].spikeCells == b[k].spikeCells);
    CHECK(a[k].spikeSteps == b[k].spikeSteps);
    CHECK(a[k].firstSample == b[k].firstSample);
    CHECK(a[k].nSamples == b[k].nSamples);
    CHECK(a[k].samples.size() == b[k].samples.size());
    CHECK(a[k].samples.size() == b[k].samples.size() &&
          std::memcmp(a[k].samples.data(), b[k].samples.data(), a[k].samples.size() * sizeof(float)) == 0);
    spikes += a[k].spikeCells.size();
  }
  return spikes;
}

// The state the host can read, bit for bit.
void checkSameState(const Simulation& cpu, const Simulation& engine) {
  for (uint32_t p = 0; p < cpu.populations().size(); ++p) {
    const NeuronPopulation& a = cpu.populations()[p];
    const NeuronPopulation& b = engine.populations()[p];
    for (const char* name : {"v", "isyn_exc", "isyn_inh", "gsyn_exc", "gsyn_inh", "u", "w", "g_s", "g_r", "i_eta", "v_t",
                             "m", "h", "n"}) {
      const double* x = a.recordableArray(name);
      const double* y = b.recordableArray(name);
      CHECK((x == nullptr) == (y == nullptr));
      if (x == nullptr || y == nullptr) continue;
      const bool same = std::memcmp(x, y, a.size() * sizeof(double)) == 0;
      if (!same) std::printf("  population %u state '%s' differs\n", p, name);
      CHECK(same);
    }
  }
}

void checkSameStats(const RunStats& a, const RunStats& b) {
  CHECK(a.spikes == b.spikes);
  CHECK(a.synapticEvents == b.synapticEvents);
}

// exc (IF_curr_exp, per-cell thresholds so the CPU takes its per-cell path too), inh, Poisson drive; delays
// 0.1..2.0 ms (1..20 steps) drawn per synapse; inh -> exc with multapses.
NetworkSpec cubaNetwork(const std::string& cellType, double excWeight, double inhWeight, double poissonWeight) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 1234;
  n.populations = {population("exc", 80, cellType), population("inh", 20, cellType),
                   population("noise", 40, "SpikeSourcePoisson")};
  n.projections = {
      projection(0, 0, "excitatory", scalar(excWeight), uniform(0.1, 2.0, 11), 1, 0.1),
      projection(0, 1, "excitatory", scalar(excWeight), uniform(0.1, 2.0, 12), 2, 0.1),
      projection(1, 0, "inhibitory", scalar(inhWeight), uniform(0.1, 2.0, 13), 3, 0.0, 4),
      projection(1, 1, "inhibitory", scalar(inhWeight), scalar(0.5), 4, 0.2),
      projection(2, 0, "excitatory", uniform(0.5 * poissonWeight, poissonWeight, 15), uniform(0.1, 2.0, 14), 5, 0.3),
      projection(2, 1, "excitatory", scalar(poissonWeight), scalar(1.0), 6, 0.3),
  };
  return n;
}

Configure cubaParameters(double rate) {
  return [rate](Simulation& sim) {
    std::vector<uint32_t> cells(80);
    std::vector<double> thresholds(80);
    for (uint32_t i = 0; i < 80; ++i) {
      cells[i] = i;
      thresholds[i] = -50.0 - 0.02 * i;
    }
    sim.populations()[0].setParameter("v_thresh", cells, thresholds);
    sim.populations()[0].setParameter("tau_refrac", cells, std::vector<double>(80, 2.0));
    std::vector<uint32_t> sources(40);
    for (uint32_t i = 0; i < 40; ++i) sources[i] = i;
    sim.populations()[2].setParameter("rate", sources, std::vector<double>(40, rate));
  };
}

// Session::reset on both: t -> 0, and the plastic synapses' state (if any) back to its start.
void resetBoth(Built& cpu, Built& gpu) {
  for (Built* b : {&cpu, &gpu}) {
    b->sim.reset();
    if (Plasticity* plasticity = b->connectivity->plasticity()) plasticity->reset();
  }
}

// Runs `pieces` on both and compares after each piece.
uint64_t runBoth(Built& cpu, Built& engine, const std::vector<uint64_t>& pieces) {
  uint64_t spikes = 0;
  for (uint64_t steps : pieces) {
    const RunStats a = cpu.sim.run(steps);
    const RunStats b = engine.sim.run(steps);
    engine.sim.syncEngineState();  // what Session does before any other call reads or changes the state
    checkSameStats(a, b);
    CHECK(cpu.sim.now() == engine.sim.now());
    spikes += checkSameRecordings(cpu.sim, engine.sim);
    checkSameState(cpu.sim, engine.sim);
  }
  return spikes;
}

// The spikes a fresh build of the network records in `steps`: the model's own activity, counted apart from a
// comparison whose recordings were consumed.
uint64_t spikesOf(const NetworkSpec& spec, const Configure& configure, const std::vector<RecordingConfig>& recordings,
                  uint64_t steps) {
  auto b = build(spec, configure, recordings);
  b->sim.run(steps);
  std::vector<RecordedChunk> chunks;
  b->sim.recorder().flush(chunks);
  uint64_t spikes = 0;
  for (const auto& chunk : chunks) spikes += chunk.spikeCells.size();
  return spikes;
}

std::vector<uint32_t> firstCells(uint32_t n) {
  std::vector<uint32_t> cells(n);
  for (uint32_t i = 0; i < n; ++i) cells[i] = i;
  return cells;
}

std::vector<RecordingConfig> cubaRecordings() {
  return {record(0, "spikes", 80), record(1, "spikes", 20), record(2, "spikes", 40)};
}

}  // namespace

TEST(cuba_network_with_poisson_input_delays_and_multapses_matches_the_cpu_loop) {
  const NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  auto cpu = build(spec, cubaParameters(400.0), cubaRecordings());
  auto gpu = build(spec, cubaParameters(400.0), cubaRecordings());
  CHECK(attachEngine(*gpu, 1 << 12, 1 << 20, false) != nullptr);  // a small record: chunks of 29 steps; copied
  uint64_t spikes = runBoth(*cpu, *gpu, {1, 137, 500, 362});
  // Reset in the middle of activity: spikes in flight and refractory cells are forgotten on both.
  resetBoth(*cpu, *gpu);
  spikes += runBoth(*cpu, *gpu, {300});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 1000);
}

TEST(runs_that_follow_one_another_keep_the_state_on_the_device_until_it_is_asked_for) {
  const NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  auto cpu = build(spec, cubaParameters(400.0), cubaRecordings());
  auto gpu = build(spec, cubaParameters(400.0), cubaRecordings());
  CHECK(attachEngine(*gpu, 1 << 12, 1 << 20, false) != nullptr);
  const RunStats whole = cpu->sim.run(1000);
  const std::vector<double> before(gpu->sim.populations()[0].recordableArray("v"),
                                   gpu->sim.populations()[0].recordableArray("v") + 80);
  RunStats pieces;
  for (uint64_t steps : {1, 137, 362, 500}) {
    const RunStats piece = gpu->sim.run(steps);
    pieces.spikes += piece.spikes;
    pieces.synapticEvents += piece.synapticEvents;
  }
  // No copy back between the pieces (v is not recorded here): the host still holds the state before the runs.
  const double* v = gpu->sim.populations()[0].recordableArray("v");
  CHECK(std::equal(before.begin(), before.end(), v));
  gpu->sim.syncEngineState();
  checkSameStats(whole, pieces);
  CHECK(cpu->sim.now() == gpu->sim.now());
  CHECK(checkSameRecordings(cpu->sim, gpu->sim) > 100);
  checkSameState(cpu->sim, gpu->sim);
  // And on from there, the host's copy taken again: a change made between runs acts on both.
  cubaParameters(900.0)(cpu->sim);
  cubaParameters(900.0)(gpu->sim);
  CHECK(runBoth(*cpu, *gpu, {250, 1, 99}) > 100);
}

// A spike reaching >= 256 synapses is delivered by a block, one of fewer than 16 static synapses by a thread, the
// others by a warp (step_kernels.h, SpikeList): here each kind, against the CPU loop.
TEST(spikes_of_every_fan_out_are_delivered_by_a_block_a_warp_or_a_thread_as_the_cpu_loop_does) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 99;
  n.populations = {population("cells", 300, "IF_curr_exp"), population("hub", 3, "SpikeSourcePoisson"),
                   population("noise", 60, "SpikeSourcePoisson")};
  n.projections = {
      projection(1, 0, "excitatory", scalar(0.4), uniform(0.1, 1.0, 21), 7, 1.0),   // 300 synapses a spike
      projection(2, 0, "excitatory", scalar(0.6), uniform(0.1, 2.0, 22), 8, 0.1),   // about 30
      projection(0, 0, "inhibitory", scalar(-0.5), uniform(0.1, 2.0, 23), 9, 0.02), // about 6
  };
  const Configure rates = [](Simulation& sim) {
    sim.populations()[1].setParameter("rate", firstCells(3), std::vector<double>(3, 40.0));
    sim.populations()[2].setParameter("rate", firstCells(60), std::vector<double>(60, 600.0));
  };
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 300), record(1, "spikes", 3)};
  auto cpu = build(n, rates, recordings);
  auto gpu = build(n, rates, recordings);
  CHECK(attachEngine(*gpu, 1 << 14) != nullptr);
  const uint64_t spikes = runBoth(*cpu, *gpu, {1, 300, 199});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 300);
}

TEST(a_small_network_holds_a_few_megabytes_of_device_memory) {
  // 140 cells: chunks of at most EngineOptions::maxChunkSteps (2000) steps, so the spike record (12 bytes per record,
  // room for every cell at every step of a chunk) is 140 x 2000 x 12 = 3.4 MB, not the whole 2^24-record budget.
  const NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  auto b = build(spec, cubaParameters(400.0), cubaRecordings());
  std::string whyNot;
  auto engine = accel::AcceleratedEngine::attach(accel::makeHostStepBackend(), b->network, b->sim, *b->connectivity, whyNot);
  CHECK(engine != nullptr);
  const uint64_t bytes = engine->deviceBytes();
  std::printf("  %llu device bytes\n", static_cast<unsigned long long>(bytes));
  CHECK(bytes > 140ull * 2000 * 12 && bytes < 8ull << 20);
}

TEST(every_device_model_matches_the_cpu_loop_with_sampled_state) {
  struct Case {
    const char* cellType;
    double exc, inh, poisson;
    const char* synapse;  // the recorded synaptic state, or null
  };
  // The models without a v_thresh parameter per cell (all but the IF_ ones) keep their defaults; the state
  // sampled besides v and the synapses is the model's own (u, w, g_s, i_eta, m).
  const Case cases[] = {{"IF_curr_exp", 0.3, -1.0, 0.6, "isyn_exc"},
                        {"IF_curr_alpha", 0.2, -0.6, 0.4, "isyn_inh"},
                        {"IF_curr_delta", 0.6, -1.5, 1.2, nullptr},
                        {"IF_cond_exp", 0.004, 0.02, 0.008, "gsyn_exc"},
                        {"IF_cond_alpha", 0.002, 0.01, 0.004, "gsyn_inh"},
                        {"IF_facets_hardware1", 0.004, 0.02, 0.008, "gsyn_exc"},
                        {"Izhikevich", 2.0, -4.0, 6.0, "u"},
                        {"EIF_cond_exp_isfa_ista", 0.004, 0.02, 0.008, "w"},
                        {"EIF_cond_alpha_isfa_ista", 0.004, 0.02, 0.008, "gsyn_exc"},
                        {"IF_cond_exp_gsfa_grr", 0.004, 0.02, 0.008, "g_s"},
                        {"GIF_cond_exp", 0.004, 0.02, 0.008, "i_eta"},
                        {"HH_cond_exp", 0.004, 0.02, 0.008, "m"}};
  for (const Case& c : cases) {
    std::printf("  %s\n", c.cellType);
    const NetworkSpec spec = cubaNetwork(c.cellType, c.exc, c.inh, c.poisson);
    std::vector<RecordingConfig> recordings = cubaRecordings();
    recordings.push_back(record(0, "v", 10, 1));
    recordings.push_back(record(1, "v", 5, 7));
    if (c.synapse != nullptr) recordings.push_back(record(0, c.synapse, 6, 3));
    Configure configure = [&](Simulation& sim) {
      const std::string type = c.cellType;
      if (type.rfind("IF_c", 0) == 0 && type != "IF_facets_hardware1" && type != "IF_cond_exp_gsfa_grr")
        cubaParameters(500.0)(sim);
      else
        sim.populations()[2].setParameter("rate", firstCells(40), std::vector<double>(40, 500.0));
    };
    auto cpu = build(spec, configure, recordings);
    auto gpu = build(spec, configure, recordings);
    // A sample buffer of 64 values: chunks of 3 steps (21 sampled cells), so samples cross chunk boundaries.
    CHECK(attachEngine(*gpu, 1 << 14, 64) != nullptr);
    const uint64_t spikes = runBoth(*cpu, *gpu, {250, 251});
    // Each model in a launch of its own (the cells' model a constant there), as large populations are stepped.
    auto cpuAgain = build(spec, configure, recordings);
    auto ownLaunches = build(spec, configure, recordings);
    CHECK(attachEngine(*ownLaunches, 1 << 14, 64, true, accel::EngineOptions().stdpHistoryBudget, 1) != nullptr);
    CHECK(runBoth(*cpuAgain, *ownLaunches, {250, 251}) == spikes);
    const uint64_t neuronSpikes = spikes;  // Poisson included; the neurons must spike too:
    const uint64_t cellSpikes = spikesOf(spec, configure, {record(0, "spikes", 80), record(1, "spikes", 20)}, 501);
    std::printf("    %llu spikes, %llu of them from the model's cells\n", static_cast<unsigned long long>(neuronSpikes),
                static_cast<unsigned long long>(cellSpikes));
    CHECK(cellSpikes > 20);
  }
}

TEST(spike_source_array_between_run_changes_and_reset_match_the_cpu_loop) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 7;
  n.populations = {population("input", 5, "SpikeSourceArray"), population("cells", 30, "IF_curr_exp")};
  n.projections = {projection(0, 1, "excitatory", scalar(2.0), uniform(0.1, 2.0, 21), 1, 0.5),
                   projection(0, 1, "inhibitory", scalar(-0.5), scalar(0.3), 2, 0.3)};
  // Two times on one step (a single spike), times before and after the run pieces' boundaries.
  const std::vector<double> times = {0.5, 1.0, 1.04, 3.3, 3.3, 7.0, 12.1, 12.2, 20.0, 45.5};
  Configure configure = [&](Simulation& sim) {
    sim.populations()[0].setSpikeTimes({0, 1, 2, 3, 4}, {times}, 0);
  };
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 5), record(1, "spikes", 30), record(1, "v", 30, 2)};
  auto cpu = build(n, configure, recordings);
  auto gpu = build(n, configure, recordings);
  CHECK(attachEngine(*gpu, 1 << 10, 1 << 20, false) != nullptr);  // records and samples copied
  uint64_t spikes = runBoth(*cpu, *gpu, {100, 53});
  // UpdateSpikeTimes, SetParameters, Initialize and SetRecording between runs act on the device from the next run.
  for (Built* b : {cpu.get(), gpu.get()}) {
    b->sim.setRecordings({record(0, "spikes", 5), record(1, "spikes", 30), record(1, "isyn_exc", 12, 3), record(1, "v", 4, 5)});
    b->sim.populations()[0].setSpikeTimes({1, 3}, {{16.0, 16.05, 22.2, 30.0}}, b->sim.now());
    b->sim.populations()[1].setParameter("tau_m", {0, 1, 2}, {10.0, 12.0, 14.0});
    b->sim.populations()[1].setInitialValue("v", {5, 6}, {-52.0, -51.0});
  }
  spikes += runBoth(*cpu, *gpu, {200});
  // Reset: t -> 0, the ring and refractory counters start empty again on the device.
  resetBoth(*cpu, *gpu);
  spikes += runBoth(*cpu, *gpu, {77, 200});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 50);
}

TEST(renewal_and_inhomogeneous_gamma_sources_with_changes_between_runs_and_reset_match_the_cpu_loop) {
  NetworkSpec n = networkOf(11, {population("refractory", 30, "SpikeSourcePoissonRefractory"),
                                 population("gamma", 30, "SpikeSourceGamma"), population("cells", 40, "IF_curr_exp"),
                                 population("inh_gamma", 30, "SpikeSourceInhGamma")});
  n.projections = {projection(0, 2, "excitatory", scalar(0.8), uniform(0.1, 2.0, 71), 1, 0.3),
                   projection(1, 2, "excitatory", scalar(0.8), uniform(0.1, 2.0, 72), 2, 0.3),
                   projection(3, 2, "excitatory", scalar(0.8), uniform(0.1, 2.0, 73), 3, 0.3)};
  const std::vector<uint32_t> sources = firstCells(30);
  Configure configure = [&](Simulation& sim) {
    sim.populations()[0].setParameter("rate", sources, std::vector<double>(30, 300.0));
    sim.populations()[0].setParameter("tau_refrac", sources, std::vector<double>(30, 2.0));
    sim.populations()[1].setParameter("alpha", sources, std::vector<double>(30, 3.0));
    sim.populations()[1].setParameter("beta", sources, std::vector<double>(30, 900.0));
    // Three bins (shape a, scale 1000·b ms) from 0, 8 and 20 ms: mean rates 50, 25 and 100 Hz.
    sim.populations()[3].setSequenceParameters(sources, {{"a", {{2.0, 4.0, 1.0}}},
                                                         {"b", {{0.01, 0.01, 0.01}}},
                                                         {"tbins", {{0.0, 8.0, 20.0}}}});
  };
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 30), record(1, "spikes", 30), record(2, "spikes", 40),
                                                   record(2, "v", 8, 2), record(3, "spikes", 30)};
  auto cpu = build(n, configure, recordings);
  auto gpu = build(n, configure, recordings);
  CHECK(attachEngine(*gpu, 1 << 12) != nullptr);
  uint64_t spikes = runBoth(*cpu, *gpu, {1, 180});
  // New rates and shapes act from the current step: the pending interval is drawn again from there.
  for (Built* b : {cpu.get(), gpu.get()}) {
    b->sim.populations()[0].setParameter("rate", {0, 1, 2, 3}, {50.0, 450.0, 50.0, 450.0});
    b->sim.populations()[1].setParameter("beta", {5, 6}, {100.0, 2000.0});
    // Bins of other lengths for two cells (the flattened table changes shape), one starting in the future.
    b->sim.populations()[3].setSequenceParameters({2, 7}, {{"a", {{3.0}, {1.0, 2.0}}},
                                                           {"b", {{0.002}, {0.004, 0.001}}},
                                                           {"tbins", {{0.0}, {30.0, 35.0}}}});
  }
  spikes += runBoth(*cpu, *gpu, {240});
  resetBoth(*cpu, *gpu);
  spikes += runBoth(*cpu, *gpu, {150});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 1000);
}

TEST(point_neurons_with_four_receptor_kinds_match_the_cpu_loop) {
  // LIF and AdExp, each with two exponential, an alpha and a beta receptor: receptors 2 and 3 are read beyond the
  // first two channels (receptor-major stride), the alpha and beta ones through their second state.
  NetworkSpec n = networkOf(21, {population("lif", 30, "PointNeuron"), population("adexp", 30, "PointNeuron"),
                                 population("noise", 40, "SpikeSourcePoisson")});
  for (uint32_t p = 0; p < 2; ++p) {
    CellTypeSpec& type = n.populations[p].cellType;
    type.hasPointNeuron = true;
    type.pointNeuron.neuron = p == 0 ? 1 : 2;
    type.pointNeuron.receptors = {{"GABAB", ReceptorKind::CondExp},
                                  {"AMPA", ReceptorKind::CondExp},
                                  {"GABAA", ReceptorKind::CondAlpha},
                                  {"NMDA", ReceptorKind::CondBeta}};
  }
  for (uint32_t p = 0; p < 2; ++p) {
    const uint64_t s = 80 + 10 * p;
    n.projections.push_back(projection(2, p, "AMPA", scalar(0.006), uniform(0.1, 2.0, s), s, 0.3));
    n.projections.push_back(projection(2, p, "NMDA", scalar(0.002), uniform(0.1, 2.0, s + 1), s + 1, 0.2));
    n.projections.push_back(projection(2, p, "GABAB", scalar(0.003), scalar(0.3), s + 2, 0.2));
    n.projections.push_back(projection(1 - p, p, "GABAA", scalar(0.01), uniform(0.1, 2.0, s + 3), s + 3, 0.2));
  }
  Configure configure = [](Simulation& sim) {
    sim.populations()[2].setParameter("rate", firstCells(40), std::vector<double>(40, 600.0));
  };
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 30), record(1, "spikes", 30), record(0, "v", 6),
                                                   record(1, "w", 6, 2), record(0, "NMDA.gsyn", 5, 3),
                                                   record(1, "GABAB.gsyn", 5)};
  auto cpu = build(n, configure, recordings);
  auto gpu = build(n, configure, recordings);
  CHECK(attachEngine(*gpu, 1 << 12, 256) != nullptr);
  uint64_t spikes = runBoth(*cpu, *gpu, {200, 99});
  for (Built* b : {cpu.get(), gpu.get()}) {
    b->sim.populations()[0].setParameter("AMPA.tau_syn", {0, 1, 2}, {2.0, 4.0, 8.0});
    b->sim.populations()[1].setParameter("b", {3, 4}, {0.1, 0.2});
  }
  spikes += runBoth(*cpu, *gpu, {150});
  resetBoth(*cpu, *gpu);
  spikes += runBoth(*cpu, *gpu, {120});
  // The state the sampled names leave out, bit for bit.
  for (uint32_t p = 0; p < 2; ++p)
    for (const char* name : {"AMPA.gsyn", "GABAA.gsyn", "NMDA.gsyn", "GABAB.gsyn"}) {
      const double* a = cpu->sim.populations()[p].recordableArray(name);
      const double* b = gpu->sim.populations()[p].recordableArray(name);
      CHECK(a != nullptr && b != nullptr && std::memcmp(a, b, 30 * sizeof(double)) == 0);
    }
  const uint64_t cellSpikes = spikesOf(n, configure, {record(0, "spikes", 30), record(1, "spikes", 30)}, 449);
  std::printf("  %llu spikes recorded, %llu from the point neurons in the first segment\n",
              static_cast<unsigned long long>(spikes), static_cast<unsigned long long>(cellSpikes));
  CHECK(cellSpikes > 40);
}

TEST(current_sources_are_injected_as_the_cpu_loop_injects_them) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 99;
  n.populations = {population("a", 20, "IF_cond_exp"), population("b", 20, "IF_curr_exp")};
  n.projections = {projection(0, 1, "excitatory", scalar(0.5), uniform(0.1, 2.0, 31), 1, 0.3),
                   projection(1, 0, "inhibitory", scalar(0.01), scalar(0.2), 2, 0.3)};
  CurrentSourceSpec dc;
  dc.kind = CurrentSourceSpec::Kind::DC;
  dc.amplitude = 1.2;
  dc.start = 5.0;
  dc.stop = 60.0;
  dc.targets = {all(0)};
  dc.record = true;
  CurrentSourceSpec step;
  step.kind = CurrentSourceSpec::Kind::Step;
  step.times = {2.0, 20.0, 40.0};
  step.amplitudes = {0.9, 1.5, 0.2};
  step.targets = {all(1)};
  n.currentSources = {dc, step};
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 20), record(1, "spikes", 20), record(0, "v", 20)};
  auto cpu = build(n, nullptr, recordings);
  auto gpu = build(n, nullptr, recordings);
  CHECK(attachEngine(*gpu, 1 << 16) != nullptr);
  const uint64_t spikes = runBoth(*cpu, *gpu, {333, 400});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 20);
}

TEST(a_noisy_current_source_with_a_value_per_target_is_injected_as_the_cpu_loop_injects_it) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 5;
  n.populations = {population("a", 15, "IF_curr_exp"), population("b", 10, "IF_cond_alpha")};
  n.projections = {projection(0, 1, "excitatory", scalar(0.01), uniform(0.1, 2.0, 51), 1, 0.4)};
  CurrentSourceSpec noisy;
  noisy.kind = CurrentSourceSpec::Kind::Noisy;
  noisy.mean = 1.0;
  noisy.stdev = 0.8;
  noisy.dt = 0.1;
  noisy.start = 1.0;
  noisy.stop = 80.0;
  noisy.rng.stream = 61;
  noisy.targets = {all(0), all(1)};
  noisy.record = true;
  CurrentSourceSpec ac;
  ac.kind = CurrentSourceSpec::Kind::AC;
  ac.amplitude = 0.3;
  ac.offset = 0.2;
  ac.frequency = 30.0;
  ac.start = 0.0;
  ac.stop = 100.0;
  ac.targets = {all(1)};
  n.currentSources = {noisy, ac};
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 15), record(1, "spikes", 10), record(1, "v", 10, 2)};
  auto cpu = build(n, nullptr, recordings);
  auto gpu = build(n, nullptr, recordings);
  CHECK(attachEngine(*gpu, 1 << 16) != nullptr);
  const uint64_t spikes = runBoth(*cpu, *gpu, {250, 500});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 20);
}

TEST(what_the_device_does_not_run_is_named_and_left_to_the_cpu) {
  NetworkSpec n = networkOf(1, {population("big", 4, "PointNeuron")});
  n.populations[0].cellType.hasPointNeuron = true;
  n.populations[0].cellType.pointNeuron.neuron = 1;
  for (uint32_t k = 0; k <= accel::kMaxDeviceReceptors; ++k)
    n.populations[0].cellType.pointNeuron.receptors.push_back({"R" + std::to_string(k), ReceptorKind::CondExp});
  auto b = build(n, nullptr, {});
  std::string whyNot;
  auto engine = accel::AcceleratedEngine::create(accel::makeHostStepBackend(), b->network, b->sim, *b->connectivity, whyNot);
  CHECK(engine == nullptr);
  CHECK(whyNot.find("a PointNeuron with 17 receptors") != std::string::npos);
  CHECK(b->sim.stepEngine() == nullptr);

}

// The plastic state of two simulations' projections (arraysOf(plasticity, k): Tsodyks-Markram's u, x, y and
// last spikes, the stochastic synapses', or STDP's weights and presynaptic state), bit for bit.
template <typename ArraysOf>
void checkSamePlasticState(Built& cpu, Built& gpu, const std::vector<uint32_t>& projections, ArraysOf arraysOf) {
  for (uint32_t k : projections) {
    const auto a = arraysOf(*cpu.connectivity->plasticity(), k);
    const auto b = arraysOf(*gpu.connectivity->plasticity(), k);
    CHECK(a.size() == b.size());
    for (size_t i = 0; i < a.size() && i < b.size(); ++i)
      CHECK(a[i].bytes == b[i].bytes && std::memcmp(a[i].data, b[i].data, a[i].bytes) == 0);
  }
}

void checkSameTsodyksMarkram(Built& cpu, Built& gpu, const std::vector<uint32_t>& projections) {
  checkSamePlasticState(cpu, gpu, projections, [](Plasticity& p, uint32_t k) { return p.tsodyksMarkramArrays(k); });
}

void checkSameStochastic(Built& cpu, Built& gpu, const std::vector<uint32_t>& projections) {
  checkSamePlasticState(cpu, gpu, projections, [](Plasticity& p, uint32_t k) { return p.stochasticArrays(k); });
}

// What Session::run does before each run: the post cells' tau_syn for the Tsodyks-Markram synapses.
void readTauSyn(Built& b) {
  b.connectivity->plasticity()->readPostParameters(
      [&b](uint32_t population, uint32_t cell, const std::string& name) { return b.sim.populations()[population].get(name, cell); });
}

TEST(tsodyks_markram_synapses_match_the_cpu_loop_and_leave_the_same_state) {
  // Depressing exc -> exc (one U), facilitating inh -> exc with multapses (U per synapse), and the Poisson drive
  // onto exc (its spikes of multiplicity 2 release twice, the second time with h = 0).
  NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  const auto tm = [](SynapseSpec& s, ValueSpec U, double tauRec, double tauFacil) {
    s.dynamics = "TsodyksMarkramSynapse";
    s.parameters["U"] = std::move(U);
    s.parameters["tau_rec"] = scalar(tauRec);
    s.parameters["tau_facil"] = scalar(tauFacil);
  };
  tm(spec.projections[0].synapse, scalar(0.5), 200.0, 0.0);
  tm(spec.projections[2].synapse, uniform(0.05, 0.3, 91), 50.0, 500.0);
  tm(spec.projections[4].synapse, scalar(0.3), 100.0, 20.0);
  const std::vector<uint32_t> plastic = {0, 2, 4};
  auto cpu = build(spec, cubaParameters(2000.0), cubaRecordings());
  auto gpu = build(spec, cubaParameters(2000.0), cubaRecordings());
  auto engine = attachEngine(*gpu, 1 << 12, 1 << 20, false);
  CHECK(engine != nullptr);
  for (Built* b : {cpu.get(), gpu.get()}) readTauSyn(*b);
  uint64_t spikes = runBoth(*cpu, *gpu, {1, 200, 177});
  checkSameTsodyksMarkram(*cpu, *gpu, plastic);
  // SetSynapseValues (U of the depressing synapses) on both sides' synapses, then Reset into a second segment.
  SetSynapseValuesSpec change;
  change.projection = 0;
  change.values["U"] = uniform(0.1, 0.9, 92);
  for (Built* b : {cpu.get(), gpu.get()}) {
    b->connectivity->setValues(change);
    readTauSyn(*b);
  }
  engine->synapsesChanged();
  spikes += runBoth(*cpu, *gpu, {150});
  checkSameTsodyksMarkram(*cpu, *gpu, plastic);
  resetBoth(*cpu, *gpu);
  spikes += runBoth(*cpu, *gpu, {120});
  checkSameTsodyksMarkram(*cpu, *gpu, plastic);
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 1000);
}

TEST(stochastic_synapses_match_the_cpu_loop_with_the_same_draws_and_events) {
  // SimpleStochasticSynapse on exc -> exc, StochasticTsodyksMarkramSynapse on inh -> exc (multapses, U per
  // synapse), MultiQuantalSynapse (n = 3) on the Poisson drive, whose spikes of multiplicity 2 transmit twice.
  NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  SynapseSpec& simple = spec.projections[0].synapse;
  simple.dynamics = "SimpleStochasticSynapse";
  simple.parameters["p"] = scalar(0.5);
  SynapseSpec& stm = spec.projections[2].synapse;
  stm.dynamics = "StochasticTsodyksMarkramSynapse";
  stm.parameters["U"] = uniform(0.2, 0.8, 93);
  stm.parameters["tau_rec"] = scalar(50.0);
  stm.parameters["tau_facil"] = scalar(100.0);
  SynapseSpec& quantal = spec.projections[4].synapse;
  quantal.dynamics = "MultiQuantalSynapse";
  quantal.parameters["U"] = scalar(0.4);
  quantal.parameters["n"] = scalar(3.0);
  quantal.parameters["tau_rec"] = scalar(80.0);
  quantal.parameters["tau_facil"] = scalar(0.0);
  const std::vector<uint32_t> stochastic = {0, 2, 4};
  auto cpu = build(spec, cubaParameters(2000.0), cubaRecordings());
  auto gpu = build(spec, cubaParameters(2000.0), cubaRecordings());
  auto engine = attachEngine(*gpu, 1 << 12);
  CHECK(engine != nullptr);
  uint64_t spikes = runBoth(*cpu, *gpu, {1, 200, 177});  // also compares the synaptic events (transmissions)
  checkSameStochastic(*cpu, *gpu, stochastic);
  resetBoth(*cpu, *gpu);
  spikes += runBoth(*cpu, *gpu, {150});
  checkSameStochastic(*cpu, *gpu, stochastic);
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 1000);
}

TEST(set_synapse_values_with_longer_delays_keeps_spikes_in_flight_as_the_cpu_loop_does) {
  const NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  auto cpu = build(spec, cubaParameters(400.0), cubaRecordings());
  auto gpu = build(spec, cubaParameters(400.0), cubaRecordings());
  auto engine = attachEngine(*gpu, 1 << 14);
  CHECK(engine != nullptr);
  uint64_t spikes = runBoth(*cpu, *gpu, {203});
  // Delays up to 5 ms (50 steps: the ring grows from 21 rows) and new weights, drawn per connection, applied to
  // each side's synapses as Session::setSynapseValues does; the engine is told, as the server tells it.
  SetSynapseValuesSpec change;
  change.projection = 0;
  change.values["delay"] = uniform(1.0, 5.0, 41);
  change.values["weight"] = uniform(0.2, 0.4, 42);
  cpu->connectivity->setValues(change);
  const uint32_t slots = cpu->connectivity->maxDelaySteps() + 1;
  CHECK(slots == 51);
  if (slots > cpu->sim.input().slots()) cpu->sim.input().resize(slots);
  gpu->connectivity->setValues(change);
  engine->synapsesChanged();
  spikes += runBoth(*cpu, *gpu, {300, 111});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 1000);
}

namespace {

void stdpRule(SynapseSpec& s, const std::string& timing, const std::string& dependence,
              const std::map<std::string, ValueSpec>& parameters) {
  s.dynamics = "STDPMechanism";
  s.timingDependence = timing;
  s.weightDependence = dependence;
  for (const auto& entry : parameters) s.parameters[entry.first] = entry.second;
}

// What Session does for STDP: post spikes to Plasticity (the CPU loop; the engine keeps its own), and after every
// run the owed potentiation settled (Plasticity::finishRun).
void observePostSpikes(Built& b) {
  Plasticity* plasticity = b.connectivity->plasticity();
  b.sim.setSpikeObserver([plasticity](uint32_t first, const std::vector<uint32_t>& cells, uint64_t step) {
    plasticity->postSpikes(first, cells, step);
  });
}

void checkSameStdp(Built& cpu, Built& gpu, const std::vector<uint32_t>& projections) {
  checkSamePlasticState(cpu, gpu, projections, [](Plasticity& p, uint32_t k) { return p.stdpArrays(k); });
  // The post-spike histories the next run starts from (the engine's rings, read back and pruned as the CPU's).
  for (uint32_t k : projections) {
    std::vector<int64_t> stepsA, stepsB;
    std::vector<double> tracesA, tracesB;
    std::vector<uint32_t> countsA, countsB;
    cpu.connectivity->plasticity()->stdpHistories(k, 64, stepsA, tracesA, countsA);
    gpu.connectivity->plasticity()->stdpHistories(k, 64, stepsB, tracesB, countsB);
    CHECK(countsA == countsB && stepsA == stepsB);
    CHECK(std::memcmp(tracesA.data(), tracesB.data(), tracesA.size() * sizeof(double)) == 0);
  }
}

uint64_t runBothSettled(Built& cpu, Built& gpu, const std::vector<uint64_t>& pieces,
                        const std::vector<uint32_t>& projections) {
  uint64_t spikes = 0;
  for (uint64_t steps : pieces) {
    spikes += runBoth(cpu, gpu, {steps});
    for (Built* b : {&cpu, &gpu}) b->connectivity->plasticity()->finishRun(b->sim.now());
    checkSameStdp(cpu, gpu, projections);
  }
  return spikes;
}

}  // namespace

TEST(stdp_synapses_of_every_rule_and_weight_dependence_match_the_cpu_loop) {
  // Pair rule with each weight dependence and the Vogels-Sprekeler rule, on projections with delays of 1..20
  // steps, multapses (inh -> exc) and Poisson spikes of multiplicity > 1 (noise -> exc); A_plus per synapse on
  // one. The rings are kept small so that they wrap around.
  NetworkSpec spec = cubaNetwork("IF_curr_exp", 0.3, -1.0, 0.5);
  stdpRule(spec.projections[0].synapse, "SpikePairRule", "AdditiveWeightDependence",
           {{"tau_plus", scalar(16.8)}, {"tau_minus", scalar(33.7)}, {"A_plus", uniform(0.005, 0.02, 95)},
            {"A_minus", scalar(0.012)}, {"w_min", scalar(0.0)}, {"w_max", scalar(0.6)}});
  stdpRule(spec.projections[1].synapse, "SpikePairRule", "AdditivePotentiationMultiplicativeDepression",
           {{"A_plus", scalar(0.01)}, {"A_minus", scalar(0.02)}, {"w_max", scalar(0.5)}});
  stdpRule(spec.projections[2].synapse, "Vogels2011Rule", "AdditiveWeightDependence",
           {{"tau", scalar(20.0)}, {"eta", scalar(0.05)}, {"rho", scalar(8.0)}, {"w_min", scalar(0.0)},
            {"w_max", scalar(-1.5)}});  // inhibitory, current-based: NEST's negative Wmax
  stdpRule(spec.projections[4].synapse, "SpikePairRule", "MultiplicativeWeightDependence",
           {{"A_plus", scalar(0.02)}, {"A_minus", scalar(0.03)}, {"w_max", scalar(1.0)}});
  stdpRule(spec.projections[5].synapse, "SpikePairRule", "GutigWeightDependence",
           {{"A_plus", scalar(0.02)}, {"A_minus", scalar(0.02)}, {"w_max", scalar(1.0)}, {"mu_plus", scalar(0.4)},
            {"mu_minus", scalar(0.6)}});
  const std::vector<uint32_t> plastic = {0, 1, 2, 4, 5};
  auto cpu = build(spec, cubaParameters(2000.0), cubaRecordings());
  auto gpu = build(spec, cubaParameters(2000.0), cubaRecordings());
  for (Built* b : {cpu.get(), gpu.get()}) observePostSpikes(*b);
  // 280 rings (exc in three rules, inh in two) of 32 spikes: chunks of 10 steps.
  auto engine = attachEngine(*gpu, 1 << 12, 1 << 20, false, 16ull * 280 * 32);
  CHECK(engine != nullptr);
  uint64_t spikes = runBothSettled(*cpu, *gpu, {1, 400, 777}, plastic);
  // The weights moved: some synapse of each rule ends away from where it started.
  auto fresh = build(spec, cubaParameters(2000.0), {});
  for (uint32_t k : plastic) {
    const ProjectionStore& now = gpu->connectivity->projection(k);
    const ProjectionStore& start = fresh->connectivity->projection(k);
    bool moved = false;
    for (uint64_t s = 0; s < now.size(); ++s) moved = moved || now.plasticWeight[s] != start.plasticWeight[s];
    if (!moved) std::printf("  projection %u: no weight changed\n", k);
    CHECK(moved);
  }
  // Reset keeps the weights and clears traces and histories, on both.
  resetBoth(*cpu, *gpu);
  spikes += runBothSettled(*cpu, *gpu, {300}, plastic);
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 2000);
}

TEST(stdp_rows_that_spike_rarely_onto_cells_that_spike_often_match_the_cpu_loop) {
  // A 5 Hz source row owes the potentiation of hundreds of post spikes by its next spike: the engine settles
  // every row at each chunk end so its rings (here 40 spikes, chunks of 18 steps) need keep only the recent
  // ones. Post cells driven by i_offset spike every few steps, five of them (no refractory time) at every step,
  // which fills a ring nearly to chunk + max delay + 2 (a ring 4 shorter fails here); delays 1..20 steps.
  NetworkSpec spec = networkOf(77, {population("slow", 6, "SpikeSourcePoisson"), population("fast", 10, "IF_curr_exp")});
  spec.projections = {projection(0, 1, "excitatory", scalar(0.2), uniform(0.1, 2.0, 21), 31, 1.0)};
  stdpRule(spec.projections[0].synapse, "SpikePairRule", "AdditiveWeightDependence",
           {{"A_plus", scalar(0.002)}, {"A_minus", scalar(0.003)}, {"w_max", scalar(5.0)}});
  const Configure configure = [](Simulation& sim) {
    sim.populations()[0].setParameter("rate", firstCells(6), std::vector<double>(6, 5.0));
    std::vector<double> drive(10);
    for (uint32_t i = 0; i < 10; ++i) drive[i] = i < 5 ? 20.0 + 4.0 * i : 5000.0;
    sim.populations()[1].setParameter("i_offset", firstCells(10), drive);
    sim.populations()[1].setParameter("tau_refrac", firstCells(10), std::vector<double>(10, 0.0));
  };
  const std::vector<RecordingConfig> recordings = {record(0, "spikes", 6), record(1, "spikes", 10)};
  auto cpu = build(spec, configure, recordings);
  auto gpu = build(spec, configure, recordings);
  for (Built* b : {cpu.get(), gpu.get()}) observePostSpikes(*b);
  CHECK(attachEngine(*gpu, 1 << 12, 1 << 20, true, 16ull * 10 * 40) != nullptr);
  const uint64_t spikes = runBothSettled(*cpu, *gpu, {3000, 2500}, {0});
  std::printf("  %llu spikes recorded\n", static_cast<unsigned long long>(spikes));
  CHECK(spikes > 5000);
}
