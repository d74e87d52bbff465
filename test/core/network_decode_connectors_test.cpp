// Every connector, Space, synapse dynamics, current source and PointNeuron field as the TypeScript encoder
// (ts-proto, frontend/generated) writes it, decoded and then expanded: the field numbers of the C++ decoder are
// checked against the generated code, not against themselves.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"

using namespace tsnn;

namespace {

std::vector<uint8_t> fromHex(const std::string& hex) {
  std::vector<uint8_t> out;
  for (size_t k = 0; k + 1 < hex.size(); k += 2) out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(k, 2), nullptr, 16)));
  return out;
}

// Network.encode of /tmp/gen_fixture2.ts (see the checks below for its content): populations a (4 IF_cond_alpha,
// v per cell) and pn (2 PointNeuron LIF with AMPA/GABA cond_exp receptors); projections 0..6: FixedNumberPre
// (n ~ uniform_int(1, 3), NO_MUTUAL, with replacement), FromList with weight/delay columns, DistanceDependent
// (d < 2.5, FORBID, Space x-axis, scale 2, offset 0.5, periodic x [0, 4]), Array (diagonal), Clone of 3 with
// Tsodyks-Markram (U 0.3, tau_rec 200), SmallWorld (degree 1.5, rewiring 0.25, FORBID) with STDP spike-pair +
// Gutig, FixedTotalNumber 10 onto pn's GABA; current sources dc, step (recorded), noisy; a recording of
// pn 'GABA.gsyn'; an assembly of both populations.
const char* kFixtureHex =
    "0a26099a9999999999b93f119a9999999999c93f19000000000000144020092a076669787475726512a9010a016110041a3a0a0d49465f"
    "636f6e645f616c7068611a290a0176122412220a2000000000004050c000000000000050c00000000000804fc00000000000004fc02a66"
    "0a200000000000000000000000000000f03f00000000000000400000000000000840122000000000000000000000000000000000000000"
    "000000000000000000000000001a20000000000000000000000000000000000000000000000000000000000000000012ac010a02706e10"
    "021a6c0a0b506f696e744e6575726f6e12190a0c414d50412e7461755f73796e120909000000000000004012120a057461755f6d120909"
    "0000000000002e401a160a09414d50412e6773796e12090900000000000000002216080112080a04414d5041100212080a044741424110"
    "022a360a100000000000000000000000000000f03f1210000000000000000000000000000000001a100000000000000000000000000000"
    "00001a4b12040a0210011a040a021001222222200a1a221808021210000000000000f03f00000000000008401a022008100318012a0d0a"
    "09099a9999999999b93f5200320a657863697461746f72791a6a12040a0210011a040a02100122413a3f0a020003120201021a06776569"
    "6768741a0564656c617922120a10000000000000e03f000000000000d03f22120a10000000000000f03f00000000000000402a0d0a0909"
    "9a9999999999b93f5200320a657863697461746f72791a6712040a0210011a040a021001221942170a1322110807120210011a09090000"
    "00000000044018022a0d0a09099a9999999999b93f5200320a657863697461746f72793a23080111000000000000004019000000000000"
    "e03f2209110000000000001040220022001a4112040a0210011a040a02100122185a16080410041a100100000000010000000001000000"
    "00012a0d0a09099a9999999999b93f5200320a657863697461746f72791a4e12040a0210011a040a0210012204620208032a2e0a09099a"
    "9999999999c93f120909000000000000f03f5a160a0909333333333333d33f1209090000000000006940320a657863697461746f72791a"
    "7812040a0210011a040a02100122166a1409000000000000f83f11000000000000d03f18022a460a09097b14ae47e17a843f62390a160a"
    "09090000000000002e401a09097b14ae47e17a943f32161209099a9999999999a93f1a09099a9999999999d93f39000000000000f03f32"
    "0a657863697461746f72791a2b12040a0210011a060a040801100122063204080a18012a0d0a09099a9999999999b93f52003204474142"
    "4122270a02646312040a021001521b09000000000000e03f11000000000000244019000000000000344022350a047374657012040a0210"
    "0162240a10000000000000f03f000000000000004012109a9999999999b93f9a9999999999b9bfa0010122390a056e6f69736512060a04"
    "080110016a28099a9999999999b93f119a9999999999c93f210000000000005940299a9999999999c93f3202200c2a1308011209474142"
    "412e6773796e1a040801100132120a04626f7468120a0a0210010a0408011001";

}  // namespace

