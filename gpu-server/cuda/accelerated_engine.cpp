#include "accelerated_engine.h"

#include <algorithm>
#include <functional>

#include "tsnn/error.h"
#include "tsnn/plasticity/plasticity.h"

namespace tsnn {
namespace accel {

std::shared_ptr<AcceleratedEngine> AcceleratedEngine::create(std::unique_ptr<StepBackend> backend,
                                                             const NetworkSpec& network, const Simulation& sim,
                                                             const Connectivity& connectivity, std::string& whyNot,
                                                             const EngineOptions& options) {
  std::vector<DeviceModel> models;
  for (const NeuronPopulation& population : sim.populations()) {
    DeviceModel model;
    std::string why;
    if (!deviceModelOf(population, model, why)) {
      whyNot = why + " (the device runs " + kDeviceModelNames + ")";
      return nullptr;
    }
    models.push_back(model);
  }
  if (sim.stepEngine() != nullptr) {
    whyNot = "the simulation already has a step engine";
    return nullptr;
  }
  // Every synapse type runs on the device: Tsodyks-Markram, stochastic and STDP synapses too (tsodyks_markram.h,
  // stochastic_synapses.h, stdp_synapses.h with stdp_histories.h).
  return std::shared_ptr<AcceleratedEngine>(
      new AcceleratedEngine(std::move(backend), connectivity, std::move(models), network, sim.layout(), options));
}

std::shared_ptr<AcceleratedEngine> AcceleratedEngine::attach(std::unique_ptr<StepBackend> backend,
                                                             const NetworkSpec& network, Simulation& sim,
                                                             const Connectivity& connectivity, std::string& whyNot) {
  auto engine = create(std::move(backend), network, sim, connectivity, whyNot);
  if (!engine) return nullptr;
  engine->upload(sim);  // device memory is claimed now, so a network too large fails before the first run
  sim.setStepEngine(engine);
  return engine;
}

AcceleratedEngine::AcceleratedEngine(std::unique_ptr<StepBackend> backend, const Connectivity& connectivity,
                                     std::vector<DeviceModel> models, const NetworkSpec& network,
                                     const ChannelLayout& layout, const EngineOptions& options)
    : backend_(std::move(backend)),
      connectivity_(&connectivity),
      network_(&network),
      layout_(layout),
      options_(options),
      models_(std::move(models)) {}

void AcceleratedEngine::reset() {
  hiddenStale_ = true;
  arrivingRow_ = 0;
  stateOnDevice_ = false;  // the host's arrays hold the reset state: the next run takes them
}

uint64_t AcceleratedEngine::deviceBytes() const {
  uint64_t bytes = ring_.bytes() + stepNeuron_.bytes() * 2 + recordStep_.bytes() * 3 + injected_.bytes() +
                   injectionStart_.bytes() + injectionSource_.bytes() + sourceValues_.bytes() + populationArgs_.bytes() +
                   projections_.bytes() + fanStart_.bytes() + fanProjection_.bytes() + fanRow_.bytes() +
                   rowStart_.bytes() + word_.bytes() + wideDelay_.bytes() + postChannel_.bytes() + weight_.bytes() +
                   tsodyksMarkram_.bytes() + stochastic_.bytes() + stdp_.bytes() +
                   stdpHistories_.bytes() + stdpPostStart_.bytes() + stdpPostRule_.bytes() + stdpPostIndex_.bytes() +
                   spikeTotals_.bytes() + synapseCount_.bytes() + spikeList_.bytes() +
                   groupPopulations_.bytes() + groupStart_.bytes();
  for (const auto& c : tsodyksMarkramCopies_) bytes += c->bytes();
  for (const auto& c : stochasticCopies_) bytes += c->bytes();
  for (const auto& c : stdpCopies_) bytes += c->bytes();
  for (const auto& h : histories_) bytes += h->step.bytes() + h->trace.bytes() + h->end.bytes() + h->fill.bytes();
  for (const auto& p : populations_) {
    bytes += p->copies.bytes();
    bytes += p->pointReceptors.bytes() + p->spikeStart.bytes() + p->nextSpike.bytes() + p->spikeSteps.bytes();
  }
  return bytes;
}

// ---- upload ----------------------------------------------------------------------------------------------------

void AcceleratedEngine::uploadSynapses() {
  const NetworkSpec& network = *network_;
  const Connectivity& c = *connectivity_;
  // Where each projection goes in the concatenated device arrays.
  std::vector<ProjectionArgs> projections;
  uint64_t rows = 0, synapses = 0, wide = 0, channels = 0;
  tsodyksMarkramProjections_.clear();
  stochasticProjections_.clear();
  stdpProjections_.clear();
  const Plasticity* plasticity = c.plasticity();
  for (uint32_t k = 0; k < c.projectionCount(); ++k) {
    const ProjectionStore& store = c.projection(k);
    ProjectionArgs p{};
    p.synapseOffset = synapses;
    p.rowOffset = rows;
    p.channelOffset = channels;
    p.wideOffset = wide;
    p.postBits = store.postBits;
    p.postMask = store.postMask;
    p.firstChannel = store.firstChannel;
    p.wide = store.wide ? 1u : 0u;
    p.postAffine = store.postAffine ? 1u : 0u;
    p.tsodyksMarkram = 0;
    p.stochastic = 0;
    p.stdp = 0;
    if (plasticity != nullptr && plasticity->isTsodyksMarkram(k)) {
      tsodyksMarkramProjections_.push_back(k);
      p.tsodyksMarkram = static_cast<uint32_t>(tsodyksMarkramProjections_.size());
    }
    if (plasticity != nullptr && plasticity->isStochastic(k)) {
      stochasticProjections_.push_back(k);
      p.stochastic = static_cast<uint32_t>(stochasticProjections_.size());
    }
    if (plasticity != nullptr && plasticity->isStdp(k)) {
      stdpProjections_.push_back(k);
      p.stdp = static_cast<uint32_t>(stdpProjections_.size());
    }
    projections.push_back(p);
    rows += store.rowStart.empty() ? 1 : store.rowStart.size();
    synapses += store.word.size();
    if (store.wide) wide += store.wideDelay.size();
    if (!store.postAffine) channels += store.postChannel.size();
  }
  StepBackend& b = *backend_;
  projections_.assign(b, projections);
  rowStart_.resize(b, rows);
  word_.resize(b, synapses);
  weight_.resize(b, synapses);
  wideDelay_.resize(b, wide);
  postChannel_.resize(b, channels);
  // Projection by projection: no second host copy of the synapses.
  for (uint32_t k = 0; k < c.projectionCount(); ++k) {
    const ProjectionStore& store = c.projection(k);
    const ProjectionArgs& p = projections[k];
    rowStart_.uploadAt(p.rowOffset, store.rowStart.data(), store.rowStart.size());
    word_.uploadAt(p.synapseOffset, store.word.data(), store.word.size());
    if (store.weightUniform) {
      // core keeps a shared weight once (ProjectionStore::weightUniform); the device kernels read one per synapse.
      const std::vector<float> same(store.word.size(), store.uniformWeight);
      weight_.uploadAt(p.synapseOffset, same.data(), same.size());
    } else {
      weight_.uploadAt(p.synapseOffset, store.weight.data(), store.weight.size());
    }
    if (store.wide) wideDelay_.uploadAt(p.wideOffset, store.wideDelay.data(), store.wideDelay.size());
    if (!store.postAffine) postChannel_.uploadAt(p.channelOffset, store.postChannel.data(), store.postChannel.size());
  }
  // The fan-out of every global neuron, in the order Connectivity::buildFanOut makes it.
  std::vector<uint32_t> fanStart(static_cast<size_t>(totalNeurons_) + 1, 0);
  for (const auto& prj : network.projections)
    for (const auto& part : prj.pre.parts) {
      const uint32_t first = network.populations[part.population].firstGlobal;
      for (uint32_t q = 0, n = part.size(); q < n; ++q) ++fanStart[first + part.at(q) + 1];
    }
  for (size_t g = 0; g < totalNeurons_; ++g) fanStart[g + 1] += fanStart[g];
  std::vector<uint32_t> fanProjection(fanStart.back()), fanRow(fanStart.back());
  std::vector<uint32_t> fill(fanStart.begin(), fanStart.end() - 1);
  std::vector<uint64_t> synapseCount(totalNeurons_, 0);  // the events one spike causes (StepArgs::synapseCount)
  std::vector<uint64_t> reached(totalNeurons_, 0);       // every synapse, plastic ones included
  std::vector<uint8_t> plastic(totalNeurons_, 0);
  for (uint32_t k = 0; k < network.projections.size(); ++k) {
    const ProjectionArgs& args = projections[k];
    const bool plasticProjection = args.tsodyksMarkram != 0 || args.stochastic != 0 || args.stdp != 0;
    const ProjectionStore& store = c.projection(k);
    uint32_t row = 0;
    for (const auto& part : network.projections[k].pre.parts) {
      const uint32_t first = network.populations[part.population].firstGlobal;
      for (uint32_t q = 0, n = part.size(); q < n; ++q, ++row) {
        const uint32_t global = first + part.at(q);
        const uint32_t e = fill[global]++;
        fanProjection[e] = k;
        fanRow[e] = row;
        const uint32_t rowSynapses = store.rowStart[row + 1] - store.rowStart[row];
        // A stochastic synapse is an event only when it transmits: counted on the device (SynapseArgs::releases).
        if (plasticity == nullptr || !plasticity->isStochastic(k)) synapseCount[global] += rowSynapses;
        reached[global] += rowSynapses;
        if (plasticProjection) plastic[global] = 1;
      }
    }
  }
  fanStart_.assign(b, fanStart);
  fanProjection_.assign(b, fanProjection);
  fanRow_.assign(b, fanRow);
  synapseCount_.assign(b, synapseCount);
  std::vector<uint8_t> spikeList(totalNeurons_);
  for (size_t g = 0; g < totalNeurons_; ++g)
    spikeList[g] = reached[g] >= kBlockSpikeSynapses            ? kBlockSpikes
                   : plastic[g] == 0 && reached[g] < kThreadSpikeSynapses ? kThreadSpikes
                                                                          : kWarpSpikes;
  spikeList_.assign(b, spikeList);
  resizeRing(c.maxDelaySteps() + 1);
  uploadStdpPostTable();
  synapsesStale_ = false;
}

// Which rings each neuron's spikes go to (Plasticity's post table, projections as indices into stdp_).
void AcceleratedEngine::uploadStdpPostTable() {
  if (stdpProjections_.empty()) return;
  std::vector<uint32_t> start, projection, post;
  connectivity_->plasticity()->stdpPostTable(start, projection, post);
  std::vector<uint32_t> rule(projection.size());
  for (size_t e = 0; e < projection.size(); ++e)
    rule[e] = static_cast<uint32_t>(
        std::find(stdpProjections_.begin(), stdpProjections_.end(), projection[e]) - stdpProjections_.begin());
  stdpPostStart_.assign(*backend_, start);
  stdpPostRule_.assign(*backend_, rule);
  stdpPostIndex_.assign(*backend_, post);
}

// The largest delay (steps) of any STDP synapse: what a ring keeps beyond the chunk.
uint64_t AcceleratedEngine::stdpMaxDelay() const {
  uint64_t maxDelay = 1;
  for (uint32_t k : stdpProjections_)
    maxDelay = std::max<uint64_t>(maxDelay, connectivity_->plasticity()->stdpMaxDelay(k));
  return maxDelay;
}

// A ring keeps chunk + max delay + 2 spikes per post cell (stdp_histories.h): chunks short enough for the budget.
uint64_t AcceleratedEngine::stdpChunkSteps(uint64_t chunk) const {
  if (stdpProjections_.empty()) return chunk;
  uint64_t posts = 0;
  for (uint32_t k : stdpProjections_) posts += connectivity_->projection(k).nPost;
  const uint64_t maxDelay = stdpMaxDelay();
  const uint64_t spikes = options_.stdpHistoryBudget / (16 * std::max<uint64_t>(1, posts));
  return std::max<uint64_t>(1, std::min(chunk, spikes > maxDelay + 3 ? spikes - maxDelay - 2 : 1));
}

void AcceleratedEngine::uploadStdpHistories(uint64_t chunk) {
  if (stdpProjections_.empty()) return;
  Plasticity& plasticity = *connectivity_->plasticity();
  historyCapacity_ = static_cast<uint32_t>(chunk + stdpMaxDelay() + 2);
  while (histories_.size() < stdpProjections_.size()) histories_.push_back(std::make_unique<DeviceHistories>());
  std::vector<StdpHistories> args;
  std::vector<int64_t> steps;
  std::vector<double> traces;
  std::vector<uint32_t> counts, ends;
  for (size_t r = 0; r < stdpProjections_.size(); ++r) {
    DeviceHistories& h = *histories_[r];
    plasticity.stdpHistories(stdpProjections_[r], historyCapacity_, steps, traces, counts);
    h.posts = static_cast<uint32_t>(counts.size());
    h.step.assign(*backend_, steps);
    h.trace.assign(*backend_, traces);
    h.fill.assign(*backend_, counts);
    // Oldest first from slot 0: the next spike goes after the last.
    ends.resize(counts.size());
    for (size_t j = 0; j < counts.size(); ++j) ends[j] = counts[j] == historyCapacity_ ? 0 : counts[j];
    h.end.assign(*backend_, ends);
    args.push_back(StdpHistories{h.step.data(), h.trace.data(), h.end.data(), h.fill.data(), historyCapacity_});
  }
  stdpHistories_.assign(*backend_, args);
}

// The rings back into Plasticity's histories, oldest first (Session::run then settles and prunes them).
void AcceleratedEngine::downloadStdpHistories() {
  std::vector<int64_t> steps, ringSteps;
  std::vector<double> traces, ringTraces;
  std::vector<uint32_t> ends, fills;
  for (size_t r = 0; r < stdpProjections_.size(); ++r) {
    const DeviceHistories& h = *histories_[r];
    h.step.copyTo(ringSteps);
    h.trace.copyTo(ringTraces);
    h.end.copyTo(ends);
    h.fill.copyTo(fills);
    steps.assign(ringSteps.size(), 0);
    traces.assign(ringTraces.size(), 0.0);
    const uint64_t capacity = historyCapacity_;
    for (uint64_t j = 0; j < h.posts; ++j)
      for (uint64_t k = 0; k < fills[j]; ++k) {
        const uint64_t from = j * capacity + (ends[j] + capacity - fills[j] + k) % capacity;
        steps[j * capacity + k] = ringSteps[from];
        traces[j * capacity + k] = ringTraces[from];
      }
    connectivity_->plasticity()->setStdpHistories(stdpProjections_[r], historyCapacity_, steps, traces, fills);
  }
}

namespace {

// Copies of every listed projection's arrays (arraysOf(k)) up, and their delivery arguments (argsOf(k, copyOf))
// into `args`.
template <typename Args, typename ArraysOf, typename ArgsOf>
void uploadProjectionCopies(StepBackend& backend, const std::vector<uint32_t>& projections,
                            std::vector<std::unique_ptr<DeviceCopies>>& copies, DeviceArray<Args>& args,
                            ArraysOf arraysOf, ArgsOf argsOf) {
  while (copies.size() < projections.size()) copies.push_back(std::make_unique<DeviceCopies>());
  std::vector<Args> all;
  for (size_t k = 0; k < projections.size(); ++k) {
    DeviceCopies& c = *copies[k];
    c.upload(backend, arraysOf(projections[k]));
    all.push_back(argsOf(projections[k], c.copier()));
  }
  args.assign(backend, all);
}

}  // namespace

// Every run: the Session's plastic state and parameters are the truth between runs (Reset, SetSynapseValues and
// the post cells' tau_syn change them there; downloadPlasticSynapses brought the last run's back).
void AcceleratedEngine::uploadPlasticSynapses() {
  Plasticity* plasticity = connectivity_->plasticity();
  if (plasticity == nullptr) return;
  uploadProjectionCopies(
      *backend_, tsodyksMarkramProjections_, tsodyksMarkramCopies_, tsodyksMarkram_,
      [plasticity](uint32_t k) { return plasticity->tsodyksMarkramArrays(k); },
      [plasticity](uint32_t k, const CopyOf& copyOf) { return plasticity->tsodyksMarkramSynapses(k, copyOf); });
  uploadProjectionCopies(
      *backend_, stochasticProjections_, stochasticCopies_, stochastic_,
      [plasticity](uint32_t k) { return plasticity->stochasticArrays(k); },
      [plasticity](uint32_t k, const CopyOf& copyOf) { return plasticity->stochasticSynapses(k, copyOf); });
  uploadProjectionCopies(
      *backend_, stdpProjections_, stdpCopies_, stdp_, [plasticity](uint32_t k) { return plasticity->stdpArrays(k); },
      [plasticity](uint32_t k, const CopyOf& copyOf) { return plasticity->stdpSynapses(k, copyOf); });
}

// The plastic state back into the Session's synapses (GetConnections reads u).
void AcceleratedEngine::downloadPlasticSynapses() {
  Plasticity* plasticity = connectivity_->plasticity();
  if (plasticity == nullptr) return;
  for (size_t k = 0; k < tsodyksMarkramProjections_.size(); ++k)
    tsodyksMarkramCopies_[k]->downloadState(*backend_, plasticity->tsodyksMarkramArrays(tsodyksMarkramProjections_[k]));
  for (size_t k = 0; k < stochasticProjections_.size(); ++k)
    stochasticCopies_[k]->downloadState(*backend_, plasticity->stochasticArrays(stochasticProjections_[k]));
  for (size_t k = 0; k < stdpProjections_.size(); ++k)
    stdpCopies_[k]->downloadState(*backend_, plasticity->stdpArrays(stdpProjections_[k]));
  downloadStdpHistories();
}

// InputBuffer's rows: maxDelay + 1. A ring that grows keeps the input already due (as InputBuffer::resize).
void AcceleratedEngine::resizeRing(uint32_t slots) {
  if (slots <= slots_ && ring_.data() != nullptr) return;
  std::vector<int64_t> old;
  if (ring_.data() != nullptr) ring_.copyTo(old);
  std::vector<int64_t> grown(static_cast<size_t>(slots) * channels_, 0);
  for (uint32_t d = 0; d < slots_ && !old.empty(); ++d) {
    const size_t from = static_cast<size_t>((arrivingRow_ + d) % slots_) * channels_;
    std::copy(old.begin() + from, old.begin() + from + channels_, grown.begin() + static_cast<size_t>(d) * channels_);
  }
  ring_.assign(*backend_, grown);
  slots_ = slots;
  arrivingRow_ = 0;
}

void AcceleratedEngine::uploadPopulation(DevicePopulation& d, NeuronPopulation& host, uint64_t now) {
  StepBackend& b = *backend_;
  // Every array, state included: between runs the host's arrays are the truth (Initialize, SetParameters and
  // Reset change them there; downloadState brought the last run's state back).
  d.copies.upload(b, host.cellArrays());
  d.steps = host.cellSteps(d.copies.copier());
  if (d.model == kPointNeuron) {
    d.pointReceptors.assign(b, d.steps.point.receptors, d.steps.point.receptorCount);
    d.steps.point.receptors = d.pointReceptors.data();
  }
  if (d.model == kSpikeSourceArray) {
    const SpikeArrayTable table = spikeArrayTable(host, network_->settings.timestep, now);
    d.spikeStart.assign(b, table.start);
    d.spikeSteps.assign(b, table.steps);
    d.nextSpike.assign(b, table.next);
  }
}

void AcceleratedEngine::prepare(Simulation& sim) {
  StepBackend& b = *backend_;
  if (!uploaded_) {
    const ChannelLayout& layout = sim.layout();
    totalNeurons_ = layout.totalNeurons();
    channels_ = layout.channelCount();
    maxReceptors_ = layout.maxReceptors();
    for (uint32_t p = 0; p < models_.size(); ++p) {
      auto d = std::make_unique<DevicePopulation>();
      d->model = models_[p];
      d->size = layout.populationSize(p);
      d->firstNeuron = layout.firstNeuron(p);
      populations_.push_back(std::move(d));
    }
    planModelGroups();
    stepCount_.resize(b, 2 * kSpikeLists);
    stepNeuron_.resize(b, 2 * kSpikeLists * static_cast<size_t>(totalNeurons_));
    stepMultiplicity_.resize(b, 2 * kSpikeLists * static_cast<size_t>(totalNeurons_));
    const uint64_t neurons = std::max<uint64_t>(1, totalNeurons_);
    chunkSteps_ = std::max<uint64_t>(1, std::min(options_.maxChunkSteps, options_.recordBudget / neurons));
    const size_t capacity = static_cast<size_t>(chunkSteps_ * neurons);
    // What the host reads after every chunk: in place where the device shares its memory (StepBackend).
    recordCount_.resizeShared(b, 1);
    recordStep_.resizeShared(b, capacity);
    recordNeuron_.resizeShared(b, capacity);
    recordMultiplicity_.resizeShared(b, capacity);
    spikeTotals_.resizeShared(b, 2);
    uploaded_ = true;
  }
  if (synapsesStale_) uploadSynapses();
  if (hiddenStale_) {
    ring_.zero();
    arrivingRow_ = 0;
    stepCount_.zero();
  }
  // The device holds the state of sim.now() where the last run kept it there and nothing has asked for it since.
  if (!stateOnDevice_) {
    for (uint32_t p = 0; p < populations_.size(); ++p)
      uploadPopulation(*populations_[p], sim.populations()[p], sim.now());
    uploadPlasticSynapses();
  }
  hiddenStale_ = false;
  planSamples(sim);
  planCurrentSources(sim);
}

// The update launches (ModelGroup): a launch of its own for each model with at least ownLaunchCells cells, one
// for all the rest together (kMixedModels), in the order of each group's first population. A launch costs a few
// microseconds a step, which a small network's step does not win back: on an H100 a launch per model made CUBA
// 0.100 -> 0.128 s per biological second and the microcircuit 0.473 -> 0.453 (full scale 1.075 -> 0.865).
void AcceleratedEngine::planModelGroups() {
  std::vector<uint32_t> cellsOf(kDeviceModels, 0);
  for (const auto& d : populations_) cellsOf[d->model] += d->size;
  const auto groupOf = [&](uint32_t model) {
    return cellsOf[model] >= options_.ownLaunchCells ? model : uint32_t{kMixedModels};
  };
  std::vector<uint32_t> models;
  for (const auto& d : populations_)
    if (d->size != 0 && std::find(models.begin(), models.end(), groupOf(d->model)) == models.end())
      models.push_back(groupOf(d->model));
  std::vector<uint32_t> indices, starts;
  std::vector<size_t> offsets;
  modelGroups_.clear();
  for (uint32_t model : models) {
    ModelGroup g;
    g.model = model;
    offsets.push_back(indices.size());
    for (uint32_t p = 0; p < populations_.size(); ++p) {
      if (groupOf(populations_[p]->model) != model || populations_[p]->size == 0) continue;
      indices.push_back(p);
      starts.push_back(g.neurons);
      g.neurons += populations_[p]->size;
      ++g.count;
    }
    modelGroups_.push_back(g);
  }
  groupPopulations_.assign(*backend_, indices);
  groupStart_.assign(*backend_, starts);
  for (size_t k = 0; k < modelGroups_.size(); ++k) {
    modelGroups_[k].populations = groupPopulations_.data() + offsets[k];
    modelGroups_[k].start = groupStart_.data() + offsets[k];
  }
}

// Which sources every neuron receives, in CurrentSources::inject's order (SetCurrentSource may have changed them).
void AcceleratedEngine::planCurrentSources(Simulation& sim) {
  const CurrentSources& sources = sim.currentSources();
  sourceCount_ = static_cast<uint32_t>(sources.count());
  perTargetSources_ = false;
  for (uint32_t i = 0; i < sourceCount_; ++i) perTargetSources_ = perTargetSources_ || sources.at(i).perTarget();
  if (sourceCount_ == 0 || perTargetSources_) return;
  std::vector<uint32_t> start(static_cast<size_t>(totalNeurons_) + 1, 0);
  for (uint32_t i = 0; i < sourceCount_; ++i)
    for (uint32_t g : sources.at(i).targets()) ++start[g + 1];
  for (size_t g = 0; g < totalNeurons_; ++g) start[g + 1] += start[g];
  std::vector<uint32_t> source(start.back());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < sourceCount_; ++i)
    for (uint32_t g : sources.at(i).targets()) source[fill[g]++] = i;
  injectionStart_.assign(*backend_, start);
  injectionSource_.assign(*backend_, source);
}

void AcceleratedEngine::planSamples(const Simulation& sim) {
  sampled_.clear();
  sampledCellsPerStep_ = 0;
  for (const RecordingConfig& config : sim.recordings()) {
    if (config.variable == "spikes") continue;
    auto r = std::make_unique<SampledRecording>();
    r->population = config.population;
    r->interval = config.intervalSteps == 0 ? 1 : config.intervalSteps;
    r->variable = config.variable;
    r->cells = config.cells;
    r->deviceCells.assign(*backend_, r->cells);
    // The recorder accepted the variable (Recorder::configure): it is one of the population's state arrays, of
    // which the device holds a copy.
    const DevicePopulation& d = *populations_.at(r->population);
    const double* host = sim.populations()[r->population].recordableArray(r->variable);
    r->values = static_cast<const double*>(d.copies.copyOf(host));
    if (r->values == nullptr)
      throw Error(ErrorCode::Internal, "", "the CUDA engine holds no copy of '" + r->variable + "'");
    sampledCellsPerStep_ += r->cells.size();
    sampled_.push_back(std::move(r));
  }
  if (sampledCellsPerStep_ == 0) return;
  const uint64_t steps = std::max<uint64_t>(1, options_.sampleBudget / sampledCellsPerStep_);
  const size_t capacity = static_cast<size_t>(steps * sampledCellsPerStep_);
  if (samples_.size() < capacity) samples_.resizeShared(*backend_, capacity);
}

PopulationArgs AcceleratedEngine::argsOf(const DevicePopulation& d, bool recordSpikes) const {
  PopulationArgs a;
  a.model = d.model;
  a.recordSpikes = recordSpikes ? 1u : 0u;
  a.size = d.size;
  a.firstNeuron = d.firstNeuron;
  a.cells = d.steps;
  a.spikeStart = d.spikeStart.data();
  a.spikeSteps = d.spikeSteps.data();
  a.nextSpike = d.nextSpike.data();
  return a;
}

// ---- the run ---------------------------------------------------------------------------------------------------

namespace {

// The first `count` elements of `array` for the host to read: in place where the device shares the host's memory
// (DeviceArray::resizeShared), else copied into `copy`. After StepBackend::synchronize().
template <typename T>
const T* readable(StepBackend& backend, const DeviceArray<T>& array, size_t count, std::vector<T>& copy) {
  if (array.hostData() != nullptr) return array.hostData();
  copy.resize(count);
  backend.download(copy.data(), array.data(), count * sizeof(T));
  return copy.data();
}

}  // namespace

void AcceleratedEngine::downloadState(Simulation& sim) {
  for (uint32_t p = 0; p < populations_.size(); ++p) {
    const DevicePopulation& d = *populations_[p];
    // The population's own arrays, written in place as its update would (the arrays uploadPopulation copied).
    d.copies.downloadState(*backend_, sim.populations()[p].cellArrays());
    sim.populations()[p].setLastStep(sim.now());
  }
  downloadPlasticSynapses();
}

void AcceleratedEngine::runChunk(Simulation& sim, uint64_t count, RunStats& stats) {
  const uint64_t from = sim.now();
  std::vector<PopulationArgs> populations;
  for (uint32_t p = 0; p < populations_.size(); ++p)
    populations.push_back(argsOf(*populations_[p], sim.recorder().recordsSpikes(p)));
  populationArgs_.assign(*backend_, populations);
  SynapseArgs synapses;
  synapses.projections = projections_.data();
  synapses.fanStart = fanStart_.data();
  synapses.fanProjection = fanProjection_.data();
  synapses.fanRow = fanRow_.data();
  synapses.rowStart = rowStart_.data();
  synapses.word = word_.data();
  synapses.weight = weight_.data();
  synapses.wideDelay = wideDelay_.data();
  synapses.postChannel = postChannel_.data();
  synapses.tsodyksMarkram = tsodyksMarkram_.data();
  synapses.stochastic = stochastic_.data();
  synapses.releases = spikeTotals_.data() + 1;  // transmissions are synaptic events
  synapses.stdp = stdp_.data();
  synapses.anyPlastic = !tsodyksMarkramProjections_.empty() || !stochasticProjections_.empty() || !stdpProjections_.empty();
  synapses.stdpHistories = stdpHistories_.data();

  CurrentSources& sources = sim.currentSources();
  const bool injecting = sourceCount_ != 0 && perTargetSources_;
  if (injecting && injected_.size() != totalNeurons_) injected_.resize(*backend_, totalNeurons_);
  const bool sourceTable = sourceCount_ != 0 && !perTargetSources_;
  if (sourceTable) {
    // Simulation::step: the sources at time index `step - 1` are injected during the step.
    std::vector<double> values(static_cast<size_t>(count) * sourceCount_);
    for (uint64_t k = 0; k < count; ++k)
      for (uint32_t i = 0; i < sourceCount_; ++i) values[k * sourceCount_ + i] = sources.at(i).valueAt(from + k);
    if (sourceValues_.size() < values.size()) sourceValues_.resize(*backend_, values.size());
    sourceValues_.uploadAt(0, values.data(), values.size());
  }
  recordCount_.zero();
  spikeTotals_.zero();
  std::vector<GatheredSamples> gathered;
  size_t gatheredCount = 0;
  for (uint64_t k = 0; k < count; ++k) {
    const uint64_t step = from + k + 1;
    if (injecting) {
      // Simulation::step: sources at time index `step - 1`, injected during the step.
      hostInjected_.assign(totalNeurons_, 0.0);
      sources.inject(step - 1, hostInjected_);
      backend_->upload(injected_.data(), hostInjected_.data(), hostInjected_.size() * sizeof(double));
    }
    arrivingRow_ = arrivingRow_ + 1 == slots_ ? 0 : arrivingRow_ + 1;
    StepArgs s;
    s.ring = ring_.data();
    s.channels = channels_;
    s.totalNeurons = totalNeurons_;
    s.maxReceptors = maxReceptors_;
    s.arrivingRow = arrivingRow_;
    s.slots = slots_;
    s.step = step;
    s.dt = network_->settings.timestep;
    s.injected = injecting ? injected_.data() : nullptr;
    if (sourceTable) {
      s.injectionStart = injectionStart_.data();
      s.injectionSource = injectionSource_.data();
      s.sourceValues = sourceValues_.data();
      s.sourceCount = sourceCount_;
    }
    s.stepCount = stepCount_.data();
    s.stepNeuron = stepNeuron_.data();
    s.stepMultiplicity = stepMultiplicity_.data();
    s.recordCount = recordCount_.data();
    s.recordStep = recordStep_.data();
    s.recordNeuron = recordNeuron_.data();
    s.recordMultiplicity = recordMultiplicity_.data();
    s.recordCapacity = static_cast<uint32_t>(recordStep_.size());
    s.chunkFirstStep = from + 1;
    s.spikeTotals = spikeTotals_.data();
    s.synapseCount = synapseCount_.data();
    s.spikeList = spikeList_.data();
    if (!stdpProjections_.empty()) {
      s.stdpPostStart = stdpPostStart_.data();
      s.stdpPostRule = stdpPostRule_.data();
      s.stdpPostIndex = stdpPostIndex_.data();
      s.stdpRules = stdp_.data();
      s.stdpHistories = stdpHistories_.data();
    }
    backend_->step(populationArgs_.data(), modelGroups_, s, synapses);
    for (uint32_t r = 0; r < sampled_.size(); ++r) {
      const SampledRecording& recording = *sampled_[r];
      if (step % recording.interval != 0) continue;  // the recorder samples only at multiples of the interval
      SampleArgs gather;
      gather.values = recording.values;
      gather.cells = recording.deviceCells.data();
      gather.count = static_cast<uint32_t>(recording.cells.size());
      gather.out = samples_.data() + gatheredCount;
      backend_->gather(gather);
      gathered.push_back(GatheredSamples{step, r, gatheredCount});
      gatheredCount += recording.cells.size();
    }
  }
  // Every STDP row settled up to the chunk's end (Plasticity::finishRun), so the next chunk's deliveries need only
  // the post spikes its rings keep.
  for (uint32_t k : stdpProjections_)
    backend_->settleStdp(synapses, k, connectivity_->projection(k).nPre, static_cast<int64_t>(from + count));
  backend_->synchronize();

  // The recorded populations' spikes, replayed in Simulation::step's order: by step, population, cell (copies
  // adjacent).
  std::vector<uint32_t> countCopy, stepCopy, neuronCopy, multiplicityCopy;
  const uint32_t recorded = *readable(*backend_, recordCount_, 1, countCopy);
  std::vector<uint64_t> totalsCopy;
  const uint64_t* totals = readable(*backend_, spikeTotals_, 2, totalsCopy);
  stats.spikes += totals[0];
  stats.synapticEvents += totals[1];
  if (recorded > recordStep_.size())
    throw Error(ErrorCode::Internal, "", "the spike record overflowed (" + std::to_string(recorded) + " spikes)");
  const uint32_t* steps = readable(*backend_, recordStep_, recorded, stepCopy);
  const uint32_t* neurons = readable(*backend_, recordNeuron_, recorded, neuronCopy);
  const uint32_t* multiplicities = readable(*backend_, recordMultiplicity_, recorded, multiplicityCopy);
  std::vector<uint32_t> order(recorded);
  for (uint32_t k = 0; k < recorded; ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return steps[a] != steps[b] ? steps[a] < steps[b] : neurons[a] < neurons[b];
  });
  Recorder& recorder = sim.recorder();
  std::vector<uint32_t> cells;
  size_t at = 0;
  while (at < order.size()) {
    const uint32_t offset = steps[order[at]];
    const uint64_t step = from + 1 + offset;
    for (uint32_t p = 0; p < populations_.size() && at < order.size() && steps[order[at]] == offset; ++p) {
      const uint32_t first = populations_[p]->firstNeuron, end = first + populations_[p]->size;
      cells.clear();
      while (at < order.size() && steps[order[at]] == offset && neurons[order[at]] < end) {
        const uint32_t neuron = neurons[order[at]], multiplicity = multiplicities[order[at]];
        for (uint32_t c = 0; c < multiplicity; ++c) cells.push_back(neuron - first);
        ++at;
      }
      if (!cells.empty()) recorder.recordSpikes(p, cells, step);
    }
  }
  // Step by step: the recorded cells' values of that step into the population arrays, then the recorder's sample.
  std::vector<double> valueCopy;
  const double* values = readable(*backend_, samples_, gatheredCount, valueCopy);
  size_t next = 0;
  for (uint64_t k = 1; k <= count; ++k) {
    const uint64_t step = from + k;
    for (; next < gathered.size() && gathered[next].step == step; ++next) {
      const SampledRecording& recording = *sampled_[gathered[next].recording];
      // The population's own state array, written in place as its update would (the object is not const).
      double* target = const_cast<double*>(sim.populations()[recording.population].recordableArray(recording.variable));
      for (size_t j = 0; j < recording.cells.size(); ++j) target[recording.cells[j]] = values[gathered[next].offset + j];
    }
    sim.finishEngineStep(step, sim.samplesMayBeDueAt(step));
  }
}

