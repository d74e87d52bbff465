// The synapse store: bytes per synapse measured from the store, spike delivery into the input ring (channels,
// delays, fixed-point weights), the GetConnections wire encoding, SetSynapseValues and the wide-layout fallback.
#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include "network_spec_builders.h"
#include "testing.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/wire/wire_reader.h"

using namespace tsnn;

namespace {

// Cells on a line: x = i.
PopulationSpec population(const std::string& label, uint32_t n, const std::string& cellType = "IF_curr_exp") {
  PopulationSpec p = spec_builders::population(label, n, cellType);
  for (uint32_t i = 0; i < n; ++i) p.x[i] = i;
  return p;
}

SelectionSpec selectRange(uint32_t population, uint32_t start, uint32_t stop, uint32_t step) {
  SelectionSpec s;
  s.population = population;
  s.form = SelectionSpec::Form::Range;
  s.start = start;
  s.stop = stop;
  s.step = step;
  return s;
}

ProjectionSpec fromList(uint32_t pre, uint32_t post, std::vector<uint32_t> i, std::vector<uint32_t> j,
                        std::vector<double> weight, std::vector<double> delay, const std::string& receptor) {
  ProjectionSpec p;
  SelectionSpec all;
  all.population = pre;
  p.pre.parts.push_back(all);
  all.population = post;
  p.post.parts.push_back(all);
  p.connector.rule = ConnectorSpec::Rule::FromList;
  p.connector.listPre = std::move(i);
  p.connector.listPost = std::move(j);
  p.connector.listColumnNames = {"weight", "delay"};
  p.connector.listColumns = {std::move(weight), std::move(delay)};
  p.receptorType = receptor;
  return p;
}

struct Built {
  NetworkSpec network;
  ChannelLayout layout;
  std::unique_ptr<Connectivity> connectivity;
};

std::unique_ptr<Built> build(std::vector<PopulationSpec> populations, std::vector<ProjectionSpec> projections, double dt = 0.1) {
  auto b = std::make_unique<Built>();
  b->network.settings.timestep = dt;
  b->network.populations = std::move(populations);
  b->network.projections = std::move(projections);
  validateNetwork(b->network);
  for (const auto& p : b->network.populations) b->layout.addPopulation(p.size, p.receptorTypes);
  b->connectivity = std::make_unique<Connectivity>(b->network, b->layout);
  return b;
}

}  // namespace

// Population 0 to population 1, all to all, weight 0.1.
static ProjectionSpec allToAllFromFirstToSecond() {
  ProjectionSpec prj;
  SelectionSpec all;
  prj.pre.parts.push_back(all);
  all.population = 1;
  prj.post.parts.push_back(all);
  prj.connector.rule = ConnectorSpec::Rule::AllToAll;
  prj.receptorType = "excitatory";
  prj.synapse.weight.kind = ValueSpec::Kind::Scalar;
  prj.synapse.weight.scalar = 0.1;
  return prj;
}

TEST(a_static_synapse_takes_eight_bytes) {
  ProjectionSpec prj = allToAllFromFirstToSecond();
  prj.synapse.weight.kind = ValueSpec::Kind::Array;  // one weight per synapse, not all equal
  prj.synapse.weight.array.resize(120000);
  for (size_t k = 0; k < prj.synapse.weight.array.size(); ++k) prj.synapse.weight.array[k] = 0.1 + 1e-6 * (k % 7);
  auto b = build({population("a", 300), population("b", 400)}, {prj});
  const Connectivity& c = *b->connectivity;
  CHECK(c.synapseCount() == 120000);
  CHECK(c.synapseBytes() == 8 * c.synapseCount());
  // Everything, row starts and fan-out index included, stays within 8.1 bytes per synapse here.
  CHECK(static_cast<double>(c.memoryBytes()) / c.synapseCount() <= 8.1);
  CHECK(c.notes().empty());
}

