// The refractory cells of a uniform population, listed from step to step, so that the SIMD pair loops
// (lif_uniform_simd.h) need not test every pair's counters. The pairs then step every cell as if it were free,
// and the listed cells take their refractory step afterwards (settleListed), which gives the same doubles and
// counters as the per-cell steps.
//
// Why: testing each pair's counters costs a branch, and in a network the refractory cells are scattered, so it
// mispredicts. Kernel benchmark (bench/kernel.mjs cond, docs/performance.md, session 16): IF_cond_exp firing at
// COBA's 16 Hz took 2.73 ns a cell and step with the test, 2.45 listed; taking the refractory step for every pair
// as SIMD selects, without the branch, cost 0.9 ns more than the test even with no cell firing.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "tsnn/error.h"

namespace tsnn {

// Invariant: the first `count` of `cells` are exactly the cells of [0, paired) whose counter is above zero, in any
// order (paired: the cells the pairs step; an odd last cell runs the per-cell step, which reads its own counter).
// Both arrays have room for every cell of the population (listRefractory sizes them).
struct RefractoryList {
  std::vector<uint32_t> cells;
  std::vector<double> held;  // the current-based models: each listed cell's voltage before the pairs
  uint32_t count = 0;
};

// The refractory step, as currThreshold and ifCondExpUniformCell take it for a cell with counter r > 0:
// IF_cond_exp (heldAtReset) holds v at vReset; the current-based models keep the voltage, and spike if it is at
// threshold (only a voltage set while refractory can be); the counter counts down, or restarts on a spike.
struct RefractoryRule {
  double vThresh, vReset;
  int32_t refractorySteps;
  bool heldAtReset;
};

// Lists the cells of [0, paired) whose counter is above zero, of n cells.
inline void listRefractory(RefractoryList& list, const int32_t* refractory, uint32_t paired, uint32_t n) {
  list.cells.resize(n);
  list.held.resize(n);
  list.count = 0;
  for (uint32_t i = 0; i < paired; ++i)
    if (refractory[i] > 0) list.cells[list.count++] = i;
}

// Before the pairs overwrite them: the voltages the current-based models keep.
inline void holdListed(RefractoryList& list, const RefractoryRule& rule, const double* v) {
  if (rule.heldAtReset) return;
  const uint32_t* cells = list.cells.data();
  double* held = list.held.data();
  for (uint32_t j = 0; j < list.count; ++j) held[j] = v[cells[j]];
}

// Inserts `cell` into the `count` ascending cell indices at `spikes`; returns the new count.
inline uint32_t insertSpike(uint32_t* spikes, uint32_t count, uint32_t cell) {
  uint32_t at = count;
  while (at > 0 && spikes[at - 1] > cell) --at;
  std::memmove(spikes + at + 1, spikes + at, sizeof(uint32_t) * (count - at));
  spikes[at] = cell;
  return count + 1;
}

// A list that a writer of the counters failed to drop: stop the run rather than write past the list or step a
// free cell as refractory.
inline Error refractoryListOutOfStep() {
  return Error(ErrorCode::Internal, "",
               "a population's list of refractory cells is out of step with its refractory counters");
}

// After the pairs, which found `count` spikes (ascending, none of them listed): the listed cells take their
// refractory step, those whose counter reaches zero leave the list, and the cells that spiked join it. Returns
// the spike count, with any listed cell that spiked (current-based, at threshold) inserted in order. The two
// checks cost a compare per listed cell; a valid list (listed and spiking cells are disjoint, every listed
// counter above zero) never fails them.
inline uint32_t settleListed(RefractoryList& list, const RefractoryRule& rule, double* v, int32_t* refractory,
                             uint32_t* spikes, uint32_t count) {
  const uint32_t listed = list.count;
  uint32_t* cells = list.cells.data();
  const double* held = list.held.data();
  uint32_t joined = 0;
  if (rule.refractorySteps > 0) {
    if (size_t(listed) + count > list.cells.size()) throw refractoryListOutOfStep();
    for (uint32_t k = 0; k < count; ++k) cells[listed + joined++] = spikes[k];
  }
  uint32_t kept = 0;
  for (uint32_t j = 0; j < listed; ++j) {
    const uint32_t i = cells[j];
    if (refractory[i] <= 0) throw refractoryListOutOfStep();
    int32_t r = refractory[i] - 1;
    if (rule.heldAtReset) {
      v[i] = rule.vReset;
    } else if (held[j] >= rule.vThresh) {
      v[i] = rule.vReset;
      r = rule.refractorySteps;
      count = insertSpike(spikes, count, i);
    } else {
      v[i] = held[j];
    }
    refractory[i] = r;
    if (r > 0) cells[kept++] = i;
  }
  std::memmove(cells + kept, cells + listed, sizeof(uint32_t) * joined);
  list.count = kept + joined;
  return count;
}

}  // namespace tsnn
