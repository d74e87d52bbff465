// Izhikevich regular spiking (a=0.02, b=0.2, c=-65, d=8) under a constant current, against an independent
// Euler integration written here: identical spike steps at the same dt (NEST's update order), and a spike count
// close to a 10x finer integration (the Euler discretisation error itself).
#include <cmath>
#include <vector>

#include "testing.h"
#include "tsnn/fixed_point.h"
#include "tsnn/models/neuron_population.h"

using namespace tsnn;

static std::vector<uint64_t> engineSpikes(double dt, double current, uint64_t steps) {
  NeuronPopulation pop("Izhikevich", 1, dt, RandomStream{1, 1}, "p");
  pop.setParameter("d", {0}, {8.0});
  pop.setParameter("i_offset", {0}, {current});
  pop.setInitialValue("v", {0}, {-65.0});
  pop.setInitialValue("u", {0}, {-13.0});
  std::vector<uint32_t> spikes;
  std::vector<uint64_t> out;
  for (uint64_t s = 1; s <= steps; ++s) {
    spikes.clear();
    pop.update(s, nullptr, nullptr, nullptr, spikes);
    if (!spikes.empty()) out.push_back(s);
  }
  return out;
}

static std::vector<uint64_t> referenceSpikes(double dt, double current, uint64_t steps) {
  const double a = 0.02, b = 0.2, c = -65.0, d = 8.0, I = current * 1000.0;  // nA -> pA, C = 1
  double v = -65.0, u = -13.0;
  std::vector<uint64_t> out;
  for (uint64_t s = 1; s <= steps; ++s) {
    const double dv = 0.04 * v * v + 5.0 * v + 140.0 - u + I;
    const double du = a * (b * v - u);
    v += dt * dv;
    u += dt * du;
    if (v >= 30.0) {
      v = c;
      u += d;
      out.push_back(s);
    }
  }
  return out;
}

TEST(izhikevich_regular_spiking_matches_euler_at_the_same_step) {
  const auto engine = engineSpikes(0.1, 0.01, 10000);
  const auto reference = referenceSpikes(0.1, 0.01, 10000);
  CHECK(engine.size() > 5);
  CHECK(engine == reference);
}

TEST(izhikevich_spike_count_converges_with_finer_steps) {
  const double current = 0.01;
  const size_t coarse = engineSpikes(0.1, current, 10000).size();  // 1 s
  const size_t fine = referenceSpikes(0.01, current, 100000).size();
  CHECK(fine > 5);
  CHECK(std::fabs(double(coarse) - double(fine)) <= 0.1 * fine + 1);
}

TEST(izhikevich_synaptic_event_jumps_v_by_w) {
  NeuronPopulation pop("Izhikevich", 1, 0.1, RandomStream{1, 1}, "p");
  const double v0 = pop.get("v", 0), u0 = pop.get("u", 0);
  const int64_t w = toFixed(3.0), none = 0;
  std::vector<uint32_t> spikes;
  pop.update(1, &w, &none, nullptr, spikes);
  const double expected = v0 + 0.1 * (0.04 * v0 * v0 + 5 * v0 + 140 - u0) + 3.0;
  CHECK_NEAR(pop.get("v", 0), expected, 1e-9);
}