// A scalar weight is kept once: 4 bytes per synapse (post index and delay); reading it back, changing some
// weights (which gives every synapse its own entry again) and delivering all see the same values.
TEST(a_shared_weight_is_kept_once) {
  ProjectionSpec prj = allToAllFromFirstToSecond();
  auto b = build({population("a", 300), population("b", 400)}, {prj});
  Connectivity& c = *b->connectivity;
  CHECK(c.synapseBytes() == 4 * c.synapseCount());
  CHECK(c.projection(0).weightUniform);
  const std::vector<double> w = c.values(0, "weight", "w");
  CHECK(w.size() == 120000 && w.front() == 0.1 && w.back() == 0.1);  // read back as the decimal given
  InputBuffer input(b->layout.channelCount(), c.maxDelaySteps() + 1);
  CHECK(c.deliver(7, input) == 400);
  CHECK(input.rowAfter(1)[b->layout.channelOf(300 + 5, 0)] == toFixed(static_cast<double>(0.1f)));
}

TEST(a_memory_limit_stops_the_build_before_allocation) {
  ProjectionSpec prj;
  SelectionSpec all;
  prj.pre.parts.push_back(all);
  prj.post.parts.push_back(all);
  prj.connector.rule = ConnectorSpec::Rule::AllToAll;
  prj.receptorType = "excitatory";
  NetworkSpec network;
  network.settings.timestep = 0.1;
  network.populations = {population("a", 100)};
  network.projections = {prj};
  validateNetwork(network);
  ChannelLayout layout;
  layout.addPopulation(100, network.populations[0].receptorTypes);
  ConnectivityOptions options;
  options.maxBytes = 8 * 10000;  // 10000 synapses of 8 bytes, but the 101 row starts do not fit as well
  try {
    Connectivity c(network, layout, options);
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::ResourceExhausted && e.path() == "network.projections[0]");
  }
  options.maxBytes = 8 * 10000 + 4 * 101;
  Connectivity fits(network, layout, options);
  CHECK(fits.synapseCount() == 10000);
}

TEST(deliver_adds_fixed_point_weights_at_channel_and_delay) {
  // pre population "src" (3 cells, global 0..2) -> post "dst" (4 cells, global 3..6), receptors exc/inh.
  auto b = build({population("src", 3, "SpikeSourcePoisson"), population("dst", 4)},
                 {fromList(0, 1, {1, 1, 0}, {2, 0, 3}, {0.25, -0.5, 1.0}, {0.1, 0.3, 0.2}, "excitatory"),
                  fromList(0, 1, {1}, {2}, {-2.0}, {0.1}, "inhibitory")});
  const Connectivity& c = *b->connectivity;
  CHECK(c.maxDelaySteps() == 3);
  InputBuffer input(b->layout.channelCount(), c.maxDelaySteps() + 1);
  CHECK(c.deliver(1, input) == 3);  // two excitatory, one inhibitory synapse of pre cell 1
  const uint32_t exc2 = b->layout.channelOf(3 + 2, 0), exc0 = b->layout.channelOf(3 + 0, 0);
  const uint32_t inh2 = b->layout.channelOf(3 + 2, 1);
  input.advance();  // one step later: delay 0.1 ms = 1 step
  CHECK(input.arriving()[exc2] == toFixed(0.25));
  CHECK(input.arriving()[inh2] == toFixed(-2.0));
  CHECK(input.arriving()[exc0] == 0);
  input.clearArriving();
  input.advance();
  input.clearArriving();
  input.advance();  // three steps: delay 0.3 ms
  CHECK(input.arriving()[exc0] == toFixed(-0.5));
  CHECK(c.deliver(2, input) == 0);  // pre cell 2 has no synapses
}

