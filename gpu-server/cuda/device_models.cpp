#include "device_models.h"

#include <cmath>

#include "tsnn/models/spike_time_step.h"

namespace tsnn {
namespace accel {

const char* const kDeviceModelNames =
    "IF_curr_exp, IF_curr_alpha, IF_curr_delta, IF_cond_exp, IF_cond_alpha, IF_facets_hardware1, Izhikevich, "
    "EIF_cond_exp_isfa_ista, EIF_cond_alpha_isfa_ista, IF_cond_exp_gsfa_grr, GIF_cond_exp, HH_cond_exp, "
    "PointNeuron (LIF or AdExp, up to 16 receptors), SpikeSourcePoisson, SpikeSourcePoissonRefractory, "
    "SpikeSourceGamma, SpikeSourceInhGamma and SpikeSourceArray";

bool deviceModelOf(const NeuronPopulation& population, DeviceModel& model, std::string& why) {
  switch (population.kind()) {
    case ModelKind::IfCurrExp: model = kIfCurrExp; return true;
    case ModelKind::IfCurrAlpha: model = kIfCurrAlpha; return true;
    case ModelKind::IfCurrDelta: model = kIfCurrDelta; return true;
    case ModelKind::IfCondExp: model = kIfCondExp; return true;  // also IF_facets_hardware1
    case ModelKind::IfCondAlpha: model = kIfCondAlpha; return true;
    case ModelKind::Izhikevich: model = kIzhikevich; return true;
    case ModelKind::EifCondExp: model = kEifCondExp; return true;
    case ModelKind::EifCondAlpha: model = kEifCondAlpha; return true;
    case ModelKind::IfCondExpGsfaGrr: model = kIfCondExpGsfaGrr; return true;
    case ModelKind::GifCondExp: model = kGifCondExp; return true;
    case ModelKind::HhCondExp: model = kHhCondExp; return true;
    case ModelKind::SpikeSourcePoisson: model = kSpikeSourcePoisson; return true;
    case ModelKind::SpikeSourcePoissonRefractory: model = kSpikeSourcePoissonRefractory; return true;
    case ModelKind::SpikeSourceGamma: model = kSpikeSourceGamma; return true;
    case ModelKind::SpikeSourceInhGamma: model = kSpikeSourceInhGamma; return true;
    case ModelKind::SpikeSourceArray: model = kSpikeSourceArray; return true;
    case ModelKind::PointNeuron:
      if (population.receptorNames().size() > kMaxDeviceReceptors) {
        why = "a PointNeuron with " + std::to_string(population.receptorNames().size()) + " receptors";
        return false;
      }
      model = kPointNeuron;
      return true;
    default:
      why = "cell type " + population.cellType();
      return false;
  }
}

SpikeArrayTable spikeArrayTable(const NeuronPopulation& population, double dt, uint64_t now) {
  // NeuronPopulation::setSpikeTimes puts times on the grid this way (one entry per time: times on one step give
  // multiplicity), and restartSpikeArray(cell, now) starts from the first step after now.
  SpikeArrayTable table;
  const uint32_t n = population.size();
  table.start.assign(n + 1, 0);
  table.next.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const size_t first = table.steps.size();
    for (double t : population.spikeTimes(i)) table.steps.push_back(spikeTimeStep(t, dt));
    uint32_t k = static_cast<uint32_t>(first);
    while (k < table.steps.size() && table.steps[k] <= now) ++k;
    table.next[i] = k;
    table.start[i + 1] = static_cast<uint32_t>(table.steps.size());
  }
  return table;
}

}  // namespace accel
}  // namespace tsnn
