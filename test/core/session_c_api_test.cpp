// Session round trips through the C API with hand-built tsnn.v1 bytes: Info, Run events (Progress, RecordedData
// chunks, RunComplete), a spike crossing a projection with its delay and giving the closed-form PSP, GetState,
// SetParameters, Reset reproducing a run, and errors as "CODE\tpath\tmessage" without exceptions.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/c_api.h"
#include "tsnn/error.h"
#include "tsnn/session/session.h"
#include "tsnn/wire/wire_reader.h"
#include "tsnn/wire/wire_writer.h"

using tsnn::WireReader;
using tsnn::WireType;
using tsnn::WireWriter;

// ---- building requests ------------------------------------------------------------------------------------------

static WireWriter scalarValue(double x) {
  WireWriter value;
  value.writeKey(1, 1);  // scalar, written even when 0
  uint64_t bits;
  std::memcpy(&bits, &x, 8);
  for (int k = 0; k < 8; ++k) value.bytes().push_back(static_cast<uint8_t>(bits >> (8 * k)));
  return value;
}

static WireWriter sequencesValue(const std::vector<double>& times) {
  WireWriter sequence, list, value;
  sequence.writePackedDouble(1, times.data(), times.size());
  list.writeMessageField(1, sequence);
  value.writeMessageField(5, list);
  return value;
}

static void mapEntry(WireWriter& message, uint32_t field, const std::string& key, const WireWriter& value) {
  WireWriter entry;
  entry.writeStringField(1, key);
  entry.writeMessageField(2, value);
  message.writeMessageField(field, entry);
}

static WireWriter selectAll(uint32_t population) {
  WireWriter selection;
  selection.writeVarintField(1, population);
  selection.writeBoolField(2, true);
  return selection;
}

static WireWriter population(const std::string& type, uint32_t size,
                             const std::vector<std::pair<std::string, WireWriter>>& parameters) {
  WireWriter cellType, positions, pop;
  cellType.writeStringField(1, type);
  for (const auto& p : parameters) mapEntry(cellType, 2, p.first, p.second);
  std::vector<double> x(size), zero(size, 0.0);
  for (uint32_t i = 0; i < size; ++i) x[i] = i;
  positions.writePackedDouble(1, x.data(), size);
  positions.writePackedDouble(2, zero.data(), size);
  positions.writePackedDouble(3, zero.data(), size);
  pop.writeStringField(1, type + "_pop");
  pop.writeVarintField(2, size);
  pop.writeMessageField(3, cellType);
  pop.writeMessageField(5, positions);
  return pop;
}

static WireWriter recording(uint32_t pop, const std::string& variable) {
  WireWriter r;
  r.writeVarintField(1, pop);
  r.writeStringField(2, variable);
  r.writeMessageField(3, selectAll(pop));
  return r;
}

static WireWriter dcSource(double amplitude, double start, double stop, uint32_t targetPopulation, bool record) {
  WireWriter source, targets, dc;
  targets.writeMessageField(1, selectAll(targetPopulation));
  dc.writeDoubleField(1, amplitude);
  dc.writeDoubleField(2, start);
  dc.writeDoubleField(3, stop);
  source.writeStringField(1, "dc");
  source.writeMessageField(2, targets);
  source.writeMessageField(10, dc);
  source.writeBoolField(20, record);
  return source;
}

// A SpikeSourceArray spiking at 1.0 ms -> OneToOne, 1 nA, delay 0.5 ms -> one IF_curr_exp cell.
// A static projection from population `pre` to `post` (all cells) onto the excitatory receptor; connectorField:
// the Connector oneof field (1 all_to_all, 2 one_to_one).
static WireWriter staticProjection(uint32_t preIndex, uint32_t postIndex, uint32_t connectorField, double weight,
                                   double delay) {
  WireWriter projection, pre, post, connector, synapse;
  pre.writeMessageField(1, selectAll(preIndex));
  post.writeMessageField(1, selectAll(postIndex));
  connector.writeMessageField(connectorField, WireWriter());
  synapse.writeMessageField(1, scalarValue(weight));
  synapse.writeMessageField(2, scalarValue(delay));
  synapse.writeMessageField(10, WireWriter());  // static_synapse
  projection.writeMessageField(2, pre);
  projection.writeMessageField(3, post);
  projection.writeMessageField(4, connector);
  projection.writeMessageField(5, synapse);
  projection.writeStringField(6, "excitatory");
  return projection;
}

