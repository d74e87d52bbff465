// Connectivity expanded on the device (the CUDA engine's ParallelExpander, tsnn/connectivity/parallel_rule.h):
// the Session's Connectivity hands it every projection in the parallel form, it builds the synapses with the
// launches of expansion_kernels.h, from the same rules and counter-based streams as the host, and copies the
// store back (the host keeps it: GetConnections, SetSynapseValues, and the engine's upload read it there).
// Device memory while a projection is built: 20 bytes per connection (other-side cell, sort key, word, weight)
// plus 4 per cell; freed before the next projection. A projection whose arrays do not fit, or with a row of more
// than kSharedSortKeys synapses that needs sorting, goes to the host.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "step_backend.h"
#include "tsnn/connectivity/parallel_rule.h"
#include "tsnn/session/session.h"

namespace tsnn {
namespace accel {

class DeviceExpander final : public ParallelExpander {
 public:
  explicit DeviceExpander(StepBackend& backend) : backend_(backend) {}

  void countLines(const ParallelRule& rule, std::vector<uint32_t>& counts) override;
  bool fill(const ParallelRule& rule, const std::vector<uint32_t>& lineStart, const std::vector<uint32_t>& preset,
            const std::vector<uint32_t>& firstDraw, ProjectionStore& store) override;

  // Projections built here, and those given back to the host (values that do not fit the compact layout).
  uint32_t projectionsBuilt() const { return built_; }
  uint32_t projectionsGivenBack() const { return givenBack_; }
  uint64_t synapsesBuilt() const { return synapses_; }

 private:
  // fill() on the device; false when a value does not fit or a row is too long to sort there (kSharedSortKeys).
  // Throws RESOURCE_EXHAUSTED when memory runs out.
  bool build(const ParallelRule& rule, const std::vector<uint32_t>& lineStart, const std::vector<uint32_t>& preset,
             const std::vector<uint32_t>& firstDraw, ProjectionStore& store);

  StepBackend& backend_;
  uint32_t built_ = 0, givenBack_ = 0;
  uint64_t synapses_ = 0;
};

// The Session of `network` (a serialized Network), with the device of `backend` expanding the projections it can
// (null: all on the host); `deviceProjections` is set to how many it built. What the server and tsnn-run do to
// build a session for the CUDA engine.
std::unique_ptr<Session> buildSession(StepBackend* backend, const uint8_t* network, size_t size, SessionOptions options,
                                      uint32_t& deviceProjections);

}  // namespace accel
}  // namespace tsnn
