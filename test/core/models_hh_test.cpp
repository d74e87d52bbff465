// HH_cond_exp (NEST hh_cond_exp_traub) against an independent fine-step reference written here: forward Euler
// at dt/1000 on (V, m, h, n, g) with the same spike rule (V >= v_offset + 30 and falling) on the 0.1 ms grid.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

struct Trace {
  std::vector<double> v, m;
  std::vector<uint64_t> spikes;
};

static double shape(double x, double k) { return std::fabs(x) < 1e-12 ? k : x / (std::exp(x / k) - 1.0); }

// pynn-api.md §2.4 defaults; initial v -65, m 0, h 1, n 0.
static Trace reference(double iOffset, uint64_t inputStep, double wE, uint64_t steps) {
  const double gNa = 20, gK = 6, gL = 0.01, cm = 0.2, vOffset = -63, eNa = 50, eK = -90, eL = -65, eE = 0, eI = -80;
  const double tauE = 0.2, tauI = 2.0;
  const int sub = 1000;
  const double dt = kDt / sub;
  double v = -65, m = 0, h = 1, n = 0, gE = 0, gI = 0;
  long refractory = 0;
  Trace t;
  t.v.push_back(v);
  t.m.push_back(m);
  for (uint64_t s = 1; s <= steps; ++s) {
    const double vStart = v;
    for (int k = 0; k < sub; ++k) {
      const double u = v - vOffset;
      const double an = 0.032 * shape(15 - u, 5), bn = 0.5 * std::exp((10 - u) / 40);
      const double am = 0.32 * shape(13 - u, 4), bm = 0.28 * shape(u - 40, 5);
      const double ah = 0.128 * std::exp((17 - u) / 18), bh = 4 / (1 + std::exp((40 - u) / 5));
      const double dv = (-gNa * m * m * m * h * (v - eNa) - gK * n * n * n * n * (v - eK) - gL * (v - eL) -
                         gE * (v - eE) - gI * (v - eI) + iOffset) / cm;
      const double dm = am - (am + bm) * m, dh = ah - (ah + bh) * h, dn = an - (an + bn) * n;
      v += dt * dv;
      m += dt * dm;
      h += dt * dh;
      n += dt * dn;
      gE -= dt * gE / tauE;
      gI -= dt * gI / tauI;
    }
    if (refractory > 0) {
      --refractory;
    } else if (v >= vOffset + 30 && vStart > v) {
      t.spikes.push_back(s);
      refractory = 20;
    }
    if (s == inputStep) gE += wE;
    t.v.push_back(v);
    t.m.push_back(m);
  }
  return t;
}

static Trace engine(double iOffset, uint64_t inputStep, double wE, uint64_t steps) {
  NeuronPopulation pop("HH_cond_exp", 1, kDt, RandomStream{1, 1}, "p");
  pop.setParameter("i_offset", {0}, {iOffset});
  Trace t;
  t.v.push_back(pop.get("v", 0));
  t.m.push_back(pop.get("m", 0));
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    const int64_t e = s == inputStep ? toFixed(wE) : 0, none = 0;
    spikes.clear();
    pop.update(s, &e, &none, nullptr, spikes);
    if (!spikes.empty()) t.spikes.push_back(s);
    t.v.push_back(pop.get("v", 0));
    t.m.push_back(pop.get("m", 0));
  }
  return t;
}

TEST(hh_subthreshold_psp_matches_fine_reference) {
  const Trace ref = reference(0.0, 100, 0.005, 1500);
  const Trace ours = engine(0.0, 100, 0.005, 1500);
  CHECK(ref.spikes.empty() && ours.spikes.empty());
  double worst = 0, worstM = 0;
  for (size_t k = 0; k < ref.v.size(); ++k) {
    worst = std::fmax(worst, std::fabs(ref.v[k] - ours.v[k]));
    worstM = std::fmax(worstM, std::fabs(ref.m[k] - ours.m[k]));
  }
  std::printf("  HH_cond_exp subthreshold: max |V - ref| = %.3g mV, max |m - ref| = %.3g\n", worst, worstM);
  CHECK(worst < 5e-3);
  CHECK(worstM < 1e-4);
}

