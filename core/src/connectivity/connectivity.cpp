// Building the synapse store: each projection's rule is expanded twice, first counting the connections of every
// presynaptic row, then writing them straight into their final place, so the peak memory is the store itself.
#include "tsnn/connectivity/connectivity.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "connector_expansion.h"
#include "delay_steps.h"
#include "parallel_form.h"
#include "synaptic_value.h"
#include "tsnn/connectivity/synapse_parameters.h"
#include "tsnn/engine/worker_pool.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/out_of_line.h"

namespace tsnn {

namespace {

struct DelayDoesNotFit {};

uint32_t bitsFor(uint32_t maxValue) {
  uint32_t bits = 1;
  while (bits < 32 && (maxValue >> bits) != 0) ++bits;
  return bits;
}

// The most delay steps beside `postBits` post-index bits in the compact word.
uint32_t compactDelayLimit(uint32_t postBits) {
  return postBits >= 32 ? 0u : (postBits == 0 ? 0xffffffffu : (0xffffffffu >> postBits));
}

// The post index's bits of the compact word.
uint32_t compactPostMask(uint32_t postBits) { return postBits >= 32 ? 0xffffffffu : ((1u << postBits) - 1u); }

double defaultDelay(const NetworkSpec& network) {
  return network.settings.minDelay > 0.0 ? network.settings.minDelay : network.settings.timestep;
}

// Sorts a row's keys (post << 32 | position in the row, so unique). From 256 keys by radix, 8 bits of the post cell
// a pass from the lowest: each pass is stable, so the result is the one order of the unique keys; for the
// microcircuit's rows of about 2000 synapses that is two passes instead of std::sort's 11 levels of mispredicted
// comparisons.
void sortKeys(std::vector<uint64_t>& keys, std::vector<uint64_t>& scratch, uint32_t postBits) {
  const size_t n = keys.size();
  if (n < 256) {
    std::sort(keys.begin(), keys.end());
    return;
  }
  scratch.resize(n);
  for (uint32_t shift = 32; shift < 32 + postBits; shift += 8) {
    uint32_t start[257] = {0};
    for (const uint64_t key : keys) ++start[((key >> shift) & 0xffu) + 1];
    for (int d = 0; d < 256; ++d) start[d + 1] += start[d];
    for (const uint64_t key : keys) scratch[start[(key >> shift) & 0xffu]++] = key;
    keys.swap(scratch);
  }
}

// Sorts the synapses of each row by post index, keeping creation order among multapses.
TSNN_OUT_OF_LINE void sortRows(ProjectionStore& p) {
  std::vector<uint32_t> order;
  std::vector<uint64_t> keys, scratch;
  std::vector<uint32_t> words;
  std::vector<float> weights;
  std::vector<uint32_t> delays;
  std::vector<double> extra;
  for (uint32_t i = 0; i < p.nPre; ++i) {
    const uint32_t begin = p.rowStart[i], end = p.rowStart[i + 1];
    bool sorted = true;
    for (uint32_t s = begin + 1; s < end && sorted; ++s) sorted = p.postOf(s - 1) <= p.postOf(s);
    if (sorted) continue;
    const uint32_t n = end - begin;
    // Keys (post, position in the row) are unique, so sorting them gives the stable order without stable_sort's
    // buffer and the indirection through postOf() (microcircuit build: 23.0 -> 22.5 s).
    keys.resize(n);
    for (uint32_t k = 0; k < n; ++k) keys[k] = (static_cast<uint64_t>(p.postOf(begin + k)) << 32) | k;
    sortKeys(keys, scratch, p.postBits);
    order.resize(n);
    for (uint32_t k = 0; k < n; ++k) order[k] = begin + static_cast<uint32_t>(keys[k]);
    words.resize(n);
    weights.resize(n);
    for (uint32_t k = 0; k < n; ++k) {
      words[k] = p.word[order[k]];
      weights[k] = p.weight[order[k]];
    }
    std::copy(words.begin(), words.end(), p.word.begin() + begin);
    std::copy(weights.begin(), weights.end(), p.weight.begin() + begin);
    if (p.wide) {
      delays.resize(n);
      for (uint32_t k = 0; k < n; ++k) delays[k] = p.wideDelay[order[k]];
      std::copy(delays.begin(), delays.end(), p.wideDelay.begin() + begin);
    }
    for (auto& entry : p.perSynapseValues) {
      extra.resize(n);
      for (uint32_t k = 0; k < n; ++k) extra[k] = entry.second[order[k]];
      std::copy(extra.begin(), extra.end(), entry.second.begin() + begin);
    }
  }
}

// One projection's expansion context (geometry, connector streams, the projection a clone copies).
struct ProjectionContext {
  const ProjectionSpec& prj;
  std::string path;
  ProjectionGeometry geometry;
  ExpansionContext ctx;
  bool weightMatrix;  // a weight matrix with NaN means "no connection" (CloneConnector copies only non-NaN weights)

