// The bodies of the device's connectivity expansion (device_expansion.h), one thread's work each, as TSNN_HD
// functions, launched by cuda_step_backend.cu and looped over by host_step_backend.cpp (step_kernels.h does the
// same for the steps). A projection in the parallel form (tsnn/connectivity/parallel_rule.h) is built by:
//   countLine       per line (FixedProbability only): its connections;
//   generateLine    per line: its other-side cells in creation order, at its creation indices;
//   countRow        per connection (lines are columns only): one more synapse in the connection's row;
//   placeConnection per connection: a slot in its row and the sort key post << 32 | creation index (unique, so
//                   any sort gives the host's order: rows by post index, multapses in creation order);
//   sort            per row whose lines do not come sorted: bitonic stages in shared memory (rows of at most
//                   kSharedSortKeys synapses; a projection with a longer unsorted row is the host's);
//   writeSynapse    per synapse: weight and delay drawn at its creation index, the compact word.
// C++14 (docs/jetson.md).
#pragma once

#include <cstdint>

#include "step_kernels.h"
#include "tsnn/connectivity/parallel_rule.h"

namespace tsnn {
namespace accel {

// Rows up to this many synapses are sorted in a block's shared memory (32 KB of keys).
constexpr uint32_t kSharedSortKeys = 4096;

struct ExpansionArgs {
  ParallelRule rule;
  uint32_t* counts = nullptr;          // countLine: per line
  const uint32_t* lineStart = nullptr; // lines + 1: each line's first creation index
  const uint32_t* preset = nullptr;    // FixedTotalNumber: each row's count and first draw
  const uint32_t* firstDraw = nullptr;
  uint32_t* other = nullptr;           // per connection in creation order: the other-side cell
  const uint32_t* rowStart = nullptr;  // nPre + 1
  uint32_t* rowCount = nullptr;        // columns: per row
  uint32_t* rowFill = nullptr;         // columns: per row, its next free slot
  uint64_t* key = nullptr;             // per synapse slot
  uint32_t* word = nullptr;
  float* weight = nullptr;
  uint32_t* failed = nullptr;          // 1 when a synapse's values do not fit the compact layout
};

TSNN_HD inline void countLine(const ExpansionArgs& a, uint32_t line) { a.counts[line] = lineCount(a.rule, line, 0); }

TSNN_HD inline void generateLine(const ExpansionArgs& a, uint32_t line) {
  const uint32_t preset = a.preset != nullptr ? a.preset[line] : 0;
  const uint32_t firstDraw = a.firstDraw != nullptr ? a.firstDraw[line] : 0;
  expandLine(a.rule, line, preset, firstDraw, a.other + a.lineStart[line]);
}

// The line of connection k: the last line starting at or before k (empty lines share their start).
TSNN_HD inline uint32_t lineOf(const ExpansionArgs& a, uint32_t k) {
  uint32_t low = 0, high = a.rule.lines;  // lineStart[low] <= k < lineStart[high]
  while (high - low > 1) {
    const uint32_t middle = low + (high - low) / 2;
    if (a.lineStart[middle] <= k) low = middle;
    else high = middle;
  }
  return low;
}

TSNN_HD inline void countRow(const ExpansionArgs& a, uint32_t k) { claimSlot(&a.rowCount[a.other[k]]); }

TSNN_HD inline void placeConnection(const ExpansionArgs& a, uint32_t k) {
  const uint32_t line = lineOf(a, k);
  const uint32_t post = a.rule.columns ? line : a.other[k];
  const uint32_t slot = a.rule.columns ? claimSlot(&a.rowFill[a.other[k]]) : k;
  a.key[slot] = (static_cast<uint64_t>(post) << 32) | k;
}

// One compare-exchange of a bitonic sorting network over `keys` (a power-of-two length): stage (k, j), thread t.
TSNN_HD inline void bitonicStep(uint64_t* keys, uint32_t k, uint32_t j, uint32_t t) {
  const uint32_t partner = t ^ j;
  if (partner <= t) return;
  const bool ascending = (t & k) == 0;
  const uint64_t a = keys[t], b = keys[partner];
  if ((a > b) == ascending) {
    keys[t] = b;
    keys[partner] = a;
  }
}

// The smallest power of two >= n (n <= kSharedSortKeys).
TSNN_HD inline uint32_t bitonicSize(uint32_t n) {
  uint32_t size = 1;
  while (size < n) size <<= 1;
  return size;
}

TSNN_HD inline void writeSynapse(const ExpansionArgs& a, uint32_t slot) {
  const uint64_t key = a.key[slot];
  const uint32_t k = static_cast<uint32_t>(key);
  const uint32_t post = static_cast<uint32_t>(key >> 32);
  const double w = connectionValue(a.rule.weight, k);
  const double delay = connectionValue(a.rule.delay, k);
  uint32_t word = 0;
  if (w != w || !compactWord(a.rule, post, delay, word)) {
    *a.failed = 1;  // every writer writes 1: no atomic needed
    return;
  }
  a.word[slot] = word;
  a.weight[slot] = static_cast<float>(w);
}

// The body one expansion launch runs (each launch one kind, for every item below its count).
enum class ExpansionKernel : uint32_t { CountLine, GenerateLine, CountRow, PlaceConnection, WriteSynapse };

TSNN_HD inline void runExpansionKernel(ExpansionKernel kernel, const ExpansionArgs& args, uint32_t k) {
  switch (kernel) {
    case ExpansionKernel::CountLine: countLine(args, k); break;
    case ExpansionKernel::GenerateLine: generateLine(args, k); break;
    case ExpansionKernel::CountRow: countRow(args, k); break;
    case ExpansionKernel::PlaceConnection: placeConnection(args, k); break;
    case ExpansionKernel::WriteSynapse: writeSynapse(args, k); break;
  }
}

}  // namespace accel
}  // namespace tsnn
