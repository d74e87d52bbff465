// A bounds-checked reader of the protobuf wire format (varint, fixed64, fixed32, length-delimited), enough to
// decode the tsnn.v1 messages without libprotobuf. Every read checks the remaining bytes: truncated, overlong or
// malicious input throws tsnn::Error INVALID_ARGUMENT naming the message path, never reads out of bounds, and
// never allocates more than the input's own size (counts always come from bytes actually present).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tsnn/error.h"

namespace tsnn {

enum class WireType : uint32_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5 };

class WireReader {
 public:
  // `path` names the message being read, for errors ("network.populations[2]").
  WireReader(const uint8_t* data, size_t size, std::string path)
      : cursor_(data), end_(data + size), path_(std::move(path)) {}

  bool atEnd() const { return cursor_ >= end_; }
  const std::string& path() const { return path_; }
  // The same unread bytes under another path (a map value whose key is only known after it was read).
  WireReader renamed(std::string path) const { return WireReader(cursor_, static_cast<size_t>(end_ - cursor_), std::move(path)); }

  // Reads the next field key; false at the end of the message. Field number 0 and unknown wire types throw.
  bool nextField(uint32_t& field, WireType& type);

  uint64_t readVarint();
  uint32_t readUint32();      // a varint that must fit 32 bits
  bool readBool();
  double readDouble();        // fixed64
  float readFloat();          // fixed32
  uint64_t readFixed64();
  uint32_t readFixed32();
  // The bytes of a length-delimited field as a sub-reader with its own path.
  WireReader readMessage(const std::string& path);
  std::string readString();
  std::vector<uint8_t> readBytes();
  // Skips the value of a field of the given type (unknown fields).
  void skip(WireType type);

  // Repeated scalar fields in either encoding: packed (one length-delimited run) or one value per key.
  void readRepeatedDouble(WireType type, std::vector<double>& out);
  void readRepeatedUint32(WireType type, std::vector<uint32_t>& out);
  void readRepeatedUint64(WireType type, std::vector<uint64_t>& out);

  [[noreturn]] void fail(const std::string& message) const;

 private:
  void need(size_t bytes) const;
  size_t readLength();

  const uint8_t* cursor_;
  const uint8_t* end_;
  std::string path_;
};

}  // namespace tsnn
