// The delay ring: int64 fixed-point accumulators, one row of channels per future step, so the input a neuron sees
// does not depend on the order in which spikes were delivered (DESIGN §3).
//
// Timing (DESIGN §4, NEST's convention): the buffer's `now` is the step whose state was just computed. A spike
// emitted at step k (spike time k·dt) is delivered with add(d, ...) while now == k and lands in the row of step
// k + d; the neuron update that computes the state of step k + d consumes that row (currents jump at k + d).
// With delays up to D steps, D + 1 slots suffice: the one being consumed plus D future ones.
//
// Two ways to hold a slot's input (docs/architecture.md, "A large delay ring is staged"):
//  - dense: a row of every channel, each add goes straight into it. Every slot of a small ring is dense.
//  - staged: the adds are listed (channel and amount in one int64 entry) in the order they come, in one bucket
//    per slot and writer (InputLane), and summed into a row only when the slot is consumed. A large ring (the
//    microcircuit's at half scale: 154,328 channels x 57 slots, 70 MB, 35 MB of them written) is far beyond the
//    caches, and adding straight into it costs a cache and TLB miss per synaptic event; listed, the adds are
//    sequential writes, and the sum goes into one of a few rows that are reused step after step, so stay in the
//    cache. The sum of integers is the same in any order: the same bits either way.
//    A lane lists every add: a bucket that would outgrow half a row is summed into the slot's row at once and
//    starts again (a burst of spikes holds at most a row and half a row per slot), and a slot whose row is asked
//    for (rowAfter: the one-to-one drives) gets one at once; its lists are summed into it when it is consumed.
//
// Touched channels (trackTouched; docs/architecture.md, "Sparse input"): a dense ring can also list, per lane and
// slot, the channel of every add. Where few channels receive input in a step (the Vogels-Abbott networks:
// 200-500 events a step onto 8000 channels), the neuron update then steps every cell as if no input had arrived
// and adds the input of the listed channels afterwards, instead of converting every channel's int64.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace tsnn {

class InputBuffer;

// The channels added to in one slot while the ring tracks them (InputBuffer::trackTouched): in the order of the
// adds, with repeats, up to `capacity`. `size` counts the adds up to capacity + 1: past the capacity the list is
// incomplete and the slot is read whole. A list, not a map of bits: reading a map mispredicts a branch per word.
struct TouchedChannels {
  uint32_t* channels = nullptr;  // room for capacity + 1: adds past the capacity overwrite the last entry
  uint32_t size = 0, capacity = 0;
  // Lists `channel` in a list of `size` entries; returns the new size.
  static uint32_t append(uint32_t* channels, uint32_t size, uint32_t capacity, uint32_t channel) {
    channels[size < capacity ? size : capacity] = channel;
    return size + (size <= capacity ? 1u : 0u);
  }
  void add(uint32_t channel) { size = append(channels, size, capacity, channel); }
  bool complete() const { return size <= capacity; }
};

// One writer of the ring's staged slots: a worker of the threaded delivery, which adds only to channels its own
// cells read (Simulation::deliverOwned), or lane 0 for every other delivery. Lanes never share a list, and a lane
// sums its lists only into channels of its own: threads delivering at once share nothing but the lock that makes
// a slot a row.
class InputLane {
 public:
  InputLane(InputBuffer& ring, uint32_t index) : ring_(&ring), index_(index) {}

  // delaySteps in [1, slots - 1] steps after `now`.
  void add(uint32_t delaySteps, uint32_t channel, int64_t amount) {
    reserve(1);
    addReserved(delaySteps, channel, amount);
  }

