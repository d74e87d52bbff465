#include "memory_estimate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace tsnn::server {
namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

uint64_t add(uint64_t a, uint64_t b) { return a > kMax - b ? kMax : a + b; }
uint64_t mul(uint64_t a, uint64_t b) { return (a != 0 && b > kMax / a) ? kMax : a * b; }
uint64_t fromDouble(double x) {
  if (!(x > 0)) return 0;
  if (x >= 1.8e19) return kMax;
  return static_cast<uint64_t>(std::ceil(x));
}

uint64_t selectionSize(const tsnn::v1::Selection& s, const tsnn::v1::Network& network) {
  switch (s.cells_case()) {
    case tsnn::v1::Selection::kAll:
      return s.population() < static_cast<uint32_t>(network.populations_size()) ? network.populations(s.population()).size() : 0;
    case tsnn::v1::Selection::kRange: {
      const auto& r = s.range();
      const uint64_t step = std::max<uint32_t>(r.step(), 1);
      return r.stop() > r.start() ? (uint64_t{r.stop()} - r.start() + step - 1) / step : 0;
    }
    case tsnn::v1::Selection::kIndices:
      return static_cast<uint64_t>(s.indices().values_size());
    default:
      return 0;
  }
}

uint64_t cellSetSize(const tsnn::v1::CellSet& set, const tsnn::v1::Network& network) {
  uint64_t n = 0;
  for (const auto& part : set.parts()) n = add(n, selectionSize(part, network));
  return n;
}

uint64_t matrixSum(const tsnn::v1::DoubleMatrix& m) {
  double sum = 0;
  for (double p : m.values()) {
    if (p > 0) sum += std::min(p, 1.0);
  }
  return fromDouble(sum);
}

// Connections per source for a count given as a Value: a scalar, or a distribution's first parameter (the mean of
// the usual choices, or the low end), or nothing known.
double countValue(const tsnn::v1::Value& value) {
  if (value.kind_case() == tsnn::v1::Value::kScalar) return value.scalar();
  if (value.kind_case() == tsnn::v1::Value::kDistribution && value.distribution().parameters_size() > 0) {
    return std::fabs(value.distribution().parameters(0));
  }
  return 0;
}

uint64_t expectedConnections(const tsnn::v1::Network& network, int k, std::vector<uint64_t>& known) {
  const auto& prj = network.projections(k);
  const uint64_t nPre = cellSetSize(prj.pre(), network);
  const uint64_t nPost = cellSetSize(prj.post(), network);
  const uint64_t pairs = mul(nPre, nPost);
  const auto& c = prj.connector();
  switch (c.rule_case()) {
    case tsnn::v1::Connector::kAllToAll: return pairs;
    case tsnn::v1::Connector::kOneToOne: return std::min(nPre, nPost);
    case tsnn::v1::Connector::kFixedProbability:
      return fromDouble(std::min(std::max(c.fixed_probability().p_connect(), 0.0), 1.0) * static_cast<double>(pairs));
    case tsnn::v1::Connector::kFixedNumberPre: return mul(fromDouble(countValue(c.fixed_number_pre().n())), nPost);
    case tsnn::v1::Connector::kFixedNumberPost: return mul(fromDouble(countValue(c.fixed_number_post().n())), nPre);
    case tsnn::v1::Connector::kFixedTotalNumber: return c.fixed_total_number().n();
    case tsnn::v1::Connector::kFromList: return static_cast<uint64_t>(c.from_list().pre_size());
    case tsnn::v1::Connector::kDistanceDependentProbability:
      return matrixSum(c.distance_dependent_probability().probabilities());
    case tsnn::v1::Connector::kIndexBasedProbability: return matrixSum(c.index_based_probability().probabilities());
    case tsnn::v1::Connector::kDisplacementDependentProbability:
      return matrixSum(c.displacement_dependent_probability().probabilities());
    case tsnn::v1::Connector::kArray: {
      uint64_t n = 0;
      for (char byte : c.array().mask()) n += byte != 0;
      return n;
    }
    case tsnn::v1::Connector::kClone: {
      const uint32_t ref = c.clone().reference_projection();
      return ref < static_cast<uint32_t>(k) ? known[ref] : 0;
    }
    case tsnn::v1::Connector::kSmallWorld: return c.small_world().n_connections();
    default: return 0;
  }
}

// Per-connection values kept beside the weight: the dynamics' state and parameters.
uint64_t valuesPerConnection(const tsnn::v1::Synapse& synapse) {
  switch (synapse.dynamics_case()) {
    case tsnn::v1::Synapse::kTsodyksMarkram: return 4;
    case tsnn::v1::Synapse::kStochasticTsodyksMarkram: return 4;
    case tsnn::v1::Synapse::kStdp: return 3;
    case tsnn::v1::Synapse::kSimpleStochastic: return 1;
    case tsnn::v1::Synapse::kMultiQuantal: return 5;
    default: return 0;
  }
}

}  // namespace

MemoryEstimate estimateMemory(const tsnn::v1::Network& network) {
  MemoryEstimate estimate;
  for (const auto& population : network.populations()) estimate.neurons = add(estimate.neurons, population.size());
  uint64_t parameterValues = 0;
  for (const auto& population : network.populations()) {
    const uint64_t perCell = static_cast<uint64_t>(population.cell_type().parameters_size() + population.cell_type().initial_values_size());
    parameterValues = add(parameterValues, mul(perCell, population.size()));
  }
  std::vector<uint64_t> known(static_cast<size_t>(network.projections_size()), 0);
  uint64_t synapseBytes = 0;
  uint64_t fanOut = 0;
  for (int k = 0; k < network.projections_size(); ++k) {
    known[k] = expectedConnections(network, k, known);
    estimate.connections = add(estimate.connections, known[k]);
    const uint64_t perConnection = kBytesPerConnection + kBytesPerSynapseValue * valuesPerConnection(network.projections(k).synapse());
    synapseBytes = add(synapseBytes, mul(known[k], perConnection));
    fanOut = add(fanOut, mul(cellSetSize(network.projections(k).pre(), network), 8));
  }
  estimate.bytes = add(add(mul(estimate.neurons, kBytesPerNeuron), mul(parameterValues, 8)), add(synapseBytes, fanOut));
  return estimate;
}

}  // namespace tsnn::server
