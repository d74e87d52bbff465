// IF_cond_exp_gsfa_grr against an independent fine-step reference written here (forward Euler at dt/1000 with
// NEST's grid rules): spike times, spike-frequency adaptation (growing intervals) and the adaptation conductance.
#include <cmath>
#include <cstdio>
#include <vector>

#include "testing.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

// pynn-api.md §2.2 defaults, i_offset 2 nA, tau_refrac 2 ms (20 steps).
static std::vector<uint64_t> reference(uint64_t steps, double& gSfaEnd) {
  const double cm = 1.0, tauM = 20.0, vRest = -65.0, vThresh = -50.0, vReset = -65.0, iOffset = 2.0;
  const double tauSfa = 100.0, eSfa = -75.0, qSfa = 15.0, tauRr = 2.0, eRr = -75.0, qRr = 3000.0;
  const int sub = 1000;
  const double h = kDt / sub;
  double v = -65.0, gS = 0.0, gR = 0.0;  // nS
  long refractory = 0;
  std::vector<uint64_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    for (int k = 0; k < sub; ++k) {
      if (refractory == 0)
        v += h * (cm / tauM * (vRest - v) + gS * 1e-3 * (eSfa - v) + gR * 1e-3 * (eRr - v) + iOffset) / cm;
      gS -= h * gS / tauSfa;
      gR -= h * gR / tauRr;
    }
    if (refractory > 0) {
      --refractory;
      v = vReset;
    } else if (v >= vThresh) {
      refractory = 20;
      v = vReset;
      gS += qSfa;
      gR += qRr;
      spikes.push_back(s);
    }
  }
  gSfaEnd = gS;
  return spikes;
}

TEST(gsfa_grr_spike_times_and_adaptation_match_fine_reference) {
  double gRef = 0;
  const auto ref = reference(5000, gRef);
  NeuronPopulation pop("IF_cond_exp_gsfa_grr", 1, kDt, RandomStream{1, 1}, "p");
  pop.setParameter("i_offset", {0}, {2.0});
  pop.setParameter("tau_refrac", {0}, {2.0});
  std::vector<uint32_t> spikes;
  std::vector<uint64_t> ours;
  for (uint64_t s = 1; s <= 5000; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    if (!spikes.empty()) ours.push_back(s);
  }
  std::printf("  IF_cond_exp_gsfa_grr: %zu spikes (reference %zu), g_s %.4f nS (reference %.4f)\n", ours.size(),
              ref.size(), pop.get("g_s", 0), gRef);
  CHECK(ref.size() >= 10);
  CHECK(ours.size() == ref.size());
  for (size_t k = 0; k < ref.size() && k < ours.size(); ++k)
    CHECK(std::fabs(double(ours[k]) - double(ref[k])) <= 1.0);
  // Adaptation: the second interval is longer than the first and the last longer still.
  if (ours.size() >= 10) CHECK(ours[2] - ours[1] > ours[1] - ours[0] && ours[9] - ours[8] > ours[2] - ours[1]);
  CHECK_NEAR(pop.get("g_s", 0), gRef, 0.01 * gRef);
}
