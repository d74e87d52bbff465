// Connector rules against their definitions: exact counts where the rule fixes them, chi-square tests with fixed
// seeds where it draws (thresholds: mean + 5 standard deviations of the chi-square statistic), exact lists,
// clones, self-connection rules, delay rounding and reproducibility.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "testing.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"

using namespace tsnn;

namespace {

PopulationSpec population(const std::string& label, uint32_t n, const std::string& cellType = "IF_curr_exp") {
  PopulationSpec p;
  p.label = label;
  p.size = n;
  p.cellType.name = cellType;
  for (uint32_t i = 0; i < n; ++i) {
    p.x.push_back(i);  // Line(dx=1): d(i, j) = |i - j|
    p.y.push_back(0);
    p.z.push_back(0);
  }
  return p;
}

CellSetSpec whole(uint32_t population) {
  CellSetSpec set;
  SelectionSpec s;
  s.population = population;
  s.form = SelectionSpec::Form::All;
  set.parts.push_back(s);
  return set;
}

ProjectionSpec projection(uint32_t pre, uint32_t post, ConnectorSpec connector) {
  ProjectionSpec p;
  p.pre = whole(pre);
  p.post = whole(post);
  p.connector = connector;
  p.receptorType = "excitatory";
  p.synapse.weight.kind = ValueSpec::Kind::Scalar;
  p.synapse.weight.scalar = 0.5;
  return p;
}

ConnectorSpec rule(ConnectorSpec::Rule r, SelfConnections self = SelfConnections::Allow, uint64_t seed = 1) {
  ConnectorSpec c;
  c.rule = r;
  c.selfConnections = self;
  c.rng.hasSeed = true;
  c.rng.seed = seed;
  c.rng.stream = 9;
  return c;
}

struct Built {
  NetworkSpec network;
  ChannelLayout layout;
  std::unique_ptr<Connectivity> connectivity;
  std::vector<uint32_t> pre, post;
};

std::unique_ptr<Built> build(std::vector<PopulationSpec> populations, std::vector<ProjectionSpec> projections,
                             double dt = 0.1, uint32_t inspect = 0) {
  auto b = std::make_unique<Built>();
  b->network.settings.timestep = dt;
  b->network.settings.seed = 5;
  b->network.populations = std::move(populations);
  b->network.projections = std::move(projections);
  validateNetwork(b->network);
  for (const auto& p : b->network.populations) b->layout.addPopulation(p.size, p.receptorTypes);
  b->connectivity = std::make_unique<Connectivity>(b->network, b->layout);
  b->connectivity->indices(inspect, b->pre, b->post);
  return b;
}

ConnectorSpec fixedNumber(ConnectorSpec::Rule r, double n, bool replacement, SelfConnections self = SelfConnections::Allow) {
  ConnectorSpec c = rule(r, self);
  c.n.kind = ValueSpec::Kind::Scalar;
  c.n.scalar = n;
  c.withReplacement = replacement;
  return c;
}

double chiSquareThreshold(double dof) { return dof + 5.0 * std::sqrt(2.0 * dof); }

}  // namespace

TEST(one_to_one_connects_i_to_i) {
  auto b = build({population("a", 7), population("b", 7)}, {projection(0, 1, rule(ConnectorSpec::Rule::OneToOne))});
  CHECK(b->pre.size() == 7);
  for (uint32_t k = 0; k < 7; ++k) CHECK(b->pre[k] == k && b->post[k] == k);
}

TEST(all_to_all_with_and_without_self_connections) {
  auto allowed = build({population("a", 10)}, {projection(0, 0, rule(ConnectorSpec::Rule::AllToAll))});
  CHECK(allowed->pre.size() == 100);
  auto forbidden = build({population("a", 10)}, {projection(0, 0, rule(ConnectorSpec::Rule::AllToAll, SelfConnections::Forbid))});
  CHECK(forbidden->pre.size() == 90);
  bool noSelf = true;
  for (size_t k = 0; k < forbidden->pre.size(); ++k) noSelf = noSelf && forbidden->pre[k] != forbidden->post[k];
  CHECK(noSelf);
  // Between two populations the same indices are different cells: nothing is dropped.
  auto between = build({population("a", 4), population("b", 4)}, {projection(0, 1, rule(ConnectorSpec::Rule::AllToAll, SelfConnections::Forbid))});
  CHECK(between->pre.size() == 16);
}

