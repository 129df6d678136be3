#include "publish/exporter.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>

#include "testing/memory_file_system.h"

namespace wirepress::publish {
namespace {

// A renderer over a fixed map of documents; paths not in it are NotFound.
class FakeRenderer final : public Renderer {
 public:
  std::map<std::string, RenderedDocument> docs;

  void Add(const std::string& path, const std::string& body, int status = 200) {
    docs[path] = MakeDocument(path, "text/html", body, Timestamp{1}, status);
  }
  Result<RenderedDocument> Render(std::string_view path, std::string_view) override {
    auto it = docs.find(std::string(path));
    if (it == docs.end()) return Status::NotFound(std::string(path));
    return it->second;
  }
  std::vector<std::string> AffectedPaths(const store::PutOutcome&) override { return {}; }
  Result<std::vector<std::string>> AllPaths() override {
    std::vector<std::string> out;
    for (const auto& [path, doc] : docs) out.push_back(path);
    out.push_back("/search");
    return out;
  }
};

class ExporterTest : public ::testing::Test {
 protected:
  ExporterTest() {
    renderer_.Add("/", "home");
    renderer_.Add("/world/", "world");
    renderer_.Add("/rss.xml", "<rss/>");
    renderer_.Add("/world/2019/05/15/a-1", "story a");
    renderer_.Add("/world/2019/05/15/k-2", "withdrawn", 410);
  }
  std::string Read(const std::string& path) { return fs_.ReadFile(path).value(); }

  FakeRenderer renderer_;
  testing::MemoryFileSystem fs_;
};

TEST_F(ExporterTest, ExportWritesEveryDocumentAndTheGoneLists) {
  Exporter exporter(&renderer_, &fs_, {.threads = 3});
  auto stats = exporter.Export("/out");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->written, 5);
  EXPECT_EQ(stats->gone, 1);
  EXPECT_EQ(stats->skipped, 1);
  EXPECT_EQ(Read("/out/index.html"), "home");
  EXPECT_EQ(Read("/out/world/index.html"), "world");
  EXPECT_EQ(Read("/out/rss.xml"), "<rss/>");
  EXPECT_EQ(Read("/out/world/2019/05/15/a-1/index.html"), "story a");
  EXPECT_EQ(Read("/out/world/2019/05/15/k-2/index.html"), "withdrawn");
  EXPECT_EQ(Read("/out/_gone.txt"), "/world/2019/05/15/k-2\n");
  EXPECT_EQ(Read("/out/_gone.map"), "\"/world/2019/05/15/k-2\" 1;\n");
  EXPECT_FALSE(fs_.Exists("/out/search/index.html"));
}

TEST_F(ExporterTest, ExportPathsRewritesOnlyThoseReplacesKilledAndRemovesVanished) {
  Exporter exporter(&renderer_, &fs_);
  ASSERT_TRUE(exporter.Export("/out").ok());
  renderer_.Add("/", "home v2");
  renderer_.Add("/world/2019/05/15/a-1", "withdrawn", 410);  // killed since
  renderer_.Add("/world/", "world v2");                      // changed, but not asked for
  renderer_.docs.erase("/rss.xml");                          // no longer exists
  auto stats = exporter.ExportPaths("/out", {"/", "/world/2019/05/15/a-1", "/rss.xml",
                                             "/api/v1/stories/1"});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->written, 2);
  EXPECT_EQ(stats->removed, 1);
  EXPECT_EQ(stats->skipped, 1);
  EXPECT_EQ(Read("/out/index.html"), "home v2");
  EXPECT_EQ(Read("/out/world/index.html"), "world");
  EXPECT_EQ(Read("/out/world/2019/05/15/a-1/index.html"), "withdrawn");
  EXPECT_FALSE(fs_.Exists("/out/rss.xml"));
  EXPECT_EQ(Read("/out/_gone.txt"), "/world/2019/05/15/a-1\n/world/2019/05/15/k-2\n");
}

TEST_F(ExporterTest, WriteFailureNamesThePath) {
  Exporter exporter(&renderer_, &fs_, {.threads = 1});
  fs_.FailWritesUnder("/out/world");
  auto stats = exporter.Export("/out");
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kIoError);
  EXPECT_NE(stats.status().message().find("exporting /world/"), std::string::npos)
      << stats.status().message();
}

TEST_F(ExporterTest, WritesRealFilesAtomicallyInATempDir) {
  char tmpl[] = "/tmp/wirepress-export-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  Exporter exporter(&renderer_, &RealFileSystem());
  ASSERT_TRUE(exporter.Export(dir).ok());
  ASSERT_TRUE(exporter.ExportPaths(dir, {"/"}).ok());
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    ++files;
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
  }
  EXPECT_EQ(files, 7);  // 5 documents + _gone.txt + _gone.map, no temporaries left
  EXPECT_EQ(RealFileSystem().ReadFile(dir + "/index.html").value(), "home");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace wirepress::publish
