// Composed PointNeuron (LIF or AdExp with named receptors): each receptor kind's response against its closed form,
// the membrane response against a fine-step Euler reference written here, and the composed neurons against the
// standard models they reproduce (IF_cond_exp bit for bit, EIF_cond_exp_isfa_ista within 1e-9 mV).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;

static PointNeuronSpecData spec(uint32_t neuron, std::vector<std::pair<const char*, ReceptorKind>> receptors) {
  PointNeuronSpecData s;
  s.neuron = neuron;
  for (const auto& r : receptors) s.receptors.push_back(ReceptorSpecData{r.first, r.second});
  return s;
}

// Independent closed forms of the responses to a weight w arriving at t = 0 (pynn-api.md §2.9; NEST's beta).
static double expResponse(double w, double tau, double t) { return w * std::exp(-t / tau); }
static double alphaResponse(double w, double tau, double t) { return w * t / tau * std::exp(1.0 - t / tau); }
static double betaResponse(double w, double tr, double td, double t) {
  const double tp = td * tr * std::log(td / tr) / (td - tr);
  const double shape = [&](double s) { return std::exp(-s / td) - std::exp(-s / tr); }(t);
  const double peak = std::exp(-tp / td) - std::exp(-tp / tr);
  return w * shape / peak;
}

// One receptor on a LIF PointNeuron; weight w arrives at step 1; returns the receptor state over `steps`.
static std::vector<double> receptorTrace(ReceptorKind kind, const char* state, double w, uint64_t steps,
                                         std::vector<double>* v = nullptr,
                                         std::vector<std::pair<const char*, double>> params = {}) {
  NeuronPopulation pop(spec(1, {{"R", kind}}), 1, kDt, "network.populations[0]");
  for (const auto& p : params) pop.setParameter(p.first, {0}, {p.second});
  std::vector<double> trace;
  std::vector<uint32_t> spikes;
  const int64_t none = 0;
  for (uint64_t s = 1; s <= steps; ++s) {
    const int64_t in = s == 1 ? toFixed(w) : 0;
    pop.update(s, &in, &none, nullptr, spikes);
    trace.push_back(pop.get(state, 0));
    if (v != nullptr) v->push_back(pop.get("v", 0));
  }
  CHECK(spikes.empty());
  return trace;
}

TEST(curr_exp_current_and_psp_match_closed_form) {
  const double w = 0.5, tauS = 5.0, tauM = 20.0, cm = 1.0;
  std::vector<double> v;
  const auto isyn = receptorTrace(ReceptorKind::CurrExp, "R.isyn", w, 400, &v, {{"R.tau_syn", tauS}});
  double worstI = 0, worstV = 0;
  for (size_t k = 0; k < isyn.size(); ++k) {
    const double t = k * kDt;  // the input entered at the end of step 1, the first sample
    worstI = std::fmax(worstI, std::fabs(isyn[k] - fromFixed(toFixed(w)) * std::exp(-t / tauS)));
    const double psp = w * tauS * tauM / (cm * (tauM - tauS)) * (std::exp(-t / tauM) - std::exp(-t / tauS));
    worstV = std::fmax(worstV, std::fabs(v[k] - (-65.0 + psp)));
  }
  std::printf("  CurrExp: max |isyn - closed form| %.3g nA, max |V - closed form| %.3g mV\n", worstI, worstV);
  CHECK(worstI < 1e-12);
  CHECK(worstV < 1e-6);  // RK4 at 0.1 ms with the exact current: error O(h^4)
}