TEST(hh_spike_train_matches_fine_reference) {
  const Trace ref = reference(0.5, 0, 0.0, 2000);
  const Trace ours = engine(0.5, 0, 0.0, 2000);
  std::printf("  HH_cond_exp under 0.5 nA: %zu spikes (reference %zu)\n", ours.spikes.size(), ref.spikes.size());
  CHECK(ref.spikes.size() >= 5);
  CHECK(ours.spikes.size() == ref.spikes.size());
  for (size_t k = 0; k < ref.spikes.size() && k < ours.spikes.size(); ++k)
    CHECK(std::fabs(double(ours.spikes[k]) - double(ref.spikes[k])) <= 1.0);
  // The spike is reported at the peak: V above v_offset + 30 mV = -33 mV.
  for (uint64_t s : ours.spikes) CHECK(ours.v[s] > -33.0);
}

// A stiff cell: 100 µS of excitation against 0.2 nF is a time constant of 2 µs at first, beyond the stability of
// an explicit RK4 step of 0.01 ms (500/ms × 0.01 ms = 5 > 2.8). The adaptive step shortens until it holds (also
// where a step too long overflows to an error estimate that is not a number); the truth is
// the forward-Euler reference at dt/1000 (stable there: 500/ms × 1e-4 ms = 0.05), whose own first-order error is
// most of the difference (0.027 mV; 0.0027 at dt/10000).
TEST(hh_stiff_input_follows_fine_reference) {
  const Trace ref = reference(0.0, 50, 100.0, 400);
  const Trace ours = engine(0.0, 50, 100.0, 400);
  double worst = 0;
  for (size_t k = 0; k < ref.v.size(); ++k) worst = std::fmax(worst, std::fabs(ref.v[k] - ours.v[k]));
  std::printf("  HH_cond_exp under 100 uS: max |V - ref| = %.3g mV, %zu spikes (reference %zu), peak %.2f mV\n", worst,
              ours.spikes.size(), ref.spikes.size(), *std::max_element(ours.v.begin(), ours.v.end()));
  CHECK(std::all_of(ours.v.begin(), ours.v.end(), [](double v) { return std::isfinite(v); }));
  CHECK(worst < 0.05);
  CHECK(ours.spikes == ref.spikes);
}

// hhRates takes five of its exponentials from one; each rate must stay as close to its own formula (std::exp and
// std::expm1, the platform's libm) as two roundings of the exponential's argument allow: an argument a rounded
// by half an ulp moves e^a by |a|·2^-53 relative, whichever formula rounds it. Checked over the whole range a
// cell reaches and across the removable singularities at u = 13, 15 and 40 mV, where the shared exponential would
// cancel.
TEST(hh_rates_match_their_own_formulas) {
  const auto own = [](double x, double k) { return x == 0.0 ? k : x / std::expm1(x / k); };
  double worst = 0;
  std::vector<double> us;
  for (int k = -4000; k <= 4000; ++k) us.push_back(k * 0.0625 + 0.013);
  for (double centre : {13.0, 15.0, 40.0}) {
    for (double d : {0.0, 1e-14, -1e-14, 1e-9, -1e-9, 1e-4, -1e-4, 1.999, 2.0, 2.001, 2.5, -2.5, 2.5000001})
      us.push_back(centre + d);
  }
  for (double u : {-3000.0, -2990.0, 3040.0, 3100.0}) us.push_back(u);  // where e^{(40-u)/5} is not finite
  bool allClose = true;
  for (double u : us) {
    const HhRates r = hhRates(u);
    // The largest argument any of the six takes, (13 - u)/4 at 5/4 of (40 - u)/5, bounds the rounding's effect.
    const double bound = 0x1p-52 * (8.0 + 2.0 * std::fabs(1.25 * (40.0 - u) / 5.0));
    const double got[6] = {r.alphaM, r.betaM, r.alphaH, r.betaH, r.alphaN, r.betaN};
    const double want[6] = {0.32 * own(13.0 - u, 4.0),          0.28 * own(u - 40.0, 5.0),
                            0.128 * std::exp((17.0 - u) / 18.0), 4.0 / (1.0 + std::exp((40.0 - u) / 5.0)),
                            0.032 * own(15.0 - u, 5.0),          0.5 * std::exp((10.0 - u) / 40.0)};
    for (int k = 0; k < 6; ++k) {
      const double relative = want[k] == 0.0 ? std::fabs(got[k]) : std::fabs(got[k] - want[k]) / std::fabs(want[k]);
      worst = std::fmax(worst, relative / bound);
      if (!(relative <= bound)) {
        if (allClose) std::printf("  rate %d at u = %.17g: %.17g, its formula %.17g\n", k, u, got[k], want[k]);
        allClose = false;
      }
    }
  }
  std::printf("  HH rates: at most %.3g of the rounding bound from their own formulas, %zu values of u\n", worst,
              us.size());
  CHECK(allClose);
}