  ProjectionContext(const NetworkSpec& network, uint32_t index, const std::vector<ProjectionStore>& stores)
      : prj(network.projections[index]),
        path("network.projections[" + std::to_string(index) + "]"),
        geometry(network, prj),
        ctx{network, prj, path, geometry, prj.connector.rng.resolve(network.settings.seed),
            prj.connector.rule == ConnectorSpec::Rule::Clone ? &stores[prj.connector.referenceProjection] : nullptr},
        weightMatrix(prj.synapse.weight.kind == ValueSpec::Kind::Matrix) {}

  bool keep(uint32_t i, uint32_t j) const { return !weightMatrix || !std::isnan(prj.synapse.weight.matrix.at(i, j)); }
};

// A projection a ParallelExpander builds: its rule, each line's start in creation order and, for
// FixedTotalNumber, each row's count and first draw.
struct ParallelBuild {
  bool used = false;
  ParallelRule rule;
  std::vector<uint32_t> lineStart, preset, firstDraw;
};

// PyNN's check_weights on drawn values (tsnn.v1.Projection.weight_sign): the first weight of the other sign is
// an error naming it, its connection and the rule.
TSNN_OUT_OF_LINE void checkDrawnWeightSigns(const ProjectionSpec& prj, const double* weight, const uint32_t* pre,
                                            const uint32_t* post, uint32_t count, const std::string& path) {
  using Sign = ProjectionSpec::WeightSign;
  if (prj.weightSign == Sign::Any) return;
  const bool nonNegative = prj.weightSign == Sign::NonNegative;
  for (uint32_t m = 0; m < count; ++m) {
    if (nonNegative ? !(weight[m] < 0.0) : !(weight[m] > 0.0)) continue;
    char drawn[32];
    std::snprintf(drawn, sizeof drawn, "%.6g", weight[m]);
    throw Error(ErrorCode::InvalidArgument, path + ".synapse.weight",
                "Projection '" + prj.label + "': weight " + drawn + " drawn for the connection " +
                    std::to_string(pre[m]) + " -> " + std::to_string(post[m]) + " is " +
                    (nonNegative ? "negative" : "positive") + ", but weights onto receptor '" + prj.receptorType +
                    "' must be " +
                    (nonNegative ? ">= 0 (conductance-based cells and excitatory receptors)"
                                 : "<= 0 (inhibitory receptors of current-based cells)") +
                    "; PyNN's check_weights refuses it too");
  }
}

// Pass 2 made other rows than pass 1 counted: a bug, never the user's input.
Error rowsMiscounted(const std::string& path) {
  return Error(ErrorCode::Internal, path, "the connector's second pass made other rows than its first counted");
}

void checkConnectionCount(uint64_t total, const std::string& path) {
  if (total > 0xffffffffull) {
    throw Error(ErrorCode::ResourceExhausted, path,
                "more than 2^32 - 1 connections in one projection (" + std::to_string(total) + ")");
  }
}

// Pass 1 on the host: the connections per row (rowStart) and their total.
uint64_t countRows(const ProjectionContext& c, ProjectionStore& p) {
  std::vector<uint64_t> counts(p.nPre, 0);
  uint64_t total = 0;
  forEachConnection(c.ctx, [&](uint32_t i, uint32_t j) {
    if (!c.keep(i, j)) return;
    ++counts[i];
    ++total;
  });
  checkConnectionCount(total, c.path);
  p.rowStart.assign(p.nPre + 1, 0);
  for (uint32_t i = 0; i < p.nPre; ++i) p.rowStart[i + 1] = p.rowStart[i] + static_cast<uint32_t>(counts[i]);
  return total;
}

// The connections of every line where they are known without drawing the targets (every parallel rule but
// FixedProbability), and FixedTotalNumber's first draws.
void knownLineCounts(const ProjectionContext& c, const ParallelRule& rule, std::vector<uint64_t>& counts,
                     std::vector<uint32_t>& firstDraw) {
  if (rule.kind == ParallelRuleKind::FixedTotalNumber) {
    std::vector<uint32_t> rowWeight;
    const uint64_t totalWeight = expansion_detail::totalNumberWeights(c.ctx, rowWeight);
    expansion_detail::totalNumberRows(c.ctx, rowWeight, totalWeight, counts, firstDraw);
    return;
  }
  counts.resize(rule.lines);
  for (uint32_t line = 0; line < rule.lines; ++line) counts[line] = lineCount(rule, line, 0);
}

// starts[k] = counts before k (counts.size() + 1 entries); the total, RESOURCE_EXHAUSTED past 2^32 - 1.
uint64_t startsOf(const std::vector<uint64_t>& counts, const std::string& path, std::vector<uint32_t>& starts) {
  uint64_t total = 0;
  for (const uint64_t n : counts) total += n;
  checkConnectionCount(total, path);
  starts.assign(counts.size() + 1, 0);
  for (size_t k = 0; k < counts.size(); ++k) starts[k + 1] = starts[k] + static_cast<uint32_t>(counts[k]);
  return total;
}

// Pass 1 on the host for a rule in the parallel form: where the rows' counts are known without drawing the
// targets (lines are rows, and only FixedProbability walks to count), from those counts, so the targets are
// drawn once; otherwise countRows.
uint64_t countRowsInClosedForm(const ProjectionContext& c, const ParallelRule& rule, ProjectionStore& p) {
  if (rule.columns || rule.kind == ParallelRuleKind::FixedProbability) return countRows(c, p);
  std::vector<uint64_t> counts;
  std::vector<uint32_t> firstDraw;
  knownLineCounts(c, rule, counts, firstDraw);
  return startsOf(counts, c.path, p.rowStart);
}

// Pass 1 of a projection a ParallelExpander builds: the connections per line, where each line's start in
// creation order (its rows come with pass 2).
uint64_t countLines(const ProjectionContext& c, ParallelExpander& expander, ParallelBuild& parallel) {
  const ParallelRule& rule = parallel.rule;
  std::vector<uint64_t> counts;
  if (rule.kind == ParallelRuleKind::FixedProbability) {
    std::vector<uint32_t> walked;
    expander.countLines(rule, walked);
    counts.assign(walked.begin(), walked.end());
  } else {
    knownLineCounts(c, rule, counts, parallel.firstDraw);
  }
  const uint64_t total = startsOf(counts, c.path, parallel.lineStart);
  if (rule.kind == ParallelRuleKind::FixedTotalNumber) parallel.preset.assign(counts.begin(), counts.end());
  parallel.used = true;
  return total;
}

// Pass 1 of a projection: its connections per row (rowStart, or per line for the expander) and their total.
// RESOURCE_EXHAUSTED past 2^32 - 1.
uint64_t countProjection(const NetworkSpec& network, uint32_t index, std::vector<ProjectionStore>& stores,
                         ParallelExpander* expander, ParallelBuild& parallel) {
  const ProjectionContext c(network, index, stores);
  ProjectionStore& p = stores[index];
  p.nPre = c.geometry.nPre();
  p.nPost = c.geometry.nPost();
  p.timestep = network.settings.timestep;
  p.dynamics = c.prj.synapse.dynamics;
  p.plastic = Plasticity::isPlastic(c.prj.synapse);
  parallel.used = false;
  if (!parallelFormOf(c.ctx, defaultDelay(network), parallel.rule)) return countRows(c, p);
  if (expander != nullptr) {
    parallel.rule.timestep = p.timestep;
    parallel.rule.postBits = bitsFor(p.nPost > 0 ? p.nPost - 1 : 0);
    parallel.rule.delayLimit = compactDelayLimit(parallel.rule.postBits);
    p.rowStart.clear();
    return countLines(c, *expander, parallel);
  }
  return countRowsInClosedForm(c, parallel.rule, p);
}

// The byte limit, checked after each projection's count in Network order: bytesSoFar grows by what it needs.
void checkByteLimit(uint32_t index, const ProjectionStore& p, uint64_t total, uint64_t& bytesSoFar, uint64_t maxBytes) {
  bytesSoFar += 8 * total + 4 * (static_cast<uint64_t>(p.nPre) + 1);
  if (maxBytes != 0 && bytesSoFar > maxBytes) {
    throw Error(ErrorCode::ResourceExhausted, "network.projections[" + std::to_string(index) + "]",
                "the synapses up to this projection need " + std::to_string(bytesSoFar) + " bytes (this one: " +
                    std::to_string(total) + " connections), more than the limit of " + std::to_string(maxBytes) + " bytes");
  }
}

// Connections of pass 2 whose values are still to be drawn (fillProjection): m-th created as number first + m.
struct PendingConnections {
  static constexpr uint32_t kBatch = 1024;
  uint64_t first = 0;
  uint32_t count = 0;
  uint32_t slot[kBatch], pre[kBatch], post[kBatch];
  double weight[kBatch], delay[kBatch];
};

// Pass 2 of a projection counted by countProjection: the synapses' words, weights, delays and other values, rows
// sorted by post cell, and the post cells' channels.
void fillProjection(const NetworkSpec& network, const ChannelLayout& layout, uint32_t index,
                    std::vector<ProjectionStore>& stores, std::vector<std::string>& notes, uint64_t total,
                    ParallelExpander* expander, const ParallelBuild& parallel) {
  const ProjectionContext pc(network, index, stores);
  const ProjectionSpec& prj = pc.prj;
  const std::string& path = pc.path;
  const ProjectionGeometry& geometry = pc.geometry;
  const ExpansionContext& ctx = pc.ctx;
  auto keep = [&](uint32_t i, uint32_t j) { return pc.keep(i, j); };
  ProjectionStore& p = stores[index];

  // Synaptic values, with FromList columns taking precedence.
  const ConnectorSpec& c = prj.connector;
  const std::vector<double>* weightColumn = nullptr;
  const std::vector<double>* delayColumn = nullptr;
  std::map<std::string, const std::vector<double>*> extraColumns;
  const auto defaults = synapseParameterDefaults(prj.synapse);
  for (size_t k = 0; k < c.listColumnNames.size(); ++k) {
    const std::string& name = c.listColumnNames[k];
    if (name == "weight") weightColumn = &c.listColumns[k];
    else if (name == "delay") delayColumn = &c.listColumns[k];
    else {
      const bool known = std::any_of(defaults.begin(), defaults.end(), [&](const auto& d) { return d.first == name; });
      if (!known) {
        std::string allowed = "weight, delay";
        for (const auto& d : defaults) allowed += ", " + d.first;
        throw invalidArgument(path + ".connector.from_list.column_names[" + std::to_string(k) + "]",
                              "unknown column '" + name + "' for " + prj.synapse.dynamics + " (allowed: " + allowed + ")");
      }
      extraColumns[name] = &c.listColumns[k];
    }
  }
  for (const auto& entry : prj.synapse.parameters) {
    const bool known = std::any_of(defaults.begin(), defaults.end(), [&](const auto& d) { return d.first == entry.first; });
    if (!known) {
      throw invalidArgument(path + ".synapse." + entry.first, "'" + entry.first + "' is not a parameter of " + prj.synapse.dynamics);
    }
  }
  const SynapticValue weightValue(prj.synapse.weight, 0.0, geometry, network.settings.seed, path + ".synapse.weight", total);
  const SynapticValue delayValue(prj.synapse.delay, defaultDelay(network), geometry, network.settings.seed, path + ".synapse.delay", total);
  struct Extra {
    std::string name;
    SynapticValue value;
    const std::vector<double>* column;
    std::vector<double>* out;
  };
  std::vector<Extra> extras;
  p.uniformValues.clear();
  p.perSynapseValues.clear();
  for (const auto& d : defaults) {
    const auto given = prj.synapse.parameters.find(d.first);
    static const ValueSpec unset;
    const ValueSpec& spec = given == prj.synapse.parameters.end() ? unset : given->second;
    const auto column = extraColumns.find(d.first);
    SynapticValue value(spec, d.second, geometry, network.settings.seed, path + ".synapse.parameters[\"" + d.first + "\"]", total);
    if (column == extraColumns.end() && value.isUniform()) {
      p.uniformValues[d.first] = value.at(0, 0, 0);
      continue;
    }
    extras.push_back({d.first, value, column == extraColumns.end() ? nullptr : column->second, nullptr});
  }

  // Pass 2: fill rows; retried once in the wide layout when a delay does not fit the compact word.
  p.postBits = bitsFor(p.nPost > 0 ? p.nPost - 1 : 0);
  const uint32_t delayLimit = compactDelayLimit(p.postBits);
  const bool expanded = parallel.used && expander->fill(parallel.rule, parallel.lineStart, parallel.preset,
                                                        parallel.firstDraw, p);
  if (expanded) {
    p.wide = false;
    p.postMask = compactPostMask(p.postBits);
    p.wideDelay.clear();
  } else if (parallel.used) {
    countRows(pc, p);  // given back by the expander: the host's rows
  }
  for (int attempt = 0; attempt < 2 && !expanded; ++attempt) {
    p.wide = attempt == 1;
    p.postMask = p.wide ? 0xffffffffu : compactPostMask(p.postBits);
    p.word.assign(total, 0);
    p.weight.assign(total, 0.0f);
    if (p.wide) p.wideDelay.assign(total, 0);
    else p.wideDelay.clear();
    for (auto& extra : extras) {
      extra.out = &p.perSynapseValues[extra.name];
      extra.out->assign(total, 0.0);
    }
    std::vector<uint32_t> fill(p.rowStart.begin(), p.rowStart.end() - 1);
    const std::string delayPath = path + ".synapse.delay";
    // Connections are created first and their values drawn a batch at a time (SynapticValue::atRun): a draw is a
    // long chain of dependent operations (Philox, then a normal's quantile), and in a loop of nothing but draws
    // the processor overlaps several (and WebAssembly computes four Philox blocks at once).
    auto pending = std::make_unique<PendingConnections>();
    // A batch's values of one kind: from its FromList column when there is one, else drawn.
    auto values = [&](const std::vector<double>* column, const SynapticValue& value, double* out) {
      const PendingConnections& b = *pending;
      if (column == nullptr) return value.atRun(b.pre, b.post, b.first, b.count, out);
      for (uint32_t m = 0; m < b.count; ++m) out[m] = (*column)[b.first + m];
    };
    // Out of line: called once a batch, and inlined it would be copied into every rule's walk.
    auto flush = [&]() TSNN_OUT_OF_LINE {
      PendingConnections& b = *pending;
      values(weightColumn, weightValue, b.weight);
      checkDrawnWeightSigns(prj, b.weight, b.pre, b.post, b.count, path);
      values(delayColumn, delayValue, b.delay);
      for (uint32_t m = 0; m < b.count; ++m) {
        const uint32_t s = b.slot[m], j = b.post[m];
        const uint32_t d = delaySteps(b.delay[m], p.timestep, delayPath);
        if (p.wide) {
          p.word[s] = j;
          p.wideDelay[s] = d;
        } else {
          if (d > delayLimit) throw DelayDoesNotFit{};
          p.word[s] = j | (d << p.postBits);
        }
        p.weight[s] = static_cast<float>(b.weight[m]);
        for (auto& extra : extras) {
          const uint64_t k = b.first + m;
          (*extra.out)[s] = extra.column ? (*extra.column)[k] : extra.value.at(b.pre[m], j, k);
        }
      }
      b.first += b.count;
      b.count = 0;
    };
    try {
      forEachConnection(ctx, [&](uint32_t i, uint32_t j) {
        if (!keep(i, j)) return;
        const uint32_t s = fill[i]++;
        if (s >= p.rowStart[i + 1]) throw rowsMiscounted(path);
        PendingConnections& b = *pending;
        b.slot[b.count] = s;
        b.pre[b.count] = i;
        b.post[b.count] = j;
        if (++b.count == PendingConnections::kBatch) flush();
      });
      flush();
    } catch (const DelayDoesNotFit&) {
      notes.push_back(path + ": delays exceed " + std::to_string(delayLimit) + " steps of the compact 8-byte layout (" +
                      std::to_string(32 - p.postBits) + " delay bits beside " + std::to_string(p.postBits) +
                      " post-index bits); using the 12-byte wide layout");
      std::fprintf(stderr, "tsnn: %s\n", notes.back().c_str());
      continue;
    }
    for (uint32_t i = 0; i < p.nPre; ++i)
      if (fill[i] != p.rowStart[i + 1]) throw rowsMiscounted(path);
    break;
  }
  if (!expanded) sortRows(p);
  p.compressWeights();
  p.measureWeights();
  p.measureDelays();

  // Channels of the post cells.
  const SelectionSpec* only = prj.post.parts.size() == 1 ? &prj.post.parts[0] : nullptr;
  p.postAffine = only != nullptr && (only->form != SelectionSpec::Form::Indices) && only->step == 1;
  p.postChannel.clear();
  if (p.postAffine) {
    const uint32_t population = only->population;
    const uint32_t receptor = layout.receptorIndex(population, prj.receptorType);
    p.firstChannel = layout.channelOf(layout.firstNeuron(population) + only->start, receptor);
  } else {
    p.firstChannel = 0;
    p.postChannel.resize(p.nPost);
    for (uint32_t j = 0; j < p.nPost; ++j) {
      uint32_t population, cell;
      prj.post.locate(j, population, cell);
      p.postChannel[j] = layout.channelOf(layout.firstNeuron(population) + cell, layout.receptorIndex(population, prj.receptorType));
    }
  }
}

void buildProjection(const NetworkSpec& network, const ChannelLayout& layout, uint32_t index,
                     std::vector<ProjectionStore>& stores, std::vector<std::string>& notes, uint64_t& bytesSoFar,
                     uint64_t maxBytes, ParallelExpander* expander) {
  ParallelBuild parallel;
  const uint64_t total = countProjection(network, index, stores, expander, parallel);
  checkByteLimit(index, stores[index], total, bytesSoFar, maxBytes);
  fillProjection(network, layout, index, stores, notes, total, expander, parallel);
}

}  // namespace

uint64_t ProjectionStore::memoryBytes() const {
  uint64_t bytes = rowStart.size() * sizeof(uint32_t) + word.size() * sizeof(uint32_t) + weight.size() * sizeof(float) +
                   wideDelay.size() * sizeof(uint32_t) + postChannel.size() * sizeof(uint32_t);
  for (const auto& entry : perSynapseValues) bytes += entry.second.size() * sizeof(double);
  bytes += plasticWeight.size() * sizeof(double);
  return bytes;
}

Connectivity::Connectivity(const NetworkSpec& network, const ChannelLayout& layout, const ConnectivityOptions& options)
    : network_(&network) {
  projections_.resize(network.projections.size());
  bool clones = false;
  for (const auto& prj : network.projections) clones = clones || prj.connector.rule == ConnectorSpec::Rule::Clone;
  // A clone copies a projection built before it: such networks (rare) are built in order.
  if (options.pool != nullptr && options.pool->size() > 1 && !clones) {
    buildInParallel(network, layout, *options.pool, options.maxBytes, options.expander);
  } else {
    uint64_t bytes = 0;
    for (uint32_t k = 0; k < network.projections.size(); ++k) {
      buildProjection(network, layout, k, projections_, notes_, bytes, options.maxBytes, options.expander);
    }
  }
  buildFanOut();
  updateDelayRange();
  planOneToOneDrives();
  bool anyPlastic = false;
  for (const auto& p : projections_) anyPlastic = anyPlastic || p.plastic;
  if (anyPlastic) plasticity_ = std::make_unique<Plasticity>(network, projections_);
}

void Connectivity::buildInParallel(const NetworkSpec& network, const ChannelLayout& layout, WorkerPool& pool,
                                   uint64_t maxBytes, ParallelExpander* expander) {
  const uint32_t count = static_cast<uint32_t>(network.projections.size());
  // The largest projections first (by the pre x post size of their cell sets), each to the next free thread;
  // those the expander may take on this thread (it is called from one thread).
  std::vector<uint32_t> order, expanderOrder;
  for (uint32_t k = 0; k < count; ++k) {
    const bool forExpander = expander != nullptr && mayHaveParallelForm(network.projections[k]);
    (forExpander ? expanderOrder : order).push_back(k);
  }
  auto span = [&](uint32_t k) {
    return static_cast<uint64_t>(network.projections[k].pre.totalSize) * network.projections[k].post.totalSize;
  };
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return span(a) > span(b); });
  std::vector<std::exception_ptr> failures(count);
  auto onThreads = [&](const std::vector<uint32_t>& which, auto work) {
    std::atomic<size_t> next{0};
    pool.run([&](uint32_t) {
      for (size_t at = next.fetch_add(1); at < which.size(); at = next.fetch_add(1)) {
        const uint32_t k = which[at];
        try {
          work(k);
        } catch (...) {
          failures[k] = std::current_exception();
        }
      }
    });
  };
  auto onThisThread = [&](const std::vector<uint32_t>& which, auto work) {
    for (const uint32_t k : which) {
      try {
        work(k);
      } catch (...) {
        failures[k] = std::current_exception();
      }
    }
  };
  // Pass 1 everywhere, then the byte limit in Network order, as one thread checks it: the build stops at the first
  // projection whose count failed or that does not fit.
  std::vector<uint64_t> totals(count, 0);
  std::vector<ParallelBuild> parallel(count);
  auto countWork = [&](uint32_t k) { totals[k] = countProjection(network, k, projections_, expander, parallel[k]); };
  onThreads(order, countWork);
  onThisThread(expanderOrder, countWork);
  uint32_t stop = count;
  std::exception_ptr stopFailure;
  uint64_t bytes = 0;
  for (uint32_t k = 0; k < count; ++k) {
    stopFailure = failures[k];
    if (!stopFailure) {
      try {
        checkByteLimit(k, projections_[k], totals[k], bytes, maxBytes);
      } catch (...) {
        stopFailure = std::current_exception();
      }
    }
    if (stopFailure) {
      stop = k;
      break;
    }
  }
  // Pass 2 for the projections one thread would have filled before stopping.
  std::vector<uint32_t> fill, expanderFill;
  for (uint32_t k : order)
    if (k < stop) fill.push_back(k);
  for (uint32_t k : expanderOrder)
    if (k < stop) expanderFill.push_back(k);
  std::vector<std::vector<std::string>> notes(count);
  auto fillWork = [&](uint32_t k) {
    fillProjection(network, layout, k, projections_, notes[k], totals[k], expander, parallel[k]);
  };
  onThreads(fill, fillWork);
  onThisThread(expanderFill, fillWork);
  // The error and the notes one thread would have given.
  for (uint32_t k = 0; k < stop; ++k) {
    if (failures[k]) std::rethrow_exception(failures[k]);
    notes_.insert(notes_.end(), notes[k].begin(), notes[k].end());
  }
  if (stopFailure) std::rethrow_exception(stopFailure);
}

