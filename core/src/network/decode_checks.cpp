// Checks that need the whole network: selections in range, parameter names per cell type, recordable variables,
// current sources and recordings; and the decoders of CurrentSource and RecordingRequest (used by requests too).
#include <cmath>
#include <set>
#include <utility>

#include "decode_common.h"
#include "tsnn/network/cell_type_catalog.h"

namespace tsnn {
namespace decode {

void checkSelection(SelectionSpec& sel, const std::vector<PopulationSpec>& populations, const std::string& path) {
  if (sel.population >= populations.size()) {
    throw invalidArgument(path + ".population", "population index " + std::to_string(sel.population) +
                                                    " is out of range (the network has " +
                                                    std::to_string(populations.size()) + " populations)");
  }
  const uint32_t size = populations[sel.population].size;
  switch (sel.form) {
    case SelectionSpec::Form::All:
      sel.start = 0;
      sel.stop = size;
      sel.step = 1;
      break;
    case SelectionSpec::Form::Range:
      if (sel.step < 1) throw invalidArgument(path + ".range.step", "must be >= 1, got " + std::to_string(sel.step));
      if (sel.start > sel.stop || sel.stop > size) {
        throw invalidArgument(path + ".range", "range [" + std::to_string(sel.start) + ", " + std::to_string(sel.stop) +
                                                   ") is not within population '" +
                                                   populations[sel.population].label + "' of size " +
                                                   std::to_string(size));
      }
      break;
    case SelectionSpec::Form::Indices:
      for (size_t k = 0; k < sel.indices.size(); ++k) {
        if (sel.indices[k] >= size) {
          throw invalidArgument(indexPath(path + ".indices", "values", k),
                                "index " + std::to_string(sel.indices[k]) + " is out of range for population '" +
                                    populations[sel.population].label + "' of size " + std::to_string(size));
        }
        if (k > 0 && sel.indices[k] <= sel.indices[k - 1]) {
          throw invalidArgument(indexPath(path + ".indices", "values", k), "indices must be sorted and unique");
        }
      }
      break;
  }
}

void checkCellSet(CellSetSpec& cells, const std::vector<PopulationSpec>& populations, const std::string& path) {
  uint64_t total = 0;
  cells.partOffsets.clear();
  for (size_t p = 0; p < cells.parts.size(); ++p) {
    checkSelection(cells.parts[p], populations, indexPath(path, "parts", p));
    cells.partOffsets.push_back(static_cast<uint32_t>(total));
    total += cells.parts[p].size();
    if (total > 0xffffffffull) throw invalidArgument(path, "cell set has more than 2^32 - 1 cells");
  }
  cells.totalSize = static_cast<uint32_t>(total);
}

namespace {

const NamedDefault* findName(const std::vector<NamedDefault>& list, const std::string& name) {
  for (const auto& entry : list) {
    if (name == entry.name) return &entry;
  }
  return nullptr;
}

std::string namesOf(const std::vector<NamedDefault>& list) {
  std::string names;
  for (const auto& entry : list) {
    if (!names.empty()) names += ", ";
    names += entry.name;
  }
  return names;
}

// The names a PointNeuron accepts: neuron names, then "<receptor>.<name>".
const NamedDefault* findPointNeuronName(const PopulationSpec& population, const std::string& name, bool initialValues,
                                        std::string& allowed) {
  const auto& spec = population.cellType.pointNeuron;
  const auto& neuron = initialValues ? pointNeuronInitialValues(spec.neuron) : pointNeuronParameters(spec.neuron);
  allowed = namesOf(neuron);
  const NamedDefault* found = findName(neuron, name);
  static const NamedDefault stateVariable = {"state", 0.0, false};
  for (const auto& receptor : spec.receptors) {
    const std::string prefix = receptor.name + ".";
    const auto kind = static_cast<unsigned>(receptor.kind);
    if (initialValues) {
      const std::string state = prefix + receptorStateVariable(kind);
      allowed += ", " + state;
      if (!found && name == state) found = &stateVariable;
    } else {
      for (const auto& entry : receptorParameters(kind)) {
        allowed += ", " + prefix + entry.name;
        if (!found && name == prefix + entry.name) found = &entry;
      }
    }
  }
  return found;
}

}  // namespace

void checkCellValues(const PopulationSpec& population, const ValueMap& values, bool initialValues, uint32_t n,
                     const std::string& path) {
  const std::string& model = population.cellType.name;
  const CellTypeInfo* info = findCellType(model);
  for (const auto& entry : values) {
    const std::string& name = entry.first;
    const ValueSpec& value = entry.second;
    const std::string valuePath = path + "[\"" + name + "\"]";
    const NamedDefault* known = nullptr;
    std::string allowed;
    if (model == "PointNeuron") {
      known = findPointNeuronName(population, name, initialValues, allowed);
    } else if (info) {
      const auto& list = initialValues ? info->initialValues : info->parameters;
      known = findName(list, name);
      allowed = namesOf(list);
    }
    if (!known) {
      throw invalidArgument(valuePath, std::string(initialValues ? "unknown initial value '" : "unknown parameter '") +
                                           name + "' for " + model + " (valid " +
                                           (initialValues ? "state variables" : "parameters") + " for " + model +
                                           " are: " + (allowed.empty() ? "none" : allowed) + ")");
    }
    switch (value.kind) {
      case ValueSpec::Kind::Scalar:
        if (known->isSequence) throw invalidArgument(valuePath, "'" + name + "' of " + model + " takes a sequence per cell, got a scalar");
        break;
      case ValueSpec::Kind::Array:
        if (known->isSequence) throw invalidArgument(valuePath, "'" + name + "' of " + model + " takes a sequence per cell, got an array");
        if (value.array.size() != n) {
          throw invalidArgument(valuePath, "array of " + std::to_string(value.array.size()) + " values for " +
                                               std::to_string(n) + " cells");
        }
        break;
      case ValueSpec::Kind::Distribution:
        if (known->isSequence) throw invalidArgument(valuePath, "'" + name + "' of " + model + " takes a sequence per cell, got a distribution");
        break;
      case ValueSpec::Kind::Sequences:
        if (!known->isSequence) throw invalidArgument(valuePath, "'" + name + "' of " + model + " takes one number per cell, got sequences");
        if (value.sequences.size() != 1 && value.sequences.size() != n) {
          throw invalidArgument(valuePath, "needs 1 sequence or one per cell (" + std::to_string(n) + "), got " +
                                               std::to_string(value.sequences.size()));
        }
        if (name == "spike_times") {
          for (size_t c = 0; c < value.sequences.size(); ++c) {
            const auto& times = value.sequences[c];
            for (size_t k = 1; k < times.size(); ++k) {
              if (times[k] < times[k - 1]) {
                throw invalidArgument(indexPath(valuePath + ".sequences", "items", c),
                                      "spike times must be sorted in increasing order");
              }
            }
          }
        }
        break;
      default:
        throw invalidArgument(valuePath, "a cell " + std::string(initialValues ? "initial value" : "parameter") +
                                             " must be a scalar, an array (one per cell), a distribution or sequences");
    }
  }
}

bool isRecordable(const PopulationSpec& population, const std::string& variable) {
  const std::string& model = population.cellType.name;
  if (model == "PointNeuron") {
    if (variable == "spikes" || variable == "v") return true;
    if (variable == "w" && population.cellType.pointNeuron.neuron == 2) return true;
    for (const auto& receptor : population.cellType.pointNeuron.receptors) {
      if (variable == receptor.name + "." + receptorStateVariable(static_cast<unsigned>(receptor.kind))) return true;
    }
    return false;
  }
  const CellTypeInfo* info = findCellType(model);
  if (!info) return false;
  for (const auto& name : info->recordables) {
    if (name == variable) return true;
  }
  return false;
}

CurrentSourceSpec currentSource(WireReader reader) {
  CurrentSourceSpec result;
  const std::string path = reader.path();
  bool hasKind = false;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 1 && type == WireType::LengthDelimited) {
      result.label = reader.readString();
    } else if (field == 2 && type == WireType::LengthDelimited) {
      result.targets.push_back(cellSet(reader.readMessage(indexPath(path, "targets", result.targets.size()))));
    } else if (field == 20 && type == WireType::Varint) {
      result.record = reader.readBool();
    } else if (field >= 10 && field <= 13 && type == WireType::LengthDelimited) {
      static const char* names[] = {"dc", "ac", "step", "noisy"};
      const std::string kindPath = path + "." + names[field - 10];
      WireReader body = reader.readMessage(kindPath);
      hasKind = true;
      result.kind = static_cast<CurrentSourceSpec::Kind>(field - 10);
      result.amplitude = result.start = result.stop = result.frequency = result.offset = result.phase = 0.0;
      result.mean = result.stdev = result.dt = 0.0;
      result.times.clear();
      result.amplitudes.clear();
      uint32_t f;
      WireType t;
      while (body.nextField(f, t)) {
        if (field == 12) {
          if (f == 1) body.readRepeatedDouble(t, result.times);
          else if (f == 2) body.readRepeatedDouble(t, result.amplitudes);
          else body.skip(t);
          continue;
        }
        if (field == 13 && f == 6 && t == WireType::LengthDelimited) {
          result.rng = rng(body.readMessage(kindPath + ".rng"));
          continue;
        }
        if (t != WireType::Fixed64) {
          body.skip(t);
          continue;
        }
        static const char* dcNames[] = {"", "amplitude", "start", "stop", "frequency", "offset", "phase"};
        static const char* noisyNames[] = {"", "mean", "stdev", "start", "stop", "dt"};
        if ((field <= 11 && f > 6) || (field == 13 && f > 5) || (field == 10 && f > 3)) {
          body.skip(t);
          continue;
        }
        const double v = finite(body, kindPath + "." + (field == 13 ? noisyNames[f] : dcNames[f]));
        if (field == 13) {
          double* slots[] = {nullptr, &result.mean, &result.stdev, &result.start, &result.stop, &result.dt};
          *slots[f] = v;
        } else {
          double* slots[] = {nullptr, &result.amplitude, &result.start, &result.stop, &result.frequency, &result.offset, &result.phase};
          *slots[f] = v;
        }
      }
    } else {
      reader.skip(type);
    }
  }
  if (!hasKind) throw invalidArgument(path, "current source kind is missing (dc, ac, step or noisy)");
  return result;
}

