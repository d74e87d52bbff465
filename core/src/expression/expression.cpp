#include "tsnn/expression/expression.h"

#include <cmath>

#include "tsnn/math/deterministic_math.h"

namespace tsnn {

bool ExpressionSpec::usesVariable(ExpressionVariable variable) const {
  for (const auto& node : nodes) {
    if (node.kind == ExpressionNode::Kind::Variable && node.op == static_cast<uint32_t>(variable)) return true;
  }
  return false;
}

bool ExpressionSpec::usesDistance() const {
  return usesVariable(ExpressionVariable::D) || usesVariable(ExpressionVariable::D0) ||
         usesVariable(ExpressionVariable::D1) || usesVariable(ExpressionVariable::D2);
}

namespace {

double truth(bool value) { return value ? 1.0 : 0.0; }

double variableValue(uint32_t variable, const ExpressionInputs& in) {
  switch (static_cast<ExpressionVariable>(variable)) {
    case ExpressionVariable::D: return in.d;
    case ExpressionVariable::D0: return in.d0;
    case ExpressionVariable::D1: return in.d1;
    case ExpressionVariable::D2: return in.d2;
    case ExpressionVariable::I: return in.i;
    case ExpressionVariable::J: return in.j;
  }
  return NAN;
}

double binary(uint32_t op, double a, double b) {
  switch (static_cast<ExpressionBinary>(op)) {
    case ExpressionBinary::Add: return a + b;
    case ExpressionBinary::Subtract: return a - b;
    case ExpressionBinary::Multiply: return a * b;
    case ExpressionBinary::Divide: return a / b;
    case ExpressionBinary::Power: return dmath::pow(a, b);
    case ExpressionBinary::Modulo: {
      // numpy's mod: the result has the sign of the divisor.
      if (b == 0.0) return NAN;
      return a - b * std::floor(a / b);
    }
    case ExpressionBinary::Less: return truth(a < b);
    case ExpressionBinary::LessEqual: return truth(a <= b);
    case ExpressionBinary::Greater: return truth(a > b);
    case ExpressionBinary::GreaterEqual: return truth(a >= b);
    case ExpressionBinary::Equal: return truth(a == b);
    case ExpressionBinary::NotEqual: return truth(a != b);
    case ExpressionBinary::And: return truth(a != 0.0 && b != 0.0);
    case ExpressionBinary::Or: return truth(a != 0.0 || b != 0.0);
  }
  return NAN;
}

double call(uint32_t function, double a, double b) {
  switch (static_cast<ExpressionFunction>(function)) {
    case ExpressionFunction::Exp: return dmath::exp(a);
    case ExpressionFunction::Log: return dmath::log(a);
    case ExpressionFunction::Log10: return dmath::log10(a);
    case ExpressionFunction::Sqrt: return std::sqrt(a);
    case ExpressionFunction::Sin: return dmath::sin(a);
    case ExpressionFunction::Cos: return dmath::cos(a);
    case ExpressionFunction::Tan: return dmath::tan(a);
    case ExpressionFunction::Arcsin: return dmath::asin(a);
    case ExpressionFunction::Arccos: return dmath::acos(a);
    case ExpressionFunction::Arctan: return dmath::atan(a);
    case ExpressionFunction::Sinh: return dmath::sinh(a);
    case ExpressionFunction::Cosh: return dmath::cosh(a);
    case ExpressionFunction::Tanh: return dmath::tanh(a);
    case ExpressionFunction::Abs: return std::fabs(a);
    case ExpressionFunction::Floor: return std::floor(a);
    case ExpressionFunction::Ceil: return std::ceil(a);
    case ExpressionFunction::Arctan2: return dmath::atan2(a, b);
    case ExpressionFunction::Minimum: return (std::isnan(a) || std::isnan(b)) ? NAN : (a < b ? a : b);
    case ExpressionFunction::Maximum: return (std::isnan(a) || std::isnan(b)) ? NAN : (a > b ? a : b);
    // Both exact, so the same on every backend: fmod's result is representable, and nearbyint rounds ties to
    // even in the default rounding mode, which the engine never changes.
    case ExpressionFunction::Fmod: return std::fmod(a, b);
    case ExpressionFunction::Rint: return std::nearbyint(a);
  }
  return NAN;
}

}  // namespace

double ExpressionSpec::evaluate(const ExpressionInputs& inputs) const {
  if (nodes.empty()) return NAN;
  // Children precede parents, so one forward pass evaluates the tree without recursion.
  double stackless[64];
  std::vector<double> heap;
  double* values = stackless;
  if (nodes.size() > 64) {
    heap.resize(nodes.size());
    values = heap.data();
  }
  for (size_t n = 0; n < nodes.size(); ++n) {
    const ExpressionNode& node = nodes[n];
    const double a = node.args[0] >= 0 ? values[node.args[0]] : 0.0;
    const double b = node.args[1] >= 0 ? values[node.args[1]] : 0.0;
    double result = NAN;
    switch (node.kind) {
      case ExpressionNode::Kind::Constant: result = node.constant; break;
      case ExpressionNode::Kind::Variable: result = variableValue(node.op, inputs); break;
      case ExpressionNode::Kind::Unary:
        result = node.op == static_cast<uint32_t>(ExpressionUnary::Negate) ? -a : truth(a == 0.0);
        break;
      case ExpressionNode::Kind::Binary: result = binary(node.op, a, b); break;
      case ExpressionNode::Kind::Call: result = call(node.op, a, b); break;
      case ExpressionNode::Kind::Conditional: result = a != 0.0 ? b : values[node.args[2]]; break;
    }
    values[n] = result;
  }
  return values[nodes.size() - 1];
}

}  // namespace tsnn
