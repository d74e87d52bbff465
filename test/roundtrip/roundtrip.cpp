// tsnn-roundtrip: proves that the C++ classes generated from the contract read exactly what the TypeScript
// classes write. It parses one serialized message (tsnn.v1.Network unless --type names another tsnn.v1 message)
// from the file named on the command line, or stdin, and writes it back with deterministic serialization (map
// entries sorted by key) to stdout, or to the file given with -o. A byte-for-byte equal answer means every field
// survived both languages.
//
// usage: tsnn-roundtrip [--type tsnn.v1.MESSAGE] [INPUT|-] [-o OUTPUT]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include <memory>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>

#include "tsnn/v1/model.pb.h"
#include "tsnn/v1/simulator.pb.h"

namespace {

int fail(const std::string& message) {
  std::cerr << "tsnn-roundtrip: " << message << "\n";
  return 1;
}

bool readAll(const std::string& path, std::string& out) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    out = buffer.str();
    return !std::cin.bad();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  GOOGLE_PROTOBUF_VERIFY_VERSION;
  std::ios::sync_with_stdio(false);

  std::string typeName = "tsnn.v1.Network";
  std::string inputPath = "-";
  std::string outputPath = "-";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0) {
      if (i + 1 >= argc) return fail("-o needs a file name");
      outputPath = argv[++i];
    } else if (std::strcmp(argv[i], "--type") == 0) {
      if (i + 1 >= argc) return fail("--type needs a message name, e.g. tsnn.v1.RunEvent");
      typeName = argv[++i];
    } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      std::cout << "usage: tsnn-roundtrip [--type tsnn.v1.MESSAGE] [INPUT|-] [-o OUTPUT]\n";
      return 0;
    } else {
      inputPath = argv[i];
    }
  }

  std::string input;
  if (!readAll(inputPath, input)) return fail("cannot read input '" + inputPath + "'");

  // The generated files register their types only if the linker keeps them (tsnn_proto is a static library):
  // asking simulator.proto's descriptor here keeps both files, since simulator.proto imports model.proto.
  const google::protobuf::DescriptorPool* pool = tsnn::v1::RunEvent::descriptor()->file()->pool();
  const google::protobuf::Descriptor* descriptor = pool->FindMessageTypeByName(typeName);
  if (descriptor == nullptr || descriptor->file()->package() != "tsnn.v1") {
    return fail("--type: unknown message '" + typeName + "'; allowed: a message of package tsnn.v1, e.g. tsnn.v1.Network");
  }
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
  if (!message->ParseFromString(input)) {
    return fail("input '" + inputPath + "' (" + std::to_string(input.size()) + " bytes) is not a valid serialized " +
                typeName);
  }

  std::string output;
  {
    google::protobuf::io::StringOutputStream stream(&output);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!message->SerializeToCodedStream(&coded)) return fail("serialization failed");
  }

  if (outputPath == "-") {
    std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
    std::cout.flush();
    if (!std::cout) return fail("cannot write to stdout");
  } else {
    std::ofstream out(outputPath, std::ios::binary);
    out.write(output.data(), static_cast<std::streamsize>(output.size()));
    if (!out) return fail("cannot write output '" + outputPath + "'");
  }
  return 0;
}
