// AdEx (EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista) against an independent fine-step reference written here:
// forward Euler at dt/1000 on (V, w, g) with NEST's spike and refractory rules on the 0.1 ms grid.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

struct Trace {
  std::vector<double> v, w;
  std::vector<uint64_t> spikes;
};

// PyNN defaults (pynn-api.md §2.5) with i_offset and tau_refrac given.
static Trace reference(bool alpha, double iOffset, double tauRefrac, uint64_t inputStep, double wE, uint64_t steps) {
  const double cm = 0.281, tauM = 9.3667, vRest = -70.6, vReset = -70.6, vSpike = -40.0, vT = -50.4, dT = 2.0;
  const double a = 4.0e-3, b = 0.0805, tauW = 144.0, eE = 0.0, eI = -80.0, tauE = 5.0, tauI = 5.0;
  const double gL = cm / tauM;
  const int sub = 1000;
  const double h = kDt / sub;
  const long refractorySteps = std::lround(tauRefrac / kDt);
  double v = -70.6, w = 0, gE = 0, gI = 0, dE = 0;
  uint64_t holdUntilStep = 0;  // V held at v_reset through the end of this step
  Trace t;
  t.v.push_back(v);
  t.w.push_back(w);
  for (uint64_t s = 1; s <= steps; ++s) {
    bool spiked = false;
    for (int k = 0; k < sub; ++k) {
      const double vc = std::fmin(v, vSpike);
      const double dv = (gL * (vRest - v) + gL * dT * std::exp((vc - vT) / dT) + gE * (eE - v) + gI * (eI - v) - w + iOffset) / cm;
      const double dw = (a * (v - vRest) - w) / tauW;
      if (s <= holdUntilStep) {
        w += h * dw;
        v = vReset;
      } else {
        v += h * dv;
        w += h * dw;
        if (v >= vSpike && !spiked) {
          v = vReset;
          w += b;
          spiked = true;
          holdUntilStep = s + refractorySteps;
        }
      }
      if (alpha) {
        const double ngE = gE + h * (dE - gE / tauE);
        dE -= h * dE / tauE;
        gE = ngE;
      } else {
        gE -= h * gE / tauE;
      }
      gI -= h * gI / tauI;
    }
    if (s == inputStep) (alpha ? dE : gE) += alpha ? wE * std::exp(1.0) / tauE : wE;
    if (spiked) t.spikes.push_back(s);
    t.v.push_back(v);
    t.w.push_back(w);
  }
  return t;
}

static Trace engine(const char* type, double iOffset, double tauRefrac, uint64_t inputStep, double wE, uint64_t steps) {
  NeuronPopulation pop(type, 1, kDt, RandomStream{1, 1}, "p");
  pop.setParameter("i_offset", {0}, {iOffset});
  pop.setParameter("tau_refrac", {0}, {tauRefrac});
  Trace t;
  t.v.push_back(pop.get("v", 0));
  t.w.push_back(pop.get("w", 0));
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    const int64_t e = s == inputStep ? toFixed(wE) : 0, none = 0;
    spikes.clear();
    pop.update(s, &e, &none, nullptr, spikes);
    if (!spikes.empty()) t.spikes.push_back(s);
    t.v.push_back(pop.get("v", 0));
    t.w.push_back(pop.get("w", 0));
  }
  return t;
}

static void subthreshold(const char* type, bool alpha) {
  const Trace ref = reference(alpha, 0.3, 0.1, 50, 0.01, 2000);
  const Trace ours = engine(type, 0.3, 0.1, 50, 0.01, 2000);
  CHECK(ref.spikes.empty() && ours.spikes.empty());
  double worstV = 0, worstW = 0;
  for (size_t k = 0; k < ref.v.size(); ++k) {
    worstV = std::fmax(worstV, std::fabs(ref.v[k] - ours.v[k]));
    worstW = std::fmax(worstW, std::fabs(ref.w[k] - ours.w[k]));
  }
  std::printf("  %s subthreshold: max |V - ref| = %.3g mV, max |w - ref| = %.3g nA\n", type, worstV, worstW);
  CHECK(worstV < 2e-3);
  CHECK(worstW < 1e-5);
}

TEST(eif_cond_exp_subthreshold_matches_fine_reference) { subthreshold("EIF_cond_exp_isfa_ista", false); }

TEST(eif_cond_alpha_subthreshold_matches_fine_reference) { subthreshold("EIF_cond_alpha_isfa_ista", true); }

