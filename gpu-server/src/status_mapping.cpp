#include "status_mapping.h"

namespace tsnn::server {

grpc::StatusCode grpcCode(tsnn::ErrorCode code) {
  switch (code) {
    case tsnn::ErrorCode::InvalidArgument: return grpc::StatusCode::INVALID_ARGUMENT;
    case tsnn::ErrorCode::ResourceExhausted: return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case tsnn::ErrorCode::FailedPrecondition: return grpc::StatusCode::FAILED_PRECONDITION;
    case tsnn::ErrorCode::NotFound: return grpc::StatusCode::NOT_FOUND;
    case tsnn::ErrorCode::Unauthenticated: return grpc::StatusCode::UNAUTHENTICATED;
    case tsnn::ErrorCode::Cancelled: return grpc::StatusCode::CANCELLED;
    case tsnn::ErrorCode::Unavailable: return grpc::StatusCode::UNAVAILABLE;
    case tsnn::ErrorCode::Internal: return grpc::StatusCode::INTERNAL;
  }
  return grpc::StatusCode::INTERNAL;
}

std::string statusDetails(const std::string& path, const std::string& message) {
  return path.empty() ? message : path + ": " + message;
}

grpc::Status statusOf(const tsnn::Error& error) {
  return grpc::Status(grpcCode(error.code()), statusDetails(error.path(), error.message()));
}

}  // namespace tsnn::server
