// Current-based LIF models against closed forms: the f–I relation under i_offset, the PSP shapes of the exp and
// alpha synapses (including tau_m == tau_syn), the exact +w mV step of IF_curr_delta, refractory clamping.
#include <cmath>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

static NeuronPopulation makeCell(const std::string& type, std::vector<std::pair<std::string, double>> params) {
  NeuronPopulation pop(type, 1, kDt, RandomStream{1, 1}, "network.populations[0]");
  for (const auto& p : params) pop.setParameter(p.first, {0}, {p.second});
  return pop;
}

// Runs `steps` steps with an excitatory input of `weight` arriving at `inputStep`; returns v at steps 0..steps.
static std::vector<double> trace(NeuronPopulation& pop, uint64_t steps, uint64_t inputStep, double weight,
                                 std::vector<uint64_t>* spikeSteps = nullptr) {
  std::vector<double> v{pop.get("v", 0)};
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= steps; ++s) {
    const int64_t input = s == inputStep ? toFixed(weight) : 0;
    const int64_t none = 0;
    spikes.clear();
    pop.update(s, &input, &none, nullptr, spikes);
    if (!spikes.empty() && spikeSteps != nullptr) spikeSteps->push_back(s);
    v.push_back(pop.get("v", 0));
  }
  return v;
}

TEST(if_curr_exp_fI_matches_analytic_first_spike_and_isi) {
  // R = tau_m/cm = 20 MOhm, I = 1 nA: RI = 20 mV above rest, threshold 15 mV above rest.
  NeuronPopulation pop = makeCell("IF_curr_exp", {{"i_offset", 1.0}, {"tau_refrac", 2.0}});
  std::vector<uint64_t> spikes;
  trace(pop, 3000, 0, 0.0, &spikes);
  const double tauM = 20.0, R = 20.0, I = 1.0, theta = 15.0;
  const double rise = tauM * std::log(R * I / (R * I - theta));  // 27.7259 ms
  CHECK(spikes.size() >= 8);
  const double first = spikes[0] * kDt;
  CHECK(first >= rise - 1e-9 && first < rise + kDt);
  for (size_t k = 1; k < spikes.size(); ++k) {
    const double isi = (spikes[k] - spikes[k - 1]) * kDt;
    CHECK(isi >= 2.0 + rise - 1e-9 && isi < 2.0 + rise + kDt + 1e-9);
  }
}

TEST(if_curr_exp_psp_follows_closed_form) {
  const double w = 0.5, tauM = 20.0, tauS = 5.0, cm = 1.0, vRest = -65.0;
  NeuronPopulation pop = makeCell("IF_curr_exp", {{"tau_syn_E", tauS}});
  const uint64_t k0 = 10;
  const auto v = trace(pop, 1000, k0, w);
  CHECK(v[k0] == vRest);  // the current jumps at k0; V moves from the next step
  double worst = 0, peak = -1e9;
  for (uint64_t k = k0; k < v.size(); ++k) {
    const double t = (k - k0) * kDt;
    const double expected = vRest + w / cm * (std::exp(-t / tauM) - std::exp(-t / tauS)) / (1 / tauS - 1 / tauM);
    worst = std::fmax(worst, std::fabs(v[k] - expected));
    peak = std::fmax(peak, v[k] - vRest);
  }
  CHECK(worst < 1e-9);
  const double tPeak = std::log(tauM / tauS) / (1 / tauS - 1 / tauM);
  const double peakClosed = w / cm * (std::exp(-tPeak / tauM) - std::exp(-tPeak / tauS)) / (1 / tauS - 1 / tauM);
  CHECK(peak <= peakClosed + 1e-9);
  CHECK(peak > peakClosed - 1e-4);  // the grid misses the true maximum by at most a second-order amount
}

TEST(if_curr_exp_singular_case_tau_m_equals_tau_syn) {
  const double w = 0.5, tau = 10.0, vRest = -65.0;
  NeuronPopulation pop = makeCell("IF_curr_exp", {{"tau_m", tau}, {"tau_syn_E", tau}});
  const uint64_t k0 = 5;
  const auto v = trace(pop, 500, k0, w);
  double worst = 0;
  for (uint64_t k = k0; k < v.size(); ++k) {
    const double t = (k - k0) * kDt;
    worst = std::fmax(worst, std::fabs(v[k] - (vRest + w * t * std::exp(-t / tau))));
  }
  CHECK(worst < 1e-9);
}

