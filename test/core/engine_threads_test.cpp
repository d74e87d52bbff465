// Threads change nothing but speed: a network with every kind of population the split step handles (uniform and
// per-cell LIF, IF_cond_exp, Izhikevich, Poisson) and two it does not split (a SpikeSourceArray, a population too
// small to split), driven through delays, gives bit-identical spikes, samples and state with 1, 2, 3 and 4
// threads, in one run and in pieces, with the spikes delivered by one thread or by every thread onto its own
// cells, into a dense or a staged ring, and with the uniform cells reading every input channel or only those
// marked as touched. The pool itself runs every slot exactly once per task, on whichever thread claims it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "testing.h"
#include "tsnn/engine/simulation.h"
#include "tsnn/engine/worker_pool.h"
#include "tsnn/fixed_point.h"

using namespace tsnn;

static const double kDt = 0.1;

static std::vector<uint32_t> allCells(uint32_t n) {
  std::vector<uint32_t> cells(n);
  for (uint32_t i = 0; i < n; ++i) cells[i] = i;
  return cells;
}

struct Outcome {
  std::vector<uint64_t> spikes;  // step * 2^20 + global cell, in recording order
  std::vector<uint64_t> driveSpikes;  // the same for the drives, when recorded
  std::vector<float> samples;
  std::vector<double> finalV;
  uint64_t events = 0, spikeCount = 0;
  uint32_t threads = 0;
  bool tracked = false;  // the ring tracked touched channels at the end
  uint64_t touchedSteps = 0;  // steps whose uniform cells read only the touched channels
};

// The same spikes, samples, final state and synaptic event count: what every variant below must give.
static bool sameResults(const Outcome& a, const Outcome& b) {
  return a.spikes == b.spikes && a.samples == b.samples && a.finalV == b.finalV && a.events == b.events;
}

// How the three Poisson drives (one source per target cell) reach their targets: as listed spikes through the
// delivery, or as counts added into the ring (Simulation::setDirectDrives); optionally with their spikes recorded.
// throughRow: at steps 50, 150, 250, ... the delivery adds the listed spikes into the row rowAfter gives, as
// Connectivity's one-to-one drives do: this stops the tracking of touched channels in the middle of a step.
// rateScale: every Poisson rate times this (0.2: a quiet network, about 200 events a step onto 5308 channels).
struct Drives {
  bool direct = false, recorded = false, throughRow = false;
  double rateScale = 1.0;
};