static std::vector<uint8_t> smallNetwork(const std::string& targetType = "IF_curr_exp", bool withSource = false) {
  WireWriter settings, network;
  settings.writeDoubleField(1, 0.1);
  settings.writeVarintField(4, 1234);
  network.writeMessageField(1, settings);
  network.writeMessageField(2, population("SpikeSourceArray", 1, {{"spike_times", sequencesValue({1.0})}}));
  network.writeMessageField(2, population(targetType, 1, {{"tau_syn_E", scalarValue(2.0)}}));
  network.writeMessageField(3, staticProjection(0, 1, 2, 1.0, 0.5));  // one_to_one
  if (withSource) network.writeMessageField(4, dcSource(0.5, 5.0, 10.0, 1, true));
  network.writeMessageField(5, recording(1, "v"));
  network.writeMessageField(5, recording(0, "spikes"));
  return network.bytes();
}

static std::vector<uint8_t> runRequest(uint64_t steps, uint32_t progress, uint32_t chunk) {
  WireWriter request;
  request.writeVarintField(2, steps);
  request.writeVarintField(3, progress);
  request.writeVarintField(4, chunk);
  return request.bytes();
}

// ---- reading responses ------------------------------------------------------------------------------------------

struct RunResult {
  std::vector<uint64_t> progressSteps;
  std::vector<float> v;               // all samples of "v", in order
  std::vector<uint64_t> spikeSteps;   // of "spikes"
  std::vector<float> current;         // samples of a recorded current source
  uint64_t firstVSample = UINT64_MAX;
  int dataEvents = 0;
  uint64_t completeStep = 0, spikes = 0, events = 0;
};

