// The integrate-and-fire cells off the uniform path step two at a time where SIMD pairs are built (cell_pairs.h),
// and must give the bits of their per-cell steps. The same cells, every constant different from cell to cell, run
// once as a whole population (pairs, an odd last cell alone) and once in ranges of one cell, which forEachCellPair
// steps by the per-cell code (keeping each cell's index, so GIF's escape draws are the same). Every state variable
// and every spike must agree at every step. Builds without SIMD pairs step both by the per-cell code.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static const double kDt = 0.1;
static const uint32_t kCells = 9;

static void configure(NeuronPopulation& pop, const std::string& type) {
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < kCells; ++i) all.push_back(i);
  auto varied = [&](const char* name, double first, double step) {
    std::vector<double> values;
    for (uint32_t i = 0; i < kCells; ++i) values.push_back(first + step * i);
    pop.setParameter(name, all, values);
  };
  if (type == "Izhikevich") {  // regular spiking to chattering, driven from 0.004 to 0.012 nA
    varied("a", 0.02, 0.001);
    varied("b", 0.2, 0.005);
    varied("c", -65.0, 2.0);
    varied("d", 8.0, -0.7);
    varied("i_offset", 0.004, 0.001);
    return;
  }
  varied("cm", 0.2, 0.03);
  varied("tau_m", 12.0, 1.5);
  varied("v_rest", -66.0, 0.7);
  if (type != "IF_curr_delta") {
    varied("tau_syn_E", 2.0, 0.4);
    varied("tau_syn_I", 4.0, 0.9);
  }
  if (type.rfind("IF_curr", 0) != 0) {
    varied("e_rev_E", -1.0, 0.3);
    varied("e_rev_I", -78.0, 0.5);
  }
  varied("i_offset", 0.5, 0.06);
  varied("tau_refrac", 0.5, 0.3);
  if (type == "GIF_cond_exp") {
    varied("v_t_star", -52.0, 0.4);
    varied("lambda0", 200.0, 40.0);
    varied("delta_v", 0.5, 0.2);
    pop.setSequenceParameters(all, {{"a_eta", {{0.02, 0.01, 0.005}}}, {"a_gamma", {{0.5, 0.3, 0.2}}}});
  } else {
    varied("v_thresh", -52.0, 0.4);
    varied("v_reset", -64.0, 0.6);
  }
  if (type == "IF_cond_exp_gsfa_grr") {
    varied("q_sfa", 1.0, 0.3);
    varied("tau_sfa", 80.0, 15.0);
    varied("q_rr", 100.0, 20.0);
    varied("tau_rr", 1.5, 0.2);
  }
}

static void pairsMatchSingleCells(const std::string& type, const std::vector<std::string>& variables) {
  NeuronPopulation pairs(type, kCells, kDt, RandomStream{3, 7}, "pairs");
  NeuronPopulation single(type, kCells, kDt, RandomStream{3, 7}, "single");
  configure(pairs, type);
  configure(single, type);
  std::vector<uint32_t> pairSpikes, singleSpikes, cellSpikes;
  long spikes = 0, differences = 0;
  for (uint64_t s = 1; s <= 4000; ++s) {
    std::vector<int64_t> exc(kCells, 0), inh(kCells, 0);
    std::vector<double> injected(kCells, 0.0);
    for (uint32_t i = 0; i < kCells; ++i) {
      if ((s * (i + 3)) % 5 == 0) exc[i] = toFixed(0.0041357 * (1.0 + 0.2 * i) * (1.0 + 0.1 * (s % 7)));
      if ((s * (i + 5)) % 11 == 0) inh[i] = toFixed(0.0103 + 0.002 * i);
      if (i % 3 == 0) injected[i] = 0.05 * ((s / 400) % 3);
    }
    std::vector<int64_t> exc2 = exc, inh2 = inh;
    pairSpikes.clear();
    pairs.update(s, exc.data(), inh.data(), injected.data(), pairSpikes);
    singleSpikes.clear();
    single.beginStep(s);
    for (uint32_t i = 0; i < kCells; ++i) {
      cellSpikes.clear();
      single.updateRangeClearingInput(s, i, i + 1, exc2.data(), inh2.data(), injected.data(), cellSpikes);
      singleSpikes.insert(singleSpikes.end(), cellSpikes.begin(), cellSpikes.end());
    }
    single.endStep(s);
    spikes += static_cast<long>(pairSpikes.size());
    if (pairSpikes != singleSpikes) ++differences;
    for (uint32_t i = 0; i < kCells; ++i) {
      for (const std::string& name : variables) {
        const double a = pairs.get(name, i), b = single.get(name, i);
        if (std::memcmp(&a, &b, sizeof a) != 0) ++differences;
      }
    }
  }
  std::printf("  %s: %ld spikes, %ld differences between pairs and single cells\n", type.c_str(), spikes,
              differences);
  CHECK(spikes > 100);
  CHECK(differences == 0);
}

TEST(if_curr_exp_pairs_match_single_cells) { pairsMatchSingleCells("IF_curr_exp", {"v", "isyn_exc", "isyn_inh"}); }

TEST(if_curr_alpha_pairs_match_single_cells) {
  pairsMatchSingleCells("IF_curr_alpha", {"v", "isyn_exc", "isyn_inh"});
}

TEST(if_curr_delta_pairs_match_single_cells) { pairsMatchSingleCells("IF_curr_delta", {"v"}); }

TEST(if_cond_exp_pairs_match_single_cells) {
  pairsMatchSingleCells("IF_cond_exp", {"v", "gsyn_exc", "gsyn_inh"});
}

TEST(if_cond_alpha_pairs_match_single_cells) {
  pairsMatchSingleCells("IF_cond_alpha", {"v", "gsyn_exc", "gsyn_inh"});
}

TEST(if_cond_exp_gsfa_grr_pairs_match_single_cells) {
  pairsMatchSingleCells("IF_cond_exp_gsfa_grr", {"v", "gsyn_exc", "gsyn_inh", "g_s", "g_r"});
}

TEST(izhikevich_pairs_match_single_cells) { pairsMatchSingleCells("Izhikevich", {"v", "u"}); }

TEST(gif_cond_exp_pairs_match_single_cells) {
  pairsMatchSingleCells("GIF_cond_exp", {"v", "gsyn_exc", "gsyn_inh", "i_eta", "v_t"});
}
