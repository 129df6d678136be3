#include "server/document_cache.h"

#include <gtest/gtest.h>

namespace wirepress::server {
namespace {

std::shared_ptr<const CachedDocument> Doc(std::string path) {
  auto d = std::make_shared<CachedDocument>();
  d->doc.path = std::move(path);
  d->body = std::make_shared<const std::string>("x");
  return d;
}

TEST(DocumentCache, InsertsAndLooksUp) {
  DocumentCache cache(10);
  EXPECT_EQ(cache.Lookup("/"), nullptr);
  EXPECT_TRUE(cache.Insert("/", Doc("/"), cache.generation()));
  ASSERT_NE(cache.Lookup("/"), nullptr);
  EXPECT_EQ(cache.Lookup("/")->doc.path, "/");
}

TEST(DocumentCache, InvalidateDropsPathsTheirPagesAndAllQueries) {
  DocumentCache cache(10);
  for (std::string k : {"/", "/world/", "/world/page/2/", "/sports/", "/search?q=a"}) {
    ASSERT_TRUE(cache.Insert(k, Doc(k), cache.generation()));
  }
  cache.Invalidate({"/world/"});
  EXPECT_EQ(cache.Lookup("/world/"), nullptr);
  EXPECT_EQ(cache.Lookup("/world/page/2/"), nullptr);
  EXPECT_EQ(cache.Lookup("/search?q=a"), nullptr);
  EXPECT_NE(cache.Lookup("/"), nullptr);
  EXPECT_NE(cache.Lookup("/sports/"), nullptr);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(DocumentCache, InvalidateIfDropsTheMatchingKeysOnly) {
  DocumentCache cache(10);
  for (std::string k : {"/", "/world/a-story/", "/world/b-story/", "/world/"}) {
    ASSERT_TRUE(cache.Insert(k, Doc(k), cache.generation()));
  }
  std::uint64_t before = cache.generation();
  cache.InvalidateIf([](const std::string& k) { return k.ends_with("-story/"); });
  EXPECT_EQ(cache.Lookup("/world/a-story/"), nullptr);
  EXPECT_EQ(cache.Lookup("/world/b-story/"), nullptr);
  EXPECT_NE(cache.Lookup("/"), nullptr);
  EXPECT_NE(cache.Lookup("/world/"), nullptr);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_GT(cache.generation(), before);  // a render begun before cannot be kept
}

TEST(DocumentCache, RenderThatRacedAnInvalidationIsNotKept) {
  DocumentCache cache(10);
  std::uint64_t before = cache.generation();
  cache.Invalidate({"/"});  // a story committed while "/" was rendering
  EXPECT_FALSE(cache.Insert("/", Doc("/"), before));
  EXPECT_EQ(cache.Lookup("/"), nullptr);
}

TEST(DocumentCache, EvictsLeastRecentlyUsed) {
  DocumentCache cache(2);
  ASSERT_TRUE(cache.Insert("/a", Doc("/a"), cache.generation()));
  ASSERT_TRUE(cache.Insert("/b", Doc("/b"), cache.generation()));
  ASSERT_NE(cache.Lookup("/a"), nullptr);  // /b is now the oldest
  ASSERT_TRUE(cache.Insert("/c", Doc("/c"), cache.generation()));
  EXPECT_NE(cache.Lookup("/a"), nullptr);
  EXPECT_EQ(cache.Lookup("/b"), nullptr);
  EXPECT_NE(cache.Lookup("/c"), nullptr);
}

TEST(DocumentCache, KeyAddsQueryOnlyWhenPresent) {
  EXPECT_EQ(DocumentCache::Key("/search", "q=x"), "/search?q=x");
  EXPECT_EQ(DocumentCache::Key("/world/", ""), "/world/");
}

}  // namespace
}  // namespace wirepress::server
