// A decoded tsnn.v1.Expression: a function of distance (d, d0, d1, d2) or of indices (i, j), stored as a flat
// array of nodes (children before parents) and evaluated with the deterministic math, so every backend computes
// the same probability or synaptic value bit for bit.
#pragma once

#include <cstdint>
#include <vector>

namespace tsnn {

// Numbers follow tsnn.v1.Expression.
enum class ExpressionVariable : uint32_t { D = 1, D0 = 2, D1 = 3, D2 = 4, I = 5, J = 6 };
enum class ExpressionUnary : uint32_t { Negate = 1, Not = 2 };
enum class ExpressionBinary : uint32_t {
  Add = 1, Subtract, Multiply, Divide, Power, Modulo, Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual, And, Or
};
enum class ExpressionFunction : uint32_t {
  Exp = 1, Log, Log10, Sqrt, Sin, Cos, Tan, Arcsin, Arccos, Arctan, Sinh, Cosh, Tanh, Abs, Floor, Ceil, Arctan2,
  Minimum, Maximum, Fmod, Rint
};

struct ExpressionNode {
  enum class Kind : uint8_t { Constant, Variable, Unary, Binary, Call, Conditional };
  Kind kind = Kind::Constant;
  uint32_t op = 0;          // variable, unary op, binary op or function, by its proto number
  double constant = 0.0;
  int32_t args[3] = {-1, -1, -1};  // indices of child nodes (always smaller than this node's index)
};

// Values of the variables for one (pre, post) pair.
struct ExpressionInputs {
  double d = 0.0, d0 = 0.0, d1 = 0.0, d2 = 0.0, i = 0.0, j = 0.0;
};

// Deepest accepted tree (guards the decoder's recursion against malicious input).
constexpr int kMaxExpressionDepth = 64;
// Most nodes accepted in one expression.
constexpr uint32_t kMaxExpressionNodes = 4096;

struct ExpressionSpec {
  std::vector<ExpressionNode> nodes;  // the root is the last node; empty = no expression

  bool empty() const { return nodes.empty(); }
  bool usesVariable(ExpressionVariable variable) const;
  bool usesDistance() const;  // any of d, d0, d1, d2
  double evaluate(const ExpressionInputs& inputs) const;
};

}  // namespace tsnn
