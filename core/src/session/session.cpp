#include "tsnn/session/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>

#include "tsnn/error.h"

namespace tsnn {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<uint32_t> cellsOf(const SelectionSpec& selection) {
  std::vector<uint32_t> cells(selection.size());
  for (uint32_t k = 0; k < cells.size(); ++k) cells[k] = selection.at(k);
  return cells;
}

std::string keyPath(const std::string& base, const std::string& key) { return base + "[\"" + key + "\"]"; }

void writeRecordedChunk(const RecordedChunk& chunk, WireWriter& events) {
  WireWriter data;
  data.writeVarintField(1, chunk.population);
  data.writeStringField(2, chunk.variable);
  data.writePackedUint32(3, chunk.spikeCells.data(), chunk.spikeCells.size());
  data.writePackedUint64(4, chunk.spikeSteps.data(), chunk.spikeSteps.size());
  data.writeVarintField(5, chunk.firstSample);
  data.writeVarintField(6, chunk.nSamples);
  data.writeVarintField(7, chunk.nCells);
  // float32 little-endian: the byte order of every host we build for (x86, WebAssembly, aarch64).
  std::vector<uint8_t> bytes(chunk.samples.size() * sizeof(float));
  if (!bytes.empty()) std::memcpy(bytes.data(), chunk.samples.data(), bytes.size());
  data.writeBytesField(8, bytes.data(), bytes.size());
  data.writeBoolField(9, chunk.isCurrentSource);
  WireWriter event;
  event.writeMessageField(2, data);
  events.writeDelimited(event);
}

}  // namespace

Session::Session(const uint8_t* data, size_t size, const SessionOptions& sessionOptions) : simulation_(0.1) {
  const auto start = std::chrono::steady_clock::now();
  DecodeOptions options;
  options.supportedCellTypes = NeuronPopulation::supportedCellTypes();
  network_ = decodeNetwork(data, size, options);
  simulation_ = Simulation(network_.settings.timestep);
  for (size_t k = 0; k < network_.projections.size(); ++k) {
    if (network_.projections[k].receptorType == "source_section.gap")
      throw invalidArgument("network.projections[" + std::to_string(k) + "].receptor_type",
                            "gap junctions (source_section.gap) are not supported by this engine");
  }
  buildPopulations();
  // More threads than cores would only spin against each other.
  uint32_t threads = std::min(std::max(1u, network_.settings.threads), WorkerPool::threadsAvailable());
  if (sessionOptions.maxThreads != 0) threads = std::min(threads, sessionOptions.maxThreads);
  simulation_.setThreads(threads);
  ConnectivityOptions connectivityOptions;
  connectivityOptions.maxBytes = sessionOptions.maxConnectivityBytes;
  connectivityOptions.pool = simulation_.workerPool();
  connectivityOptions.expander = sessionOptions.expander;
  std::unique_ptr<WorkerPool> buildPool;
  const uint32_t buildThreads = std::min(sessionOptions.buildThreads, WorkerPool::threadsAvailable());
  if (buildThreads > threads) {
    buildPool = std::make_unique<WorkerPool>(buildThreads);
    connectivityOptions.pool = buildPool.get();
  }
  connectivity_ = std::make_unique<Connectivity>(network_, simulation_.layout(), connectivityOptions);
  buildPool.reset();
  const Connectivity* connectivity = connectivity_.get();
  simulation_.setBatchDelivery(
      SpikeBatchDelivery([connectivity](uint32_t first, const std::vector<uint32_t>& cells, InputBuffer& input) {
        return connectivity->deliverSpikes(first, cells, input);
      }),
      connectivity->maxDelaySteps());
  simulation_.setDirectDrives([connectivity](uint32_t first, DirectDrive& drive) {
    return connectivity->oneToOneDriveOf(first, drive.delaySteps, drive.channelOffset, drive.amount);
  });
  // Without plastic projections, delivery changes nothing but the ring: threads may deliver at once.
  if (connectivity->plasticity() == nullptr) {
    Connectivity* planned = connectivity_.get();
    simulation_.setOwnedDelivery(
        [connectivity](uint32_t first, const std::vector<uint32_t>& cells, InputBuffer& input, const uint8_t* owner,
                       uint8_t worker) { return connectivity->deliverSpikesOwned(first, cells, input, owner, worker); },
        [planned](const uint8_t* owner) { planned->planOwnedDelivery(owner); });
  }
  if (Plasticity* plasticity = connectivity->plasticity(); plasticity && plasticity->observesPostSpikes()) {
    simulation_.setSpikeObserver([plasticity](uint32_t first, const std::vector<uint32_t>& cells, uint64_t step) {
      plasticity->postSpikes(first, cells, step);
    });
  }
  buildCurrentSources();
  simulation_.setRecordings(recordingConfigs(network_.recordings, "network.recordings"));
  simulation_.planThreads();
  buildSeconds_ = secondsSince(start);
}

