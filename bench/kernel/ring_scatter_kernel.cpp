// What limits the microcircuit's delivery (docs/performance.md, sessions 9 and 10): each synaptic event adds its
// weight into the delay ring at (now + delay, post channel), and at 0.5 / 0.5 the ring's written part is 77,164
// channels (its neurons') x 57 delay slots of int64, 35 MB (the whole ring is 70 MB: the Poisson sources have
// channels they never use): far beyond the caches, so every event is a read and a write of a line that is not
// there. This replays the delivery loop alone (rows of 240 synapses with ascending post channels and random
// delays, 26,000 events per step as at 0.5 / 0.5) on a ring of the given size, with its slots dense and staged
// (InputBuffer::Staging), adding as the delivery loops do (through withSinkOf's sink, room reserved per row, each
// synapse's float weight converted to fixed point). Built natively and by emscripten by bench/kernel.mjs; prints the best of five runs
// in ns per event, summing the staged input included.
//   kernel [steps=2000] [events per step=26000] [channels=77164] [slots=60]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "kernel_harness.h"
#include "tsnn/engine/input_buffer.h"
#include "tsnn/fixed_point.h"

using namespace tsnn;

namespace {

constexpr uint32_t kRow = 240, kRows = 4096;  // a spike's row in one projection, as at 0.5 / 0.5

struct Rows {
  std::vector<uint32_t> post, delay;
  std::vector<float> weight;
};

// One step: `events` events in random rows, then the ring advances; returns what the step read. Called through a
// pointer: emscripten's link-time optimiser (binaryen) inlines a function called from one place, noinline or not,
// and a loop left in main never leaves V8's baseline code (a WebAssembly function switches to optimised code only
// when it is called). Until session 20 this loop sat in main, and the WebAssembly figures were about twice too high.
int64_t deliverStep(InputBuffer& ring, const Rows& rows, int events, uint32_t step, uint32_t channels) {
  for (int e = 0; e < events; e += kRow) {
    const uint32_t r = static_cast<uint32_t>(kernel::nextRandom() % kRows);
    // As the delivery loops: through the ring's sink (rows when dense, lists when staged), room reserved for the
    // row, then added.
    withSinkOf(ring.lane(0), [&](auto& sink) {
      sink.reserve(kRow);
      for (uint32_t s = r * kRow; s < (r + 1) * kRow; ++s)
        sink.addReserved(rows.delay[s], rows.post[s], toFixed(static_cast<double>(rows.weight[s])));
    });
  }
  ring.advance();
  const int64_t seen = ring.arriving()[step % channels];
  ring.clearArriving();
  return seen;
}

}  // namespace

int main(int argc, char** argv) {
  const int steps = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int events = argc > 2 ? std::atoi(argv[2]) : 26000;
  const uint32_t channels = argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) : 77164;
  const uint32_t slots = argc > 4 ? static_cast<uint32_t>(std::atoi(argv[4])) : 60;
  Rows rows{std::vector<uint32_t>(kRow * kRows), std::vector<uint32_t>(kRow * kRows), std::vector<float>(kRow * kRows)};
  for (uint32_t r = 0; r < kRows; ++r) {
    std::vector<uint32_t> row(kRow);
    for (uint32_t& j : row) j = static_cast<uint32_t>(kernel::nextRandom() % channels);
    std::sort(row.begin(), row.end());
    for (uint32_t s = 0; s < kRow; ++s) {
      rows.post[r * kRow + s] = row[s];
      rows.delay[r * kRow + s] = 1 + static_cast<uint32_t>(kernel::nextRandom() % (slots - 1));
      rows.weight[r * kRow + s] = 0.0878f * (0.75f + static_cast<float>(kernel::nextRandom() % 1000) * 5e-4f);
    }
  }
  int64_t (*volatile step)(InputBuffer&, const Rows&, int, uint32_t, uint32_t) = deliverStep;
  for (const auto staging : {InputBuffer::Staging::Never, InputBuffer::Staging::Always}) {
    InputBuffer ring(channels, slots, staging);
    double best = 1e300;
    int64_t seen = 0;  // what the steps read, so that nothing is optimised away
    for (int run = 0; run < 5; ++run) {
      const auto start = std::chrono::steady_clock::now();
      uint64_t delivered = 0;
      for (int k = 0; k < steps; ++k) {
        seen += step(ring, rows, events, static_cast<uint32_t>(k), channels);
        delivered += static_cast<uint64_t>((events + kRow - 1) / kRow) * kRow;
      }
      const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
      best = std::min(best, ns / static_cast<double>(delivered));
    }
    std::printf("%s %.2f ns per event (ring of %u channels x %u slots: %.1f MB, %d events per step; %lld)\n",
                ring.staged() ? "staged" : "dense ", best, channels, slots, channels * 8.0 * slots / 1e6, events,
                static_cast<long long>(seen % 1000));
  }
  return 0;
}