// A source population whose every cell has one synapse, in one projection with one weight and one delay (a
// SpikeSourcePoisson per cell with a OneToOneConnector) is delivered straight into the ring row: a cell listed k
// times adds k times the weight, and the threaded delivery adds only the channels of its worker.
// Delivery converts per-synapse weights below 2^19 in magnitude with toFixedSmall (no conversion instruction):
// it must give toFixed's integers, ties included, up to the limit; a projection with one weight beyond it, before
// and after SetSynapseValues, keeps toFixed, and the ring receives toFixed's sums either way.
TEST(small_weights_convert_as_to_fixed) {
  std::mt19937_64 generator(19);
  const double largest = std::nextafter(kFixedSmallLimit, 0.0);
  std::vector<double> values = {0.0, -0.0, largest, -largest};
  for (int k = 0; k < 200000; ++k) {
    const int exponent = 19 - static_cast<int>(generator() % 50);
    const double magnitude = std::ldexp(static_cast<double>(generator() % 1000000) / 1e6, exponent);
    values.push_back(static_cast<float>((generator() & 1) ? magnitude : -magnitude));
    // Halfway between two fixed-point steps: ties go to even, as llrint's.
    values.push_back((static_cast<double>(generator() % 4000000) - 2000000.0 + 0.5) / kFixedScale);
  }
  int mismatches = 0;
  for (double x : values) mismatches += toFixedSmall(x) == toFixed(x) ? 0 : 1;
  CHECK(mismatches == 0);

  const std::vector<double> small = {0.25, -0.1, 524287.9}, large = {0.25, -0.1, 600000.0};
  auto b = build({population("src", 1, "SpikeSourceArray"), population("dst", 3)},
                 {fromList(0, 1, {0, 0, 0}, {0, 1, 2}, small, {0.1, 0.1, 0.1}, "excitatory"),
                  fromList(0, 1, {0, 0, 0}, {0, 1, 2}, large, {0.2, 0.2, 0.2}, "inhibitory")});
  Connectivity& c = *b->connectivity;
  CHECK(c.projection(0).weightsSmall);
  CHECK(!c.projection(1).weightsSmall);
  const auto arrivals = [&](Connectivity& connectivity) {
    InputBuffer input(b->layout.channelCount(), connectivity.maxDelaySteps() + 1);
    connectivity.deliver(0, input);
    std::vector<int64_t> seen;
    for (int step = 0; step < 2; ++step) {
      input.advance();
      for (uint32_t cell = 0; cell < 3; ++cell) seen.push_back(input.arriving()[b->layout.channelOf(1 + cell, step)]);
      input.clearArriving();
    }
    return seen;
  };
  std::vector<int64_t> expected;
  for (const auto* w : {&small, &large})
    for (double x : *w) expected.push_back(toFixed(static_cast<double>(static_cast<float>(x))));
  CHECK(arrivals(c) == expected);
  SetSynapseValuesSpec swap;  // the large weight moves to projection 0: it leaves the small path
  swap.projection = 0;
  swap.values["weight"].kind = ValueSpec::Kind::Array;
  swap.values["weight"].array = large;
  c.setValues(swap);
  CHECK(!c.projection(0).weightsSmall);
  swap.projection = 1;
  swap.values["weight"].array = small;
  c.setValues(swap);
  CHECK(c.projection(1).weightsSmall);
  expected.clear();
  for (const auto* w : {&large, &small})
    for (double x : *w) expected.push_back(toFixed(static_cast<double>(static_cast<float>(x))));
  CHECK(arrivals(c) == expected);
}

TEST(one_to_one_drive_adds_each_listed_spike_at_its_cell) {
  auto b = build({population("src", 6, "SpikeSourcePoisson"), population("dst", 6)},
                 {fromList(0, 1, {0, 1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5}, std::vector<double>(6, 0.25),
                           std::vector<double>(6, 0.3), "excitatory")});
  const Connectivity& c = *b->connectivity;
  InputBuffer input(b->layout.channelCount(), c.maxDelaySteps() + 1);
  CHECK(c.deliverSpikes(0, {1, 1, 4}, input) == 3);
  std::vector<uint8_t> owner(b->layout.channelCount(), 0);
  for (uint32_t cell = 3; cell < 6; ++cell) owner[b->layout.channelOf(6 + cell, 0)] = 1;
  CHECK(c.deliverSpikesOwned(0, {2, 3, 3}, input, owner.data(), 0) == 1);  // cell 2 only
  CHECK(c.deliverSpikesOwned(0, {2, 3, 3}, input, owner.data(), 1) == 2);  // cell 3, twice
  for (int step = 0; step < 3; ++step) input.advance();  // 0.3 ms: three steps
  const int64_t w = toFixed(0.25);
  const int64_t expected[6] = {0, 2 * w, w, 2 * w, w, 0};
  for (uint32_t cell = 0; cell < 6; ++cell) {
    CHECK(input.arriving()[b->layout.channelOf(6 + cell, 0)] == expected[cell]);
    CHECK(input.arriving()[b->layout.channelOf(6 + cell, 1)] == 0);
  }
}