  // Room for `n` adds through addReserved: every list gets room for n more adds (2n entries: an add may take two),
  // a list that would outgrow half a row being summed into its slot's row first. A delivery loop reserves its row's length once, then adds without a test of room and
  // without a call, which would keep the compiler from holding the lane's tables in registers.
  void reserve(size_t n) {
    const size_t entries = 2 * n;
    if (room_ >= entries) room_ -= entries;
    else makeRoomFor(entries);
  }
  // An add is listed as one int64 entry, amount << channelBits | channel (8 bytes where a channel and an amount
  // apart took 12: the lists are written and read back once per event, at the microcircuit's scale beyond the
  // caches). An amount too large for the remaining bits (beyond 2^45 in fixed point, 8192 nA, at the
  // microcircuit's 2^18 channels) takes two: the escape channel, all ones, with the real channel above it, then
  // the amount.
  void addReserved(uint32_t delaySteps, uint32_t channel, int64_t amount) {
    if (int64_t* row = rowAfter_[delaySteps]) {
      row[channel] += amount;
      if (TouchedChannels* touched = touchedAfter_[delaySteps]) touched->add(channel);
      return;
    }
    listReserved(delaySteps, channel, amount);
  }
  // addReserved on a staged ring, whose lanes list every add (ListSink): no test of a row.
  void listReserved(uint32_t delaySteps, uint32_t channel, int64_t amount) {
    Bucket& bucket = *listAfter_[delaySteps];
    const int64_t packed = static_cast<int64_t>(static_cast<uint64_t>(amount) << channelBits_ | channel);
    if ((packed >> channelBits_) == amount) {
      bucket.entries[bucket.size++] = packed;
      return;
    }
    bucket.entries[bucket.size] = static_cast<int64_t>(uint64_t{channel} << channelBits_ | escape_);
    bucket.entries[bucket.size + 1] = amount;
    bucket.size += 2;
  }

  // The rows by delay of a dense ring: a delivery loop adds straight into them (RowsSink), without addReserved's
  // test of the row (Brunel's delivery ran 2.5 times as slowly through add() when add() still grew lists itself).
  // Null for a staged ring, whose lanes list every add (ListSink).
  int64_t* const* rowsIfAllDense() const { return allDense_ ? rowAfter_.data() : nullptr; }
  // The touched-channel lists by delay while the ring tracks them (InputBuffer::trackTouched), else null.
  TouchedChannels* const* touchedIfTracked() const { return tracked_ ? touchedAfter_.data() : nullptr; }

 private:
  friend class InputBuffer;
  struct Bucket {
    size_t size = 0, capacity = 0;  // size_t: the compiler knows an int64_t entry store cannot change them
    std::unique_ptr<int64_t[]> entries;
  };
  // Every list with room for n more entries; a list that would outgrow a row is first summed into the slot's row
  // (made if needed) and goes on from empty. room_ set again.
  void makeRoomFor(size_t n);
  void placeRoom();  // room_: the least room left in a list
  void addInto(uint32_t slot, int64_t* row);  // the list's sum into `row`, leaving it empty
  void resizeSlots(uint32_t slots);
  void place();  // rowAfter_ and listAfter_ from the ring's slots (between steps)

  InputBuffer* ring_;
  uint32_t index_;                    // of this lane among the ring's
  std::vector<Bucket> buckets_;       // one per slot
  std::vector<int64_t*> rowAfter_;    // per delay: the slot's row in a dense ring; null in a staged one
  std::vector<Bucket*> listAfter_;    // per delay: the slot's list
  std::vector<TouchedChannels*> touchedAfter_;  // per delay: the slot's touched channels while tracked; else null
  bool tracked_ = false;
  bool allDense_ = false;             // a dense ring: rowAfter_[d] set for every delay d >= 1
  size_t room_ = 0;                   // entries every list can take before makeRoomFor
  uint32_t channelBits_ = 1;          // the ring's (InputBuffer::channelBits_), copied by place()
  uint64_t escape_ = 1;               // 2^channelBits - 1: no channel
};

// The sinks below are what the delivery loops add through. Each also has atDelay(d, n): room for n adds at delay
// d, through an object whose add(channel, amount) and finish() take what a delay needs (its row, its list) once
// rather than once per add (a projection with one delay, Connectivity::deliverUniformOneDelay).

// Adds into a ring's rows by delay (InputLane::rowsIfAllDense): what the delivery loops write through when no
// slot is staged.
struct RowsSink {
  int64_t* const* rows;
  void reserve(size_t) const {}
  void addReserved(uint32_t delaySteps, uint32_t channel, int64_t amount) const {
    rows[delaySteps][channel] += amount;
  }
  struct AtDelay {
    int64_t* row;
    void add(uint32_t channel, int64_t amount) const { row[channel] += amount; }
    void finish() const {}
  };
  AtDelay atDelay(uint32_t delaySteps, size_t) const { return AtDelay{rows[delaySteps]}; }
};