static Outcome runNetwork(uint32_t threads, const std::vector<uint64_t>& pieces, bool ownedDelivery = false,
                          InputBuffer::Staging staging = InputBuffer::Staging::Auto, Drives drives = {},
                          std::vector<Simulation::TouchedInput> touched = {Simulation::TouchedInput::Never},
                          std::vector<uint32_t> laterThreads = {}) {
  Simulation sim(kDt);
  const uint32_t nPoisson = 3000, nUniform = 1001, nVaried = 603, nCond = 700, nIzh = 300, nArray = 7, nSmall = 50;
  NeuronPopulation poisson("SpikeSourcePoisson", nPoisson, kDt, RandomStream{11, 1}, "poisson");
  poisson.setParameter("rate", allCells(nPoisson), std::vector<double>(nPoisson, 40.0 * drives.rateScale));
  sim.addPopulation(std::move(poisson), {});
  sim.addPopulation(NeuronPopulation("IF_curr_exp", nUniform, kDt, RandomStream{11, 2}, "uniform"),
                    {"excitatory", "inhibitory"});
  NeuronPopulation varied("IF_curr_alpha", nVaried, kDt, RandomStream{11, 3}, "varied");
  std::vector<double> thresholds(nVaried);
  for (uint32_t i = 0; i < nVaried; ++i) thresholds[i] = -52.0 + 0.01 * (i % 200);
  varied.setParameter("v_thresh", allCells(nVaried), thresholds);
  sim.addPopulation(std::move(varied), {"excitatory", "inhibitory"});
  sim.addPopulation(NeuronPopulation("IF_cond_exp", nCond, kDt, RandomStream{11, 4}, "cond"),
                    {"excitatory", "inhibitory"});
  NeuronPopulation izh("Izhikevich", nIzh, kDt, RandomStream{11, 5}, "izh");
  izh.setParameter("i_offset", allCells(nIzh), std::vector<double>(nIzh, 0.002));
  sim.addPopulation(std::move(izh), {"excitatory", "inhibitory"});
  NeuronPopulation array("SpikeSourceArray", nArray, kDt, RandomStream{11, 6}, "array");
  array.setSpikeTimes(allCells(nArray), {{1.0, 1.0, 5.0, 33.3}}, 0);
  sim.addPopulation(std::move(array), {});
  sim.addPopulation(NeuronPopulation("IF_curr_exp", nSmall, kDt, RandomStream{11, 7}, "small"),
                    {"excitatory", "inhibitory"});
  // The drives, populations 7-9, one source per cell of populations 1-3: 1.5 events per step from 20 to 70 ms
  // (the pair loop), 0.004 (the sparse loop), and a rate of its own for every cell (the general loop).
  struct DriveSpec {
    uint32_t target, receptor, delaySteps;
    double weight;
  };
  const DriveSpec driveSpecs[3] = {{1, 0, 2, 0.005}, {3, 0, 3, 0.006}, {2, 1, 1, 0.2}};
  for (uint32_t k = 0; k < 3; ++k) {
    const uint32_t n = sim.populations()[driveSpecs[k].target].size();
    NeuronPopulation drive("SpikeSourcePoisson", n, kDt, RandomStream{11, 8 + k}, "drive");
    std::vector<double> rates(n, (k == 0 ? 15000.0 : 40.0) * drives.rateScale);
    if (k == 2)
      for (uint32_t i = 0; i < n; ++i) rates[i] = 20.0 * i * drives.rateScale;
    drive.setParameter("rate", allCells(n), rates);
    if (k == 0) {
      drive.setParameter("start", allCells(n), std::vector<double>(n, 20.0));
      drive.setParameter("duration", allCells(n), std::vector<double>(n, 50.0));
    }
    sim.addPopulation(std::move(drive), {});
  }
  // Every source cell reaches 12 cells of the LIF populations (1, 2, 3, 6) after 1-6 steps, inhibitory for
  // every fifth; a fixed hash picks them. The Izhikevich cells run on their own current.
  const ChannelLayout& layout = sim.layout();
  std::vector<uint32_t> targets;
  for (uint32_t p : {1u, 2u, 3u, 6u})
    for (uint32_t i = 0; i < layout.populationSize(p); ++i) targets.push_back(layout.firstNeuron(p) + i);
  const uint32_t condFirst = layout.firstNeuron(3), condEnd = condFirst + nCond;
  // owner == nullptr: every synapse; else those onto channels owned by `worker`.
  const uint32_t firstDrive = layout.firstNeuron(7);
  auto driveOf = [&layout, driveSpecs, firstDrive](uint32_t pre, DirectDrive& drive, uint32_t& cell) {
    if (pre < firstDrive) return false;
    uint32_t k = 7;
    while (k + 1 < layout.populationCount() && pre >= layout.firstNeuron(k + 1)) ++k;
    const DriveSpec& spec = driveSpecs[k - 7];
    cell = pre - layout.firstNeuron(k);
    drive = {spec.delaySteps, layout.firstChannel(spec.target, spec.receptor), toFixed(spec.weight)};
    return true;
  };
  auto deliver = [&layout, targets, condFirst, condEnd, driveOf, drives](uint32_t pre, InputBuffer& input,
                                                                 const uint8_t* owner, uint8_t worker) -> uint64_t {
    DirectDrive drive;
    uint32_t cell = 0;
    if (driveOf(pre, drive, cell)) {
      const uint32_t channel = drive.channelOffset + cell;
      if (owner != nullptr && owner[channel] != worker) return 0;
      if (drives.throughRow && input.now() % 100 == 50) input.rowAfter(drive.delaySteps)[channel] += drive.amount;
      else input.lane(owner != nullptr ? worker : 0).add(drive.delaySteps, channel, drive.amount);
      return 1;
    }
    uint64_t events = 0;
    for (uint32_t k = 0; k < 12; ++k) {
      const uint32_t post = targets[(pre * 2654435761u + k * 40503u) % targets.size()];
      const bool inhibitory = (pre + k) % 5 == 0;
      const bool conductance = post >= condFirst && post < condEnd;
      const double weight = conductance ? (inhibitory ? 0.004 : 0.006) : (inhibitory ? 0.4 : 0.6);  // µS, nA
      const uint32_t channel = layout.channelOf(post, inhibitory ? 1 : 0);
      if (owner != nullptr && owner[channel] != worker) continue;
      input.lane(owner != nullptr ? worker : 0).add(1 + (pre + k) % 6, channel, toFixed(weight));
      ++events;
    }
    return events;
  };
  sim.setDelivery([deliver](uint32_t pre, InputBuffer& input) { return deliver(pre, input, nullptr, 0); }, 6);
  if (ownedDelivery) {
    sim.setOwnedDelivery([deliver](uint32_t first, const std::vector<uint32_t>& cells, InputBuffer& input,
                                   const uint8_t* owner, uint8_t worker) {
      uint64_t events = 0;
      for (uint32_t cell : cells) events += deliver(first + cell, input, owner, worker);
      return events;
    });
  }
  if (drives.direct) {
    sim.setDirectDrives([driveOf](uint32_t first, DirectDrive& drive) {
      uint32_t cell = 0;
      return driveOf(first, drive, cell) && cell == 0;  // `first` starts a population: a drive's, or not
    });
  }
  sim.input().setStaging(staging);
  std::vector<RecordingConfig> recordings;
  for (uint32_t p = 1; p < 7; ++p) recordings.push_back({p, "spikes", allCells(sim.populations()[p].size()), 1});
  if (drives.recorded)
    for (uint32_t p = 7; p < 10; ++p) recordings.push_back({p, "spikes", allCells(sim.populations()[p].size()), 1});
  recordings.push_back({1, "v", {0, 7, 8, 500, 1000}, 1});
  recordings.push_back({3, "v", {3, 699}, 2});
  sim.setRecordings(recordings);
  sim.setThreads(threads);
  Outcome out;
  out.threads = sim.threads();
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (k > 0 && k <= laterThreads.size()) sim.setThreads(laterThreads[k - 1]);  // the thread count of piece k
    sim.setTouchedInput(touched[std::min(k, touched.size() - 1)]);  // `touched` holds a mode for each piece
    const RunStats stats = sim.run(pieces[k]);
    out.events += stats.synapticEvents;
    out.spikeCount += stats.spikes;
  }
  out.tracked = sim.input().tracksTouched();
  out.touchedSteps = sim.touchedSteps();
  std::vector<RecordedChunk> chunks;
  sim.recorder().flush(chunks);
  for (const auto& c : chunks) {
    if (c.variable == "spikes")
      for (size_t k = 0; k < c.spikeSteps.size(); ++k)
        (c.population >= 7 ? out.driveSpikes : out.spikes)
            .push_back(c.spikeSteps[k] * (1u << 20) + sim.layout().firstNeuron(c.population) + c.spikeCells[k]);
    else
      out.samples.insert(out.samples.end(), c.samples.begin(), c.samples.end());
  }
  for (uint32_t p = 1; p < 7; ++p)
    if (const double* v = sim.populations()[p].recordableArray("v"))
      out.finalV.insert(out.finalV.end(), v, v + sim.populations()[p].size());
  return out;
}

