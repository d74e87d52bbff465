// Selections and cell sets: how the k-th cell of a PopulationView or Assembly maps to (population, index).
#include <algorithm>

#include "tsnn/network/network_spec.h"

namespace tsnn {

uint32_t SelectionSpec::size() const {
  if (form == Form::Indices) return static_cast<uint32_t>(indices.size());
  if (stop <= start || step == 0) return 0;
  return (stop - start - 1) / step + 1;
}

uint32_t SelectionSpec::at(uint32_t k) const {
  if (form == Form::Indices) return indices[k];
  return start + k * step;
}

void CellSetSpec::locate(uint32_t k, uint32_t& population, uint32_t& index) const {
  // The last part whose offset is <= k (parts may be empty, so upper_bound then step back).
  const auto it = std::upper_bound(partOffsets.begin(), partOffsets.end(), k);
  size_t part = static_cast<size_t>(it - partOffsets.begin()) - 1;
  while (parts[part].size() == 0) --part;
  population = parts[part].population;
  index = parts[part].at(k - partOffsets[part]);
}

}  // namespace tsnn
