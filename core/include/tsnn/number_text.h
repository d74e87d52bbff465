// A double in an error message as a user wrote it: the shortest of %.15g and %.17g that reads back as the same
// double ("0.1", "2", "-18"), where std::to_string prints "2.000000" and %.17g "0.10000000000000001".
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace tsnn {

inline std::string numberText(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  if (std::strtod(buffer, nullptr) != value) std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace tsnn
