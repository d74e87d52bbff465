// Reading connections back (GetConnections) and changing their values (SetSynapseValues), in canonical order.
#include <algorithm>
#include <cmath>

#include "projection_geometry.h"
#include "synaptic_value.h"
#include "tsnn/connectivity/connectivity.h"
#include "tsnn/connectivity/synapse_parameters.h"
#include "tsnn/wire/wire_writer.h"

namespace tsnn {

namespace {

std::string allowedNames(const ProjectionStore& p, const SynapseSpec& synapse) {
  std::string allowed = "weight, delay";
  for (const auto& d : synapseParameterDefaults(synapse)) allowed += ", " + d.first;
  (void)p;
  return allowed;
}

}  // namespace

std::vector<double> Connectivity::values(uint32_t projection, const std::string& name, const std::string& path) const {
  const ProjectionStore& p = projections_.at(projection);
  std::vector<double> out(p.size());
  if (name == "weight") {
    for (uint64_t s = 0; s < p.size(); ++s) out[s] = static_cast<double>(p.weight[s]);
    return out;
  }
  if (name == "delay") {
    for (uint64_t s = 0; s < p.size(); ++s) out[s] = static_cast<double>(p.delayOf(s)) * p.timestep;
    return out;
  }
  const auto uniform = p.uniformValues.find(name);
  if (uniform != p.uniformValues.end()) {
    std::fill(out.begin(), out.end(), uniform->second);
    return out;
  }
  const auto perSynapse = p.perSynapseValues.find(name);
  if (perSynapse != p.perSynapseValues.end()) return perSynapse->second;
  throw invalidArgument(path, "'" + name + "' is not a synaptic variable of projection " + std::to_string(projection) +
                                  " (" + p.dynamics + "; allowed: " + allowedNames(p, network_->projections[projection].synapse) + ")");
}

void Connectivity::indices(uint32_t projection, std::vector<uint32_t>& pre, std::vector<uint32_t>& post) const {
  const ProjectionStore& p = projections_.at(projection);
  pre.resize(p.size());
  post.resize(p.size());
  for (uint32_t i = 0; i < p.nPre; ++i) {
    for (uint32_t s = p.rowStart[i]; s < p.rowStart[i + 1]; ++s) {
      pre[s] = i;
      post[s] = p.postOf(s);
    }
  }
}

std::vector<uint8_t> Connectivity::encodeConnections(const GetConnectionsSpec& request) const {
  const ProjectionStore& p = projections_.at(request.projection);
  std::vector<std::vector<double>> columns;
  for (size_t k = 0; k < request.names.size(); ++k) {
    columns.push_back(values(request.projection, request.names[k], "request.names[" + std::to_string(k) + "]"));
  }
  std::vector<uint32_t> pre, post;
  indices(request.projection, pre, post);
  const uint64_t total = p.size();
  const uint64_t chunk = request.maxConnectionsPerChunk == 0 ? 65536 : request.maxConnectionsPerChunk;
  WireWriter stream;
  uint64_t begin = 0;
  do {
    const uint64_t end = std::min(total, begin + chunk);
    const size_t n = static_cast<size_t>(end - begin);
    WireWriter message;
    message.writePackedUint32(1, pre.data() + begin, n);
    message.writePackedUint32(2, post.data() + begin, n);
    for (const auto& column : columns) {
      WireWriter array;
      array.writePackedDouble(1, column.data() + begin, n);
      message.writeMessageField(3, array);
    }
    message.writeVarintField(4, total);
    stream.writeDelimited(message);
    begin = end;
  } while (begin < total);
  return stream.bytes();
}

void Connectivity::setValues(const SetSynapseValuesSpec& request) {
  const NetworkSpec& network = *network_;
  ProjectionStore& p = projections_.at(request.projection);
  const ProjectionSpec& prj = network.projections[request.projection];
  const ProjectionGeometry geometry(network, prj);
  const auto defaults = synapseParameterDefaults(prj.synapse);
  std::vector<uint32_t> pre, post;
  indices(request.projection, pre, post);
  const uint64_t total = p.size();
  for (const auto& entry : request.values) {
    const std::string& name = entry.first;
    const std::string path = "request.values[\"" + name + "\"]";
    const bool known = name == "weight" || name == "delay" ||
                       std::any_of(defaults.begin(), defaults.end(), [&](const auto& d) { return d.first == name; });
    if (!known) {
      throw invalidArgument(path, "'" + name + "' is not a synaptic variable of projection " + std::to_string(request.projection) +
                                      " (" + p.dynamics + "; allowed: " + allowedNames(p, prj.synapse) + ")");
    }
    const SynapticValue value(entry.second, 0.0, geometry, network.settings.seed, path, total);
    const bool matrix = entry.second.kind == ValueSpec::Kind::Matrix;
    // Compute every new value first, so that a fault leaves the projection unchanged.
    std::vector<double> fresh(total);
    std::vector<uint8_t> change(total, 1);
    for (uint64_t s = 0; s < total; ++s) {
      fresh[s] = value.at(pre[s], post[s], s);
      if (matrix && std::isnan(fresh[s])) change[s] = 0;
    }
    if (name == "weight") {
      for (uint64_t s = 0; s < total; ++s) {
        if (change[s]) p.weight[s] = static_cast<float>(fresh[s]);
      }
    } else if (name == "delay") {
      std::vector<uint32_t> steps(total);
      uint32_t largest = 0;
      for (uint64_t s = 0; s < total; ++s) {
        steps[s] = change[s] ? 0 : p.delayOf(s);
        if (!change[s]) continue;
        if (!std::isfinite(fresh[s]) || fresh[s] < 0.0) {
          throw invalidArgument(path, "delay must be a non-negative number of ms, got " + std::to_string(fresh[s]));
        }
        const double rounded = std::fabs(fresh[s] / p.timestep) + 0.5;
        const double whole = std::floor(rounded);
        if (whole > 2147483647.0) throw invalidArgument(path, "delay is too long");
        steps[s] = whole < 1.0 ? 1u : static_cast<uint32_t>(whole);
        largest = std::max(largest, steps[s]);
      }
      const uint32_t limit = p.wide ? 0xffffffffu : (p.postBits >= 32 ? 0u : (0xffffffffu >> p.postBits));
      if (!p.wide && largest > limit) {
        p.wideDelay.resize(total);
        for (uint64_t s = 0; s < total; ++s) {
          p.wideDelay[s] = p.delayOf(s);
          p.word[s] = p.postOf(s);
        }
        p.wide = true;
        p.postMask = 0xffffffffu;
        notes_.push_back("network.projections[" + std::to_string(request.projection) +
                         "]: new delays exceed the compact layout; using the 12-byte wide layout");
      }
      for (uint64_t s = 0; s < total; ++s) {
        if (p.wide) p.wideDelay[s] = steps[s];
        else p.word[s] = p.postOf(s) | (steps[s] << p.postBits);
      }
    } else {
      auto perSynapse = p.perSynapseValues.find(name);
      if (perSynapse == p.perSynapseValues.end()) {
        const double old = p.uniformValues.count(name) ? p.uniformValues[name] : 0.0;
        if (entry.second.kind == ValueSpec::Kind::Scalar) {
          p.uniformValues[name] = entry.second.scalar;
          continue;
        }
        p.uniformValues.erase(name);
        perSynapse = p.perSynapseValues.emplace(name, std::vector<double>(total, old)).first;
      }
      for (uint64_t s = 0; s < total; ++s) {
        if (change[s]) perSynapse->second[s] = fresh[s];
      }
    }
  }
  updateDelayRange();
}

}  // namespace tsnn
