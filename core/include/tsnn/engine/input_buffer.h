// The delay ring: int64 fixed-point accumulators, one row of channels per future step, so the input a neuron sees
// does not depend on the order in which spikes were delivered (DESIGN §3).
//
// Timing (DESIGN §4, NEST's convention): the buffer's `now` is the step whose state was just computed. A spike
// emitted at step k (spike time k·dt) is delivered with add(d, ...) while now == k and lands in the row of step
// k + d; the neuron update that computes the state of step k + d consumes that row (currents jump at k + d).
// With delays up to D steps, D + 1 rows suffice: the row being consumed plus D future rows.
#pragma once

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "tsnn/error.h"

namespace tsnn {

class InputBuffer {
 public:
  InputBuffer() = default;
  InputBuffer(uint32_t channels, uint32_t slots) { configure(channels, slots); }

  // Sets the channel count and the number of rows, all empty, now = 0.
  void configure(uint32_t channels, uint32_t slots) {
    if (slots == 0) throw Error(ErrorCode::Internal, "", "InputBuffer needs at least one slot");
    checkSize(channels, slots);
    channels_ = channels;
    slots_ = slots;
    data_.assign(static_cast<size_t>(slots_) * channels_, 0);
    now_ = 0;
    nowRow_ = 0;
    placeRows();
  }

  // Sets the number of rows (max delay in steps + 1), keeping the input already due at now + d for every d that
  // still fits (a ring grown between runs loses nothing).
  void resize(uint32_t slots) {
    if (slots == 0) throw Error(ErrorCode::Internal, "", "InputBuffer needs at least one slot");
    checkSize(channels_, slots);
    std::vector<int64_t> data(static_cast<size_t>(slots) * channels_, 0);
    const uint32_t keep = slots < slots_ ? slots : slots_;
    if (data_.size() == static_cast<size_t>(slots_) * channels_) {
      for (uint32_t d = 0; d < keep; ++d) {
        const size_t from = static_cast<size_t>((nowRow_ + d) % slots_) * channels_;
        std::copy(data_.begin() + from, data_.begin() + from + channels_, data.begin() + static_cast<size_t>(d) * channels_);
      }
    }
    data_.swap(data);
    slots_ = slots;
    nowRow_ = 0;
    placeRows();
  }

  // delaySteps in [1, slots - 1] steps after `now`.
  void add(uint32_t delaySteps, uint32_t channel, int64_t amount) { data_[rowStart_[delaySteps] + channel] += amount; }

  // The row that receives input `delaySteps` after now: lets a delivery loop hoist the row lookup.
  int64_t* rowAfter(uint32_t delaySteps) { return data_.data() + rowStart_[delaySteps]; }

  // Moves `now` one step on; the row of the new `now` holds the input arriving at it.
  void advance() {
    ++now_;
    ++nowRow_;
    if (nowRow_ == slots_) nowRow_ = 0;
    placeRows();
  }

  // The input arriving at `now` (read by the neuron update), and clearing it once consumed.
  const int64_t* arriving() const { return data_.data() + static_cast<size_t>(nowRow_) * channels_; }
  // The same row for the step loop, which clears it as it reads it.
  int64_t* arrivingRow() { return data_.data() + static_cast<size_t>(nowRow_) * channels_; }
  void clearArriving() {
    if (channels_ != 0) std::memset(data_.data() + static_cast<size_t>(nowRow_) * channels_, 0, channels_ * sizeof(int64_t));
  }

  void clear() {
    std::fill(data_.begin(), data_.end(), 0);
    now_ = 0;
    nowRow_ = 0;
    placeRows();
  }

  uint64_t now() const { return now_; }
  uint32_t slots() const { return slots_; }
  uint32_t channelCount() const { return channels_; }
  size_t memoryBytes() const { return data_.size() * sizeof(int64_t); }

 private:
  // Refuses rings the address space cannot hold (wasm32: 4 GiB) before touching memory, so an oversized network
  // is a RESOURCE_EXHAUSTED answer rather than an out-of-memory kill.
  static void checkSize(uint32_t channels, uint32_t slots) {
    const uint64_t bytes = static_cast<uint64_t>(channels) * slots * sizeof(int64_t);
    const uint64_t limit = sizeof(size_t) >= 8 ? (uint64_t{1} << 40) : (uint64_t{1} << 31);
    if (bytes > limit)
      throw Error(ErrorCode::ResourceExhausted, "network.settings.max_delay",
                  "the delay ring would need " + std::to_string(bytes) + " bytes (" + std::to_string(channels) +
                      " input channels x " + std::to_string(slots) + " delay steps); reduce the maximum delay or "
                      "the network size");
  }

  // rowStart_[d]: where the row of now + d begins, for d in [0, slots): one table read per synapse in add()
  // instead of a wrap test and a multiplication (a few dozen entries, rewritten once per step).
  void placeRows() {
    rowStart_.resize(slots_);
    for (uint32_t d = 0; d < slots_; ++d) {
      uint32_t row = nowRow_ + d;
      if (row >= slots_) row -= slots_;
      rowStart_[d] = static_cast<size_t>(row) * channels_;
    }
  }

  std::vector<int64_t> data_;
  std::vector<size_t> rowStart_ = std::vector<size_t>(1, 0);
  uint32_t channels_ = 0;
  uint32_t slots_ = 1;
  uint32_t nowRow_ = 0;
  uint64_t now_ = 0;
};

}  // namespace tsnn