void Session::buildPopulations() {
  const double dt = network_.settings.timestep;
  for (uint32_t p = 0; p < network_.populations.size(); ++p) {
    const PopulationSpec& spec = network_.populations[p];
    const std::string path = "network.populations[" + std::to_string(p) + "]";
    NeuronPopulation pop = NeuronPopulation::fromCellType(spec.cellType, spec.size, dt,
                                                         RandomStream{network_.settings.seed, spikeSourceStream(p)}, path);
    simulation_.addPopulation(std::move(pop), spec.receptorTypes);
    SelectionSpec all;
    all.population = p;
    all.form = SelectionSpec::Form::Range;
    all.start = 0;
    all.stop = spec.size;
    all.step = 1;
    // A refused build leaves nothing to put back: no copies of every cell's values (gigabytes for large networks).
    applyCellValues(p, all, spec.cellType.parameters, false, path + ".cell_type.parameters", false);
    applyCellValues(p, all, spec.cellType.initialValues, true, path + ".cell_type.initial_values", false);
  }
}

void Session::applyCellValues(uint32_t population, const SelectionSpec& selection, const ValueMap& values,
                              bool initial, const std::string& path, bool restoreOnFailure) {
  NeuronPopulation& pop = simulation_.populations().at(population);
  const std::vector<uint32_t> cells = cellsOf(selection);
  // A request's parameters take effect together or not at all: kept here to be put back if one of them, or the
  // voltage order they make together, is refused.
  std::vector<std::pair<std::string, std::vector<double>>> before;
  if (!initial && restoreOnFailure) {
    for (const auto& entry : values) {
      if (entry.second.kind == ValueSpec::Kind::Sequences || !pop.hasParameter(entry.first)) continue;
      std::vector<double> kept(cells.size());
      for (size_t k = 0; k < cells.size(); ++k) kept[k] = pop.get(entry.first, cells[k]);
      before.emplace_back(entry.first, std::move(kept));
    }
  }
  try {
    setCellValues(pop, cells, values, initial, path);
    if (!initial) pop.checkVoltageOrder(cells, path);
  } catch (...) {
    for (auto it = before.rbegin(); it != before.rend(); ++it) pop.setParameter(it->first, cells, it->second);
    throw;
  }
}

void Session::setCellValues(NeuronPopulation& pop, const std::vector<uint32_t>& cells, const ValueMap& values,
                            bool initial, const std::string& path) {
  std::map<std::string, std::vector<std::vector<double>>> sequences;  // array-valued parameters, set together
  for (const auto& entry : values) {
    const std::string where = keyPath(path, entry.first);
    if (!initial && entry.second.kind == ValueSpec::Kind::Sequences) {
      if (entry.first == "spike_times") {
        pop.setSpikeTimes(cells, entry.second.sequences, simulation_.now());
      } else {
        sequences[entry.first] = entry.second.sequences;
      }
      continue;
    }
    const std::vector<double> perCell =
        resolvePerCell(entry.second, static_cast<uint32_t>(cells.size()), network_.settings.seed, where);
    if (initial) {
      pop.setInitialValue(entry.first, cells, perCell);
    } else {
      pop.setParameter(entry.first, cells, perCell);
    }
  }
  if (!sequences.empty()) pop.setSequenceParameters(cells, sequences);
}

