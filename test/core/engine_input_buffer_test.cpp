// The delay ring: a spike delivered at step k with delay d is consumed by the update of step k + d, and fixed-point
// sums do not depend on the order of delivery. Every rule holds for dense and staged slots alike, and a staged ring
// (listed input, lanes, rows made on demand) gives the dense ring's rows bit for bit.
#include <algorithm>
#include <random>

#include "testing.h"
#include "tsnn/engine/channel_layout.h"
#include "tsnn/engine/input_buffer.h"
#include "tsnn/fixed_point.h"

using namespace tsnn;

TEST(channel_layout_is_receptor_major_over_global_neurons) {
  ChannelLayout layout;
  layout.addPopulation(3, {"excitatory", "inhibitory"});
  layout.addPopulation(4, {});
  layout.addPopulation(2, {"excitatory", "inhibitory"});
  CHECK(layout.totalNeurons() == 9);
  CHECK(layout.firstNeuron(2) == 7);
  CHECK(layout.channelCount() == 18);
  CHECK(layout.channelOf(8, 1) == 17);
  CHECK(layout.firstChannel(2, 1) == 16);
  CHECK(layout.receptorIndex(0, "inhibitory") == 1);
  CHECK_THROWS_AS(layout.receptorIndex(1, "excitatory"), Error);
  CHECK_THROWS_AS(layout.receptorIndex(0, "AMPA"), Error);
}

namespace {
const InputBuffer::Staging kBothWays[] = {InputBuffer::Staging::Never, InputBuffer::Staging::Always};
}

// One emission at step 7 with delay d, dense and staged.
static void checkArrivalAfter(uint32_t delay, InputBuffer::Staging staging) {
  InputBuffer buffer(2, 6, staging);
  CHECK(buffer.staged() == (staging == InputBuffer::Staging::Always));
  const uint64_t emitStep = 7;
  uint64_t arrivedAt = 0;
  int arrivals = 0;
  for (uint64_t step = 1; step <= 20; ++step) {
    buffer.advance();
    CHECK(buffer.now() == step);
    if (buffer.arriving()[1] != 0) {
      arrivedAt = step;
      ++arrivals;
      CHECK(buffer.arriving()[1] == toFixed(0.5));
    }
    buffer.clearArriving();
    if (step == emitStep) buffer.add(delay, 1, toFixed(0.5));
  }
  CHECK(arrivals == 1);
  CHECK(arrivedAt == emitStep + delay);
}

TEST(spike_at_step_k_with_delay_d_arrives_at_step_k_plus_d) {
  for (const auto staging : kBothWays)
    for (uint32_t delay = 1; delay <= 5; ++delay) checkArrivalAfter(delay, staging);
}

TEST(fixed_point_sum_is_independent_of_delivery_order) {
  std::mt19937_64 generator(12345);
  std::uniform_real_distribution<double> weight(-1.0, 1.0);
  std::vector<double> weights(1000);
  for (auto& w : weights) w = weight(generator);
  InputBuffer forward(1, 2), shuffled(1, 2, InputBuffer::Staging::Always);
  for (double w : weights) forward.add(1, 0, toFixed(w));
  std::shuffle(weights.begin(), weights.end(), generator);
  for (double w : weights) shuffled.add(1, 0, toFixed(w));
  forward.advance();
  shuffled.advance();
  CHECK(forward.arriving()[0] == shuffled.arriving()[0]);
  double sum = 0;
  for (double w : weights) sum += w;
  CHECK_NEAR(fromFixed(forward.arriving()[0]), sum, 1e-6);
}

static void checkGrowthKeepsInput(InputBuffer::Staging staging) {
  InputBuffer buffer(1, 4, staging);
  for (int k = 0; k < 6; ++k) {  // move the ring away from row 0
    buffer.advance();
    buffer.clearArriving();
  }
  buffer.add(1, 0, 10);
  buffer.add(3, 0, 30);
  buffer.resize(9);
  buffer.add(8, 0, 80);
  std::vector<int64_t> seen;
  for (int k = 1; k <= 8; ++k) {
    buffer.advance();
    seen.push_back(buffer.arriving()[0]);
    buffer.clearArriving();
  }
  CHECK((seen == std::vector<int64_t>{10, 0, 30, 0, 0, 0, 0, 80}));
}

TEST(growing_the_ring_keeps_input_in_flight) {
  for (const auto staging : kBothWays) checkGrowthKeepsInput(staging);
}

TEST(an_impossible_ring_is_resource_exhausted_before_allocation) {
  bool refused = false;
  try {
    InputBuffer buffer(4000000000u, 100000);
  } catch (const Error& error) {
    refused = error.code() == ErrorCode::ResourceExhausted;
  }
  CHECK(refused);
}

