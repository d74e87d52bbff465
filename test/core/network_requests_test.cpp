// The request decoders of simulator.proto: hand-encoded requests, checked against a small network, and
// resolvePerCell for scalar, array and distribution values.
#include <cmath>
#include <string>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/wire/wire_writer.h"

using namespace tsnn;

namespace {

NetworkSpec smallNetwork() {
  NetworkSpec net;
  net.settings.timestep = 0.1;
  PopulationSpec cells;
  cells.label = "cells";
  cells.size = 5;
  cells.cellType.name = "IF_cond_exp";
  cells.x = cells.y = cells.z = std::vector<double>(5, 0.0);
  PopulationSpec sources = cells;
  sources.label = "sources";
  sources.size = 2;
  sources.cellType.name = "SpikeSourceArray";
  sources.x = sources.y = sources.z = std::vector<double>(2, 0.0);
  net.populations = {cells, sources};
  validateNetwork(net);
  return net;
}

WireWriter rangeSelection(uint32_t population, uint32_t start, uint32_t stop) {
  WireWriter range;
  range.writeVarintField(1, start);
  range.writeVarintField(2, stop);
  range.writeVarintField(3, 1);
  WireWriter selection;
  selection.writeVarintField(1, population);
  selection.writeMessageField(3, range);
  return selection;
}

WireWriter mapEntry(const std::string& key, const WireWriter& value) {
  WireWriter entry;
  entry.writeStringField(1, key);
  entry.writeMessageField(2, value);
  return entry;
}

WireWriter arrayValue(std::vector<double> values) {
  WireWriter array;
  array.writePackedDouble(1, values.data(), values.size());
  WireWriter value;
  value.writeMessageField(2, array);
  return value;
}

std::string pathOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return e.path();
  }
  return "no error";
}

}  // namespace

TEST(run_request_fields) {
  WireWriter w;
  w.writeStringField(1, "session");
  w.writeVarintField(2, 10000);
  w.writeVarintField(3, 500);
  w.writeVarintField(4, 1000);
  const RunRequestSpec run = decodeRunRequest(w.bytes().data(), w.size());
  CHECK(run.steps == 10000 && run.progressEverySteps == 500 && run.chunkSteps == 1000);
}

TEST(set_parameters_checks_names_and_array_lengths) {
  const NetworkSpec net = smallNetwork();
  WireWriter ok;
  ok.writeMessageField(2, rangeSelection(0, 1, 4));
  ok.writeMessageField(3, mapEntry("tau_m", arrayValue({10, 11, 12})));
  const SetParametersSpec set = decodeSetParametersRequest(ok.bytes().data(), ok.size(), net);
  CHECK(set.cells.size() == 3 && set.parameters.at("tau_m").array[2] == 12);
  WireWriter unknown;
  unknown.writeMessageField(2, rangeSelection(0, 1, 4));
  unknown.writeMessageField(3, mapEntry("tau_x", arrayValue({10, 11, 12})));
  CHECK(pathOf([&] { decodeSetParametersRequest(unknown.bytes().data(), unknown.size(), net); }) == "request.parameters[\"tau_x\"]");
  WireWriter shortArray;
  shortArray.writeMessageField(2, rangeSelection(0, 1, 4));
  shortArray.writeMessageField(3, mapEntry("tau_m", arrayValue({10, 11})));
  CHECK(pathOf([&] { decodeSetParametersRequest(shortArray.bytes().data(), shortArray.size(), net); }) == "request.parameters[\"tau_m\"]");
  WireWriter outOfRange;
  outOfRange.writeMessageField(2, rangeSelection(0, 1, 9));
  CHECK(pathOf([&] { decodeSetParametersRequest(outOfRange.bytes().data(), outOfRange.size(), net); }) == "request.cells.range");
}

