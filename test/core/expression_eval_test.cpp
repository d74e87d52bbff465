// Expressions: decoded from hand-built Expression messages and evaluated against the same formula computed with
// the C library; malformed and over-deep trees rejected with their path. Also the deterministic math itself
// against the C library (a few ulp apart).
#include <cmath>
#include <initializer_list>
#include <string>

#include "testing.h"
#include "tsnn/error.h"
#include "tsnn/network/network_spec.h"
#include "tsnn/math/deterministic_math.h"
#include "tsnn/wire/wire_writer.h"

// The decoder of the shared value messages (core/src/network/decode_common.h).
#include "../../core/src/network/decode_common.h"

using namespace tsnn;

namespace {

WireWriter constant(double value) {
  WireWriter w;
  w.writeKey(1, 1);
  w.writeRaw(reinterpret_cast<const uint8_t*>(&value), 8);
  return w;
}

WireWriter variable(uint32_t v) {
  WireWriter w;
  w.writeVarintField(2, v);
  return w;
}

WireWriter binary(uint32_t op, const WireWriter& left, const WireWriter& right) {
  WireWriter body;
  body.writeVarintField(1, op);
  body.writeMessageField(2, left);
  body.writeMessageField(3, right);
  WireWriter w;
  w.writeMessageField(4, body);
  return w;
}

WireWriter call(uint32_t function, std::initializer_list<WireWriter> arguments) {
  WireWriter body;
  body.writeVarintField(1, function);
  for (const WireWriter& argument : arguments) body.writeMessageField(2, argument);
  WireWriter w;
  w.writeMessageField(5, body);
  return w;
}

WireWriter call(uint32_t function, const WireWriter& a) { return call(function, {a}); }

WireWriter negate(const WireWriter& a) {
  WireWriter body;
  body.writeVarintField(1, 1);
  body.writeMessageField(2, a);
  WireWriter w;
  w.writeMessageField(3, body);
  return w;
}

ExpressionSpec decodeExpression(const WireWriter& w) {
  return decode::expression(WireReader(w.bytes().data(), w.size(), "e"));
}

}  // namespace

TEST(distance_expression_matches_the_formula) {
  // 0.2 + 0.3 * exp(-d / 50) * (d < 100)   (a typical PyNN distance expression)
  const WireWriter e = binary(1, constant(0.2),
                              binary(3, binary(3, constant(0.3), call(1, negate(binary(4, variable(1), constant(50.0))))),
                                     binary(7, variable(1), constant(100.0))));
  const ExpressionSpec spec = decodeExpression(e);
  CHECK(spec.usesDistance());
  CHECK(!spec.usesVariable(ExpressionVariable::I));
  for (double d : {0.0, 1.0, 37.5, 99.0, 100.0, 250.0}) {
    ExpressionInputs in;
    in.d = d;
    const double expected = 0.2 + 0.3 * std::exp(-d / 50.0) * (d < 100.0 ? 1.0 : 0.0);
    CHECK_NEAR(spec.evaluate(in), expected, 1e-15);
  }
}

TEST(index_expression_and_modulo_follow_numpy) {
  // (i + j) % 3 == 0 ; numpy's % takes the divisor's sign: -7 % 3 = 2
  const ExpressionSpec spec = decodeExpression(binary(11, binary(6, binary(1, variable(5), variable(6)), constant(3.0)), constant(0.0)));
  ExpressionInputs in;
  in.i = 4;
  in.j = 5;
  CHECK(spec.evaluate(in) == 1.0);
  in.j = 6;
  CHECK(spec.evaluate(in) == 0.0);
  const ExpressionSpec mod = decodeExpression(binary(6, constant(-7.0), constant(3.0)));
  CHECK(mod.evaluate(ExpressionInputs()) == 2.0);
}

