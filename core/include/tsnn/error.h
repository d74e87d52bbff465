// A fault in input or state, carrying the gRPC status name and the field path of the offending value, so every
// backend (WASM, server CPU, CUDA) reports the same thing the same way.
#pragma once

#include <stdexcept>
#include <string>

namespace tsnn {

enum class ErrorCode {
  InvalidArgument,
  ResourceExhausted,
  FailedPrecondition,
  NotFound,
  Unauthenticated,
  Cancelled,
  Unavailable,
  Internal,
};

inline const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "INVALID_ARGUMENT";
    case ErrorCode::ResourceExhausted: return "RESOURCE_EXHAUSTED";
    case ErrorCode::FailedPrecondition: return "FAILED_PRECONDITION";
    case ErrorCode::NotFound: return "NOT_FOUND";
    case ErrorCode::Unauthenticated: return "UNAUTHENTICATED";
    case ErrorCode::Cancelled: return "CANCELLED";
    case ErrorCode::Unavailable: return "UNAVAILABLE";
    case ErrorCode::Internal: return "INTERNAL";
  }
  return "INTERNAL";
}

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string path, const std::string& message)
      : std::runtime_error(path.empty() ? message : path + ": " + message),
        code_(code),
        path_(std::move(path)),
        message_(message) {}

  ErrorCode code() const { return code_; }
  const std::string& path() const { return path_; }
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_;
  std::string path_;
  std::string message_;
};

inline Error invalidArgument(const std::string& path, const std::string& message) {
  return Error(ErrorCode::InvalidArgument, path, message);
}

}  // namespace tsnn
