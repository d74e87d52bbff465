// Expansion of every connector rule of model.proto into (i, j) pairs, in the rule's creation order, from the
// connector's Philox stream. A rule is run twice by the builder (count, then fill), so it must be a pure function
// of the network and seed: it is, because every random number is addressed by (stream, index, draw).
//
// Random number layout per rule (index, draws) and creation order:
//   AllToAll, Array, OneToOne   no random numbers; row-major (i, then j)
//   FixedProbability            index i: geometric gaps between successive targets, one uniform per connection
//                               (gap = floor(ln u / ln(1 - p))); row-major
//   Distance/Index/Displacement index i, draw j: one uniform per pair, connect if u < p(i, j); row-major
//   FixedNumberPost             index i: n_i (scalar, or drawn from n's distribution at index i of its stream),
//                               then the targets; row-major
//   FixedNumberPre              the same per post cell j; column-major (j, then its sources)
//     without replacement: floor(n/M) copies of all M allowed cells, then n mod M distinct ones (rejection
//     sampling when n mod M <= M/2, else a partial Fisher–Yates shuffle); with replacement: n uniform draws
//   FixedTotalNumber            with replacement: rows in order, row i gets Binomial(remaining, w_i / W_remaining)
//                               connections (w_i = allowed targets of row i), then uniform targets, all from
//                               index i; without replacement: selection sampling over allowed pairs, row-major
//                               (index i, draw j)
//   FromList                    list order
//   Clone                       the reference projection's canonical order
//   SmallWorld                  index i: for each post j within `degree` (in j order) one uniform decides the
//                               rewiring (probability `rewiring`), and a rewired connection draws its target
//                               uniformly among allowed cells; row-major
// Self-connection rules compare global cell identity (ProjectionGeometry::allowed).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "projection_geometry.h"
#include "tsnn/connectivity/parallel_rule.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/error.h"
#include "tsnn/out_of_line.h"
#include "tsnn/random/distributions.h"
#include "tsnn/random/philox_uniform_rows.h"

namespace tsnn {

struct ExpansionContext {
  const NetworkSpec& network;
  const ProjectionSpec& projection;
  const std::string& path;               // "network.projections[k]"
  const ProjectionGeometry& geometry;
  RandomStream stream;                   // the connector's stream
  const ProjectionStore* reference;      // Clone: the reference projection's store
};

// The cells of the other side that may connect to one fixed cell.
class Candidates {
 public:
  Candidates(const ProjectionGeometry& geometry, SelfConnections rule, bool fixedIsPre)
      : geometry_(geometry), rule_(rule), fixedIsPre_(fixedIsPre) {
    if (rule == SelfConnections::Forbid) {
      const uint32_t n = fixedIsPre ? geometry.nPost() : geometry.nPre();
      sortedOther_.reserve(n);
      for (uint32_t k = 0; k < n; ++k) {
        sortedOther_.emplace_back(fixedIsPre ? geometry.postGlobal(k) : geometry.preGlobal(k), k);
      }
      std::sort(sortedOther_.begin(), sortedOther_.end());
    }
  }

  void prepare(uint32_t fixed) {
    const uint32_t n = fixedIsPre_ ? geometry_.nPost() : geometry_.nPre();
    explicit_ = false;
    excluded_ = n;
    count_ = n;
    if (rule_ == SelfConnections::Allow) return;
    if (rule_ == SelfConnections::Forbid) {
      const uint32_t global = fixedIsPre_ ? geometry_.preGlobal(fixed) : geometry_.postGlobal(fixed);
      auto lo = std::lower_bound(sortedOther_.begin(), sortedOther_.end(), std::make_pair(global, 0u));
      auto hi = lo;
      while (hi != sortedOther_.end() && hi->first == global) ++hi;
      if (hi - lo == 1) {
        excluded_ = lo->second;
        count_ = n - 1;
        return;
      }
      if (hi == lo) return;
    }
    explicit_ = true;
    list_.clear();
    for (uint32_t k = 0; k < n; ++k) {
      const bool ok = fixedIsPre_ ? geometry_.allowed(fixed, k, rule_) : geometry_.allowed(k, fixed, rule_);
      if (ok) list_.push_back(k);
    }
    count_ = static_cast<uint32_t>(list_.size());
  }