void checkCurrentSource(const CurrentSourceSpec& source, const NetworkSpec& network, const std::string& path) {
  for (size_t t = 0; t < source.targets.size(); ++t) {
    CellSetSpec cells = source.targets[t];
    checkCellSet(cells, network.populations, indexPath(path, "targets", t));
    for (const auto& part : cells.parts) {
      const PopulationSpec& population = network.populations[part.population];
      const CellTypeInfo* info = findCellType(population.cellType.name);
      if (info && info->isSpikeSource) {
        throw invalidArgument(indexPath(path, "targets", t), "cannot inject current into population '" +
                                                                 population.label + "' of " + info->name +
                                                                 " (spike sources are not injectable)");
      }
    }
  }
  switch (source.kind) {
    case CurrentSourceSpec::Kind::Step: {
      if (source.times.size() != source.amplitudes.size()) {
        throw invalidArgument(path + ".step", "times (" + std::to_string(source.times.size()) + ") and amplitudes (" +
                                                  std::to_string(source.amplitudes.size()) + ") differ in length");
      }
      for (size_t k = 0; k < source.times.size(); ++k) {
        if (!std::isfinite(source.times[k]) || source.times[k] < 0.0) {
          throw invalidArgument(indexPath(path + ".step", "times", k), "must be a non-negative finite time, got " + number(source.times[k]));
        }
        if (k > 0 && source.times[k] <= source.times[k - 1]) {
          throw invalidArgument(indexPath(path + ".step", "times", k), "times must be strictly increasing");
        }
        if (!std::isfinite(source.amplitudes[k])) {
          throw invalidArgument(indexPath(path + ".step", "amplitudes", k), "must be a finite number");
        }
      }
      break;
    }
    case CurrentSourceSpec::Kind::Noisy:
      if (source.stdev < 0.0) throw invalidArgument(path + ".noisy.stdev", "must be >= 0, got " + number(source.stdev));
      if (source.dt < network.settings.timestep * (1.0 - 1e-9)) {
        throw invalidArgument(path + ".noisy.dt", "must be >= the simulation timestep " +
                                                      number(network.settings.timestep) + " ms, got " + number(source.dt));
      }
      break;
    case CurrentSourceSpec::Kind::AC:
      if (source.frequency < 0.0) throw invalidArgument(path + ".ac.frequency", "must be >= 0 Hz, got " + number(source.frequency));
      break;
    case CurrentSourceSpec::Kind::DC:
      break;
  }
}