TEST(eif_spike_times_and_adaptation_match_fine_reference) {
  const Trace ref = reference(false, 1.0, 2.0, 0, 0.0, 3000);
  const Trace ours = engine("EIF_cond_exp_isfa_ista", 1.0, 2.0, 0, 0.0, 3000);
  CHECK(ref.spikes.size() >= 5);
  CHECK(ours.spikes.size() == ref.spikes.size());
  for (size_t k = 0; k < ref.spikes.size() && k < ours.spikes.size(); ++k) {
    const double diff = std::fabs(double(ours.spikes[k]) - double(ref.spikes[k]));
    CHECK(diff <= 1.0);
  }
  // Spike-triggered adaptation: w grows by b per spike and relaxes with tau_w, as in the reference.
  CHECK(ours.w.back() > 0.0805);
  CHECK_NEAR(ours.w.back(), ref.w.back(), 0.01 * ref.w.back());
  // Refractoriness: V sits at v_reset for round(tau_refrac/dt) = 20 steps after each spike step.
  if (!ours.spikes.empty()) {
    const uint64_t s = ours.spikes[0];
    for (uint64_t k = s; k <= s + 20; ++k) CHECK(ours.v[k] == -70.6);
    CHECK(ours.v[s + 21] != -70.6);
  }
}

TEST(eif_with_zero_delta_t_has_a_hard_threshold) {
  NeuronPopulation pop("EIF_cond_exp_isfa_ista", 1, kDt, RandomStream{1, 1}, "p");
  pop.setParameter("delta_T", {0}, {0.0});
  pop.setParameter("i_offset", {0}, {1.0});
  std::vector<uint32_t> spikes;
  double highest = -1e9;
  uint64_t first = 0;
  for (uint64_t s = 1; s <= 2000 && first == 0; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    if (!spikes.empty()) first = s;
    else highest = std::fmax(highest, pop.get("v", 0));
  }
  CHECK(first > 0);
  CHECK(highest < -50.4);  // never above v_thresh without a spike
}

// The cells of a population step two at a time where SIMD pairs are built (adex_pairs.h); a population of one cell
// steps it alone (adexStep). Both must give the same bits: eight cells with different drives, delta_T (0: a hard
// threshold) and refractory times, under their own input, through whole steps, substeps, spikes and refractoriness,
// each against the same cell in a population of its own.
static void pairsMatchSingleCells(const char* type) {
  const uint32_t n = 8;
  const double drives[n] = {0.0, 0.3, 0.6, 0.9, 1.2, 0.45, 0.75, 2.0};
  const double deltaTs[n] = {2.0, 2.0, 0.0, 2.0, 1.0, 3.0, 2.0, 0.0};
  const auto configure = [&](NeuronPopulation& pop, uint32_t first) {
    const uint32_t size = pop.size();
    for (uint32_t k = 0; k < size; ++k) {
      pop.setParameter("i_offset", {k}, {drives[first + k]});
      pop.setParameter("delta_T", {k}, {deltaTs[first + k]});
      pop.setParameter("tau_refrac", {k}, {(first + k) % 3 == 0 ? 0.0 : 0.1 * (first + k)});
    }
  };
  NeuronPopulation pairs(type, n, kDt, RandomStream{1, 1}, "pairs");
  configure(pairs, 0);
  std::vector<NeuronPopulation> singles;
  singles.reserve(n);
  for (uint32_t k = 0; k < n; ++k) {
    singles.emplace_back(type, 1, kDt, RandomStream{1, 1}, "single");
    configure(singles.back(), k);
  }
  long differences = 0, spikes = 0;
  std::vector<uint32_t> pairSpikes, single;
  for (uint64_t s = 1; s <= 4000; ++s) {
    std::vector<int64_t> exc(n, 0), inh(n, 0);
    std::vector<double> injected(n, 0.0);
    for (uint32_t k = 0; k < n; ++k) {
      if ((s * (k + 3)) % 13 == 0) exc[k] = toFixed(0.004 * (1 + k % 4));
      if ((s * (k + 5)) % 31 == 0) inh[k] = toFixed(0.01);
      injected[k] = (s / 500 + k) % 3 == 0 ? 0.2 : 0.0;
    }
    pairSpikes.clear();
    pairs.update(s, exc.data(), inh.data(), injected.data(), pairSpikes);
    spikes += static_cast<long>(pairSpikes.size());
    for (uint32_t k = 0; k < n; ++k) {
      single.clear();
      singles[k].update(s, &exc[k], &inh[k], &injected[k], single);
      const bool spikedAlone = !single.empty();
      const bool spikedInPairs = std::find(pairSpikes.begin(), pairSpikes.end(), k) != pairSpikes.end();
      if (spikedAlone != spikedInPairs) ++differences;
      for (const char* name : {"v", "w", "gsyn_exc", "gsyn_inh"})
        if (pairs.get(name, k) != singles[k].get(name, 0)) ++differences;
    }
  }
  std::printf("  %s: %ld spikes, %ld differences between pairs and single cells\n", type, spikes, differences);
  CHECK(spikes > 100);
  CHECK(differences == 0);
}

TEST(eif_cond_exp_pairs_match_single_cells) { pairsMatchSingleCells("EIF_cond_exp_isfa_ista"); }

TEST(eif_cond_alpha_pairs_match_single_cells) { pairsMatchSingleCells("EIF_cond_alpha_isfa_ista"); }