static RunResult parseRun(const uint8_t* data, size_t size) {
  RunResult result;
  // Length-delimited framing: walk it by hand.
  size_t at = 0;
  while (at < size) {
    uint64_t length = 0;
    int shift = 0;
    while (true) {
      const uint8_t b = data[at++];
      length |= static_cast<uint64_t>(b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    WireReader event(data + at, length, "event");
    at += length;
    uint32_t field;
    WireType type;
    while (event.nextField(field, type)) {
      WireReader inner = event.readMessage("inner");
      uint32_t f;
      WireType t;
      if (field == 1) {
        while (inner.nextField(f, t)) {
          if (f == 1) result.progressSteps.push_back(inner.readVarint());
          else inner.skip(t);
        }
      } else if (field == 2) {
        ++result.dataEvents;
        std::string variable;
        std::vector<uint64_t> steps;
        std::vector<uint8_t> samples;
        uint64_t first = 0;
        bool isCurrentSource = false;
        while (inner.nextField(f, t)) {
          if (f == 2) variable = inner.readString();
          else if (f == 4) inner.readRepeatedUint64(t, steps);
          else if (f == 5) first = inner.readVarint();
          else if (f == 8) samples = inner.readBytes();
          else if (f == 9) isCurrentSource = inner.readBool();
          else inner.skip(t);
        }
        if (isCurrentSource) {
          const size_t old = result.current.size();
          result.current.resize(old + samples.size() / 4);
          std::memcpy(result.current.data() + old, samples.data(), samples.size());
        } else if (variable == "v") {
          if (result.firstVSample == UINT64_MAX) result.firstVSample = first;
          const size_t n = samples.size() / 4;
          const size_t old = result.v.size();
          result.v.resize(old + n);
          std::memcpy(result.v.data() + old, samples.data(), n * 4);
        }
        if (variable == "spikes") result.spikeSteps.insert(result.spikeSteps.end(), steps.begin(), steps.end());
      } else if (field == 3) {
        while (inner.nextField(f, t)) {
          if (f == 1) result.completeStep = inner.readVarint();
          else if (f == 3) result.spikes = inner.readVarint();
          else if (f == 4) result.events = inner.readVarint();
          else inner.skip(t);
        }
      }
    }
  }
  return result;
}

static RunResult callRun(tsnn_session* session, uint64_t steps, uint32_t progress, uint32_t chunk) {
  const auto request = runRequest(steps, progress, chunk);
  CHECK(tsnn_call(session, "Run", request.data(), request.size()) == 0);
  return parseRun(tsnn_response_data(session), tsnn_response_size(session));
}

// ---- tests ------------------------------------------------------------------------------------------------------

TEST(info_reports_sizes_and_delays) {
  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) {
    std::printf("  create failed: %s\n", tsnn_last_error());
    return;
  }
  CHECK(tsnn_call(session, "Info", nullptr, 0) == 0);
  WireReader info(tsnn_response_data(session), tsnn_response_size(session), "info");
  uint32_t field;
  WireType type;
  uint64_t neurons = 0, synapses = 0;
  double maxDelay = 0;
  std::string engine;
  while (info.nextField(field, type)) {
    if (field == 2) engine = info.readString();
    else if (field == 3) neurons = info.readVarint();
    else if (field == 4) synapses = info.readVarint();
    else if (field == 8) maxDelay = info.readDouble();
    else info.skip(type);
  }
  CHECK(engine == "cpu" && neurons == 2 && synapses == 1);
  CHECK_NEAR(maxDelay, 0.5, 1e-12);
  tsnn_session_destroy(session);
}

TEST(run_streams_progress_chunks_and_the_psp_of_a_delayed_spike) {
  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) return;
  const RunResult r = callRun(session, 300, 100, 40);
  CHECK((r.progressSteps == std::vector<uint64_t>{100, 200, 300}));
  CHECK(r.dataEvents >= 8);  // v flushed every 40 steps, spikes once
  CHECK(r.completeStep == 300 && r.spikes == 1 && r.events == 1);
  CHECK((r.spikeSteps == std::vector<uint64_t>{10}));
  CHECK(r.firstVSample == 0 && r.v.size() == 301);
  // Spike at step 10, delay 5 steps: the current jumps at step 15 and V moves from step 16 on, as
  // V(t) = w/cm (e^{-t/tau_m} - e^{-t/tau_s}) / (1/tau_s - 1/tau_m), t from step 15.
  CHECK(r.v[15] == -65.0f);
  for (uint64_t k = 16; k <= 300; k += 7) {
    const double t = (k - 15) * 0.1;
    const double expected = -65.0 + (std::exp(-t / 20.0) - std::exp(-t / 2.0)) / (1 / 2.0 - 1 / 20.0);
    CHECK_NEAR(r.v[k], expected, 1e-5);  // float32 samples
  }
  // Continuing: samples go on from 301 without repeating t = 30 ms.
  const RunResult more = callRun(session, 10, 0, 0);
  CHECK(more.firstVSample == 301 && more.v.size() == 10);
  tsnn_session_destroy(session);
}

