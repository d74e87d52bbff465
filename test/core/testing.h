// A tiny test framework for the C++ core: TEST(name) {...}, CHECK, CHECK_NEAR, CHECK_THROWS, CHECK_THROWS_AS.
// The executable runs every test and ends with one line "N passed, N failed" (exit code 1 if any failed).
#pragma once

#include <cmath>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace tsnn_testing {

struct TestCase {
  const char* name;
  std::function<void()> body;
};

inline std::vector<TestCase>& registry() {
  static std::vector<TestCase> tests;
  return tests;
}

inline int& currentFailures() {
  static int failures = 0;
  return failures;
}

struct Registrar {
  Registrar(const char* name, std::function<void()> body) { registry().push_back({name, std::move(body)}); }
};

inline void reportFailure(const char* file, int line, const std::string& what) {
  ++currentFailures();
  std::printf("  FAIL %s:%d: %s\n", file, line, what.c_str());
}

}  // namespace tsnn_testing

#define TSNN_TEST_CONCAT_INNER(a, b) a##b
#define TSNN_TEST_CONCAT(a, b) TSNN_TEST_CONCAT_INNER(a, b)

#define TEST(name)                                                                            \
  static void TSNN_TEST_CONCAT(tsnn_test_body_, name)();                                     \
  static tsnn_testing::Registrar TSNN_TEST_CONCAT(tsnn_test_registrar_, name)(               \
      #name, &TSNN_TEST_CONCAT(tsnn_test_body_, name));                                      \
  static void TSNN_TEST_CONCAT(tsnn_test_body_, name)()

#define CHECK(cond)                                                                           \
  do {                                                                                        \
    if (!(cond)) tsnn_testing::reportFailure(__FILE__, __LINE__, "CHECK(" #cond ")");         \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                                                 \
  do {                                                                                        \
    const double tsnn_a_ = static_cast<double>(a);                                            \
    const double tsnn_b_ = static_cast<double>(b);                                            \
    const double tsnn_tol_ = static_cast<double>(tol);                                        \
    if (!(std::fabs(tsnn_a_ - tsnn_b_) <= tsnn_tol_)) {                                       \
      char tsnn_buf_[256];                                                                    \
      std::snprintf(tsnn_buf_, sizeof tsnn_buf_, "CHECK_NEAR(" #a ", " #b ") %.17g vs %.17g (tol %.3g)", \
                    tsnn_a_, tsnn_b_, tsnn_tol_);                                             \
      tsnn_testing::reportFailure(__FILE__, __LINE__, tsnn_buf_);                             \
    }                                                                                         \
  } while (0)

#define CHECK_THROWS_AS(expr, type)                                                           \
  do {                                                                                        \
    bool tsnn_thrown_ = false;                                                                \
    try {                                                                                     \
      (void)(expr);                                                                           \
    } catch (const type&) {                                                                   \
      tsnn_thrown_ = true;                                                                    \
    } catch (...) {                                                                           \
    }                                                                                         \
    if (!tsnn_thrown_) tsnn_testing::reportFailure(__FILE__, __LINE__, "CHECK_THROWS_AS(" #expr ", " #type ")"); \
  } while (0)

#define CHECK_THROWS(expr) CHECK_THROWS_AS(expr, std::exception)

int main() {
  int passed = 0, failed = 0;
  for (const auto& test : tsnn_testing::registry()) {
    tsnn_testing::currentFailures() = 0;
    try {
      test.body();
    } catch (const std::exception& error) {
      tsnn_testing::reportFailure(__FILE__, __LINE__, std::string("uncaught exception: ") + error.what());
    } catch (...) {
      tsnn_testing::reportFailure(__FILE__, __LINE__, "uncaught non-standard exception");
    }
    if (tsnn_testing::currentFailures() == 0) {
      ++passed;
    } else {
      ++failed;
      std::printf("FAILED %s\n", test.name);
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
