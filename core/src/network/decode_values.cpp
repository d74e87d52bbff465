// Decoding of the value-like messages shared by the Network and the requests: RngSpec, RandomDistribution,
// DoubleMatrix, Expression, Value, map<string, Value>, SequenceList, Selection, CellSet.
#include <cmath>
#include <sstream>

#include "decode_common.h"

namespace tsnn {
namespace decode {

std::string indexPath(const std::string& path, const char* field, size_t index) {
  return path + "." + field + "[" + std::to_string(index) + "]";
}

std::string keyPath(const std::string& path, const char* field, const std::string& key) {
  return path + "." + field + "[\"" + key + "\"]";
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

double finite(WireReader& reader, const std::string& path) {
  const double value = reader.readDouble();
  if (!std::isfinite(value)) throw invalidArgument(path, "must be a finite number, got " + number(value));
  return value;
}

static void expectType(const WireReader& reader, WireType actual, WireType expected, uint32_t field) {
  if (actual != expected) reader.fail("malformed message: field " + std::to_string(field) + " has the wrong wire type");
}

RngSpecData rng(WireReader reader) {
  RngSpecData result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    switch (field) {
      case 1: expectType(reader, type, WireType::Varint, field); result.kind = reader.readUint32(); break;
      case 2: expectType(reader, type, WireType::Varint, field); result.hasSeed = reader.readBool(); break;
      case 3: expectType(reader, type, WireType::Varint, field); result.seed = reader.readVarint(); break;
      case 4: expectType(reader, type, WireType::Varint, field); result.stream = reader.readVarint(); break;
      case 5: expectType(reader, type, WireType::Varint, field); result.parallelSafe = reader.readBool(); break;
      default: reader.skip(type);
    }
  }
  if (result.kind > 3) {
    throw invalidArgument(reader.path() + ".kind", "unknown RNG kind " + std::to_string(result.kind) +
                                                      " (allowed: NUMPY, NATIVE, GSL)");
  }
  return result;
}

DistributionSpec distribution(WireReader reader) {
  uint32_t kind = 0;
  std::vector<double> parameters;
  DistributionSpec result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    switch (field) {
      case 1: expectType(reader, type, WireType::Varint, field); kind = reader.readUint32(); break;
      case 2: reader.readRepeatedDouble(type, parameters); break;
      case 3: expectType(reader, type, WireType::LengthDelimited, field); result.rng = rng(reader.readMessage(reader.path() + ".rng")); break;
      default: reader.skip(type);
    }
  }
  result.params = validateDistribution(kind, parameters, reader.path());
  return result;
}

MatrixSpec matrix(WireReader reader) {
  MatrixSpec result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    switch (field) {
      case 1: expectType(reader, type, WireType::Varint, field); result.rows = reader.readUint32(); break;
      case 2: expectType(reader, type, WireType::Varint, field); result.cols = reader.readUint32(); break;
      case 3: reader.readRepeatedDouble(type, result.values); break;
      default: reader.skip(type);
    }
  }
  if (static_cast<uint64_t>(result.rows) * result.cols != result.values.size()) {
    throw invalidArgument(reader.path(), "matrix of " + std::to_string(result.rows) + " x " +
                                             std::to_string(result.cols) + " needs " +
                                             std::to_string(static_cast<uint64_t>(result.rows) * result.cols) +
                                             " values, got " + std::to_string(result.values.size()));
  }
  for (size_t k = 0; k < result.values.size(); ++k) {
    if (std::isinf(result.values[k])) {
      throw invalidArgument(reader.path() + ".values[" + std::to_string(k) + "]",
                            "must be a finite number or NaN (no connection), got " + number(result.values[k]));
    }
  }
  return result;
}

