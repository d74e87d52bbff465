// One line per event on stderr, with a UTC timestamp, written whole so that lines from different threads never
// interleave.
#pragma once

#include <string>

namespace tsnn::server {

void logLine(const std::string& text);

}  // namespace tsnn::server
