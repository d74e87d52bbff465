// Reading connections back (GetConnections) and changing their values (SetSynapseValues), in canonical order.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "delay_steps.h"
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
    for (uint64_t s = 0; s < p.size(); ++s) out[s] = p.weightReadBack(s);
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
  // One accessor per requested name; values are produced chunk by chunk so the peak memory is one chunk.
  struct Column {
    int kind;  // 0 weight, 1 delay, 2 uniform, 3 per synapse
    double uniform;
    const std::vector<double>* perSynapse;
  };
  std::vector<Column> columns;
  for (size_t k = 0; k < request.names.size(); ++k) {
    const std::string& name = request.names[k];
    // A shared weight is turned into its decimal once (shortestDecimalOf costs about 15 ns a value).
    if (name == "weight" && p.weightUniform && p.plasticWeight.empty()) columns.push_back({2, p.weightReadBack(0), nullptr});
    else if (name == "weight") columns.push_back({0, 0.0, nullptr});
    else if (name == "delay") columns.push_back({1, 0.0, nullptr});
    else if (p.uniformValues.count(name)) columns.push_back({2, p.uniformValues.at(name), nullptr});
    else if (p.perSynapseValues.count(name)) columns.push_back({3, 0.0, &p.perSynapseValues.at(name)});
    else values(request.projection, name, "request.names[" + std::to_string(k) + "]");  // throws, naming the allowed
  }
  const uint64_t total = p.size();
  const uint64_t chunk = request.maxConnectionsPerChunk == 0 ? 65536 : request.maxConnectionsPerChunk;
  WireWriter stream;
  std::vector<uint32_t> pre, post;
  std::vector<double> column;
  uint64_t begin = 0;
  uint32_t row = 0;
  do {
    const uint64_t end = std::min(total, begin + chunk);
    const size_t n = static_cast<size_t>(end - begin);
    pre.resize(n);
    post.resize(n);
    for (uint64_t s = begin; s < end; ++s) {
      while (p.rowStart[row + 1] <= s) ++row;
      pre[s - begin] = row;
      post[s - begin] = p.postOf(s);
    }
    WireWriter message;
    message.writePackedUint32(1, pre.data(), n);
    message.writePackedUint32(2, post.data(), n);
    for (const Column& c : columns) {
      column.resize(n);
      for (uint64_t s = begin; s < end; ++s) {
        double v;
        switch (c.kind) {
          case 0: v = p.weightReadBack(s); break;
          case 1: v = static_cast<double>(p.delayOf(s)) * p.timestep; break;
          case 2: v = c.uniform; break;
          default: v = (*c.perSynapse)[s];
        }
        column[s - begin] = v;
      }
      WireWriter array;
      array.writePackedDouble(1, column.data(), n);
      message.writeMessageField(3, array);
    }
    message.writeVarintField(4, total);
    stream.writeDelimited(message);
    begin = end;
  } while (begin < total);
  return stream.bytes();
}