TEST(conductance_kinds_match_closed_form) {
  const double w = 0.01;
  const double wq = fromFixed(toFixed(w));
  double worst = 0;
  const auto ge = receptorTrace(ReceptorKind::CondExp, "R.gsyn", w, 300, nullptr, {{"R.tau_syn", 3.0}});
  for (size_t k = 0; k < ge.size(); ++k) worst = std::fmax(worst, std::fabs(ge[k] - expResponse(wq, 3.0, k * kDt)));
  const auto ga = receptorTrace(ReceptorKind::CondAlpha, "R.gsyn", w, 300, nullptr, {{"R.tau_syn", 3.0}});
  for (size_t k = 0; k < ga.size(); ++k) worst = std::fmax(worst, std::fabs(ga[k] - alphaResponse(wq, 3.0, k * kDt)));
  const auto gb = receptorTrace(ReceptorKind::CondBeta, "R.gsyn", w, 300, nullptr,
                                {{"R.tau_rise", 0.5}, {"R.tau_decay", 4.0}});
  double peak = 0;
  for (size_t k = 0; k < gb.size(); ++k) {
    worst = std::fmax(worst, std::fabs(gb[k] - betaResponse(wq, 0.5, 4.0, k * kDt)));
    peak = std::fmax(peak, gb[k]);
  }
  std::printf("  CondExp/CondAlpha/CondBeta: max |gsyn - closed form| %.3g uS, beta peak on the grid %.6g uS\n",
              worst, peak);
  CHECK(worst < 1e-15);
  // Beta peaks at tp = 1.188 ms: the grid sample next to it is within the curvature over dt/2 of the weight.
  CHECK(peak <= wq * (1 + 1e-12));
  CHECK(peak > wq * 0.995);
  // Alpha's peak, on the grid at t = tau_syn = 3 ms (sample 30), equals the weight.
  CHECK_NEAR(ga[30], wq, 1e-15);
}

// V of a LIF PointNeuron with one conductance receptor, against Heun (2nd order) at 1e-4 ms on the closed-form
// conductance: the reference's own error is about 1e-9 mV.
static double conductancePspError(ReceptorKind kind, std::vector<std::pair<const char*, double>> params,
                                  double (*g)(double t)) {
  std::vector<double> v;
  receptorTrace(kind, "R.gsyn", 0.02, 300, &v, params);
  const int sub = 1000;
  const double h = kDt / sub, gL = 1.0 / 20.0, eSyn = 0.0;
  double ref = -65.0, worst = std::fabs(v[0] - ref);
  for (size_t k = 1; k < v.size(); ++k) {
    for (int j = 0; j < sub; ++j) {
      const double t = (k - 1) * kDt + j * h;
      auto f = [&](double time, double v) { return gL * (-65.0 - v) + g(time) * (eSyn - v); };
      const double k1 = f(t, ref), k2 = f(t + h, ref + h * k1);
      ref += 0.5 * h * (k1 + k2);
    }
    worst = std::fmax(worst, std::fabs(v[k] - ref));
  }
  return worst;
}

TEST(conductance_psps_match_fine_step_reference) {
  const double wq = fromFixed(toFixed(0.02));
  static double w;
  w = wq;
  const double eExp = conductancePspError(ReceptorKind::CondExp, {{"R.tau_syn", 3.0}},
                                          [](double t) { return expResponse(w, 3.0, t); });
  const double eAlpha = conductancePspError(ReceptorKind::CondAlpha, {{"R.tau_syn", 3.0}},
                                            [](double t) { return alphaResponse(w, 3.0, t); });
  const double eBeta = conductancePspError(ReceptorKind::CondBeta, {{"R.tau_rise", 0.5}, {"R.tau_decay", 4.0}},
                                           [](double t) { return betaResponse(w, 0.5, 4.0, t); });
  std::printf("  PSP max |V - Heun 1e-4 ms|: exp %.3g, alpha %.3g, beta %.3g mV\n", eExp, eAlpha, eBeta);
  // RK4 at 0.1 ms with exact conductances: O(h^4) local error, about 1e-7 mV on a PSP of a few mV.
  CHECK(eExp < 1e-6);
  CHECK(eAlpha < 1e-6);
  CHECK(eBeta < 1e-6);
}

