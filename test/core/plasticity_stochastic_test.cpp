// Stochastic synapses: transmission fractions over many synapses and spikes fall within binomial bounds computed
// here (mean ± 5 sd, fixed seed), for SimpleStochasticSynapse (p), StochasticTsodyksMarkramSynapse (release with
// probability U once recovered; never again without recovery) and MultiQuantalSynapse (n sites releasing with
// probability U, weight per released site); draws are keyed by (projection, synapse, step), so they repeat exactly.
#include <cmath>
#include <vector>

#include "plasticity_test_network.h"
#include "testing.h"
#include "tsnn/error.h"

using namespace tsnn;
using namespace plasticity_testing;

namespace {

constexpr uint32_t kSynapses = 1000;  // pre cell 0 -> post cells 0..999
constexpr double kWeight = 0.25;

std::unique_ptr<TestNetwork> fanOut(SynapseSpec synapse) {
  std::vector<uint32_t> i(kSynapses, 0), j(kSynapses);
  for (uint32_t k = 0; k < kSynapses; ++k) j[k] = k;
  return build(1, kSynapses, i, j, kWeight, 0.1, std::move(synapse));
}

// Per spike of a train (one spike every `interval` steps), the released multiples of the weight per synapse.
std::vector<std::vector<double>> releases(TestNetwork& t, int spikes, uint64_t interval) {
  std::vector<std::vector<double>> out;
  for (int n = 0; n < spikes; ++n) {
    t.advanceTo(interval * static_cast<uint64_t>(n + 1));
    t.connectivity->deliver(0, t.input);
    std::vector<double> row(kSynapses);
    for (uint32_t j = 0; j < kSynapses; ++j) row[j] = t.deliveredTo(j, 1) / kWeight;
    out.push_back(row);
  }
  return out;
}

bool withinBinomial(double successes, double trials, double p) {
  const double sd = std::sqrt(trials * p * (1.0 - p));
  return std::fabs(successes - trials * p) <= 5.0 * sd;
}

double total(const std::vector<double>& xs) {
  double sum = 0.0;
  for (double x : xs) sum += x;
  return sum;
}

}  // namespace

TEST(simple_stochastic_transmits_with_probability_p) {
  SynapseSpec s;
  s.dynamics = "SimpleStochasticSynapse";
  s.parameters["p"] = scalar(0.3);
  auto t = fanOut(s);
  const auto got = releases(*t, 10, 100);
  double sum = 0.0;
  for (const auto& row : got) {
    for (double x : row) CHECK(x == 0.0 || x == 1.0);
    sum += total(row);
  }
  CHECK(withinBinomial(sum, 10.0 * kSynapses, 0.3));
  // Each spike draws afresh: consecutive spikes do not repeat the same pattern.
  CHECK(got[0] != got[1]);
  // The same network draws the same outcomes.
  auto again = fanOut(s);
  CHECK(releases(*again, 10, 100) == got);
}

TEST(stochastic_tsodyks_markram_releases_with_probability_U_and_needs_recovery) {
  SynapseSpec s;
  s.dynamics = "StochasticTsodyksMarkramSynapse";
  s.parameters["U"] = scalar(0.4);
  s.parameters["tau_rec"] = scalar(1.0);  // recovered with probability 1 - e^{-100} between spikes 100 ms apart
  s.parameters["tau_facil"] = scalar(0.0);
  auto t = fanOut(s);
  double sum = 0.0;
  for (const auto& row : releases(*t, 8, 1000)) sum += total(row);
  CHECK(withinBinomial(sum, 8.0 * kSynapses, 0.4));

  // Without recovery a site releases once at most: after k spikes, released with probability 1 - (1 - U)^k.
  s.parameters["tau_rec"] = scalar(1e12);
  auto never = fanOut(s);
  const auto got = releases(*never, 3, 1000);
  double once = 0.0;
  for (uint32_t j = 0; j < kSynapses; ++j) {
    const double n = got[0][j] + got[1][j] + got[2][j];
    CHECK(n <= 1.0);
    once += n;
  }
  CHECK(withinBinomial(once, kSynapses, 1.0 - std::pow(0.6, 3)));
}

TEST(multi_quantal_releases_binomially_from_n_sites) {
  SynapseSpec s;
  s.dynamics = "MultiQuantalSynapse";
  s.parameters["U"] = scalar(0.3);
  s.parameters["n"] = scalar(4.0);
  s.parameters["tau_rec"] = scalar(1.0);
  s.parameters["tau_facil"] = scalar(0.0);
  auto t = fanOut(s);
  double sites = 0.0;
  for (const auto& row : releases(*t, 6, 1000)) {
    for (double x : row) CHECK(x >= 0.0 && x <= 4.0 && x == std::floor(x));
    sites += total(row);
  }
  // Every site has recovered before each spike: 4 Bernoulli(U) sites per synapse and spike.
  CHECK(withinBinomial(sites, 6.0 * 4.0 * kSynapses, 0.3));

  // Without recovery, the four sites of a synapse are spent once: at most 4 released over the whole train.
  s.parameters["tau_rec"] = scalar(1e12);
  auto never = fanOut(s);
  const auto got = releases(*never, 5, 1000);
  double spent = 0.0;
  for (uint32_t j = 0; j < kSynapses; ++j) {
    double n = 0.0;
    for (const auto& row : got) n += row[j];
    CHECK(n <= 4.0);
    spent += n;
  }
  CHECK(withinBinomial(spent, 4.0 * kSynapses, 1.0 - std::pow(0.7, 5)));
}

TEST(probabilities_outside_zero_one_are_refused) {
  SynapseSpec s;
  s.dynamics = "SimpleStochasticSynapse";
  s.parameters["p"] = scalar(1.5);
  CHECK_THROWS_AS(fanOut(s), Error);
}

TEST(set_synapse_values_refuses_bad_values_and_leaves_the_projection_unchanged) {
  SynapseSpec s;
  s.dynamics = "MultiQuantalSynapse";
  s.parameters["n"] = scalar(2.0);
  auto t = fanOut(s);
  SetSynapseValuesSpec set;
  set.projection = 0;
  set.values["n"] = scalar(2.5);
  CHECK_THROWS_AS(t->connectivity->setValues(set), Error);
  set.values.clear();
  set.values["U"] = scalar(-0.1);
  CHECK_THROWS_AS(t->connectivity->setValues(set), Error);
  CHECK(t->connectivity->values(0, "n", "n")[0] == 2.0);
  CHECK(t->connectivity->values(0, "U", "U")[0] == 0.5);
}