void Connectivity::setValues(const SetSynapseValuesSpec& request, const std::function<void(uint32_t)>& beforeDelays) {
  const NetworkSpec& network = *network_;
  ProjectionStore& p = projections_.at(request.projection);
  const ProjectionSpec& prj = network.projections[request.projection];
  const ProjectionGeometry geometry(network, prj);
  const auto defaults = synapseParameterDefaults(prj.synapse);
  const uint64_t total = p.size();
  // Visits every connection (i, j, s) in canonical order.
  auto forEachSynapse = [&](auto&& visit) {
    for (uint32_t i = 0; i < p.nPre; ++i) {
      for (uint32_t s = p.rowStart[i]; s < p.rowStart[i + 1]; ++s) visit(i, p.postOf(s), s);
    }
  };
  // Every entry is checked before any is written, so that a fault leaves the projection unchanged: first each
  // value on its own, then the values of one synapse together (STDP's bounds and weight); the write pass
  // recomputes each value (they are pure functions of (i, j, s)), keeping the peak memory flat.
  std::map<std::string, uint32_t> largestDelays;
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
    uint32_t largestDelay = 0;
    if (plasticity_) plasticity_->checkForm(request.projection, name, entry.second.kind == ValueSpec::Kind::Scalar, path);
    forEachSynapse([&](uint32_t i, uint32_t j, uint32_t s) {
      const double x = value.at(i, j, s);
      if (matrix && std::isnan(x)) return;
      if (plasticity_) plasticity_->checkValue(request.projection, name, x, path);
      if (name == "delay") largestDelay = std::max(largestDelay, delaySteps(x, p.timestep, path));
    });
    largestDelays[name] = largestDelay;
  }
  if (plasticity_ && plasticity_->isStdp(request.projection)) {
    // The new value of w_min, w_max or weight where the request has one (NaN where a matrix leaves a pair out).
    std::vector<std::unique_ptr<SynapticValue>> given(3);
    const char* names[3] = {"w_min", "w_max", "weight"};
    for (int k = 0; k < 3; ++k) {
      const auto entry = request.values.find(names[k]);
      if (entry != request.values.end()) {
        given[k] = std::make_unique<SynapticValue>(entry->second, 0.0, geometry, network.settings.seed,
                                                   "request.values[\"" + std::string(names[k]) + "\"]", total);
      }
    }
    if (given[0] || given[1] || given[2]) {
      forEachSynapse([&](uint32_t i, uint32_t j, uint32_t s) {
        double x[3];
        const double* v[3];
        for (int k = 0; k < 3; ++k) {
          x[k] = given[k] ? given[k]->at(i, j, s) : NAN;
          v[k] = std::isnan(x[k]) ? nullptr : &x[k];
        }
        plasticity_->checkSetBounds(request.projection, s, v[0], v[1], v[2], "request.values");
      });
    }
  }
  for (const auto& entry : request.values) {
    const std::string& name = entry.first;
    const std::string path = "request.values[\"" + name + "\"]";
    const SynapticValue value(entry.second, 0.0, geometry, network.settings.seed, path, total);
    const bool matrix = entry.second.kind == ValueSpec::Kind::Matrix;
    const uint32_t largestDelay = largestDelays[name];
    if (name == "weight") {
      p.expandWeights();
      forEachSynapse([&](uint32_t i, uint32_t j, uint32_t s) {
        const double x = value.at(i, j, s);
        if (matrix && std::isnan(x)) return;
        p.weight[s] = static_cast<float>(x);
        if (!p.plasticWeight.empty()) p.plasticWeight[s] = x;
      });
      p.measureWeights();
    } else if (name == "delay") {
      if (beforeDelays) beforeDelays(largestDelay);
      const uint32_t limit = p.wide ? 0xffffffffu : (p.postBits >= 32 ? 0u : (0xffffffffu >> p.postBits));
      if (!p.wide && largestDelay > limit) {
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
      forEachSynapse([&](uint32_t i, uint32_t j, uint32_t s) {
        const double x = value.at(i, j, s);
        if (matrix && std::isnan(x)) return;
        const uint32_t steps = delaySteps(x, p.timestep, path);
        if (p.wide) p.wideDelay[s] = steps;
        else p.word[s] = j | (steps << p.postBits);
      });
      p.measureDelays();
    } else {
      auto perSynapse = p.perSynapseValues.find(name);
      if (perSynapse == p.perSynapseValues.end()) {
        const double old = p.uniformValues.count(name) ? p.uniformValues[name] : 0.0;
        if (entry.second.kind == ValueSpec::Kind::Scalar) {
          p.uniformValues[name] = entry.second.scalar;
          if (plasticity_) plasticity_->valuesChanged(request.projection, name);
          continue;
        }
        p.uniformValues.erase(name);
        perSynapse = p.perSynapseValues.emplace(name, std::vector<double>(total, old)).first;
      }
      std::vector<double>& out = perSynapse->second;
      forEachSynapse([&](uint32_t i, uint32_t j, uint32_t s) {
        const double x = value.at(i, j, s);
        if (!(matrix && std::isnan(x))) out[s] = x;
      });
    }
    if (plasticity_) plasticity_->valuesChanged(request.projection, name);
  }
  updateDelayRange();
  planOneToOneDrives();
}

}  // namespace tsnn
