#include "options.h"

#include <cctype>
#include <limits>
#include <stdexcept>

namespace tsnn::server {

uint64_t parseByteSize(const std::string& text, const std::string& flag) {
  const std::string allowed = "a whole number of bytes with an optional K, M, G or T suffix (powers of 1024), e.g. 512M";
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0) throw std::invalid_argument(flag + ": expected " + allowed + ", got '" + text + "'");
  uint64_t multiplier = 1;
  const std::string suffix = text.substr(digits);
  if (suffix == "K" || suffix == "k" || suffix == "KiB") multiplier = 1ull << 10;
  else if (suffix == "M" || suffix == "m" || suffix == "MiB") multiplier = 1ull << 20;
  else if (suffix == "G" || suffix == "g" || suffix == "GiB") multiplier = 1ull << 30;
  else if (suffix == "T" || suffix == "t" || suffix == "TiB") multiplier = 1ull << 40;
  else if (!suffix.empty()) throw std::invalid_argument(flag + ": expected " + allowed + ", got '" + text + "'");
  uint64_t value = 0;
  for (size_t k = 0; k < digits; ++k) {
    const uint64_t digit = static_cast<uint64_t>(text[k] - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) throw std::invalid_argument(flag + ": '" + text + "' is too large");
    value = value * 10 + digit;
  }
  if (value > std::numeric_limits<uint64_t>::max() / multiplier) throw std::invalid_argument(flag + ": '" + text + "' is too large");
  return value * multiplier;
}

namespace {

uint64_t parseUnsigned(const std::string& text, const std::string& flag, uint64_t least, uint64_t most) {
  size_t used = 0;
  unsigned long long value = 0;
  bool ok = !text.empty() && std::isdigit(static_cast<unsigned char>(text[0]));
  if (ok) {
    try {
      value = std::stoull(text, &used);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok || used != text.size() || value < least || value > most) {
    throw std::invalid_argument(flag + ": expected a whole number in [" + std::to_string(least) + ", " + std::to_string(most) + "], got '" + text + "'");
  }
  return value;
}

}  // namespace

std::string usage() {
  return "usage: tsnn-server [flags]\n"
         "  --listen HOST:PORT     address to bind (default 127.0.0.1:50051; port 0 picks a free port)\n"
         "  --token TOKEN          require 'authorization: Bearer TOKEN' on every call\n"
         "  --tls-cert FILE        PEM certificate chain (with --tls-key: serve TLS)\n"
         "  --tls-key FILE         PEM private key\n"
         "  --max-sessions N       open sessions at once (default 16)\n"
         "  --max-memory BYTES     engine memory of all sessions together, K/M/G/T suffixes (default: physical memory)\n"
         "  --max-message BYTES    largest message accepted (default 8M); uploads are chunked below it\n"
         "  --max-threads N        CPU engine: most step threads one session may use (setup's threads; default:\n"
         "                         the cores); results do not depend on it\n"
         "  --write-stall-seconds S  cancel a Run or GetConnections whose client has read nothing for S seconds\n"
         "                         (default 60; 0: never), freeing its session for other calls and CloseSession\n"
         "  --session-idle-seconds S  close a session no call has used for S seconds (default 3600; 0: never)\n"
         "  --device N             CUDA device index (default 0)\n"
         "  --engine cpu|cuda|auto engine for new sessions (default auto: CUDA when a usable device exists and the\n"
         "                         session's models run on it, else CPU; cuda: refuse to start without a device;\n"
         "                         cuda-host: the CUDA engine's logic on the CPU, for tests without a GPU (slow))\n"
         "  --port-file PATH       write the bound port to PATH once listening\n"
         "  --help                 this text\n";
}

ServerOptions parseOptions(const std::vector<std::string>& args) {
  ServerOptions options;
  for (size_t k = 0; k < args.size(); ++k) {
    std::string flag = args[k];
    std::string value;
    bool hasValue = false;
    const size_t eq = flag.find('=');
    if (flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      hasValue = true;
    }
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      continue;
    }
    static const char* withValue[] = {"--listen", "--token", "--tls-cert", "--tls-key", "--max-sessions", "--max-memory",
                                      "--max-message", "--max-threads", "--device", "--engine", "--port-file",
                                      "--write-stall-seconds", "--session-idle-seconds"};
    bool known = false;
    for (const char* name : withValue) known = known || flag == name;
    if (!known) throw std::invalid_argument("unknown flag '" + flag + "'\n" + usage());
    if (!hasValue) {
      if (k + 1 >= args.size()) throw std::invalid_argument(flag + ": a value is required");
      value = args[++k];
    }
    if (flag == "--listen") {
      const size_t colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
        throw std::invalid_argument("--listen: expected HOST:PORT (e.g. 127.0.0.1:50051 or 0.0.0.0:50051), got '" + value + "'");
      }
      parseUnsigned(value.substr(colon + 1), "--listen port", 0, 65535);
      options.listen = value;
    } else if (flag == "--token") {
      if (value.empty()) throw std::invalid_argument("--token: must not be empty");
      options.token = value;
    } else if (flag == "--tls-cert") {
      options.tlsCert = value;
    } else if (flag == "--tls-key") {
      options.tlsKey = value;
    } else if (flag == "--session-idle-seconds") {
      options.sessionIdleSeconds = static_cast<uint32_t>(parseUnsigned(value, flag, 0, 31u * 86400));
    } else if (flag == "--write-stall-seconds") {
      options.writeStallSeconds = static_cast<uint32_t>(parseUnsigned(value, flag, 0, 86400));
    } else if (flag == "--max-sessions") {
      options.maxSessions = static_cast<uint32_t>(parseUnsigned(value, flag, 1, 1u << 20));
    } else if (flag == "--max-memory") {
      options.maxMemory = parseByteSize(value, flag);
      if (options.maxMemory == 0) throw std::invalid_argument("--max-memory: must be > 0");
    } else if (flag == "--max-message") {
      options.maxMessageBytes = parseByteSize(value, flag);
      if (options.maxMessageBytes < (64u << 10) || options.maxMessageBytes > (1ull << 30)) {
        throw std::invalid_argument("--max-message: must be in [64K, 1G], got '" + value + "'");
      }
    } else if (flag == "--max-threads") {
      options.maxThreads = static_cast<uint32_t>(parseUnsigned(value, flag, 1, 1024));
    } else if (flag == "--device") {
      options.device = static_cast<int>(parseUnsigned(value, flag, 0, 255));
    } else if (flag == "--engine") {
      if (value != "cpu" && value != "cuda" && value != "auto" && value != "cuda-host") {
        throw std::invalid_argument("--engine: expected cpu, cuda or auto, got '" + value + "' (or cuda-host: the CUDA engine emulated on the CPU, for tests)");
      }
      options.engine = value;
    } else if (flag == "--port-file") {
      if (value.empty()) throw std::invalid_argument("--port-file: must not be empty");
      options.portFile = value;
    }
  }
  if (options.tlsCert.empty() != options.tlsKey.empty()) {
    throw std::invalid_argument("--tls-cert and --tls-key: give both (TLS) or neither (plain text)");
  }
  return options;
}

}  // namespace tsnn::server
