// tsnn.v1.Simulator over gRPC's synchronous API: every rpc checks the token, finds the session, takes its lock and
// hands the request's bytes to core's Session (docs/server.md). A session on the CUDA engine is the same Session
// whose Simulation has the CUDA step engine attached (gpu-server/cuda/accelerated_engine.h).
#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine_selection.h"
#include "options.h"
#include "session_registry.h"
#include "tsnn/v1/simulator.grpc.pb.h"

namespace tsnn::server {

class SimulatorService final : public tsnn::v1::Simulator::Service {
 public:
  // `engines`: what selectEngines decided at startup (default: the CPU engine only).
  explicit SimulatorService(const ServerOptions& options, EngineSelection engines = EngineSelection());
  ~SimulatorService() override;

  // From now on every run stops at its next step boundary (CANCELLED) and new calls get UNAVAILABLE.
  void beginShutdown();

  grpc::Status GetInfo(grpc::ServerContext* context, const tsnn::v1::GetInfoRequest* request, tsnn::v1::ServerInfo* response) override;
  grpc::Status CreateSession(grpc::ServerContext* context, grpc::ServerReader<tsnn::v1::CreateSessionChunk>* reader,
                             tsnn::v1::SessionInfo* response) override;
  grpc::Status Run(grpc::ServerContext* context, const tsnn::v1::RunRequest* request,
                   grpc::ServerWriter<tsnn::v1::RunEvent>* writer) override;
  grpc::Status SetParameters(grpc::ServerContext* context, const tsnn::v1::SetParametersRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status Initialize(grpc::ServerContext* context, const tsnn::v1::InitializeRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status UpdateSpikeTimes(grpc::ServerContext* context, const tsnn::v1::UpdateSpikeTimesRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status SetCurrentSource(grpc::ServerContext* context, const tsnn::v1::SetCurrentSourceRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status SetRecording(grpc::ServerContext* context, const tsnn::v1::SetRecordingRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status SetSynapseValues(grpc::ServerContext* context, const tsnn::v1::SetSynapseValuesRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status GetState(grpc::ServerContext* context, const tsnn::v1::GetStateRequest* request, tsnn::v1::GetStateResponse* response) override;
  grpc::Status GetConnections(grpc::ServerContext* context, const tsnn::v1::GetConnectionsRequest* request,
                              grpc::ServerWriter<tsnn::v1::ConnectionsChunk>* writer) override;
  grpc::Status Reset(grpc::ServerContext* context, const tsnn::v1::ResetRequest* request, tsnn::v1::Ack* response) override;
  grpc::Status CloseSession(grpc::ServerContext* context, const tsnn::v1::CloseSessionRequest* request, tsnn::v1::Ack* response) override;

 private:
  // UNAUTHENTICATED without the right bearer token, UNAVAILABLE while shutting down, OK otherwise.
  grpc::Status admit(grpc::ServerContext* context) const;
  // Runs `body` on the session named `sessionId` under its lock, turning every failure into a status (and
  // closing the session after an unexpected one).
  grpc::Status withSession(grpc::ServerContext* context, const char* rpc, const std::string& sessionId,
                           const std::function<grpc::Status(SessionEntry&)>& body);
  // A unary between-run call: the request (its session_id cleared) goes to Session::call(method); the response
  // bytes are parsed into `response`.
  grpc::Status forward(grpc::ServerContext* context, const char* method, const google::protobuf::Message& request,
                       const std::string& sessionId, google::protobuf::Message* response);
  grpc::Status runSteps(grpc::ServerContext* context, SessionEntry& entry, const tsnn::v1::RunRequest& request,
                        grpc::ServerWriter<tsnn::v1::RunEvent>* writer);
  grpc::Status buildSession(grpc::ServerContext* context, const tsnn::v1::SessionHeader& header, const std::string& bytes,
                            tsnn::v1::SessionInfo* response);
  // The CUDA engine's backend when a session asks for it and this server has one (the device, or its host
  // emulation with `name` "cuda-host"); null otherwise. Made before the session is built: the device expands
  // its connectivity (device_expansion.h).
  std::unique_ptr<tsnn::accel::StepBackend> makeBackend(bool wantCuda, std::string& name);
  // Puts a built session's step loop on `backend` when there is one and the session's models allow; returns the
  // engine's name ("cuda", "cuda-host" or "cpu") and logs why a session that wanted CUDA stays on the CPU.
  std::string attachEngine(SessionEntry& entry, std::unique_ptr<tsnn::accel::StepBackend> backend,
                           const std::string& name, const std::string& peer);

  // Every half second: cancels the calls whose write to their client has been blocked for --write-stall-seconds
  // (a client that stopped reading a Run or GetConnections stream would otherwise hold its session for ever), and
  // closes the sessions nobody has called for --session-idle-seconds (a client that vanished without closing).
  void watchSessions();

  ServerOptions options_;
  EngineSelection engines_;
  SessionRegistry registry_;
  std::atomic<bool> shuttingDown_{false};
  std::mutex watchdogMutex_;
  std::condition_variable watchdogWake_;
  bool watchdogStop_ = false;  // guarded by watchdogMutex_
  std::mutex closingMutex_;
  std::vector<std::weak_ptr<SessionEntry>> closing_;  // closed while a call ran (guarded by closingMutex_)
  std::thread watchdog_;       // last: started in the constructor once the rest exists
};

// The effective --max-memory: the flag, or the host's physical memory.
uint64_t effectiveMaxMemory(const ServerOptions& options);

}  // namespace tsnn::server
