// decodeNetwork against bytes produced by the generated TypeScript encoder (ts-proto, frontend/generated), and
// its validation: field paths of bad values, and a few thousand truncated, mutated and random byte strings that
// must all end in INVALID_ARGUMENT or a valid decode, never a crash.
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/philox.h"
#include "tsnn/wire/wire_writer.h"

using namespace tsnn;

namespace {

std::vector<uint8_t> fromHex(const std::string& hex) {
  std::vector<uint8_t> out;
  for (size_t k = 0; k + 1 < hex.size(); k += 2) out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(k, 2), nullptr, 16)));
  return out;
}

// Network.encode(...) of ts-proto for: settings {timestep 0.1, seed 42}; populations exc (3 IF_curr_exp, tau_m 10,
// x = 0,1,2) and src (2 SpikeSourceArray, spike_times [[1, 2.5]]); projection src -> exc[0:3:2], FixedProbability
// 0.5 FORBID with rng {NUMPY, seed 7, stream 3}, weight normal(0.5, 0.1) stream 4, delay 1.5, static,
// 'excitatory'; recording exc 'v' cells [0, 2] every 0.2 ms.
const char* kFixtureHex =
    "0a0b099a9999999999b93f202a127a0a0365786310031a210a0b49465f637572725f65787012120a057461755f6d1209090000000000"
    "0024402a4e0a180000000000000000000000000000f03f00000000000000401218000000000000000000000000000000000000000000"
    "0000001a18000000000000000000000000000000000000000000000000127a0a0373726310021a390a105370696b65536f7572636541"
    "7272617912250a0b7370696b655f74696d657312162a140a120a10000000000000f03f00000000000004402a360a1000000000000000"
    "00000000000000f03f1210000000000000000000000000000000001a10000000000000000000000000000000001a6e0a09737263e286"
    "9265786312060a04080110011a080a061a041003180222181a0b09000000000000e03f1002a2010808011001180720032a290a1a2218"
    "08031210000000000000e03f9a9999999999b93f1a022004120909000000000000f83f5200320a657863697461746f72792a14120176"
    "1a0622040a020002219a9999999999c93f";

std::string errorPath(const std::vector<uint8_t>& bytes) {
  try {
    decodeNetwork(bytes.data(), bytes.size());
  } catch (const Error& e) {
    return e.code() == ErrorCode::InvalidArgument ? e.path() : "wrong code";
  }
  return "no error";
}

// A small valid network built with the writer, with hooks to break one thing at a time.
struct Builder {
  double timestep = 0.1;
  std::string cellType = "IF_cond_exp";
  std::string parameter = "tau_m";
  double pConnect = 0.2;
  uint32_t rangeStop = 4;
  std::string receptor = "inhibitory";
  std::string recordVariable = "gsyn_exc";
  uint32_t positions = 4;
  uint64_t weightSign = 0;  // tsnn.v1.Projection.weight_sign; 0 is not written (proto3's default)

  std::vector<uint8_t> build() const {
    WireWriter settings;
    settings.writeDoubleField(1, timestep);
    WireWriter scalar;
    scalar.writeKey(1, 1);
    const double tau = 12.0;
    scalar.writeRaw(reinterpret_cast<const uint8_t*>(&tau), 8);
    WireWriter entry;
    entry.writeStringField(1, parameter);
    entry.writeMessageField(2, scalar);
    WireWriter cell;
    cell.writeStringField(1, cellType);
    cell.writeMessageField(2, entry);
    std::vector<double> xs(positions, 0.0);
    WireWriter pos;
    pos.writePackedDouble(1, xs.data(), xs.size());
    pos.writePackedDouble(2, xs.data(), xs.size());
    pos.writePackedDouble(3, xs.data(), xs.size());
    WireWriter population;
    population.writeStringField(1, "p");
    population.writeVarintField(2, 4);
    population.writeMessageField(3, cell);
    population.writeMessageField(5, pos);
    WireWriter range;
    range.writeVarintField(1, 0);
    range.writeVarintField(2, rangeStop);
    range.writeVarintField(3, 1);
    WireWriter selection;
    selection.writeMessageField(3, range);
    WireWriter cells;
    cells.writeMessageField(1, selection);
    WireWriter rule;
    rule.writeDoubleField(1, pConnect);
    WireWriter connector;
    connector.writeMessageField(3, rule);
    WireWriter projection;
    projection.writeMessageField(2, cells);
    projection.writeMessageField(3, cells);
    projection.writeMessageField(4, connector);
    projection.writeStringField(6, receptor);
    if (weightSign != 0) projection.writeVarintField(9, weightSign);
    WireWriter recording;
    recording.writeStringField(2, recordVariable);
    WireWriter network;
    network.writeMessageField(1, settings);
    network.writeMessageField(2, population);
    network.writeMessageField(3, projection);
    network.writeMessageField(5, recording);
    return network.bytes();
  }
};

}  // namespace

