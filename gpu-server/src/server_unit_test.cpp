// Unit checks of the server's pieces that need no network: flag parsing, the token comparison, session ids, the
// memory estimate (against the connector's closed-form counts) and the registry's limits.
#include <cstdio>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "auth.h"
#include "engine_selection.h"
#include "memory_estimate.h"
#include "options.h"
#include "session_registry.h"
#include "tsnn/error.h"

namespace {

int passed = 0;
int failed = 0;

void check(bool ok, const char* what) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    std::printf("FAILED: %s\n", what);
  }
}

template <typename Body>
bool throwsInvalid(Body body, const std::string& mention) {
  try {
    body();
  } catch (const std::invalid_argument& error) {
    return std::string(error.what()).find(mention) != std::string::npos;
  }
  return false;
}

template <typename Body>
bool throwsExhausted(Body body) {
  try {
    body();
  } catch (const tsnn::Error& error) {
    return error.code() == tsnn::ErrorCode::ResourceExhausted;
  }
  return false;
}

tsnn::v1::Population* addPopulation(tsnn::v1::Network& network, uint32_t size) {
  auto* population = network.add_populations();
  population->set_size(size);
  population->mutable_cell_type()->set_name("IF_curr_exp");
  return population;
}

tsnn::v1::Projection* addProjection(tsnn::v1::Network& network, uint32_t pre, uint32_t post) {
  auto* projection = network.add_projections();
  auto* a = projection->mutable_pre()->add_parts();
  a->set_population(pre);
  a->set_all(true);
  auto* b = projection->mutable_post()->add_parts();
  b->set_population(post);
  b->set_all(true);
  return projection;
}

}  // namespace

