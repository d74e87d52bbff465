// decodeNetwork: tsnn.v1.Network bytes -> NetworkSpec, then every check that needs the whole network.
#include <algorithm>
#include <cmath>

#include "decode_common.h"
#include "tsnn/network/cell_type_catalog.h"
#include "tsnn/out_of_line.h"

namespace tsnn {

using namespace decode;

namespace {

void expectLength(const WireReader& reader, WireType type, uint32_t field) {
  if (type != WireType::LengthDelimited) {
    reader.fail("malformed message: field " + std::to_string(field) + " must be length-delimited");
  }
}

SimulationSettingsSpec settings(WireReader reader) {
  SimulationSettingsSpec result;
  result.timestep = 0.0;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    const std::string& p = reader.path();
    if (field == 1 && type == WireType::Fixed64) result.timestep = finite(reader, p + ".timestep");
    else if (field == 2 && type == WireType::Fixed64) result.minDelay = finite(reader, p + ".min_delay");
    else if (field == 3 && type == WireType::Fixed64) result.maxDelay = finite(reader, p + ".max_delay");
    else if (field == 4 && type == WireType::Varint) result.seed = reader.readVarint();
    else if (field == 5 && type == WireType::LengthDelimited) result.simulator = reader.readString();
    else if (field == 6 && type == WireType::Varint) result.threads = reader.readUint32();
    else reader.skip(type);
  }
  if (result.threads > kMaxThreads)
    throw invalidArgument(reader.path() + ".threads", "must be at most " + std::to_string(kMaxThreads) +
                                                          " threads, got " + std::to_string(result.threads));
  return result;
}

PointNeuronSpecData pointNeuron(WireReader reader) {
  PointNeuronSpecData result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 1 && type == WireType::Varint) {
      result.neuron = reader.readUint32();
    } else if (field == 2 && type == WireType::LengthDelimited) {
      WireReader r = reader.readMessage(indexPath(reader.path(), "receptors", result.receptors.size()));
      ReceptorSpecData receptor;
      uint32_t f;
      WireType t;
      while (r.nextField(f, t)) {
        if (f == 1 && t == WireType::LengthDelimited) receptor.name = r.readString();
        else if (f == 2 && t == WireType::Varint) receptor.kind = static_cast<ReceptorKind>(r.readUint32());
        else r.skip(t);
      }
      if (receptor.name.empty()) throw invalidArgument(r.path() + ".name", "receptor name must not be empty");
      if (static_cast<uint32_t>(receptor.kind) < 1 || static_cast<uint32_t>(receptor.kind) > 4) {
        throw invalidArgument(r.path() + ".kind", "unknown receptor kind (allowed: CURR_EXP, COND_EXP, COND_ALPHA, COND_BETA)");
      }
      result.receptors.push_back(receptor);
    } else {
      reader.skip(type);
    }
  }
  return result;
}

CellTypeSpec cellType(WireReader reader) {
  CellTypeSpec result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    const std::string& p = reader.path();
    if (field == 1 && type == WireType::LengthDelimited) {
      result.name = reader.readString();
    } else if ((field == 2 || field == 3) && type == WireType::LengthDelimited) {
      auto entry = valueMapEntry(reader.readMessage(p), p + (field == 2 ? ".parameters" : ".initial_values"));
      (field == 2 ? result.parameters : result.initialValues)[entry.first] = std::move(entry.second);
    } else if (field == 4 && type == WireType::LengthDelimited) {
      result.hasPointNeuron = true;
      result.pointNeuron = pointNeuron(reader.readMessage(p + ".point_neuron"));
    } else {
      reader.skip(type);
    }
  }
  return result;
}

PopulationSpec population(WireReader reader) {
  PopulationSpec result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    const std::string& p = reader.path();
    if (field == 1 && type == WireType::LengthDelimited) {
      result.label = reader.readString();
    } else if (field == 2 && type == WireType::Varint) {
      result.size = reader.readUint32();
    } else if (field == 3 && type == WireType::LengthDelimited) {
      result.cellType = cellType(reader.readMessage(p + ".cell_type"));
    } else if (field == 5 && type == WireType::LengthDelimited) {
      WireReader positions = reader.readMessage(p + ".positions");
      uint32_t f;
      WireType t;
      while (positions.nextField(f, t)) {
        if (f == 1) positions.readRepeatedDouble(t, result.x);
        else if (f == 2) positions.readRepeatedDouble(t, result.y);
        else if (f == 3) positions.readRepeatedDouble(t, result.z);
        else positions.skip(t);
      }
    } else {
      reader.skip(type);  // structure and annotations: for describe() only
    }
  }
  return result;
}

