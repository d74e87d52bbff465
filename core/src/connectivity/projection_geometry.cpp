#include "projection_geometry.h"

namespace tsnn {

namespace {

void collect(const NetworkSpec& network, const CellSetSpec& cells, std::vector<uint32_t>& global,
             std::vector<uint32_t>& population, std::vector<double> (&positions)[3]) {
  const uint32_t n = cells.size();
  global.resize(n);
  population.resize(n);
  for (auto& axis : positions) axis.resize(n);
  uint32_t k = 0;
  for (const auto& part : cells.parts) {
    const PopulationSpec& pop = network.populations[part.population];
    for (uint32_t q = 0, size = part.size(); q < size; ++q, ++k) {
      const uint32_t index = part.at(q);
      global[k] = pop.firstGlobal + index;
      population[k] = part.population;
      positions[0][k] = pop.x[index];
      positions[1][k] = pop.y[index];
      positions[2][k] = pop.z[index];
    }
  }
}

}  // namespace

ProjectionGeometry::ProjectionGeometry(const NetworkSpec& network, const ProjectionSpec& projection)
    : space_(projection.space) {
  collect(network, projection.pre, preGlobal_, prePopulation_, pre_);
  collect(network, projection.post, postGlobal_, postPopulation_, post_);
}

}  // namespace tsnn
