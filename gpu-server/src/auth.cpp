#include "auth.h"

#include <cstddef>

namespace tsnn::server {

bool constantTimeEquals(const std::string& a, const std::string& b) {
  // Walk the expected string in full whatever the other holds, folding every difference (and the length) into one
  // value, so the time taken reveals nothing about the prefix that matched.
  volatile unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
  for (size_t k = 0; k < b.size(); ++k) {
    const unsigned char left = k < a.size() ? static_cast<unsigned char>(a[k]) : 0;
    diff = diff | static_cast<unsigned char>(left ^ static_cast<unsigned char>(b[k]));
  }
  return diff == 0;
}

bool bearerTokenMatches(const std::string& header, const std::string& expected) {
  if (expected.empty()) return true;
  static const std::string scheme = "Bearer ";
  const std::string given = header.size() >= scheme.size() && header.compare(0, scheme.size(), scheme) == 0
                                ? header.substr(scheme.size())
                                : std::string();
  const bool matched = constantTimeEquals(given, expected);
  return matched && header.size() >= scheme.size();
}

}  // namespace tsnn::server
