// NEST's tsodyks_synapse for one synapse at a presynaptic spike that comes h ms after its row's previous one:
// (x, y, u) propagated exactly over h, then the release u·x, which scales the transmitted weight. One function for
// Plasticity::deliver and the CUDA engine's delivery kernel (TSNN_HD), so both give the same bits.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"  // TSNN_HD
#include "tsnn/math/deterministic_math.h"

namespace tsnn {

// One Tsodyks-Markram projection: parameters per synapse (or null, then the uniform value), state per synapse, the
// previous spike per row and the post cells' synaptic time constants.
struct TsodyksMarkramSynapses {
  const double* U;
  const double* tauRec;    // ms
  const double* tauFacil;  // ms; 0: no facilitation
  double uniformU, uniformTauRec, uniformTauFacil;
  double* u;
  double* x;
  double* y;
  int64_t* lastSpike;      // step of the row's previous spike (NEST starts at t = 0)
  const double* tauSyn;    // per post cell, ms
};

// Synapse s onto post cell j; returns the released fraction u·x.
TSNN_HD inline double tsodyksMarkramRelease(const TsodyksMarkramSynapses& c, uint64_t s, uint32_t j, double h) {
  const double tauPsc = c.tauSyn[j];
  const double tauRec = c.tauRec != nullptr ? c.tauRec[s] : c.uniformTauRec;
  const double tauFacil = c.tauFacil != nullptr ? c.tauFacil[s] : c.uniformTauFacil;
  const double U = c.U != nullptr ? c.U[s] : c.uniformU;
  const double Puu = tauFacil == 0.0 ? 0.0 : dmath::exp(-h / tauFacil);
  const double Pyy = dmath::exp(-h / tauPsc);
  const double Pzz = dmath::exp(-h / tauRec);
  const double Pxy = ((Pzz - 1.0) * tauRec - (Pyy - 1.0) * tauPsc) / (tauPsc - tauRec);
  const double Pxz = 1.0 - Pzz;
  const double z = 1.0 - c.x[s] - c.y[s];
  c.u[s] *= Puu;
  c.x[s] += Pxy * c.y[s] + Pxz * z;
  c.y[s] *= Pyy;
  c.u[s] += U * (1.0 - c.u[s]);
  const double released = c.u[s] * c.x[s];
  c.x[s] -= released;
  c.y[s] += released;
  return released;
}

}  // namespace tsnn