TEST(no_mutual_keeps_only_pre_greater_than_post) {
  auto b = build({population("a", 10)}, {projection(0, 0, rule(ConnectorSpec::Rule::AllToAll, SelfConnections::NoMutual))});
  CHECK(b->pre.size() == 45);
  bool ordered = true;
  for (size_t k = 0; k < b->pre.size(); ++k) ordered = ordered && b->pre[k] > b->post[k];
  CHECK(ordered);
}

TEST(fixed_number_pre_gives_every_post_exactly_n) {
  for (bool replacement : {false, true}) {
    auto b = build({population("a", 30)}, {projection(0, 0, fixedNumber(ConnectorSpec::Rule::FixedNumberPre, 12, replacement, SelfConnections::Forbid))});
    std::vector<int> perPost(30, 0);
    bool noSelf = true;
    std::set<std::pair<uint32_t, uint32_t>> distinct;
    for (size_t k = 0; k < b->pre.size(); ++k) {
      ++perPost[b->post[k]];
      noSelf = noSelf && b->pre[k] != b->post[k];
      distinct.insert({b->pre[k], b->post[k]});
    }
    bool exact = true;
    for (int count : perPost) exact = exact && count == 12;
    CHECK(exact);
    CHECK(noSelf);
    if (!replacement) CHECK(distinct.size() == b->pre.size());
  }
  // n larger than the pre population without replacement: floor(n/N) copies of all, then distinct extras.
  auto many = build({population("a", 5), population("b", 3)}, {projection(0, 1, fixedNumber(ConnectorSpec::Rule::FixedNumberPre, 12, false))});
  std::map<std::pair<uint32_t, uint32_t>, int> multiplicity;
  for (size_t k = 0; k < many->pre.size(); ++k) ++multiplicity[{many->pre[k], many->post[k]}];
  CHECK(many->pre.size() == 36);
  bool twoOrThree = true;
  for (const auto& m : multiplicity) twoOrThree = twoOrThree && (m.second == 2 || m.second == 3);
  CHECK(twoOrThree && multiplicity.size() == 15);
}

TEST(fixed_number_post_gives_every_pre_exactly_n) {
  for (bool replacement : {false, true}) {
    auto b = build({population("a", 20), population("b", 50)}, {projection(0, 1, fixedNumber(ConnectorSpec::Rule::FixedNumberPost, 7, replacement))});
    std::vector<int> perPre(20, 0);
    for (size_t k = 0; k < b->pre.size(); ++k) ++perPre[b->pre[k]];
    bool exact = true;
    for (int count : perPre) exact = exact && count == 7;
    CHECK(exact);
  }
}

TEST(fixed_total_number_is_exact_and_rows_are_multinomial) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::FixedTotalNumber);
  c.totalNumber = 20000;
  c.withReplacement = true;
  auto b = build({population("a", 50), population("b", 40)}, {projection(0, 1, c)});
  CHECK(b->pre.size() == 20000);
  // Row counts ~ Multinomial(n, 1/50 each); post counts likewise 1/40 each.
  std::vector<double> rows(50, 0), cols(40, 0);
  for (size_t k = 0; k < b->pre.size(); ++k) {
    ++rows[b->pre[k]];
    ++cols[b->post[k]];
  }
  double chiRows = 0, chiCols = 0;
  for (double r : rows) chiRows += (r - 400.0) * (r - 400.0) / 400.0;
  for (double q : cols) chiCols += (q - 500.0) * (q - 500.0) / 500.0;
  CHECK(chiRows < chiSquareThreshold(49));
  CHECK(chiCols < chiSquareThreshold(39));
  // Without replacement: exactly n distinct pairs.
  c.withReplacement = false;
  c.totalNumber = 700;
  auto distinct = build({population("a", 30), population("b", 40)}, {projection(0, 1, c)});
  std::set<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t k = 0; k < distinct->pre.size(); ++k) pairs.insert({distinct->pre[k], distinct->post[k]});
  CHECK(distinct->pre.size() == 700 && pairs.size() == 700);
}

