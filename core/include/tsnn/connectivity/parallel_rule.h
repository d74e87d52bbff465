// A connector rule in the form a device expands: one thread per line (a presynaptic row, or a postsynaptic column
// for FixedNumberPre) regenerates that line's connections from the connector's counter-based stream, drawing
// exactly what the host's expansion (core/src/connectivity/connector_expansion.h) draws for it, and every
// connection's weight and delay are drawn at its creation index, as SynapticValue does. So a device that runs
// these functions builds the synapses the host would, bit for bit (the CUDA engine's device_expansion.h).
//
// Which projections have this form (parallel_form.h): OneToOne, AllToAll, FixedProbability, FixedNumberPre/Post
// with a scalar n (with replacement, or without when the n mod m leftover takes the rejection branch),
// FixedTotalNumber with replacement (each row's count and first draw come from the host's binomial chain, which
// is sequential); self-connections allowed, or forbidden between contiguous cell sets (one excluded cell per line);
// weight and delay scalar or drawn from a distribution; every other synaptic value uniform. Everything else,
// and any projection whose values the compact 8-byte layout cannot hold, the host expands.
// C++14 and TSNN_HD throughout: the CUDA sources include it (docs/jetson.md).
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "tsnn/connectivity/delay_rule.h"
#include "tsnn/connectivity/projection_store.h"
#include "tsnn/fixed_point.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/random/distributions.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

enum class ParallelRuleKind : uint32_t { OneToOne, AllToAll, FixedProbability, FixedNumber, FixedTotalNumber };

// A weight or delay: `scalar`, or drawn from `params` at the connection's creation index of `stream`.
struct ParallelValue {
  bool drawn = false;
  double scalar = 0.0;
  DistributionParams params;
  RandomStream stream;
};

struct ParallelRule {
  ParallelRuleKind kind = ParallelRuleKind::AllToAll;
  bool columns = false;  // lines are the post cells and the other side the pre cells (FixedNumberPre)
  uint32_t nPre = 0, nPost = 0;
  uint32_t lines = 0, others = 0;
  // Forbidden self-connections: line cell c's own cell is c + selfShift on the other side (when in range).
  bool forbidSelf = false;
  int64_t selfShift = 0;
  RandomStream stream;  // the connector's
  double p = 0.0;       // FixedProbability
  uint64_t n = 0;       // FixedNumber
  bool withReplacement = false;
  ParallelValue weight, delay;
  double timestep = 0.1;
  uint32_t postBits = 1, delayLimit = 0;  // the compact word (connectivity.h)

  // Rows come out of their lines sorted by post index (no sort needed): the rules that walk j upwards.
  TSNN_HD bool linesSorted() const {
    return !columns && (kind == ParallelRuleKind::OneToOne || kind == ParallelRuleKind::AllToAll ||
                        kind == ParallelRuleKind::FixedProbability);
  }
};

// A uniform index in [0, n): the draw the host's rules use for a target.
TSNN_HD inline uint32_t indexFromUniform(double u, uint32_t n) {
  const uint32_t r = static_cast<uint32_t>(std::floor(u * static_cast<double>(n)));
  return r < n ? r : n - 1;
}

TSNN_HD inline uint32_t uniformIndex(DrawCursor& cursor, uint32_t n) { return indexFromUniform(cursor.uniform(), n); }

// The other-side cell a line may not connect to, or rule.others when it may connect to all of them.
TSNN_HD inline uint32_t excludedOther(const ParallelRule& rule, uint32_t line) {
  if (!rule.forbidSelf) return rule.others;
  const int64_t own = static_cast<int64_t>(line) + rule.selfShift;
  return own >= 0 && own < static_cast<int64_t>(rule.others) ? static_cast<uint32_t>(own) : rule.others;
}
TSNN_HD inline uint32_t candidateCount(const ParallelRule& rule, uint32_t excluded) {
  return excluded < rule.others ? rule.others - 1 : rule.others;
}
// The c-th allowed other-side cell (Candidates::at of the host).
TSNN_HD inline uint32_t candidateAt(uint32_t c, uint32_t excluded) { return c < excluded ? c : c + 1; }

// Collects a line's other-side cells (or only counts them when `out` is null).
struct LineWriter {
  uint32_t* out;
  uint32_t written;
  TSNN_HD void put(uint32_t other) {
    if (out != nullptr) out[written] = other;
    ++written;
  }
  // Whether `other` is among the cells written since `from` (the host's taken[] of the rejection branch).
  TSNN_HD bool holds(uint32_t other, uint32_t from) const {
    for (uint32_t k = from; k < written; ++k)
      if (out[k] == other) return true;
    return false;
  }
};