namespace {

int32_t expressionNode(WireReader reader, ExpressionSpec& out, int depth);

// Decodes a child expression held by a sub-message field.
int32_t child(WireReader& reader, ExpressionSpec& out, int depth, const std::string& path) {
  return expressionNode(reader.readMessage(path), out, depth + 1);
}

int32_t expressionNode(WireReader reader, ExpressionSpec& out, int depth) {
  const std::string& path = reader.path();
  if (depth > kMaxExpressionDepth) {
    throw invalidArgument(path, "expression nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels");
  }
  // The last field of the oneof wins (protobuf semantics): remember it and decode it after the scan.
  uint32_t chosen = 0;
  WireReader chosenReader(nullptr, 0, path);
  WireType chosenType = WireType::Varint;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field >= 1 && field <= 6) {
      chosen = field;
      chosenType = type;
      chosenReader = reader;
    }
    reader.skip(type);
  }
  if (chosen == 0) throw invalidArgument(path, "expression node has no content (constant, variable, unary, binary, call or conditional)");
  ExpressionNode node;
  switch (chosen) {
    case 1: {
      if (chosenType != WireType::Fixed64) chosenReader.fail("malformed message: constant has the wrong wire type");
      node.kind = ExpressionNode::Kind::Constant;
      node.constant = finite(chosenReader, path + ".constant");
      break;
    }
    case 2: {
      if (chosenType != WireType::Varint) chosenReader.fail("malformed message: variable has the wrong wire type");
      node.kind = ExpressionNode::Kind::Variable;
      node.op = chosenReader.readUint32();
      if (node.op < 1 || node.op > 6) {
        throw invalidArgument(path + ".variable", "unknown variable " + std::to_string(node.op) + " (allowed: d, d0, d1, d2, i, j)");
      }
      break;
    }
    case 3: case 4: case 5: case 6: {
      if (chosenType != WireType::LengthDelimited) chosenReader.fail("malformed message: expression node has the wrong wire type");
      static const char* names[] = {"", "", "", "unary", "binary", "call", "conditional"};
      const std::string nodePath = path + "." + names[chosen];
      WireReader body = chosenReader.readMessage(nodePath);
      int argCount = 0;
      uint32_t bodyField;
      WireType bodyType;
      int32_t args[3] = {-1, -1, -1};
      while (body.nextField(bodyField, bodyType)) {
        if (chosen != 6 && bodyField == 1) {
          if (bodyType != WireType::Varint) body.fail("malformed message: op has the wrong wire type");
          node.op = body.readUint32();
          continue;
        }
        if (bodyType != WireType::LengthDelimited) {
          body.skip(bodyType);
          continue;
        }
        if (chosen == 3 && bodyField == 2) {
          args[0] = child(body, out, depth, nodePath + ".operand");
        } else if (chosen == 4 && (bodyField == 2 || bodyField == 3)) {
          args[bodyField - 2] = child(body, out, depth, nodePath + (bodyField == 2 ? ".left" : ".right"));
        } else if (chosen == 5 && bodyField == 2) {
          if (argCount >= 2) throw invalidArgument(nodePath + ".arguments", "a function takes at most 2 arguments");
          args[argCount] = child(body, out, depth, nodePath + ".arguments[" + std::to_string(argCount) + "]");
          ++argCount;
        } else if (chosen == 6 && bodyField >= 1 && bodyField <= 3) {
          static const char* parts[] = {"", ".condition", ".then", ".otherwise"};
          args[bodyField - 1] = child(body, out, depth, nodePath + parts[bodyField]);
        } else {
          body.skip(bodyType);
        }
      }
      if (chosen == 3) {
        node.kind = ExpressionNode::Kind::Unary;
        if (node.op < 1 || node.op > 2) throw invalidArgument(nodePath + ".op", "unknown unary operator " + std::to_string(node.op) + " (allowed: NEGATE, NOT)");
        if (args[0] < 0) throw invalidArgument(nodePath + ".operand", "missing operand");
      } else if (chosen == 4) {
        node.kind = ExpressionNode::Kind::Binary;
        if (node.op < 1 || node.op > 14) throw invalidArgument(nodePath + ".op", "unknown binary operator " + std::to_string(node.op));
        if (args[0] < 0 || args[1] < 0) throw invalidArgument(nodePath, "a binary operator needs left and right operands");
      } else if (chosen == 5) {
        node.kind = ExpressionNode::Kind::Call;
        if (node.op < 1 || node.op > 21) throw invalidArgument(nodePath + ".function", "unknown function " + std::to_string(node.op));
        const int expected = node.op >= 17 && node.op <= 20 ? 2 : 1;  // arctan2, minimum, maximum, fmod
        if (argCount != expected) {
          throw invalidArgument(nodePath + ".arguments", "function takes " + std::to_string(expected) +
                                                             " argument(s), got " + std::to_string(argCount));
        }
      } else {
        node.kind = ExpressionNode::Kind::Conditional;
        if (args[0] < 0 || args[1] < 0 || args[2] < 0) throw invalidArgument(nodePath, "a conditional needs condition, then and otherwise");
      }
      for (int k = 0; k < 3; ++k) node.args[k] = args[k];
      break;
    }
  }
  if (out.nodes.size() >= kMaxExpressionNodes) {
    throw invalidArgument(path, "expression has more than " + std::to_string(kMaxExpressionNodes) + " nodes");
  }
  out.nodes.push_back(node);
  return static_cast<int32_t>(out.nodes.size() - 1);
}

}  // namespace

ExpressionSpec expression(WireReader reader) {
  ExpressionSpec result;
  expressionNode(reader, result, 0);
  return result;
}

std::vector<std::vector<double>> sequenceList(WireReader reader) {
  std::vector<std::vector<double>> items;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field != 1 || type != WireType::LengthDelimited) {
      reader.skip(type);
      continue;
    }
    const std::string itemPath = indexPath(reader.path(), "items", items.size());
    WireReader item = reader.readMessage(itemPath);
    std::vector<double> values;
    uint32_t itemField;
    WireType itemType;
    while (item.nextField(itemField, itemType)) {
      if (itemField == 1) item.readRepeatedDouble(itemType, values);
      else item.skip(itemType);
    }
    for (size_t k = 0; k < values.size(); ++k) {
      if (!std::isfinite(values[k])) {
        throw invalidArgument(indexPath(itemPath, "values", k), "must be a finite number, got " + number(values[k]));
      }
    }
    items.push_back(std::move(values));
  }
  return items;
}