TEST(lif_with_two_cond_exp_receptors_is_if_cond_exp_bit_for_bit) {
  const uint32_t n = 3;
  NeuronPopulation standard("IF_cond_exp", n, kDt, RandomStream{1, 1}, "network.populations[0]");
  NeuronPopulation composed(spec(1, {{"AMPA", ReceptorKind::CondExp}, {"GABAA", ReceptorKind::CondExp}}), n, kDt,
                            "network.populations[1]");
  const std::vector<uint32_t> all{0, 1, 2};
  const std::vector<double> iOffset{0.9, 1.2, 0.4}, tauE{5.0, 2.0, 5.0}, tauI{10.0, 10.0, 3.0};
  standard.setParameter("i_offset", all, iOffset);
  composed.setParameter("i_offset", all, iOffset);
  standard.setParameter("tau_refrac", all, {2.0, 2.0, 2.0});
  composed.setParameter("tau_refrac", all, {2.0, 2.0, 2.0});
  standard.setParameter("tau_syn_E", all, tauE);
  composed.setParameter("AMPA.tau_syn", all, tauE);
  standard.setParameter("tau_syn_I", all, tauI);
  composed.setParameter("GABAA.tau_syn", all, tauI);
  standard.setParameter("e_rev_I", all, {-70.0, -70.0, -70.0});
  composed.setParameter("GABAA.e_syn", all, {-70.0, -70.0, -70.0});
  standard.setParameter("e_rev_E", all, {0.0, 0.0, 0.0});
  composed.setParameter("AMPA.e_syn", all, {0.0, 0.0, 0.0});
  std::vector<uint32_t> s1, s2;
  bool identical = true;
  for (uint64_t s = 1; s <= 3000; ++s) {
    std::vector<int64_t> e(n), i(n);
    for (uint32_t c = 0; c < n; ++c) {
      e[c] = (s * 7 + c) % 13 == 0 ? toFixed(0.004 * (c + 1)) : 0;
      i[c] = (s * 5 + c) % 17 == 0 ? toFixed(0.01) : 0;
    }
    standard.update(s, e.data(), i.data(), nullptr, s1);
    composed.update(s, e.data(), i.data(), nullptr, s2);
    for (uint32_t c = 0; c < n; ++c) {
      identical = identical && standard.get("v", c) == composed.get("v", c) &&
                  standard.get("gsyn_exc", c) == composed.get("AMPA.gsyn", c) &&
                  standard.get("gsyn_inh", c) == composed.get("GABAA.gsyn", c);
    }
  }
  std::printf("  IF_cond_exp %zu spikes, PointNeuron(LIF, CondExp x2) %zu spikes\n", s1.size(), s2.size());
  CHECK(identical);
  CHECK(s1 == s2);
  CHECK(s1.size() > 20);
}

TEST(adexp_with_two_cond_exp_receptors_matches_eif_cond_exp_isfa_ista) {
  NeuronPopulation standard("EIF_cond_exp_isfa_ista", 1, kDt, RandomStream{1, 1}, "network.populations[0]");
  NeuronPopulation composed(spec(2, {{"AMPA", ReceptorKind::CondExp}, {"GABAA", ReceptorKind::CondExp}}), 1, kDt,
                            "network.populations[1]");
  standard.setParameter("i_offset", {0}, {0.6});
  composed.setParameter("i_offset", {0}, {0.6});
  standard.setParameter("tau_refrac", {0}, {2.0});
  composed.setParameter("tau_refrac", {0}, {2.0});
  composed.setParameter("GABAA.e_syn", {0}, {-80.0});  // EIF defaults: e_rev_E 0, e_rev_I -80, tau_syn 5 and 5
  std::vector<uint32_t> s1, s2;
  double worstV = 0, worstW = 0;
  for (uint64_t s = 1; s <= 5000; ++s) {
    const int64_t e = s % 37 == 0 ? toFixed(0.01) : 0, i = s % 53 == 0 ? toFixed(0.02) : 0;
    standard.update(s, &e, &i, nullptr, s1);
    composed.update(s, &e, &i, nullptr, s2);
    worstV = std::fmax(worstV, std::fabs(standard.get("v", 0) - composed.get("v", 0)));
    worstW = std::fmax(worstW, std::fabs(standard.get("w", 0) - composed.get("w", 0)));
  }
  std::printf("  AdExp: %zu vs %zu spikes, max |dV| %.3g mV, max |dw| %.3g nA\n", s1.size(), s2.size(), worstV,
              worstW);
  // Same scheme; only the order of the conductance sums differs (g·e - g·V against g·(e - V)): rounding only.
  CHECK(s1 == s2);
  CHECK(s1.size() >= 3);
  CHECK(worstV < 1e-9);
  CHECK(worstW < 1e-12);
}

