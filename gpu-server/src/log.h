// One line per event on stderr, with a UTC timestamp, written whole so that lines from different threads never
// interleave.
#pragma once

#include <string>

namespace tsnn::server {

// `text` with its control characters written as \xNN (what a client sent never starts a line of its own).
std::string printable(const std::string& text);

void logLine(const std::string& text);

}  // namespace tsnn::server