TEST(every_connector_decodes_with_the_generated_field_numbers) {
  const std::vector<uint8_t> bytes = fromHex(kFixtureHex);
  const NetworkSpec net = decodeNetwork(bytes.data(), bytes.size());
  CHECK(net.settings.minDelay == 0.2 && net.settings.maxDelay == 5.0 && net.settings.seed == 9);
  CHECK(net.settings.simulator == "fixture");
  const auto& v = net.populations[0].cellType.initialValues.at("v");
  CHECK(v.kind == ValueSpec::Kind::Array && v.array.size() == 4 && v.array[3] == -62.0);
  const PopulationSpec& pn = net.populations[1];
  CHECK(pn.cellType.hasPointNeuron && pn.cellType.pointNeuron.neuron == 1);
  CHECK(pn.receptorTypes.size() == 2 && pn.receptorTypes[1] == "GABA");
  CHECK(pn.cellType.parameters.at("AMPA.tau_syn").scalar == 2.0);
  CHECK(net.projections.size() == 7);

  const ConnectorSpec& fixedPre = net.projections[0].connector;
  CHECK(fixedPre.rule == ConnectorSpec::Rule::FixedNumberPre);
  CHECK(fixedPre.n.kind == ValueSpec::Kind::Distribution && fixedPre.n.distribution.params.kind == DistributionKind::UniformInt);
  CHECK(fixedPre.n.distribution.rng.stream == 8);
  CHECK(fixedPre.selfConnections == SelfConnections::NoMutual && fixedPre.withReplacement);

  const ConnectorSpec& list = net.projections[1].connector;
  CHECK(list.rule == ConnectorSpec::Rule::FromList && list.listPre.size() == 2 && list.listPost[1] == 2);
  CHECK(list.listColumnNames.size() == 2 && list.listColumnNames[1] == "delay" && list.listColumns[0][1] == 0.25);

  const ProjectionSpec& distance = net.projections[2];
  CHECK(distance.connector.rule == ConnectorSpec::Rule::DistanceDependentProbability);
  CHECK(distance.connector.selfConnections == SelfConnections::Forbid);
  CHECK(distance.connector.probabilityExpression.nodes.size() == 3);
  CHECK(distance.space.axes == 1 && distance.space.useAxis[0] && !distance.space.useAxis[1]);
  CHECK(distance.space.scaleFactor == 2.0 && distance.space.offset == 0.5);
  CHECK(distance.space.periodic[0] && !distance.space.periodic[1] && distance.space.boundaryMax[0] == 4.0);

  const ConnectorSpec& array = net.projections[3].connector;
  CHECK(array.rule == ConnectorSpec::Rule::Array && array.arrayRows == 4 && array.arrayMask.size() == 16 && array.arrayMask[5] == 1);

  const ProjectionSpec& clone = net.projections[4];
  CHECK(clone.connector.rule == ConnectorSpec::Rule::Clone && clone.connector.referenceProjection == 3);
  CHECK(clone.synapse.dynamics == "TsodyksMarkramSynapse");
  CHECK(clone.synapse.parameters.at("U").scalar == 0.3 && clone.synapse.parameters.at("tau_rec").scalar == 200.0);
  CHECK(clone.synapse.delay.scalar == 1.0);

  const ProjectionSpec& smallWorld = net.projections[5];
  CHECK(smallWorld.connector.rule == ConnectorSpec::Rule::SmallWorld);
  CHECK(smallWorld.connector.degree == 1.5 && smallWorld.connector.rewiring == 0.25);
  CHECK(smallWorld.synapse.dynamics == "STDPMechanism");
  CHECK(smallWorld.synapse.timingDependence == "SpikePairRule" && smallWorld.synapse.weightDependence == "GutigWeightDependence");
  CHECK(smallWorld.synapse.parameters.at("tau_plus").scalar == 15.0 && smallWorld.synapse.parameters.at("A_plus").scalar == 0.02);
  CHECK(smallWorld.synapse.parameters.at("w_max").scalar == 0.05 && smallWorld.synapse.parameters.at("mu_plus").scalar == 0.4);

  const ProjectionSpec& total = net.projections[6];
  CHECK(total.connector.rule == ConnectorSpec::Rule::FixedTotalNumber && total.connector.totalNumber == 10);
  CHECK(total.receptorType == "GABA");

  CHECK(net.currentSources.size() == 3);
  CHECK(net.currentSources[0].kind == CurrentSourceSpec::Kind::DC && net.currentSources[0].stop == 20.0);
  CHECK(net.currentSources[1].kind == CurrentSourceSpec::Kind::Step && net.currentSources[1].record);
  CHECK(net.currentSources[1].amplitudes[1] == -0.1);
  CHECK(net.currentSources[2].kind == CurrentSourceSpec::Kind::Noisy && net.currentSources[2].dt == 0.2);
  CHECK(net.currentSources[2].stdev == 0.2 && net.currentSources[2].rng.stream == 12);
  CHECK(net.recordings[0].variable == "GABA.gsyn");
  CHECK(net.assemblies.size() == 1 && net.assemblies[0].cells.size() == 6);
}

