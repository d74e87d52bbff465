// Small pieces of NetworkSpecs the core tests put together by hand.
#pragma once

#include <cstdint>
#include <string>

#include "tsnn/network/network_spec.h"

namespace spec_builders {

inline tsnn::ValueSpec scalar(double x) {
  tsnn::ValueSpec v;
  v.kind = tsnn::ValueSpec::Kind::Scalar;
  v.scalar = x;
  return v;
}

// `n` cells of `cellType`, all at the origin.
inline tsnn::PopulationSpec population(const std::string& label, uint32_t n, const std::string& cellType) {
  tsnn::PopulationSpec p;
  p.label = label;
  p.size = n;
  p.cellType.name = cellType;
  p.x.assign(n, 0.0);
  p.y.assign(n, 0.0);
  p.z.assign(n, 0.0);
  return p;
}

}  // namespace spec_builders