void Session::buildCurrentSources() {
  const double dt = network_.settings.timestep;
  for (uint32_t s = 0; s < network_.currentSources.size(); ++s) {
    const std::string path = "network.current_sources[" + std::to_string(s) + "]";
    CurrentSource source(network_.currentSources[s], network_, dt, path);
    for (uint32_t g : source.targets()) {
      uint32_t p = 0;
      while (p + 1 < network_.populations.size() && network_.populations[p + 1].firstGlobal <= g) ++p;
      if (simulation_.populations()[p].isSpikeSource())
        throw invalidArgument(path + ".targets", "Can't inject current into a spike source (population " +
                                                     std::to_string(p) + ", " + network_.populations[p].cellType.name + ")");
    }
    simulation_.currentSources().add(std::move(source));
  }
  simulation_.currentSourcesChanged();
}

std::vector<RecordingConfig> Session::recordingConfigs(const std::vector<RecordingSpec>& specs,
                                                       const std::string& path) const {
  const double dt = network_.settings.timestep;
  std::vector<RecordingConfig> configs;
  for (size_t r = 0; r < specs.size(); ++r) {
    const RecordingSpec& spec = specs[r];
    RecordingConfig config;
    config.population = spec.population;
    config.variable = spec.variable;
    config.cells = cellsOf(spec.cells);
    if (spec.samplingInterval > 0) {
      const double ratio = spec.samplingInterval / dt;
      const double steps = std::round(ratio);
      if (steps < 1 || std::fabs(ratio - steps) > 1e-6 * steps)
        throw invalidArgument(path + "[" + std::to_string(r) + "].sampling_interval",
                              "must be a multiple of the timestep " + std::to_string(dt) + " ms, got " +
                                  std::to_string(spec.samplingInterval));
      config.intervalSteps = static_cast<uint32_t>(steps);
    }
    configs.push_back(std::move(config));
  }
  return configs;
}

// ---- rpcs ------------------------------------------------------------------------------------------------------

const std::vector<uint8_t>& Session::call(const std::string& method, const uint8_t* request, size_t size) {
  WireWriter out;
  // Every call but these two reads or changes the state a step engine may still hold (a GPU keeps it from one
  // Run to the next: the server cuts a run into pieces of about 25 ms).
  if (method != "Run" && method != "Info") simulation_.syncEngineState();
  if (method == "Info") {
    info(out);
  } else if (method == "Run") {
    run(request, size, out);
  } else if (method == "SetParameters") {
    setParameters(request, size);
  } else if (method == "Initialize") {
    initialize(request, size);
  } else if (method == "UpdateSpikeTimes") {
    updateSpikeTimes(request, size);
  } else if (method == "SetCurrentSource") {
    setCurrentSource(request, size);
  } else if (method == "SetRecording") {
    setRecording(request, size);
  } else if (method == "SetSynapseValues") {
    settlePlasticity();
    setSynapseValues(request, size);
  } else if (method == "GetState") {
    getState(request, size, out);
  } else if (method == "GetConnections") {
    settlePlasticity();
    out.bytes() = connectivity_->encodeConnections(decodeGetConnectionsRequest(request, size, network_));
  } else if (method == "Reset") {
    decodeResetRequest(request, size);
    // The weights are kept across a reset (as NEST's): the potentiation the last run still owes is theirs too,
    // whether or not something read the weights before.
    settlePlasticity();
    simulation_.reset();
    if (Plasticity* plasticity = connectivity_->plasticity()) plasticity->reset();
    plasticityOwed_ = false;
  } else {
    throw invalidArgument("method", "unknown method '" + method +
                                        "' (Info, Run, SetParameters, Initialize, UpdateSpikeTimes, SetCurrentSource, "
                                        "SetRecording, SetSynapseValues, GetState, GetConnections, Reset)");
  }
  response_.swap(out.bytes());
  return response_;
}