TEST(adexp_with_cond_alpha_receptors_matches_eif_cond_alpha_isfa_ista) {
  NeuronPopulation standard("EIF_cond_alpha_isfa_ista", 1, kDt, RandomStream{1, 1}, "network.populations[0]");
  NeuronPopulation composed(spec(2, {{"AMPA", ReceptorKind::CondAlpha}, {"GABAA", ReceptorKind::CondAlpha}}), 1,
                            kDt, "network.populations[1]");
  for (auto* pop : {&standard, &composed}) {
    pop->setParameter("i_offset", {0}, {0.8});
    pop->setParameter("tau_refrac", {0}, {2.0});
  }
  standard.setParameter("tau_syn_E", {0}, {1.5});
  composed.setParameter("AMPA.tau_syn", {0}, {1.5});
  composed.setParameter("GABAA.e_syn", {0}, {-80.0});
  std::vector<uint32_t> s1, s2;
  double worstV = 0;
  for (uint64_t s = 1; s <= 5000; ++s) {
    const int64_t e = s % 37 == 0 ? toFixed(0.01) : 0, i = s % 53 == 0 ? toFixed(0.005) : 0;
    standard.update(s, &e, &i, nullptr, s1);
    composed.update(s, &e, &i, nullptr, s2);
    worstV = std::fmax(worstV, std::fabs(standard.get("v", 0) - composed.get("v", 0)));
  }
  std::printf("  AdExp alpha: %zu vs %zu spikes, max |dV| %.3g mV\n", s1.size(), s2.size(), worstV);
  // Both propagate the alpha kernel exactly, written differently ((g + h·dg)·e^{-h/τ} against g·P + dg·Q): rounding.
  CHECK(s1 == s2);
  CHECK(s1.size() >= 3);
  CHECK(worstV < 1e-9);
}

TEST(adexp_with_six_receptors_matches_eif_cond_exp_isfa_ista) {
  // Four silent receptors of every kind first: AMPA and GABAA are read at receptor indices 4 and 5, and a silent
  // receptor adds exact zeros to the sums, so the cell is still EIF_cond_exp_isfa_ista.
  NeuronPopulation standard("EIF_cond_exp_isfa_ista", 1, kDt, RandomStream{1, 1}, "network.populations[0]");
  NeuronPopulation composed(spec(2, {{"S0", ReceptorKind::CondExp}, {"S1", ReceptorKind::CondAlpha},
                                     {"S2", ReceptorKind::CondBeta}, {"S3", ReceptorKind::CurrExp},
                                     {"AMPA", ReceptorKind::CondExp}, {"GABAA", ReceptorKind::CondExp}}),
                            1, kDt, "network.populations[1]");
  for (auto* pop : {&standard, &composed}) {
    pop->setParameter("i_offset", {0}, {0.6});
    pop->setParameter("tau_refrac", {0}, {2.0});
  }
  composed.setParameter("GABAA.e_syn", {0}, {-80.0});
  const int64_t none = 0;
  std::vector<uint32_t> s1, s2;
  double worstV = 0, worstW = 0;
  for (uint64_t s = 1; s <= 5000; ++s) {
    const int64_t e = s % 37 == 0 ? toFixed(0.01) : 0, i = s % 53 == 0 ? toFixed(0.02) : 0;
    const int64_t* rows[6] = {&none, &none, &none, &none, &e, &i};
    standard.update(s, &e, &i, nullptr, s1);
    composed.updateReceptors(s, rows, 6, nullptr, s2);
    worstV = std::fmax(worstV, std::fabs(standard.get("v", 0) - composed.get("v", 0)));
    worstW = std::fmax(worstW, std::fabs(standard.get("w", 0) - composed.get("w", 0)));
  }
  std::printf("  AdExp, six receptors: %zu vs %zu spikes, max |dV| %.3g mV, max |dw| %.3g nA\n", s1.size(),
              s2.size(), worstV, worstW);
  CHECK(s1 == s2);
  CHECK(s1.size() >= 3);
  CHECK(worstV < 1e-9);
  CHECK(worstW < 1e-12);
  CHECK_NEAR(composed.get("AMPA.gsyn", 0), standard.get("gsyn_exc", 0), 1e-15);
  CHECK_NEAR(composed.get("GABAA.gsyn", 0), standard.get("gsyn_inh", 0), 1e-15);
}

