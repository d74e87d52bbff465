// Decoders of the simulator.proto request messages, each checked against the network it will be applied to.
// Paths start with "request" (e.g. request.parameters["tau_m"]).
#include <algorithm>

#include "decode_common.h"
#include "tsnn/network/cell_type_catalog.h"

namespace tsnn {

using namespace decode;

namespace {

// Population-level values of a request: names known for the cell type, arrays one per selected cell.
void checkRequestValues(const NetworkSpec& net, const SelectionSpec& cells, const ValueMap& values, bool initial,
                        const std::string& path) {
  const PopulationSpec& pop = net.populations[cells.population];
  checkCellValues(pop, values, initial, cells.size(), path);
}

SelectionSpec requestSelection(WireReader reader, const NetworkSpec& net, bool& seen) {
  SelectionSpec cells = selection(reader);
  seen = true;
  checkSelection(cells, net.populations, reader.path());
  return cells;
}

void requireCells(bool seen) {
  if (!seen) throw invalidArgument("request.cells", "cells are missing");
}

}  // namespace

RunRequestSpec decodeRunRequest(const uint8_t* data, size_t size) {
  RunRequestSpec result;
  WireReader reader(data, size, "request");
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::Varint) result.steps = reader.readVarint();
    else if (field == 3 && type == WireType::Varint) result.progressEverySteps = reader.readUint32();
    else if (field == 4 && type == WireType::Varint) result.chunkSteps = reader.readUint32();
    else reader.skip(type);
  }
  return result;
}

void decodeResetRequest(const uint8_t* data, size_t size) {
  WireReader reader(data, size, "request");
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) reader.skip(type);
}

namespace {

// SetParameters and Initialize share one shape: the cells (field 2) and a map<string, Value> (field 3).
void decodeCellValues(const uint8_t* data, size_t size, const NetworkSpec& net, const char* mapPath, bool initial,
                      SelectionSpec& cells, ValueMap& values) {
  WireReader reader(data, size, "request");
  bool seen = false;
  std::vector<WireReader> entries;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::LengthDelimited) cells = requestSelection(reader.readMessage("request.cells"), net, seen);
    else if (field == 3 && type == WireType::LengthDelimited) entries.push_back(reader.readMessage(mapPath));
    else reader.skip(type);
  }
  requireCells(seen);
  for (auto& entry : entries) {
    auto decoded = valueMapEntry(entry, mapPath);
    values[decoded.first] = std::move(decoded.second);
  }
  checkRequestValues(net, cells, values, initial, mapPath);
}

}  // namespace

SetParametersSpec decodeSetParametersRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  SetParametersSpec result;
  decodeCellValues(data, size, net, "request.parameters", false, result.cells, result.parameters);
  return result;
}

InitializeSpec decodeInitializeRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  InitializeSpec result;
  decodeCellValues(data, size, net, "request.initial_values", true, result.cells, result.initialValues);
  return result;
}

UpdateSpikeTimesSpec decodeUpdateSpikeTimesRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  UpdateSpikeTimesSpec result;
  WireReader reader(data, size, "request");
  bool seen = false;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::LengthDelimited) result.cells = requestSelection(reader.readMessage("request.cells"), net, seen);
    else if (field == 3 && type == WireType::LengthDelimited) result.spikeTimes = sequenceList(reader.readMessage("request.spike_times"));
    else reader.skip(type);
  }
  requireCells(seen);
  const PopulationSpec& pop = net.populations[result.cells.population];
  if (pop.cellType.name != "SpikeSourceArray") {
    throw invalidArgument("request.cells.population", "population '" + pop.label + "' is a " + pop.cellType.name +
                                                          ", not a SpikeSourceArray");
  }
  if (result.spikeTimes.size() != 1 && result.spikeTimes.size() != result.cells.size()) {
    throw invalidArgument("request.spike_times", "needs 1 sequence or one per selected cell (" +
                                                     std::to_string(result.cells.size()) + "), got " +
                                                     std::to_string(result.spikeTimes.size()));
  }
  for (size_t c = 0; c < result.spikeTimes.size(); ++c) {
    const auto& times = result.spikeTimes[c];
    for (size_t k = 1; k < times.size(); ++k) {
      if (times[k] < times[k - 1]) throw invalidArgument(indexPath("request.spike_times", "items", c), "spike times must be sorted in increasing order");
    }
  }
  return result;
}