// RowsSink for a ring that tracks touched channels (InputBuffer::trackTouched): each add also lists its channel.
struct MarkingRowsSink {
  int64_t* const* rows;
  TouchedChannels* const* touched;
  void reserve(size_t) const {}
  void addReserved(uint32_t delaySteps, uint32_t channel, int64_t amount) const {
    rows[delaySteps][channel] += amount;
    touched[delaySteps]->add(channel);
  }
  // The list's size in a register for the whole row of synapses (an add through the list's own field waited
  // on the store of the one before).
  struct AtDelay {
    int64_t* row;
    TouchedChannels* list;
    uint32_t* channels;
    uint32_t size, capacity;
    void add(uint32_t channel, int64_t amount) {
      row[channel] += amount;
      size = TouchedChannels::append(channels, size, capacity, channel);
    }
    void finish() const { list->size = size; }
  };
  AtDelay atDelay(uint32_t delaySteps, size_t) const {
    TouchedChannels* list = touched[delaySteps];
    return AtDelay{rows[delaySteps], list, list->channels, list->size, list->capacity};
  }
};

// Lists into a staged ring's lane (InputLane::listReserved): every add is listed, with no test of a row per add.
struct ListSink {
  InputLane* lane;
  void reserve(size_t n) const { lane->reserve(n); }
  void addReserved(uint32_t delaySteps, uint32_t channel, int64_t amount) const {
    lane->listReserved(delaySteps, channel, amount);
  }
  struct AtDelay {
    InputLane* lane;
    uint32_t delaySteps;
    void add(uint32_t channel, int64_t amount) const { lane->listReserved(delaySteps, channel, amount); }
    void finish() const {}
  };
  AtDelay atDelay(uint32_t delaySteps, size_t n) const {
    lane->reserve(n);
    return AtDelay{lane, delaySteps};
  }
};

// f(sink) with the lane's rows as a RowsSink in a dense ring (a MarkingRowsSink while it tracks touched channels),
// else with a ListSink on the lane: what a delivery loop is compiled for three times.
template <typename F>
auto withSinkOf(InputLane& lane, F f) {
  if (int64_t* const* rows = lane.rowsIfAllDense()) {
    if (TouchedChannels* const* touched = lane.touchedIfTracked()) {
      MarkingRowsSink sink{rows, touched};
      return f(sink);
    }
    RowsSink sink{rows};
    return f(sink);
  }
  ListSink sink{&lane};
  return f(sink);
}

class InputBuffer {
 public:
  // Whether the slots are staged: Auto stages rings of more than kStageAboveBytes (dense rows cost less below).
  enum class Staging { Auto, Never, Always };
  // Where the two ways cross (bench/kernel.mjs scatter, 26,000 events a step): about even at 4.8 MB, dense 1.5x
  // faster at 2.6 MB, staged 2.5-4x faster from 9.6 MB. Brunel's 4.6 MB ring, with all of a step's 62,000 events
  // in one slot (one delay), ran twice as slowly staged (session 10): its lists outgrew a row every step.
  static constexpr uint64_t kStageAboveBytes = uint64_t{8} << 20;

  InputBuffer();
  InputBuffer(uint32_t channels, uint32_t slots, Staging staging = Staging::Auto);
  InputBuffer(InputBuffer&& other) noexcept;
  InputBuffer& operator=(InputBuffer&& other) noexcept;

  // Sets the channel count and the number of slots, all empty, now = 0.
  void configure(uint32_t channels, uint32_t slots);
  // Sets the number of slots (max delay in steps + 1), keeping the input already due at now + d for every d that
  // still fits (a ring grown between runs loses nothing).
  void resize(uint32_t slots);
  void setStaging(Staging staging);
  bool staged() const { return staged_; }

  // Writers: `lanes` of them (at least 1). Input already listed is summed into rows first (even when the count
  // stays), so that no lane holds channels that its worker no longer owns.
  void setLanes(uint32_t lanes);
  uint32_t laneCount() const { return static_cast<uint32_t>(lanes_.size()); }
  InputLane& lane(uint32_t index) { return lanes_[index]; }

