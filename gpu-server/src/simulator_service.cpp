#include "simulator_service.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <new>
#include <sstream>
#include <stdexcept>

#include "auth.h"
#include "host_info.h"
#include "log.h"
#include "memory_estimate.h"
#include "status_mapping.h"
#include "tsnn/engine/worker_pool.h"
#include "tsnn/error.h"
#include "tsnn/models/neuron_population.h"
#include "device_expansion.h"
#if defined(TSNN_WITH_CUDA)
#include "cuda_step_backend.h"
#endif

#ifndef TSNN_VERSION
#define TSNN_VERSION "0.0.0"
#endif
#ifndef TSNN_SERVER_COMPILER
#define TSNN_SERVER_COMPILER "unknown compiler"
#endif
#ifndef TSNN_SERVER_BUILD_TYPE
#define TSNN_SERVER_BUILD_TYPE ""
#endif

namespace tsnn::server {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

constexpr int64_t kClosedWriteGraceNanoseconds = 1000000000;

int64_t steadyNanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// writer->Write(message), with the time it is blocked on the client's flow control visible to the watchdog and
// to a close (SessionEntry::cancelIfBlocked). False, without writing, once the session is closing: marked before
// `closing` is read, a write that starts after a close is either skipped here or cancelled by it.
template <typename Writer, typename Message>
bool timedWrite(SessionEntry& entry, Writer* writer, const Message& message) {
  entry.writeBlockedSince = steadyNanoseconds();
  if (entry.closing) {
    entry.writeBlockedSince = 0;
    return false;
  }
  const bool written = writer->Write(message);
  entry.writeBlockedSince = 0;
  return written;
}

// Logs show the first 8 hex digits only: the full id is what lets a client use the session.
std::string shortId(const std::string& id) { return id.substr(0, 8); }

std::string serialized(const google::protobuf::Message& message) {
  std::string bytes;
  message.SerializeToString(&bytes);
  return bytes;
}

// Calls `onMessage(data, size)` for every length-delimited message of a core response (varint length, then the
// message, as protobuf's writeDelimited). Throws INTERNAL on a response the core should never produce.
template <typename OnMessage>
void forEachDelimited(const std::vector<uint8_t>& bytes, OnMessage onMessage) {
  size_t at = 0;
  while (at < bytes.size()) {
    uint64_t length = 0;
    int shift = 0;
    for (;;) {
      if (at >= bytes.size() || shift > 63) throw tsnn::Error(tsnn::ErrorCode::Internal, "", "the engine's response has a broken length prefix");
      const uint8_t byte = bytes[at++];
      length |= uint64_t{byte & 0x7fu} << shift;
      shift += 7;
      if ((byte & 0x80u) == 0) break;
    }
    if (length > bytes.size() - at) throw tsnn::Error(tsnn::ErrorCode::Internal, "", "the engine's response is cut short");
    onMessage(bytes.data() + at, static_cast<size_t>(length));
    at += static_cast<size_t>(length);
  }
}

template <typename Message>
Message parseEngineMessage(const uint8_t* data, size_t size, const char* what) {
  Message message;
  if (!message.ParseFromArray(data, static_cast<int>(size))) {
    throw tsnn::Error(tsnn::ErrorCode::Internal, "", std::string("the engine answered a ") + what + " that does not parse");
  }
  return message;
}

// Adaptive piece length: long enough that the per-call overhead vanishes, short enough that a cancelled or
// disconnected client is noticed within a few tens of milliseconds.
constexpr double kPieceSeconds = 0.025;
constexpr uint64_t kFirstPieceSteps = 16;
constexpr uint64_t kMostPieceSteps = 1u << 20;

const char* const kConnectors[] = {
    "AllToAllConnector", "OneToOneConnector", "FixedProbabilityConnector", "FixedNumberPreConnector",
    "FixedNumberPostConnector", "FixedTotalNumberConnector", "FromListConnector", "FromFileConnector",
    "DistanceDependentProbabilityConnector", "IndexBasedProbabilityConnector",
    "DisplacementDependentProbabilityConnector", "ArrayConnector", "CloneConnector", "SmallWorldConnector"};
const char* const kSynapseTypes[] = {"StaticSynapse", "TsodyksMarkramSynapse", "STDPMechanism", "SimpleStochasticSynapse",
                                     "StochasticTsodyksMarkramSynapse", "MultiQuantalSynapse"};

}  // namespace