TEST(decodes_the_typescript_encoders_bytes) {
  const std::vector<uint8_t> bytes = fromHex(kFixtureHex);
  const NetworkSpec net = decodeNetwork(bytes.data(), bytes.size());
  CHECK(net.settings.timestep == 0.1);
  CHECK(net.settings.seed == 42);
  CHECK(net.populations.size() == 2);
  CHECK(net.totalNeurons == 5);
  const PopulationSpec& exc = net.populations[0];
  CHECK(exc.label == "exc" && exc.size == 3 && exc.cellType.name == "IF_curr_exp");
  CHECK(exc.cellType.parameters.at("tau_m").kind == ValueSpec::Kind::Scalar);
  CHECK(exc.cellType.parameters.at("tau_m").scalar == 10.0);
  CHECK(exc.x.size() == 3 && exc.x[2] == 2.0);
  CHECK(exc.receptorTypes.size() == 2 && exc.receptorTypes[1] == "inhibitory");
  const PopulationSpec& src = net.populations[1];
  CHECK(src.firstGlobal == 3);
  const ValueSpec& times = src.cellType.parameters.at("spike_times");
  CHECK(times.kind == ValueSpec::Kind::Sequences && times.sequences.size() == 1);
  CHECK(times.sequences[0].size() == 2 && times.sequences[0][1] == 2.5);
  CHECK(net.projections.size() == 1);
  const ProjectionSpec& prj = net.projections[0];
  CHECK(prj.label == "src\xe2\x86\x92" "exc");
  CHECK(prj.pre.size() == 2 && prj.post.size() == 2);
  uint32_t pop, index;
  prj.post.locate(1, pop, index);
  CHECK(pop == 0 && index == 2);
  CHECK(prj.connector.rule == ConnectorSpec::Rule::FixedProbability);
  CHECK(prj.connector.pConnect == 0.5);
  CHECK(prj.connector.selfConnections == SelfConnections::Forbid);
  CHECK(prj.connector.rng.hasSeed && prj.connector.rng.seed == 7 && prj.connector.rng.stream == 3);
  CHECK(prj.synapse.weight.kind == ValueSpec::Kind::Distribution);
  CHECK(prj.synapse.weight.distribution.params.kind == DistributionKind::Normal);
  CHECK(prj.synapse.weight.distribution.params.p[1] == 0.1);
  CHECK(prj.synapse.weight.distribution.rng.stream == 4 && !prj.synapse.weight.distribution.rng.hasSeed);
  CHECK(prj.synapse.delay.scalar == 1.5);
  CHECK(prj.synapse.dynamics == "StaticSynapse");
  CHECK(prj.receptorType == "excitatory");
  CHECK(net.recordings.size() == 1 && net.recordings[0].variable == "v");
  CHECK(net.recordings[0].cells.size() == 2 && net.recordings[0].cells.at(1) == 2);
  CHECK(net.recordings[0].samplingInterval == 0.2);
}

TEST(the_builder_network_is_valid) {
  const auto bytes = Builder().build();
  const NetworkSpec net = decodeNetwork(bytes.data(), bytes.size());
  CHECK(net.projections.size() == 1 && net.projections[0].connector.pConnect == 0.2);
}