TSNN_OUT_OF_LINE SpaceSpec space(WireReader reader) {
  SpaceSpec result;
  uint32_t field;
  WireType type;
  std::vector<std::pair<double, double>> bounds;
  const std::string path = reader.path();
  while (reader.nextField(field, type)) {
    if (field == 1 && type == WireType::Varint) {
      result.axes = reader.readUint32();
    } else if (field == 2 && type == WireType::Fixed64) {
      result.scaleFactor = finite(reader, path + ".scale_factor");
    } else if (field == 3 && type == WireType::Fixed64) {
      result.offset = finite(reader, path + ".offset");
    } else if (field == 4 && type == WireType::LengthDelimited) {
      const std::string boundPath = indexPath(path, "periodic_boundaries", bounds.size());
      WireReader b = reader.readMessage(boundPath);
      double lo = 0.0, hi = 0.0;
      uint32_t f;
      WireType t;
      while (b.nextField(f, t)) {
        if (f == 1 && t == WireType::Fixed64) lo = finite(b, boundPath + ".min");
        else if (f == 2 && t == WireType::Fixed64) hi = finite(b, boundPath + ".max");
        else b.skip(t);
      }
      if (lo > hi) throw invalidArgument(boundPath, "min must not exceed max");
      bounds.emplace_back(lo, hi);
    } else {
      reader.skip(type);
    }
  }
  if (result.axes > 7) throw invalidArgument(path + ".axes", "unknown axes " + std::to_string(result.axes) + " (allowed: x, y, z, xy, yz, xz, xyz)");
  static const bool axisTable[8][3] = {{1, 1, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
  for (int a = 0; a < 3; ++a) result.useAxis[a] = axisTable[result.axes][a];
  if (result.scaleFactor == 0.0) result.scaleFactor = 1.0;
  if (!bounds.empty() && bounds.size() != 3) {
    throw invalidArgument(path + ".periodic_boundaries", "must be empty or exactly three (x, y, z), got " + std::to_string(bounds.size()));
  }
  for (size_t a = 0; a < bounds.size(); ++a) {
    result.boundaryMin[a] = bounds[a].first;
    result.boundaryMax[a] = bounds[a].second;
    result.periodic[a] = bounds[a].second > bounds[a].first;
  }
  return result;
}

SelfConnections selfConnections(WireReader& reader) {
  const uint32_t value = reader.readUint32();
  switch (value) {
    case 0: case 1: return SelfConnections::Allow;
    case 2: return SelfConnections::Forbid;
    case 3: return SelfConnections::NoMutual;
    default: throw invalidArgument(reader.path() + ".self_connections", "unknown value " + std::to_string(value) + " (allowed: ALLOW, FORBID, NO_MUTUAL)");
  }
}

TSNN_OUT_OF_LINE void connectorRule(ConnectorSpec& c, uint32_t field, WireReader body) {
  const std::string& p = body.path();
  uint32_t f;
  WireType t;
  c.rule = static_cast<ConnectorSpec::Rule>(field - 1);
  while (body.nextField(f, t)) {
    switch (c.rule) {
      case ConnectorSpec::Rule::AllToAll:
        if (f == 1 && t == WireType::Varint) c.selfConnections = selfConnections(body);
        else body.skip(t);
        break;
      case ConnectorSpec::Rule::OneToOne:
        body.skip(t);
        break;
      case ConnectorSpec::Rule::FixedProbability:
        if (f == 1 && t == WireType::Fixed64) c.pConnect = finite(body, p + ".p_connect");
        else if (f == 2 && t == WireType::Varint) c.selfConnections = selfConnections(body);
        else body.skip(t);
        break;
      case ConnectorSpec::Rule::FixedNumberPre:
      case ConnectorSpec::Rule::FixedNumberPost:
        if (f == 1 && t == WireType::LengthDelimited) c.n = value(body.readMessage(p + ".n"));
        else if (f == 2 && t == WireType::Varint) c.selfConnections = selfConnections(body);
        else if (f == 3 && t == WireType::Varint) c.withReplacement = body.readBool();
        else body.skip(t);
        break;
      case ConnectorSpec::Rule::FixedTotalNumber:
        if (f == 1 && t == WireType::Varint) c.totalNumber = body.readVarint();
        else if (f == 2 && t == WireType::Varint) c.selfConnections = selfConnections(body);
        else if (f == 3 && t == WireType::Varint) c.withReplacement = body.readBool();
        else body.skip(t);
        break;
      case ConnectorSpec::Rule::FromList:
        if (f == 1) body.readRepeatedUint32(t, c.listPre);
        else if (f == 2) body.readRepeatedUint32(t, c.listPost);
        else if (f == 3 && t == WireType::LengthDelimited) c.listColumnNames.push_back(body.readString());
        else if (f == 4 && t == WireType::LengthDelimited) {
          const std::string columnPath = indexPath(p, "columns", c.listColumns.size());
          WireReader column = body.readMessage(columnPath);
          std::vector<double> values;
          uint32_t cf;
          WireType ct;
          while (column.nextField(cf, ct)) {
            if (cf == 1) column.readRepeatedDouble(ct, values);
            else column.skip(ct);
          }
          for (size_t k = 0; k < values.size(); ++k) {
            if (!std::isfinite(values[k])) throw invalidArgument(indexPath(columnPath, "values", k), "must be a finite number, got " + number(values[k]));
          }
          c.listColumns.push_back(std::move(values));
        } else body.skip(t);
        break;
      case ConnectorSpec::Rule::DistanceDependentProbability:
      case ConnectorSpec::Rule::IndexBasedProbability:
      case ConnectorSpec::Rule::DisplacementDependentProbability: {
        static const char* names[] = {"d_expression", "index_expression", "disp_expression"};
        const int which = field == 8 ? 0 : (field == 9 ? 1 : 2);
        if (f == 1 && t == WireType::LengthDelimited) c.probabilityExpression = expression(body.readMessage(p + "." + names[which]));
        else if (f == 2 && t == WireType::LengthDelimited) c.probabilities = matrix(body.readMessage(p + ".probabilities"));
        else if (f == 3 && t == WireType::Varint) c.selfConnections = selfConnections(body);
        else body.skip(t);
        break;
      }
      case ConnectorSpec::Rule::Array:
        if (f == 1 && t == WireType::Varint) c.arrayRows = body.readUint32();
        else if (f == 2 && t == WireType::Varint) c.arrayCols = body.readUint32();
        else if (f == 3 && t == WireType::LengthDelimited) c.arrayMask = body.readBytes();
        else body.skip(t);
        break;
      case ConnectorSpec::Rule::Clone:
        if (f == 1 && t == WireType::Varint) c.referenceProjection = body.readUint32();
        else body.skip(t);
        break;
      case ConnectorSpec::Rule::SmallWorld:
        if (f == 1 && t == WireType::Fixed64) c.degree = finite(body, p + ".degree");
        else if (f == 2 && t == WireType::Fixed64) c.rewiring = finite(body, p + ".rewiring");
        else if (f == 3 && t == WireType::Varint) c.selfConnections = selfConnections(body);
        else if (f == 4 && t == WireType::Varint) c.nConnections = body.readVarint();
        else body.skip(t);
        break;
    }
  }
}

TSNN_OUT_OF_LINE ConnectorSpec connector(WireReader reader) {
  ConnectorSpec result;
  bool hasRule = false;
  uint32_t field;
  WireType type;
  static const char* ruleNames[] = {"", "all_to_all", "one_to_one", "fixed_probability", "fixed_number_pre",
                                    "fixed_number_post", "fixed_total_number", "from_list",
                                    "distance_dependent_probability", "index_based_probability",
                                    "displacement_dependent_probability", "array", "clone", "small_world"};
  while (reader.nextField(field, type)) {
    const std::string& p = reader.path();
    if (field >= 1 && field <= 13) {
      expectLength(reader, type, field);
      ConnectorSpec fresh;
      fresh.rng = result.rng;
      fresh.safe = result.safe;
      fresh.sourceFile = result.sourceFile;
      result = std::move(fresh);
      connectorRule(result, field, reader.readMessage(p + "." + ruleNames[field]));
      hasRule = true;
    } else if (field == 20 && type == WireType::LengthDelimited) {
      result.rng = rng(reader.readMessage(p + ".rng"));
    } else if (field == 21 && type == WireType::Varint) {
      result.safe = reader.readBool();
    } else if (field == 22 && type == WireType::LengthDelimited) {
      result.sourceFile = reader.readString();
    } else {
      reader.skip(type);
    }
  }
  if (!hasRule) throw invalidArgument(reader.path(), "connector rule is missing");
  return result;
}

// Fields of the synapse dynamics messages, by field number, in PyNN names.
void namedValues(WireReader body, const std::vector<const char*>& names, ValueMap& out) {
  uint32_t f;
  WireType t;
  while (body.nextField(f, t)) {
    if (f >= 1 && f < names.size() && t == WireType::LengthDelimited && names[f][0] != 0) {
      out[names[f]] = value(body.readMessage(body.path() + "." + names[f]));
    } else {
      body.skip(t);
    }
  }
}

TSNN_OUT_OF_LINE SynapseSpec synapse(WireReader reader) {
  SynapseSpec result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    const std::string& p = reader.path();
    if (field == 1 && type == WireType::LengthDelimited) {
      result.weight = value(reader.readMessage(p + ".weight"));
    } else if (field == 2 && type == WireType::LengthDelimited) {
      result.delay = value(reader.readMessage(p + ".delay"));
    } else if (field >= 10 && field <= 15 && type == WireType::LengthDelimited) {
      result.parameters.clear();
      result.timingDependence.clear();
      result.weightDependence.clear();
      static const char* dynamicsNames[] = {"StaticSynapse", "TsodyksMarkramSynapse", "STDPMechanism",
                                            "SimpleStochasticSynapse", "StochasticTsodyksMarkramSynapse",
                                            "MultiQuantalSynapse"};
      static const char* fieldNames[] = {"static_synapse", "tsodyks_markram", "stdp", "simple_stochastic",
                                         "stochastic_tsodyks_markram", "multi_quantal"};
      result.dynamics = dynamicsNames[field - 10];
      WireReader body = reader.readMessage(p + "." + fieldNames[field - 10]);
      switch (field) {
        case 10: break;
        case 11: namedValues(body, {"", "U", "tau_rec", "tau_facil", "u"}, result.parameters); break;
        case 13: namedValues(body, {"", "p"}, result.parameters); break;
        case 14: namedValues(body, {"", "U", "tau_rec", "tau_facil"}, result.parameters); break;
        case 15: namedValues(body, {"", "U", "n", "tau_rec", "tau_facil", "u", "a"}, result.parameters); break;
        case 12: {
          uint32_t f;
          WireType t;
          const std::string sp = body.path();
          while (body.nextField(f, t)) {
            if (f == 1 && t == WireType::LengthDelimited) {
              result.timingDependence = "SpikePairRule";
              namedValues(body.readMessage(sp + ".spike_pair"), {"", "tau_plus", "tau_minus", "A_plus", "A_minus"}, result.parameters);
            } else if (f == 2 && t == WireType::LengthDelimited) {
              result.timingDependence = "Vogels2011Rule";
              namedValues(body.readMessage(sp + ".vogels2011"), {"", "tau", "eta", "rho"}, result.parameters);
            } else if (f >= 3 && f <= 6 && t == WireType::LengthDelimited) {
              static const char* wd[] = {"AdditiveWeightDependence", "MultiplicativeWeightDependence",
                                         "AdditivePotentiationMultiplicativeDepression", "GutigWeightDependence"};
              static const char* wdFields[] = {"additive", "multiplicative",
                                               "additive_potentiation_multiplicative_depression", "gutig"};
              result.weightDependence = wd[f - 3];
              namedValues(body.readMessage(sp + "." + wdFields[f - 3]), {"", "w_min", "w_max", "mu_plus", "mu_minus"}, result.parameters);
            } else if (f == 7 && t == WireType::Fixed64) {
              result.dendriticDelayFraction = finite(body, sp + ".dendritic_delay_fraction");
            } else if (f == 8 && t == WireType::Varint) {
              result.hasVoltageDependence = body.readBool();
            } else {
              body.skip(t);
            }
          }
          if (result.timingDependence.empty()) throw invalidArgument(sp, "STDP needs a timing dependence (spike_pair or vogels2011)");
          if (result.weightDependence.empty()) throw invalidArgument(sp, "STDP needs a weight dependence");
          if (result.dendriticDelayFraction < 0.0 || result.dendriticDelayFraction > 1.0) {
            throw invalidArgument(sp + ".dendritic_delay_fraction", "must be in [0, 1], got " + number(result.dendriticDelayFraction));
          }
          break;
        }
      }
    } else {
      reader.skip(type);
    }
  }
  return result;
}

// Its parts stay out of line (out_of_line.h): inlined into it, they made a 28 KB function that V8 compiled with
// TurboFan for 30-80 ms in the first run, which then competed with the run's threads for the cores.
ProjectionSpec projection(WireReader reader) {
  ProjectionSpec result;
  bool hasConnector = false;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    const std::string& p = reader.path();
    if (field == 9 && type == WireType::Varint) {
      const uint64_t sign = reader.readVarint();
      if (sign > 2) throw invalidArgument(p + ".weight_sign", "unknown weight sign " + std::to_string(sign));
      result.weightSign = static_cast<ProjectionSpec::WeightSign>(sign);
      continue;
    }
    if (type != WireType::LengthDelimited) {
      reader.skip(type);
      continue;
    }
    switch (field) {
      case 1: result.label = reader.readString(); break;
      case 2: result.pre = cellSet(reader.readMessage(p + ".pre")); break;
      case 3: result.post = cellSet(reader.readMessage(p + ".post")); break;
      case 4: result.connector = connector(reader.readMessage(p + ".connector")); hasConnector = true; break;
      case 5: result.synapse = synapse(reader.readMessage(p + ".synapse")); break;
      case 6: result.receptorType = reader.readString(); break;
      case 7: result.space = space(reader.readMessage(p + ".space")); break;
      default: reader.skip(type);
    }
  }
  if (!hasConnector) throw invalidArgument(reader.path() + ".connector", "connector is missing");
  return result;
}

