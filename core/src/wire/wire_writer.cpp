#include "tsnn/wire/wire_writer.h"

#include <cstring>

namespace tsnn {

namespace {

size_t varintSize(uint64_t value) {
  size_t size = 1;
  for (; value >= 0x80; value >>= 7) ++size;
  return size;
}

uint8_t* putVarint(uint8_t* out, uint64_t value) noexcept {
  for (; value >= 0x80; value >>= 7) *out++ = static_cast<uint8_t>(value | 0x80);
  *out++ = static_cast<uint8_t>(value);
  return out;
}

// Room for `size` more bytes at the end of `bytes`, made once: the loops that fill it then call nothing that can
// throw. In WebAssembly (emscripten's JavaScript exceptions) every call that can throw from a function with
// cleanups goes out to JavaScript and back (invoke_*): a byte at a time, that made encoding a 74.7-million-synapse
// GetConnections or a run's recorded spikes several times slower than the values themselves.
uint8_t* appendRoom(std::vector<uint8_t>& bytes, size_t size) {
  const size_t at = bytes.size();
  bytes.resize(at + size);
  return bytes.data() + at;
}

template <typename T>
void writePackedVarints(WireWriter& writer, uint32_t field, const T* values, size_t count) {
  if (count == 0) return;
  size_t size = 0;
  for (size_t i = 0; i < count; ++i) size += varintSize(values[i]);
  writer.writeKey(field, 2);
  writer.writeVarint(size);
  uint8_t* out = appendRoom(writer.bytes(), size);
  for (size_t i = 0; i < count; ++i) out = putVarint(out, values[i]);
}

uint8_t* putFixed64(uint8_t* out, double value) noexcept {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  for (int i = 0; i < 8; ++i) *out++ = static_cast<uint8_t>(bits >> (8 * i));
  return out;
}

}  // namespace

void WireWriter::writeVarint(uint64_t value) { putVarint(appendRoom(bytes_, varintSize(value)), value); }

void WireWriter::writeVarintField(uint32_t field, uint64_t value) {
  if (value == 0) return;
  writeKey(field, 0);
  writeVarint(value);
}

void WireWriter::writeBoolField(uint32_t field, bool value) {
  if (value) writeVarintField(field, 1);
}

void WireWriter::writeDoubleField(uint32_t field, double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  if (bits == 0) return;  // +0.0 is proto3's default; -0.0 is written
  writeKey(field, 1);
  putFixed64(appendRoom(bytes_, 8), value);
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
  uint8_t* out = appendRoom(bytes_, count * 8);
  for (size_t i = 0; i < count; ++i) out = putFixed64(out, values[i]);
}

void WireWriter::writePackedUint32(uint32_t field, const uint32_t* values, size_t count) {
  writePackedVarints(*this, field, values, count);
}

void WireWriter::writePackedUint64(uint32_t field, const uint64_t* values, size_t count) {
  writePackedVarints(*this, field, values, count);
}

}  // namespace tsnn