// A staged ring against a dense one under the same writes: two lanes on disjoint channels (as two delivering
// workers), ascending rows through rowAfter (the one-to-one drives), bursts past a bucket's limit (made rows),
// sums deferred to the lanes on some steps, a resize and a clear in between, and amounts at and beyond what a
// list entry holds beside the channel (3000 channels: 12 bits, amounts in [-2^51, 2^51); larger ones escaped).
// Every arriving row must be the same.
TEST(a_staged_ring_gives_the_dense_ring_rows_bit_for_bit) {
  const uint32_t channels = 3000, slots = 12;
  InputBuffer dense(channels, slots, InputBuffer::Staging::Never);
  InputBuffer staged(channels, slots, InputBuffer::Staging::Always);
  CHECK(!dense.staged());
  CHECK(staged.staged());
  dense.setLanes(2);
  staged.setLanes(2);
  std::mt19937_64 generator(2024);
  uint64_t compared = 0;
  for (int step = 1; step <= 400; ++step) {
    if (step == 150) {
      dense.resize(20);
      staged.resize(20);
    }
    if (step == 300) {
      dense.clear();
      staged.clear();
    }
    const bool deferred = step % 3 == 0;
    dense.advance();
    staged.advance(deferred);
    if (deferred) {
      staged.sumLaneIntoArriving(1);
      staged.sumLaneIntoArriving(0);
    }
    for (uint32_t c = 0; c < channels; ++c) compared += dense.arriving()[c] == staged.arriving()[c] ? 1 : 0;
    dense.clearArriving();
    staged.clearArriving();
    // A burst every 50 steps: far more adds to one slot than a bucket holds (channels / 2, at least 1024).
    const int adds = step % 50 == 7 ? 6000 : static_cast<int>(generator() % 200);
    const uint32_t maxDelay = dense.slots() - 1;
    for (int k = 0; k < adds; ++k) {
      const uint32_t channel = static_cast<uint32_t>(generator() % channels);
      const uint32_t delay = step % 50 == 7 ? 3 : 1 + static_cast<uint32_t>(generator() % maxDelay);
      int64_t amount = static_cast<int64_t>(generator() % 2000001) - 1000000;
      const int64_t edge = int64_t{1} << 51;
      switch (generator() % 40) {
        case 0: amount = edge - 1; break;   // the largest listed whole
        case 1: amount = -edge; break;      // the smallest
        case 2: amount = edge; break;       // escaped from here on
        case 3: amount = -edge - 1; break;
        case 4:
          amount = (amount < 0 ? -1 : 1) * (edge + static_cast<int64_t>(generator() % (uint64_t{1} << 54)));
          break;
        default: break;
      }
      const uint32_t lane = channel < channels / 2 ? 0 : 1;
      dense.lane(lane).add(delay, channel, amount);
      staged.lane(lane).add(delay, channel, amount);
    }
    if (step % 5 == 0) {
      int64_t* a = dense.rowAfter(2);
      int64_t* b = staged.rowAfter(2);
      for (uint32_t c = 0; c < channels; c += 7) {
        a[c] += 11;
        b[c] += 11;
      }
    }
  }
  CHECK(compared == uint64_t{400} * channels);
}

// Staged, a sparse ring holds its lists and a few rows, not a row per slot; a burst makes rows, at most one per
// slot, and its lists stay below half a row.
TEST(a_staged_ring_holds_rows_only_where_input_is_dense) {
  const uint32_t channels = 100000, slots = 40;
  const size_t rowBytes = channels * sizeof(int64_t);
  InputBuffer ring(channels, slots);  // 32 MB dense: staged by default
  CHECK(ring.staged());
  std::mt19937_64 generator(7);
  for (int step = 0; step < 100; ++step) {
    ring.advance();
    ring.clearArriving();
    for (int k = 0; k < 500; ++k)
      ring.add(1 + static_cast<uint32_t>(generator() % (slots - 1)), static_cast<uint32_t>(generator() % channels), 1);
  }
  CHECK(ring.memoryBytes() < 4 * rowBytes);
  for (uint32_t d = 1; d < slots; ++d)
    for (uint32_t c = 0; c < channels; ++c) ring.add(d, c, 1);
  // A row per slot, as the dense ring, beside a list of at most channels / 2 entries (half a row): a list that
  // would outgrow that is summed into the row and starts again.
  CHECK(ring.memoryBytes() <= slots * rowBytes * 3 / 2);
  CHECK(ring.memoryBytes() >= (slots - 1) * rowBytes);  // every slot the burst reached has its row
  CHECK(InputBuffer(1000, 40).staged() == false);
}

