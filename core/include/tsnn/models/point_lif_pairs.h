// PointNeuron(LIF) two cells at a time, as cell_pairs.h steps the standard LIF cells: each receptor advanced and
// summed on two lanes in receptor order (the receptor kinds are the population's, so each lane takes the same
// branch), then condRk4Voltage's RK4 step, operation for operation pointLifStep's, so the same doubles. A pair ends as
// the conductance cells' do (condSettlePair: quiet pairs in vector form, others by condThresholdAndReset); the
// arriving input is added on two lanes. models_point_neuron_test compares pairs and single cells bit for bit.
#pragma once

#include <cstdint>

#include "tsnn/models/cell_pairs.h"
#include "tsnn/models/lif_uniform_simd.h"
#include "tsnn/models/point_neuron_update.h"

#if defined(TSNN_SIMD_PAIR)
namespace tsnn::simd {

// pointLifStep for cells i and i + 1 (injected: their current-source currents). Returns the spike bits (bit k:
// cell i + k).
inline uint32_t pointLifStepPair(const PointCells& c, uint32_t i, double h, const int64_t* const* rows, F injected) {
  const F v = load(c.v + i), gLeak = load(c.gLeak + i), invCm = load(c.invCm + i);
  const F sixth = mul(splat(h / 6.0), invCm), sv = mul(sixth, v);
  const F l = sub(mul(sixth, add(mul(gLeak, load(c.vRest + i)), add(load(c.iOffset + i), injected))), mul(gLeak, sv));
  F a0 = l, ah = l, a1 = l, gh = gLeak, g1 = gLeak;  // pointLifStep's sums; its g0 goes unused
  for (uint32_t k = 0; k < c.receptorCount; ++k) {  // pointReceptorAdvance and addReceptor
    const PointReceptorCells& R = c.receptors[k];
    const F x0 = load(R.x + i);
    F xh, x1;
    if (R.y != nullptr) {
      const F y0 = load(R.y + i);
      xh = add(mul(x0, load(R.pHalf + i)), mul(y0, load(R.qHalf + i)));
      x1 = add(mul(x0, load(R.p + i)), mul(y0, load(R.q + i)));
      store(R.y + i, mul(y0, load(R.r + i)));
    } else {
      xh = mul(x0, load(R.pHalf + i));
      x1 = mul(x0, load(R.p + i));
    }
    store(R.x + i, x1);
    if (R.eSyn != nullptr) {
      const F toReversal = sub(mul(sixth, load(R.eSyn + i)), sv);
      a0 = add(a0, mul(x0, toReversal));
      ah = add(ah, mul(xh, toReversal));
      a1 = add(a1, mul(x1, toReversal));
      gh = add(gh, xh);
      g1 = add(g1, x1);
    } else {
      a0 = add(a0, mul(sixth, x0));
      ah = add(ah, mul(sixth, xh));
      a1 = add(a1, mul(sixth, x1));
    }
  }
  const F vFree = rk4FromScaledSlopesX2(v, a0, ah, a1, mul(mul(splat(0.5 * h), invCm), gh),
                                        mul(mul(splat(h), invCm), g1));
  const uint32_t spiked = condSettlePair(c, i, vFree);
  for (uint32_t k = 0; k < c.receptorCount; ++k) {  // pointReceptorInput
    if (rows[k] == nullptr) continue;
    const PointReceptorCells& R = c.receptors[k];
    const F w = fixedFromBits(loadBits(rows[k] + i));
    if (R.y != nullptr) {
      store(R.y + i, add(load(R.y + i), mul(load(R.inputScale + i), w)));
    } else {
      store(R.x + i, add(load(R.x + i), w));
    }
  }
  return spiked;
}

}  // namespace tsnn::simd
#endif  // TSNN_SIMD_PAIR