TEST(fixed_probability_matches_the_binomial) {
  const double p = 0.1;
  ConnectorSpec c = rule(ConnectorSpec::Rule::FixedProbability);
  c.pConnect = p;
  auto b = build({population("a", 400), population("b", 300)}, {projection(0, 1, c)});
  const double pairs = 400.0 * 300.0;
  CHECK_NEAR(static_cast<double>(b->pre.size()), pairs * p, 5 * std::sqrt(pairs * p * (1 - p)));
  // In-degree of every post cell is Binomial(400, p): chi-square over the 300 cells.
  std::vector<double> inDegree(300, 0);
  for (uint32_t j : b->post) ++inDegree[j];
  const double expected = 400 * p, variance = 400 * p * (1 - p);
  double chi = 0;
  for (double x : inDegree) chi += (x - expected) * (x - expected) / variance;
  CHECK(chi < chiSquareThreshold(300));
  // The gap between successive targets of a row is geometric: P(gap = 1) = p.
  double adjacent = 0, gaps = 0;
  for (size_t k = 1; k < b->pre.size(); ++k) {
    if (b->pre[k] != b->pre[k - 1]) continue;
    ++gaps;
    adjacent += b->post[k] - b->post[k - 1] == 1;
  }
  CHECK_NEAR(adjacent / gaps, p, 5 * std::sqrt(p * (1 - p) / gaps));
}

TEST(distance_dependent_probability_follows_p_of_d) {
  // p(d) = exp(-d / 5) on a line; bins by distance d = 0..29, expected count = pairs(d) * p(d).
  ExpressionSpec e;
  ExpressionNode d, five, div, neg, exp;
  d.kind = ExpressionNode::Kind::Variable; d.op = 1;
  five.kind = ExpressionNode::Kind::Constant; five.constant = 5.0;
  div.kind = ExpressionNode::Kind::Binary; div.op = 4; div.args[0] = 0; div.args[1] = 1;
  neg.kind = ExpressionNode::Kind::Unary; neg.op = 1; neg.args[0] = 2;
  exp.kind = ExpressionNode::Kind::Call; exp.op = 1; exp.args[0] = 3;
  e.nodes = {d, five, div, neg, exp};
  ConnectorSpec c = rule(ConnectorSpec::Rule::DistanceDependentProbability);
  c.probabilityExpression = e;
  const uint32_t n = 300;
  auto b = build({population("a", n)}, {projection(0, 0, c)});
  const int bins = 30;
  std::vector<double> observed(bins, 0), pairs(bins, 0);
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = 0; j < n; ++j) {
      const uint32_t dist = i > j ? i - j : j - i;
      if (dist < bins) ++pairs[dist];
    }
  }
  for (size_t k = 0; k < b->pre.size(); ++k) {
    const uint32_t dist = b->pre[k] > b->post[k] ? b->pre[k] - b->post[k] : b->post[k] - b->pre[k];
    if (dist < bins) ++observed[dist];
  }
  double chi = 0;
  int dof = 0;
  for (int k = 1; k < bins; ++k) {
    const double p = std::exp(-k / 5.0);
    const double expected = pairs[k] * p;
    chi += (observed[k] - expected) * (observed[k] - expected) / (expected * (1 - p));
    ++dof;
  }
  CHECK(observed[0] == n);  // p(0) = 1
  CHECK(chi < chiSquareThreshold(dof));
}

TEST(periodic_boundaries_fold_distances) {
  // d <= 1 on a ring of 10 cells with x in [0, 10): every cell reaches itself and its two neighbours.
  ExpressionSpec e;
  ExpressionNode d, one, le;
  d.kind = ExpressionNode::Kind::Variable; d.op = 1;
  one.kind = ExpressionNode::Kind::Constant; one.constant = 1.0;
  le.kind = ExpressionNode::Kind::Binary; le.op = 8; le.args[0] = 0; le.args[1] = 1;
  e.nodes = {d, one, le};
  ConnectorSpec c = rule(ConnectorSpec::Rule::DistanceDependentProbability);
  c.probabilityExpression = e;
  ProjectionSpec prj = projection(0, 0, c);
  prj.space.periodic[0] = true;
  prj.space.boundaryMin[0] = 0;
  prj.space.boundaryMax[0] = 10;
  auto b = build({population("a", 10)}, {prj});
  CHECK(b->pre.size() == 30);
  bool reachesAcrossTheBoundary = false;
  for (size_t k = 0; k < b->pre.size(); ++k) reachesAcrossTheBoundary |= b->pre[k] == 0 && b->post[k] == 9;
  CHECK(reachesAcrossTheBoundary);
}

