// tsnn-roundtrip: proves that the C++ classes generated from the contract read exactly what the TypeScript
// classes write. It parses one serialized tsnn.v1.Network (from the file named on the command line, or stdin),
// and writes it back with deterministic serialization (map entries sorted by key) to stdout, or to the file
// given with -o. A byte-for-byte equal answer means every field survived both languages.
//
// usage: tsnn-roundtrip [INPUT|-] [-o OUTPUT]
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "tsnn/v1/model.pb.h"

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

  std::string inputPath = "-";
  std::string outputPath = "-";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0) {
      if (i + 1 >= argc) return fail("-o needs a file name");
      outputPath = argv[++i];
    } else if (std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--help") == 0) {
      std::cout << "usage: tsnn-roundtrip [INPUT|-] [-o OUTPUT]\n";
      return 0;
    } else {
      inputPath = argv[i];
    }
  }

  std::string input;
  if (!readAll(inputPath, input)) return fail("cannot read input '" + inputPath + "'");

  tsnn::v1::Network network;
  if (!network.ParseFromString(input)) {
    return fail("input '" + inputPath + "' (" + std::to_string(input.size()) +
                " bytes) is not a valid serialized tsnn.v1.Network");
  }

  std::string output;
  {
    google::protobuf::io::StringOutputStream stream(&output);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!network.SerializeToCodedStream(&coded)) return fail("serialization failed");
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
