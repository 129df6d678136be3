// The Store contract suite: the same cases run against every backend, so
// that memory, SQLite and PostgreSQL agree on the lifecycle, listings,
// search ranking and the change log. A backend's test file instantiates it:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest,
//       ::testing::Values(StoreFactory{"sqlite", [] { return OpenTempStore(); }}),
//       StoreFactoryName);
//
// and lists store_conformance_test.cc among its test sources.
//
// Thread-safety: each case opens its own store through the factory.
#ifndef WIREPRESS_STORE_STORE_CONFORMANCE_TEST_H_
#define WIREPRESS_STORE_STORE_CONFORMANCE_TEST_H_

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/store.h"

namespace wirepress::store {

struct StoreFactory {
  std::string name;  // test-name suffix: letters, digits, underscores
  // Returns a new, empty store; called once per test case.
  std::function<Result<std::unique_ptr<Store>>()> open;
};

// Prints the backend name (gtest would otherwise dump the bytes).
void PrintTo(const StoreFactory& factory, std::ostream* os);

// For INSTANTIATE_TEST_SUITE_P: names each instantiation after the backend.
std::string StoreFactoryName(const ::testing::TestParamInfo<StoreFactory>& info);

class StoreConformanceTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override;

  // Puts `request` and returns the outcome; fails the test on error.
  PutOutcome MustPut(const PutRequest& request);

  std::unique_ptr<Store> store_;
};

}  // namespace wirepress::store

#endif  // WIREPRESS_STORE_STORE_CONFORMANCE_TEST_H_