// ---- whole-network checks --------------------------------------------------------------------------------------

void checkPopulation(PopulationSpec& pop, const DecodeOptions& options, const std::string& path) {
  if (pop.size == 0) throw invalidArgument(path + ".size", "population '" + pop.label + "' must have at least one cell");
  const std::string& name = pop.cellType.name;
  const CellTypeInfo* info = findCellType(name);
  if (!info) {
    throw invalidArgument(path + ".cell_type.name", "unknown cell type '" + name + "' (standard models: " + standardCellTypeNames() + ")");
  }
  if (!options.supportedCellTypes.empty() &&
      std::find(options.supportedCellTypes.begin(), options.supportedCellTypes.end(), name) == options.supportedCellTypes.end()) {
    throw invalidArgument(path + ".cell_type.name", "cell type " + name + " is not supported by this engine");
  }
  const char* axes[] = {"x", "y", "z"};
  std::vector<double>* coords[] = {&pop.x, &pop.y, &pop.z};
  for (int a = 0; a < 3; ++a) {
    if (coords[a]->size() != pop.size) {
      throw invalidArgument(path + ".positions." + axes[a], "needs one coordinate per cell (" + std::to_string(pop.size) +
                                                                "), got " + std::to_string(coords[a]->size()));
    }
    for (size_t k = 0; k < coords[a]->size(); ++k) {
      if (!std::isfinite((*coords[a])[k])) throw invalidArgument(indexPath(path + ".positions", axes[a], k), "must be a finite number");
    }
  }
  pop.receptorTypes.clear();
  if (name == "PointNeuron") {
    if (!pop.cellType.hasPointNeuron || pop.cellType.pointNeuron.neuron < 1 || pop.cellType.pointNeuron.neuron > 2) {
      throw invalidArgument(path + ".cell_type.point_neuron.neuron", "PointNeuron needs a neuron component (LIF or ADEXP)");
    }
    bool current = false, conductance = false;
    for (size_t r = 0; r < pop.cellType.pointNeuron.receptors.size(); ++r) {
      const auto& receptor = pop.cellType.pointNeuron.receptors[r];
      (receptor.kind == ReceptorKind::CurrExp ? current : conductance) = true;
      for (size_t q = 0; q < r; ++q) {
        if (pop.cellType.pointNeuron.receptors[q].name == receptor.name) {
          throw invalidArgument(indexPath(path + ".cell_type.point_neuron", "receptors", r), "duplicate receptor name '" + receptor.name + "'");
        }
      }
      pop.receptorTypes.push_back(receptor.name);
    }
    if (current && conductance) {
      throw invalidArgument(path + ".cell_type.point_neuron.receptors", "a PointNeuron cannot mix current-based and conductance-based receptors");
    }
  } else {
    pop.receptorTypes = info->receptorTypes;
  }
  checkCellValues(pop, pop.cellType.parameters, false, pop.size, path + ".cell_type.parameters");
  checkCellValues(pop, pop.cellType.initialValues, true, pop.size, path + ".cell_type.initial_values");
}