ValueSpec value(WireReader reader) {
  ValueSpec result;
  const std::string& path = reader.path();
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    switch (field) {
      case 1:
        expectType(reader, type, WireType::Fixed64, field);
        result = ValueSpec();
        result.kind = ValueSpec::Kind::Scalar;
        result.scalar = finite(reader, path + ".scalar");
        break;
      case 2: {
        expectType(reader, type, WireType::LengthDelimited, field);
        result = ValueSpec();
        result.kind = ValueSpec::Kind::Array;
        WireReader array = reader.readMessage(path + ".array");
        uint32_t f;
        WireType t;
        while (array.nextField(f, t)) {
          if (f == 1) array.readRepeatedDouble(t, result.array);
          else array.skip(t);
        }
        for (size_t k = 0; k < result.array.size(); ++k) {
          if (!std::isfinite(result.array[k])) {
            throw invalidArgument(indexPath(path + ".array", "values", k), "must be a finite number, got " + number(result.array[k]));
          }
        }
        break;
      }
      case 3:
        expectType(reader, type, WireType::LengthDelimited, field);
        result = ValueSpec();
        result.kind = ValueSpec::Kind::Matrix;
        result.matrix = matrix(reader.readMessage(path + ".matrix"));
        break;
      case 4:
        expectType(reader, type, WireType::LengthDelimited, field);
        result = ValueSpec();
        result.kind = ValueSpec::Kind::Distribution;
        result.distribution = distribution(reader.readMessage(path + ".distribution"));
        break;
      case 5:
        expectType(reader, type, WireType::LengthDelimited, field);
        result = ValueSpec();
        result.kind = ValueSpec::Kind::Sequences;
        result.sequences = sequenceList(reader.readMessage(path + ".sequences"));
        break;
      case 6:
        expectType(reader, type, WireType::LengthDelimited, field);
        result = ValueSpec();
        result.kind = ValueSpec::Kind::Expression;
        result.expression = expression(reader.readMessage(path + ".expression"));
        break;
      default:
        reader.skip(type);
    }
  }
  return result;
}

std::pair<std::string, ValueSpec> valueMapEntry(WireReader reader, const std::string& mapPath) {
  std::string key;
  bool hasValue = false;
  WireReader valueReader(nullptr, 0, mapPath);
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 1 && type == WireType::LengthDelimited) {
      key = reader.readString();
    } else if (field == 2 && type == WireType::LengthDelimited) {
      valueReader = reader.readMessage(mapPath);
      hasValue = true;
    } else {
      reader.skip(type);
    }
  }
  const std::string path = mapPath + "[\"" + key + "\"]";
  if (key.empty()) throw invalidArgument(path, "map key must not be empty");
  if (!hasValue) throw invalidArgument(path, "value is missing");
  return {key, value(valueReader.renamed(path))};
}

SelectionSpec selection(WireReader reader) {
  SelectionSpec result;
  result.form = SelectionSpec::Form::All;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    switch (field) {
      case 1: expectType(reader, type, WireType::Varint, field); result.population = reader.readUint32(); break;
      case 2:
        expectType(reader, type, WireType::Varint, field);
        reader.readBool();
        result.form = SelectionSpec::Form::All;
        result.indices.clear();
        break;
      case 3: {
        expectType(reader, type, WireType::LengthDelimited, field);
        WireReader range = reader.readMessage(reader.path() + ".range");
        result.form = SelectionSpec::Form::Range;
        result.start = 0;
        result.stop = 0;
        result.step = 0;
        uint32_t f;
        WireType t;
        while (range.nextField(f, t)) {
          if (t != WireType::Varint) { range.skip(t); continue; }
          if (f == 1) result.start = range.readUint32();
          else if (f == 2) result.stop = range.readUint32();
          else if (f == 3) result.step = range.readUint32();
          else range.skip(t);
        }
        break;
      }
      case 4: {
        expectType(reader, type, WireType::LengthDelimited, field);
        WireReader list = reader.readMessage(reader.path() + ".indices");
        result.form = SelectionSpec::Form::Indices;
        result.indices.clear();
        uint32_t f;
        WireType t;
        while (list.nextField(f, t)) {
          if (f == 1) list.readRepeatedUint32(t, result.indices);
          else list.skip(t);
        }
        break;
      }
      default: reader.skip(type);
    }
  }
  return result;
}

CellSetSpec cellSet(WireReader reader) {
  CellSetSpec result;
  uint32_t field;
  WireType type;
  while (reader.nextField(field, type)) {
    if (field == 1 && type == WireType::LengthDelimited) {
      result.parts.push_back(selection(reader.readMessage(indexPath(reader.path(), "parts", result.parts.size()))));
    } else if (field == 2 && type == WireType::LengthDelimited) {
      result.label = reader.readString();
    } else {
      reader.skip(type);
    }
  }
  return result;
}

}  // namespace decode
}  // namespace tsnn
