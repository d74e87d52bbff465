// Uniform random numbers of one random use (a stream) of one seed, addressed by (index, k): the k-th uniform
// double of item `index` (a cell, a connection, a presynaptic row). Nothing depends on call order.
//
// Draw layout: uniform (index, k) comes from Philox4x32-10 with key = seed and counter = (k / 2, index,
// stream low, stream high) (philoxDraw in philox.h); even k takes words 0 and 1, odd k words 2 and 3, each pair
// turned into a 53-bit double in [0, 1) by uniformFromWords. A value that needs several uniforms (a normal, a
// rejection loop) uses k = 0, 1, 2, ... of its own index.
#pragma once

#include <cstdint>

#include "tsnn/philox.h"

namespace tsnn {

// The stream of a random process keyed by time (spike sources, noisy currents, escape noise) in its `trial`-th
// segment: 0 until the first reset(), then 1, 2, ... Each segment draws anew, as NEST's and Brian2's generators go
// on after a reset, and the same script still gives the same segments. The trial goes into bits 32-60 of the
// stream, which the streams handed out leave free (docs/architecture.md: high word 0 for the network's streams,
// bit 61 for an RNG object's own, bit 62 for synaptic transmission, bit 63 for the spike sources).
inline uint64_t trialStream(uint64_t stream, uint64_t trial) { return stream ^ ((trial & 0x1fffffffu) << 32); }

struct RandomStream {
  uint64_t seed = 0;
  uint64_t stream = 0;

  TSNN_HD double uniform(uint32_t index, uint32_t k) const {
    const Philox4x32 block = philoxDraw(seed, stream, index, k >> 1);
    return (k & 1u) ? uniformFromWords(block.v[2], block.v[3]) : uniformFromWords(block.v[0], block.v[1]);
  }
};

// Walks the uniforms k = 0, 1, 2, ... of one index, computing each Philox block once.
class DrawCursor {
 public:
  TSNN_HD DrawCursor(const RandomStream& source, uint32_t index, uint32_t firstDraw = 0)
      : source_(source), index_(index), next_(firstDraw) {}

  // A double in [0, 1).
  TSNN_HD double uniform() {
    const uint32_t k = next_++;
    const uint32_t blockNumber = k >> 1;
    if (!hasBlock_ || blockNumber != blockNumber_) {
      block_ = philoxDraw(source_.seed, source_.stream, index_, blockNumber);
      blockNumber_ = blockNumber;
      hasBlock_ = true;
    }
    return (k & 1u) ? uniformFromWords(block_.v[2], block_.v[3]) : uniformFromWords(block_.v[0], block_.v[1]);
  }

  // A double in (0, 1]: safe for log().
  TSNN_HD double uniformPositive() { return 1.0 - uniform(); }

  TSNN_HD uint32_t drawsUsed() const { return next_; }
  TSNN_HD uint32_t index() const { return index_; }

 private:
  RandomStream source_;
  uint32_t index_;
  uint32_t next_;
  uint32_t blockNumber_ = 0;
  bool hasBlock_ = false;
  Philox4x32 block_{{0, 0, 0, 0}};
};

}  // namespace tsnn