TEST(reset_reproduces_the_run_and_get_state_reads_values) {
  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) return;
  const RunResult first = callRun(session, 100, 0, 0);
  CHECK(tsnn_call(session, "Reset", nullptr, 0) == 0);
  const RunResult second = callRun(session, 100, 0, 0);
  CHECK(first.v == second.v && first.spikeSteps == second.spikeSteps);

  WireWriter get;
  get.writeMessageField(2, selectAll(1));
  get.writeStringField(3, "tau_syn_E");
  get.writeStringField(3, "v");
  CHECK(tsnn_call(session, "GetState", get.bytes().data(), get.size()) == 0);
  WireReader response(tsnn_response_data(session), tsnn_response_size(session), "state");
  uint32_t field;
  WireType type;
  int entries = 0;
  while (response.nextField(field, type)) {
    WireReader entry = response.readMessage("entry");
    std::string key;
    std::vector<double> values;
    uint32_t f;
    WireType t;
    while (entry.nextField(f, t)) {
      if (f == 1) key = entry.readString();
      else if (f == 2) {
        WireReader array = entry.readMessage("array");
        uint32_t af;
        WireType at;
        while (array.nextField(af, at)) array.readRepeatedDouble(at, values);
      } else entry.skip(t);
    }
    ++entries;
    CHECK(values.size() == 1);
    if (key == "tau_syn_E") CHECK(values[0] == 2.0);
    if (key == "v") CHECK_NEAR(values[0], second.v.back(), 1e-5);
  }
  CHECK(entries == 2);
  tsnn_session_destroy(session);
}

TEST(set_parameters_changes_the_dynamics) {
  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) return;
  WireWriter set;
  set.writeMessageField(2, selectAll(1));
  mapEntry(set, 3, "i_offset", scalarValue(1.0));
  CHECK(tsnn_call(session, "SetParameters", set.bytes().data(), set.size()) == 0);
  const RunResult r = callRun(session, 10, 0, 0);
  // i_offset acts from the first step: V(t) = v_rest + R I (1 - e^{-t/tau_m}), R = 20 MOhm.
  CHECK_NEAR(r.v[10], -65.0 + 20.0 * (1 - std::exp(-1.0 / 20.0)), 1e-5);
  tsnn_session_destroy(session);
}

TEST(errors_cross_the_boundary_as_code_path_message) {
  const uint8_t garbage[] = {0xff, 0xff, 0xff};
  CHECK(tsnn_session_create(garbage, sizeof garbage) == nullptr);
  CHECK(std::string(tsnn_last_error()).rfind("INVALID_ARGUMENT\t", 0) == 0);

  const auto unsupported = smallNetwork("SpikeSourceInhGamma");
  CHECK(tsnn_session_create(unsupported.data(), unsupported.size()) == nullptr);
  const std::string error = tsnn_last_error();
  CHECK(error.rfind("INVALID_ARGUMENT\tnetwork.populations[1].cell_type", 0) == 0);

  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) return;
  CHECK(tsnn_call(session, "Fly", nullptr, 0) != 0);
  CHECK(std::string(tsnn_last_error()).find("unknown method 'Fly'") != std::string::npos);
  WireWriter set;
  set.writeMessageField(2, selectAll(1));
  mapEntry(set, 3, "tau_m", scalarValue(-3.0));
  CHECK(tsnn_call(session, "SetParameters", set.bytes().data(), set.size()) != 0);
  CHECK(std::string(tsnn_last_error()).find("tau_m") != std::string::npos);
  CHECK(tsnn_call(nullptr, "Info", nullptr, 0) != 0);
  tsnn_session_destroy(session);
}

