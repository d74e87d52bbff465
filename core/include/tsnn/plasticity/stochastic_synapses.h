// The stochastic synapse types' transmission of one synapse at a presynaptic spike (docs/plasticity.md):
// SimpleStochasticSynapse (release with probability p), StochasticTsodyksMarkramSynapse (NEURON's
// stochastic_tsodyksmarkram.mod: one release site) and MultiQuantalSynapse (NEST's quantal_stp_synapse: n sites).
// The draws of a projection at a step come from one stream, synapse s's from its index s, so the same spikes give
// the same releases on every backend. One function for Plasticity::deliver and the CUDA engine's delivery kernel.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"  // TSNN_HD
#include "tsnn/math/deterministic_math.h"
#include "tsnn/random/random_stream.h"

namespace tsnn {

// The random stream of projection `projection`'s transmission draws at `step`: uniform (s, k) is the k-th draw
// of synapse s (canonical index) at that step. High word 0x40000000 | projection: apart from the frontend's
// streams (high word 0) and the spike sources' (bit 63).
TSNN_HD inline uint64_t synapticTransmissionStream(uint32_t projection, uint64_t step) {
  return (static_cast<uint64_t>(0x40000000u | projection) << 32) | (step & 0xffffffffu);
}

enum StochasticKind : uint32_t { kSimpleStochastic = 0, kStochasticTsodyksMarkram = 1, kMultiQuantal = 2 };

// One stochastic projection: parameters per synapse (or null, then the uniform value), state per synapse, the
// previous spike per row.
struct StochasticSynapses {
  uint32_t kind;
  uint32_t projection;
  uint64_t seed;
  const double* p;
  const double* U;
  const double* tauRec;
  const double* tauFacil;
  const double* n;
  double uniformP, uniformU, uniformTauRec, uniformTauFacil, uniformN;
  double* u;
  double* lastSurvival;  // StochasticTsodyksMarkram: time of the last failed recovery or release, ms
  int32_t* available;    // StochasticTsodyksMarkram: the site ready (1) or not (0)
  int64_t* lastSpike;    // per row: step of the previous spike (MultiQuantal: -1 before the first)
  double* sites;         // MultiQuantal: sites ready, 0..n (whole numbers; NEST's a)
};

TSNN_HD inline double stochasticValue(const double* perSynapse, double uniform, uint64_t s) {
  return perSynapse != nullptr ? perSynapse[s] : uniform;
}

// Synapse s at a spike at step `now` whose row's previous spike was at `last`; returns the released weight
// multiple (0: nothing transmitted).
TSNN_HD inline double stochasticRelease(const StochasticSynapses& c, uint64_t s, int64_t now, int64_t last, double dt) {
  const RandomStream stream{c.seed, synapticTransmissionStream(c.projection, static_cast<uint64_t>(now))};
  DrawCursor draws(stream, static_cast<uint32_t>(s));
  if (c.kind == kSimpleStochastic) return draws.uniform() < stochasticValue(c.p, c.uniformP, s) ? 1.0 : 0.0;
  const double tauFacil = stochasticValue(c.tauFacil, c.uniformTauFacil, s), U = stochasticValue(c.U, c.uniformU, s);
  const double tauRec = stochasticValue(c.tauRec, c.uniformTauRec, s);
  if (c.kind == kStochasticTsodyksMarkram) {
    // u facilitates, an empty site recovers with rate 1/tau_rec, a ready site releases with probability u.
    const double t = static_cast<double>(now) * dt, h = static_cast<double>(now - last) * dt;
    if (tauFacil > 0.0) {
      c.u[s] *= dmath::exp(-h / tauFacil);
      c.u[s] += U * (1.0 - c.u[s]);
    } else {
      c.u[s] = U;
    }
    if (c.available[s] == 0) {
      const double survival = dmath::exp(-(t - c.lastSurvival[s]) / tauRec);
      if (draws.uniform() > survival) c.available[s] = 1;
      else c.lastSurvival[s] = t;
    }
    if (c.available[s] == 1 && draws.uniform() < c.u[s]) {
      c.available[s] = 0;
      c.lastSurvival[s] = t;
      return 1.0;
    }
    return 0.0;
  }
  // u facilitates, each empty site recovers with probability 1 - e^{-h/tau_rec}, each ready site releases with
  // probability u; the weight is per released site. The first spike releases from the state as it starts (u and a:
  // U and n unless initialize() set them), as NEST's quantal_stp_synapse.
  int32_t available = static_cast<int32_t>(c.sites[s]);
  if (last >= 0) {
    const double h = static_cast<double>(now - last) * dt;
    const double recovery = 1.0 - dmath::exp(-h / tauRec);
    const double uDecay = tauFacil < 1e-10 ? 0.0 : dmath::exp(-h / tauFacil);
    c.u[s] = U + c.u[s] * (1.0 - U) * uDecay;
    const int32_t sites = static_cast<int32_t>(stochasticValue(c.n, c.uniformN, s));
    for (int32_t depleted = sites - available; depleted > 0; --depleted) {
      if (draws.uniform() < recovery) ++available;
    }
  }
  int32_t release = 0;
  for (int32_t site = available; site > 0; --site) {
    if (draws.uniform() < c.u[s]) ++release;
  }
  c.sites[s] = static_cast<double>(available - release);
  return release;
}

}  // namespace tsnn