// PointNeuron cells step two at a time where SIMD pairs are built (point_adex_pairs.h, point_lif_pairs.h); a
// population of one cell steps it alone (pointAdexStep, pointLifStep). Both must give the same bits: eight cells
// with different drives and refractory times (AdExp: delta_T, 0 a hard threshold; LIF: cm), four receptor kinds
// under their own input, through whole steps, substeps, spikes and refractoriness, each against the same cell in a
// population of its own.
static void pairsMatchSingleCells(uint32_t neuron) {
  const bool adexp = neuron == 2;
  const uint32_t n = 8, receptors = 4;
  const double drives[n] = {0.0, 0.3, 0.6, 0.9, 1.2, 0.45, 0.75, 2.0};
  const double deltaTs[n] = {2.0, 2.0, 0.0, 2.0, 1.0, 3.0, 2.0, 0.0};
  const auto make = [neuron](uint32_t size) {
    return NeuronPopulation(spec(neuron, {{"AMPA", ReceptorKind::CondExp}, {"GABAA", ReceptorKind::CondAlpha},
                                          {"NMDA", ReceptorKind::CondBeta}, {"I", ReceptorKind::CurrExp}}),
                            size, kDt, "network.populations[0]");
  };
  const auto configure = [&](NeuronPopulation& pop, uint32_t first) {
    for (uint32_t k = 0; k < pop.size(); ++k) {
      pop.setParameter("i_offset", {k}, {drives[first + k] * (adexp ? 1.0 : 0.5)});
      if (adexp) pop.setParameter("delta_T", {k}, {deltaTs[first + k]});
      pop.setParameter("tau_refrac", {k}, {(first + k) % 3 == 0 ? 0.0 : 0.1 * (first + k)});
      pop.setParameter("GABAA.e_syn", {k}, {-80.0});
      if (!adexp) pop.setParameter("cm", {k}, {0.35 + 0.09 * (first + k)});
    }
  };
  NeuronPopulation pairs = make(n);
  configure(pairs, 0);
  std::vector<NeuronPopulation> singles;
  singles.reserve(n);
  for (uint32_t k = 0; k < n; ++k) {
    singles.push_back(make(1));
    configure(singles.back(), k);
  }
  std::vector<const char*> names = {"v", "AMPA.gsyn", "GABAA.gsyn", "NMDA.gsyn", "I.isyn"};
  if (adexp) names.push_back("w");
  long differences = 0, spikes = 0;
  std::vector<uint32_t> pairSpikes, single;
  for (uint64_t s = 1; s <= 4000; ++s) {
    std::vector<std::vector<int64_t>> in(receptors, std::vector<int64_t>(n, 0));
    std::vector<double> injected(n, 0.0);
    for (uint32_t k = 0; k < n; ++k) {
      if ((s * (k + 3)) % 13 == 0) in[0][k] = toFixed(0.004 * (1 + k % 4));
      if ((s * (k + 5)) % 31 == 0) in[1][k] = toFixed(0.01);
      if ((s * (k + 7)) % 47 == 0) in[2][k] = toFixed(0.003);
      if ((s * (k + 2)) % 29 == 0) in[3][k] = toFixed(0.05 * (k % 2 ? 1 : -1));
      injected[k] = (s / 500 + k) % 3 == 0 ? 0.2 : 0.0;
    }
    const int64_t* rows[receptors] = {in[0].data(), in[1].data(), in[2].data(), in[3].data()};
    pairSpikes.clear();
    pairs.updateReceptors(s, rows, receptors, injected.data(), pairSpikes);
    spikes += static_cast<long>(pairSpikes.size());
    for (uint32_t k = 0; k < n; ++k) {
      const int64_t* own[receptors] = {&in[0][k], &in[1][k], &in[2][k], &in[3][k]};
      single.clear();
      singles[k].updateReceptors(s, own, receptors, &injected[k], single);
      const bool spikedInPairs = std::find(pairSpikes.begin(), pairSpikes.end(), k) != pairSpikes.end();
      if (!single.empty() != spikedInPairs) ++differences;
      for (const char* name : names)
        if (pairs.get(name, k) != singles[k].get(name, 0)) ++differences;
    }
  }
  std::printf("  PointNeuron(%s): %ld spikes, %ld differences between pairs and single cells\n",
              adexp ? "AdExp" : "LIF", spikes, differences);
  CHECK(spikes > 100);
  CHECK(differences == 0);
}

