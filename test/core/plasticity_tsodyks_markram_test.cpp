// Tsodyks-Markram synapses: the effective weight of every spike of a regular 20 Hz train equals the event form of
// pynn-api.md §6 (z-form, computed here independently of the engine's x-form), for a depressing and a
// facilitating synapse; u is readable and settable, and Reset restarts the dynamics.
#include <cmath>
#include <vector>

#include "plasticity_test_network.h"
#include "testing.h"
#include "tsnn/error.h"

using namespace tsnn;
using namespace plasticity_testing;

namespace {

constexpr double kTauSyn = 5.0;  // the post cell's tau_syn_E, the synapse's tau_psc

// Effective weights w·x·u per spike from the reference event equations; the first spike follows t = 0 by `first`.
std::vector<double> referenceWeights(double w, double U, double tauRec, double tauFacil, double u0,
                                     const std::vector<double>& spikeTimes) {
  double x = 1.0, y = 0.0, z = 0.0, u = u0, last = 0.0;
  std::vector<double> out;
  for (double t : spikeTimes) {
    const double delta = t - last;
    last = t;
    z = z * std::exp(-delta / tauRec) + y * (std::exp(-delta / kTauSyn) - std::exp(-delta / tauRec)) / (kTauSyn / tauRec - 1.0);
    y = y * std::exp(-delta / kTauSyn);
    x = 1.0 - y - z;
    if (tauFacil > 0.0) {
      u = u * std::exp(-delta / tauFacil);
      u = u + U * (1.0 - u);
    } else {
      u = U;
    }
    out.push_back(w * x * u);
    y = y + x * u;
  }
  return out;
}

SynapseSpec tsodyksMarkram(double U, double tauRec, double tauFacil) {
  SynapseSpec s;
  s.dynamics = "TsodyksMarkramSynapse";
  s.parameters["U"] = scalar(U);
  s.parameters["tau_rec"] = scalar(tauRec);
  s.parameters["tau_facil"] = scalar(tauFacil);
  return s;
}

void setTauSyn(TestNetwork& t, double tau) {
  t.connectivity->plasticity()->readPostParameters([tau](uint32_t, uint32_t, const std::string& name) {
    return name == "tau_syn_E" ? tau : NAN;
  });
}

// Delivers a 20 Hz train (first spike at 10 ms) of pre cell 0 and returns what reached post cell 0.
std::vector<double> deliverTrain(TestNetwork& t, int spikes, std::vector<double>& times) {
  std::vector<double> got;
  times.clear();
  for (int n = 0; n < spikes; ++n) {
    const uint64_t step = 100 + 500 * static_cast<uint64_t>(n);
    t.advanceTo(step);
    t.connectivity->deliver(0, t.input);
    got.push_back(t.deliveredTo(0, 10));
    times.push_back(step * 0.1);
  }
  return got;
}

void checkTrain(double U, double tauRec, double tauFacil, bool depressing) {
  const double w = 0.5;
  auto t = build(1, 1, {0}, {0}, w, 1.0, tsodyksMarkram(U, tauRec, tauFacil));
  setTauSyn(*t, kTauSyn);
  std::vector<double> times;
  const std::vector<double> got = deliverTrain(*t, 12, times);
  const std::vector<double> want = referenceWeights(w, U, tauRec, tauFacil, 0.0, times);
  for (size_t n = 0; n < want.size(); ++n) CHECK_NEAR(got[n], want[n], 1e-9);  // fixed point: 2^-32 resolution
  // The train really is depressing (facilitating): the last response is well below (above) the first.
  if (depressing) CHECK(got.back() < 0.5 * got.front());
  else CHECK(got.back() > 2.0 * got.front());
}

}  // namespace

TEST(depressing_synapse_follows_the_event_equations) { checkTrain(0.5, 800.0, 0.0, true); }

TEST(facilitating_synapse_follows_the_event_equations) { checkTrain(0.04, 100.0, 1000.0, false); }

TEST(u_is_readable_settable_and_reset_restores_it) {
  auto t = build(2, 2, {0, 1}, {1, 0}, 1.0, 1.0, tsodyksMarkram(0.04, 100.0, 1000.0));
  setTauSyn(*t, kTauSyn);
  Connectivity& c = *t->connectivity;
  CHECK(c.values(0, "u", "u")[0] == 0.0);
  SetSynapseValuesSpec set;
  set.projection = 0;
  set.values["u"] = scalar(0.3);
  c.setValues(set);
  CHECK(c.values(0, "u", "u")[1] == 0.3);
  // First spike 10 ms after t = 0: u = 0.3·e^{-10/1000} + U(1 - that).
  t->advanceTo(100);
  c.deliver(0, t->input);
  const double decayed = 0.3 * std::exp(-10.0 / 1000.0);
  const double u1 = decayed + 0.04 * (1.0 - decayed);
  CHECK_NEAR(c.values(0, "u", "u")[0], u1, 1e-15);
  CHECK(c.values(0, "u", "u")[1] == 0.3);  // the other pre cell has not fired
  CHECK_NEAR(t->deliveredTo(1, 10), u1, 1e-9);
  c.plasticity()->reset();
  CHECK(c.values(0, "u", "u")[0] == 0.3);
}

TEST(tau_rec_equal_to_tau_syn_is_refused) {
  auto t = build(1, 1, {0}, {0}, 1.0, 1.0, tsodyksMarkram(0.5, kTauSyn, 0.0));
  CHECK_THROWS(setTauSyn(*t, kTauSyn));
}


TEST(a_named_receptor_takes_its_own_tau_syn_or_tau_decay) {
  // PointNeuron receptors are named; their time constant is <receptor>.tau_syn (exponential) or .tau_decay (beta).
  auto t = build(1, 1, {0}, {0}, 1.0, 1.0, tsodyksMarkram(0.5, 800.0, 0.0));
  t->network.projections[0].receptorType = "AMPA";
  std::vector<std::string> asked;
  auto lookup = [&](const std::string& known, double value) {
    return [&asked, known, value](uint32_t, uint32_t, const std::string& name) {
      asked.push_back(name);
      return name == known ? value : NAN;
    };
  };
  Plasticity& plasticity = *t->connectivity->plasticity();
  plasticity.readPostParameters(lookup("AMPA.tau_decay", 7.0));
  CHECK((asked == std::vector<std::string>{"AMPA.tau_syn", "AMPA.tau_decay"}));
  // Two spikes 20 ms apart: the second releases U·x with x computed with tau_psc = 7 (reference z-form).
  t->advanceTo(100);
  t->connectivity->deliver(0, t->input);
  t->advanceTo(300);
  t->connectivity->deliver(0, t->input);
  const double h = 20.0, tauPsc = 7.0, tauRec = 800.0;
  const double y = 0.5 * std::exp(-h / tauPsc);
  const double z = 0.5 * (std::exp(-h / tauPsc) - std::exp(-h / tauRec)) / (tauPsc / tauRec - 1.0);
  CHECK_NEAR(t->deliveredTo(0, 10), 0.5 * (1.0 - y - z), 1e-9);
  asked.clear();
  CHECK_THROWS_AS(plasticity.readPostParameters(lookup("NMDA.tau_syn", 7.0)), Error);
}