uint64_t effectiveMaxMemory(const ServerOptions& options) {
  if (options.maxMemory > 0) return options.maxMemory;
  const uint64_t total = hostMemory().total;
  return total > 0 ? total : (uint64_t{1} << 32);
}

SimulatorService::SimulatorService(const ServerOptions& options, EngineSelection engines)
    : options_(options), engines_(std::move(engines)), registry_(options.maxSessions, effectiveMaxMemory(options)) {
  watchdog_ = std::thread([this] { watchSessions(); });
}

SimulatorService::~SimulatorService() {
  {
    std::lock_guard<std::mutex> lock(watchdogMutex_);
    watchdogStop_ = true;
  }
  watchdogWake_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

void SimulatorService::watchSessions() {
  const int64_t stallLimit = static_cast<int64_t>(options_.writeStallSeconds) * 1000000000;
  const int64_t idleLimit = static_cast<int64_t>(options_.sessionIdleSeconds) * 1000000000;
  std::unique_lock<std::mutex> lock(watchdogMutex_);
  while (!watchdogWake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return watchdogStop_; })) {
    const int64_t now = steadyNanoseconds();
    const auto blockedFor = [now](const SessionEntry& entry, int64_t limit) {
      const int64_t since = entry.writeBlockedSince;
      return since != 0 && now - since >= limit;
    };
    std::vector<std::string> idle;
    registry_.forEach([&](SessionEntry& entry) {
      if (stallLimit > 0 && blockedFor(entry, stallLimit)) {
        entry.writeBlockedSince = 0;  // one cancellation, one log line
        logLine("session " + shortId(entry.id) + ": the client has read nothing for " +
                std::to_string(options_.writeStallSeconds) + " s (--write-stall-seconds); its call is cancelled");
        entry.cancelCall();
      }
      if (idleLimit > 0 && !entry.inCall && now - entry.lastUsed >= idleLimit) idle.push_back(entry.id);
    });
    // Closed sessions whose call is still blocked writing to a client that does not read: a write in flight for
    // a second is not coming back by itself (cancelling at once would also cancel the ordinary
    // write of a client that does read, and it would get gRPC's bare CANCELLED instead of "the session was closed").
    {
      std::lock_guard<std::mutex> closingLock(closingMutex_);
      for (auto it = closing_.begin(); it != closing_.end();) {
        std::shared_ptr<SessionEntry> entry = it->lock();
        if (!entry || !entry->inCall) {
          it = closing_.erase(it);
        } else if (blockedFor(*entry, kClosedWriteGraceNanoseconds)) {
          entry->cancelCall();
          it = closing_.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (const std::string& id : idle) {
      std::shared_ptr<SessionEntry> entry = registry_.find(id);
      if (!entry || entry->inCall || steadyNanoseconds() - entry->lastUsed < idleLimit) continue;  // called meanwhile
      if (!registry_.remove(id)) continue;
      logLine("session " + shortId(id) + " closed after " + std::to_string(options_.sessionIdleSeconds) +
              " s without a call (--session-idle-seconds); " + std::to_string(registry_.activeSessions()) + " open");
    }
  }
}

void SimulatorService::beginShutdown() {
  shuttingDown_ = true;
  registry_.closeAll();
}

grpc::Status SimulatorService::admit(grpc::ServerContext* context) const {
  if (!options_.token.empty()) {
    const auto& metadata = context->client_metadata();
    const auto it = metadata.find("authorization");
    const std::string header = it == metadata.end() ? std::string() : std::string(it->second.data(), it->second.size());
    if (!bearerTokenMatches(header, options_.token)) {
      logLine(std::string("refused a call from ") + context->peer() + ": " +
              (it == metadata.end() ? "no authorization metadata" : "wrong token"));
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          it == metadata.end() ? "this server requires a token: send metadata 'authorization: Bearer <token>'"
                                               : "the token in 'authorization' is not the server's");
    }
  }
  if (shuttingDown_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down");
  return grpc::Status::OK;
}

grpc::Status SimulatorService::GetInfo(grpc::ServerContext* context, const tsnn::v1::GetInfoRequest*, tsnn::v1::ServerInfo* response) {
  grpc::Status admitted = admit(context);
  if (!admitted.ok()) return admitted;
  response->set_version(TSNN_VERSION);
  response->set_protocol("tsnn.v1");
  response->add_engines("cpu");
  if (engines_.cudaUsable) response->add_engines("cuda");
  if (engines_.hostEmulation) response->add_engines("cuda-host");
  const HostMemory memory = hostMemory();
  auto* device = response->add_devices();
  device->set_name(cpuModelName());
  device->set_kind("cpu");
  device->set_total_memory(memory.total);
  device->set_free_memory(memory.available);
  for (const CudaDeviceSummary& cuda : engines_.devices) {
    auto* gpu = response->add_devices();
    gpu->set_name(cuda.name);
    gpu->set_kind("cuda");
    gpu->set_total_memory(cuda.totalMemory);
    gpu->set_free_memory(cuda.freeMemory);
    gpu->set_compute_capability(cuda.computeCapability);
  }
  auto* limits = response->mutable_limits();
  limits->set_max_sessions(registry_.maxSessions());
  limits->set_max_memory(registry_.maxMemory());
  limits->set_max_message_bytes(options_.maxMessageBytes);
  limits->set_active_sessions(registry_.activeSessions());
  for (const auto& name : tsnn::NeuronPopulation::supportedCellTypes()) response->add_cell_types(name);
  for (const char* name : kConnectors) response->add_connectors(name);
  for (const char* name : kSynapseTypes) response->add_synapse_types(name);
  response->set_build(std::string("CPU engine; ") + TSNN_SERVER_COMPILER + " " + TSNN_SERVER_BUILD_TYPE +
                      " -ffp-contract=off; " + (engines_.cudaBuilt ? "CUDA engine: " + engines_.cudaBuild + "; " : "") +
                      "gRPC " + grpc::Version());
  return grpc::Status::OK;
}

grpc::Status SimulatorService::CreateSession(grpc::ServerContext* context, grpc::ServerReader<tsnn::v1::CreateSessionChunk>* reader,
                                             tsnn::v1::SessionInfo* response) {
  grpc::Status admitted = admit(context);
  if (!admitted.ok()) return admitted;
  const std::string peer = context->peer();
  auto refuse = [&](grpc::StatusCode code, const std::string& path, const std::string& message) {
    logLine("session not created (" + peer + "): " + statusDetails(path, message));
    return failure(code, path, message);
  };

  tsnn::v1::CreateSessionChunk chunk;
  if (!reader->Read(&chunk)) return refuse(grpc::StatusCode::INVALID_ARGUMENT, "upload", "the stream ended before its header");
  if (chunk.part_case() != tsnn::v1::CreateSessionChunk::kHeader) {
    return refuse(grpc::StatusCode::INVALID_ARGUMENT, "upload[0]", "the first message must be the header (SessionHeader), got a network chunk");
  }
  const tsnn::v1::SessionHeader header = chunk.header();
  if (!header.engine().empty() && header.engine() != "cpu") {
    if (header.engine() == "cuda" && !engines_.cudaBuilt) {
      return refuse(grpc::StatusCode::INVALID_ARGUMENT, "header.engine", "this server was built without the CUDA engine; available: cpu (or empty for the server's choice)");
    }
    if (header.engine() == "cuda" && !engines_.cudaUsable) {
      return refuse(grpc::StatusCode::FAILED_PRECONDITION, "header.engine",
                    "this server has no usable CUDA device (" +
                        (engines_.cudaUnusableReason.empty() ? std::string("started with --engine cpu") : engines_.cudaUnusableReason) +
                        "); available: cpu (or empty for the server's choice)");
    }
    if (header.engine() != "cuda") {
      return refuse(grpc::StatusCode::INVALID_ARGUMENT, "header.engine", "unknown engine '" + header.engine() + "'; allowed: cpu, cuda or empty");
    }
  }
  const uint64_t announced = header.network_bytes();
  if (announced > registry_.maxMemory()) {
    return refuse(grpc::StatusCode::RESOURCE_EXHAUSTED, "header.network_bytes",
                  "a network of " + std::to_string(announced) + " bytes exceeds the server's --max-memory of " +
                      std::to_string(registry_.maxMemory()) + " bytes");
  }
  // The upload holds a session slot and its announced bytes of the budget while it is read: uploads in progress
  // count against --max-sessions and --max-memory (fuzzing: twelve stalled uploads held 784 MB under a 64 MB
  // limit). The build books its own estimate once the upload is complete.
  try {
    registry_.reserve(announced);
  } catch (const tsnn::Error& error) {
    if (error.path().empty()) {
      logLine("session not created (" + peer + "): " + error.what());
      return statusOf(error);
    }
    return refuse(grpc::StatusCode::RESOURCE_EXHAUSTED, "header.network_bytes",
                  "an upload of " + std::to_string(announced) + " bytes does not fit the memory the server has left (" +
                      std::to_string(registry_.maxMemory() - std::min(registry_.maxMemory(), registry_.usedMemory())) +
                      " of its --max-memory of " + std::to_string(registry_.maxMemory()) + " bytes)");
  }
  struct UploadBooking {
    SessionRegistry& registry;
    uint64_t bytes;
    bool held = true;
    void release() {
      if (held) registry.release(bytes);
      held = false;
    }
    ~UploadBooking() { release(); }
  } booking{registry_, announced};

  std::string bytes;
  bytes.reserve(static_cast<size_t>(std::min<uint64_t>(announced, uint64_t{64} << 20)));
  for (uint64_t index = 1; reader->Read(&chunk); ++index) {
    if (chunk.part_case() != tsnn::v1::CreateSessionChunk::kNetworkChunk) {
      return refuse(grpc::StatusCode::INVALID_ARGUMENT, "upload[" + std::to_string(index) + "]",
                    "only the first message may be a header; later messages must be network chunks");
    }
    if (chunk.network_chunk().size() > announced - bytes.size()) {
      return refuse(grpc::StatusCode::RESOURCE_EXHAUSTED, "upload[" + std::to_string(index) + "]",
                    "the stream carries more than the " + std::to_string(announced) + " bytes its header announced");
    }
    bytes += chunk.network_chunk();
  }
  if (context->IsCancelled()) {
    logLine("session not created (" + peer + "): the client cancelled the upload");
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the upload");
  }
  if (bytes.size() < announced) {
    return refuse(grpc::StatusCode::INVALID_ARGUMENT, "upload",
                  "truncated: the stream ended after " + std::to_string(bytes.size()) + " of the " + std::to_string(announced) +
                      " bytes its header announced");
  }
  booking.release();
  return buildSession(context, header, bytes, response);
}

grpc::Status SimulatorService::buildSession(grpc::ServerContext* context, const tsnn::v1::SessionHeader& header,
                                            const std::string& bytes, tsnn::v1::SessionInfo* response) {
  const std::string peer = context->peer();
  // The estimate needs libprotobuf's parse. A message it refuses is refused before anything is built: the core's
  // decoder names the field where it can; otherwise (a string that is not UTF-8, which proto3 forbids and the
  // core's decoder does not check) the whole message. Building it unestimated once took 2.5 GB past a 16 MB limit.
  uint64_t estimate = 0;
  {
    tsnn::v1::Network network;
    if (network.ParseFromString(bytes)) {
      estimate = estimateMemory(network).bytes;
    } else {
      try {
        tsnn::decodeNetwork(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      } catch (const tsnn::Error& error) {
        logLine("session not created (" + peer + "): " + error.what());
        return statusOf(error);
      }
      const std::string message = "not a valid tsnn.v1.Network message: libprotobuf cannot parse it (a string field that is not UTF-8?)";
      logLine("session not created (" + peer + "): " + statusDetails("network", message));
      return failure(grpc::StatusCode::INVALID_ARGUMENT, "network", message);
    }
  }
  try {
    registry_.reserve(estimate);
  } catch (const tsnn::Error& error) {
    logLine("session not created (" + peer + "): " + error.what());
    return statusOf(error);
  }
  auto entry = std::make_shared<SessionEntry>();
  entry->client = header.client();
  const auto started = Clock::now();
  std::string engineName = "cpu";
  uint32_t deviceProjections = 0;  // projections whose synapses the device expanded
  try {
    tsnn::SessionOptions sessionOptions;
    sessionOptions.maxThreads = options_.maxThreads;
    // The synapses may use what the budget has left (this session's reservation included): rules whose counts
    // only the expansion knows (expressions) stop at the limit instead of past it.
    const uint64_t used = registry_.usedMemory();
    sessionOptions.maxConnectivityBytes = std::max<uint64_t>(1, registry_.maxMemory() > used ? registry_.maxMemory() - used + estimate : estimate);
    // Projections are expanded on every thread the server allows, whatever the network asks for its steps.
    sessionOptions.buildThreads = options_.maxThreads == 0 ? tsnn::WorkerPool::threadsAvailable() : options_.maxThreads;
    const bool wantCuda = header.engine() == "cuda" ||
                          (header.engine().empty() && (engines_.cudaByDefault || engines_.hostEmulation));
    std::string backendName;
    std::unique_ptr<tsnn::accel::StepBackend> backend = makeBackend(wantCuda, backendName);
    entry->session = tsnn::accel::buildSession(backend.get(), reinterpret_cast<const uint8_t*>(bytes.data()),
                                               bytes.size(), sessionOptions, deviceProjections);
    engineName = attachEngine(*entry, std::move(backend), backendName, peer);
    const std::vector<uint8_t>& infoBytes = entry->session->call("Info", nullptr, 0);
    *response = parseEngineMessage<tsnn::v1::SessionInfo>(infoBytes.data(), infoBytes.size(), "SessionInfo");
    registry_.rebook(estimate, response->memory_bytes());
    entry->memoryBytes = response->memory_bytes();
  } catch (const tsnn::Error& error) {
    registry_.release(estimate);
    logLine("session not created (" + peer + "): " + error.what());
    return statusOf(error);
  } catch (const std::bad_alloc&) {
    registry_.release(estimate);
    logLine("session not created (" + peer + "): out of memory while building");
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "network: out of memory while building the network");
  } catch (const std::length_error&) {
    registry_.release(estimate);
    logLine("session not created (" + peer + "): a buffer would exceed the addressable size");
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "network: a buffer would exceed the addressable size");
  } catch (const std::exception& error) {
    registry_.release(estimate);
    logLine(std::string("session not created (") + peer + "): INTERNAL: " + error.what());
    return grpc::Status(grpc::StatusCode::INTERNAL, std::string("building the network failed unexpectedly: ") + error.what());
  }
  entry->lastUsed = steadyNanoseconds();
  const std::string id = registry_.add(entry);
  response->set_session_id(id);
  response->set_engine(engineName);
  if (response->build_seconds() == 0) response->set_build_seconds(secondsSince(started));
  std::ostringstream line;
  line << "session " << shortId(id) << " created for " << peer << " ('" << header.client() << "'): " << response->neurons()
       << " neurons, " << response->synapses() << " synapses, " << response->memory_bytes() << " bytes (estimated "
       << estimate << "), built in " << response->build_seconds() << " s; engine " << engineName
       << (entry->engine ? " (" + entry->engine->describe() + ", " + std::to_string(entry->engine->deviceBytes()) + " device bytes)" : "")
       << (deviceProjections > 0 ? ", " + std::to_string(deviceProjections) + " projections expanded on the device" : "")
       << "; "
       << registry_.activeSessions() << " open";
  logLine(line.str());
  return grpc::Status::OK;
}

std::unique_ptr<tsnn::accel::StepBackend> SimulatorService::makeBackend(bool wantCuda, std::string& name) {
  if (!wantCuda) return nullptr;
  if (engines_.hostEmulation) {
    name = "cuda-host";
    return tsnn::accel::makeHostStepBackend();
  }
#if defined(TSNN_WITH_CUDA)
  name = "cuda";
  return tsnn::accel::makeCudaStepBackend(engines_.device);
#else
  return nullptr;
#endif
}

std::string SimulatorService::attachEngine(SessionEntry& entry, std::unique_ptr<tsnn::accel::StepBackend> backend,
                                           const std::string& name, const std::string& peer) {
  if (!backend) return "cpu";
  tsnn::Session& session = *entry.session;
  std::string whyNot;
  // attach() claims the device memory now, so a network too large fails at CreateSession.
  auto engine = tsnn::accel::AcceleratedEngine::attach(std::move(backend), session.network(), session.simulation(),
                                                       session.connectivity(), whyNot);
  if (!engine) {
    logLine("session for " + peer + " runs on the CPU engine: the CUDA engine does not run " + whyNot);
    return "cpu";
  }
  entry.engine = engine;
  return name;
}

grpc::Status SimulatorService::withSession(grpc::ServerContext* context, const char* rpc, const std::string& sessionId,
                                           const std::function<grpc::Status(SessionEntry&)>& body) {
  grpc::Status admitted = admit(context);
  if (!admitted.ok()) return admitted;
  std::shared_ptr<SessionEntry> entry = registry_.find(sessionId);
  if (!entry) {
    return failure(grpc::StatusCode::NOT_FOUND, "request.session_id",
                   "no open session with this id (never created, closed, idle for longer than --session-idle-seconds, "
                   "or closed after an internal error)");
  }
  // Wait for the call ahead of us, but not past our own client's patience or the session's end.
  std::unique_lock<std::timed_mutex> lock(entry->callMutex, std::defer_lock);
  while (!lock.try_lock_for(std::chrono::milliseconds(20))) {
    if (context->IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "the client gave up while another call held the session");
    if (entry->closing) break;
  }
  // Registered before `closing` is read: a close from now on finds the call to cancel if its write stays blocked
  // (watchSessions, closeAll), one before it is seen below.
  struct CancelRegistration {
    SessionEntry& entry;
    CancelRegistration(SessionEntry& e, grpc::ServerContext* context) : entry(e) {
      entry.setCancel([context] { context->TryCancel(); });
      entry.inCall = true;
    }
    ~CancelRegistration() {
      entry.setCancel(nullptr);
      entry.writeBlockedSince = 0;
      entry.lastUsed = steadyNanoseconds();
      entry.inCall = false;
    }
  };
  std::unique_ptr<CancelRegistration> registration;
  if (lock.owns_lock()) registration = std::make_unique<CancelRegistration>(*entry, context);
  if (entry->closing) {
    return failure(grpc::StatusCode::NOT_FOUND, "request.session_id", "the session was closed while this call waited for it");
  }
  auto closeAfterFault = [&](const std::string& what) {
    registry_.remove(entry->id);
    logLine("session " + shortId(entry->id) + " error in " + rpc + ": INTERNAL: " + what + "; session closed");
    return grpc::Status(grpc::StatusCode::INTERNAL, std::string(rpc) + " failed unexpectedly (" + what + "); the session was closed");
  };
  try {
    grpc::Status status = body(*entry);
    if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED) {
      logLine("session " + shortId(entry->id) + " error in " + rpc + ": " + status.error_message());
    }
    return status;
  } catch (const tsnn::Error& error) {
    if (error.code() == tsnn::ErrorCode::Internal) return closeAfterFault(error.what());
    logLine("session " + shortId(entry->id) + " error in " + rpc + ": " + tsnn::errorCodeName(error.code()) + " " + error.what());
    return statusOf(error);
  } catch (const std::bad_alloc&) {
    // A run may have advanced before memory ran out: say where the session now is.
    const std::string where = " (the session is at step " + std::to_string(entry->session->simulation().now()) + ")";
    logLine("session " + shortId(entry->id) + " error in " + rpc + ": out of memory" + where);
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, std::string(rpc) + ": out of memory" + where);
  } catch (const std::length_error&) {
    logLine("session " + shortId(entry->id) + " error in " + rpc + ": a buffer would exceed the addressable size");
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, std::string(rpc) + ": a buffer would exceed the addressable size");
  } catch (const std::exception& error) {
    return closeAfterFault(error.what());
  } catch (...) {
    return closeAfterFault("unknown exception");
  }
}

