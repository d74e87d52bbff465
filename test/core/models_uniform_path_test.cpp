// The uniform fast paths (cells sharing every constant) must give bit-identical results to the per-cell path:
// a population made non-uniform by one extra, different cell runs the per-cell path on the same cells.
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static void compare(const char* type, const char* variable) {
  const double dt = 0.1;
  NeuronPopulation uniform(type, 3, dt, RandomStream{1, 1}, "a");
  NeuronPopulation mixed(type, 4, dt, RandomStream{1, 1}, "b");
  for (auto* pop : {&uniform, &mixed}) {
    const uint32_t n = pop->size();
    std::vector<uint32_t> all;
    for (uint32_t i = 0; i < n; ++i) all.push_back(i);
    pop->setParameter("tau_refrac", all, std::vector<double>(n, 2.0));
    pop->setParameter("i_offset", all, std::vector<double>(n, 0.3));
    pop->setInitialValue("v", all, std::vector<double>(n, -55.0));
  }
  mixed.setParameter("tau_m", {3}, {11.0});  // the fourth cell differs: per-cell path
  std::vector<uint32_t> spikesU, spikesM;
  int differences = 0, spikes = 0;
  for (uint64_t s = 1; s <= 3000; ++s) {
    // Drive the first three cells identically, hard enough to fire.
    std::vector<int64_t> exc(4, 0), inh(4, 0);
    const double w = std::string(type) == "IF_cond_exp" ? 0.02 : (std::string(type) == "IF_curr_delta" ? 4.0 : 0.8);
    for (int i = 0; i < 3; ++i) {
      if ((s * (i + 3)) % 17 == 0) exc[i] = toFixed(w);
      if ((s * (i + 5)) % 29 == 0) inh[i] = toFixed(std::string(type) == "IF_cond_exp" ? 0.03 : -0.5);
    }
    std::vector<double> injected{0.1, 0.0, 0.2, 0.0};
    spikesU.clear();
    spikesM.clear();
    uniform.update(s, exc.data(), inh.data(), injected.data(), spikesU);
    mixed.update(s, exc.data(), inh.data(), injected.data(), spikesM);
    spikes += static_cast<int>(spikesU.size());
    for (uint32_t i = 0; i < 3; ++i) {
      if (uniform.get(variable, i) != mixed.get(variable, i) || uniform.get("v", i) != mixed.get("v", i)) ++differences;
    }
    if (!spikesM.empty() && spikesM.back() == 3) spikesM.pop_back();
    if (spikesU != spikesM) ++differences;
  }
  CHECK(spikes > 10);
  CHECK(differences == 0);
}

TEST(if_curr_exp_uniform_path_is_bit_identical) { compare("IF_curr_exp", "isyn_exc"); }

TEST(if_cond_exp_uniform_path_is_bit_identical) { compare("IF_cond_exp", "gsyn_inh"); }

TEST(if_curr_alpha_uniform_path_is_bit_identical) { compare("IF_curr_alpha", "isyn_inh"); }

TEST(if_curr_delta_uniform_path_is_bit_identical) { compare("IF_curr_delta", "v"); }