TEST(bad_values_are_reported_with_their_field_path) {
  Builder b;
  b.timestep = 0;
  CHECK(errorPath(b.build()) == "network.settings.timestep");
  b = Builder();
  b.cellType = "IF_curr_expo";
  CHECK(errorPath(b.build()) == "network.populations[0].cell_type.name");
  b = Builder();
  b.parameter = "tau_mm";
  CHECK(errorPath(b.build()) == "network.populations[0].cell_type.parameters[\"tau_mm\"]");
  b = Builder();
  b.pConnect = 1.5;
  CHECK(errorPath(b.build()) == "network.projections[0].connector.fixed_probability.p_connect");
  b = Builder();
  b.rangeStop = 5;
  CHECK(errorPath(b.build()) == "network.projections[0].pre.parts[0].range");
  b = Builder();
  b.receptor = "AMPA";
  CHECK(errorPath(b.build()) == "network.projections[0].receptor_type");
  b = Builder();
  b.recordVariable = "w";
  CHECK(errorPath(b.build()) == "network.recordings[0].variable");
  b = Builder();
  b.positions = 3;
  CHECK(errorPath(b.build()) == "network.populations[0].positions.x");
  b = Builder();
  b.pConnect = NAN;
  CHECK(errorPath(b.build()) == "network.projections[0].connector.fixed_probability.p_connect");
}

TEST(the_weight_sign_is_decoded_and_an_unknown_one_refused) {
  Builder b;
  b.weightSign = 2;
  const auto bytes = b.build();
  CHECK(decodeNetwork(bytes.data(), bytes.size()).projections[0].weightSign == ProjectionSpec::WeightSign::NonPositive);
  CHECK(Builder().build() != bytes);
  const auto unset = Builder().build();
  CHECK(decodeNetwork(unset.data(), unset.size()).projections[0].weightSign == ProjectionSpec::WeightSign::Any);
  b.weightSign = 3;
  CHECK(errorPath(b.build()) == "network.projections[0].weight_sign");
}

TEST(unsupported_cell_type_names_the_engine) {
  const auto bytes = Builder().build();
  DecodeOptions options;
  options.supportedCellTypes = {"IF_curr_exp"};
  try {
    decodeNetwork(bytes.data(), bytes.size(), options);
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.path() == "network.populations[0].cell_type.name");
    CHECK(e.message() == "cell type IF_cond_exp is not supported by this engine");
  }
}

TEST(truncated_mutated_and_random_bytes_never_crash) {
  const std::vector<uint8_t> fixture = fromHex(kFixtureHex);
  int invalid = 0, valid = 0, other = 0;
  auto attempt = [&](const std::vector<uint8_t>& bytes) {
    try {
      decodeNetwork(bytes.data(), bytes.size());
      ++valid;
    } catch (const Error& e) {
      (e.code() == ErrorCode::InvalidArgument ? invalid : other)++;
    } catch (...) {
      ++other;
    }
  };
  // Every truncation of a valid message.
  for (size_t n = 0; n < fixture.size(); ++n) attempt(std::vector<uint8_t>(fixture.begin(), fixture.begin() + n));
  // Single and triple byte mutations, and random strings (Philox-driven, fixed seed).
  for (uint32_t k = 0; k < 3000; ++k) {
    const Philox4x32 r = philoxDraw(2024, 1, k, 0);
    std::vector<uint8_t> bytes = fixture;
    for (int m = 0; m < (k % 2 ? 1 : 3); ++m) {
      const Philox4x32 q = philoxDraw(2024, 2, k, m);
      bytes[q.v[0] % bytes.size()] = static_cast<uint8_t>(q.v[1]);
    }
    attempt(bytes);
    std::vector<uint8_t> noise(r.v[0] % 64);
    for (size_t b = 0; b < noise.size(); ++b) noise[b] = static_cast<uint8_t>(philoxDraw(2024, 3, k, static_cast<uint32_t>(b)).v[0]);
    attempt(noise);
  }
  CHECK(other == 0);
  CHECK(invalid > 3000);
  CHECK(valid >= 1);  // the full-length truncation loop stops one short; mutations of padding bytes stay valid
}
