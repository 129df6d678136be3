#include "store/memory/memory_store.h"

#include <gtest/gtest.h>

#include "store/store_conformance_test.h"

namespace wirepress::store::memory {
namespace {

INSTANTIATE_TEST_SUITE_P(Memory, StoreConformanceTest,
                         ::testing::Values(StoreFactory{
                             "memory", []() -> Result<std::unique_ptr<Store>> {
                               return NewMemoryStore();
                             }}),
                         StoreFactoryName);

TEST(MemoryStore, OpensThroughTheRegistry) {
  StoreRegistry registry;
  RegisterMemoryStore(&registry);
  auto store = registry.Open("memory:", StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->GetById(1).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace wirepress::store::memory
