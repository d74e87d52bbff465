// The uniform fast paths (cells sharing every constant; in SIMD pairs on x86-64 and WebAssembly) must give
// bit-identical results to the per-cell path: a population made non-uniform by one extra, different cell runs the
// per-cell path on the same cells.
#include <string>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

// What the uniform population does besides its usual step (updateClearingInput, which keeps the refractory list of
// the SIMD pairs, refractory_list.h): at times a step in two ranges (as two threads take it: the list is dropped),
// v set between steps (a refractory current-based cell set at threshold spikes), reset().
struct Writers {
  bool ranges = false, setV = false, reset = false;
};

// `cells` uniform cells (pairs and, when odd, a last cell on its own) against the same cells plus one different
// cell. withCurrent: current-source input (else none, the fast paths' hoisted constant); the uniform population
// runs as in the step loop (updateClearingInput), which must leave its input rows zeroed.
static void compare(const char* type, const char* variable, uint32_t cells = 3, bool withCurrent = true,
                    Writers writers = {}) {
  const double dt = 0.1;
  NeuronPopulation uniform(type, cells, dt, RandomStream{1, 1}, "a");
  NeuronPopulation mixed(type, cells + 1, dt, RandomStream{1, 1}, "b");
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < cells; ++i) all.push_back(i);
  for (auto* pop : {&uniform, &mixed}) {
    const uint32_t n = pop->size();
    std::vector<uint32_t> every;
    for (uint32_t i = 0; i < n; ++i) every.push_back(i);
    pop->setParameter("tau_refrac", every, std::vector<double>(n, 2.0));
    pop->setParameter("i_offset", every, std::vector<double>(n, 0.3));
    pop->setInitialValue("v", every, std::vector<double>(n, -55.0));
  }
  mixed.setParameter("tau_m", {cells}, {11.0});  // the extra cell differs: per-cell path
  std::vector<uint32_t> spikesU, spikesM;
  int differences = 0, spikes = 0;
  uint64_t lastReset = 0;
  const bool cond = std::string(type).rfind("IF_cond", 0) == 0, delta = std::string(type) == "IF_curr_delta";
  // An alpha conductance peaks at its weight after tau_syn, the exponential one at once: twice the weight.
  const double condWeight = std::string(type) == "IF_cond_alpha" ? 0.04 : 0.02;
  for (uint64_t s = 1; s <= 3000; ++s) {
    if (writers.setV && s % 250 == 0) {
      for (auto* pop : {&uniform, &mixed}) pop->setInitialValue("v", all, std::vector<double>(cells, -45.0));
    }
    // Reset with cells refractory: just after a spike.
    if (writers.reset && s >= lastReset + 500 && !spikesU.empty()) {
      uniform.reset();
      mixed.reset();
      lastReset = s;
    }
    // Drive the cells alike, hard enough to fire, each on its own schedule.
    std::vector<int64_t> exc(cells + 1, 0), inh(cells + 1, 0);
    const double w = cond ? condWeight : (delta ? 4.0 : 0.8);
    for (uint32_t i = 0; i < cells; ++i) {
      if ((s * (i + 3)) % 17 == 0) exc[i] = toFixed(w * (1.0 + 0.1 * i));
      if ((s * (i + 5)) % 29 == 0) inh[i] = toFixed(cond ? 0.03 : -0.5 - 0.01 * i);
    }
    std::vector<int64_t> excU(exc.begin(), exc.end() - 1), inhU(inh.begin(), inh.end() - 1);
    std::vector<double> injected(cells + 1, 0.0);
    for (uint32_t i = 0; i < cells; i += 2) injected[i] = 0.1 + 0.05 * i;
    const double* current = withCurrent ? injected.data() : nullptr;
    spikesU.clear();
    spikesM.clear();
    if (writers.ranges && (s / 100) % 3 == 1) {
      const uint32_t middle = cells / 2;
      std::vector<uint32_t> second;
      uniform.beginStep(s);
      uniform.updateRangeClearingInput(s, 0, middle, excU.data(), inhU.data(), current, spikesU);
      uniform.updateRangeClearingInput(s, middle, cells, excU.data(), inhU.data(), current, second);
      uniform.endStep(s);
      spikesU.insert(spikesU.end(), second.begin(), second.end());
    } else {
      uniform.updateClearingInput(s, excU.data(), inhU.data(), current, spikesU);
    }
    mixed.update(s, exc.data(), inh.data(), current, spikesM);
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

TEST(if_cond_alpha_uniform_path_is_bit_identical) { compare("IF_cond_alpha", "gsyn_exc"); }

TEST(if_curr_alpha_uniform_path_is_bit_identical) { compare("IF_curr_alpha", "isyn_inh"); }

TEST(if_curr_delta_uniform_path_is_bit_identical) { compare("IF_curr_delta", "v"); }

// Longer populations (several pairs), without current sources (the hoisted constant term).
TEST(uniform_paths_are_bit_identical_without_current_sources) {
  for (const char* type : {"IF_curr_exp", "IF_cond_exp", "IF_cond_alpha", "IF_curr_alpha", "IF_curr_delta"}) {
    compare(type, "v", 8, false);
    compare(type, "v", 9, true);
  }
}

// The refractory list kept by the pair loops against every other writer of the counters and voltages.
TEST(uniform_paths_are_bit_identical_through_ranges_set_v_and_reset) {
  for (const char* type : {"IF_curr_exp", "IF_cond_exp", "IF_cond_alpha", "IF_curr_alpha", "IF_curr_delta"}) {
    compare(type, "v", 9, true, Writers{true, true, true});
    compare(type, "v", 12, false, Writers{true, true, false});
  }
}

// settleListed against a list that no writer of the counters dropped: an Internal error, not a write past the list
// or a free cell held as refractory. And a list kept in step: the listed cell counts down, the spike joins.
TEST(refractory_list_out_of_step_with_the_counters_is_an_error) {
  const RefractoryRule rule{-50.0, -65.0, 3, true};
  int32_t refractory[4] = {0, 2, 0, 0};
  double v[4] = {-60.0, -65.0, -60.0, -60.0};
  uint32_t spikes[4] = {2};
  RefractoryList list;
  listRefractory(list, refractory, 4, 4);
  CHECK(list.count == 1 && list.cells[0] == 1);
  refractory[2] = rule.refractorySteps;  // cell 2 spiked in the pairs
  CHECK(settleListed(list, rule, v, refractory, spikes, 1) == 1);
  CHECK(list.count == 2 && list.cells[0] == 1 && list.cells[1] == 2);
  CHECK(refractory[1] == 1 && v[1] == rule.vReset);

  refractory[1] = 0;  // as reset() would, without dropping the list
  CHECK_THROWS_AS(settleListed(list, rule, v, refractory, spikes, 0), Error);

  RefractoryList full;
  int32_t allRefractory[2] = {1, 1};
  listRefractory(full, allRefractory, 2, 2);
  uint32_t oneSpike[1] = {0};
  CHECK_THROWS_AS(settleListed(full, rule, v, allRefractory, oneSpike, 1), Error);
}
