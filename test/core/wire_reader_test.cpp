// The wire reader against hand-encoded protobuf bytes (encodings from the protobuf encoding guide), and against
// malformed input: every fault is INVALID_ARGUMENT, never a crash or an out-of-bounds read.
#include <cstring>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/wire/wire_reader.h"
#include "tsnn/wire/wire_writer.h"

using namespace tsnn;

namespace {

bool throwsInvalidArgument(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    return e.code() == ErrorCode::InvalidArgument;
  }
  return false;
}

}  // namespace

TEST(varints_from_the_protobuf_guide) {
  // 150 = 96 01; 1 = 01; 300 = ac 02; 2^64 - 1 = ff x9 01
  const uint8_t bytes[] = {0x96, 0x01, 0x01, 0xac, 0x02, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  WireReader reader(bytes, sizeof bytes, "m");
  CHECK(reader.readVarint() == 150);
  CHECK(reader.readVarint() == 1);
  CHECK(reader.readVarint() == 300);
  CHECK(reader.readVarint() == 0xffffffffffffffffull);
  CHECK(reader.atEnd());
}

TEST(a_message_with_every_wire_type) {
  // field 1 varint 150 | field 2 string "testing" | field 3 double 1.0 | field 4 fixed32 | field 5 packed [3, 270]
  const uint8_t bytes[] = {0x08, 0x96, 0x01, 0x12, 0x07, 't',  'e',  's',  't',  'i',  'n',  'g',
                           0x19, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f, 0x25, 0x01, 0x00,
                           0x00, 0x00, 0x2a, 0x03, 0x03, 0x8e, 0x02};
  WireReader reader(bytes, sizeof bytes, "m");
  uint32_t field;
  WireType type;
  CHECK(reader.nextField(field, type) && field == 1 && type == WireType::Varint);
  CHECK(reader.readUint32() == 150);
  CHECK(reader.nextField(field, type) && field == 2 && type == WireType::LengthDelimited);
  CHECK(reader.readString() == "testing");
  CHECK(reader.nextField(field, type) && field == 3 && type == WireType::Fixed64);
  CHECK(reader.readDouble() == 1.0);
  CHECK(reader.nextField(field, type) && field == 4 && type == WireType::Fixed32);
  reader.skip(type);
  CHECK(reader.nextField(field, type) && field == 5 && type == WireType::LengthDelimited);
  std::vector<uint32_t> values;
  reader.readRepeatedUint32(type, values);
  CHECK(values.size() == 2 && values[0] == 3 && values[1] == 270);
  CHECK(!reader.nextField(field, type));
}

TEST(packed_and_unpacked_doubles_both_accepted) {
  // field 1 packed [0.5, -2] then field 1 unpacked 4.0
  const uint8_t bytes[] = {0x0a, 0x10, 0, 0, 0, 0, 0, 0, 0xe0, 0x3f, 0, 0, 0, 0, 0, 0, 0x00, 0xc0,
                           0x09, 0, 0, 0, 0, 0, 0, 0x10, 0x40};
  WireReader reader(bytes, sizeof bytes, "m");
  std::vector<double> values;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) reader.readRepeatedDouble(type, values);
  CHECK(values.size() == 3 && values[0] == 0.5 && values[1] == -2.0 && values[2] == 4.0);
}

TEST(writer_output_equals_the_hand_encoding) {
  WireWriter writer;
  writer.writeVarintField(1, 150);
  writer.writeStringField(2, "testing");
  writer.writeDoubleField(3, 1.0);
  writer.writeVarintField(4, 0);  // default: skipped
  const uint32_t packed[] = {3, 270};
  writer.writePackedUint32(5, packed, 2);
  const uint8_t expected[] = {0x08, 0x96, 0x01, 0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g', 0x19,
                              0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x2a, 0x03, 0x03, 0x8e, 0x02};
  CHECK(writer.size() == sizeof expected);
  CHECK(std::memcmp(writer.bytes().data(), expected, sizeof expected) == 0);
  WireWriter stream;
  stream.writeDelimited(writer);
  CHECK(stream.size() == sizeof expected + 1 && stream.bytes()[0] == sizeof expected);
}

TEST(writer_packs_every_varint_length_and_doubles) {
  WireWriter writer;
  const uint64_t wide[] = {0, 127, 128, uint64_t{1} << 35, UINT64_MAX};  // 1, 1, 2, 6 and 10 bytes
  writer.writePackedUint64(2, wide, 5);
  const double doubles[] = {1.0, -2.0};
  writer.writePackedDouble(1, doubles, 2);
  writer.writeVarint(300);
  const uint8_t expected[] = {0x12, 20, 0x00, 0x7f, 0x80, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
                              0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
                              0x0a, 16, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0x00, 0xc0,
                              0xac, 0x02};
  CHECK(writer.size() == sizeof expected);
  CHECK(std::memcmp(writer.bytes().data(), expected, sizeof expected) == 0);
  WireReader reader(writer.bytes().data(), writer.size(), "m");
  std::vector<uint64_t> back;
  uint32_t field = 0;
  WireType type{};
  CHECK(reader.nextField(field, type) && field == 2);
  WireReader packed = reader.readMessage("wide");
  while (!packed.atEnd()) back.push_back(packed.readVarint());
  CHECK(back == std::vector<uint64_t>(wide, wide + 5));
}

TEST(malformed_input_is_invalid_argument) {
  const uint8_t truncatedVarint[] = {0x08, 0x96};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(truncatedVarint, sizeof truncatedVarint, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
    r.readVarint();
  }));
  const uint8_t overlongVarint[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  CHECK(throwsInvalidArgument([&] { WireReader(overlongVarint, sizeof overlongVarint, "m").readVarint(); }));
  const uint8_t lengthTooLong[] = {0x12, 0x05, 'a', 'b'};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(lengthTooLong, sizeof lengthTooLong, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
    r.readString();
  }));
  const uint8_t hugeLength[] = {0x12, 0xff, 0xff, 0xff, 0xff, 0x0f};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(hugeLength, sizeof hugeLength, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
    r.readBytes();
  }));
  const uint8_t fieldZero[] = {0x00, 0x01};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(fieldZero, sizeof fieldZero, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
  }));
  const uint8_t groupType[] = {0x0b};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(groupType, sizeof groupType, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
  }));
  const uint8_t truncatedDouble[] = {0x09, 0, 0, 0};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(truncatedDouble, sizeof truncatedDouble, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
    r.readDouble();
  }));
  const uint8_t packedNotMultipleOf8[] = {0x0a, 0x03, 0, 0, 0};
  CHECK(throwsInvalidArgument([&] {
    WireReader r(packedNotMultipleOf8, sizeof packedNotMultipleOf8, "m");
    uint32_t f; WireType t;
    r.nextField(f, t);
    std::vector<double> out;
    r.readRepeatedDouble(t, out);
  }));
  const uint8_t tooBigForUint32[] = {0x80, 0x80, 0x80, 0x80, 0x10};
  CHECK(throwsInvalidArgument([&] { WireReader(tooBigForUint32, sizeof tooBigForUint32, "m").readUint32(); }));
}

TEST(error_carries_the_message_path) {
  const uint8_t truncated[] = {0x09, 0x00};
  try {
    WireReader r(truncated, sizeof truncated, "network.settings");
    uint32_t f; WireType t;
    r.nextField(f, t);
    r.readDouble();
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.path() == "network.settings");
  }
}
