// STDP's post-spike histories on the device: a ring of `capacity` spikes per post cell, where Plasticity keeps a
// growing list. The engine settles every row at the end of each chunk (the weights do not depend on when rows
// are settled), so within a chunk a delivery reads only the post spikes after (chunk start - max delay), and the
// last one before them for the trace: capacity = chunk steps + max delay + 2 keeps all of those.
// The functions are Plasticity's settle, postTraceBefore and postSpikes over the ring, the weight changes
// themselves are stdp_synapses.h's, so the device gives the core's bits.
// Compiled by nvcc as C++14 and by the host compiler (host_step_backend.cpp): plain structs.
#pragma once

#include <cstdint>

#include "tsnn/plasticity/stdp_synapses.h"

namespace tsnn {
namespace accel {

// One STDP projection's rings: post cell j's spikes at [j·capacity, (j + 1)·capacity); end[j] is where the next
// goes, fill[j] how many are kept (the oldest kept at end - fill, modulo capacity).
struct StdpHistories {
  int64_t* step;
  double* trace;   // the post trace just after the spike
  uint32_t* end;
  uint32_t* fill;
  uint32_t capacity;
};

// Where the k-th oldest kept spike of post cell j lies.
TSNN_HD inline uint64_t historySlot(const StdpHistories& h, uint32_t j, uint32_t k) {
  const uint32_t at = (h.end[j] + h.capacity - h.fill[j] + k) % h.capacity;
  return static_cast<uint64_t>(j) * h.capacity + at;
}

// Plasticity::postSpikes for post cell j at step `now` (one thread per cell: no other writer of its ring).
TSNN_HD inline void appendPostSpike(const StdpSynapses& c, const StdpHistories& h, uint32_t j, int64_t now) {
  const uint32_t fill = h.fill[j];
  double trace = 1.0;
  if (fill != 0) {
    const uint64_t last = historySlot(h, j, fill - 1);
    trace = h.trace[last] * stdpDecayMinus(c, now - h.step[last]) + 1.0;
  }
  const uint64_t slot = static_cast<uint64_t>(j) * h.capacity + h.end[j];
  h.step[slot] = now;
  h.trace[slot] = trace;
  h.end[j] = h.end[j] + 1 == h.capacity ? 0 : h.end[j] + 1;
  if (fill < h.capacity) h.fill[j] = fill + 1;
}

// Plasticity::postTraceBefore: the post trace just before `step`.
TSNN_HD inline double historyTraceBefore(const StdpSynapses& c, const StdpHistories& h, uint32_t j, int64_t step) {
  for (uint32_t k = h.fill[j]; k-- > 0;) {
    const uint64_t slot = historySlot(h, j, k);
    if (h.step[slot] < step) return h.trace[slot] * stdpDecayMinus(c, step - h.step[slot]);
  }
  return 0.0;
}

// Plasticity::settle for synapse s (delay d) onto post cell j of a row whose last spike was at `last` with trace
// `preTrace`: the potentiation of the post spikes reaching it in (from, until], applied to w.
TSNN_HD inline double settleSynapse(const StdpSynapses& c, const StdpHistories& h, uint32_t j, uint64_t s, int64_t d,
                                    double w, int64_t from, int64_t until, int64_t last, double preTrace) {
  const uint32_t fill = h.fill[j];
  uint32_t low = 0, high = fill;  // the first kept spike after from - d (std::upper_bound)
  while (low < high) {
    const uint32_t middle = low + (high - low) / 2;
    if (h.step[historySlot(h, j, middle)] <= from - d) low = middle + 1;
    else high = middle;
  }
  for (uint32_t k = low; k < fill; ++k) {
    const int64_t arrival = h.step[historySlot(h, j, k)] + d;
    if (arrival > until) break;
    w = stdpPotentiate(c, s, w, preTrace * stdpDecayPlus(c, arrival - last));
  }
  return w;
}

}  // namespace accel
}  // namespace tsnn
