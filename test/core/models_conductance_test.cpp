// Conductance-based LIF (exact conductances + one RK4 step for V at dt = 0.1 ms) against a fine-step reference
// written here: forward Euler on (V, g) at dt = 1e-4 ms, whose own error is about 1e-5 mV.
#include <cmath>
#include <cstdio>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

struct Reference {
  // IF_cond defaults (pynn-api.md §2.1) with a tonic current below threshold.
  double cm = 1.0, tauM = 20.0, vRest = -65.0, eE = 0.0, eI = -70.0, tauE, tauI, iOffset = 0.5;
  bool alpha;
};

// V at every 0.1 ms for an excitatory input wE at arrival step kE and an inhibitory one at kI, by Euler at 1e-4 ms.
static std::vector<double> fineReference(const Reference& r, double wE, uint64_t kE, double wI, uint64_t kI,
                                         uint64_t steps) {
  const int sub = 1000;
  const double h = kDt / sub;
  double v = r.vRest, gE = 0, gI = 0, dE = 0, dI = 0;
  std::vector<double> out{v};
  for (uint64_t s = 1; s <= steps; ++s) {
    for (int k = 0; k < sub; ++k) {
      const double dv = (r.cm / r.tauM * (r.vRest - v) + gE * (r.eE - v) + gI * (r.eI - v) + r.iOffset) / r.cm;
      v += h * dv;
      if (r.alpha) {
        const double ngE = gE + h * (dE - gE / r.tauE), ngI = gI + h * (dI - gI / r.tauI);
        dE -= h * dE / r.tauE;
        dI -= h * dI / r.tauI;
        gE = ngE;
        gI = ngI;
      } else {
        gE -= h * gE / r.tauE;
        gI -= h * gI / r.tauI;
      }
    }
    // Input arriving at step s enters the conductance at the end of that step (it acts on V from the next).
    const double e = std::exp(1.0);
    if (s == kE) (r.alpha ? dE : gE) += r.alpha ? wE * e / r.tauE : wE;
    if (s == kI) (r.alpha ? dI : gI) += r.alpha ? wI * e / r.tauI : wI;
    out.push_back(v);
  }
  return out;
}

static double worstError(const char* type, const Reference& r) {
  NeuronPopulation pop(type, 1, kDt, RandomStream{1, 1}, "network.populations[0]");
  pop.setParameter("tau_syn_E", {0}, {r.tauE});
  pop.setParameter("tau_syn_I", {0}, {r.tauI});
  pop.setParameter("i_offset", {0}, {r.iOffset});
  const double wE = 0.02, wI = 0.05;
  const uint64_t kE = 20, kI = 300, steps = 1000;
  const auto ref = fineReference(r, wE, kE, wI, kI, steps);
  std::vector<uint32_t> spikes;
  double worst = 0;
  for (uint64_t s = 1; s <= steps; ++s) {
    const int64_t e = s == kE ? toFixed(wE) : 0, i = s == kI ? toFixed(wI) : 0;
    pop.update(s, &e, &i, nullptr, spikes);
    worst = std::fmax(worst, std::fabs(pop.get("v", 0) - ref[s]));
  }
  CHECK(spikes.empty());
  std::printf("  %s: max |V - fine reference| over 100 ms = %.3g mV\n", type, worst);
  return worst;
}

TEST(if_cond_exp_matches_fine_step_reference) {
  Reference r;
  r.tauE = 5.0;
  r.tauI = 5.0;
  r.alpha = false;
  CHECK(worstError("IF_cond_exp", r) < 2e-4);
}

TEST(if_cond_alpha_matches_fine_step_reference) {
  Reference r;
  r.tauE = 0.3;
  r.tauI = 0.5;
  r.alpha = true;
  CHECK(worstError("IF_cond_alpha", r) < 2e-4);
}

TEST(if_cond_exp_conductance_decays_exactly_and_records_gsyn) {
  NeuronPopulation pop("IF_cond_exp", 1, kDt, RandomStream{1, 1}, "p");
  std::vector<uint32_t> spikes;
  const int64_t w = toFixed(0.01), none = 0;
  pop.update(1, &w, &none, nullptr, spikes);
  for (uint64_t s = 2; s <= 51; ++s) pop.update(s, &none, &none, nullptr, spikes);
  CHECK_NEAR(pop.get("gsyn_exc", 0), 0.01 * std::exp(-5.0 / 5.0), 1e-10);  // 2^-32 fixed-point input
  CHECK(pop.recordableArray("gsyn_inh") != nullptr);
}

TEST(if_cond_exp_fires_and_resets_under_strong_drive) {
  NeuronPopulation pop("IF_cond_exp", 1, kDt, RandomStream{1, 1}, "p");
  pop.setParameter("i_offset", {0}, {2.0});
  pop.setParameter("tau_refrac", {0}, {2.0});
  std::vector<uint32_t> spikes;
  std::vector<uint64_t> steps;
  for (uint64_t s = 1; s <= 2000; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    if (!spikes.empty()) steps.push_back(s);
  }
  // Without synaptic input the model is a plain LIF: ISI = tau_refrac + tau_m ln(RI/(RI - theta)), R = 20 MOhm.
  const double isi = 2.0 + 20.0 * std::log(40.0 / 25.0);
  CHECK(steps.size() > 5);
  for (size_t k = 1; k < steps.size(); ++k) CHECK_NEAR((steps[k] - steps[k - 1]) * kDt, isi, kDt + 1e-9);
}

TEST(if_facets_hardware1_is_if_cond_exp_with_its_hidden_constants) {
  // pynn-api.md §2.3: cm 0.2 nF, tau_refrac 1 ms, e_rev_E 0 mV fixed; leak g_leak (nS): tau_m = cm / g_leak.
  NeuronPopulation facets("IF_facets_hardware1", 1, kDt, RandomStream{1, 1}, "f");
  NeuronPopulation cond("IF_cond_exp", 1, kDt, RandomStream{1, 1}, "c");
  const std::vector<std::pair<const char*, double>> same = {
      {"cm", 0.2},         {"tau_m", 0.2 / 0.040}, {"tau_refrac", 1.0},  {"e_rev_E", 0.0},   {"tau_syn_E", 30.0},
      {"tau_syn_I", 30.0}, {"v_reset", -80.0},     {"e_rev_I", -80.0},   {"v_rest", -65.0},  {"v_thresh", -55.0}};
  for (const auto& p : same) cond.setParameter(p.first, {0}, {p.second});
  std::vector<uint32_t> spikesF, spikesC;
  int differences = 0;
  for (uint64_t s = 1; s <= 3000; ++s) {
    const int64_t e = (s % 37 == 0) ? toFixed(0.01) : 0, i = (s % 101 == 0) ? toFixed(0.005) : 0;
    facets.update(s, &e, &i, nullptr, spikesF);
    cond.update(s, &e, &i, nullptr, spikesC);
    if (facets.get("v", 0) != cond.get("v", 0)) ++differences;
  }
  CHECK(differences == 0);
  CHECK(!spikesF.empty() && spikesF == spikesC);
  CHECK_THROWS_AS((facets.setParameter("cm", {0}, {1.0})), std::exception);
  CHECK(!facets.hasParameter("tau_m") && facets.hasParameter("g_leak"));
}