void Connectivity::planOwnedDelivery(const uint8_t* owner) {
  // Windows: an affine projection (channel = firstChannel + j) whose post cells each worker owns in one run of j,
  // [lo, hi) at window[(projection * 8 + w) * 2]. Only the plan reads them: the delivery keeps each row's run.
  plannedWorkers_ = 1;
  windowed_.assign(projections_.size(), 0);
  std::vector<uint32_t> window(projections_.size() * 16, 0);
  for (size_t k = 0; k < projections_.size(); ++k) {
    const ProjectionStore& p = projections_[k];
    if (!p.postAffine || p.plastic) continue;
    bool contiguous = true;
    std::vector<bool> seen(8, false);
    uint32_t previous = 0;
    for (uint32_t j = 0; j < p.nPost && contiguous; ++j) {
      const uint32_t w = owner[p.firstChannel + j];
      if (w >= 8) contiguous = false;
      else if (j == 0 || w != previous) {
        if (seen[w]) contiguous = false;  // w's cells come back after another worker's: not one run
        seen[w] = true;
        window[(k * 8 + w) * 2] = j;
      }
      if (contiguous) window[(k * 8 + w) * 2 + 1] = j + 1;
      previous = w;
    }
    windowed_[k] = contiguous ? 1 : 0;
    if (contiguous)  // the workers with cells here: those whose window is not empty
      for (uint32_t w = 0; w < 8; ++w)
        if (window[(k * 8 + w) * 2] < window[(k * 8 + w) * 2 + 1]) plannedWorkers_ = std::max(plannedWorkers_, w + 1);
  }
  windowRun_.assign((fanStart_.size() > 0 ? fanStart_.back() : 0) * static_cast<size_t>(plannedWorkers_) * 2, 0);
  // Reach: which workers a neuron's synapses go to. A windowed projection's row (sorted by post cell) reaches worker
  // w when it has a post cell in w's window: its synapses there, found by bisection, are kept for the delivery
  // (windowRun_). Other rows are walked synapse by synapse. Walking every synapse took the microcircuit 0.3 s
  // (74.7 million) at the first threaded step.
  reach_.assign(fanStart_.size() - 1, 0);
  for (size_t pre = 0; pre + 1 < fanStart_.size(); ++pre) {
    uint32_t bits = 0;
    for (uint32_t e = fanStart_[pre]; e < fanStart_[pre + 1]; ++e) {
      const uint32_t k = fanProjection_[e];
      const ProjectionStore& p = projections_[k];
      const uint32_t begin = p.rowStart[fanRow_[e]], stop = p.rowStart[fanRow_[e] + 1];
      if (windowed_[k]) {
        // Windows usually follow each other (w's hi is w + 1's lo): one bisection per boundary, each a few cache
        // misses.
        uint32_t previousHi = 0, previousEnd = begin;
        for (uint32_t w = 0; w < plannedWorkers_; ++w) {
          const uint32_t lo = window[(k * 8 + w) * 2], hi = window[(k * 8 + w) * 2 + 1];
          uint32_t* run = &windowRun_[(static_cast<size_t>(e) * plannedWorkers_ + w) * 2];
          if (lo >= hi) {  // no cells of w here
            run[0] = run[1] = stop;
            continue;
          }
          run[0] = lo == previousHi ? previousEnd : firstPostAtLeast(p, begin, stop, lo);
          run[1] = hi >= p.nPost ? stop : firstPostAtLeast(p, run[0], stop, hi);
          previousHi = hi;
          previousEnd = run[1];
          if (run[0] < run[1]) bits |= 1u << w;
        }
        continue;
      }
      for (uint32_t s = begin; s < stop; ++s) {
        const uint32_t w = owner[p.channelOf(p.postOf(s))];
        bits |= w < 8 ? 1u << w : 0xffu;
      }
    }
    reach_[pre] = static_cast<uint8_t>(bits);
  }
  reachOwner_ = owner;
}