TEST(from_list_is_exact_in_canonical_order) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::FromList);
  c.listPre = {3, 0, 3, 1, 0};
  c.listPost = {1, 2, 0, 1, 2};
  c.listColumnNames = {"weight", "delay"};
  c.listColumns = {{0.1, 0.2, 0.3, 0.4, 0.5}, {1.0, 2.0, 3.0, 4.0, 5.0}};
  auto b = build({population("a", 4), population("b", 3)}, {projection(0, 1, c)});
  // Sorted by (pre, post), multapse (0, 2) in list order.
  const uint32_t pre[] = {0, 0, 1, 3, 3}, post[] = {2, 2, 1, 0, 1};
  const double weight[] = {0.2, 0.5, 0.4, 0.3, 0.1}, delay[] = {2.0, 5.0, 4.0, 3.0, 1.0};
  const auto w = b->connectivity->values(0, "weight", "w");
  const auto d = b->connectivity->values(0, "delay", "d");
  CHECK(b->pre.size() == 5);
  for (int k = 0; k < 5; ++k) {
    CHECK(b->pre[k] == pre[k] && b->post[k] == post[k]);
    CHECK_NEAR(w[k], weight[k], 1e-7);
    CHECK_NEAR(d[k], delay[k], 1e-12);
  }
}

TEST(clone_copies_the_reference_connectivity) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::FixedProbability);
  c.pConnect = 0.3;
  ConnectorSpec clone = rule(ConnectorSpec::Rule::Clone);
  clone.referenceProjection = 0;
  ProjectionSpec second = projection(0, 1, clone);
  second.synapse.weight.scalar = 2.0;
  auto b = build({population("a", 40), population("b", 30)}, {projection(0, 1, c), second});
  std::vector<uint32_t> pre2, post2;
  b->connectivity->indices(1, pre2, post2);
  CHECK(pre2 == b->pre && post2 == b->post);
  CHECK(b->connectivity->values(1, "weight", "w")[0] == 2.0);
}

TEST(clone_makes_one_connection_per_connected_pair_of_a_reference_with_multapses) {
  // PyNN's CloneConnector connects the pairs where the reference's weight array is not NaN: a multapse once.
  ConnectorSpec list = rule(ConnectorSpec::Rule::FromList);
  list.listPre = {0, 0, 2, 1, 0};
  list.listPost = {1, 1, 2, 0, 1};
  ConnectorSpec clone = rule(ConnectorSpec::Rule::Clone);
  clone.referenceProjection = 0;
  auto b = build({population("a", 3)}, {projection(0, 0, list), projection(0, 0, clone)});
  std::vector<uint32_t> pre, post;
  b->connectivity->indices(1, pre, post);
  CHECK(pre.size() == 3);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t k = 0; k < pre.size(); ++k) pairs.emplace_back(pre[k], post[k]);
  std::sort(pairs.begin(), pairs.end());
  CHECK((pairs == std::vector<std::pair<uint32_t, uint32_t>>{{0, 1}, {1, 0}, {2, 2}}));
}

TEST(array_and_index_matrix_connect_where_asked) {
  ConnectorSpec a = rule(ConnectorSpec::Rule::Array);
  a.arrayRows = 2;
  a.arrayCols = 3;
  a.arrayMask = {1, 0, 1, 0, 1, 0};
  auto b = build({population("a", 2), population("b", 3)}, {projection(0, 1, a)});
  CHECK(b->pre.size() == 3 && b->pre[2] == 1 && b->post[2] == 1);
  ConnectorSpec m = rule(ConnectorSpec::Rule::IndexBasedProbability);
  m.probabilities.rows = 2;
  m.probabilities.cols = 3;
  m.probabilities.values = {1, 0, 0, 0, 0, 1};
  auto q = build({population("a", 2), population("b", 3)}, {projection(0, 1, m)});
  CHECK(q->pre.size() == 2 && q->post[0] == 0 && q->post[1] == 2);
}

