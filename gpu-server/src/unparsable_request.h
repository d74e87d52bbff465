// gRPC parses a unary rpc's request before the service sees it, and answers bytes that are not a valid message
// itself: INTERNAL with no message at all, which reads as a server bug and names nothing. This interceptor turns
// that one answer into the error model's INVALID_ARGUMENT naming the request and the rpc (docs/server.md). Only
// INTERNAL with an empty message is rewritten: every INTERNAL the service itself sends says why.
#pragma once

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>

namespace tsnn::server {

class UnparsableRequestInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace tsnn::server
