// One forward-Euler step of NEST's izhikevich (consistent_integration = true) for one cell:
//   v += h·(0.04v² + 5v + 140 - u + I) + (synaptic jumps, mV);  u += h·a·(b·v_old - u_old)
//   v >= 30 mV: v = c, u += d.   I in pA-equivalent: PyNN's nA × 1000 with C = 1 (pynn-api.md §2.6).
// `injected` is the current-source value of the previous step (NEST's current lag), i_offset acts at once.
#pragma once

#include <cstdint>

#include "tsnn/fixed_point.h"

namespace tsnn {

constexpr double kIzhikevichThreshold = 30.0;  // mV, NEST's V_th

struct IzhikevichCells {
  double* v;
  double* u;
  const double* a;
  const double* b;
  const double* c;
  const double* d;
  const double* iOffset;
};

TSNN_HD inline bool izhikevichStep(const IzhikevichCells& s, uint32_t i, double h, double jump, double injected) {
  const double vOld = s.v[i], uOld = s.u[i];
  const double current = (s.iOffset[i] + injected) * 1000.0;
  double v = vOld + h * (0.04 * vOld * vOld + 5.0 * vOld + 140.0 - uOld + current) + jump;
  double u = uOld + h * s.a[i] * (s.b[i] * vOld - uOld);
  const bool spike = v >= kIzhikevichThreshold;
  if (spike) {
    v = s.c[i];
    u = u + s.d[i];
  }
  s.v[i] = v;
  s.u[i] = u;
  return spike;
}

}  // namespace tsnn
