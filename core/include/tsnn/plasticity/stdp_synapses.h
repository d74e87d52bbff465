// Pair-based STDP's weight changes for one synapse (NEST's stdp_synapse and vogels_sprekeler_synapse, with the
// weight dependences of PyNN). One set of functions for Plasticity and the CUDA engine's delivery kernel (TSNN_HD),
// so both give the same bits; where the post spikes are kept (a list per cell on the host, a ring per cell on the
// device) stays with each.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"  // TSNN_HD
#include "tsnn/math/deterministic_math.h"

namespace tsnn {

enum StdpDependence : uint32_t {
  kStdpAdditive = 0,
  kStdpMultiplicative = 1,
  kStdpAdditivePotentiationMultiplicativeDepression = 2,
  kStdpGutig = 3,
};

// One STDP projection: parameters per synapse (or null, then the uniform value), the trace decay tables, the
// evolving weights and the per-row presynaptic state.
struct StdpSynapses {
  uint32_t dependence;
  uint32_t vogels;  // Vogels2011Rule: tauPlus = tauMinus = tau
  double tauPlus, tauMinus, dt;
  const double* aPlus;
  const double* aMinus;
  const double* eta;
  const double* rho;
  const double* wMin;
  const double* wMax;
  const double* muPlus;
  const double* muMinus;
  double uniformAPlus, uniformAMinus, uniformEta, uniformRho, uniformWMin, uniformWMax, uniformMuPlus, uniformMuMinus;
  // exp(-k·dt/tau) for k < decaySteps (Plasticity::fillDecayTables).
  const double* decayPlus;
  const double* decayMinus;
  uint32_t decaySteps;
  double* plasticWeight;  // per synapse, the weight in double precision (what is transmitted)
  float* weight;          // per synapse, the store's float copy (GetConnections)
  double* preTrace;       // per row, just after its last spike
  int64_t* lastPre;       // per row, step of its last spike (-1: none)
  int64_t* settled;       // per row, potentiation settled up to this step
};

TSNN_HD inline double stdpParameter(const double* perSynapse, double uniform, uint64_t s) {
  return perSynapse != nullptr ? perSynapse[s] : uniform;
}

// exp(-k·dt/tau), from `table` for 0 <= k < size, else computed.
TSNN_HD inline double stdpDecay(const double* table, uint32_t size, int64_t k, double dt, double tau) {
  if (k >= 0 && k < static_cast<int64_t>(size)) return table[k];
  return dmath::exp(-static_cast<double>(k) * dt / tau);
}

TSNN_HD inline double stdpDecayPlus(const StdpSynapses& c, int64_t k) {
  return stdpDecay(c.decayPlus, c.decaySteps, k, c.dt, c.tauPlus);
}

TSNN_HD inline double stdpDecayMinus(const StdpSynapses& c, int64_t k) {
  return stdpDecay(c.decayMinus, c.decaySteps, k, c.dt, c.tauMinus);
}

// NEST's convention for negative weights (inhibitory synapses onto current-based cells): a negative w_max ("Wmax
// and the weight must have the same sign") makes the rules act on |w| within [|w_min|, |w_max|], so that
// potentiation strengthens inhibition. The weight, its bounds and the result are mirrored by the sign of w_max;
// for w_max >= 0 the sign is 1.0 and every operation is the unmirrored one, bit for bit.
TSNN_HD inline double stdpWeightSign(const StdpSynapses& c, uint64_t s) {
  return stdpParameter(c.wMax, c.uniformWMax, s) < 0.0 ? -1.0 : 1.0;
}

// A post spike paired with the presynaptic trace `trace`: the weight after potentiation, at most w_max (in
// magnitude, for negative weights).
TSNN_HD inline double stdpPotentiate(const StdpSynapses& c, uint64_t s, double signedW, double trace) {
  const double sign = stdpWeightSign(c, s);
  const double w = sign * signedW;
  const double wMax = sign * stdpParameter(c.wMax, c.uniformWMax, s);
  double dw;
  if (c.vogels) {
    dw = stdpParameter(c.eta, c.uniformEta, s) * trace;
  } else {
    const double a = stdpParameter(c.aPlus, c.uniformAPlus, s) * trace;
    switch (c.dependence) {
      case kStdpMultiplicative: dw = (wMax - w) * a; break;
      case kStdpGutig: {
        const double room = 1.0 - w / wMax;
        dw = wMax * dmath::pow(room > 0.0 ? room : 0.0, stdpParameter(c.muPlus, c.uniformMuPlus, s)) * a;
        break;
      }
      default: dw = wMax * a; break;
    }
  }
  const double potentiated = w + dw;
  return sign * (wMax < potentiated ? wMax : potentiated);  // std::min's choice, NaN included
}

// A presynaptic spike paired with the post trace `trace`: the weight after depression, at least w_min (in
// magnitude, for negative weights).
TSNN_HD inline double stdpDepress(const StdpSynapses& c, uint64_t s, double signedW, double trace) {
  const double sign = stdpWeightSign(c, s);
  const double w = sign * signedW;
  const double wMin = sign * stdpParameter(c.wMin, c.uniformWMin, s);
  const double wMax = sign * stdpParameter(c.wMax, c.uniformWMax, s);
  const double a = stdpParameter(c.aMinus, c.uniformAMinus, s) * trace;
  double dw;
  switch (c.dependence) {
    case kStdpAdditive: dw = wMax * a; break;
    case kStdpGutig: {
      const double ratio = w / wMax;
      dw = wMax * dmath::pow(ratio > 0.0 ? ratio : 0.0, stdpParameter(c.muMinus, c.uniformMuMinus, s)) * a;
      break;
    }
    default: dw = (w - wMin) * a; break;
  }
  const double depressed = w - dw;
  return sign * (depressed < wMin ? wMin : depressed);  // std::max's choice
}

// A presynaptic spike at synapse s, after the potentiation it owed: the weight it transmits, given the post trace
// just before the spike reached the synapse. Vogels-Sprekeler: the post trace potentiates and every spike
// depresses by alpha·eta (alpha = 2·rho·tau, tau in s); pair rule: the post trace depresses.
TSNN_HD inline double stdpPreSpikeWeight(const StdpSynapses& c, uint64_t s, double w, double postTrace) {
  if (!c.vogels) return stdpDepress(c, s, w, postTrace);
  const double sign = stdpWeightSign(c, s);
  w = sign * stdpPotentiate(c, s, w, postTrace);
  const double alpha = 2.0 * stdpParameter(c.rho, c.uniformRho, s) * c.tauPlus * 1e-3;
  const double depressed = w - alpha * stdpParameter(c.eta, c.uniformEta, s);
  const double wMin = sign * stdpParameter(c.wMin, c.uniformWMin, s);
  return sign * (depressed < wMin ? wMin : depressed);
}

// The row's presynaptic trace just after a spike at `now` (the previous one at `last`, -1: none).
TSNN_HD inline double stdpTraceAfterSpike(const StdpSynapses& c, uint32_t row, int64_t now) {
  const int64_t last = c.lastPre[row];
  return (last >= 0 ? c.preTrace[row] * stdpDecayPlus(c, now - last) : 0.0) + 1.0;
}

}  // namespace tsnn