TEST(update_spike_times_only_for_spike_source_arrays) {
  const NetworkSpec net = smallNetwork();
  WireWriter sequence;
  const double times[] = {1.0, 2.0};
  sequence.writePackedDouble(1, times, 2);
  WireWriter list;
  list.writeMessageField(1, sequence);
  WireWriter ok;
  ok.writeMessageField(2, rangeSelection(1, 0, 2));
  ok.writeMessageField(3, list);
  const UpdateSpikeTimesSpec update = decodeUpdateSpikeTimesRequest(ok.bytes().data(), ok.size(), net);
  CHECK(update.spikeTimes.size() == 1 && update.spikeTimes[0][1] == 2.0);
  WireWriter wrong;
  wrong.writeMessageField(2, rangeSelection(0, 0, 2));
  wrong.writeMessageField(3, list);
  CHECK(pathOf([&] { decodeUpdateSpikeTimesRequest(wrong.bytes().data(), wrong.size(), net); }) == "request.cells.population");
}

TEST(recordings_and_connections_requests) {
  const NetworkSpec net = smallNetwork();
  WireWriter recording;
  recording.writeVarintField(1, 0);
  recording.writeStringField(2, "gsyn_inh");
  recording.writeMessageField(3, rangeSelection(0, 0, 5));
  WireWriter set;
  set.writeMessageField(2, recording);
  const SetRecordingSpec rec = decodeSetRecordingRequest(set.bytes().data(), set.size(), net);
  CHECK(rec.recordings.size() == 1 && rec.recordings[0].cells.size() == 5);
  WireWriter badVariable;
  recording = WireWriter();
  recording.writeVarintField(1, 1);
  recording.writeStringField(2, "v");
  recording.writeMessageField(3, rangeSelection(1, 0, 2));
  badVariable.writeMessageField(2, recording);
  CHECK(pathOf([&] { decodeSetRecordingRequest(badVariable.bytes().data(), badVariable.size(), net); }) == "request.recordings[0].variable");
  WireWriter connections;
  connections.writeVarintField(2, 0);
  CHECK(pathOf([&] { decodeGetConnectionsRequest(connections.bytes().data(), connections.size(), net); }) == "request.projection");

  // Repeats are refused: one 4 MB GetState of a million "v" once took 1.2 GB to answer (a fuzzed server).
  recording = WireWriter();
  recording.writeVarintField(1, 0);
  recording.writeStringField(2, "gsyn_inh");
  recording.writeMessageField(3, rangeSelection(0, 0, 5));
  WireWriter twice;
  twice.writeMessageField(2, recording);
  twice.writeMessageField(2, recording);
  CHECK(pathOf([&] { decodeSetRecordingRequest(twice.bytes().data(), twice.size(), net); }) == "request.recordings[1]");
  WireWriter state;
  state.writeMessageField(2, rangeSelection(0, 0, 5));
  state.writeStringField(3, "v");
  state.writeStringField(3, "tau_m");
  CHECK(decodeGetStateRequest(state.bytes().data(), state.size(), net).names.size() == 2);
  state.writeStringField(3, "v");
  CHECK(pathOf([&] { decodeGetStateRequest(state.bytes().data(), state.size(), net); }) == "request.names[2]");
}

TEST(resolve_per_cell_for_each_value_form) {
  ValueSpec scalar;
  scalar.kind = ValueSpec::Kind::Scalar;
  scalar.scalar = -65.0;
  const auto s = resolvePerCell(scalar, 3, 1, "v");
  CHECK(s.size() == 3 && s[2] == -65.0);
  ValueSpec dist;
  dist.kind = ValueSpec::Kind::Distribution;
  dist.distribution.params = validateDistribution(1, {-70.0, -60.0}, "v");
  const auto d = resolvePerCell(dist, 1000, 1, "v");
  const auto offset = resolvePerCell(dist, 10, 1, "v", 990);
  bool inRange = true;
  for (double x : d) inRange = inRange && x >= -70.0 && x < -60.0;
  CHECK(inRange);
  CHECK(offset[0] == d[990] && offset[9] == d[999]);  // a selection keeps the population's values
  ValueSpec array;
  array.kind = ValueSpec::Kind::Array;
  array.array = {1.0, 2.0};
  CHECK_THROWS_AS(resolvePerCell(array, 3, 1, "v"), Error);
}
