// tsnn-run: one network on one engine, without gRPC or Node. Reads a Network message (the bytes a frontend sends
// with CreateSession; the benchmarks write them with --export-network FILE), builds the session, moves its step
// loop to the CUDA engine when asked, runs it and prints one JSON line: build and run times, memory, spikes and
// a digest of everything recorded. The same network on two engines must give the same digest. With a CUDA engine
// the device expands the connectivity (device_projections: how many projections it built; session_build_seconds:
// the Session's build, connectivity included; build_seconds adds the engine's upload).
//
// Why it exists: the machines with a GPU that this project borrows have nvcc but neither Node nor the gRPC
// libraries, and nothing can be installed there; this binary needs only the C++ runtime (CUDA's runtime is linked
// statically), so it is built here and carried (docs/server.md, "GPU commands").
//
//   tsnn-run NETWORK.bin [--engine cpu|cuda|cuda-host] [--device N] [--steps N] [--chunk-steps N] [--threads N]
//            [--events FILE]
// --steps: how many steps to run (default 10000); --chunk-steps: flush recorded data every N steps (0: at the end);
// --threads: at most N step threads (the network's own setup threads, capped at the cores, otherwise);
// --events: also write the Run response (length-delimited RunEvent messages) to FILE, so that two engines'
// recordings can be compared value by value where their digests differ (scripts/gpu-check.py --bisect).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "accelerated_engine.h"
#include "device_expansion.h"
#include "step_backend.h"
#include "tsnn/engine/worker_pool.h"
#include "tsnn/error.h"
#include "tsnn/session/session.h"
#include "tsnn/wire/wire_reader.h"
#include "tsnn/wire/wire_writer.h"
#if defined(TSNN_WITH_CUDA)
#include "cuda_step_backend.h"
#endif

namespace {

struct Options {
  std::string network;
  std::string engine = "cpu";
  int device = 0;
  uint64_t steps = 10000;
  uint32_t chunkSteps = 0;
  uint32_t threads = 0;  // 0: what the network asks for (capped at the cores)
  std::string eventsFile;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "tsnn-run: %s\nusage: tsnn-run NETWORK.bin [--engine cpu|cuda|cuda-host] [--device N] [--steps N] "
               "[--chunk-steps N] [--threads N] [--events FILE]\n",
               problem.c_str());
  std::exit(2);
}

uint64_t number(const char* flag, const char* text) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') usage(std::string(flag) + " needs a non-negative integer, got '" + text + "'");
  return value;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--engine") o.engine = value();
    else if (arg == "--device") o.device = static_cast<int>(number("--device", value()));
    else if (arg == "--steps") o.steps = number("--steps", value());
    else if (arg == "--chunk-steps") o.chunkSteps = static_cast<uint32_t>(number("--chunk-steps", value()));
    else if (arg == "--threads") o.threads = static_cast<uint32_t>(number("--threads", value()));
    else if (arg == "--events") o.eventsFile = value();
    else if (!arg.empty() && arg[0] == '-') usage("unknown option " + arg);
    else if (o.network.empty()) o.network = arg;
    else usage("one network file only");
  }
  if (o.network.empty()) usage("no network file");
  if (o.engine != "cpu" && o.engine != "cuda" && o.engine != "cuda-host")
    usage("--engine must be cpu, cuda or cuda-host, got '" + o.engine + "'");
  return o;
}

