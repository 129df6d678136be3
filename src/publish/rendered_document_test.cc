#include "publish/rendered_document.h"

#include <gtest/gtest.h>

namespace wirepress::publish {
namespace {

TEST(ExportFilePath, MapsUrlPathsToFiles) {
  EXPECT_EQ(ExportFilePath("/"), "index.html");
  EXPECT_EQ(ExportFilePath("/world/"), "world/index.html");
  EXPECT_EQ(ExportFilePath("/world/page/2/"), "world/page/2/index.html");
  EXPECT_EQ(ExportFilePath("/world/2019/05/15/x-1a2b"), "world/2019/05/15/x-1a2b/index.html");
  EXPECT_EQ(ExportFilePath("/rss.xml"), "rss.xml");
  EXPECT_EQ(ExportFilePath("/tag/syria/feed.json"), "tag/syria/feed.json");
  EXPECT_EQ(ExportFilePath("/static/images/world.svg"), "static/images/world.svg");
}

TEST(MakeDocument, EtagIsTheQuotedHashOfTheBody) {
  RenderedDocument a = MakeDocument("/", "text/plain", "hello", Timestamp{5});
  RenderedDocument b = MakeDocument("/x", "text/plain", "hello", Timestamp{6});
  RenderedDocument c = MakeDocument("/", "text/plain", "hello!", Timestamp{5}, 410);
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_NE(a.etag, c.etag);
  EXPECT_EQ(a.etag.size(), 18u);
  EXPECT_EQ(a.etag.front(), '"');
  EXPECT_EQ(a.etag.back(), '"');
  EXPECT_EQ(c.status, 410);
  EXPECT_EQ(a.last_modified, Timestamp{5});
}

}  // namespace
}  // namespace wirepress::publish