SetCurrentSourceSpec decodeSetCurrentSourceRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  SetCurrentSourceSpec result;
  WireReader reader(data, size, "request");
  bool seen = false;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::Varint) result.source = reader.readUint32();
    else if (field == 3 && type == WireType::LengthDelimited) {
      result.currentSource = currentSource(reader.readMessage("request.current_source"));
      seen = true;
    } else reader.skip(type);
  }
  if (result.source >= net.currentSources.size()) {
    throw invalidArgument("request.source", "current source index " + std::to_string(result.source) +
                                                " is out of range (the network has " + std::to_string(net.currentSources.size()) + ")");
  }
  if (!seen) throw invalidArgument("request.current_source", "current source is missing");
  if (result.currentSource.kind != net.currentSources[result.source].kind) {
    throw invalidArgument("request.current_source", "cannot change the kind of current source " + std::to_string(result.source));
  }
  checkCurrentSource(result.currentSource, net, "request.current_source");
  for (size_t t = 0; t < result.currentSource.targets.size(); ++t) {
    checkCellSet(result.currentSource.targets[t], net.populations, indexPath("request.current_source", "targets", t));
  }
  return result;
}

SetRecordingSpec decodeSetRecordingRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  SetRecordingSpec result;
  WireReader reader(data, size, "request");
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::LengthDelimited) {
      const std::string path = indexPath("request", "recordings", result.recordings.size());
      result.recordings.push_back(recording(reader.readMessage(path)));
      checkRecording(result.recordings.back(), net, path);
    } else {
      reader.skip(type);
    }
  }
  checkRecordingsDistinct(result.recordings, "request.recordings");
  return result;
}

SetSynapseValuesSpec decodeSetSynapseValuesRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  SetSynapseValuesSpec result;
  WireReader reader(data, size, "request");
  std::vector<WireReader> entries;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::Varint) result.projection = reader.readUint32();
    else if (field == 3 && type == WireType::LengthDelimited) entries.push_back(reader.readMessage("request.values"));
    else reader.skip(type);
  }
  if (result.projection >= net.projections.size()) {
    throw invalidArgument("request.projection", "projection index " + std::to_string(result.projection) + " is out of range");
  }
  for (auto& entry : entries) {
    auto decoded = valueMapEntry(entry, "request.values");
    if (decoded.second.kind == ValueSpec::Kind::Sequences) {
      throw invalidArgument("request.values[\"" + decoded.first + "\"]", "a synaptic value must be a scalar, an array, a matrix, a distribution or an expression");
    }
    result.values[decoded.first] = std::move(decoded.second);
  }
  return result;
}

GetStateSpec decodeGetStateRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  GetStateSpec result;
  WireReader reader(data, size, "request");
  bool seen = false;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::LengthDelimited) result.cells = requestSelection(reader.readMessage("request.cells"), net, seen);
    else if (field == 3 && type == WireType::LengthDelimited) result.names.push_back(reader.readString());
    else reader.skip(type);
  }
  requireCells(seen);
  checkNamesDistinct(result.names, "request.names");
  return result;
}

GetConnectionsSpec decodeGetConnectionsRequest(const uint8_t* data, size_t size, const NetworkSpec& net) {
  GetConnectionsSpec result;
  WireReader reader(data, size, "request");
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 2 && type == WireType::Varint) result.projection = reader.readUint32();
    else if (field == 3 && type == WireType::LengthDelimited) result.names.push_back(reader.readString());
    else if (field == 4 && type == WireType::Varint) result.maxConnectionsPerChunk = reader.readUint32();
    else reader.skip(type);
  }
  if (result.projection >= net.projections.size()) {
    throw invalidArgument("request.projection", "projection index " + std::to_string(result.projection) + " is out of range");
  }
  checkNamesDistinct(result.names, "request.names");
  return result;
}

std::vector<double> resolvePerCell(const ValueSpec& value, uint32_t n, uint64_t globalSeed, const std::string& path,
                                   uint32_t cellOffset) {
  switch (value.kind) {
    case ValueSpec::Kind::Scalar:
      return std::vector<double>(n, value.scalar);
    case ValueSpec::Kind::Array:
      if (value.array.size() != n) {
        throw invalidArgument(path, "array of " + std::to_string(value.array.size()) + " values for " + std::to_string(n) + " cells");
      }
      return value.array;
    case ValueSpec::Kind::Distribution: {
      std::vector<double> out(n);
      const RandomStream stream = value.distribution.rng.resolve(globalSeed);
      for (uint32_t k = 0; k < n; ++k) {
        DrawCursor cursor(stream, cellOffset + k);
        out[k] = sampleDistribution(value.distribution.params, cursor);
        if (std::isnan(out[k])) {
          throw invalidArgument(path, std::string(distributionName(value.distribution.params.kind)) +
                                          " distribution: no value within the bounds after 1000 redraws");
        }
      }
      return out;
    }
    default:
      throw invalidArgument(path, "expected a scalar, an array of " + std::to_string(n) + " values or a distribution");
  }
}

}  // namespace tsnn
