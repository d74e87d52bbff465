#include "tsnn/engine/input_buffer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "tsnn/error.h"

namespace tsnn {
namespace {

// Refuses rings the address space cannot hold (wasm32: 4 GiB) before touching memory, so an oversized network
// is a RESOURCE_EXHAUSTED answer rather than an out-of-memory kill. A staged ring can come to hold every slot as
// a row too (a burst of spikes), so the same bound holds for both.
void checkSize(uint32_t channels, uint32_t slots) {
  const uint64_t bytes = static_cast<uint64_t>(channels) * slots * sizeof(int64_t);
  const uint64_t limit = sizeof(size_t) >= 8 ? (uint64_t{1} << 40) : (uint64_t{1} << 31);
  if (bytes > limit)
    throw Error(ErrorCode::ResourceExhausted, "network.settings.max_delay",
                "the delay ring would need " + std::to_string(bytes) + " bytes (" + std::to_string(channels) +
                    " input channels x " + std::to_string(slots) + " delay steps); reduce the maximum delay or "
                    "the network size");
}

}  // namespace

void InputLane::makeRoomFor(size_t n) {
  for (uint32_t d = 1; d < rowAfter_.size(); ++d) {
    if (rowAfter_[d] != nullptr) continue;
    Bucket& bucket = *listAfter_[d];
    if (bucket.size + n <= bucket.capacity) continue;
    if (bucket.size + n > ring_->bucketLimit_ && bucket.size != 0) {
      // As long as a row: summed into the slot's row now, so a burst holds at most a row and a list per slot.
      // The row is shared with the other lanes, which add only onto channels of their own.
      const uint32_t slot = ring_->slotAfter_[d];
      addInto(slot, ring_->makeDense(slot));
      if (n <= bucket.capacity) continue;
    }
    const size_t capacity = std::max<size_t>(
        std::min<size_t>(ring_->bucketLimit_, std::max<size_t>(1024, bucket.capacity * 2)), bucket.size + n);
    std::unique_ptr<int64_t[]> entries(new int64_t[capacity]);
    std::copy_n(bucket.entries.get(), bucket.size, entries.get());
    bucket.entries = std::move(entries);
    bucket.capacity = capacity;
  }
  placeRoom();
  room_ -= n;
}

void InputLane::placeRoom() {
  room_ = SIZE_MAX;
  for (uint32_t d = 1; d < rowAfter_.size(); ++d)
    if (rowAfter_[d] == nullptr) room_ = std::min(room_, listAfter_[d]->capacity - listAfter_[d]->size);
}

void InputLane::addInto(uint32_t slot, int64_t* row) {
  Bucket& bucket = buckets_[slot];
  const int64_t* entry = bucket.entries.get();
  const uint32_t bits = channelBits_;
  const uint64_t mask = escape_;
  for (size_t k = 0, n = bucket.size; k < n; ++k) {
    const int64_t e = entry[k];
    const uint64_t channel = static_cast<uint64_t>(e) & mask;
    if (channel != mask) {
      row[channel] += e >> bits;
    } else {  // an escaped add (addReserved): the channel above the escape, the amount in the next entry
      row[static_cast<uint64_t>(e) >> bits] += entry[k + 1];
      ++k;
    }
  }
  bucket.size = 0;
}

void InputLane::resizeSlots(uint32_t slots) {
  buckets_.clear();
  buckets_.resize(slots);
  rowAfter_.assign(slots, nullptr);
  listAfter_.assign(slots, nullptr);
  touchedAfter_.assign(slots, nullptr);
}

void InputLane::place() {
  channelBits_ = ring_->channelBits_;
  escape_ = (uint64_t{1} << channelBits_) - 1;
  allDense_ = !ring_->staged_;
  tracked_ = ring_->tracking_;
  for (uint32_t d = 0; d < ring_->slots_; ++d) {
    const uint32_t slot = ring_->slotAfter_[d];
    touchedAfter_[d] = tracked_ ? &ring_->touchedLists_[ring_->touchedIndex(index_, slot)] : nullptr;
    // Staged, a lane lists every add, even into a slot that has a row (the sum at its consumption adds the
    // lists into the row): the delivery loops then need no test of a row per add (ListSink).
    rowAfter_[d] = ring_->staged_ ? nullptr : ring_->dense_[slot];
    listAfter_[d] = &buckets_[slot];
  }
  placeRoom();
}

InputBuffer::InputBuffer() { configure(0, 1); }

InputBuffer::InputBuffer(uint32_t channels, uint32_t slots, Staging staging) : staging_(staging) {
  configure(channels, slots);
}

InputBuffer::InputBuffer(InputBuffer&& other) noexcept { *this = std::move(other); }

// Everything but the lock, which guards nothing between calls; the lanes are pointed at their new ring.
InputBuffer& InputBuffer::operator=(InputBuffer&& other) noexcept {
  channels_ = other.channels_;
  slots_ = other.slots_;
  nowSlot_ = other.nowSlot_;
  now_ = other.now_;
  staging_ = other.staging_;
  staged_ = other.staged_;
  bucketLimit_ = other.bucketLimit_;
  channelBits_ = other.channelBits_;
  slotAfter_ = std::move(other.slotAfter_);
  dense_ = std::move(other.dense_);
  rows_ = std::move(other.rows_);
  freeRows_ = std::move(other.freeRows_);
  lanes_ = std::move(other.lanes_);
  tracking_ = other.tracking_;
  trackedFrom_ = other.trackedFrom_;
  touchedLists_ = std::move(other.touchedLists_);
  touchedStore_ = std::move(other.touchedStore_);
  for (InputLane& lane : lanes_) lane.ring_ = this;
  return *this;
}

// Channels, slots and staging, every slot without a row and every lane empty; now_ is the caller's.
void InputBuffer::build(uint32_t channels, uint32_t slots) {
  channels_ = channels;
  slots_ = slots;
  const uint64_t bytes = static_cast<uint64_t>(channels) * slots * sizeof(int64_t);
  staged_ = staging_ == Staging::Always || (staging_ == Staging::Auto && bytes > kStageAboveBytes);
  // 8 bytes an entry: a list of channels/2 entries holds 4 bytes per channel, half a row's 8.
  bucketLimit_ = std::max(1024u, channels / 2);
  channelBits_ = 1;
  while (channelBits_ < 32 && (uint64_t{1} << channelBits_) <= channels) ++channelBits_;
  dense_.assign(slots, nullptr);
  stopTracking();
  std::vector<TouchedChannels>().swap(touchedLists_);
  std::vector<uint32_t>().swap(touchedStore_);
  makeLanes(std::max<uint32_t>(1, laneCount()));
  nowSlot_ = 0;
}

bool InputBuffer::trackTouched(bool on) {
  on = on && !staged_ && channels_ != 0;
  if (on == tracking_) return tracking_;
  if (!on) {
    stopTracking();
  } else {
    tracking_ = true;
    // A list per lane and slot: each delivering thread lists only its own adds.
    const uint32_t capacity = std::max(64u, channels_ / 8);
    const size_t lists = static_cast<size_t>(laneCount()) * slots_;
    touchedStore_.assign(lists * (capacity + 1), 0);
    touchedLists_.assign(lists, TouchedChannels{});
    for (size_t list = 0; list < lists; ++list)
      touchedLists_[list] = TouchedChannels{touchedStore_.data() + list * (capacity + 1), 0, capacity};
    // Adds made while now_ = k go to the rows of k + 1 .. k + slots - 1, and some made at now_ may have gone
    // unmarked: the first row written only by marked adds is that of now_ + slots.
    trackedFrom_ = now_ + slots_;
  }
  placeSlots();
  return tracking_;
}

// Without placeSlots: the callers place the lanes. The lists stay until the ring is rebuilt (or tracks again): a
// delivery that stops the tracking in the middle of a step (rowAfter) leaves the arriving row's list to be read.
void InputBuffer::stopTracking() { tracking_ = false; }

// `count` empty lanes over the current slots.
void InputBuffer::makeLanes(uint32_t count) {
  lanes_.clear();
  for (uint32_t k = 0; k < count; ++k) {
    lanes_.emplace_back(*this, k);
    lanes_.back().resizeSlots(slots_);
  }
}

void InputBuffer::configure(uint32_t channels, uint32_t slots) {
  if (slots == 0) throw Error(ErrorCode::Internal, "", "InputBuffer needs at least one slot");
  checkSize(channels, slots);
  rows_.clear();
  freeRows_.clear();
  build(channels, slots);
  now_ = 0;
  fillRequiredRows();
  placeSlots();
}

void InputBuffer::setStaging(Staging staging) {
  staging_ = staging;
  resize(slots_);
}

void InputBuffer::resize(uint32_t slots) {
  if (slots == 0) throw Error(ErrorCode::Internal, "", "InputBuffer needs at least one slot");
  checkSize(channels_, slots);
  // The slots that stay, in order from now, each as its row (lists summed into it) or null when empty; the
  // others dropped, their rows zeroed for reuse.
  const uint32_t keep = std::min(slots, slots_);
  std::vector<int64_t*> kept(keep, nullptr);
  for (uint32_t d = 0; d < slots_; ++d) {
    const uint32_t slot = (nowSlot_ + d) % slots_;
    if (d < keep) {
      if (listed(slot)) sumAllLanes(slot);
      kept[d] = dense_[slot];
    } else if (int64_t* row = dense_[slot]) {
      std::fill_n(row, channels_, 0);
      freeRows_.push_back(row);
    }
  }
  build(channels_, slots);
  std::copy(kept.begin(), kept.end(), dense_.begin());
  fillRequiredRows();
  placeSlots();
}

bool InputBuffer::listed(uint32_t slot) const {
  for (const InputLane& lane : lanes_)
    if (lane.buckets_[slot].size != 0) return true;
  return false;
}

// Dense: every slot has its row. Staged: the slot of now has one (the row the update reads).
void InputBuffer::fillRequiredRows() {
  for (uint32_t s = 0; s < slots_; ++s)
    if ((!staged_ || s == nowSlot_) && dense_[s] == nullptr) dense_[s] = takeZeroRow();
}

void InputBuffer::setLanes(uint32_t lanes) {
  lanes = std::max(1u, lanes);
  for (uint32_t s = 0; s < slots_; ++s)
    if (listed(s)) sumAllLanes(s);
  stopTracking();  // the lists are per lane: trackTouched(true) makes them anew
  if (lanes != laneCount()) makeLanes(lanes);
  placeSlots();
}

void InputBuffer::advance(bool deferSums) {
  if (staged_) release(nowSlot_);
  if (tracking_)
    for (uint32_t lane = 0; lane < touchedLanes(); ++lane) touchedLists_[touchedIndex(lane, nowSlot_)].size = 0;
  ++now_;
  if (++nowSlot_ == slots_) nowSlot_ = 0;
  if (staged_ && dense_[nowSlot_] == nullptr) dense_[nowSlot_] = takeZeroRow();
  placeSlots();
  if (staged_ && !deferSums)
    for (InputLane& lane : lanes_) lane.addInto(nowSlot_, dense_[nowSlot_]);
}

void InputBuffer::clearArriving() {
  if (channels_ != 0) std::memset(arrivingRow(), 0, channels_ * sizeof(int64_t));
}

void InputBuffer::clear() {
  for (uint32_t s = 0; s < slots_; ++s) {
    for (InputLane& lane : lanes_) lane.buckets_[s].size = 0;
    if (int64_t* row = dense_[s]) {
      std::fill_n(row, channels_, 0);
      if (staged_) release(s);
    }
  }
  now_ = 0;
  nowSlot_ = 0;
  // Every row is empty: each is written from here on by marked adds only.
  for (TouchedChannels& list : touchedLists_) list.size = 0;
  trackedFrom_ = 0;
  fillRequiredRows();
  placeSlots();
}

size_t InputBuffer::memoryBytes() const {
  size_t bytes =
      rows_.size() * static_cast<size_t>(channels_) * sizeof(int64_t) + touchedStore_.size() * sizeof(uint32_t);
  for (const InputLane& lane : lanes_)
    for (const InputLane::Bucket& bucket : lane.buckets_)
      bytes += static_cast<size_t>(bucket.capacity) * sizeof(int64_t);
  return bytes;
}

int64_t* InputBuffer::makeDense(uint32_t slot) {
  std::lock_guard<std::mutex> lock(denseMutex_);
  if (dense_[slot] == nullptr) dense_[slot] = takeZeroRow();
  return dense_[slot];
}

int64_t* InputBuffer::takeZeroRow() {
  if (!freeRows_.empty()) {
    int64_t* row = freeRows_.back();
    freeRows_.pop_back();
    return row;
  }
  rows_.emplace_back(new int64_t[channels_ == 0 ? 1 : channels_]());
  return rows_.back().get();
}

void InputBuffer::release(uint32_t slot) {
  for (InputLane& lane : lanes_) lane.buckets_[slot].size = 0;
  if (int64_t* row = dense_[slot]) {
    freeRows_.push_back(row);
    dense_[slot] = nullptr;
  }
}

void InputBuffer::sumAllLanes(uint32_t slot) {
  int64_t* row = makeDense(slot);
  for (InputLane& lane : lanes_) lane.addInto(slot, row);
}

void InputBuffer::placeSlots() {
  slotAfter_.resize(slots_);
  for (uint32_t d = 0; d < slots_; ++d) {
    uint32_t slot = nowSlot_ + d;
    if (slot >= slots_) slot -= slots_;
    slotAfter_[d] = slot;
  }
  for (InputLane& lane : lanes_) lane.place();
}

}  // namespace tsnn