TEST(current_source_changes_and_recording_between_runs) {
  const auto bytes = smallNetwork("IF_curr_exp", true);
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) {
    std::printf("  create failed: %s\n", tsnn_last_error());
    return;
  }
  const RunResult r = callRun(session, 150, 0, 0);
  CHECK(r.current.size() == 151);
  CHECK(r.current[49] == 0.0f && r.current[50] == 0.5f && r.current[99] == 0.5f && r.current[100] == 0.0f);
  // Before index 51 V is the PSP of the spike alone; the current moves it from index 51 on.
  auto psp = [](uint64_t k) {
    const double t = (k - 15) * 0.1;
    return -65.0 + (std::exp(-t / 20.0) - std::exp(-t / 2.0)) / (1 / 2.0 - 1 / 20.0);
  };
  CHECK_NEAR(r.v[50], psp(50), 1e-5);
  CHECK(r.v[51] > psp(51) + 1e-3);
  // Replace the source: 1 nA from 20 ms on.
  WireWriter change;
  change.writeVarintField(2, 0);
  change.writeMessageField(3, dcSource(1.0, 20.0, 1e12, 1, true));
  CHECK(tsnn_call(session, "SetCurrentSource", change.bytes().data(), change.size()) == 0);
  // Record only spikes of the target from now on: v stops.
  WireWriter recordings;
  recordings.writeMessageField(2, recording(1, "spikes"));
  CHECK(tsnn_call(session, "SetRecording", recordings.bytes().data(), recordings.size()) == 0);
  const RunResult later = callRun(session, 500, 0, 0);
  CHECK(later.v.empty());
  // Sample k of this run is step 151 + k: the new source is on from step 200.
  CHECK(later.current.size() == 500 && later.current[48] == 0.0f && later.current[49] == 1.0f);
  // V decays freely from step 150 to 200 (the synaptic current has died out), then 1 nA drives it from V0:
  // first spike at 20 + tau_m ln((RI - V0)/(RI - theta)) ms, RI = 20 mV, theta = 15 mV (relative to rest).
  CHECK(!later.spikeSteps.empty());
  if (!later.spikeSteps.empty()) {
    const double v0 = (r.v[150] + 65.0) * std::exp(-5.0 / 20.0);
    const double expected = 20.0 + 20.0 * std::log((20.0 - v0) / 5.0);
    const double t = later.spikeSteps[0] * 0.1;
    CHECK(t > expected - 0.05 && t < expected + 0.15);
  }
  tsnn_session_destroy(session);
}

TEST(update_spike_times_and_initialize_between_runs) {
  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) return;
  callRun(session, 100, 0, 0);  // the source spiked at 1 ms
  WireWriter update, list, sequence;
  const std::vector<double> times{5.0, 12.0};  // 5 ms is past: only 12 ms is emitted
  sequence.writePackedDouble(1, times.data(), times.size());
  list.writeMessageField(1, sequence);
  update.writeMessageField(2, selectAll(0));
  update.writeMessageField(3, list);
  CHECK(tsnn_call(session, "UpdateSpikeTimes", update.bytes().data(), update.size()) == 0);
  WireWriter init;
  init.writeMessageField(2, selectAll(1));
  mapEntry(init, 3, "v", scalarValue(-60.0));
  CHECK(tsnn_call(session, "Initialize", init.bytes().data(), init.size()) == 0);
  const RunResult r = callRun(session, 100, 0, 0);
  CHECK((r.spikeSteps == std::vector<uint64_t>{120}));
  CHECK(r.firstVSample == 101 && r.v.size() == 100);
  CHECK(r.v[0] < -60.0f && r.v[0] > -60.1f);  // one step of decay from the new value -60 mV towards rest
  // Initial values apply again at Reset.
  CHECK(tsnn_call(session, "Reset", nullptr, 0) == 0);
  const RunResult again = callRun(session, 5, 0, 0);
  CHECK(again.v[0] == -60.0f);
  tsnn_session_destroy(session);
}