// The other-side cells of `line` in the host's creation order, into out[0..] (null: counted only, which only
// FixedProbability needs: the other rules' counts are known). `preset` and `firstDraw`: FixedTotalNumber's row
// count and first draw. Returns the number of connections.
TSNN_HD inline uint32_t expandLine(const ParallelRule& rule, uint32_t line, uint32_t preset, uint32_t firstDraw,
                                   uint32_t* out) {
  LineWriter writer{out, 0};
  const uint32_t excluded = excludedOther(rule, line);
  const uint32_t m = candidateCount(rule, excluded);
  switch (rule.kind) {
    case ParallelRuleKind::OneToOne:
      writer.put(line);
      break;
    case ParallelRuleKind::AllToAll:
      for (uint32_t c = 0; c < m; ++c) writer.put(candidateAt(c, excluded));
      break;
    case ParallelRuleKind::FixedProbability: {
      if (rule.p <= 0.0) break;
      if (rule.p >= 1.0) {
        for (uint32_t c = 0; c < m; ++c) writer.put(candidateAt(c, excluded));
        break;
      }
      // Geometric gaps between successive targets, as the host walks them.
      const double logQ = dmath::log1p(-rule.p);
      DrawCursor cursor(rule.stream, line);
      double j = -1.0;
      for (;;) {
        const double gap = std::floor(dmath::log(cursor.uniformPositive()) / logQ);
        j += gap + 1.0;
        if (j >= static_cast<double>(rule.others)) break;
        const uint32_t other = static_cast<uint32_t>(j);
        if (other != excluded) writer.put(other);
      }
      break;
    }
    case ParallelRuleKind::FixedNumber: {
      if (rule.n == 0 || m == 0) break;
      DrawCursor cursor(rule.stream, line);
      if (rule.withReplacement) {
        for (uint64_t k = 0; k < rule.n; ++k) writer.put(candidateAt(uniformIndex(cursor, m), excluded));
        break;
      }
      const uint64_t copies = rule.n / m;
      const uint32_t rest = static_cast<uint32_t>(rule.n % m);
      for (uint64_t copy = 0; copy < copies; ++copy)
        for (uint32_t c = 0; c < m; ++c) writer.put(candidateAt(c, excluded));
      // The rejection branch (the parallel form has rest <= m / 2): redraw a cell already taken.
      const uint32_t from = writer.written;
      while (writer.written - from < rest) {
        const uint32_t other = candidateAt(uniformIndex(cursor, m), excluded);
        if (!writer.holds(other, from)) writer.put(other);
      }
      break;
    }
    case ParallelRuleKind::FixedTotalNumber: {
      if (preset == 0 || m == 0) break;
      DrawCursor cursor(rule.stream, line, firstDraw);
      for (uint32_t k = 0; k < preset; ++k) writer.put(candidateAt(uniformIndex(cursor, m), excluded));
      break;
    }
  }
  return writer.written;
}

// The connections of a line without writing them.
TSNN_HD inline uint32_t lineCount(const ParallelRule& rule, uint32_t line, uint32_t preset) {
  switch (rule.kind) {
    case ParallelRuleKind::OneToOne: return 1;
    case ParallelRuleKind::AllToAll: return candidateCount(rule, excludedOther(rule, line));
    case ParallelRuleKind::FixedNumber:
      return candidateCount(rule, excludedOther(rule, line)) == 0 ? 0u : static_cast<uint32_t>(rule.n);
    case ParallelRuleKind::FixedTotalNumber: return preset;
    case ParallelRuleKind::FixedProbability: break;
  }
  return expandLine(rule, line, preset, 0, nullptr);
}

// The value of connection k (its creation index); NaN when a distribution gives none.
TSNN_HD inline double connectionValue(const ParallelValue& value, uint32_t k) {
  if (!value.drawn) return value.scalar;
  DrawCursor cursor(value.stream, k);
  return sampleDistribution(value.params, cursor);
}

// The compact word of a synapse onto post cell j with `delay` ms (delay steps: d/dt rounded half away from zero,
// as delaySteps), or false when the host must store it: a delay that is not a finite number of at least one
// timestep (the host's error names it, delay_steps.h) or more steps than the word holds (the host's wide layout).
TSNN_HD inline bool compactWord(const ParallelRule& rule, uint32_t j, double delay, uint32_t& word) {
  if (!atLeastOneStep(delay, rule.timestep) || !(delay <= 1.7976931348623157e308)) return false;
  const double d = dmath::roundHalfAway(delay / rule.timestep);
  if (d > static_cast<double>(rule.delayLimit)) return false;
  word = j | (static_cast<uint32_t>(d) << rule.postBits);
  return true;
}

// What builds a parallel rule's synapses elsewhere (the CUDA engine's device); Connectivity calls it from one
// thread, one projection at a time.
class ParallelExpander {
 public:
  virtual ~ParallelExpander() = default;
  // counts[line] = lineCount(rule, line, 0) for every line (asked only of FixedProbability, the one rule whose
  // counts need the walk).
  virtual void countLines(const ParallelRule& rule, std::vector<uint32_t>& counts) = 0;
  // The projection's rowStart, word and weight, rows sorted by post index with multapses in creation order (the
  // host's canonical order), from each line's first creation index (lineStart: lines + 1 entries, the last the
  // total) and, for FixedTotalNumber, each line's count and first draw. False, with `store` untouched, when a
  // connection's values do not fit the compact layout or a distribution gave no value: the host then expands
  // the projection itself (its wide layout, or its error naming the value).
  virtual bool fill(const ParallelRule& rule, const std::vector<uint32_t>& lineStart,
                    const std::vector<uint32_t>& preset, const std::vector<uint32_t>& firstDraw,
                    ProjectionStore& store) = 0;
};

}  // namespace tsnn