int main() {
  using namespace tsnn::server;

  check(parseByteSize("512", "--max-memory") == 512, "plain bytes");
  check(parseByteSize("64K", "--max-memory") == 64ull << 10, "K suffix");
  check(parseByteSize("3M", "--max-memory") == 3ull << 20, "M suffix");
  check(parseByteSize("2G", "--max-memory") == 2ull << 30, "G suffix");
  check(throwsInvalid([] { parseByteSize("12X", "--max-memory"); }, "--max-memory"), "bad suffix names the flag");
  check(throwsInvalid([] { parseByteSize("", "--max-memory"); }, "--max-memory"), "empty size");
  check(throwsInvalid([] { parseByteSize("99999999999999999999", "--max-memory"); }, "too large"), "overflow");

  const ServerOptions defaults = parseOptions({});
  check(defaults.listen == "127.0.0.1:50051", "default listen is loopback");
  check(defaults.engine == "auto" && defaults.token.empty(), "default engine and token");
  const ServerOptions given = parseOptions({"--listen", "0.0.0.0:0", "--token=s3cret", "--max-sessions", "3", "--max-memory", "1G",
                                            "--engine", "cpu", "--port-file", "/tmp/p", "--max-threads", "4"});
  check(given.listen == "0.0.0.0:0" && given.token == "s3cret" && given.maxSessions == 3 && given.maxMemory == (1ull << 30) &&
            given.engine == "cpu" && given.portFile == "/tmp/p" && given.maxThreads == 4 && defaults.maxThreads == 0,
        "flags with separate and = values");
  check(defaults.writeStallSeconds == 60 && defaults.sessionIdleSeconds == 3600, "default stall and idle limits");
  const ServerOptions watched = parseOptions({"--write-stall-seconds", "0", "--session-idle-seconds=5"});
  check(watched.writeStallSeconds == 0 && watched.sessionIdleSeconds == 5, "stall and idle limits given");
  check(throwsInvalid([] { parseOptions({"--session-idle-seconds", "-1"}); }, "--session-idle-seconds"), "idle limit unsigned");
  check(throwsInvalid([] { parseOptions({"--engine", "gpu"}); }, "cpu, cuda or auto"), "engine choices listed");
  check(throwsInvalid([] { parseOptions({"--listen", "50051"}); }, "HOST:PORT"), "listen needs host:port");
  check(throwsInvalid([] { parseOptions({"--max-sessions", "0"}); }, "--max-sessions"), "max-sessions >= 1");
  check(throwsInvalid([] { parseOptions({"--max-threads", "0"}); }, "--max-threads"), "max-threads >= 1");
  check(throwsInvalid([] { parseOptions({"--tls-cert", "a.pem"}); }, "--tls-key"), "TLS needs both files");
  check(throwsInvalid([] { parseOptions({"--frobnicate"}); }, "unknown flag"), "unknown flag");
  check(throwsInvalid([] { parseOptions({"--token"}); }, "value is required"), "missing value");

  check(constantTimeEquals("abc", "abc"), "equal strings");
  check(!constantTimeEquals("abd", "abc") && !constantTimeEquals("ab", "abc") && !constantTimeEquals("abcd", "abc"), "unequal strings");
  check(bearerTokenMatches("Bearer tok", "tok"), "right bearer token");
  check(!bearerTokenMatches("Bearer tok2", "tok") && !bearerTokenMatches("tok", "tok") && !bearerTokenMatches("", "tok"),
        "wrong, bare or missing token");
  check(bearerTokenMatches("", ""), "no token required");

  std::random_device entropy;
  std::set<std::string> ids;
  bool hexOnly = true;
  for (int k = 0; k < 1000; ++k) {
    const std::string id = randomSessionId(entropy);
    hexOnly = hexOnly && id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
    ids.insert(id);
  }
  check(hexOnly, "ids are 32 hex digits");
  check(ids.size() == 1000, "1000 ids are distinct");

  // Estimate: N neurons and the expected connection count of each rule, times the documented per-item sizes.
  tsnn::v1::Network network;
  addPopulation(network, 1000);
  addPopulation(network, 500);
  addProjection(network, 0, 1)->mutable_connector()->mutable_all_to_all();                                   // 500000
  addProjection(network, 0, 1)->mutable_connector()->mutable_fixed_probability()->set_p_connect(0.1);         // 50000
  addProjection(network, 1, 1)->mutable_connector()->mutable_fixed_number_pre()->mutable_n()->set_scalar(20);  // 10000
  addProjection(network, 1, 0)->mutable_connector()->mutable_clone()->set_reference_projection(1);            // 50000
  const MemoryEstimate estimate = estimateMemory(network);
  check(estimate.neurons == 1500, "neurons counted");
  check(estimate.connections == 610000, "connections: 500000 + 50000 + 10000 + 50000");
  const uint64_t fanOut = (1000 + 1000 + 500 + 500) * 8;
  check(estimate.bytes == 1500 * kBytesPerNeuron + 610000 * kBytesPerConnection + fanOut, "bytes from the per-item sizes");

  tsnn::v1::Network huge;
  addPopulation(huge, 4000000000u);
  addPopulation(huge, 4000000000u);
  addProjection(huge, 0, 1)->mutable_connector()->mutable_all_to_all();
  addProjection(huge, 0, 1)->mutable_connector()->mutable_all_to_all();
  addProjection(huge, 0, 1)->mutable_connector()->mutable_all_to_all();
  check(estimateMemory(huge).bytes == UINT64_MAX, "estimate saturates instead of wrapping");

  SessionRegistry registry(2, 1000);
  registry.reserve(600);
  check(throwsExhausted([&] { registry.reserve(500); }), "memory budget refuses 600 + 500 > 1000");
  registry.reserve(400);
  check(throwsExhausted([&] { registry.reserve(0); }), "slot budget refuses a third session");
  registry.release(400);
  check(registry.usedMemory() == 600, "release returns memory");
  auto entry = std::make_shared<SessionEntry>();
  entry->memoryBytes = 600;
  const std::string id = registry.add(entry);
  check(registry.find(id) == entry && registry.activeSessions() == 1, "added session found");
  check(registry.find("0123") == nullptr, "unknown id not found");
  check(registry.remove(id) == entry && entry->closing && registry.usedMemory() == 0, "remove frees memory and marks closing");
  check(registry.remove(id) == nullptr, "second remove finds nothing");

  // Engine selection: --engine cpu never asks CUDA; without CUDA (not built, or no device here) auto serves with
  // the CPU engine and says why in one line, and cuda refuses to start.
  {
    ServerOptions options;
    EngineSelection selection;
    std::string fatal;
    std::vector<std::string> lines;
    options.engine = "cpu";
    check(selectEngines(options, selection, fatal, lines) && !selection.cudaUsable && !selection.cudaByDefault,
          "--engine cpu: CPU sessions only");
    options.engine = "auto";
    lines.clear();
    const bool started = selectEngines(options, selection, fatal, lines);
    check(started && lines.size() == 1, "--engine auto starts with one engine line");
    if (!selection.cudaUsable) {
      check(!lines.empty() && (lines[0].find("sessions use the CPU engine") != std::string::npos ||
                               lines[0].find("no usable CUDA device (") == 0),
            "auto without a usable device: the line says the CPU engine serves");
      options.engine = "cuda";
      fatal.clear();
      check(!selectEngines(options, selection, fatal, lines) && fatal.find("--engine cuda: ") == 0,
            "--engine cuda without a usable device refuses to start");
    } else {
      check(selection.cudaByDefault && !selection.devices.empty(), "a usable device takes sessions by default");
    }
#if defined(TSNN_WITH_CUDA)
    check(selection.cudaBuilt && selection.cudaBuild.find("--fmad=false") != std::string::npos, "the CUDA build is named");
#else
    check(!selection.cudaBuilt, "a build without CUDA says so");
#endif
  }

  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