grpc::Status SimulatorService::forward(grpc::ServerContext* context, const char* method, const google::protobuf::Message& request,
                                       const std::string& sessionId, google::protobuf::Message* response) {
  return withSession(context, method, sessionId, [&](SessionEntry& entry) {
    // The engine ignores session_id; sending it cleared keeps the id out of the engine entirely.
    std::unique_ptr<google::protobuf::Message> copy(request.New());
    copy->CopyFrom(request);
    const auto* field = copy->GetDescriptor()->FindFieldByName("session_id");
    if (field != nullptr) copy->GetReflection()->ClearField(copy.get(), field);
    const std::string bytes = serialized(*copy);
    const std::vector<uint8_t>& answer = entry.session->call(method, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    if (!response->ParseFromArray(answer.data(), static_cast<int>(answer.size()))) {
      throw tsnn::Error(tsnn::ErrorCode::Internal, "", std::string("the engine's ") + method + " response does not parse");
    }
    return grpc::Status::OK;
  });
}

grpc::Status SimulatorService::Run(grpc::ServerContext* context, const tsnn::v1::RunRequest* request,
                                   grpc::ServerWriter<tsnn::v1::RunEvent>* writer) {
  return withSession(context, "Run", request->session_id(), [&](SessionEntry& entry) { return runSteps(context, entry, *request, writer); });
}

grpc::Status SimulatorService::runSteps(grpc::ServerContext* context, SessionEntry& entry, const tsnn::v1::RunRequest& request,
                                        grpc::ServerWriter<tsnn::v1::RunEvent>* writer) {
  tsnn::Session& session = *entry.session;
  const auto started = Clock::now();
  const uint64_t first = session.simulation().now();
  if (request.steps() > UINT64_MAX - first) {
    return failure(grpc::StatusCode::INVALID_ARGUMENT, "request.steps", "too many steps: the step counter would overflow");
  }
  const uint64_t target = first + request.steps();
  const uint64_t never = UINT64_MAX;
  uint64_t nextProgress = request.progress_every_steps() ? first + request.progress_every_steps() : never;
  uint64_t nextChunk = request.chunk_steps() ? first + request.chunk_steps() : never;
  uint64_t pieceSteps = kFirstPieceSteps;
  uint64_t spikes = 0;
  uint64_t synapticEvents = 0;
  bool clientGone = false;

  // One engine call: forwards its recorded data, adds up its counts.
  auto runPiece = [&](uint64_t steps) {
    tsnn::v1::RunRequest piece;
    piece.set_steps(steps);
    const std::string bytes = serialized(piece);
    const std::vector<uint8_t>& answer = session.call("Run", reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    forEachDelimited(answer, [&](const uint8_t* data, size_t size) {
      tsnn::v1::RunEvent event = parseEngineMessage<tsnn::v1::RunEvent>(data, size, "RunEvent");
      if (event.has_complete()) {
        spikes += event.complete().spikes();
        synapticEvents += event.complete().synaptic_events();
      } else if (event.has_data() && !clientGone) {
        clientGone = !timedWrite(entry, writer, event);
      }
    });
  };

  logLine("session " + shortId(entry.id) + " run: " + std::to_string(request.steps()) + " steps from step " + std::to_string(first));
  if (request.steps() == 0) runPiece(0);
  while (session.simulation().now() < target) {
    const uint64_t now = session.simulation().now();
    if (clientGone || context->IsCancelled() || entry.closing) {
      // Shutdown and CloseSession cancel the call too (to end a blocked write): they are named first.
      const std::string why = shuttingDown_ ? "the server is shutting down"
                              : entry.closing ? "the session was closed"
                                              : "the client cancelled or disconnected";
      logLine("session " + shortId(entry.id) + " run cancelled at step " + std::to_string(now) + " of " + std::to_string(target) +
              ": " + why);
      return grpc::Status(grpc::StatusCode::CANCELLED, "run cancelled at step " + std::to_string(now) + " (" + why +
                                                           "); the session stays usable from that step");
    }
    uint64_t stop = std::min(target, now + pieceSteps);
    stop = std::min(stop, nextProgress);
    stop = std::min(stop, nextChunk);
    const auto pieceStarted = Clock::now();
    runPiece(stop - now);
    const double pieceSeconds = secondsSince(pieceStarted);
    const uint64_t reached = session.simulation().now();
    if (reached != stop) throw tsnn::Error(tsnn::ErrorCode::Internal, "", "the engine stopped at step " + std::to_string(reached) + ", not " + std::to_string(stop));
    // Recorded data were flushed at the end of the piece, so every chunk boundary is met on the way.
    if (reached == nextChunk) nextChunk += request.chunk_steps();
    if (reached == nextProgress && !clientGone) {
      tsnn::v1::RunEvent event;
      auto* progress = event.mutable_progress();
      progress->set_step(reached);
      progress->set_target_step(target);
      progress->set_wall_seconds(secondsSince(started));
      clientGone = !timedWrite(entry, writer, event);
      nextProgress += request.progress_every_steps();
    }
    const double perStep = pieceSeconds / static_cast<double>(stop - now);
    const double wanted = perStep > 0 ? kPieceSeconds / perStep : static_cast<double>(kMostPieceSteps);
    pieceSteps = static_cast<uint64_t>(std::max(1.0, std::min(wanted, static_cast<double>(kMostPieceSteps))));
  }
  tsnn::v1::RunEvent event;
  auto* complete = event.mutable_complete();
  complete->set_step(session.simulation().now());
  complete->set_wall_seconds(secondsSince(started));
  complete->set_spikes(spikes);
  complete->set_synaptic_events(synapticEvents);
  if (clientGone || !timedWrite(entry, writer, event)) {
    logLine("session " + shortId(entry.id) + " run finished at step " + std::to_string(target) + " but the client had gone");
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away before the run completed");
  }
  std::ostringstream line;
  line << "session " << shortId(entry.id) << " run complete: step " << target << ", " << spikes << " spikes, "
       << synapticEvents << " synaptic events, " << complete->wall_seconds() << " s";
  logLine(line.str());
  return grpc::Status::OK;
}

grpc::Status SimulatorService::SetParameters(grpc::ServerContext* context, const tsnn::v1::SetParametersRequest* request, tsnn::v1::Ack* response) {
  return forward(context, "SetParameters", *request, request->session_id(), response);
}

grpc::Status SimulatorService::Initialize(grpc::ServerContext* context, const tsnn::v1::InitializeRequest* request, tsnn::v1::Ack* response) {
  return forward(context, "Initialize", *request, request->session_id(), response);
}

grpc::Status SimulatorService::UpdateSpikeTimes(grpc::ServerContext* context, const tsnn::v1::UpdateSpikeTimesRequest* request, tsnn::v1::Ack* response) {
  return forward(context, "UpdateSpikeTimes", *request, request->session_id(), response);
}

grpc::Status SimulatorService::SetCurrentSource(grpc::ServerContext* context, const tsnn::v1::SetCurrentSourceRequest* request, tsnn::v1::Ack* response) {
  return forward(context, "SetCurrentSource", *request, request->session_id(), response);
}

grpc::Status SimulatorService::SetRecording(grpc::ServerContext* context, const tsnn::v1::SetRecordingRequest* request, tsnn::v1::Ack* response) {
  return forward(context, "SetRecording", *request, request->session_id(), response);
}

grpc::Status SimulatorService::SetSynapseValues(grpc::ServerContext* context, const tsnn::v1::SetSynapseValuesRequest* request, tsnn::v1::Ack* response) {
  return withSession(context, "SetSynapseValues", request->session_id(), [&](SessionEntry& entry) {
    tsnn::v1::SetSynapseValuesRequest copy = *request;
    copy.clear_session_id();
    const std::string bytes = serialized(copy);
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const std::vector<uint8_t>& answer = entry.session->call("SetSynapseValues", data, bytes.size());
    if (!response->ParseFromArray(answer.data(), static_cast<int>(answer.size()))) {
      throw tsnn::Error(tsnn::ErrorCode::Internal, "", "the engine's SetSynapseValues response does not parse");
    }
    // The Session changed its synapses: the CUDA engine uploads them again before the next run (same lock).
    if (entry.engine) entry.engine->synapsesChanged();
    return grpc::Status::OK;
  });
}

grpc::Status SimulatorService::GetState(grpc::ServerContext* context, const tsnn::v1::GetStateRequest* request, tsnn::v1::GetStateResponse* response) {
  return forward(context, "GetState", *request, request->session_id(), response);
}

grpc::Status SimulatorService::Reset(grpc::ServerContext* context, const tsnn::v1::ResetRequest* request, tsnn::v1::Ack* response) {
  return forward(context, "Reset", *request, request->session_id(), response);
}

grpc::Status SimulatorService::GetConnections(grpc::ServerContext* context, const tsnn::v1::GetConnectionsRequest* request,
                                              grpc::ServerWriter<tsnn::v1::ConnectionsChunk>* writer) {
  return withSession(context, "GetConnections", request->session_id(), [&](SessionEntry& entry) {
    tsnn::v1::GetConnectionsRequest copy = *request;
    copy.clear_session_id();
    const std::string bytes = serialized(copy);
    const std::vector<uint8_t>& answer = entry.session->call("GetConnections", reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    bool clientGone = false;
    forEachDelimited(answer, [&](const uint8_t* data, size_t size) {
      if (clientGone) return;
      clientGone = context->IsCancelled() ||
                   !timedWrite(entry, writer, parseEngineMessage<tsnn::v1::ConnectionsChunk>(data, size, "ConnectionsChunk"));
    });
    if (clientGone) return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away while connections were streamed");
    return grpc::Status::OK;
  });
}

grpc::Status SimulatorService::CloseSession(grpc::ServerContext* context, const tsnn::v1::CloseSessionRequest* request, tsnn::v1::Ack*) {
  grpc::Status admitted = admit(context);
  if (!admitted.ok()) return admitted;
  std::shared_ptr<SessionEntry> entry = registry_.remove(request->session_id());
  if (!entry) return failure(grpc::StatusCode::NOT_FOUND, "request.session_id", "no open session with this id");
  if (entry->inCall) {
    std::lock_guard<std::mutex> lock(closingMutex_);
    closing_.push_back(entry);  // the watchdog ends its call if it stays blocked on a client that does not read
  }
  logLine("session " + shortId(entry->id) + " closed; " + std::to_string(registry_.activeSessions()) + " open");
  // A run in progress holds the entry and stops at its next piece; the engine is freed with the last reference.
  return grpc::Status::OK;
}

}  // namespace tsnn::server