  uint32_t count() const { return count_; }
  uint32_t at(uint32_t r) const {
    if (explicit_) return list_[r];
    return r < excluded_ ? r : r + 1;
  }

 private:
  const ProjectionGeometry& geometry_;
  SelfConnections rule_;
  bool fixedIsPre_;
  std::vector<std::pair<uint32_t, uint32_t>> sortedOther_;
  bool explicit_ = false;
  uint32_t excluded_ = 0;
  uint32_t count_ = 0;
  std::vector<uint32_t> list_;
};

// Each rule's walk is a function of its own, not inlined into forEachConnection (tsnn/out_of_line.h): a build
// makes only its rules' walks hot. Inlined, every rule went into each caller (fillProjection, countRows), whose
// TurboFan compile then took 50-65 ms of a core at every load.
#define TSNN_EXPANSION_WALK template <class Emit> TSNN_OUT_OF_LINE void

namespace expansion_detail {

inline uint64_t fixedNumber(const ExpansionContext& ctx, const ConnectorSpec& c, uint32_t fixed, const std::string& path) {
  if (c.n.kind == ValueSpec::Kind::Scalar) return static_cast<uint64_t>(c.n.scalar);
  DrawCursor cursor(c.n.distribution.rng.resolve(ctx.network.settings.seed), fixed);
  const double x = sampleDistribution(c.n.distribution.params, cursor);
  if (std::isnan(x)) throw invalidArgument(path, "the distribution of n gave no value");
  // A drawn n is rounded to the nearest integer; negative draws count as 0.
  const double rounded = std::floor(x + 0.5);
  if (rounded > 4294967295.0) throw invalidArgument(path, "drawn n is larger than 2^32 - 1");
  return rounded < 0.0 ? 0 : static_cast<uint64_t>(rounded);
}

// FixedNumberPre (fixedIsPre = false) and FixedNumberPost (true).
TSNN_EXPANSION_WALK fixedNumber(const ExpansionContext& ctx, bool fixedIsPre, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const std::string path = ctx.path + (fixedIsPre ? ".connector.fixed_number_post.n" : ".connector.fixed_number_pre.n");
  const ProjectionGeometry& g = ctx.geometry;
  const uint32_t nFixed = fixedIsPre ? g.nPre() : g.nPost();
  const uint32_t nOther = fixedIsPre ? g.nPost() : g.nPre();
  Candidates candidates(g, c.selfConnections, fixedIsPre);
  std::vector<uint8_t> taken;
  std::vector<uint32_t> shuffle;
  auto connect = [&](uint32_t fixed, uint32_t other) {
    if (fixedIsPre) emit(fixed, other);
    else emit(other, fixed);
  };
  for (uint32_t f = 0; f < nFixed; ++f) {
    const uint64_t n = fixedNumber(ctx, c, f, path);
    if (n == 0) continue;
    candidates.prepare(f);
    const uint32_t m = candidates.count();
    if (m == 0) {
      throw invalidArgument(path, "cell " + std::to_string(f) + " has no allowed " + (fixedIsPre ? "target" : "source") +
                                      " for " + std::to_string(n) + " connections");
    }
    DrawCursor cursor(ctx.stream, f);
    if (c.withReplacement) {
      for (uint64_t k = 0; k < n; ++k) connect(f, candidates.at(uniformIndex(cursor, m)));
      continue;
    }
    const uint64_t copies = n / m;
    const uint32_t rest = static_cast<uint32_t>(n % m);
    for (uint64_t copy = 0; copy < copies; ++copy) {
      for (uint32_t r = 0; r < m; ++r) connect(f, candidates.at(r));
    }
    if (rest == 0) continue;
    if (static_cast<uint64_t>(rest) * 2 <= m) {
      if (taken.size() < nOther) taken.assign(nOther, 0);
      std::vector<uint32_t> chosen;
      chosen.reserve(rest);
      while (chosen.size() < rest) {
        const uint32_t r = uniformIndex(cursor, m);
        if (taken[r]) continue;
        taken[r] = 1;
        chosen.push_back(r);
        connect(f, candidates.at(r));
      }
      for (uint32_t r : chosen) taken[r] = 0;
    } else {
      shuffle.resize(m);
      for (uint32_t r = 0; r < m; ++r) shuffle[r] = r;
      for (uint32_t t = 0; t < rest; ++t) {
        const uint32_t s = t + uniformIndex(cursor, m - t);
        std::swap(shuffle[t], shuffle[s]);
        connect(f, candidates.at(shuffle[t]));
      }
    }
  }
}

// The allowed targets of every row (w_i) and their sum W; throws when the rule cannot be satisfied.
inline uint64_t totalNumberWeights(const ExpansionContext& ctx, std::vector<uint32_t>& rowWeight) {
  const ConnectorSpec& c = ctx.projection.connector;
  const ProjectionGeometry& g = ctx.geometry;
  const std::string path = ctx.path + ".connector.fixed_total_number.n";
  Candidates candidates(g, c.selfConnections, true);
  rowWeight.assign(g.nPre(), 0);
  uint64_t totalWeight = 0;
  for (uint32_t i = 0; i < g.nPre(); ++i) {
    candidates.prepare(i);
    rowWeight[i] = candidates.count();
    totalWeight += rowWeight[i];
  }
  if (c.totalNumber > 0 && totalWeight == 0) throw invalidArgument(path, "no allowed pairs to connect");
  if (!c.withReplacement && c.totalNumber > totalWeight) {
    throw invalidArgument(path, "cannot draw " + std::to_string(c.totalNumber) + " connections without replacement from " +
                                    std::to_string(totalWeight) + " allowed pairs");
  }
  return totalWeight;
}

// With replacement: the connections of each row, Binomial(remaining, w_i / W_remaining) in row order (a
// sequential chain), and the draw of the row's stream at which its targets start. The host's expansion and the
// parallel form (parallel_rule.h) both take the rows' targets from here.
inline void totalNumberRows(const ExpansionContext& ctx, const std::vector<uint32_t>& rowWeight, uint64_t totalWeight,
                            std::vector<uint64_t>& counts, std::vector<uint32_t>& firstDraw) {
  const uint32_t nPre = static_cast<uint32_t>(rowWeight.size());
  counts.assign(nPre, 0);
  firstDraw.assign(nPre, 0);
  uint64_t remaining = ctx.projection.connector.totalNumber;
  uint64_t remainingWeight = totalWeight;
  for (uint32_t i = 0; i < nPre && remaining > 0; ++i) {
    const uint32_t w = rowWeight[i];
    uint64_t count = remaining;
    if (w < remainingWeight) {
      DrawCursor cursor(ctx.stream, i);
      DistributionParams binomial;
      binomial.kind = DistributionKind::Binomial;
      binomial.p[0] = static_cast<double>(remaining);
      binomial.p[1] = static_cast<double>(w) / static_cast<double>(remainingWeight);
      count = static_cast<uint64_t>(sampleDistribution(binomial, cursor));
      firstDraw[i] = cursor.drawsUsed();
    }
    remaining -= count;
    remainingWeight -= w;
    counts[i] = count;
  }
}

TSNN_EXPANSION_WALK fixedTotalNumber(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const ProjectionGeometry& g = ctx.geometry;
  std::vector<uint32_t> rowWeight;
  const uint64_t totalWeight = totalNumberWeights(ctx, rowWeight);
  if (c.withReplacement) {
    std::vector<uint64_t> counts;
    std::vector<uint32_t> firstDraw;
    totalNumberRows(ctx, rowWeight, totalWeight, counts, firstDraw);
    Candidates candidates(g, c.selfConnections, true);
    // A row's uniforms a batch at a time (philoxCursorRun: eight Philox blocks at once in WebAssembly), the same
    // as its DrawCursor gives one by one.
    constexpr uint32_t kBatch = 256;
    double u[kBatch];
    for (uint32_t i = 0; i < g.nPre(); ++i) {
      if (counts[i] == 0) continue;
      candidates.prepare(i);
      for (uint64_t k = 0; k < counts[i]; k += kBatch) {
        const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(kBatch, counts[i] - k));
        philoxCursorRun(ctx.stream.seed, ctx.stream.stream, i, firstDraw[i] + static_cast<uint32_t>(k), n, u);
        for (uint32_t m = 0; m < n; ++m) emit(i, candidates.at(indexFromUniform(u[m], rowWeight[i])));
      }
    }
    return;
  }
  // Selection sampling (Knuth's algorithm S) over the allowed pairs, row-major, one uniform per pair.
  uint64_t remaining = c.totalNumber;
  uint64_t remainingWeight = totalWeight;
  for (uint32_t i = 0; i < g.nPre() && remaining > 0; ++i) {
    for (uint32_t j = 0; j < g.nPost() && remaining > 0; ++j) {
      if (!g.allowed(i, j, c.selfConnections)) continue;
      const double u = ctx.stream.uniform(i, j);
      if (u * static_cast<double>(remainingWeight) < static_cast<double>(remaining)) {
        emit(i, j);
        --remaining;
      }
      --remainingWeight;
    }
  }
}

TSNN_EXPANSION_WALK probabilistic(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const ProjectionGeometry& g = ctx.geometry;
  const bool useMatrix = c.probabilityExpression.empty();
  for (uint32_t i = 0; i < g.nPre(); ++i) {
    DrawCursor cursor(ctx.stream, i);
    for (uint32_t j = 0; j < g.nPost(); ++j) {
      const double u = cursor.uniform();  // drawn for every pair so that draw j always belongs to pair (i, j)
      if (!g.allowed(i, j, c.selfConnections)) continue;
      const double p = useMatrix ? c.probabilities.at(i, j) : c.probabilityExpression.evaluate(g.inputs(i, j));
      if (u < p) emit(i, j);
    }
  }
}

TSNN_EXPANSION_WALK smallWorld(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const ProjectionGeometry& g = ctx.geometry;
  if (c.nConnections != 0) {
    throw invalidArgument(ctx.path + ".connector.small_world.n_connections",
                          "only the degree form of SmallWorldConnector is available (n_connections must be 0)");
  }
  Candidates candidates(g, c.selfConnections, true);
  for (uint32_t i = 0; i < g.nPre(); ++i) {
    DrawCursor cursor(ctx.stream, i);
    bool prepared = false;
    for (uint32_t j = 0; j < g.nPost(); ++j) {
      if (!g.allowed(i, j, c.selfConnections)) continue;
      if (g.inputs(i, j).d > c.degree) continue;
      if (cursor.uniform() < c.rewiring) {
        if (!prepared) {
          candidates.prepare(i);
          prepared = true;
        }
        if (candidates.count() == 0) continue;
        emit(i, candidates.at(uniformIndex(cursor, candidates.count())));
      } else {
        emit(i, j);
      }
    }
  }
}

TSNN_EXPANSION_WALK allToAll(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const ProjectionGeometry& g = ctx.geometry;
  for (uint32_t i = 0; i < g.nPre(); ++i) {
    for (uint32_t j = 0; j < g.nPost(); ++j) {
      if (g.allowed(i, j, c.selfConnections)) emit(i, j);
    }
  }
}

TSNN_EXPANSION_WALK oneToOne(const ExpansionContext& ctx, Emit& emit) {
  for (uint32_t i = 0; i < ctx.geometry.nPre(); ++i) emit(i, i);
}

// The gaps between targets are geometric: one uniform per connection rather than one per pair.
TSNN_EXPANSION_WALK fixedProbability(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const ProjectionGeometry& g = ctx.geometry;
  const uint32_t nPost = g.nPost();
  const double logQ = dmath::log1p(-c.pConnect);
  for (uint32_t i = 0; i < g.nPre(); ++i) {
    DrawCursor cursor(ctx.stream, i);
    double j = -1.0;
    for (;;) {
      const double gap = std::floor(dmath::log(cursor.uniformPositive()) / logQ);
      j += gap + 1.0;
      if (j >= static_cast<double>(nPost)) break;
      const uint32_t post = static_cast<uint32_t>(j);
      if (g.allowed(i, post, c.selfConnections)) emit(i, post);
    }
  }
}

TSNN_EXPANSION_WALK fromList(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  for (size_t k = 0; k < c.listPre.size(); ++k) emit(c.listPre[k], c.listPost[k]);
}

TSNN_EXPANSION_WALK arrayMask(const ExpansionContext& ctx, Emit& emit) {
  const ConnectorSpec& c = ctx.projection.connector;
  const uint32_t nPre = ctx.geometry.nPre(), nPost = ctx.geometry.nPost();
  for (uint32_t i = 0; i < nPre; ++i) {
    for (uint32_t j = 0; j < nPost; ++j) {
      if (c.arrayMask[static_cast<size_t>(i) * nPost + j] != 0) emit(i, j);
    }
  }
}

// One connection per connected pair of the reference, multapses once: PyNN clones the pairs where the
// reference's weight array is not NaN.
TSNN_EXPANSION_WALK clone(const ExpansionContext& ctx, Emit& emit) {
  const ProjectionStore& ref = *ctx.reference;
  std::vector<uint32_t> emittedInRow(ref.nPost, 0);  // i + 1 where row i has connected to j already
  for (uint32_t i = 0; i < ref.nPre; ++i) {
    for (uint32_t s = ref.rowStart[i]; s < ref.rowStart[i + 1]; ++s) {
      const uint32_t j = ref.postOf(s);
      if (emittedInRow[j] == i + 1) continue;
      emittedInRow[j] = i + 1;
      emit(i, j);
    }
  }
}

#undef TSNN_EXPANSION_WALK

}  // namespace expansion_detail

