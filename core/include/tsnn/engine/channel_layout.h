// Where synaptic input lands: one channel per (neuron, receptor). Channels are laid out receptor-major over the
// global neuron index, channel = receptor * totalNeurons + globalNeuron, so that
//  - channelOf() is one multiply-add with no lookup (it runs once per synapse at build time or in the hot loop);
//  - the input of one receptor of one population is a contiguous array a neuron model reads with unit stride.
// Populations without a receptor (spike sources) simply never receive; the few unused slots cost little.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tsnn/error.h"

namespace tsnn {

class ChannelLayout {
 public:
  // Populations are added in Network order; receptor names in receptor index order
  // (standard cells: "excitatory", "inhibitory"; spike sources: none).
  void addPopulation(uint32_t size, std::vector<std::string> receptorNames) {
    firstNeuron_.push_back(totalNeurons_);
    sizes_.push_back(size);
    totalNeurons_ += size;
    if (receptorNames.size() > maxReceptors_) maxReceptors_ = static_cast<uint32_t>(receptorNames.size());
    receptorNames_.push_back(std::move(receptorNames));
  }

  uint32_t populationCount() const { return static_cast<uint32_t>(sizes_.size()); }
  uint32_t populationSize(uint32_t population) const { return sizes_.at(population); }
  uint32_t firstNeuron(uint32_t population) const { return firstNeuron_.at(population); }
  uint32_t totalNeurons() const { return totalNeurons_; }
  uint32_t maxReceptors() const { return maxReceptors_; }
  uint32_t channelCount() const { return maxReceptors_ * totalNeurons_; }

  uint32_t receptorCount(uint32_t population) const {
    return static_cast<uint32_t>(receptorNames_.at(population).size());
  }
  const std::vector<std::string>& receptorNames(uint32_t population) const { return receptorNames_.at(population); }

  // The receptor index of `name` in `population`; throws INVALID_ARGUMENT naming the allowed receptors.
  uint32_t receptorIndex(uint32_t population, const std::string& name) const {
    const auto& names = receptorNames_.at(population);
    for (size_t r = 0; r < names.size(); ++r) {
      if (names[r] == name) return static_cast<uint32_t>(r);
    }
    std::string allowed;
    for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
    throw invalidArgument("receptor_type", "population " + std::to_string(population) + " has no receptor '" +
                                               name + "' (allowed: " + (allowed.empty() ? "none" : allowed) + ")");
  }

  uint32_t channelOf(uint32_t globalNeuron, uint32_t receptor) const {
    return receptor * totalNeurons_ + globalNeuron;
  }

  // First channel of receptor `receptor` of `population`: its cells follow contiguously.
  uint32_t firstChannel(uint32_t population, uint32_t receptor) const {
    return channelOf(firstNeuron_.at(population), receptor);
  }

 private:
  std::vector<uint32_t> firstNeuron_;
  std::vector<uint32_t> sizes_;
  std::vector<std::vector<std::string>> receptorNames_;
  uint32_t totalNeurons_ = 0;
  uint32_t maxReceptors_ = 0;
};

}  // namespace tsnn
