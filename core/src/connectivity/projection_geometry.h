// What a connector rule needs to know about a projection's cells: global identity (for self-connection rules),
// positions and the Space (for distances and displacements). Internal to core/src/connectivity.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "tsnn/expression/expression.h"
#include "tsnn/network/network_spec.h"

namespace tsnn {

class ProjectionGeometry {
 public:
  ProjectionGeometry(const NetworkSpec& network, const ProjectionSpec& projection);

  uint32_t nPre() const { return static_cast<uint32_t>(preGlobal_.size()); }
  uint32_t nPost() const { return static_cast<uint32_t>(postGlobal_.size()); }
  uint32_t preGlobal(uint32_t i) const { return preGlobal_[i]; }
  uint32_t postGlobal(uint32_t j) const { return postGlobal_[j]; }
  uint32_t prePopulation(uint32_t i) const { return prePopulation_[i]; }
  uint32_t postPopulation(uint32_t j) const { return postPopulation_[j]; }

  // Whether (i, j) may be connected under the rule: FORBID drops the same cell, NO_MUTUAL keeps only
  // pre index > post index among cells of one population (and everything between populations).
  bool allowed(uint32_t i, uint32_t j, SelfConnections rule) const {
    if (rule == SelfConnections::Allow) return true;
    if (rule == SelfConnections::Forbid) return preGlobal_[i] != postGlobal_[j];
    if (prePopulation_[i] != postPopulation_[j]) return true;
    return preGlobal_[i] > postGlobal_[j];
  }

  // The distance under the projection's Space (pynn-api.md §9): B' = s (B + offset) for the post position B;
  // d = sqrt(sum over the Space's axes of diff^2), diff = A - B' folded by periodic boundaries. The displacement
  // (d0, d1, d2) = B - A on all three axes is the raw one, without the Space, as PyNN's
  // DisplacementDependentProbabilityConnector computes it (post.positions - pre.positions).
  ExpressionInputs inputs(uint32_t i, uint32_t j) const {
    ExpressionInputs in;
    double sum = 0.0;
    double disp[3];
    for (int a = 0; a < 3; ++a) {
      disp[a] = post_[a][j] - pre_[a][i];
      if (!space_.useAxis[a]) continue;
      const double postCoordinate = space_.scaleFactor * (post_[a][j] + space_.offset);
      double diff = std::fabs(postCoordinate - pre_[a][i]);
      if (space_.periodic[a]) {
        const double range = space_.boundaryMax[a] - space_.boundaryMin[a];
        const double wrapped = range - diff;
        diff = wrapped < diff ? wrapped : diff;
      }
      sum += diff * diff;
    }
    in.d = std::sqrt(sum);
    in.d0 = disp[0];
    in.d1 = disp[1];
    in.d2 = disp[2];
    in.i = static_cast<double>(i);
    in.j = static_cast<double>(j);
    return in;
  }

 private:
  std::vector<uint32_t> preGlobal_, postGlobal_, prePopulation_, postPopulation_;
  std::vector<double> pre_[3], post_[3];
  SpaceSpec space_;
};

}  // namespace tsnn