TEST(if_curr_alpha_psc_peaks_at_weight_and_psp_follows_closed_form) {
  const double w = 0.4, tauM = 20.0, tauS = 2.0, vRest = -65.0;
  NeuronPopulation pop = makeCell("IF_curr_alpha", {{"tau_syn_E", tauS}});
  const uint64_t k0 = 3;
  std::vector<double> v{pop.get("v", 0)}, isyn{0.0};
  std::vector<uint32_t> spikes;
  for (uint64_t s = 1; s <= 800; ++s) {
    const int64_t input = s == k0 ? toFixed(w) : 0, none = 0;
    pop.update(s, &input, &none, nullptr, spikes);
    v.push_back(pop.get("v", 0));
    isyn.push_back(pop.get("isyn_exc", 0));
  }
  // I(t) = w (t/tau) e^{1 - t/tau}: peak w at t = tau_syn (20 steps after arrival).
  CHECK_NEAR(isyn[k0 + 20], w, 1e-9);
  const double a = 1 / tauS - 1 / tauM;
  double worst = 0;
  for (uint64_t k = k0; k < v.size(); ++k) {
    const double t = (k - k0) * kDt;
    const double integral = (1 - std::exp(-a * t) * (1 + a * t)) / (a * a);  // ∫0^t s e^{-a s} ds
    const double expected = vRest + w * std::exp(1.0) / tauS * std::exp(-t / tauM) * integral;
    worst = std::fmax(worst, std::fabs(v[k] - expected));
    CHECK_NEAR(isyn[k], w * (t / tauS) * std::exp(1 - t / tauS), 1e-9);
  }
  CHECK(worst < 1e-9);
}

TEST(if_curr_delta_jumps_by_exactly_w) {
  const double vRest = -65.0, w = 2.5;
  NeuronPopulation pop = makeCell("IF_curr_delta", {});
  const uint64_t k0 = 7;
  const auto v = trace(pop, 100, k0, w);
  CHECK(v[k0 - 1] == vRest);
  CHECK_NEAR(v[k0], vRest + w, 1e-9);
  CHECK_NEAR(v[k0 + 10], vRest + w * std::exp(-10 * kDt / 20.0), 1e-9);
}

TEST(refractory_period_clamps_v_for_round_tau_refrac_over_dt_steps) {
  NeuronPopulation pop = makeCell("IF_curr_delta", {{"tau_refrac", 1.0}});
  std::vector<uint64_t> spikes;
  const auto v = trace(pop, 40, 5, 20.0, &spikes);  // a 20 mV jump crosses the 15 mV threshold at once
  CHECK(spikes.size() == 1 && spikes[0] == 5);
  for (uint64_t k = 5; k <= 15; ++k) CHECK(v[k] == -65.0);
}

TEST(reset_restores_initial_values) {
  NeuronPopulation pop = makeCell("IF_curr_exp", {{"i_offset", 0.5}});
  pop.setInitialValue("v", {0}, {-60.0});
  trace(pop, 50, 0, 0.0);
  CHECK(pop.get("v", 0) != -60.0);
  pop.reset();
  CHECK(pop.get("v", 0) == -60.0);
}

TEST(bad_parameters_are_rejected_with_the_name) {
  NeuronPopulation pop = makeCell("IF_curr_exp", {});
  CHECK_THROWS_AS((pop.setParameter("tau_m", {0}, {-1.0})), tsnn::Error);
  CHECK_THROWS_AS((pop.setParameter("tau_x", {0}, {1.0})), tsnn::Error);
  CHECK(pop.get("tau_m", 0) == 20.0);  // the failed change left the old value
  try {
    pop.setParameter("tau_x", {0}, {1.0});
  } catch (const tsnn::Error& e) {
    CHECK(e.path().find("tau_x") != std::string::npos);
    CHECK(std::string(e.message()).find("valid parameters for IF_curr_exp") != std::string::npos);
  }
  CHECK_THROWS_AS((NeuronPopulation("IF_curr_sqrt", 1, kDt, RandomStream{1, 1}, "p")), tsnn::Error);
  // PointNeuron is built from its spec (the other constructor), never by name alone.
  CHECK_THROWS_AS((NeuronPopulation("PointNeuron", 1, kDt, RandomStream{1, 1}, "p")), tsnn::Error);
}