bool sameCells(const CellSetSpec& a, const CellSetSpec& b) {
  if (a.size() != b.size()) return false;
  for (uint32_t k = 0; k < a.size(); ++k) {
    uint32_t pa, ia, pb, ib;
    a.locate(k, pa, ia);
    b.locate(k, pb, ib);
    if (pa != pb || ia != ib) return false;
  }
  return true;
}

void checkSynapticValue(const ValueSpec& value, const std::string& path) {
  switch (value.kind) {
    case ValueSpec::Kind::Unset:
    case ValueSpec::Kind::Scalar:
    case ValueSpec::Kind::Array:
    case ValueSpec::Kind::Matrix:
    case ValueSpec::Kind::Distribution:
    case ValueSpec::Kind::Expression:
      return;
    case ValueSpec::Kind::Sequences:
      throw invalidArgument(path, "a synaptic value must be a scalar, an array, a matrix, a distribution or an expression");
  }
}

void checkProjection(ProjectionSpec& prj, size_t index, const NetworkSpec& net, const std::string& path) {
  checkCellSet(prj.pre, net.populations, path + ".pre");
  checkCellSet(prj.post, net.populations, path + ".post");
  if (prj.receptorType.empty()) throw invalidArgument(path + ".receptor_type", "receptor type must not be empty");
  for (size_t k = 0; k < prj.post.parts.size(); ++k) {
    const PopulationSpec& post = net.populations[prj.post.parts[k].population];
    if (std::find(post.receptorTypes.begin(), post.receptorTypes.end(), prj.receptorType) == post.receptorTypes.end()) {
      std::string allowed;
      for (const auto& r : post.receptorTypes) allowed += (allowed.empty() ? "" : ", ") + r;
      throw invalidArgument(path + ".receptor_type", "receptor type '" + prj.receptorType + "' does not exist for population '" +
                                                         post.label + "' of " + post.cellType.name + " (allowed: " +
                                                         (allowed.empty() ? "none: it cannot receive connections" : allowed) + ")");
    }
  }
  const uint32_t nPre = prj.pre.size(), nPost = prj.post.size();
  ConnectorSpec& c = prj.connector;
  const std::string cp = path + ".connector";
  switch (c.rule) {
    case ConnectorSpec::Rule::FixedProbability:
      if (!(c.pConnect >= 0.0 && c.pConnect <= 1.0)) {
        throw invalidArgument(cp + ".fixed_probability.p_connect", "must be in [0, 1], got " + number(c.pConnect));
      }
      break;
    case ConnectorSpec::Rule::FixedNumberPre:
    case ConnectorSpec::Rule::FixedNumberPost: {
      const std::string np = cp + (c.rule == ConnectorSpec::Rule::FixedNumberPre ? ".fixed_number_pre.n" : ".fixed_number_post.n");
      if (c.n.kind == ValueSpec::Kind::Scalar) {
        if (c.n.scalar < 0.0 || c.n.scalar != std::floor(c.n.scalar) || c.n.scalar > 4294967295.0) {
          throw invalidArgument(np, "must be a non-negative integer, got " + number(c.n.scalar));
        }
      } else if (c.n.kind != ValueSpec::Kind::Distribution) {
        throw invalidArgument(np, "must be an integer or a random distribution");
      }
      break;
    }
    case ConnectorSpec::Rule::FixedTotalNumber:
      if (!c.withReplacement) {
        const uint64_t pairs = static_cast<uint64_t>(nPre) * nPost;
        if (c.totalNumber > pairs) {
          throw invalidArgument(cp + ".fixed_total_number.n", "cannot draw " + std::to_string(c.totalNumber) +
                                                                   " connections without replacement from " +
                                                                   std::to_string(pairs) + " pairs");
        }
      }
      if (c.totalNumber > 0xffffffffull) throw invalidArgument(cp + ".fixed_total_number.n", "more than 2^32 - 1 connections in one projection");
      break;
    case ConnectorSpec::Rule::FromList: {
      const std::string lp = cp + ".from_list";
      if (c.listPre.size() != c.listPost.size()) {
        throw invalidArgument(lp, "pre (" + std::to_string(c.listPre.size()) + ") and post (" + std::to_string(c.listPost.size()) + ") differ in length");
      }
      if (c.listColumnNames.size() != c.listColumns.size()) {
        throw invalidArgument(lp + ".columns", std::to_string(c.listColumnNames.size()) + " column names but " +
                                                  std::to_string(c.listColumns.size()) + " columns");
      }
      for (size_t k = 0; k < c.listColumns.size(); ++k) {
        if (c.listColumns[k].size() != c.listPre.size()) {
          throw invalidArgument(indexPath(lp, "columns", k), "column '" + c.listColumnNames[k] + "' has " +
                                                                 std::to_string(c.listColumns[k].size()) + " values for " +
                                                                 std::to_string(c.listPre.size()) + " connections");
        }
        for (size_t q = 0; q < k; ++q) {
          if (c.listColumnNames[q] == c.listColumnNames[k]) throw invalidArgument(indexPath(lp, "column_names", k), "duplicate column '" + c.listColumnNames[k] + "'");
        }
      }
      for (size_t k = 0; k < c.listPre.size(); ++k) {
        if (c.listPre[k] >= nPre) {
          throw invalidArgument(indexPath(lp, "pre", k), "presynaptic index " + std::to_string(c.listPre[k]) +
                                                             " is out of range (pre has " + std::to_string(nPre) + " cells)");
        }
        if (c.listPost[k] >= nPost) {
          throw invalidArgument(indexPath(lp, "post", k), "postsynaptic index " + std::to_string(c.listPost[k]) +
                                                              " is out of range (post has " + std::to_string(nPost) + " cells)");
        }
      }
      break;
    }
    case ConnectorSpec::Rule::DistanceDependentProbability:
    case ConnectorSpec::Rule::IndexBasedProbability:
    case ConnectorSpec::Rule::DisplacementDependentProbability: {
      const bool hasExpression = !c.probabilityExpression.empty();
      const bool hasMatrix = c.probabilities.rows != 0 || c.probabilities.cols != 0 || !c.probabilities.values.empty();
      if (hasExpression == hasMatrix) throw invalidArgument(cp, "give exactly one of an expression and a probability matrix");
      if (hasMatrix) {
        if (c.probabilities.rows != nPre || c.probabilities.cols != nPost) {
          throw invalidArgument(cp + ".probabilities", "matrix must be pre x post = " + std::to_string(nPre) + " x " +
                                                           std::to_string(nPost));
        }
        for (size_t k = 0; k < c.probabilities.values.size(); ++k) {
          if (std::isnan(c.probabilities.values[k])) throw invalidArgument(indexPath(cp + ".probabilities", "values", k), "probability must be a number");
        }
      }
      break;
    }
    case ConnectorSpec::Rule::Array:
      if (c.arrayRows != nPre || c.arrayCols != nPost) {
        throw invalidArgument(cp + ".array", "array must be pre x post = " + std::to_string(nPre) + " x " + std::to_string(nPost));
      }
      if (c.arrayMask.size() != static_cast<uint64_t>(nPre) * nPost) {
        throw invalidArgument(cp + ".array.mask", "needs " + std::to_string(static_cast<uint64_t>(nPre) * nPost) +
                                                      " bytes, got " + std::to_string(c.arrayMask.size()));
      }
      break;
    case ConnectorSpec::Rule::Clone: {
      if (c.referenceProjection >= index) {
        throw invalidArgument(cp + ".clone.reference_projection", "must refer to an earlier projection, got " +
                                                                      std::to_string(c.referenceProjection));
      }
      const ProjectionSpec& ref = net.projections[c.referenceProjection];
      if (!sameCells(ref.pre, prj.pre) || !sameCells(ref.post, prj.post)) {
        throw invalidArgument(cp + ".clone", "pre and post must equal those of the reference projection " +
                                                 std::to_string(c.referenceProjection));
      }
      break;
    }
    case ConnectorSpec::Rule::SmallWorld:
      if (c.degree < 0.0) throw invalidArgument(cp + ".small_world.degree", "must be >= 0, got " + number(c.degree));
      if (!(c.rewiring >= 0.0 && c.rewiring <= 1.0)) throw invalidArgument(cp + ".small_world.rewiring", "must be in [0, 1], got " + number(c.rewiring));
      break;
    case ConnectorSpec::Rule::AllToAll:
    case ConnectorSpec::Rule::OneToOne:
      break;
  }
  if (c.rule == ConnectorSpec::Rule::OneToOne && nPre != nPost) {
    throw invalidArgument(cp + ".one_to_one", "pre (" + std::to_string(nPre) + ") and post (" + std::to_string(nPost) + ") must have the same size");
  }
  checkSynapticValue(prj.synapse.weight, path + ".synapse.weight");
  checkSynapticValue(prj.synapse.delay, path + ".synapse.delay");
  for (const auto& entry : prj.synapse.parameters) checkSynapticValue(entry.second, path + ".synapse.parameters[\"" + entry.first + "\"]");
}

}  // namespace