void Session::settlePlasticity() {
  if (!plasticityOwed_) return;
  connectivity_->plasticity()->finishRun(simulation_.now());
  plasticityOwed_ = false;
}

void Session::info(WireWriter& out) const {
  const double dt = network_.settings.timestep;
  out.writeStringField(2, "cpu");
  out.writeVarintField(3, network_.totalNeurons);
  out.writeVarintField(4, connectivity_->synapseCount());
  out.writeVarintField(5, simulation_.memoryBytes() + connectivity_->memoryBytes());
  out.writeDoubleField(6, buildSeconds_);
  // Resolved delays: the settings where given, else ('auto') what the synapses use (one step without synapses).
  const double usedMin = connectivity_->minDelaySteps() * dt, usedMax = connectivity_->maxDelaySteps() * dt;
  const SimulationSettingsSpec& settings = network_.settings;
  out.writeDoubleField(7, settings.minDelay > 0 ? settings.minDelay : usedMin);
  out.writeDoubleField(8, settings.maxDelay > usedMax ? settings.maxDelay : usedMax);
  std::vector<uint64_t> sizes(connectivity_->projectionCount());
  for (uint32_t p = 0; p < sizes.size(); ++p) sizes[p] = connectivity_->projectionSize(p);
  out.writePackedUint64(9, sizes.data(), sizes.size());
  out.writeVarintField(10, simulation_.threads());
}

void Session::flushRecorded(WireWriter& out) {
  std::vector<RecordedChunk> chunks;
  simulation_.recorder().flush(chunks);
  for (const auto& chunk : chunks) writeRecordedChunk(chunk, out);
}

void Session::run(const uint8_t* request, size_t size, WireWriter& out) {
  const RunRequestSpec spec = decodeRunRequest(request, size);
  const auto start = std::chrono::steady_clock::now();
  if (spec.steps > UINT64_MAX - simulation_.now())
    throw invalidArgument("request.steps", "too many steps: the step counter would overflow");
  const uint64_t target = simulation_.now() + spec.steps;
  const uint64_t never = UINT64_MAX;
  uint64_t nextProgress = spec.progressEverySteps ? simulation_.now() + spec.progressEverySteps : never;
  uint64_t nextChunk = spec.chunkSteps ? simulation_.now() + spec.chunkSteps : never;
  RunStats total;
  Plasticity* plasticity = connectivity_->plasticity();
  if (plasticity) {
    // Tsodyks-Markram's tau_psc is the post cell's tau_syn, which SetParameters may have changed.
    plasticity->readPostParameters([this](uint32_t population, uint32_t cell, const std::string& name) {
      const NeuronPopulation& pop = simulation_.populations().at(population);
      return pop.hasParameter(name) ? pop.get(name, cell) : NAN;
    });
  }
  if (spec.steps == 0) total = simulation_.run(0);
  while (simulation_.now() < target) {
    uint64_t stop = target;
    if (nextProgress < stop) stop = nextProgress;
    if (nextChunk < stop) stop = nextChunk;
    const RunStats stats = simulation_.run(stop - simulation_.now());
    total.spikes += stats.spikes;
    total.synapticEvents += stats.synapticEvents;
    if (simulation_.now() == nextChunk) {
      flushRecorded(out);
      nextChunk += spec.chunkSteps;
    }
    if (simulation_.now() == nextProgress) {
      WireWriter progress;
      progress.writeVarintField(1, simulation_.now());
      progress.writeVarintField(2, target);
      progress.writeDoubleField(3, secondsSince(start));
      WireWriter event;
      event.writeMessageField(1, progress);
      out.writeDelimited(event);
      nextProgress += spec.progressEverySteps;
    }
  }
  // STDP rows owe their potentiation until settled (Plasticity::finishRun). The CPU loop settles a row at its
  // next spike anyway, so the session settles them all only when something reads or changes the synapses
  // (settlePlasticity): the WebAssembly backend cuts a run into many short Run calls, and settling 6.4 million
  // synapses after each made plastic Brunel 13x slower than Brian2 (docs/performance.md, session 8). The CUDA
  // engine's rings need every row settled before its next run: there it is done now.
  if (plasticity) {
    plasticityOwed_ = true;
    if (simulation_.stepEngine() != nullptr) settlePlasticity();
  }
  flushRecorded(out);
  WireWriter complete;
  complete.writeVarintField(1, simulation_.now());
  complete.writeDoubleField(2, secondsSince(start));
  complete.writeVarintField(3, total.spikes);
  complete.writeVarintField(4, total.synapticEvents);
  WireWriter event;
  event.writeMessageField(3, complete);
  out.writeDelimited(event);
}

