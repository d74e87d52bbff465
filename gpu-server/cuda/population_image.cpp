#include "population_image.h"

#include <cmath>

#include "tsnn/math/deterministic_math.h"
#include "tsnn/models/lif_propagators.h"

namespace tsnn {
namespace accel {
namespace {

constexpr double kE = 2.718281828459045235360287;  // the literal NeuronPopulation uses

std::vector<double> parameter(const NeuronPopulation& population, const char* name) {
  std::vector<double> values(population.size());
  for (uint32_t i = 0; i < population.size(); ++i) values[i] = population.get(name, i);
  return values;
}

}  // namespace

bool deviceModelOf(const NeuronPopulation& population, DeviceModel& model, std::string& why) {
  switch (population.kind()) {
    case ModelKind::IfCurrExp: model = kIfCurrExp; return true;
    case ModelKind::IfCurrAlpha: model = kIfCurrAlpha; return true;
    case ModelKind::IfCurrDelta: model = kIfCurrDelta; return true;
    case ModelKind::IfCondExp: model = kIfCondExp; return true;  // also IF_facets_hardware1
    case ModelKind::IfCondAlpha: model = kIfCondAlpha; return true;
    case ModelKind::SpikeSourcePoisson: model = kSpikeSourcePoisson; return true;
    case ModelKind::SpikeSourceArray: model = kSpikeSourceArray; return true;
    default:
      why = "cell type " + population.cellType();
      return false;
  }
}

VisibleState visibleStateOf(DeviceModel model) {
  switch (model) {
    case kIfCurrExp:
    case kIfCurrAlpha: return VisibleState{"v", "isyn_exc", "isyn_inh"};
    case kIfCurrDelta: return VisibleState{"v", nullptr, nullptr};
    case kIfCondExp:
    case kIfCondAlpha: return VisibleState{"v", "gsyn_exc", "gsyn_inh"};
    default: return VisibleState{nullptr, nullptr, nullptr};
  }
}

PopulationImage describePopulation(const NeuronPopulation& population, DeviceModel model, uint32_t firstNeuron,
                                   double dt, uint64_t now, uint64_t seed, uint64_t stream) {
  PopulationImage image;
  image.model = model;
  image.size = population.size();
  image.firstNeuron = firstNeuron;
  const uint32_t n = population.size();
  const bool currentBased = model == kIfCurrExp || model == kIfCurrAlpha || model == kIfCurrDelta;
  const bool conductanceBased = model == kIfCondExp || model == kIfCondAlpha;
  if (currentBased || conductanceBased) {
    image.vRest = parameter(population, "v_rest");
    image.vThresh = parameter(population, "v_thresh");
    image.vReset = parameter(population, "v_reset");
    image.iOffset = parameter(population, "i_offset");
    const std::vector<double> tauRefrac = parameter(population, "tau_refrac");
    image.refractorySteps.resize(n);
    for (uint32_t i = 0; i < n; ++i) image.refractorySteps[i] = static_cast<int32_t>(std::llround(tauRefrac[i] / dt));
  }
  if (currentBased) {
    const bool hasSyn = model != kIfCurrDelta;
    const std::vector<double> tauM = parameter(population, "tau_m"), cm = parameter(population, "cm");
    const std::vector<double> tauSynE = hasSyn ? parameter(population, "tau_syn_E") : std::vector<double>(n, 1.0);
    const std::vector<double> tauSynI = hasSyn ? parameter(population, "tau_syn_I") : std::vector<double>(n, 1.0);
    for (auto* a : {&image.p22, &image.p20, &image.p11Exc, &image.p11Inh, &image.p21Exc, &image.p21Inh, &image.p31Exc,
                    &image.p31Inh, &image.p21AlphaExc, &image.p21AlphaInh, &image.alphaScaleExc, &image.alphaScaleInh})
      a->resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      const LifPropagators e = lifPropagators(tauM[i], cm[i], tauSynE[i], dt);
      const LifPropagators in = lifPropagators(tauM[i], cm[i], tauSynI[i], dt);
      image.p22[i] = e.p22;
      image.p20[i] = e.p20;
      image.p11Exc[i] = e.p11;
      image.p11Inh[i] = in.p11;
      image.p21Exc[i] = e.p21;
      image.p21Inh[i] = in.p21;
      image.p31Exc[i] = e.p31;
      image.p31Inh[i] = in.p31;
      image.p21AlphaExc[i] = e.p21Alpha;
      image.p21AlphaInh[i] = in.p21Alpha;
      image.alphaScaleExc[i] = kE / tauSynE[i];
      image.alphaScaleInh[i] = kE / tauSynI[i];
    }
  }
  if (conductanceBased) {
    const std::vector<double> tauM = parameter(population, "tau_m"), cm = parameter(population, "cm");
    const std::vector<double> tauSynE = parameter(population, "tau_syn_E"), tauSynI = parameter(population, "tau_syn_I");
    image.eRevExc = parameter(population, "e_rev_E");
    image.eRevInh = parameter(population, "e_rev_I");
    for (auto* a : {&image.gLeak, &image.invCm, &image.p11Exc, &image.p11Inh, &image.halfDecayExc, &image.halfDecayInh,
                    &image.alphaScaleExc, &image.alphaScaleInh})
      a->resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      image.gLeak[i] = cm[i] / tauM[i];
      image.invCm[i] = 1.0 / cm[i];
      image.p11Exc[i] = std::exp(-dt / tauSynE[i]);
      image.p11Inh[i] = std::exp(-dt / tauSynI[i]);
      image.halfDecayExc[i] = std::exp(-0.5 * dt / tauSynE[i]);
      image.halfDecayInh[i] = std::exp(-0.5 * dt / tauSynI[i]);
      image.alphaScaleExc[i] = kE / tauSynE[i];
      image.alphaScaleInh[i] = kE / tauSynI[i];
    }
  }
  if (model == kSpikeSourcePoisson) {
    const std::vector<double> rate = parameter(population, "rate");
    image.start = parameter(population, "start");
    image.duration = parameter(population, "duration");
    image.lambda.resize(n);
    image.emptyProbability.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      image.lambda[i] = rate[i] * dt / 1000.0;
      image.emptyProbability[i] = dmath::exp(-image.lambda[i]);
    }
    image.seed = seed;
    image.stream = stream;
  }
  if (model == kSpikeSourceArray) {
    // NeuronPopulation::setSpikeTimes puts times on the grid this way (one entry per time: times on one step give
    // multiplicity), and restartSpikeArray(cell, now) starts from the first step after now.
    image.spikeStart.assign(n + 1, 0);
    image.nextSpike.assign(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      const size_t first = image.spikeSteps.size();
      for (double t : population.spikeTimes(i)) image.spikeSteps.push_back(static_cast<uint64_t>(std::llround(t / dt)));
      uint32_t k = static_cast<uint32_t>(first);
      while (k < image.spikeSteps.size() && image.spikeSteps[k] <= now) ++k;
      image.nextSpike[i] = k;
      image.spikeStart[i + 1] = static_cast<uint32_t>(image.spikeSteps.size());
    }
  }
  return image;
}

}  // namespace accel
}  // namespace tsnn
