// tsnn::Error and the other failures of the core → gRPC status, with "field.path: message" as the details (the
// grpc client splits on the first ": ").
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "tsnn/error.h"

namespace tsnn::server {

grpc::StatusCode grpcCode(tsnn::ErrorCode code);

// "path: message", or the message alone when there is no path.
std::string statusDetails(const std::string& path, const std::string& message);

grpc::Status statusOf(const tsnn::Error& error);

inline grpc::Status failure(grpc::StatusCode code, const std::string& path, const std::string& message) {
  return grpc::Status(code, statusDetails(path, message));
}

}  // namespace tsnn::server
