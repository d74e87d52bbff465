// The device's connectivity expansion (gpu-server/cuda/device_expansion.h) on the host backend, which runs the
// kernel bodies and the device's sorting stages in loops, against the host's own expansion of the same network:
// every row, word and weight the same bit for bit, for every rule of the parallel form
// (tsnn/connectivity/parallel_rule.h), with forbidden self-connections, drawn weights and delays, multapses and
// rows up to the longest the device sorts; the projections outside the form, those with longer unsorted rows and
// those whose values do not fit the compact layout, built by the host with the same result, notes and errors.
#include <memory>
#include <string>
#include <vector>

#include "device_expansion.h"
#include "network_spec_builders.h"
#include "testing.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/engine/worker_pool.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"

using namespace tsnn;

namespace {

ValueSpec drawn(DistributionKind kind, std::vector<double> p, uint64_t stream) {
  ValueSpec v;
  v.kind = ValueSpec::Kind::Distribution;
  v.distribution.params.kind = kind;
  for (size_t k = 0; k < p.size(); ++k) v.distribution.params.p[k] = p[k];
  v.distribution.rng.stream = stream;
  return v;
}

using spec_builders::scalar;

PopulationSpec population(const std::string& label, uint32_t n, const std::string& cellType = "IF_curr_exp") {
  return spec_builders::population(label, n, cellType);
}

CellSetSpec cells(uint32_t population, uint32_t start = 0, uint32_t stop = 0) {
  CellSetSpec set;
  SelectionSpec s;
  s.population = population;
  if (stop > start) {
    s.form = SelectionSpec::Form::Range;
    s.start = start;
    s.stop = stop;
  }
  set.parts.push_back(s);
  return set;
}

CellSetSpec indices(uint32_t population, std::vector<uint32_t> which) {
  CellSetSpec set;
  SelectionSpec s;
  s.population = population;
  s.form = SelectionSpec::Form::Indices;
  s.indices = std::move(which);
  set.parts.push_back(s);
  return set;
}

ProjectionSpec projection(CellSetSpec pre, CellSetSpec post, ConnectorSpec::Rule rule, uint64_t stream,
                          SelfConnections self = SelfConnections::Allow) {
  ProjectionSpec p;
  p.pre = std::move(pre);
  p.post = std::move(post);
  p.connector.rule = rule;
  p.connector.selfConnections = self;
  p.connector.rng.stream = stream;
  p.receptorType = "excitatory";
  p.synapse.weight = scalar(0.25);
  return p;
}

ProjectionSpec fixedNumber(CellSetSpec pre, CellSetSpec post, bool preSide, double n, bool withReplacement,
                           uint64_t stream, SelfConnections self = SelfConnections::Allow) {
  ProjectionSpec p = projection(std::move(pre), std::move(post),
                                preSide ? ConnectorSpec::Rule::FixedNumberPre : ConnectorSpec::Rule::FixedNumberPost,
                                stream, self);
  p.connector.n = scalar(n);
  p.connector.withReplacement = withReplacement;
  return p;
}

struct Built {
  NetworkSpec network;
  ChannelLayout layout;
  std::unique_ptr<Connectivity> connectivity;
};

// The network built on the host alone, or with the device expander of `backend` (and a worker pool).
std::unique_ptr<Built> build(const NetworkSpec& spec, accel::DeviceExpander* expander, WorkerPool* pool = nullptr) {
  auto b = std::make_unique<Built>();
  b->network = spec;
  validateNetwork(b->network);
  for (const auto& p : b->network.populations) b->layout.addPopulation(p.size, p.receptorTypes);
  ConnectivityOptions options;
  options.expander = expander;
  options.pool = pool;
  b->connectivity = std::make_unique<Connectivity>(b->network, b->layout, options);
  return b;
}

// Every projection's store the same, field by field.
void checkSameStores(const Connectivity& host, const Connectivity& device) {
  CHECK(host.projectionCount() == device.projectionCount());
  for (uint32_t k = 0; k < host.projectionCount(); ++k) {
    const ProjectionStore& a = host.projection(k);
    const ProjectionStore& b = device.projection(k);
    CHECK(a.rowStart == b.rowStart);
    CHECK(a.word == b.word);
    CHECK(a.weight == b.weight);
    CHECK(a.weightUniform == b.weightUniform);
    CHECK(a.uniformWeight == b.uniformWeight);
    CHECK(a.wide == b.wide);
    CHECK(a.wideDelay == b.wideDelay);
    CHECK(a.postBits == b.postBits && a.postMask == b.postMask);
    CHECK(a.postAffine == b.postAffine && a.firstChannel == b.firstChannel && a.postChannel == b.postChannel);
    CHECK(a.uniformValues == b.uniformValues);
    CHECK(a.perSynapseValues == b.perSynapseValues);
  }
  CHECK(host.notes() == device.notes());
  CHECK(host.maxDelaySteps() == device.maxDelaySteps());
}

// A, B: cells; S: sources. Every projection below has the parallel form.
NetworkSpec everyParallelRule() {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 77;
  n.populations = {population("A", 60), population("B", 45), population("S", 60, "SpikeSourcePoisson"),
                   population("P", 2, "SpikeSourcePoisson")};
  const auto normalWeight = [](uint64_t stream) { return drawn(DistributionKind::Normal, {0.3, 0.1}, stream); };
  const auto clippedDelay = [](uint64_t stream) {
    return drawn(DistributionKind::NormalClipped, {1.5, 0.75, 0.1, 1e300}, stream);
  };
  std::vector<ProjectionSpec>& p = n.projections;
  p.push_back(projection(cells(2), cells(0), ConnectorSpec::Rule::OneToOne, 1));
  p.back().synapse.delay = scalar(0.1);
  p.push_back(projection(cells(0), cells(0), ConnectorSpec::Rule::AllToAll, 2, SelfConnections::Forbid));
  p.back().synapse.weight = normalWeight(3);
  p.back().synapse.delay = drawn(DistributionKind::Uniform, {0.1, 4.0}, 4);
  p.push_back(projection(cells(0), cells(1), ConnectorSpec::Rule::AllToAll, 5));
  p.push_back(projection(cells(0), cells(1), ConnectorSpec::Rule::FixedProbability, 6));
  p.back().connector.pConnect = 0.1;
  p.back().synapse.weight = drawn(DistributionKind::NormalClipped, {0.2, 0.1, 0.0, 1e300}, 7);
  p.back().synapse.delay = clippedDelay(8);
  p.push_back(projection(cells(0), cells(0), ConnectorSpec::Rule::FixedProbability, 9, SelfConnections::Forbid));
  p.back().connector.pConnect = 0.3;
  p.push_back(projection(cells(0), cells(0), ConnectorSpec::Rule::FixedProbability, 10, SelfConnections::Forbid));
  p.back().connector.pConnect = 1.0;
  p.push_back(projection(cells(1), cells(0), ConnectorSpec::Rule::FixedProbability, 11));
  p.back().connector.pConnect = 0.0;
  // Column lines (FixedNumberPre): rejection leftovers, whole copies plus a leftover, with replacement.
  p.push_back(fixedNumber(cells(0), cells(0), true, 7, false, 12, SelfConnections::Forbid));
  p.back().synapse.weight = normalWeight(13);
  p.back().synapse.delay = clippedDelay(14);
  p.push_back(fixedNumber(cells(0), cells(1), true, 130, false, 15));
  p.push_back(fixedNumber(cells(1), cells(0), true, 9, true, 16));
  p.back().synapse.weight = normalWeight(17);
  // Row lines (FixedNumberPost).
  p.push_back(fixedNumber(cells(0), cells(1), false, 20, false, 18));
  p.back().synapse.delay = clippedDelay(19);
  p.push_back(fixedNumber(cells(0), cells(0), false, 12, true, 20, SelfConnections::Forbid));
  p.back().synapse.weight = normalWeight(21);
  // FixedTotalNumber with replacement (the microcircuit's rule), on sub-ranges with forbidden self-connections.
  p.push_back(projection(cells(0), cells(0), ConnectorSpec::Rule::FixedTotalNumber, 22, SelfConnections::Forbid));
  p.back().connector.totalNumber = 700;
  p.back().connector.withReplacement = true;
  p.back().synapse.weight = normalWeight(23);
  p.back().synapse.delay = clippedDelay(24);
  p.push_back(projection(cells(0, 5, 40), cells(0, 20, 58), ConnectorSpec::Rule::FixedTotalNumber, 25,
                         SelfConnections::Forbid));
  p.back().connector.totalNumber = 300;
  p.back().connector.withReplacement = true;
  // Rows of 4096 unordered targets: the longest a block sorts in shared memory.
  p.push_back(fixedNumber(cells(3), cells(1), false, 4096, true, 26));
  p.back().synapse.weight = normalWeight(27);
  return n;
}

// The host backend with at most `limit` bytes per allocation, as a device with little free memory.
class SmallDevice final : public accel::StepBackend {
 public:
  explicit SmallDevice(size_t limit) : inner_(accel::makeHostStepBackend()), limit_(limit) {}
  std::string describe() const override { return "small device"; }
  void* allocate(size_t bytes) override {
    if (bytes > limit_) throw Error(ErrorCode::ResourceExhausted, "network", "too little device memory");
    return inner_->allocate(bytes);
  }
  void* allocateShared(size_t bytes, void** host) override { return inner_->allocateShared(bytes, host); }
  void release(void* memory) override { inner_->release(memory); }
  void upload(void* device, const void* host, size_t bytes) override { inner_->upload(device, host, bytes); }
  void download(void* host, const void* device, size_t bytes) override { inner_->download(host, device, bytes); }
  void zero(void* device, size_t bytes) override { inner_->zero(device, bytes); }
  void step(const accel::PopulationArgs* populations, const std::vector<accel::ModelGroup>& groups, const accel::StepArgs& args,
            const accel::SynapseArgs& synapses) override {
    inner_->step(populations, groups, args, synapses);
  }
  void settleStdp(const accel::SynapseArgs& synapses, uint32_t projection, uint32_t rows, int64_t until) override {
    inner_->settleStdp(synapses, projection, rows, until);
  }
  void gather(const accel::SampleArgs& args) override { inner_->gather(args); }
  void expand(accel::ExpansionKernel kernel, const accel::ExpansionArgs& args, uint32_t count) override {
    inner_->expand(kernel, args, count);
  }
  void sortRows(uint64_t* keys, const uint32_t* rowStart, uint32_t rows) override {
    inner_->sortRows(keys, rowStart, rows);
  }
  void synchronize() override { inner_->synchronize(); }

