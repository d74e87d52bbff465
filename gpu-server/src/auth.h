// Bearer-token check for the 'authorization' metadata.
#pragma once

#include <string>

namespace tsnn::server {

// Compares in time that depends only on the lengths, never on where the first difference is.
bool constantTimeEquals(const std::string& a, const std::string& b);

// True when `header` is "Bearer <token>" for the expected token. An empty expected token accepts everything.
bool bearerTokenMatches(const std::string& header, const std::string& expected);

}  // namespace tsnn::server
