// Spike sources, step by step. Every random draw comes from the counter-based stream keyed by
// (seed, stream, cell, step or ISI number), so a source emits the same spikes on every backend, whatever the
// thread layout, and again after a Reset.
// Window: a source is active for spike times t with start < t <= start + duration (NEST's generator convention).
// Every event of a step counts: Poisson sources count events per step, and two intervals of a renewal source
// (gamma, refractory Poisson) or two times of a SpikeSourceArray ending in one step give a spike of multiplicity 2
// (delivered twice, as NEST's generators do).
// The step enters the Poisson counter as step / 4 in 32 bits: draws repeat after 2^34 steps (20 days of
// biological time at dt = 0.1 ms).
#pragma once

#include <cmath>
#include <cstdint>

#include "tsnn/math/deterministic_math.h"
#include "tsnn/models/gamma_hazard.h"
#include "tsnn/random/distributions.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

// Poisson (NEST's poisson_generator): the number of events in a step is Poisson(lambda = rate·dt/1000), drawn by
// inversion of one uniform keyed by (cell, step), with emptyProbability = e^{-lambda} computed once (with the
// engine's exp, so every backend draws the same counts). The mean rate is exact at any rate; a step with k > 1
// events is a spike of multiplicity k (delivered k times, as NEST does).
// The count for a uniform u already drawn: the smallest k with P(N <= k) > u.
TSNN_HD inline uint32_t poissonCountFromUniform(double u, double lambda, double emptyProbability) {
  if (u < emptyProbability) return 0;
  double term = emptyProbability, cumulative = emptyProbability;
  uint32_t k = 0;
  while (u >= cumulative && k < 100000) {
    ++k;
    term *= lambda / k;
    cumulative += term;
    if (term == 0.0) break;  // the tail underflowed: u sits in the rounding gap just below 1
  }
  return k;
}

// The first kPoissonTable cumulative probabilities poissonCountFromUniform walks through, computed with its
// operations in its order (so the same doubles): cumulative[m] = P(count <= m). `exact`: no term underflowed to 0
// inside the table (always, short of rates near 0 per step), so the loop's early stop cannot happen there.
constexpr uint32_t kPoissonTable = 8;
struct PoissonTable {
  double cumulative[kPoissonTable];
  bool exact;
};

inline PoissonTable poissonTable(double lambda, double emptyProbability) {
  PoissonTable table{};
  double term = emptyProbability, cumulative = emptyProbability;
  table.cumulative[0] = cumulative;
  table.exact = true;
  for (uint32_t k = 1; k < kPoissonTable; ++k) {
    term *= lambda / k;
    cumulative += term;
    table.cumulative[k] = cumulative;
    if (term == 0.0) table.exact = false;
  }
  return table;
}

// poissonCountFromUniform(u, lambda, emptyProbability), the same count: below the table's last entry it is the
// number of entries <= u (the loop stops at the first entry above u), counted without branches or divisions;
// beyond it (one draw in a million at the microcircuit's rates) the loop itself.
inline uint32_t poissonCountFromTable(double u, const PoissonTable& table, double lambda, double emptyProbability) {
  if (table.exact && u < table.cumulative[kPoissonTable - 1]) {
    uint32_t count = 0;
    for (uint32_t m = 0; m < kPoissonTable - 1; ++m) count += u >= table.cumulative[m] ? 1u : 0u;
    return count;
  }
  return poissonCountFromUniform(u, lambda, emptyProbability);
}

// The uniform of (cell, step) that a Poisson source inverts: word step % 4 of Philox block step / 4 of the cell's
// index, as uniformFromWord gives it. One block serves four steps (a 53-bit uniform would take two words, and
// the block would serve two); 32 bits resolve the counts' distribution to 2^-32, far below what any run can see.
TSNN_HD inline uint32_t poissonWord(const RandomStream& stream, uint32_t cell, uint64_t step) {
  return philoxDraw(stream.seed, stream.stream, cell, static_cast<uint32_t>(step >> 2)).v[step & 3];
}

TSNN_HD inline uint32_t poissonCount(const RandomStream& stream, uint32_t cell, uint64_t step, double lambda,
                                     double emptyProbability) {
  return poissonCountFromUniform(uniformFromWord(poissonWord(stream, cell, step)), lambda, emptyProbability);
}

// Renewal sources draw inter-spike intervals; ISI number n of a cell uses the uniforms n·256, n·256+1, ... of its
// index, enough for any rejection sampler to finish (a cell may emit 2^24 spikes before the numbers repeat).
constexpr uint32_t kDrawsPerInterval = 256;