TEST(set_synapse_values_moves_the_psp_and_get_connections_reads_them_back) {
  const auto bytes = smallNetwork();
  tsnn_session* session = tsnn_session_create(bytes.data(), bytes.size());
  CHECK(session != nullptr);
  if (session == nullptr) return;
  // Weight 2 nA and a delay of 3 ms (longer than any delay at build time: the ring must grow).
  WireWriter set;
  set.writeVarintField(2, 0);
  mapEntry(set, 3, "weight", scalarValue(2.0));
  mapEntry(set, 3, "delay", scalarValue(3.0));
  CHECK(tsnn_call(session, "SetSynapseValues", set.bytes().data(), set.size()) == 0);
  const RunResult r = callRun(session, 200, 0, 0);
  // Spike at step 10, delay 30 steps: the current jumps at step 40.
  CHECK(r.v[40] == -65.0f);
  for (uint64_t k = 41; k <= 200; k += 9) {
    const double t = (k - 40) * 0.1;
    CHECK_NEAR(r.v[k], -65.0 + 2.0 * (std::exp(-t / 20.0) - std::exp(-t / 2.0)) / (1 / 2.0 - 1 / 20.0), 1e-5);
  }
  WireWriter get;
  get.writeVarintField(2, 0);
  get.writeStringField(3, "weight");
  get.writeStringField(3, "delay");
  CHECK(tsnn_call(session, "GetConnections", get.bytes().data(), get.size()) == 0);
  const uint8_t* data = tsnn_response_data(session);
  const size_t size = tsnn_response_size(session);
  CHECK(size > 2 && data[0] + 1u == size);  // one length-delimited chunk
  WireReader chunk(data + 1, size - 1, "chunk");
  uint32_t field;
  WireType type;
  std::vector<uint32_t> pre, post;
  std::vector<std::vector<double>> values;
  uint64_t total = 0;
  while (chunk.nextField(field, type)) {
    if (field == 1) chunk.readRepeatedUint32(type, pre);
    else if (field == 2) chunk.readRepeatedUint32(type, post);
    else if (field == 3) {
      WireReader array = chunk.readMessage("values");
      values.emplace_back();
      uint32_t f;
      WireType t;
      while (array.nextField(f, t)) array.readRepeatedDouble(t, values.back());
    } else if (field == 4) total = chunk.readVarint();
    else chunk.skip(type);
  }
  CHECK((pre == std::vector<uint32_t>{0}) && (post == std::vector<uint32_t>{0}) && total == 1);
  CHECK(values.size() == 2 && values[0] == std::vector<double>{2.0} && values[1] == std::vector<double>{3.0});
  tsnn_session_destroy(session);
}

TEST(a_synapse_store_over_the_session_limit_is_resource_exhausted) {
  const auto bytes = smallNetwork();
  tsnn::SessionOptions options;
  options.maxConnectivityBytes = 1;
  bool refused = false;
  try {
    tsnn::Session session(bytes.data(), bytes.size(), options);
  } catch (const tsnn::Error& error) {
    refused = error.code() == tsnn::ErrorCode::ResourceExhausted;
  }
  CHECK(refused);
  options.maxConnectivityBytes = 1 << 20;
  tsnn::Session session(bytes.data(), bytes.size(), options);
  CHECK(session.network().populations.size() == 2);
}

// Five all-to-all projections of growing size between a 20-cell and a 60-cell population.
static std::vector<uint8_t> fiveProjections() {
  WireWriter settings, network;
  settings.writeDoubleField(1, 0.1);
  network.writeMessageField(1, settings);
  network.writeMessageField(2, population("IF_curr_exp", 20, {}));
  network.writeMessageField(2, population("IF_curr_exp", 60, {}));
  for (uint32_t k = 0; k < 5; ++k) network.writeMessageField(3, staticProjection(k % 2, k >= 2 ? 1 : 0, 1, 0.1, 1.0));
  return network.bytes();
}

static std::string buildError(const std::vector<uint8_t>& bytes, uint64_t maxBytes, uint32_t buildThreads) {
  tsnn::SessionOptions options;
  options.maxConnectivityBytes = maxBytes;
  options.buildThreads = buildThreads;
  try {
    tsnn::Session session(bytes.data(), bytes.size(), options);
    return "built " + std::to_string(session.network().projections.size());
  } catch (const tsnn::Error& error) {
    return error.path() + ": " + error.what();
  }
}

TEST(projections_built_on_several_threads_meet_the_byte_limit_where_one_thread_does) {
  const auto bytes = fiveProjections();
  // Projections need 20x20, 60x20, 20x60, 60x60 and 20x60 synapses of 8 bytes (plus 4 per row and one):
  // the running total passes 40000 bytes at projection 3, whatever order the threads expand them in.
  const std::string one = buildError(bytes, 40000, 0);
  CHECK(one.find("network.projections[3]") == 0);
  CHECK(one.find("RESOURCE_EXHAUSTED") != std::string::npos || one.find("more than the limit") != std::string::npos);
  CHECK(buildError(bytes, 40000, 2) == one);
  CHECK(buildError(bytes, 40000, 3) == one);
  CHECK(buildError(bytes, 1 << 20, 2) == "built 5");
}