TEST(any_thread_count_gives_the_same_spikes_samples_and_state) {
  const Outcome one = runNetwork(1, {1500});
  CHECK(one.threads == 1);
  CHECK(one.spikes.size() > 2000);  // the network is active: the comparison below means something
  CHECK(one.events > 100000);
  for (uint32_t threads : {2u, 3u, 4u}) {
    const Outcome many = runNetwork(threads, {1500});
    CHECK(many.threads == threads);
    CHECK(sameResults(many, one));
  }
  const Outcome pieces = runNetwork(3, {1, 499, 333, 667});
  CHECK(pieces.spikes == one.spikes);
  CHECK(pieces.finalV == one.finalV);
  // Each range of a split population keeps its own list of refractory cells: changing the thread count between
  // runs splits the populations differently, and a single thread steps them whole again.
  const Outcome switched = runNetwork(1, {300, 300, 300, 300, 300}, false, InputBuffer::Staging::Auto, {},
                                      {Simulation::TouchedInput::Never}, {3, 2, 1, 4});
  CHECK(sameResults(switched, one));
}

TEST(threads_delivering_onto_their_own_cells_give_the_same_results) {
  const Outcome one = runNetwork(1, {1500});
  for (uint32_t threads : {2u, 3u}) {
    const Outcome owned = runNetwork(threads, {700, 800}, true);
    CHECK(sameResults(owned, one));
  }
}