RecordingSpec recording(WireReader reader) {
  RecordingSpec result;
  bool hasCells = false;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 1 && type == WireType::Varint) result.population = reader.readUint32();
    else if (field == 2 && type == WireType::LengthDelimited) result.variable = reader.readString();
    else if (field == 3 && type == WireType::LengthDelimited) {
      result.cells = selection(reader.readMessage(reader.path() + ".cells"));
      hasCells = true;
    } else if (field == 4 && type == WireType::Fixed64) result.samplingInterval = finite(reader, reader.path() + ".sampling_interval");
    else reader.skip(type);
  }
  if (!hasCells) result.cells.population = result.population;
  return result;
}

void checkRecordingsDistinct(const std::vector<RecordingSpec>& recordings, const std::string& listPath) {
  std::set<std::pair<uint32_t, std::string>> seen;
  for (size_t k = 0; k < recordings.size(); ++k) {
    if (!seen.emplace(recordings[k].population, recordings[k].variable).second) {
      throw invalidArgument(listPath + "[" + std::to_string(k) + "]",
                            "population " + std::to_string(recordings[k].population) + "'s '" + recordings[k].variable +
                                "' is recorded by an earlier entry already; one recording per population and variable");
    }
  }
}

void checkNamesDistinct(const std::vector<std::string>& names, const std::string& listPath) {
  std::set<std::string> seen;
  for (size_t k = 0; k < names.size(); ++k) {
    if (!seen.insert(names[k]).second) {
      throw invalidArgument(listPath + "[" + std::to_string(k) + "]", "'" + names[k] + "' is asked for twice; ask once");
    }
  }
}