NetworkSpec decodeNetwork(const uint8_t* data, size_t size, const DecodeOptions& options) {
  NetworkSpec net;
  net.settings.timestep = 0.0;  // a Network without settings has no valid timestep
  WireReader reader(data, size, "network");
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field >= 1 && field <= 6 && type != WireType::LengthDelimited) {
      reader.fail("malformed message: field " + std::to_string(field) + " must be length-delimited");
    }
    switch (field) {
      case 1: net.settings = settings(reader.readMessage("network.settings")); break;
      case 2: net.populations.push_back(population(reader.readMessage(indexPath("network", "populations", net.populations.size())))); break;
      case 3: net.projections.push_back(projection(reader.readMessage(indexPath("network", "projections", net.projections.size())))); break;
      case 4: net.currentSources.push_back(currentSource(reader.readMessage(indexPath("network", "current_sources", net.currentSources.size())))); break;
      case 5: net.recordings.push_back(recording(reader.readMessage(indexPath("network", "recordings", net.recordings.size())))); break;
      case 6: {
        WireReader a = reader.readMessage(indexPath("network", "assemblies", net.assemblies.size()));
        AssemblySpec assembly;
        uint32_t f;
        WireType t;
        while (a.nextField(f, t)) {
          if (f == 1 && t == WireType::LengthDelimited) assembly.label = a.readString();
          else if (f == 2 && t == WireType::LengthDelimited) assembly.cells = cellSet(a.readMessage(a.path() + ".cells"));
          else a.skip(t);
        }
        net.assemblies.push_back(std::move(assembly));
        break;
      }
      default: reader.skip(type);
    }
  }
  validateNetwork(net, options);
  return net;
}