// The same with the ring staged (InputBuffer: each delivering thread lists its input in its own lane and sums it
// into the arriving row itself), against the dense ring on one thread.
TEST(a_staged_ring_gives_the_same_results_on_any_thread_count) {
  const Outcome one = runNetwork(1, {1500});
  for (uint32_t threads : {1u, 2u, 3u}) {
    for (bool owned : {false, true}) {
      const Outcome staged = runNetwork(threads, {700, 800}, owned, InputBuffer::Staging::Always);
      CHECK(sameResults(staged, one));
    }
  }
}

// Poisson drives that add their counts straight into the ring give what their listed spikes give, on any thread
// count, with one thread or every thread delivering, into a dense or a staged ring; recorded, they are listed
// again (the recording needs the spikes) and still give the same.
TEST(direct_drives_give_the_same_results_as_their_listed_spikes) {
  const Outcome listed = runNetwork(1, {1500});
  CHECK(listed.spikeCount > listed.spikes.size() + 30000);  // the drives spiked
  using S = InputBuffer::Staging;
  const struct {
    uint32_t threads;
    bool owned;
    S staging;
  } cases[] = {{1, false, S::Auto}, {1, false, S::Always}, {2, true, S::Auto}, {3, true, S::Always},
               {2, false, S::Always}};
  for (const auto& c : cases) {
    const Outcome direct = runNetwork(c.threads, {700, 800}, c.owned, c.staging, Drives{true, false});
    CHECK(sameResults(direct, listed));
    CHECK(direct.spikeCount == listed.spikeCount);
    CHECK(direct.driveSpikes.empty());
  }
  const Outcome recordedListed = runNetwork(2, {1500}, true, S::Auto, Drives{false, true});
  const Outcome recordedDirect = runNetwork(2, {1500}, true, S::Auto, Drives{true, true});
  CHECK(recordedListed.driveSpikes.size() > 700000);
  CHECK(recordedDirect.driveSpikes == recordedListed.driveSpikes);
  CHECK(recordedDirect.spikes == listed.spikes);
  CHECK(recordedDirect.events == listed.events);
}

// The uniform IF_curr_exp and IF_cond_exp cells reading only the channels listed as touched give what reading
// every channel gives, on the quiet network (Poisson rates / 5) and on the busy one (whose lists mostly overflow,
// so most rows are read whole): on from the start, in one run or in pieces, on one thread or on several (the
// delivery on the calling thread, or by every thread into a lane of its own, each listed apart); switched on
// after 700 steps, when the ring holds input delivered unlisted (read whole until the ring has come round);
// switched off and on again; with Auto, which lists the quiet network and not the busy one. Where the ring cannot
// track (staged) or stops (direct drives add without listing, before a step or in its middle) the results stay
// the same too.
TEST(touched_input_gives_the_same_results_as_reading_every_channel) {
  using T = Simulation::TouchedInput;
  using S = InputBuffer::Staging;
  for (double scale : {0.2, 1.0}) {
    const Drives plain{false, false, false, scale};
    const Outcome every = runNetwork(1, {1500}, false, S::Auto, plain);
    CHECK(!every.tracked && every.touchedSteps == 0);
    CHECK(every.spikes.size() > 500);
    const Outcome always = runNetwork(1, {1500}, false, S::Auto, plain, {T::Always});
    CHECK(always.tracked);
    if (scale < 1) CHECK(always.touchedSteps > 1400);  // all but the first 7 steps and a few bursts
    CHECK(sameResults(always, every));
    const Outcome pieces = runNetwork(1, {1, 6, 300, 1193}, false, S::Auto, plain, {T::Always});
    CHECK(sameResults(pieces, every));
    const Outcome switchedOn = runNetwork(1, {700, 800}, false, S::Auto, plain, {T::Never, T::Always});
    CHECK(switchedOn.tracked);
    CHECK(sameResults(switchedOn, every));
    const Outcome onAndOff = runNetwork(1, {300, 400, 800}, false, S::Auto, plain, {T::Always, T::Never, T::Always});
    CHECK(sameResults(onAndOff, every));
    const Outcome automatic = runNetwork(1, {700, 800}, false, S::Auto, plain, {T::Auto});
    CHECK(automatic.tracked == (scale < 1));  // busy: about 6000 events a step
    CHECK(sameResults(automatic, every));
    const Outcome threaded = runNetwork(3, {1500}, false, S::Auto, plain, {T::Always});
    if (scale < 1) CHECK(threaded.touchedSteps > 1400);  // each thread's range of a population skips its rows
    CHECK(sameResults(threaded, every));
    const Outcome lanes = runNetwork(3, {700, 800}, true, S::Auto, plain, {T::Always});  // a list per lane
    if (scale < 1) CHECK(lanes.touchedSteps > 1400);
    CHECK(sameResults(lanes, every));
    const Outcome threadedAuto = runNetwork(2, {700, 800}, true, S::Auto, plain, {T::Auto});
    CHECK(threadedAuto.tracked == (scale < 1));
    CHECK(sameResults(threadedAuto, every));
    const Outcome staged = runNetwork(1, {1500}, false, S::Always, plain, {T::Always});
    CHECK(!staged.tracked && staged.touchedSteps == 0);
    CHECK(sameResults(staged, every));
    const Outcome driven = runNetwork(1, {1500}, false, S::Auto, Drives{true, false, false, scale}, {T::Always});
    CHECK(sameResults(driven, every));
    const Outcome throughRow = runNetwork(1, {1500}, false, S::Auto, Drives{false, false, true, scale}, {T::Always});
    if (scale < 1) CHECK(throughRow.touchedSteps > 300);  // stopped every 100 steps, on again every 256
    CHECK(sameResults(throughRow, every));
  }
}