TEST(small_world_without_rewiring_is_the_degree_neighbourhood) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::SmallWorld, SelfConnections::Forbid);
  c.degree = 2.0;
  c.rewiring = 0.0;
  auto ring = build({population("a", 20)}, {projection(0, 0, c)});
  // Cells 0..19 on a line, |i - j| <= 2, j != i: 4 neighbours inside, fewer at the ends: 20*4 - 2*(2+1) = 74.
  CHECK(ring->pre.size() == 74);
  c.rewiring = 1.0;
  auto rewired = build({population("a", 20)}, {projection(0, 0, c)});
  CHECK(rewired->pre.size() == 74);  // every connection moved, none lost
  bool noSelf = true;
  for (size_t k = 0; k < rewired->pre.size(); ++k) noSelf = noSelf && rewired->pre[k] != rewired->post[k];
  CHECK(noSelf);
  CHECK(rewired->post != ring->post);
}

TEST(delays_round_half_away_from_zero_to_whole_steps) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::FromList);
  c.listPre = {0, 1, 2, 3};
  c.listPost = {0, 0, 0, 0};
  c.listColumnNames = {"delay"};
  c.listColumns = {{0.75, 1.25, 0.5, 0.6}};  // dt 0.5: 1.5 -> 2, 2.5 -> 3, 1 -> 1, 1.2 -> 1
  auto b = build({population("a", 4), population("b", 1)}, {projection(0, 1, c)}, 0.5);
  const auto d = b->connectivity->values(0, "delay", "d");
  CHECK(d[0] == 1.0 && d[1] == 1.5 && d[2] == 0.5 && d[3] == 0.5);
  CHECK(b->connectivity->maxDelaySteps() == 3 && b->connectivity->minDelaySteps() == 1);
  // Negative, and (as in NEST, DESIGN §4) shorter than the timestep, in any form: errors, not clamped to a step.
  for (double bad : {-1.0, 0.2, 0.0}) {
    c.listColumns = {{0.75, bad, 0.5, 0.5}};
    CHECK_THROWS_AS(build({population("a", 4), population("b", 1)}, {projection(0, 1, c)}, 0.5), Error);
  }
}

TEST(same_seed_same_connectivity_other_seed_other) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::FixedProbability);
  c.pConnect = 0.2;
  auto first = build({population("a", 60)}, {projection(0, 0, c)});
  auto again = build({population("a", 60)}, {projection(0, 0, c)});
  c.rng.seed = 2;
  auto other = build({population("a", 60)}, {projection(0, 0, c)});
  CHECK(first->pre == again->pre && first->post == again->post);
  CHECK(first->post != other->post);
}

TEST(weights_drawn_per_connection_from_their_distribution) {
  ConnectorSpec c = rule(ConnectorSpec::Rule::AllToAll);
  ProjectionSpec prj = projection(0, 1, c);
  prj.synapse.weight.kind = ValueSpec::Kind::Distribution;
  prj.synapse.weight.distribution.params = validateDistribution(3, {0.5, 0.05}, "w");
  prj.synapse.weight.distribution.rng.stream = 11;
  auto b = build({population("a", 100), population("b", 100)}, {prj});
  const auto w = b->connectivity->values(0, "weight", "w");
  double sum = 0, sq = 0;
  for (double x : w) {
    sum += x;
    sq += x * x;
  }
  const double n = static_cast<double>(w.size()), mean = sum / n;
  CHECK_NEAR(mean, 0.5, 5 * 0.05 / std::sqrt(n));
  CHECK_NEAR(std::sqrt(sq / n - mean * mean), 0.05, 5 * 0.05 / std::sqrt(2 * n));
}

TEST(impossible_requests_are_invalid_arguments) {
  // One cell, FORBID, one connection wanted: no allowed source.
  CHECK_THROWS_AS(build({population("a", 1)}, {projection(0, 0, fixedNumber(ConnectorSpec::Rule::FixedNumberPre, 1, true, SelfConnections::Forbid))}), Error);
  // A per-connection weight array of the wrong length.
  ProjectionSpec prj = projection(0, 1, rule(ConnectorSpec::Rule::AllToAll));
  prj.synapse.weight.kind = ValueSpec::Kind::Array;
  prj.synapse.weight.array = {1.0, 2.0, 3.0};
  try {
    build({population("a", 2), population("b", 2)}, {prj});
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.path() == "network.projections[0].synapse.weight.array");
  }
}
