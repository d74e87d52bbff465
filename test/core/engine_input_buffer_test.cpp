// The delay ring: a spike delivered at step k with delay d is consumed by the update of step k + d, and fixed-point
// sums do not depend on the order of delivery.
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

TEST(spike_at_step_k_with_delay_d_arrives_at_step_k_plus_d) {
  for (uint32_t delay = 1; delay <= 5; ++delay) {
    InputBuffer buffer(2, 6);
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
}

TEST(fixed_point_sum_is_independent_of_delivery_order) {
  std::mt19937_64 generator(12345);
  std::uniform_real_distribution<double> weight(-1.0, 1.0);
  std::vector<double> weights(1000);
  for (auto& w : weights) w = weight(generator);
  InputBuffer forward(1, 2), shuffled(1, 2);
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

TEST(growing_the_ring_keeps_input_in_flight) {
  InputBuffer buffer(1, 4);
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

TEST(an_impossible_ring_is_resource_exhausted_before_allocation) {
  bool refused = false;
  try {
    InputBuffer buffer(4000000000u, 100000);
  } catch (const Error& error) {
    refused = error.code() == ErrorCode::ResourceExhausted;
  }
  CHECK(refused);
}