void validateNetwork(NetworkSpec& net, const DecodeOptions& options) {
  const SimulationSettingsSpec& s = net.settings;
  if (!(s.timestep > 0.0) || !std::isfinite(s.timestep)) throw invalidArgument("network.settings.timestep", "must be > 0 ms, got " + number(s.timestep));
  if (s.minDelay < 0.0) throw invalidArgument("network.settings.min_delay", "must be >= 0 (0 = auto), got " + number(s.minDelay));
  if (s.maxDelay < 0.0) throw invalidArgument("network.settings.max_delay", "must be >= 0 (0 = auto), got " + number(s.maxDelay));
  if (s.minDelay > 0.0 && s.minDelay < s.timestep * (1.0 - 1e-9)) {
    throw invalidArgument("network.settings.min_delay", "must not be below the timestep " + number(s.timestep) + " ms, got " + number(s.minDelay));
  }
  if (s.minDelay > 0.0 && s.maxDelay > 0.0 && s.minDelay > s.maxDelay) {
    throw invalidArgument("network.settings.min_delay", "must not exceed max_delay " + number(s.maxDelay) + ", got " + number(s.minDelay));
  }
  // Populations: global numbering in Network order.
  uint64_t global = 0;
  for (size_t p = 0; p < net.populations.size(); ++p) {
    const std::string path = indexPath("network", "populations", p);
    checkPopulation(net.populations[p], options, path);
    net.populations[p].firstGlobal = static_cast<uint32_t>(global);
    global += net.populations[p].size;
    if (global > 0xffffffffull) throw invalidArgument(path + ".size", "the network has more than 2^32 - 1 cells");
  }
  net.totalNeurons = static_cast<uint32_t>(global);
  for (size_t k = 0; k < net.projections.size(); ++k) checkProjection(net.projections[k], k, net, indexPath("network", "projections", k));
  for (size_t k = 0; k < net.currentSources.size(); ++k) {
    const std::string path = indexPath("network", "current_sources", k);
    checkCurrentSource(net.currentSources[k], net, path);
    for (size_t t = 0; t < net.currentSources[k].targets.size(); ++t) {
      checkCellSet(net.currentSources[k].targets[t], net.populations, indexPath(path, "targets", t));
    }
  }
  for (size_t k = 0; k < net.recordings.size(); ++k) checkRecording(net.recordings[k], net, indexPath("network", "recordings", k));
  checkRecordingsDistinct(net.recordings, "network.recordings");
  for (size_t k = 0; k < net.assemblies.size(); ++k) {
    checkCellSet(net.assemblies[k].cells, net.populations, indexPath("network", "assemblies", k) + ".cells");
  }
}

}  // namespace tsnn
