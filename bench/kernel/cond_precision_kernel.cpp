// What IF_cond_exp's pair loop would cost with its state in single precision: a question for the engine, not a
// path it has. The RK4 step of condRk4VoltageX2 (lif_uniform_simd.h) operation for operation, written once with
// vector extensions and run on 128-bit vectors of two doubles (the engine's loop) and of four floats (V held as
// V - v_rest, so that a cell relaxing to rest does not stall an ulp of 60 mV away: bench/cond_scheme_accuracy.py).
// 4000 cells with the COBA constants, `events` events added to the conductances before each step (kernel_harness.h
// `direct`); a cell over threshold is reset, without refractoriness (so it fires faster than COBA's cells). Prints
// the best of five runs of each, in ns per cell and step. Built natively and by emscripten by bench/kernel.mjs.
//   kernel [steps=10000] [events=435] [cells=4000]
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "kernel_harness.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#else
#include <emmintrin.h>
#endif

namespace {

typedef double Doubles __attribute__((vector_size(16)));
typedef float Floats __attribute__((vector_size(16)));

// The Vogels-Abbott COBA constants (bench/vogels_abbott.ts).
struct CobaConstants {
  double h, cm, tauM, tauExc, tauInh, vRest, vThresh, vReset, eRevExc, eRevInh;
};
constexpr CobaConstants coba{0.1, 0.2, 20, 5, 10, -60, -50, -60, 0, -80};

// Whether any lane of a comparison's result is set.
template <typename Mask>
bool anyLane(Mask mask) {
#if defined(__wasm_simd128__)
  return wasm_v128_any_true(reinterpret_cast<v128_t>(mask));
#else
  return _mm_movemask_epi8(reinterpret_cast<__m128i>(mask)) != 0;
#endif
}

template <typename Real>
struct Cells {
  std::vector<Real> v, gExc, gInh;  // v relative to `origin`
  Real origin;
};

// The loop's constants as it reads them, for V - origin.
struct StepConstants {
  double gLeak, decayExc, decayInh, halfExc, halfInh, sixth, half, whole, sixthExc, sixthInh, rest, threshold, reset;
  explicit StepConstants(double origin) {
    const double invCm = 1 / coba.cm, h = coba.h;
    gLeak = coba.cm / coba.tauM;
    decayExc = std::exp(-h / coba.tauExc);
    decayInh = std::exp(-h / coba.tauInh);
    halfExc = std::exp(-h / 2 / coba.tauExc);
    halfInh = std::exp(-h / 2 / coba.tauInh);
    sixth = (h / 6) * invCm;
    half = (0.5 * h) * invCm;
    whole = h * invCm;
    sixthExc = sixth * (coba.eRevExc - origin);
    sixthInh = sixth * (coba.eRevInh - origin);
    rest = sixth * (gLeak * (coba.vRest - origin));
    threshold = coba.vThresh - origin;
    reset = coba.vReset - origin;
  }
};

// One step of n cells, lanes at a time: condRk4VoltageX2's operations in its order, on V - origin.
template <typename Real, typename Vec>
__attribute__((noinline)) uint32_t step(uint32_t n, const StepConstants& k, Cells<Real>& c, uint32_t* spikes) {
  constexpr uint32_t kLanes = sizeof(Vec) / sizeof(Real);
  const auto splat = [](double x) { return Vec{} + static_cast<Real>(x); };
  const Vec gLeak = splat(k.gLeak), decayExc = splat(k.decayExc), decayInh = splat(k.decayInh);
  const Vec halfExc = splat(k.halfExc), halfInh = splat(k.halfInh);
  const Vec sixth = splat(k.sixth), half = splat(k.half), whole = splat(k.whole);
  const Vec sixthExc = splat(k.sixthExc), sixthInh = splat(k.sixthInh), rest = splat(k.rest);
  const Real threshold = static_cast<Real>(k.threshold), reset = static_cast<Real>(k.reset);
  Real* v = c.v.data();
  Real* gExc = c.gExc.data();
  Real* gInh = c.gInh.data();
  uint32_t count = 0;
  for (uint32_t i = 0; i + kLanes <= n; i += kLanes) {
    Vec gE0, gI0, vOld;
    std::memcpy(&gE0, gExc + i, sizeof(Vec));
    std::memcpy(&gI0, gInh + i, sizeof(Vec));
    std::memcpy(&vOld, v + i, sizeof(Vec));
    const Vec gE1 = gE0 * decayExc, gI1 = gI0 * decayInh, gEh = gE0 * halfExc, gIh = gI0 * halfInh;
    const Vec sv = sixth * vOld;
    const Vec x = sixthExc - sv, y = sixthInh - sv, l = rest - gLeak * sv;
    const Vec f0 = (l + gE0 * x) + gI0 * y, fh = (l + gEh * x) + gIh * y, f1 = (l + gE1 * x) + gI1 * y;
    const Vec midGain = half * ((gLeak + gEh) + gIh), endGain = whole * ((gLeak + gE1) + gI1);
    const Vec k2 = fh - midGain * f0, k3 = fh - midGain * k2, k4 = f1 - endGain * k3, middle = k2 + k3;
    const Vec vFree = vOld + ((f0 + k4) + (middle + middle));
    std::memcpy(v + i, &vFree, sizeof(Vec));
    if (anyLane(vFree >= splat(threshold))) {
      for (uint32_t j = i; j < i + kLanes; ++j) {
        if (v[j] >= threshold) {
          v[j] = reset;
          spikes[count++] = j;
        }
      }
    }
    std::memcpy(gExc + i, &gE1, sizeof(Vec));
    std::memcpy(gInh + i, &gI1, sizeof(Vec));
  }
  return count;
}

template <typename Real, typename Vec>
void timeSteps(const char* name, const kernel::Options& options, double origin) {
  const uint32_t n = options.cells;
  const StepConstants k(origin);
  // Called through a pointer: emscripten's link-time optimiser (binaryen) inlines a function called once, noinline
  // or not, and main's loop then ran on V8's baseline code (a function switches to optimised code at a call).
  uint32_t (*volatile stepCells)(uint32_t, const StepConstants&, Cells<Real>&, uint32_t*) = step<Real, Vec>;
  void (*volatile addEventsTo)(int, uint32_t, Real*, Real*, double, double) = kernel::addEventsDirect<Real>;
  std::vector<uint32_t> spikes(n);
  double best = 1e300;
  uint64_t spikeCount = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    kernel::randomState() = 12345;  // both precisions see the same events
    Cells<Real> c{std::vector<Real>(n), std::vector<Real>(n, 0), std::vector<Real>(n, 0), static_cast<Real>(origin)};
    for (Real& x : c.v) x = static_cast<Real>(kernel::uniformVoltage(-60, 10) - origin);
    spikeCount = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int s = 0; s < options.steps; ++s) {
      addEventsTo(options.events, n, c.gExc.data(), c.gInh.data(), 0.004, 0.051);  // 4 and 51 nS, in uS
      spikeCount += stepCells(n, k, c, spikes.data());
    }
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, ns / options.steps / n);
  }
  std::printf("%s: %.3f ns per cell and step (%.2f Hz)  ", name, best,
              static_cast<double>(spikeCount) / n / (options.steps * coba.h * 1e-3));
}

}  // namespace

int main(int argc, char** argv) {
  const kernel::Options options(argc, argv, 435);
  timeSteps<double, Doubles>("double x2", options, 0.0);
  timeSteps<float, Floats>("float x4", options, coba.vRest);
  std::printf("(%u cells, %d events per step)\n", options.cells, options.events);
  return 0;
}