void Session::setParameters(const uint8_t* request, size_t size) {
  const SetParametersSpec spec = decodeSetParametersRequest(request, size, network_);
  applyCellValues(spec.cells.population, spec.cells, spec.parameters, false, "request.parameters");
}

void Session::initialize(const uint8_t* request, size_t size) {
  const InitializeSpec spec = decodeInitializeRequest(request, size, network_);
  applyCellValues(spec.cells.population, spec.cells, spec.initialValues, true, "request.initial_values");
}

void Session::updateSpikeTimes(const uint8_t* request, size_t size) {
  const UpdateSpikeTimesSpec spec = decodeUpdateSpikeTimesRequest(request, size, network_);
  simulation_.populations().at(spec.cells.population).setSpikeTimes(cellsOf(spec.cells), spec.spikeTimes, simulation_.now());
}

void Session::setCurrentSource(const uint8_t* request, size_t size) {
  const SetCurrentSourceSpec spec = decodeSetCurrentSourceRequest(request, size, network_);
  const std::string path = "request.current_source";
  CurrentSource source(spec.currentSource, network_, network_.settings.timestep, path);
  simulation_.currentSources().replace(spec.source, std::move(source));
  network_.currentSources[spec.source] = spec.currentSource;
  simulation_.currentSourcesChanged();
}

void Session::setRecording(const uint8_t* request, size_t size) {
  const SetRecordingSpec spec = decodeSetRecordingRequest(request, size, network_);
  simulation_.setRecordings(recordingConfigs(spec.recordings, "request.recordings"));
  network_.recordings = spec.recordings;
}

void Session::setSynapseValues(const uint8_t* request, size_t size) {
  connectivity_->setValues(decodeSetSynapseValuesRequest(request, size, network_), [&](uint32_t largestDelay) {
    // Grown before the delays are written: a ring too large to make leaves them as they were (the run after a
    // refused Projection.set once read past the ring's end).
    // Longer delays need more rows; spikes already in flight keep their arrival steps.
    const uint32_t needed = std::max(connectivity_->maxDelaySteps(), largestDelay) + 1;
    if (needed > simulation_.input().slots()) simulation_.input().resize(needed);
  });
}

void Session::getState(const uint8_t* request, size_t size, WireWriter& out) const {
  const GetStateSpec spec = decodeGetStateRequest(request, size, network_);
  const NeuronPopulation& pop = simulation_.populations().at(spec.cells.population);
  const std::vector<uint32_t> cells = cellsOf(spec.cells);
  for (size_t n = 0; n < spec.names.size(); ++n) {
    const std::string& name = spec.names[n];
    if (!pop.hasParameter(name) && !pop.hasStateVariable(name))
      throw invalidArgument("request.names[" + std::to_string(n) + "]",
                            "'" + name + "' is neither a parameter nor a state variable of " + pop.cellType());
    if (pop.isSequenceParameter(name))
      throw invalidArgument("request.names[" + std::to_string(n) + "]",
                            name + " holds a sequence per cell, which GetState (one number per cell) cannot return");
    std::vector<double> values(cells.size());
    for (size_t k = 0; k < cells.size(); ++k) values[k] = pop.get(name, cells[k]);
    WireWriter array, entry;
    array.writePackedDouble(1, values.data(), values.size());
    entry.writeStringField(1, name);
    entry.writeMessageField(2, array);
    out.writeMessageField(1, entry);
  }
}

}  // namespace tsnn
