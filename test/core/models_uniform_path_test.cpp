// The uniform fast paths (cells sharing every constant; in SIMD pairs on x86-64 and WebAssembly) must give
// bit-identical results to the per-cell path: a population made non-uniform by one extra, different cell runs the
// per-cell path on the same cells.
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

// `cells` uniform cells (pairs and, when odd, a last cell on its own) against the same cells plus one different
// cell. withCurrent: current-source input (else none, the fast paths' hoisted constant); the uniform population
// runs as in the step loop (updateClearingInput), which must leave its input rows zeroed.
static void compare(const char* type, const char* variable, uint32_t cells = 3, bool withCurrent = true) {
  const double dt = 0.1;
  NeuronPopulation uniform(type, cells, dt, RandomStream{1, 1}, "a");
  NeuronPopulation mixed(type, cells + 1, dt, RandomStream{1, 1}, "b");
  for (auto* pop : {&uniform, &mixed}) {
    const uint32_t n = pop->size();
    std::vector<uint32_t> all;
    for (uint32_t i = 0; i < n; ++i) all.push_back(i);
    pop->setParameter("tau_refrac", all, std::vector<double>(n, 2.0));
    pop->setParameter("i_offset", all, std::vector<double>(n, 0.3));
    pop->setInitialValue("v", all, std::vector<double>(n, -55.0));
  }
  mixed.setParameter("tau_m", {cells}, {11.0});  // the extra cell differs: per-cell path
  std::vector<uint32_t> spikesU, spikesM;
  int differences = 0, spikes = 0;
  const bool cond = std::string(type) == "IF_cond_exp", delta = std::string(type) == "IF_curr_delta";
  for (uint64_t s = 1; s <= 3000; ++s) {
    // Drive the cells alike, hard enough to fire, each on its own schedule.
    std::vector<int64_t> exc(cells + 1, 0), inh(cells + 1, 0);
    const double w = cond ? 0.02 : (delta ? 4.0 : 0.8);
    for (uint32_t i = 0; i < cells; ++i) {
      if ((s * (i + 3)) % 17 == 0) exc[i] = toFixed(w * (1.0 + 0.1 * i));
      if ((s * (i + 5)) % 29 == 0) inh[i] = toFixed(cond ? 0.03 : -0.5 - 0.01 * i);
    }
    std::vector<int64_t> excU(exc.begin(), exc.end() - 1), inhU(inh.begin(), inh.end() - 1);
    std::vector<double> injected(cells + 1, 0.0);
    for (uint32_t i = 0; i < cells; i += 2) injected[i] = 0.1 + 0.05 * i;
    spikesU.clear();
    spikesM.clear();
    uniform.updateClearingInput(s, excU.data(), inhU.data(), withCurrent ? injected.data() : nullptr, spikesU);
    mixed.update(s, exc.data(), inh.data(), withCurrent ? injected.data() : nullptr, spikesM);
    for (uint32_t i = 0; i < cells; ++i)
      if (excU[i] != 0 || inhU[i] != 0) ++differences;
    spikes += static_cast<int>(spikesU.size());
    for (uint32_t i = 0; i < cells; ++i) {
      if (uniform.get(variable, i) != mixed.get(variable, i) || uniform.get("v", i) != mixed.get("v", i)) ++differences;
    }
    if (!spikesM.empty() && spikesM.back() == cells) spikesM.pop_back();
    if (spikesU != spikesM) ++differences;
  }
  CHECK(spikes > 10);
  CHECK(differences == 0);
}

TEST(if_curr_exp_uniform_path_is_bit_identical) { compare("IF_curr_exp", "isyn_exc"); }

TEST(if_cond_exp_uniform_path_is_bit_identical) { compare("IF_cond_exp", "gsyn_inh"); }

TEST(if_curr_alpha_uniform_path_is_bit_identical) { compare("IF_curr_alpha", "isyn_inh"); }

TEST(if_curr_delta_uniform_path_is_bit_identical) { compare("IF_curr_delta", "v"); }

// Longer populations (several pairs), without current sources (the hoisted constant term).
TEST(uniform_paths_are_bit_identical_without_current_sources) {
  for (const char* type : {"IF_curr_exp", "IF_cond_exp", "IF_curr_alpha", "IF_curr_delta"}) {
    compare(type, "v", 8, false);
    compare(type, "v", 9, true);
  }
}