// The same population with a second projection is not such a drive: both projections receive its spikes.
TEST(a_source_with_two_projections_reaches_both) {
  const auto oneToOne = [](uint32_t post, double weight) {
    return fromList(0, post, {0, 1, 2}, {0, 1, 2}, std::vector<double>(3, weight), std::vector<double>(3, 0.1),
                    "excitatory");
  };
  auto b = build({population("src", 3, "SpikeSourcePoisson"), population("a", 3), population("b", 3)},
                 {oneToOne(1, 0.5), oneToOne(2, 2.0)});
  InputBuffer input(b->layout.channelCount(), b->connectivity->maxDelaySteps() + 1);
  CHECK(b->connectivity->deliverSpikes(0, {2}, input) == 2);
  input.advance();
  CHECK(input.arriving()[b->layout.channelOf(3 + 2, 0)] == toFixed(0.5));
  CHECK(input.arriving()[b->layout.channelOf(6 + 2, 0)] == toFixed(2.0));
}

// A source whose last cell has no synapse is not a one-to-one drive: that cell's spikes deliver nothing. (It is
// the network's last neuron, whose fan-out ends the table.)
TEST(a_source_cell_without_synapses_keeps_the_general_path) {
  auto b = build({population("dst", 3), population("src", 3, "SpikeSourcePoisson")},
                 {fromList(1, 0, {0, 1}, {0, 1}, {0.25, 0.25}, {0.1, 0.1}, "excitatory")});
  InputBuffer input(b->layout.channelCount(), b->connectivity->maxDelaySteps() + 1);
  CHECK(b->connectivity->deliverSpikes(3, {0, 2}, input) == 1);
  input.advance();
  CHECK(input.arriving()[b->layout.channelOf(0, 0)] == toFixed(0.25));
  CHECK(input.arriving()[b->layout.channelOf(2, 0)] == 0);
}

TEST(views_with_steps_use_a_channel_table) {
  ProjectionSpec prj = fromList(0, 1, {0, 0}, {0, 1}, {1.0, 2.0}, {0.1, 0.1}, "excitatory");
  prj.post.parts[0] = selectRange(1, 1, 6, 2);  // post cells 1, 3, 5 of "dst"
  auto b = build({population("src", 1, "SpikeSourceArray"), population("dst", 6)}, {prj});
  CHECK(!b->connectivity->projection(0).postAffine);
  InputBuffer input(b->layout.channelCount(), 2);
  b->connectivity->deliver(0, input);
  input.advance();
  CHECK(input.arriving()[b->layout.channelOf(1 + 1, 0)] == toFixed(1.0));
  CHECK(input.arriving()[b->layout.channelOf(1 + 3, 0)] == toFixed(2.0));
}

TEST(get_connections_chunks_decode_back) {
  auto b = build({population("a", 3), population("b", 3)},
                 {fromList(0, 1, {2, 0, 1, 0, 2}, {0, 1, 1, 0, 2}, {0.5, 1.5, 2.5, 3.5, 4.5}, {0.1, 0.2, 0.3, 0.4, 0.5}, "excitatory")});
  GetConnectionsSpec request;
  request.projection = 0;
  request.names = {"weight", "delay"};
  request.maxConnectionsPerChunk = 2;
  const std::vector<uint8_t> bytes = b->connectivity->encodeConnections(request);
  WireReader stream(bytes.data(), bytes.size(), "stream");
  std::vector<uint32_t> pre, post;
  std::vector<double> weight, delay;
  int chunks = 0;
  while (!stream.atEnd()) {
    WireReader chunk = stream.readMessage("chunk");
    ++chunks;
    uint64_t total = 0;
    int arrays = 0;
    uint32_t f;
    WireType t;
    while (chunk.nextField(f, t)) {
      if (f == 1) chunk.readRepeatedUint32(t, pre);
      else if (f == 2) chunk.readRepeatedUint32(t, post);
      else if (f == 3) {
        WireReader array = chunk.readMessage("values");
        uint32_t af;
        WireType at;
        while (array.nextField(af, at)) array.readRepeatedDouble(at, arrays == 0 ? weight : delay);
        ++arrays;
      } else if (f == 4) total = chunk.readVarint();
      else chunk.skip(t);
    }
    CHECK(total == 5 && arrays == 2);
  }
  CHECK(chunks == 3);
  const std::vector<uint32_t> expectedPre = {0, 0, 1, 2, 2}, expectedPost = {0, 1, 1, 0, 2};
  CHECK(pre == expectedPre && post == expectedPost);
  CHECK(weight.size() == 5 && weight[0] == 3.5 && weight[4] == 4.5);
  CHECK(delay.size() == 5 && std::fabs(delay[1] - 0.2) < 1e-12);
  GetConnectionsSpec unknown = request;
  unknown.names = {"tau_rec"};
  CHECK_THROWS_AS(b->connectivity->encodeConnections(unknown), Error);
}

