// The C boundary: every exception becomes an error string, std::bad_alloc becomes RESOURCE_EXHAUSTED.
#include "tsnn/c_api.h"

#include <exception>
#include <memory>
#include <new>
#include <string>

#include "tsnn/error.h"
#include "tsnn/session/session.h"

struct tsnn_session {
  std::unique_ptr<tsnn::Session> session;
};

namespace {

thread_local std::string lastError;

void setError(const char* code, const std::string& path, const std::string& message) {
  lastError = std::string(code) + "\t" + path + "\t" + message;
}

// Runs `body`, turning any exception into lastError; returns 0 on success, 1 on failure.
template <typename Body>
int guarded(Body body) {
  try {
    body();
    lastError.clear();
    return 0;
  } catch (const tsnn::Error& error) {
    setError(tsnn::errorCodeName(error.code()), error.path(), error.message());
  } catch (const std::bad_alloc&) {
    setError("RESOURCE_EXHAUSTED", "", "out of memory");
  } catch (const std::length_error&) {
    setError("RESOURCE_EXHAUSTED", "", "a buffer would exceed the addressable size");
  } catch (const std::exception& error) {
    setError("INTERNAL", "", error.what());
  } catch (...) {
    setError("INTERNAL", "", "unknown failure");
  }
  return 1;
}

}  // namespace

extern "C" {

tsnn_session* tsnn_session_create(const uint8_t* network, size_t size) {
  tsnn_session* created = nullptr;
  guarded([&] {
    auto holder = std::make_unique<tsnn_session>();
    tsnn::SessionOptions options;
#if defined(__EMSCRIPTEN__)
    // wasm32 addresses 4 GiB in all: synapses beyond 3.5 GiB are refused before allocation, naming the projection
    // and the bytes, instead of failing part-way with a bare "out of memory".
    options.maxConnectivityBytes = uint64_t{7} << 29;
#endif
    holder->session = std::make_unique<tsnn::Session>(network, size, options);
    created = holder.release();
  });
  return created;
}

int tsnn_call(tsnn_session* session, const char* method, const uint8_t* request, size_t size) {
  if (session == nullptr || method == nullptr) {
    setError("FAILED_PRECONDITION", "", session == nullptr ? "no session" : "no method name");
    return 1;
  }
  return guarded([&] { session->session->call(method, request, size); });
}

const uint8_t* tsnn_response_data(tsnn_session* session) {
  if (session == nullptr) return nullptr;
  return session->session->lastResponse().data();
}

size_t tsnn_response_size(tsnn_session* session) {
  if (session == nullptr) return 0;
  return session->session->lastResponse().size();
}

const char* tsnn_last_error(void) { return lastError.c_str(); }

void tsnn_session_destroy(tsnn_session* session) { delete session; }

}  // extern "C"