 private:
  std::unique_ptr<accel::StepBackend> inner_;
  size_t limit_;
};

}  // namespace

TEST(every_parallel_rule_gives_the_hosts_synapses_bit_for_bit) {
  const NetworkSpec spec = everyParallelRule();
  auto host = build(spec, nullptr);
  auto backend = accel::makeHostStepBackend();
  accel::DeviceExpander expander(*backend);
  auto device = build(spec, &expander);
  checkSameStores(*host->connectivity, *device->connectivity);
  CHECK(expander.projectionsBuilt() == spec.projections.size());
  CHECK(expander.projectionsGivenBack() == 0);
  CHECK(expander.synapsesBuilt() == host->connectivity->synapseCount());
  const auto last = static_cast<uint32_t>(spec.projections.size() - 1);
  const ProjectionStore& longRows = device->connectivity->projection(last);
  CHECK(longRows.rowStart.size() == 3 && longRows.rowStart[2] == 8192);
}

TEST(a_worker_pool_leaves_the_expander_its_projections_and_the_result_unchanged) {
  NetworkSpec spec = everyParallelRule();
  // One projection outside the form beside them, for the pool.
  spec.projections.push_back(projection(cells(0), cells(1), ConnectorSpec::Rule::DistanceDependentProbability, 30));
  spec.projections.back().connector.probabilities.rows = 60;
  spec.projections.back().connector.probabilities.cols = 45;
  spec.projections.back().connector.probabilities.values.assign(60 * 45, 0.2);
  auto host = build(spec, nullptr);
  auto backend = accel::makeHostStepBackend();
  accel::DeviceExpander expander(*backend);
  WorkerPool pool(2);
  auto device = build(spec, &expander, &pool);
  checkSameStores(*host->connectivity, *device->connectivity);
  CHECK(expander.projectionsBuilt() == spec.projections.size() - 1);
}

