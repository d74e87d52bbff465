#include "unparsable_request.h"

#include <string>
#include <utility>

#include "status_mapping.h"

namespace tsnn::server {

namespace {

using grpc::experimental::InterceptionHookPoints;

class UnparsableRequestInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit UnparsableRequestInterceptor(std::string rpc) : rpc_(std::move(rpc)) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      if (status.error_code() == grpc::StatusCode::INTERNAL && status.error_message().empty()) {
        methods->ModifySendStatus(failure(grpc::StatusCode::INVALID_ARGUMENT, "request",
                                          "the bytes received are not a valid protobuf encoding of the " + rpc_ +
                                              " request message (tsnn.v1, proto/tsnn/v1/simulator.proto)"));
      }
    }
    methods->Proceed();
  }

 private:
  std::string rpc_;
};

// "/tsnn.v1.Simulator/GetState" -> "GetState".
std::string rpcName(const char* method) {
  const std::string path = method == nullptr ? "" : method;
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

grpc::experimental::Interceptor* UnparsableRequestInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new UnparsableRequestInterceptor(rpcName(info->method()));
}

}  // namespace tsnn::server