// Every slot once per task, also with more threads than this machine's cores, where helpers are held up
// and find their slots taken.
TEST(worker_pool_runs_every_slot_once_per_task) {
  for (uint32_t threads : {3u, 2 * WorkerPool::threadsAvailable() + 1}) {
    WorkerPool pool(threads);
    CHECK(pool.size() == threads);
    std::vector<std::atomic<uint32_t>> calls(threads);
    bool once = true;
    for (int task = 0; task < 2000; ++task) {
      std::atomic<uint64_t> ran{0};
      pool.run([&](uint32_t slot) {
        calls[slot].fetch_add(1);
        if (ran.fetch_or(uint64_t{1} << slot) & (uint64_t{1} << slot)) once = false;
      });
      once = once && ran.load() == (uint64_t{1} << threads) - 1;
    }
    CHECK(once);
    for (auto& c : calls) CHECK(c.load() == 2000);
  }
  WorkerPool single(1);
  uint32_t seen = 99;
  single.run([&](uint32_t worker) { seen = worker; });
  CHECK(single.size() == 1 && seen == 0);
}

// A helper that has not claimed its slot (here: asleep after 200 us without work, so it needs a futex wake-up)
// leaves it to the calling thread, which takes it as soon as its own is done instead of waiting.
TEST(worker_pool_caller_runs_a_slot_its_helper_has_not_claimed) {
  WorkerPool pool(2);
  const std::thread::id caller = std::this_thread::get_id();
  bool callerRanSlotOne = false;
  for (int attempt = 0; attempt < 20 && !callerRanSlotOne; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::thread::id slotOne;
    pool.run([&](uint32_t slot) {
      if (slot == 1) slotOne = std::this_thread::get_id();
    });
    callerRanSlotOne = slotOne == caller;
  }
  CHECK(callerRanSlotOne);
}

// A task that throws on a helper, or on the calling thread, leaves run() only when every worker is done, with the
// exception; the pool then runs the next task as before.
TEST(worker_pool_rethrows_a_workers_exception_after_every_worker_is_done) {
  WorkerPool pool(3);
  for (uint32_t thrower : {0u, 2u}) {
    std::atomic<uint32_t> finished{0};
    bool caught = false;
    try {
      pool.run([&](uint32_t worker) {
        if (worker == thrower) throw Error(ErrorCode::Internal, "", "worker " + std::to_string(worker));
        for (volatile int spin = 0; spin < 200000; ++spin) {
        }
        finished.fetch_add(1);
      });
    } catch (const Error& e) {
      caught = std::string(e.what()).find("worker " + std::to_string(thrower)) != std::string::npos;
    }
    CHECK(caught);
    CHECK(finished.load() == 2);
    std::atomic<uint32_t> calls{0};
    pool.run([&](uint32_t) { calls.fetch_add(1); });
    CHECK(calls.load() == 3);
  }
}
