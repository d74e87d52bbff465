#include "device_expansion.h"

#include "device_array.h"
#include "tsnn/error.h"

namespace tsnn {
namespace accel {

void DeviceExpander::countLines(const ParallelRule& rule, std::vector<uint32_t>& counts) {
  DeviceArray<uint32_t> deviceCounts;
  deviceCounts.resize(backend_, rule.lines);
  ExpansionArgs args;
  args.rule = rule;
  args.counts = deviceCounts.data();
  backend_.expand(ExpansionKernel::CountLine, args, rule.lines);
  backend_.synchronize();
  deviceCounts.copyTo(counts);
}

bool DeviceExpander::fill(const ParallelRule& rule, const std::vector<uint32_t>& lineStart,
                          const std::vector<uint32_t>& preset, const std::vector<uint32_t>& firstDraw,
                          ProjectionStore& store) {
  try {
    if (build(rule, lineStart, preset, firstDraw, store)) {
      ++built_;
      synapses_ += lineStart.back();
      return true;
    }
  } catch (const Error& error) {
    // Too little device memory for this projection's working arrays: the host builds it (the network may
    // still fit the device to run; if not, the engine's upload says so).
    if (error.code() != ErrorCode::ResourceExhausted) throw;
  }
  ++givenBack_;
  return false;
}

bool DeviceExpander::build(const ParallelRule& rule, const std::vector<uint32_t>& lineStart,
                           const std::vector<uint32_t>& preset, const std::vector<uint32_t>& firstDraw,
                           ProjectionStore& store) {
  const uint32_t total = lineStart.back();
  // Rows sorted on the device must fit a block's shared memory; a longer one (rare: one cell with thousands of
  // unordered targets) makes the host build the projection.
  const auto rowsFitTheSort = [&](const std::vector<uint32_t>& starts) {
    if (rule.linesSorted()) return true;
    for (size_t r = 0; r + 1 < starts.size(); ++r)
      if (starts[r + 1] - starts[r] > kSharedSortKeys) return false;
    return true;
  };
  if (!rule.columns && !rowsFitTheSort(lineStart)) return false;
  DeviceArray<uint32_t> deviceLineStart, devicePreset, deviceFirstDraw, other;
  DeviceArray<uint32_t> rowStart, rowCount, rowFill, word, failed;
  DeviceArray<uint64_t> key;
  DeviceArray<float> weight;
  deviceLineStart.assign(backend_, lineStart);
  other.resize(backend_, total);
  failed.resize(backend_, 1);
  ExpansionArgs args;
  args.rule = rule;
  args.lineStart = deviceLineStart.data();
  args.other = other.data();
  args.failed = failed.data();
  if (!preset.empty()) {
    devicePreset.assign(backend_, preset);
    deviceFirstDraw.assign(backend_, firstDraw);
    args.preset = devicePreset.data();
    args.firstDraw = deviceFirstDraw.data();
  }
  backend_.expand(ExpansionKernel::GenerateLine, args, rule.lines);

  // Rows: the lines themselves, or (lines are columns) counted from the connections' pre cells.
  std::vector<uint32_t> rows;
  if (rule.columns) {
    rowCount.resize(backend_, rule.nPre);
    args.rowCount = rowCount.data();
    backend_.expand(ExpansionKernel::CountRow, args, total);
    backend_.synchronize();
    std::vector<uint32_t> counts;
    rowCount.copyTo(counts);
    rows.assign(rule.nPre + 1, 0);
    for (uint32_t i = 0; i < rule.nPre; ++i) rows[i + 1] = rows[i] + counts[i];
    if (!rowsFitTheSort(rows)) return false;
    rowStart.assign(backend_, rows);
    rowFill.assign(backend_, rows.data(), rule.nPre);
    args.rowStart = rowStart.data();
    args.rowFill = rowFill.data();
  } else {
    rows = lineStart;
    args.rowStart = deviceLineStart.data();
  }
  key.resize(backend_, total);
  args.key = key.data();
  backend_.expand(ExpansionKernel::PlaceConnection, args, total);
  if (!rule.linesSorted()) backend_.sortRows(key.data(), args.rowStart, rule.nPre);
  word.resize(backend_, total);
  weight.resize(backend_, total);
  args.word = word.data();
  args.weight = weight.data();
  backend_.expand(ExpansionKernel::WriteSynapse, args, total);
  backend_.synchronize();

  std::vector<uint32_t> failure;
  failed.copyTo(failure);
  if (failure[0] != 0) return false;
  store.rowStart = std::move(rows);
  word.copyTo(store.word);
  weight.copyTo(store.weight);
  return true;
}

std::unique_ptr<Session> buildSession(StepBackend* backend, const uint8_t* network, size_t size, SessionOptions options,
                                      uint32_t& deviceProjections) {
  std::unique_ptr<DeviceExpander> expander;
  if (backend != nullptr) {
    expander = std::make_unique<DeviceExpander>(*backend);
    options.expander = expander.get();
  }
  auto session = std::make_unique<Session>(network, size, options);
  deviceProjections = expander ? expander->projectionsBuilt() : 0;
  return session;
}

}  // namespace accel
}  // namespace tsnn