// Calls emit(i, j) for every connection of the projection's rule, in creation order.
template <class Emit>
void forEachConnection(const ExpansionContext& ctx, Emit&& emit) {
  using namespace expansion_detail;
  switch (ctx.projection.connector.rule) {
    case ConnectorSpec::Rule::AllToAll:
      return allToAll(ctx, emit);
    case ConnectorSpec::Rule::OneToOne:
      return oneToOne(ctx, emit);
    case ConnectorSpec::Rule::FixedProbability: {
      const double p = ctx.projection.connector.pConnect;
      if (p <= 0.0) return;
      if (p >= 1.0) return allToAll(ctx, emit);
      return fixedProbability(ctx, emit);
    }
    case ConnectorSpec::Rule::FixedNumberPre:
      return fixedNumber(ctx, false, emit);
    case ConnectorSpec::Rule::FixedNumberPost:
      return fixedNumber(ctx, true, emit);
    case ConnectorSpec::Rule::FixedTotalNumber:
      return fixedTotalNumber(ctx, emit);
    case ConnectorSpec::Rule::FromList:
      return fromList(ctx, emit);
    case ConnectorSpec::Rule::DistanceDependentProbability:
    case ConnectorSpec::Rule::IndexBasedProbability:
    case ConnectorSpec::Rule::DisplacementDependentProbability:
      return probabilistic(ctx, emit);
    case ConnectorSpec::Rule::Array:
      return arrayMask(ctx, emit);
    case ConnectorSpec::Rule::Clone:
      return clone(ctx, emit);
    case ConnectorSpec::Rule::SmallWorld:
      return smallWorld(ctx, emit);
  }
}

}  // namespace tsnn