void Connectivity::buildFanOut() {
  const NetworkSpec& network = *network_;
  fanStart_.assign(static_cast<size_t>(network.totalNeurons) + 1, 0);
  for (const auto& prj : network.projections) {
    for (const auto& part : prj.pre.parts) {
      const uint32_t first = network.populations[part.population].firstGlobal;
      for (uint32_t q = 0, n = part.size(); q < n; ++q) ++fanStart_[first + part.at(q) + 1];
    }
  }
  for (size_t g = 0; g < network.totalNeurons; ++g) fanStart_[g + 1] += fanStart_[g];
  fanProjection_.assign(fanStart_.back(), 0);
  fanRow_.assign(fanStart_.back(), 0);
  std::vector<uint32_t> fill(fanStart_.begin(), fanStart_.end() - 1);
  for (uint32_t k = 0; k < network.projections.size(); ++k) {
    uint32_t row = 0;
    for (const auto& part : network.projections[k].pre.parts) {
      const uint32_t first = network.populations[part.population].firstGlobal;
      for (uint32_t q = 0, n = part.size(); q < n; ++q, ++row) {
        const uint32_t e = fill[first + part.at(q)]++;
        fanProjection_[e] = k;
        fanRow_[e] = row;
      }
    }
  }
}

void Connectivity::planOneToOneDrives() {
  drives_.clear();
  for (const auto& population : network_->populations) {
    const uint32_t first = population.firstGlobal, n = population.size;
    if (n == 0 || fanStart_[first + 1] - fanStart_[first] != 1) continue;
    const uint32_t k = fanProjection_[fanStart_[first]];
    const ProjectionStore& p = projections_[k];
    if (p.plastic || !p.weightUniform || p.wide || !p.postAffine) continue;
    OneToOneDrive drive{first, 0, 0, toFixed(static_cast<double>(p.uniformWeight))};
    bool direct = true;
    for (uint32_t cell = 0; cell < n; ++cell) {
      // One fan-out entry (read only then: a cell without synapses has none), in projection k, with one synapse.
      const uint32_t e = fanStart_[first + cell];
      direct = fanStart_[first + cell + 1] - e == 1 && fanProjection_[e] == k;
      if (!direct) break;
      const uint32_t row = fanRow_[e];
      direct = p.rowStart[row + 1] - p.rowStart[row] == 1;
      if (!direct) break;
      const uint32_t s = p.rowStart[row];
      const uint32_t delay = p.delayOf(s), channel = p.channelOf(p.postOf(s));
      if (cell == 0) {
        drive.delay = delay;
        drive.channelOffset = channel;  // channel - cell, with cell 0
      }
      direct = delay == drive.delay && channel == drive.channelOffset + cell;
      if (!direct) break;
    }
    if (direct) drives_.push_back(drive);
  }
}