TEST(set_synapse_values_scalar_array_and_matrix) {
  auto b = build({population("a", 2), population("b", 2)},
                 {fromList(0, 1, {0, 1, 1}, {1, 0, 1}, {1.0, 1.0, 1.0}, {0.1, 0.1, 0.1}, "excitatory")});
  Connectivity& c = *b->connectivity;
  SetSynapseValuesSpec set;
  set.projection = 0;
  set.values["weight"].kind = ValueSpec::Kind::Array;
  set.values["weight"].array = {0.5, 0.25, 0.125};
  c.setValues(set);
  auto w = c.values(0, "weight", "w");
  CHECK(w[0] == 0.5 && w[1] == 0.25 && w[2] == 0.125);
  // Matrix: NaN leaves (1, 1) unchanged.
  set.values["weight"].kind = ValueSpec::Kind::Matrix;
  set.values["weight"].matrix.rows = 2;
  set.values["weight"].matrix.cols = 2;
  set.values["weight"].matrix.values = {9.0, 2.0, 3.0, NAN};
  c.setValues(set);
  w = c.values(0, "weight", "w");
  CHECK(w[0] == 2.0 && w[1] == 3.0 && w[2] == 0.125);
  SetSynapseValuesSpec delays;
  delays.projection = 0;
  delays.values["delay"].kind = ValueSpec::Kind::Scalar;
  delays.values["delay"].scalar = 0.46;
  c.setValues(delays);
  CHECK(c.maxDelaySteps() == 5);
  SetSynapseValuesSpec wrongLength;
  wrongLength.projection = 0;
  wrongLength.values["weight"].kind = ValueSpec::Kind::Array;
  wrongLength.values["weight"].array = {1.0};
  CHECK_THROWS_AS(c.setValues(wrongLength), Error);
}

TEST(tsodyks_markram_parameters_are_kept_per_projection) {
  ProjectionSpec prj = fromList(0, 1, {0, 1}, {0, 0}, {1.0, 1.0}, {0.1, 0.1}, "excitatory");
  prj.synapse.dynamics = "TsodyksMarkramSynapse";
  prj.synapse.parameters["U"].kind = ValueSpec::Kind::Array;
  prj.synapse.parameters["U"].array = {0.2, 0.7};
  auto b = build({population("a", 2), population("b", 1)}, {prj});
  const auto U = b->connectivity->values(0, "U", "U");
  const auto tauRec = b->connectivity->values(0, "tau_rec", "tau_rec");
  CHECK(U[0] == 0.2 && U[1] == 0.7);
  CHECK(tauRec[0] == 100.0 && tauRec[1] == 100.0);  // PyNN's default
}

TEST(long_delays_fall_back_to_the_wide_layout) {
  // 65537 post cells need 17 index bits, leaving 15 for delays (< 32768 steps): 4000 ms at 0.1 ms does not fit.
  auto b = build({population("a", 1), population("b", 65537)},
                 {fromList(0, 1, {0, 0}, {65536, 3}, {1.0, 2.0}, {4000.0, 0.1}, "excitatory")});
  const Connectivity& c = *b->connectivity;
  CHECK(c.projection(0).wide);
  CHECK(c.notes().size() == 1);
  CHECK(c.maxDelaySteps() == 40000);
  std::vector<uint32_t> pre, post;
  c.indices(0, pre, post);
  CHECK(post[0] == 3 && post[1] == 65536);
  const auto d = c.values(0, "delay", "d");
  CHECK(std::fabs(d[1] - 4000.0) < 1e-9);
}

