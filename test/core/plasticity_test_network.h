// A two-population network (pre spike sources -> IF_curr_exp post cells) with one FromList projection, for the
// plasticity tests: spikes are delivered straight into an input ring at chosen steps.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "network_spec_builders.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/network/network_spec.h"

namespace plasticity_testing {

using namespace tsnn;

using spec_builders::population;

struct TestNetwork {
  NetworkSpec network;
  ChannelLayout layout;
  std::unique_ptr<Connectivity> connectivity;
  InputBuffer input;
  uint32_t nPre = 0;

  // Moves the ring to `step` (spikes of that step are delivered while input.now() == step).
  void advanceTo(uint64_t step) {
    while (input.now() < step) {
      input.clearArriving();
      input.advance();
    }
  }
  // Input that pre cell `pre`'s spike now puts into post cell `post` (excitatory) after `delaySteps`.
  double deliveredTo(uint32_t post, uint32_t delaySteps) {
    return fromFixed(input.rowAfter(delaySteps)[layout.channelOf(nPre + post, 0)]);
  }
};

// pre cells i[k] -> post cells j[k] with the given weights, delays and synapse type.
inline std::unique_ptr<TestNetwork> build(uint32_t nPre, uint32_t nPost, std::vector<uint32_t> i, std::vector<uint32_t> j,
                                          double weight, double delay, SynapseSpec synapse) {
  auto t = std::make_unique<TestNetwork>();
  t->nPre = nPre;
  t->network.settings.timestep = 0.1;
  t->network.populations = {population("pre", nPre, "SpikeSourceArray"), population("post", nPost, "IF_curr_exp")};
  ProjectionSpec prj;
  SelectionSpec all;
  all.population = 0;
  prj.pre.parts.push_back(all);
  all.population = 1;
  prj.post.parts.push_back(all);
  prj.connector.rule = ConnectorSpec::Rule::FromList;
  prj.connector.listPre = std::move(i);
  prj.connector.listPost = std::move(j);
  synapse.weight.kind = ValueSpec::Kind::Scalar;
  synapse.weight.scalar = weight;
  synapse.delay.kind = ValueSpec::Kind::Scalar;
  synapse.delay.scalar = delay;
  prj.synapse = std::move(synapse);
  prj.receptorType = "excitatory";
  t->network.projections = {prj};
  validateNetwork(t->network);
  for (const auto& p : t->network.populations) t->layout.addPopulation(p.size, p.receptorTypes);
  t->connectivity = std::make_unique<Connectivity>(t->network, t->layout);
  t->input.configure(t->layout.channelCount(), t->connectivity->maxDelaySteps() + 1);
  return t;
}

inline ValueSpec scalar(double x) {
  ValueSpec v;
  v.kind = ValueSpec::Kind::Scalar;
  v.scalar = x;
  return v;
}

}  // namespace plasticity_testing