  // Touched channels (see the top of this file). While on, every add into a row also lists its channel in the
  // list of its lane and slot, emptied when the ring moves past the slot. Only a dense ring tracks:
  // trackTouched(true) does nothing on a staged one, and configure, resize, setStaging, setLanes and rowAfter
  // (whose callers add without listing) turn it off. Returns whether the ring tracks.
  bool trackTouched(bool on);
  bool tracksTouched() const { return tracking_; }
  // Whether the arriving row's lists hold every channel added to: tracking since before any add into the row was
  // made, and no lane's list past its capacity (channels / 8, at least 64).
  bool arrivingTracked() const {
    if (!tracking_ || now_ < trackedFrom_) return false;
    for (uint32_t lane = 0; lane < touchedLanes(); ++lane)
      if (!arrivingTouched(lane).complete()) return false;
    return true;
  }
  // The lanes that have lists: those of the last trackTouched(true). Their lists of the arriving row are still
  // there when the tracking stopped after this step began.
  uint32_t touchedLanes() const { return static_cast<uint32_t>(touchedLists_.size() / slots_); }
  const TouchedChannels& arrivingTouched(uint32_t lane) const { return touchedLists_[touchedIndex(lane, nowSlot_)]; }

  // Lane 0's add.
  void add(uint32_t delaySteps, uint32_t channel, int64_t amount) { lanes_[0].add(delaySteps, channel, amount); }
  // The row that receives input `delaySteps` after now (made one if staged): lets a loop over ascending channels
  // (the one-to-one drives) add without listing. Safe from several threads at once.
  // Its callers add without marking: the ring stops tracking touched channels.
  int64_t* rowAfter(uint32_t delaySteps) {
    if (tracking_) trackTouched(false);
    return makeDense(slotAfter_[delaySteps]);
  }

  // Moves `now` one step on; the row of the new `now` holds the input arriving at it once the lanes' lists are
  // summed into it: here, unless `deferSums`, in which case each worker calls sumLaneIntoArriving for its own lane
  // (parallel delivery: a lane holds only the channels its worker reads).
  void advance(bool deferSums = false);
  void sumLaneIntoArriving(uint32_t lane) { lanes_[lane].addInto(nowSlot_, arrivingRow()); }

  // The input arriving at `now` (read by the neuron update). The row must be all zero again before the next
  // advance(): the step loop clears it as it reads it, or clearArriving() does.
  const int64_t* arriving() const { return dense_[nowSlot_]; }
  int64_t* arrivingRow() { return dense_[nowSlot_]; }
  void clearArriving();

  void clear();  // every slot empty, now = 0

  uint64_t now() const { return now_; }
  uint32_t slots() const { return slots_; }
  uint32_t channelCount() const { return channels_; }
  size_t memoryBytes() const;

 private:
  friend class InputLane;

  int64_t* makeDense(uint32_t slot);  // the slot's row, made if it has none (under the lock)
  int64_t* takeZeroRow();             // from the free rows, or a new one
  void release(uint32_t slot);        // its row back to the free rows (all zero), its lists emptied
  void sumAllLanes(uint32_t slot);    // every lane's list of `slot` into its (dense) row
  bool listed(uint32_t slot) const;   // whether any lane lists input for `slot`
  void fillRequiredRows();
  void placeSlots();
  void build(uint32_t channels, uint32_t slots);
  void makeLanes(uint32_t count);
  void stopTracking();
  uint32_t touchedIndex(uint32_t lane, uint32_t slot) const { return lane * slots_ + slot; }

  uint32_t channels_ = 0;
  uint32_t slots_ = 1;
  uint32_t nowSlot_ = 0;
  uint64_t now_ = 0;
  Staging staging_ = Staging::Auto;
  bool staged_ = false;
  uint32_t bucketLimit_ = 0;  // entries of a bucket before it is summed into its row (channels/2: half a row)
  uint32_t channelBits_ = 1;  // bits of an entry's channel: 2^channelBits > channels (InputLane::addReserved)

  std::vector<uint32_t> slotAfter_;  // slotAfter_[d]: the slot of now + d (rewritten once per step)
  // Per slot: its row, or null while staged. Written under the lock during a step, read by the lanes between
  // steps (InputLane::place) and under the lock.
  std::vector<int64_t*> dense_;
  std::vector<std::unique_ptr<int64_t[]>> rows_;    // every row allocated
  std::vector<int64_t*> freeRows_;                  // all zero, most recently used last
  std::vector<InputLane> lanes_;
  std::mutex denseMutex_;
  bool tracking_ = false;
  uint64_t trackedFrom_ = 0;       // the first step whose arriving row was written entirely while tracked
  std::vector<TouchedChannels> touchedLists_;  // per lane and slot (lane-major), while tracking
  std::vector<uint32_t> touchedStore_;         // their entries, one list after another
};

}  // namespace tsnn