void Connectivity::updateDelayRange() {
  uint32_t most = 1, least = 0xffffffffu;
  for (const auto& p : projections_) {
    for (uint64_t s = 0; s < p.size(); ++s) {
      const uint32_t d = p.delayOf(s);
      most = std::max(most, d);
      least = std::min(least, d);
    }
  }
  maxDelaySteps_ = most;
  minDelaySteps_ = least == 0xffffffffu ? 1u : least;
}

uint64_t Connectivity::synapseCount() const {
  uint64_t total = 0;
  for (const auto& p : projections_) total += p.size();
  return total;
}

uint64_t Connectivity::memoryBytes() const {
  uint64_t bytes = (fanStart_.size() + fanProjection_.size() + fanRow_.size()) * sizeof(uint32_t);
  // The threaded delivery's plan (planOwnedDelivery): a run per fan-out entry and worker, a byte per neuron.
  bytes += windowRun_.size() * sizeof(uint32_t) + windowed_.size() + reach_.size();
  for (const auto& p : projections_) bytes += p.memoryBytes();
  if (plasticity_) bytes += plasticity_->memoryBytes();
  return bytes;
}

uint64_t Connectivity::synapseBytes() const {
  uint64_t bytes = 0;
  for (const auto& p : projections_) {
    bytes += p.word.size() * sizeof(uint32_t) + p.weight.size() * sizeof(float) + p.wideDelay.size() * sizeof(uint32_t);
  }
  return bytes;
}

}  // namespace tsnn