TEST(fmod_and_rint_are_the_c_library_s) {
  // fmod (20) keeps the dividend's sign, unlike Python's %; rint (21) rounds ties to even (numpy's round).
  const ExpressionSpec fmodSpec = decodeExpression(call(20, {variable(2), variable(3)}));
  const ExpressionSpec rintSpec = decodeExpression(call(21, variable(2)));
  for (double x : {-7.0, 7.0, -2.5, 2.5, -0.5, 0.5, 5.5, -1e-20, 1234.5678, 4503599627370495.5}) {
    for (double y : {3.0, -3.0, 1e-3, 2.5}) {
      ExpressionInputs in;
      in.d0 = x;
      in.d1 = y;
      CHECK(fmodSpec.evaluate(in) == std::fmod(x, y));
      CHECK(std::signbit(fmodSpec.evaluate(in)) == std::signbit(std::fmod(x, y)));
    }
  }
  const double ties[][2] = {{2.5, 2.0}, {3.5, 4.0}, {-2.5, -2.0}, {-1.5, -2.0}, {0.49999999999999994, 0.0}, {7.3, 7.0}};
  for (const auto& tie : ties) {
    ExpressionInputs in;
    in.d0 = tie[0];
    CHECK(rintSpec.evaluate(in) == tie[1]);
  }
  ExpressionInputs minusHalf;
  minusHalf.d0 = -0.5;
  CHECK(rintSpec.evaluate(minusHalf) == 0.0 && std::signbit(rintSpec.evaluate(minusHalf)));
  // fmod takes two arguments, rint one.
  CHECK_THROWS_AS(decodeExpression(call(20, constant(1.0))), Error);
  CHECK_THROWS_AS(decodeExpression(call(21, {constant(1.0), constant(2.0)})), Error);
  CHECK_THROWS_AS(decodeExpression(call(22, constant(1.0))), Error);
}

TEST(malformed_trees_are_rejected_with_a_path) {
  // A binary node without its right operand.
  WireWriter body;
  body.writeVarintField(1, 1);
  body.writeMessageField(2, constant(1.0));
  WireWriter missing;
  missing.writeMessageField(4, body);
  try {
    decodeExpression(missing);
    CHECK(false);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::InvalidArgument && e.path() == "e.binary");
  }
  // An unknown function and an empty node.
  CHECK_THROWS_AS(decodeExpression(call(42, constant(1.0))), Error);
  CHECK_THROWS_AS(decodeExpression(WireWriter()), Error);
  // arctan2 needs two arguments.
  CHECK_THROWS_AS(decodeExpression(call(17, constant(1.0))), Error);
}

TEST(nesting_deeper_than_the_limit_is_rejected) {
  WireWriter e = constant(1.0);
  for (int level = 0; level < kMaxExpressionDepth; ++level) e = negate(e);
  CHECK(decodeExpression(e).nodes.size() == static_cast<size_t>(kMaxExpressionDepth) + 1);
  e = negate(e);
  CHECK_THROWS_AS(decodeExpression(e), Error);
}

TEST(deterministic_math_agrees_with_the_c_library) {
  double worstLog = 0, worstExp = 0, worstSin = 0, worstCos = 0, worstAtan = 0;
  for (int k = 1; k < 20000; ++k) {
    const double x = k * 0.0123;
    const double y = (k - 10000) * 0.0071;
    worstLog = std::fmax(worstLog, std::fabs(dmath::log(x) - std::log(x)) / std::fmax(1e-300, std::fabs(std::log(x))));
    worstExp = std::fmax(worstExp, std::fabs(dmath::exp(y) - std::exp(y)) / std::exp(y));
    worstSin = std::fmax(worstSin, std::fabs(dmath::sin(y) - std::sin(y)));
    worstCos = std::fmax(worstCos, std::fabs(dmath::cos(y) - std::cos(y)));
    worstAtan = std::fmax(worstAtan, std::fabs(dmath::atan(y) - std::atan(y)));
  }
  CHECK(worstLog < 1e-15);
  CHECK(worstExp < 4e-15);
  CHECK(worstSin < 1e-15 && worstCos < 1e-15 && worstAtan < 1e-15);
  CHECK(dmath::exp(0.0) == 1.0 && dmath::log(1.0) == 0.0);
  CHECK(dmath::pow(-2.0, 3.0) == -8.0 && dmath::pow(2.0, -2.0) == 0.25);
  CHECK(std::isnan(dmath::log(-1.0)) && dmath::log(0.0) == -INFINITY);
  for (double x : {1e-12, -3e-9, 1e-5, 0.25, -0.5}) CHECK_NEAR(dmath::log1p(x), std::log1p(x), 4e-16 * std::fabs(std::log1p(x)));
}