TEST(projections_outside_the_form_are_built_by_the_host) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 3;
  n.populations = {population("A", 50), population("B", 30)};
  // A leftover over half the candidates (the host's partial shuffle), a drawn n, FixedTotalNumber without
  // replacement, forbidden self-connections on a non-contiguous set, NoMutual, a weight array.
  n.projections.push_back(fixedNumber(cells(0), cells(1), false, 20, false, 1));
  n.projections.push_back(fixedNumber(cells(0), cells(1), true, 0, true, 2));
  n.projections.back().connector.n = drawn(DistributionKind::Poisson, {4.0}, 3);
  n.projections.push_back(projection(cells(0), cells(0), ConnectorSpec::Rule::FixedTotalNumber, 4));
  n.projections.back().connector.totalNumber = 100;
  n.projections.push_back(fixedNumber(indices(0, {1, 3, 4, 9, 20}), cells(0), false, 2, true, 5,
                                      SelfConnections::Forbid));
  n.projections.push_back(projection(cells(0), cells(0), ConnectorSpec::Rule::AllToAll, 6, SelfConnections::NoMutual));
  n.projections.push_back(projection(cells(1), cells(1), ConnectorSpec::Rule::AllToAll, 7));
  n.projections.back().synapse.weight.kind = ValueSpec::Kind::Array;
  n.projections.back().synapse.weight.array.assign(900, 0.5);
  // Unsorted rows longer than a block sorts: 4097 targets on a row, and FixedNumberPre rows of about 4500
  // (30 x 300 / 2).
  n.projections.push_back(fixedNumber(cells(0, 0, 2), cells(1), false, 4097, true, 9));
  n.projections.push_back(fixedNumber(cells(0, 0, 2), cells(1), true, 300, true, 10));
  // And one inside it, so that the test sees the expander used at all.
  n.projections.push_back(fixedNumber(cells(0), cells(1), false, 10, false, 8));
  auto host = build(n, nullptr);
  auto backend = accel::makeHostStepBackend();
  accel::DeviceExpander expander(*backend);
  auto device = build(n, &expander);
  checkSameStores(*host->connectivity, *device->connectivity);
  CHECK(expander.projectionsBuilt() == 1);
  CHECK(expander.projectionsGivenBack() == 2);
  CHECK(device->connectivity->projection(6).rowStart[1] == 4097);
  CHECK(device->connectivity->projection(7).rowStart[1] > 4096);
}

