// A stored float32 weight reads back as the shortest decimal that rounds to it. Truths: every decimal of up to six
// significant digits comes back exactly as written; for float32 values from 1e-13 to 1e13, the result has the
// value of libstdc++'s shortest std::to_chars form (an independent implementation, Ryu); every float32 rounds
// back to itself.
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "testing.h"
#include "tsnn/connectivity/float32_readback.h"

using tsnn::shortestDecimalOf;

TEST(decimals_of_up_to_six_digits_come_back_as_written) {
  int wrong = 0;
  const char* exponents[] = {"e-6", "e-4", "e-3", "e-2", "e-1", "e0", "e2", "e5"};
  for (const char* e : exponents) {
    for (int r = 1; r < 1000000; r += 7) {
      const std::string text = std::to_string(r) + e;
      const double written = std::strtod(text.c_str(), nullptr);
      if (shortestDecimalOf(static_cast<float>(written)) != written) ++wrong;
      if (shortestDecimalOf(static_cast<float>(-written)) != -written) ++wrong;
    }
  }
  CHECK(wrong == 0);
  CHECK(shortestDecimalOf(0.05f) == 0.05);
  CHECK(shortestDecimalOf(0.123f) == 0.123);
  CHECK(shortestDecimalOf(0.0123f) == 0.0123);
  CHECK(shortestDecimalOf(0.0f) == 0.0);
  CHECK(static_cast<double>(0.05f) == 0.05000000074505806);  // what the float32 itself is
}

static float fromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

static uint32_t bitsOf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}

TEST(float32_values_match_the_shortest_form_of_to_chars) {
  // From 1e-13 to 1e13 (every weight a network has, in nA or uS) the decimal is found; beyond, the float32's own
  // value is kept, which rounds back to it too.
  const uint32_t low = bitsOf(1e-13f), high = bitsOf(1e13f);
  int wrong = 0, notRoundTrip = 0;
  uint64_t state = 12345;
  for (int k = 0; k < 200000; ++k) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const uint32_t bits = static_cast<uint32_t>(state >> 33);
    const float stored = fromBits(bits & 0x7f7fffffu);  // finite and positive (the sign is the first test's)
    const double ours = shortestDecimalOf(stored);
    if (static_cast<float>(ours) != stored) ++notRoundTrip;
    const uint32_t magnitude = bitsOf(stored) & 0x7fffffffu;
    if (magnitude < low || magnitude > high) continue;
    char text[64];
    const auto result = std::to_chars(text, text + sizeof text, stored, std::chars_format::scientific);
    *result.ptr = '\0';
    if (ours != std::strtod(text, nullptr)) ++wrong;
  }
  CHECK(notRoundTrip == 0);
  CHECK(wrong == 0);
}
