#include "tsnn/wire/wire_reader.h"

#include <cstring>

namespace tsnn {

void WireReader::fail(const std::string& message) const { throw invalidArgument(path_, message); }

void WireReader::need(size_t bytes) const {
  if (static_cast<size_t>(end_ - cursor_) < bytes) fail("malformed message: truncated");
}

uint64_t WireReader::readVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (cursor_ >= end_) fail("malformed message: truncated varint");
    const uint8_t byte = *cursor_++;
    if (shift == 63 && (byte & 0x7e)) fail("malformed message: varint overflows 64 bits");
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
  fail("malformed message: varint longer than 10 bytes");
}

uint32_t WireReader::readUint32() {
  const uint64_t value = readVarint();
  if (value > 0xffffffffull) fail("value " + std::to_string(value) + " does not fit 32 bits");
  return static_cast<uint32_t>(value);
}

bool WireReader::readBool() { return readVarint() != 0; }

uint64_t WireReader::readFixed64() {
  need(8);
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | cursor_[i];
  cursor_ += 8;
  return value;
}

uint32_t WireReader::readFixed32() {
  need(4);
  uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | cursor_[i];
  cursor_ += 4;
  return value;
}

double WireReader::readDouble() {
  const uint64_t bits = readFixed64();
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

float WireReader::readFloat() {
  const uint32_t bits = readFixed32();
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

bool WireReader::nextField(uint32_t& field, WireType& type) {
  if (cursor_ >= end_) return false;
  const uint64_t key = readVarint();
  const uint64_t number = key >> 3;
  const uint32_t wire = static_cast<uint32_t>(key & 7);
  if (number == 0 || number > 536870911ull) fail("malformed message: invalid field number " + std::to_string(number));
  if (wire == 3 || wire == 4 || wire > 5) fail("malformed message: unsupported wire type " + std::to_string(wire));
  field = static_cast<uint32_t>(number);
  type = static_cast<WireType>(wire);
  return true;
}

size_t WireReader::readLength() {
  const uint64_t length = readVarint();
  if (length > static_cast<uint64_t>(end_ - cursor_)) fail("malformed message: length exceeds the remaining bytes");
  return static_cast<size_t>(length);
}

WireReader WireReader::readMessage(const std::string& path) {
  const size_t length = readLength();
  WireReader sub(cursor_, length, path);
  cursor_ += length;
  return sub;
}

std::string WireReader::readString() {
  const size_t length = readLength();
  std::string value(reinterpret_cast<const char*>(cursor_), length);
  cursor_ += length;
  return value;
}

std::vector<uint8_t> WireReader::readBytes() {
  const size_t length = readLength();
  std::vector<uint8_t> value(cursor_, cursor_ + length);
  cursor_ += length;
  return value;
}

void WireReader::skip(WireType type) {
  switch (type) {
    case WireType::Varint: readVarint(); return;
    case WireType::Fixed64: need(8); cursor_ += 8; return;
    case WireType::Fixed32: need(4); cursor_ += 4; return;
    case WireType::LengthDelimited: {
      const size_t length = readLength();
      cursor_ += length;
      return;
    }
    default: fail("malformed message: unsupported wire type");
  }
}

void WireReader::readRepeatedDouble(WireType type, std::vector<double>& out) {
  if (type == WireType::Fixed64) {
    out.push_back(readDouble());
    return;
  }
  if (type != WireType::LengthDelimited) fail("malformed message: repeated double with wrong wire type");
  const size_t length = readLength();
  if (length % 8 != 0) fail("malformed message: packed doubles length " + std::to_string(length) + " is not a multiple of 8");
  WireReader packed(cursor_, length, path_);
  cursor_ += length;
  out.reserve(out.size() + length / 8);
  while (!packed.atEnd()) out.push_back(packed.readDouble());
}

void WireReader::readRepeatedUint32(WireType type, std::vector<uint32_t>& out) {
  if (type == WireType::Varint) {
    out.push_back(readUint32());
    return;
  }
  if (type != WireType::LengthDelimited) fail("malformed message: repeated uint32 with wrong wire type");
  WireReader packed = readMessage(path_);
  while (!packed.atEnd()) out.push_back(packed.readUint32());
}

void WireReader::readRepeatedUint64(WireType type, std::vector<uint64_t>& out) {
  if (type == WireType::Varint) {
    out.push_back(readVarint());
    return;
  }
  if (type != WireType::LengthDelimited) fail("malformed message: repeated uint64 with wrong wire type");
  WireReader packed = readMessage(path_);
  while (!packed.atEnd()) out.push_back(packed.readVarint());
}

}  // namespace tsnn