// SpikeSourcePoissonRefractory: ISI = tau_refrac + Exp(mean 1000/rate - tau_refrac) (ms).
TSNN_HD inline double poissonRefractoryInterval(const RandomStream& stream, uint32_t cell, uint32_t n, double rate,
                                                double tauRefrac) {
  if (rate <= 0.0) return 1e300;
  DrawCursor cursor(stream, cell, n * kDrawsPerInterval);
  return tauRefrac - dmath::log(cursor.uniformPositive()) * (1000.0 / rate - tauRefrac);
}

// SpikeSourceGamma: ISI ~ Gamma(shape alpha, rate beta Hz), in ms (mean 1000·alpha/beta).
TSNN_HD inline double gammaInterval(const RandomStream& stream, uint32_t cell, uint32_t n, double alpha, double beta) {
  if (beta <= 0.0) return 1e300;
  DrawCursor cursor(stream, cell, n * kDrawsPerInterval);
  DistributionParams gamma;
  gamma.kind = DistributionKind::Gamma;
  gamma.p[0] = alpha;
  gamma.p[1] = 1000.0 / beta;
  return sampleDistribution(gamma, cursor);
}

// A population of renewal sources as their step reads it: parameters (those of the other kind null), the next
// spike time and the number of intervals drawn so far per cell (state), the population's stream.
struct RenewalCells {
  const double* start;
  const double* duration;
  const double* rate;       // SpikeSourcePoissonRefractory
  const double* tauRefrac;
  const double* alpha;      // SpikeSourceGamma
  const double* beta;
  double* nextSpikeTime;    // ms
  uint32_t* intervalCount;
  RandomStream stream;
  bool gamma;
};

TSNN_HD inline double renewalInterval(const RenewalCells& c, uint32_t cell, uint32_t n) {
  if (c.gamma) return gammaInterval(c.stream, cell, n, c.alpha[cell], c.beta[cell]);
  return poissonRefractoryInterval(c.stream, cell, n, c.rate[cell], c.tauRefrac[cell]);
}

// The events of renewal source `cell` in `step` (NEST's ppd_sup_generator and gamma_sup_generator): every spike
// time rounding to the step inside the window counts; the next spike time moves past the step.
TSNN_HD inline uint32_t renewalSpikes(const RenewalCells& c, uint32_t cell, uint64_t step, double dt) {
  const double end = c.start[cell] + c.duration[cell];
  const long long now = static_cast<long long>(step);
  uint32_t events = 0;
  while (c.nextSpikeTime[cell] <= end && ::llround(c.nextSpikeTime[cell] / dt) <= now) {
    if (::llround(c.nextSpikeTime[cell] / dt) == now && c.nextSpikeTime[cell] > c.start[cell]) ++events;
    c.nextSpikeTime[cell] += renewalInterval(c, cell, c.intervalCount[cell]++);
  }
  return events;
}

// SpikeSourceInhGamma (NEST's inh_gamma_generator), thinning in steps: a cell whose last spike (or the window
// start) was τ ago at the middle of the step fires with probability 1 - e^{-h(τ)·dt}, h the gamma hazard
// (gamma_hazard.h) of the bin holding that instant (a, θ = 1000·b ms); before the first bin the rate is zero. The
// uniform is keyed by (cell, step). The bins of cell i are [binStart[i], binStart[i + 1]) of binTime, a and b.
struct InhGammaCells {
  const double* start;
  const double* duration;
  const uint32_t* binStart;
  const double* binTime;  // ms, increasing per cell
  const double* a;
  const double* b;        // s
  double* ageOrigin;      // ms: the last spike
  RandomStream stream;
};

TSNN_HD inline bool inhGammaSpike(const InhGammaCells& c, uint32_t cell, uint64_t step, double dt) {
  const double t = static_cast<double>(step) * dt;
  const double middle = t - 0.5 * dt;
  if (!(t > c.start[cell] && t <= c.start[cell] + c.duration[cell])) return false;
  uint32_t k = c.binStart[cell + 1];
  while (k > c.binStart[cell] && c.binTime[k - 1] > middle) --k;
  if (k == c.binStart[cell]) return false;
  const double origin = c.ageOrigin[cell] > c.start[cell] ? c.ageOrigin[cell] : c.start[cell];
  const double hazard = gammaHazard(c.a[k - 1], 1000.0 * c.b[k - 1], middle - origin);
  if (c.stream.uniform(cell, static_cast<uint32_t>(step)) < -dmath::expm1(-hazard * dt)) {
    c.ageOrigin[cell] = t;
    return true;
  }
  return false;
}

}  // namespace tsnn
