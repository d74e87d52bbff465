// tsnn-server: serves tsnn.v1.Simulator (docs/server.md). SIGTERM/SIGINT are blocked in every thread and taken by
// one thread with sigwait, so shutdown runs as ordinary code: runs stop at their next step boundary, the server
// drains, the process exits 0.
#include <grpcpp/grpcpp.h>
#include <grpcpp/security/server_credentials.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine_selection.h"
#include "log.h"
#include "options.h"
#include "simulator_service.h"
#include "unparsable_request.h"

namespace {

using tsnn::server::logLine;

std::string readFile(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(std::string(flag) + ": cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool isLoopback(const std::string& listen) {
  const std::string host = listen.substr(0, listen.rfind(':'));
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

// Written to a temporary name and renamed, so a reader never sees half a number.
void writePortFile(const std::string& path, int port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) throw std::runtime_error("--port-file: cannot write '" + temporary + "'");
    out << port << "\n";
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) throw std::runtime_error("--port-file: cannot rename to '" + path + "'");
}

}  // namespace

int main(int argc, char** argv) {
  tsnn::server::ServerOptions options;
  try {
    options = tsnn::server::parseOptions(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& error) {
    std::cerr << "tsnn-server: " << error.what() << "\n";
    return 2;
  }
  if (options.help) {
    std::cout << tsnn::server::usage();
    return 0;
  }
  // Before any thread exists, so that every thread inherits the mask and only the waiter below sees them. The
  // CUDA runtime starts threads of its own when selectEngines finds a device: a SIGTERM delivered to one of them,
  // unblocked, ended the server without its shutdown (seen on an H100, session 27).
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  // A client that disconnects must not kill the process through a write to a closed socket.
  signal(SIGPIPE, SIG_IGN);

  tsnn::server::EngineSelection engines;
  {
    std::string fatal;
    std::vector<std::string> lines;
    const bool ok = tsnn::server::selectEngines(options, engines, fatal, lines);
    for (const auto& line : lines) logLine(line);
    if (!ok) {
      std::cerr << "tsnn-server: " << fatal << "\n";
      return 2;
    }
  }

  std::shared_ptr<grpc::ServerCredentials> credentials;
  try {
    if (!options.tlsCert.empty()) {
      grpc::SslServerCredentialsOptions ssl;
      ssl.pem_key_cert_pairs.push_back({readFile(options.tlsKey, "--tls-key"), readFile(options.tlsCert, "--tls-cert")});
      credentials = grpc::SslServerCredentials(ssl);
    } else {
      credentials = grpc::InsecureServerCredentials();
    }
  } catch (const std::invalid_argument& error) {
    std::cerr << "tsnn-server: " << error.what() << "\n";
    return 2;
  }

  tsnn::server::SimulatorService service(options, engines);
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, credentials, &port);
  builder.RegisterService(&service);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.maxMessageBytes));
  builder.SetMaxSendMessageSize(-1);
  // gRPC sets SO_REUSEPORT by default: a second server on the same port would silently share its clients.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<tsnn::server::UnparsableRequestInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    std::cerr << "tsnn-server: cannot listen on " << options.listen << " (address in use, or not an address of this host)\n";
    return 1;
  }
  if (!options.portFile.empty()) {
    try {
      writePortFile(options.portFile, port);
    } catch (const std::exception& error) {
      std::cerr << "tsnn-server: " << error.what() << "\n";
      server->Shutdown();
      return 1;
    }
  }
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  logLine("listening on " + host + ":" + std::to_string(port) + (options.tlsCert.empty() ? " (plain text" : " (TLS") +
          (options.token.empty() ? ", no token)" : ", token required)") + "; max sessions " + std::to_string(options.maxSessions) +
          ", max memory " + std::to_string(tsnn::server::effectiveMaxMemory(options)) + " bytes");
  if (!isLoopback(options.listen) && (options.token.empty() || options.tlsCert.empty())) {
    logLine("warning: listening beyond this host without " + std::string(options.token.empty() ? "a token" : "TLS") +
            "; see docs/server.md (security)");
  }

  std::thread waiter([&] {
    int received = 0;
    sigwait(&stopSignals, &received);
    logLine(std::string("received ") + (received == SIGTERM ? "SIGTERM" : "SIGINT") + ": stopping runs and shutting down");
    service.beginShutdown();
    server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  });
  server->Wait();
  waiter.join();
  logLine("stopped");
  return 0;
}