// FNV-1a, 64 bits: a digest of the recorded bytes, enough to tell two engines' results apart.
uint64_t fnv1a(uint64_t hash, const uint8_t* data, size_t size) {
  for (size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 0x100000001b3ULL;
  return hash;
}

struct RunSummary {
  uint64_t spikes = 0, synapticEvents = 0, recordedBytes = 0;
  uint64_t digest = 0xcbf29ce484222325ULL;
  double engineSeconds = 0;
};

// The Run response: length-delimited RunEvent messages. RecordedData (field 2) holds only cell indices, steps and
// sampled values, so its bytes are the same for every engine that computes the same network; RunComplete
// (field 3) carries the counts and the engine's own run time.
RunSummary summarize(const std::vector<uint8_t>& events) {
  RunSummary summary;
  tsnn::WireReader stream(events.data(), events.size(), "run");
  while (!stream.atEnd()) {
    tsnn::WireReader event = stream.readMessage("run.event");
    uint32_t field;
    tsnn::WireType type;
    while (event.nextField(field, type)) {
      if (field == 2) {
        const std::vector<uint8_t> data = event.readBytes();
        summary.digest = fnv1a(summary.digest, data.data(), data.size());
        summary.recordedBytes += data.size();
      } else if (field == 3) {
        tsnn::WireReader complete = event.readMessage("run.complete");
        uint32_t f;
        tsnn::WireType t;
        while (complete.nextField(f, t)) {
          if (f == 2) summary.engineSeconds = complete.readDouble();
          else if (f == 3) summary.spikes = complete.readVarint();
          else if (f == 4) summary.synapticEvents = complete.readVarint();
          else complete.skip(t);
        }
      } else {
        event.skip(type);
      }
    }
  }
  return summary;
}

struct Info {
  uint64_t neurons = 0, synapses = 0, memoryBytes = 0;
  double buildSeconds = 0;
};

Info readInfo(tsnn::Session& session) {
  const std::vector<uint8_t>& bytes = session.call("Info", nullptr, 0);
  tsnn::WireReader reader(bytes.data(), bytes.size(), "info");
  Info info;
  uint32_t field;
  tsnn::WireType type;
  while (reader.nextField(field, type)) {
    if (field == 3) info.neurons = reader.readVarint();
    else if (field == 4) info.synapses = reader.readVarint();
    else if (field == 5) info.memoryBytes = reader.readVarint();
    else if (field == 6) info.buildSeconds = reader.readDouble();
    else reader.skip(type);
  }
  return info;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  std::ifstream file(options.network, std::ios::binary);
  if (!file) usage("cannot read " + options.network);
  const std::vector<uint8_t> network((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  try {
    tsnn::SessionOptions sessionOptions;
    sessionOptions.buildThreads = tsnn::WorkerPool::threadsAvailable();
    if (options.threads != 0) sessionOptions.maxThreads = options.threads;
    const auto start = std::chrono::steady_clock::now();
    // The CUDA engine's backend first: the device expands the connectivity (device_expansion.h).
    std::unique_ptr<tsnn::accel::StepBackend> backend;
    if (options.engine == "cuda-host") {
      backend = tsnn::accel::makeHostStepBackend();
    } else if (options.engine != "cpu") {
#if defined(TSNN_WITH_CUDA)
      backend = tsnn::accel::makeCudaStepBackend(options.device);
#else
      usage("this build has no CUDA engine (configure with -DTSNN_WITH_CUDA=ON); --engine cuda-host runs its host backend");
#endif
    }
    uint32_t deviceProjections = 0;
    const std::unique_ptr<tsnn::Session> built =
        tsnn::accel::buildSession(backend.get(), network.data(), network.size(), sessionOptions, deviceProjections);
    tsnn::Session& session = *built;
    const double connectivityWall = secondsSince(start);
    std::string engineName = "cpu", device;
    uint64_t deviceBytes = 0;
    if (backend) {
      std::string whyNot;
      auto engine =
          tsnn::accel::AcceleratedEngine::attach(std::move(backend), session.network(), session.simulation(),
                                                 session.connectivity(), whyNot);
      if (!engine) usage("the CUDA engine does not run this network: " + whyNot);
      engineName = options.engine;
      device = engine->describe();
      deviceBytes = engine->deviceBytes();
    }
    const double buildWall = secondsSince(start);
    const Info info = readInfo(session);

    tsnn::WireWriter request;
    request.writeVarintField(2, options.steps);
    request.writeVarintField(4, options.chunkSteps);
    const auto runStart = std::chrono::steady_clock::now();
    const std::vector<uint8_t> events = session.call("Run", request.bytes().data(), request.size());
    const double runWall = secondsSince(runStart);
    const RunSummary run = summarize(events);
    if (!options.eventsFile.empty()) {
      std::ofstream out(options.eventsFile, std::ios::binary);
      out.write(reinterpret_cast<const char*>(events.data()), static_cast<std::streamsize>(events.size()));
      if (!out) usage("cannot write " + options.eventsFile);
    }

    const double bio = static_cast<double>(options.steps) * session.network().settings.timestep / 1000.0;
    std::printf(
        "{\"engine\":\"%s\",\"device\":\"%s\",\"device_bytes\":%llu,\"neurons\":%llu,\"synapses\":%llu,"
        "\"memory_bytes\":%llu,\"build_seconds\":%.3f,\"engine_build_seconds\":%.3f,\"session_build_seconds\":%.3f,"
        "\"device_projections\":%u,\"steps\":%llu,"
        "\"run_seconds\":%.4f,\"engine_run_seconds\":%.4f,\"seconds_per_biological_second\":%.4f,\"spikes\":%llu,"
        "\"synaptic_events\":%llu,\"recorded_bytes\":%llu,\"recorded_digest\":\"%016llx\"}\n",
        engineName.c_str(), device.c_str(), static_cast<unsigned long long>(deviceBytes),
        static_cast<unsigned long long>(info.neurons), static_cast<unsigned long long>(info.synapses),
        static_cast<unsigned long long>(info.memoryBytes), buildWall, info.buildSeconds, connectivityWall,
        deviceProjections, static_cast<unsigned long long>(options.steps), runWall, run.engineSeconds, bio > 0 ? runWall / bio : 0.0,
        static_cast<unsigned long long>(run.spikes), static_cast<unsigned long long>(run.synapticEvents),
        static_cast<unsigned long long>(run.recordedBytes), static_cast<unsigned long long>(run.digest));
    return 0;
  } catch (const std::exception& error) {  // tsnn::Error (bad input, too large), std::bad_alloc, CUDA failures
    std::fprintf(stderr, "tsnn-run: %s\n", error.what());
    return 1;
  }
}
