#include "tsnn/wire/wire_writer.h"

#include <cstring>

namespace tsnn {

void WireWriter::writeVarint(uint64_t value) {
  while (value >= 0x80) {
    bytes_.push_back(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  bytes_.push_back(static_cast<uint8_t>(value));
}

void WireWriter::writeVarintField(uint32_t field, uint64_t value) {
  if (value == 0) return;
  writeKey(field, 0);
  writeVarint(value);
}

void WireWriter::writeBoolField(uint32_t field, bool value) {
  if (value) writeVarintField(field, 1);
}

static void appendFixed64(std::vector<uint8_t>& out, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
}

void WireWriter::writeDoubleField(uint32_t field, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  if (bits == 0) return;  // +0.0 is proto3's default; -0.0 is written
  writeKey(field, 1);
  appendFixed64(bytes_, value);
}

void WireWriter::writeStringField(uint32_t field, const std::string& value) {
  writeBytesField(field, reinterpret_cast<const uint8_t*>(value.data()), value.size());
}

void WireWriter::writeBytesField(uint32_t field, const uint8_t* data, size_t size) {
  if (size == 0) return;
  writeKey(field, 2);
  writeVarint(size);
  writeRaw(data, size);
}

void WireWriter::writeMessageField(uint32_t field, const WireWriter& message) {
  writeKey(field, 2);
  writeVarint(message.size());
  writeRaw(message.bytes_.data(), message.bytes_.size());
}

void WireWriter::writeDelimited(const WireWriter& message) {
  writeVarint(message.size());
  writeRaw(message.bytes_.data(), message.bytes_.size());
}

void WireWriter::writePackedDouble(uint32_t field, const double* values, size_t count) {
  if (count == 0) return;
  writeKey(field, 2);
  writeVarint(count * 8);
  bytes_.reserve(bytes_.size() + count * 8);
  for (size_t i = 0; i < count; ++i) appendFixed64(bytes_, values[i]);
}

void WireWriter::writePackedUint32(uint32_t field, const uint32_t* values, size_t count) {
  if (count == 0) return;
  WireWriter packed;
  for (size_t i = 0; i < count; ++i) packed.writeVarint(values[i]);
  writeMessageField(field, packed);
}

void WireWriter::writePackedUint64(uint32_t field, const uint64_t* values, size_t count) {
  if (count == 0) return;
  WireWriter packed;
  for (size_t i = 0; i < count; ++i) packed.writeVarint(values[i]);
  writeMessageField(field, packed);
}

}  // namespace tsnn