void checkRecording(RecordingSpec& rec, const NetworkSpec& network, const std::string& path) {
  if (rec.population >= network.populations.size()) {
    throw invalidArgument(path + ".population", "population index " + std::to_string(rec.population) + " is out of range");
  }
  const PopulationSpec& population = network.populations[rec.population];
  if (!isRecordable(population, rec.variable)) {
    std::string allowed;
    if (const CellTypeInfo* info = findCellType(population.cellType.name)) {
      for (const auto& name : info->recordables) allowed += (allowed.empty() ? "" : ", ") + name;
    }
    throw invalidArgument(path + ".variable", "'" + rec.variable + "' is not recordable for population '" +
                                                  population.label + "' of " + population.cellType.name +
                                                  " (recordable: " + allowed + ")");
  }
  if (rec.cells.population != rec.population) {
    throw invalidArgument(path + ".cells.population", "must equal the recording's population " + std::to_string(rec.population));
  }
  checkSelection(rec.cells, network.populations, path + ".cells");
  const double dt = network.settings.timestep;
  if (rec.samplingInterval < 0.0) throw invalidArgument(path + ".sampling_interval", "must be >= 0 ms");
  if (rec.samplingInterval > 0.0) {
    const double ratio = rec.samplingInterval / dt;
    if (std::fabs(ratio - std::round(ratio)) > 1e-6 * ratio || std::round(ratio) < 1.0) {
      throw invalidArgument(path + ".sampling_interval", "must be a multiple of the timestep " + number(dt) + " ms, got " +
                                                            number(rec.samplingInterval));
    }
  }
}

}  // namespace decode
}  // namespace tsnn