// Delivery into a staged ring (InputBuffer::Staging::Always: every add listed, then summed) gives the rows of a
// dense one, bit for bit: per-synapse and shared weights, delays of 1-15 steps, cells spiking several times in a
// step, on one thread, as two threads delivering onto their own interleaved channels through their own lanes, and
// as three threads owning runs of post cells, whose rows planOwnedDelivery cut into windows (its edges fall
// inside rows: a synapse lost or added at either edge of the middle window changes the sums).
TEST(delivery_into_a_staged_ring_gives_the_dense_rows) {
  std::mt19937_64 generator(99);
  std::vector<uint32_t> pre, post;
  std::vector<double> weight, delay;
  for (int k = 0; k < 600; ++k) {
    pre.push_back(static_cast<uint32_t>(generator() % 50));
    post.push_back(static_cast<uint32_t>(generator() % 30));
    weight.push_back(static_cast<double>(generator() % 1000) * 1e-3 - 0.5);
    delay.push_back(0.1 * static_cast<double>(1 + generator() % 15));
  }
  auto b = build({population("src", 50, "SpikeSourcePoisson"), population("dst", 30)},
                 {fromList(0, 1, pre, post, weight, delay, "excitatory"), allToAllFromFirstToSecond()});
  Connectivity& c = *b->connectivity;
  const uint32_t channels = b->layout.channelCount(), slots = c.maxDelaySteps() + 1;
  std::vector<uint8_t> interleaved(channels, 0), runs(channels, 0);
  for (uint32_t ch = 0; ch < channels; ++ch) interleaved[ch] = (ch / 3) % 2;  // both workers own cells of "dst"
  for (uint32_t cell = 0; cell < 30; ++cell)
    for (uint32_t r = 0; r < 2; ++r) runs[b->layout.channelOf(50 + cell, r)] = cell < 11 ? 0 : cell < 20 ? 1 : 2;
  const std::vector<uint8_t> runsCopy = runs;
  InputBuffer scratch(channels, slots, InputBuffer::Staging::Always);
  scratch.setLanes(3);
  uint64_t sameEvents = 0;
  for (const uint8_t workers : {1, 2, 3}) {
    const std::vector<uint8_t>& owner = workers == 3 ? runs : interleaved;
    if (workers == 3) c.planOwnedDelivery(owner.data());
    InputBuffer dense(channels, slots, InputBuffer::Staging::Never);
    InputBuffer staged(channels, slots, InputBuffer::Staging::Always);
    CHECK(staged.staged() && !dense.staged());
    staged.setLanes(workers);
    uint64_t equal = 0, nonZero = 0;
    for (int step = 0; step < 100; ++step) {
      dense.advance();
      staged.advance();
      for (uint32_t ch = 0; ch < channels; ++ch) {
        equal += dense.arriving()[ch] == staged.arriving()[ch] ? 1 : 0;
        nonZero += dense.arriving()[ch] != 0 ? 1 : 0;
      }
      dense.clearArriving();
      staged.clearArriving();
      std::vector<uint32_t> cells;
      for (uint32_t cell = 0; cell < 50; ++cell)
        for (uint64_t k = generator() % 8; k >= 5; --k) cells.push_back(cell);  // none, once, twice or three times
      c.deliverSpikes(0, cells, dense);
      if (workers == 1) c.deliverSpikes(0, cells, staged);
      for (uint8_t w = 0; workers > 1 && w < workers; ++w) {
        const uint64_t events = c.deliverSpikesOwned(0, cells, staged, owner.data(), w);
        // Each worker adds onto its own cells only (it sums its lane into them while the others update theirs):
        // the planned windows give every worker the events that testing each synapse's owner gives (a copy of
        // the table, which was not planned).
        if (workers == 3) sameEvents += events == c.deliverSpikesOwned(0, cells, scratch, runsCopy.data(), w) ? 1 : 0;
      }
    }
    CHECK(equal == uint64_t{100} * channels);
    CHECK(nonZero > 1000);
  }
  CHECK(sameEvents == 300);
}