// NEST's voltage orders (iaf_*: v_reset < v_thresh; aeif_*: v_thresh <= v_spike, v_reset < v_spike) hold for a
// request's parameters together; a refused request leaves every parameter it named as it was.
static std::string setParameters(tsnn::Session& session, const std::vector<std::pair<std::string, double>>& values) {
  WireWriter set;
  set.writeMessageField(2, selectAll(1));
  for (const auto& [name, value] : values) mapEntry(set, 3, name, scalarValue(value));
  try {
    session.call("SetParameters", set.bytes().data(), set.size());
    return "ok";
  } catch (const tsnn::Error& error) {
    return error.path() + ": " + error.what();
  }
}

TEST(voltage_orders_are_checked_per_request_and_a_refused_request_changes_nothing) {
  const auto bytes = smallNetwork();
  tsnn::Session session(bytes.data(), bytes.size());
  const tsnn::NeuronPopulation& cells = session.simulation().populations().at(1);
  // Defaults: v_reset -65, v_thresh -50. Raising v_reset alone past the threshold is refused, with the tau_m of
  // the same request.
  const std::string refused = setParameters(session, {{"tau_m", 5.0}, {"v_reset", -40.0}});
  CHECK(refused.find("request.parameters") == 0);
  CHECK(refused.find("IF_curr_exp needs v_reset < v_thresh, as NEST does; got v_reset -40 and v_thresh -50 (cell 0)") !=
        std::string::npos);
  CHECK(cells.get("tau_m", 0) == 20.0 && cells.get("v_reset", 0) == -65.0);
  CHECK(setParameters(session, {{"v_reset", -50.0}}).find("needs v_reset < v_thresh") != std::string::npos);
  // Both moved in one request: accepted.
  CHECK(setParameters(session, {{"v_reset", -40.0}, {"v_thresh", -30.0}}) == "ok");
  CHECK(cells.get("v_reset", 0) == -40.0 && cells.get("v_thresh", 0) == -30.0);
  // A range error of one parameter puts back the others of its request too.
  CHECK(setParameters(session, {{"tau_m", 7.0}, {"cm", -1.0}}).find("cm") != std::string::npos);
  CHECK(cells.get("tau_m", 0) == 20.0);

  const auto adexBytes = smallNetwork("EIF_cond_exp_isfa_ista");
  tsnn::Session adex(adexBytes.data(), adexBytes.size());
  // Defaults: v_reset -70.6, v_thresh -50.4, v_spike -40.
  CHECK(setParameters(adex, {{"v_thresh", -30.0}}).find("needs v_thresh <= v_spike") != std::string::npos);
  CHECK(setParameters(adex, {{"v_thresh", -40.0}}) == "ok");
  CHECK(setParameters(adex, {{"v_reset", -40.0}}).find("needs v_reset < v_spike") != std::string::npos);
  CHECK(setParameters(adex, {{"v_reset", -45.0}}) == "ok");  // above v_thresh is allowed, as in NEST's aeif

  // A network whose cells break the order is refused when it is built.
  WireWriter settings, network;
  settings.writeDoubleField(1, 0.1);
  network.writeMessageField(1, settings);
  network.writeMessageField(2, population("IF_curr_exp", 3, {{"v_reset", scalarValue(-40.0)}}));
  std::string error = "built";
  try {
    tsnn::Session built(network.bytes().data(), network.size());
  } catch (const tsnn::Error& e) {
    error = e.path() + ": " + e.what();
  }
  CHECK(error.find("network.populations[0].cell_type.parameters: ") == 0);
  CHECK(error.find("needs v_reset < v_thresh") != std::string::npos);
}