// The later RKF45 stages take their rates from the first stage's exponentials (hhExponentialsNear): at u within
// kHhNearMv of a reference, each rate must stay as close to its own formula as hhRates' own (the bound above, plus
// expNear's 2 ulp and the product's rounding, times the up to 3 roundings a rate adds after its exponential), and
// beyond kHhNearMv the rates are hhRates' own, bit for bit.
TEST(hh_rates_near_a_reference_match_their_own_formulas) {
  const auto own = [](double x, double k) { return x == 0.0 ? k : x / std::expm1(x / k); };
  double worst = 0;
  long near = 0, far = 0, sameFar = 0;
  for (int k = -400; k <= 400; ++k) {
    const double reference = k * 0.37 + 0.011;
    const HhExponentials from = hhExponentials(reference);
    for (double d : {0.0, 1e-9, -1e-9, 0.01, -0.3, 0.7, -1.3, 2.0, -2.4999, 2.5, -2.5, 2.5000001, -3.0, 7.0}) {
      const double u = reference + d;
      const HhRates r = hhRatesFrom(hhExponentialsNear(from, u));
      const double got[6] = {r.alphaM, r.betaM, r.alphaH, r.betaH, r.alphaN, r.betaN};
      if (!(std::fabs(d) <= kHhNearMv)) {
        const HhRates own = hhRates(u);
        const double want[6] = {own.alphaM, own.betaM, own.alphaH, own.betaH, own.alphaN, own.betaN};
        ++far;
        sameFar += std::memcmp(got, want, sizeof got) == 0;
        continue;
      }
      ++near;
      const double bound = 0x1p-52 * (8.0 + 2.0 * std::fabs(1.25 * (40.0 - reference) / 5.0)) + 8 * 0x1p-52;
      const double want[6] = {0.32 * own(13.0 - u, 4.0),          0.28 * own(u - 40.0, 5.0),
                              0.128 * std::exp((17.0 - u) / 18.0), 4.0 / (1.0 + std::exp((40.0 - u) / 5.0)),
                              0.032 * own(15.0 - u, 5.0),          0.5 * std::exp((10.0 - u) / 40.0)};
      for (int j = 0; j < 6; ++j) {
        const double relative = std::fabs(got[j] - want[j]) / std::fabs(want[j]);
        worst = std::fmax(worst, relative / bound);
      }
    }
  }
  std::printf("  HH rates near a reference: at most %.3g of the bound, %ld values; %ld of %ld beyond %g mV hhRates' own\n",
              worst, near, sameFar, far, kHhNearMv);
  CHECK(worst <= 1.0);
  CHECK(near > 8000);
  CHECK(sameFar == far);
}