TEST(adexp_pairs_match_single_cells) { pairsMatchSingleCells(2); }

TEST(lif_pairs_match_single_cells) { pairsMatchSingleCells(1); }

TEST(adexp_without_exponential_or_adaptation_gives_the_curr_exp_psp) {
  // delta_T = 0, a = 0, b = 0: AdExp is a LIF; a CurrExp input then has the closed-form PSP of the LIF test above.
  NeuronPopulation pop(spec(2, {{"syn", ReceptorKind::CurrExp}}), 1, kDt, "network.populations[0]");
  const double w = 0.2, tauS = 4.0, tauM = 10.0, cm = 0.25;
  pop.setParameter("delta_T", {0}, {0.0});
  pop.setParameter("a", {0}, {0.0});
  pop.setParameter("b", {0}, {0.0});
  pop.setParameter("tau_m", {0}, {tauM});
  pop.setParameter("cm", {0}, {cm});
  pop.setParameter("syn.tau_syn", {0}, {tauS});
  std::vector<uint32_t> spikes;
  const int64_t none = 0;
  double worst = 0;
  for (uint64_t s = 1; s <= 400; ++s) {
    const int64_t in = s == 1 ? toFixed(w) : 0;
    pop.update(s, &in, &none, nullptr, spikes);
    const double t = (s - 1) * kDt;
    const double psp = w * tauS * tauM / (cm * (tauM - tauS)) * (std::exp(-t / tauM) - std::exp(-t / tauS));
    worst = std::fmax(worst, std::fabs(pop.get("v", 0) - (-70.6 + psp)));
  }
  std::printf("  AdExp CurrExp PSP: max |V - closed form| %.3g mV\n", worst);
  CHECK(spikes.empty());
  CHECK(worst < 1e-8);  // RK4 substeps of dt/10 with the exact current
}