// Touched channels: while a dense one-lane ring tracks them, each add lists its channel in its slot's list
// (through lane 0's add and through a delivery loop's sink alike), the list is read with the row it belongs to
// and emptied once the ring has moved past it, a row counts as tracked only once every add into it was made while
// on, and a list that overflows its capacity (channels / 8, at least 64) leaves its row to be read whole.
TEST(a_tracking_ring_lists_every_channel_it_adds_to) {
  const uint32_t channels = 200;
  InputBuffer ring(channels, 4, InputBuffer::Staging::Never);
  ring.advance();  // now 1
  CHECK(ring.trackTouched(true));
  CHECK(!ring.arrivingTracked());
  ring.add(2, 7, toFixed(1.0));
  withSinkOf(ring.lane(0), [&](auto& sink) {
    sink.reserve(3);
    sink.addReserved(2, 130, toFixed(0.5));
    sink.addReserved(2, 7, toFixed(0.5));
    sink.addReserved(3, 199, toFixed(-0.25));
  });
  const auto listed = [&] {
    const TouchedChannels& t = ring.arrivingTouched(0);
    return std::vector<uint32_t>(t.channels, t.channels + t.size);
  };
  ring.advance();  // now 2: nothing was added for it
  CHECK(listed().empty());
  ring.advance();  // now 3
  CHECK((listed() == std::vector<uint32_t>{7, 130, 7}));
  CHECK(ring.arriving()[130] == toFixed(0.5) && ring.arriving()[7] == toFixed(1.5));
  ring.clearArriving();
  ring.advance();  // now 4
  CHECK((listed() == std::vector<uint32_t>{199}));
  CHECK(!ring.arrivingTracked());  // the row of step 4 could have had adds made at step 1, before tracking
  ring.clearArriving();
  ring.advance();  // now 5: its row takes adds made from step 2 on, all listed
  CHECK(ring.arrivingTracked() && listed().empty());
  for (uint32_t k = 0; k < 64; ++k) ring.add(1, k, 1);  // capacity max(64, 200 / 8): full, still complete
  ring.add(2, 5, 1);
  ring.add(2, 6, 1);
  for (uint32_t k = 0; k < 64; ++k) ring.add(2, k, 1);  // 66: two past the capacity
  ring.advance();  // now 6
  CHECK(ring.arrivingTracked() && listed().size() == 64);
  ring.clearArriving();
  ring.advance();  // now 7
  CHECK(!ring.arrivingTracked() && ring.arrivingTouched(0).size == 65);
  ring.clearArriving();
  ring.advance();  // now 8: the overflown list was emptied with its row
  CHECK(ring.arrivingTracked() && listed().empty());

  ring.add(1, 9, 1);
  ring.advance();  // now 9
  int64_t* row = ring.rowAfter(1);  // its callers add without listing
  row[3] += 1;
  CHECK(!ring.tracksTouched() && !ring.arrivingTracked());
  CHECK((listed() == std::vector<uint32_t>{9}));  // the step under way still reads its list
  InputBuffer staged(channels, 4, InputBuffer::Staging::Always);
  CHECK(!staged.trackTouched(true));
  CHECK(ring.trackTouched(true));
  ring.setLanes(2);
  CHECK(!ring.tracksTouched());
}

// With several lanes (threads delivering at once), each lane lists its own adds, and a row counts as tracked only
// while every lane's list of it is complete.
TEST(a_tracking_ring_with_lanes_lists_each_lanes_adds_apart) {
  const uint32_t channels = 200;
  InputBuffer ring(channels, 3, InputBuffer::Staging::Never);
  ring.setLanes(2);
  CHECK(ring.trackTouched(true));
  CHECK(ring.touchedLanes() == 2);
  ring.advance();
  ring.advance();
  ring.advance();  // now 3: rows from here on take only listed adds
  const auto listed = [&](uint32_t lane) {
    const TouchedChannels& t = ring.arrivingTouched(lane);
    return std::vector<uint32_t>(t.channels, t.channels + t.size);
  };
  ring.lane(0).add(1, 10, 1);
  ring.lane(1).add(1, 150, 2);
  ring.lane(1).add(1, 10, 3);
  ring.advance();  // now 4
  CHECK(ring.arrivingTracked());
  CHECK((listed(0) == std::vector<uint32_t>{10}) && (listed(1) == std::vector<uint32_t>{150, 10}));
  CHECK(ring.arriving()[10] == 4 && ring.arriving()[150] == 2);
  ring.clearArriving();
  for (uint32_t k = 0; k < 65; ++k) ring.lane(1).add(1, k, 1);  // one past lane 1's capacity
  ring.lane(0).add(1, 199, 1);
  ring.advance();  // now 5
  CHECK(!ring.arrivingTracked() && listed(0).size() == 1);
  ring.clearArriving();
  ring.advance();  // now 6: both lists emptied with their row
  CHECK(ring.arrivingTracked() && listed(0).empty() && listed(1).empty());
}