TEST(delays_past_the_compact_word_and_failed_draws_go_back_to_the_host) {
  NetworkSpec n;
  n.settings.timestep = 0.1;
  n.settings.seed = 4;
  n.populations = {population("A", 40), population("B", 40)};
  n.projections.push_back(projection(cells(0), cells(1), ConnectorSpec::Rule::FixedProbability, 1));
  n.projections.back().connector.pConnect = 0.2;
  // 40 post cells leave 26 delay bits: 2^26 steps of 0.1 ms is 6.7e6 ms.
  n.projections.back().synapse.delay = drawn(DistributionKind::Uniform, {1.0, 1.0e7}, 2);
  auto host = build(n, nullptr);
  auto backend = accel::makeHostStepBackend();
  accel::DeviceExpander expander(*backend);
  auto device = build(n, &expander);
  checkSameStores(*host->connectivity, *device->connectivity);
  CHECK(device->connectivity->projection(0).wide);
  CHECK(device->connectivity->notes().size() == 1);
  CHECK(expander.projectionsBuilt() == 0 && expander.projectionsGivenBack() == 1);

  // A build's error message, empty when it built.
  auto errorOf = [&](accel::DeviceExpander* withExpander) {
    try {
      build(n, withExpander);
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string();
  };

  // normal_clipped with no mass inside its bounds: the host's error, word for word.
  n.projections.back().synapse.delay = scalar(1.0);
  n.projections.back().synapse.weight = drawn(DistributionKind::NormalClipped, {0.0, 0.01, 5.0, 6.0}, 3);
  std::string hostError = errorOf(nullptr);
  accel::DeviceExpander second(*backend);
  CHECK(!hostError.empty());
  CHECK(hostError == errorOf(&second));
  CHECK(second.projectionsGivenBack() == 1);

  // Drawn delays shorter than the timestep: the host's error too (the device once clamped them to one step).
  n.projections.back().synapse.weight = scalar(0.01);
  n.projections.back().synapse.delay = drawn(DistributionKind::Uniform, {0.01, 0.3}, 5);
  hostError = errorOf(nullptr);
  accel::DeviceExpander third(*backend);
  CHECK(hostError.find("shorter than the timestep") != std::string::npos);
  CHECK(hostError == errorOf(&third));
  CHECK(third.projectionsGivenBack() == 1);
}



TEST(a_projection_whose_working_arrays_do_not_fit_the_device_is_built_by_the_host) {
  const NetworkSpec spec = everyParallelRule();
  auto host = build(spec, nullptr);
  // 16 KB per array: the small projections fit, AllToAll A->A (3540 connections: 28 KB of keys) and the larger
  // ones do not.
  SmallDevice device(16 << 10);
  accel::DeviceExpander expander(device);
  auto built = build(spec, &expander);
  checkSameStores(*host->connectivity, *built->connectivity);
  CHECK(expander.projectionsBuilt() > 0 && expander.projectionsGivenBack() > 0);
  CHECK(expander.projectionsBuilt() + expander.projectionsGivenBack() == spec.projections.size());
}