TEST(the_decoded_fixture_expands) {
  const std::vector<uint8_t> bytes = fromHex(kFixtureHex);
  NetworkSpec net = decodeNetwork(bytes.data(), bytes.size());
  ChannelLayout layout;
  for (const auto& p : net.populations) layout.addPopulation(p.size, p.receptorTypes);
  // As encoded, projection 0 asks NO_MUTUAL sources (pre index > post index) for post cell 3, which has none.
  try {
    Connectivity impossible(net, layout);
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::InvalidArgument && e.path() == "network.projections[0].connector.fixed_number_pre.n");
  }
  net.projections[0].connector.selfConnections = SelfConnections::Forbid;
  const Connectivity c(net, layout);
  CHECK(c.projectionSize(1) == 2);
  CHECK(c.projectionSize(3) == 4 && c.projectionSize(4) == 4);
  CHECK(c.projectionSize(6) == 10);
  // Distance rule: post x' = 2 (x + 0.5), folded as PyNN does (min(|diff|, period - |diff|), then squared, so a
  // difference beyond the period is not wrapped again); connect where d < 2.5 and the cells differ.
  std::vector<uint32_t> pre, post;
  c.indices(2, pre, post);
  uint64_t expected = 0;
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      double diff = std::fabs(i - 2.0 * (j + 0.5));
      diff = std::fmin(diff, 4.0 - diff);
      expected += (i != j && std::sqrt(diff * diff) < 2.5);
    }
  }
  CHECK(pre.size() == expected);
  // The clone carries Tsodyks-Markram values; tau_facil keeps PyNN's default.
  CHECK(c.values(4, "U", "U")[0] == 0.3 && c.values(4, "tau_facil", "t")[0] == 0.0);
  // Delays of projection 0 default to min_delay (0.2 ms = 2 steps); FromList delays 1 and 2 ms.
  CHECK(std::fabs(c.values(0, "delay", "d")[0] - 0.2) < 1e-12);
  CHECK(c.maxDelaySteps() == 20);
}

TEST(unknown_fields_are_skipped) {
  std::vector<uint8_t> bytes = fromHex(kFixtureHex);
  // field 99 varint 7, field 100 length-delimited "xyz", field 101 fixed32
  const uint8_t extra[] = {0x98, 0x06, 0x07, 0xa2, 0x06, 0x03, 'x', 'y', 'z', 0xad, 0x06, 1, 2, 3, 4};
  bytes.insert(bytes.end(), extra, extra + sizeof extra);
  const NetworkSpec net = decodeNetwork(bytes.data(), bytes.size());
  CHECK(net.projections.size() == 7);
}
