// A protobuf wire-format writer for the tsnn.v1 response messages: fields are appended to a byte vector, nested
// messages are written into their own writer and appended with their length. Default values (0, "", false) are
// skipped as proto3 does, so the output equals what the generated encoders produce.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tsnn {

class WireWriter {
 public:
  void writeVarintField(uint32_t field, uint64_t value);   // skipped when 0
  void writeBoolField(uint32_t field, bool value);         // skipped when false
  void writeDoubleField(uint32_t field, double value);     // skipped when +0.0
  void writeStringField(uint32_t field, const std::string& value);  // skipped when empty
  void writeBytesField(uint32_t field, const uint8_t* data, size_t size);  // skipped when empty
  void writeMessageField(uint32_t field, const WireWriter& message);       // always written (presence)
  void writePackedDouble(uint32_t field, const double* values, size_t count);    // skipped when empty
  void writePackedUint32(uint32_t field, const uint32_t* values, size_t count);
  void writePackedUint64(uint32_t field, const uint64_t* values, size_t count);

  // Raw pieces, for callers that build their own framing (length-delimited streams).
  void writeVarint(uint64_t value);
  void writeKey(uint32_t field, uint32_t wireType) { writeVarint((static_cast<uint64_t>(field) << 3) | wireType); }
  void writeRaw(const uint8_t* data, size_t size) { bytes_.insert(bytes_.end(), data, data + size); }
  // Appends `message` prefixed by its varint length (protobuf's writeDelimited).
  void writeDelimited(const WireWriter& message);

  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t>& bytes() { return bytes_; }
  size_t size() const { return bytes_.size(); }
  void clear() { bytes_.clear(); }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace tsnn
