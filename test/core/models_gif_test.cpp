// GIF_cond_exp: the deterministic membrane against IF_cond_exp (no escape noise: lambda0 = 0), the escape rate
// against the binomial law when the hazard is constant, the spike-triggered current and threshold jumps, and the
// bound that decides most escape draws without the rule's exponentials.
#include <cmath>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/gif_update.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

TEST(gif_without_escape_noise_follows_the_conductance_membrane) {
  NeuronPopulation gif("GIF_cond_exp", 1, kDt, RandomStream{1, 1}, "g");
  NeuronPopulation lif("IF_cond_exp", 1, kDt, RandomStream{1, 1}, "l");
  gif.setParameter("lambda0", {0}, {0.0});
  for (auto* p : {&gif, &lif}) p->setParameter("i_offset", {0}, {0.2});
  std::vector<uint32_t> spikes;
  double worst = 0;
  for (uint64_t s = 1; s <= 1000; ++s) {
    const int64_t e = s == 100 ? toFixed(0.02) : 0, i = s == 400 ? toFixed(0.05) : 0;
    gif.update(s, &e, &i, nullptr, spikes);
    lif.update(s, &e, &i, nullptr, spikes);
    worst = std::fmax(worst, std::fabs(gif.get("v", 0) - lif.get("v", 0)));
  }
  CHECK(spikes.empty());
  CHECK(worst < 1e-9);  // the same RK4 step; η = 0 without spikes
}

TEST(gif_escape_rate_follows_the_hazard) {
  // delta_v huge: lambda = lambda0 at any V; no refractoriness, no adaptation: Bernoulli(1 - e^{-lambda dt}) steps.
  const uint32_t n = 200;
  NeuronPopulation pop("GIF_cond_exp", n, kDt, RandomStream{5, 9}, "g");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < n; ++i) all.push_back(i);
  pop.setParameter("lambda0", all, std::vector<double>(n, 50.0));
  pop.setParameter("delta_v", all, std::vector<double>(n, 1e12));
  pop.setParameter("tau_refrac", all, std::vector<double>(n, 0.0));
  pop.setSequenceParameters(all, {{"a_eta", {{0.0, 0.0, 0.0}}}, {"a_gamma", {{0.0, 0.0, 0.0}}}});
  std::vector<uint32_t> spikes;
  size_t count = 0;
  for (uint64_t s = 1; s <= 10000; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    count += spikes.size();
  }
  const double p = -std::expm1(-50.0 * kDt / 1000.0), trials = double(n) * 10000;
  CHECK(std::fabs(double(count) - trials * p) < 5 * std::sqrt(trials * p * (1 - p)));
}

TEST(gif_spike_adds_a_eta_and_a_gamma) {
  NeuronPopulation pop("GIF_cond_exp", 1, kDt, RandomStream{2, 3}, "g");
  pop.setParameter("lambda0", {0}, {1e9});  // with a flat hazard (huge delta_v): fires at the first step
  pop.setParameter("delta_v", {0}, {1e12});
  pop.setParameter("tau_refrac", {0}, {1.0});
  pop.setSequenceParameters({0}, {{"tau_eta", {{10.0}}}, {"a_eta", {{0.5}}}, {"tau_gamma", {{20.0, 40.0}}},
                                  {"a_gamma", {{2.0, 3.0}}}});
  std::vector<uint32_t> spikes;
  pop.update(1, nullptr, nullptr, nullptr, spikes);
  CHECK(spikes.size() == 1);
  CHECK(pop.get("v", 0) == -65.0);
  pop.update(2, nullptr, nullptr, nullptr, spikes);
  // At the start of step 2: η = a_eta, v_t = v_t* + a_gamma sum (the elements decay after being read).
  CHECK_NEAR(pop.get("i_eta", 0), 0.5, 1e-12);
  CHECK_NEAR(pop.get("v_t", 0), -48.0 + 5.0, 1e-12);
  pop.update(3, nullptr, nullptr, nullptr, spikes);
  CHECK_NEAR(pop.get("i_eta", 0), 0.5 * std::exp(-0.1 / 10.0), 1e-12);
  CHECK_NEAR(pop.get("v_t", 0), -48.0 + 2.0 * std::exp(-0.1 / 20.0) + 3.0 * std::exp(-0.1 / 40.0), 1e-12);
  // Mismatched lengths are refused and leave the old values.
  CHECK_THROWS_AS((pop.setSequenceParameters({0}, {{"a_eta", {{1.0, 2.0}}}})), tsnn::Error);
  CHECK_THROWS_AS((pop.setSequenceParameters({0}, {{"tau_eta", {{-1.0}}}, {"a_eta", {{1.0}}}})), tsnn::Error);
}

// escapeSurelyMisses may only answer yes where the escape rule itself (gifEscapes) says no: at the rule's own firing
// probability (std::expm1 of the exact-as-possible λ·h/1000) and the next doubles around it, over z from -800 to
// 800, lambda0 from 1e-300 to 1e300 Hz, zero and negative; and it must answer yes for a draw well above that
// probability (for z > -700), so that the bound decides the common case.
TEST(gif_escape_bound_never_misses_a_spike_the_rule_fires) {
  const double h = kDt;
  int checked = 0, wrong = 0, decided = 0, wellAbove = 0;
  for (double lambda0 : {-5.0, 0.0, 1e-300, 1e-20, 1e-3, 1.0, 7.5, 1e3, 1e8, 1e300}) {
    for (double z = -800.0; z <= 800.0; z += 0.37) {
      const double p = -std::expm1(-lambda0 * std::exp(z) * h / 1000.0);
      const double scale = lambda0 * h / 1000.0;
      for (double u : {0.0, p, std::nextafter(p, 0.0), std::nextafter(p, 1.0), 2 * p, 4 * p, 0x1p-53, 0.5,
                       std::nextafter(1.0, 0.0)}) {
        if (!(u >= 0.0 && u < 1.0)) continue;
        ++checked;
        if (escapeSurelyMisses(u, scale, z) && gifEscapes(u, lambda0, z, h)) ++wrong;
      }
      if (p > 1e-290 && p < 0.1 && z > -700.0) {  // below -700 the bound is 2^-1003 times lambda0·h/1000
        ++wellAbove;
        decided += escapeSurelyMisses(5 * p, scale, z);
      }
    }
  }
  CHECK(checked > 30000);
  CHECK(wrong == 0);
  CHECK(wellAbove > 1000);
  CHECK(decided == wellAbove);  // u = 5·p is above the bound, at most 4·p
  // The rule's boundary cases: u = 0 fires any positive rate, however small; NaN and huge z go to the rule.
  CHECK(!escapeSurelyMisses(0.0, 1e-30, -50.0));
  CHECK(!escapeSurelyMisses(0.5, 1e-4, NAN));
  CHECK(!escapeSurelyMisses(0.999, 1e-4, 701.0));
  CHECK(escapeSurelyMisses(0.5, 1e-4, -30.0));
}