RunStats AcceleratedEngine::run(Simulation& sim, uint64_t steps) {
  RunStats stats;
  if (steps == 0) return stats;
  prepare(sim);
  // A chunk's spike record and sample buffer must hold whatever its steps can produce.
  uint64_t chunk = chunkSteps_;
  if (sampledCellsPerStep_ > 0) chunk = std::min(chunk, samples_.size() / sampledCellsPerStep_);
  if (sourceCount_ > 0 && !perTargetSources_) chunk = std::min<uint64_t>(chunk, options_.sampleBudget / sourceCount_);
  chunk = stdpChunkSteps(std::max<uint64_t>(1, chunk));
  uploadStdpHistories(chunk);
  uint64_t done = 0;
  try {
    while (done < steps) {
      const uint64_t count = std::min(steps - done, chunk);
      runChunk(sim, count, stats);
      done += count;
    }
  } catch (...) {
    // The host takes back whatever the device reached (the clock followed each finished chunk); a device that
    // cannot be read any more leaves the host's last copy.
    try {
      downloadState(sim);
    } catch (...) {
    }
    stateOnDevice_ = false;
    throw;
  }
  // The state stays on the device until asked for (bringStateToHost): the server runs in pieces of about 25 ms,
  // and copying every state array both ways around each piece took 0.06 of the 0.5-scale microcircuit's 0.37 s
  // per biological second on an H100 (0.14 s at full scale). STDP's post-spike rings are sized per run from the
  // host's histories, which Session settles after each run: with STDP the state comes back every time.
  if (stdpProjections_.empty()) {
    for (uint32_t p = 0; p < populations_.size(); ++p) sim.populations()[p].setLastStep(sim.now());
    stateOnDevice_ = true;
  } else {
    downloadState(sim);
  }
  return stats;
}

void AcceleratedEngine::bringStateToHost(Simulation& sim) {
  if (!stateOnDevice_) return;
  stateOnDevice_ = false;
  downloadState(sim);
}

}  // namespace accel
}  // namespace tsnn