TEST(receptor_indices_follow_spec_order_and_channel_stride) {
  // Three receptors: receptor 2 is read at the receptor-major stride (inputInh - inputExc) of ChannelLayout.
  NeuronPopulation pop(spec(1, {{"AMPA", ReceptorKind::CondExp}, {"GABAA", ReceptorKind::CondExp},
                                {"NMDA", ReceptorKind::CondBeta}}),
                       2, kDt, "network.populations[0]");
  const std::vector<std::string> expected{"AMPA", "GABAA", "NMDA"};
  CHECK(pop.receptorNames() == expected);
  const uint32_t total = 5;  // a layout with 5 neurons in all, this population first
  std::vector<int64_t> channels(3 * total, 0);
  channels[0 * total + 1] = toFixed(0.1);   // AMPA of cell 1
  channels[1 * total + 0] = toFixed(0.2);   // GABAA of cell 0
  channels[2 * total + 1] = toFixed(0.3);   // NMDA of cell 1
  std::vector<uint32_t> spikes;
  pop.update(1, channels.data(), channels.data() + total, nullptr, spikes);
  CHECK_NEAR(pop.get("AMPA.gsyn", 1), 0.1, 1e-9);
  CHECK_NEAR(pop.get("GABAA.gsyn", 0), 0.2, 1e-9);
  CHECK(pop.get("NMDA.gsyn", 1) == 0.0);  // beta: the input enters the rising state first
  CHECK(pop.get("AMPA.gsyn", 0) == 0.0 && pop.get("NMDA.gsyn", 0) == 0.0);
  const int64_t none = 0;
  const int64_t* rows[3] = {&none, &none, &none};
  pop.updateReceptors(2, rows, 3, nullptr, spikes);
  CHECK(pop.get("NMDA.gsyn", 1) > 0.0);
  CHECK(pop.get("NMDA.gsyn", 0) == 0.0);
}

TEST(from_cell_type_picks_the_constructor) {
  CellTypeSpec point;
  point.name = "PointNeuron";
  point.pointNeuron = spec(1, {{"AMPA", ReceptorKind::CondExp}});
  const NeuronPopulation composed = NeuronPopulation::fromCellType(point, 2, kDt, RandomStream{1, 1}, "p");
  CHECK(composed.kind() == ModelKind::PointNeuron);
  CHECK(composed.receptorNames() == std::vector<std::string>{"AMPA"});
  CellTypeSpec standard;
  standard.name = "IF_cond_exp";
  const NeuronPopulation lif = NeuronPopulation::fromCellType(standard, 2, kDt, RandomStream{1, 1}, "p");
  CHECK(lif.kind() == ModelKind::IfCondExp);
  CHECK((lif.receptorNames() == std::vector<std::string>{"excitatory", "inhibitory"}));
}

TEST(parameters_initial_values_and_errors) {
  NeuronPopulation pop(spec(2, {{"AMPA", ReceptorKind::CondAlpha}}), 2, kDt, "network.populations[4]");
  CHECK_NEAR(pop.get("v", 0), -70.6, 0);
  CHECK_NEAR(pop.get("AMPA.tau_syn", 1), 5.0, 0);
  pop.setInitialValue("AMPA.gsyn", {1}, {0.05});
  pop.setInitialValue("w", {0}, {0.1});
  CHECK_NEAR(pop.get("AMPA.gsyn", 1), 0.05, 0);
  CHECK(pop.recordableArray("AMPA.gsyn") != nullptr && pop.recordableArray("AMPA.isyn") == nullptr);
  std::vector<uint32_t> spikes;
  pop.update(1, nullptr, nullptr, nullptr, spikes);
  pop.reset();
  CHECK_NEAR(pop.get("AMPA.gsyn", 1), 0.05, 0);
  CHECK_NEAR(pop.get("w", 0), 0.1, 0);
  bool named = false;
  try {
    pop.setParameter("AMPA.tau_syn", {0}, {-1.0});
  } catch (const Error& e) {
    const std::string m = e.what();
    named = m.find("AMPA.tau_syn") != std::string::npos && m.find("> 0") != std::string::npos &&
            m.find("network.populations[4]") != std::string::npos;
  }
  CHECK(named);
  CHECK_NEAR(pop.get("AMPA.tau_syn", 0), 5.0, 0);  // refused values leave the old ones
  bool listed = false;
  try {
    pop.setParameter("tau_syn_E", {0}, {1.0});
  } catch (const Error& e) {
    listed = std::string(e.what()).find("AMPA.e_syn") != std::string::npos;
  }
  CHECK(listed);
  CHECK_THROWS(pop.setInitialValue("GABAA.gsyn", {0}, {0.0}));
  CHECK_THROWS(NeuronPopulation(spec(0, {}), 1, kDt, "network.populations[0]"));
}
