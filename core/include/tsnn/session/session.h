// A simulation session: built from a serialized tsnn.v1.Network, driven by serialized tsnn.v1 requests named
// after the rpcs of simulator.proto, answering with serialized responses (docs/architecture.md). The WASM
// binding and the server's CPU engine both use it through the C API (c_api.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tsnn/engine/simulation.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/wire/wire_writer.h"

namespace tsnn {

struct SessionOptions {
  // Most bytes the synapse store may take (0: no limit): a larger network is RESOURCE_EXHAUSTED before allocation.
  uint64_t maxConnectivityBytes = 0;
  // Most step threads one session may use (0: as many as the network asks for, up to the cores).
  uint32_t maxThreads = 0;
  // Threads to expand the projections on when that is more than the step threads (the server: its cores, so that
  // a CUDA session or a one-thread network still builds fast); 0: the step threads.
  uint32_t buildThreads = 0;
  // Builds the projections it can elsewhere (the CUDA engine's device, parallel_rule.h); null: all on the host.
  // Must outlive the constructor only.
  ParallelExpander* expander = nullptr;
};

class Session {
 public:
  // Decodes, validates and builds. Throws tsnn::Error (INVALID_ARGUMENT with a field path, RESOURCE_EXHAUSTED).
  Session(const uint8_t* network, size_t size, const SessionOptions& options = SessionOptions());
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs one rpc ("Info", "Run", "SetParameters", "Initialize", "UpdateSpikeTimes", "SetCurrentSource",
  // "SetRecording", "SetSynapseValues", "GetState", "GetConnections", "Reset") and returns the serialized
  // response (for Run and GetConnections: length-delimited messages). Throws tsnn::Error.
  const std::vector<uint8_t>& call(const std::string& method, const uint8_t* request, size_t size);

  // The response of the last successful call (empty before the first).
  const std::vector<uint8_t>& lastResponse() const { return response_; }
  const Simulation& simulation() const { return simulation_; }
  // For attaching a step engine (the server's CUDA engine) before the first run; nothing else should change it.
  Simulation& simulation() { return simulation_; }
  const NetworkSpec& network() const { return network_; }
  // The synapses (for a step engine that keeps a copy of them elsewhere). STDP weights there may still owe
  // potentiation from the last run (GetConnections settles them).
  const Connectivity& connectivity() const { return *connectivity_; }

 private:
  void buildPopulations();
  void buildCurrentSources();
  std::vector<RecordingConfig> recordingConfigs(const std::vector<RecordingSpec>& specs, const std::string& path) const;
  void applyCellValues(uint32_t population, const SelectionSpec& cells, const ValueMap& values, bool initial,
                       const std::string& path, bool restoreOnFailure = true);
  void setCellValues(NeuronPopulation& pop, const std::vector<uint32_t>& cells, const ValueMap& values, bool initial,
                     const std::string& path);

  void info(WireWriter& out) const;
  void run(const uint8_t* request, size_t size, WireWriter& out);
  void setParameters(const uint8_t* request, size_t size);
  void initialize(const uint8_t* request, size_t size);
  void updateSpikeTimes(const uint8_t* request, size_t size);
  void setCurrentSource(const uint8_t* request, size_t size);
  void setRecording(const uint8_t* request, size_t size);
  void setSynapseValues(const uint8_t* request, size_t size);
  void getState(const uint8_t* request, size_t size, WireWriter& out) const;
  void flushRecorded(WireWriter& out);

  NetworkSpec network_;
  Simulation simulation_;
  std::unique_ptr<Connectivity> connectivity_;  // keeps a pointer to network_: a Session never moves
  // STDP rows not yet settled up to now (a run ended since the last settlePlasticity).
  bool plasticityOwed_ = false;
  // Settles every STDP row up to now and prunes the post-spike histories (Plasticity::finishRun), once per run.
  void settlePlasticity();
  double buildSeconds_ = 0;
  std::vector<uint8_t> response_;
};

// The stream of population `population`'s random spike sources (Poisson, gamma): a range the frontend's
// construction-order streams (small numbers) never reach.
inline uint64_t spikeSourceStream(uint32_t population) { return (uint64_t{1} << 63) | population; }

}  // namespace tsnn
