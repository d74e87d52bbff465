#include "parallel_form.h"

namespace tsnn {

namespace {

bool valueForm(const ValueSpec& spec, double defaultValue, uint64_t globalSeed, ParallelValue& out) {
  out = ParallelValue();
  switch (spec.kind) {
    case ValueSpec::Kind::Unset:
      out.scalar = defaultValue;
      return true;
    case ValueSpec::Kind::Scalar:
      out.scalar = spec.scalar;
      return true;
    case ValueSpec::Kind::Distribution:
      out.drawn = true;
      out.params = spec.distribution.params;
      out.stream = spec.distribution.rng.resolve(globalSeed);
      return true;
    default:
      return false;  // arrays, matrices and expressions need the host's tables
  }
}

// Whether cells 0..n-1 are the global cells first, first + 1, ... (one excluded cell per line when forbidding
// self-connections; any other set may hold a cell twice or out of order).
template <class GlobalOf>
bool contiguous(uint32_t n, GlobalOf globalOf, uint32_t& first) {
  first = n == 0 ? 0 : globalOf(0);
  for (uint32_t k = 1; k < n; ++k)
    if (globalOf(k) != first + k) return false;
  return true;
}

}  // namespace

bool mayHaveParallelForm(const ProjectionSpec& projection) {
  switch (projection.connector.rule) {
    case ConnectorSpec::Rule::OneToOne:
    case ConnectorSpec::Rule::AllToAll:
    case ConnectorSpec::Rule::FixedProbability:
    case ConnectorSpec::Rule::FixedNumberPre:
    case ConnectorSpec::Rule::FixedNumberPost:
    case ConnectorSpec::Rule::FixedTotalNumber:
      return true;
    default:
      return false;
  }
}

bool parallelFormOf(const ExpansionContext& ctx, double defaultDelay, ParallelRule& rule) {
  const ProjectionSpec& prj = ctx.projection;
  const ConnectorSpec& c = prj.connector;
  const ProjectionGeometry& g = ctx.geometry;
  if (!mayHaveParallelForm(prj) || !c.listColumnNames.empty()) return false;
  // Weights whose drawn signs must be checked (weight_sign) are drawn by the host, which checks them.
  if (prj.weightSign != ProjectionSpec::WeightSign::Any) return false;
  // Synaptic values other than weight and delay stay one number per projection.
  for (const auto& entry : prj.synapse.parameters)
    if (entry.second.kind != ValueSpec::Kind::Scalar && entry.second.kind != ValueSpec::Kind::Unset) return false;
  rule = ParallelRule();
  const uint64_t seed = ctx.network.settings.seed;
  if (!valueForm(prj.synapse.weight, 0.0, seed, rule.weight)) return false;
  if (!valueForm(prj.synapse.delay, defaultDelay, seed, rule.delay)) return false;
  rule.nPre = g.nPre();
  rule.nPost = g.nPost();
  rule.stream = ctx.stream;
  rule.withReplacement = c.withReplacement;
  bool selfRuleApplies = true;
  switch (c.rule) {
    case ConnectorSpec::Rule::OneToOne:
      if (rule.nPre != rule.nPost) return false;
      rule.kind = ParallelRuleKind::OneToOne;
      selfRuleApplies = false;  // the host's OneToOne connects i to i whatever the rule
      break;
    case ConnectorSpec::Rule::AllToAll:
      rule.kind = ParallelRuleKind::AllToAll;
      break;
    case ConnectorSpec::Rule::FixedProbability:
      rule.kind = ParallelRuleKind::FixedProbability;
      rule.p = c.pConnect;
      break;
    case ConnectorSpec::Rule::FixedNumberPre:
    case ConnectorSpec::Rule::FixedNumberPost:
      // A drawn n, or one past 32 bits, is the host's: it names what is wrong with it.
      if (c.n.kind != ValueSpec::Kind::Scalar || !(c.n.scalar >= 0.0) || c.n.scalar > 4294967295.0) return false;
      rule.kind = ParallelRuleKind::FixedNumber;
      rule.columns = c.rule == ConnectorSpec::Rule::FixedNumberPre;
      rule.n = static_cast<uint64_t>(c.n.scalar);
      break;
    case ConnectorSpec::Rule::FixedTotalNumber:
      if (!c.withReplacement) return false;  // selection sampling runs one chain over all pairs
      rule.kind = ParallelRuleKind::FixedTotalNumber;
      break;
    default:
      return false;
  }
  rule.lines = rule.columns ? rule.nPost : rule.nPre;
  rule.others = rule.columns ? rule.nPre : rule.nPost;
  if (selfRuleApplies && c.selfConnections == SelfConnections::NoMutual) return false;
  if (selfRuleApplies && c.selfConnections == SelfConnections::Forbid) {
    uint32_t firstPre = 0, firstPost = 0;
    if (!contiguous(rule.nPre, [&](uint32_t i) { return g.preGlobal(i); }, firstPre)) return false;
    if (!contiguous(rule.nPost, [&](uint32_t j) { return g.postGlobal(j); }, firstPost)) return false;
    rule.forbidSelf = true;
    rule.selfShift = rule.columns ? static_cast<int64_t>(firstPost) - firstPre
                                  : static_cast<int64_t>(firstPre) - firstPost;
  }
  if (rule.kind == ParallelRuleKind::FixedNumber && rule.n > 0) {
    for (uint32_t line = 0; line < rule.lines; ++line) {
      const uint32_t m = candidateCount(rule, excludedOther(rule, line));
      if (m == 0) return false;  // the host's error
      // The partial shuffle of a large leftover needs a table of m cells per line: the host's.
      if (!rule.withReplacement && (rule.n % m) * 2 > m) return false;
    }
  }
  return true;
}

}  // namespace tsnn