// A projection whose synapses share one weight and one delay is delivered through the ring's row for that delay,
// taken once per row of synapses (uniformDelaySteps): into a dense ring, one listing its touched channels and a
// staged one, its input arrives exactly that many steps later; SetSynapseValues with delays of their own turns the
// path off (the per-synapse delays arrive as given), and a scalar delay turns it on again.
TEST(one_delay_projections_arrive_at_their_delay_in_every_ring) {
  auto b = build({population("src", 3, "SpikeSourcePoisson"), population("dst", 4)},
                 {fromList(0, 1, {1, 1, 1, 2}, {3, 0, 2, 1}, {0.5, 0.5, 0.5, 0.5}, {0.2, 0.2, 0.2, 0.2},
                           "excitatory")});
  Connectivity& c = *b->connectivity;
  CHECK(c.projection(0).weightUniform && c.projection(0).uniformDelaySteps == 2);
  const uint32_t channels = b->layout.channelCount();
  const auto channelOf = [&](uint32_t cell) { return b->layout.channelOf(3 + cell, 0); };
  // Delivers pre cell 1 at step 0; returns the step and channels at which input arrives within 8 steps.
  const auto arrivals = [&](InputBuffer& ring) {
    std::vector<std::pair<uint32_t, uint32_t>> seen;
    c.deliverSpikes(1, {0}, ring);
    for (uint32_t step = 1; step <= 8; ++step) {
      ring.advance();
      for (uint32_t ch = 0; ch < channels; ++ch)
        if (ring.arriving()[ch] != 0) {
          CHECK(ring.arriving()[ch] == toFixed(0.5));
          seen.push_back({step, ch});
        }
      ring.clearArriving();
    }
    return seen;
  };
  const std::vector<std::pair<uint32_t, uint32_t>> atTwo = {{2, channelOf(0)}, {2, channelOf(2)}, {2, channelOf(3)}};
  InputBuffer dense(channels, 9, InputBuffer::Staging::Never), staged(channels, 9, InputBuffer::Staging::Always);
  InputBuffer listing(channels, 9, InputBuffer::Staging::Never);
  CHECK(listing.trackTouched(true));
  CHECK(arrivals(dense) == atTwo);
  CHECK(arrivals(staged) == atTwo);
  c.deliverSpikes(1, {0}, listing);
  listing.advance();
  listing.advance();
  const TouchedChannels& listed = listing.arrivingTouched(0);
  CHECK((std::vector<uint32_t>(listed.channels, listed.channels + listed.size) ==
         std::vector<uint32_t>{channelOf(0), channelOf(2), channelOf(3)}));
  CHECK(listing.arriving()[channelOf(2)] == toFixed(0.5));

  SetSynapseValuesSpec own;
  own.projection = 0;
  own.values["delay"].kind = ValueSpec::Kind::Array;
  own.values["delay"].array = {0.3, 0.5, 0.3, 0.2};  // canonical order (by pre, then post): (1,0) (1,2) (1,3) (2,1)
  c.setValues(own);
  CHECK(c.projection(0).uniformDelaySteps == 0);
  InputBuffer again(channels, 9, InputBuffer::Staging::Never);
  CHECK((arrivals(again) == std::vector<std::pair<uint32_t, uint32_t>>{
                                {3, channelOf(0)}, {3, channelOf(3)}, {5, channelOf(2)}}));
  own.values["delay"].kind = ValueSpec::Kind::Scalar;
  own.values["delay"].scalar = 0.4;
  c.setValues(own);
  CHECK(c.projection(0).uniformDelaySteps == 4);
  InputBuffer last(channels, 9, InputBuffer::Staging::Never);
  CHECK((arrivals(last) == std::vector<std::pair<uint32_t, uint32_t>>{
                               {4, channelOf(0)}, {4, channelOf(2)}, {4, channelOf(3)}}));
}
