#include "publish/site_export.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/site_corpus.h"

namespace wirepress::publish {
namespace {

constexpr Timestamp kNow{1557921600};  // 2019-05-15T12:00:00Z

class SiteExportTest : public ::testing::Test {
 protected:
  SiteExportTest() : clock_(kNow), store_(store::memory::NewMemoryStore()) {
    config_.name = "Wire Daily";
    config_.base_url = "https://news.example";
    config_.theme_dir = std::string(WIREPRESS_SOURCE_DIR) + "/templates";
    config_.agencies["AFP"] = AgencyConfig{"AFP", "Agence France-Presse", "", false};
    config_.agencies["XNA"] = AgencyConfig{"XNA", "Example News Agency", "", true};
    config_.images = DefaultLibraryImages(config_);
    config_.images.push_back({"/static/images/news.svg", "Topic 3. (File Image)", "", "topic-3"});
    config_.page_size = 4;  // many pages
    config_.feed_size = 6;  // feeds cut short
  }

  void SetUp() override {
    ASSERT_TRUE(testing::PutSiteCorpus(store_.get(), kNow, 260).ok());
    auto r = NewRenderer(config_, store_.get(), &clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    renderer_ = std::move(r).value();
  }

  SiteRenderer* site() { return static_cast<SiteRenderer*>(renderer_.get()); }

  // Runs a SiteExport and returns what it emitted, by path.
  std::map<std::string, RenderedDocument> Run(int threads, int chunk) {
    std::mutex mu;
    std::map<std::string, RenderedDocument> docs;
    Renderer::DocumentSink sink = [&](const std::string& path, Result<RenderedDocument> doc) {
      EXPECT_TRUE(doc.ok()) << path << ": " << doc.status().ToString();
      std::lock_guard<std::mutex> lock(mu);
      EXPECT_TRUE(docs.count(path) == 0) << "emitted twice: " << path;
      if (doc.ok()) docs[path] = std::move(doc).value();
      return Status::Ok();
    };
    SiteExport run(site(), store_.get(), threads, sink, chunk);
    Status s = run.Run();
    EXPECT_TRUE(s.ok()) << s.ToString();
    return docs;
  }

  // Every path of AllPaths() rendered one by one.
  std::map<std::string, RenderedDocument> RenderEachPath() {
    std::map<std::string, RenderedDocument> docs;
    auto paths = renderer_->AllPaths();
    EXPECT_TRUE(paths.ok());
    for (const std::string& p : *paths) {
      auto doc = renderer_->Render(p);
      EXPECT_TRUE(doc.ok()) << p << ": " << doc.status().ToString();
      if (doc.ok()) docs[p] = std::move(doc).value();
    }
    return docs;
  }

  void ExpectSame(const std::map<std::string, RenderedDocument>& got,
                  const std::map<std::string, RenderedDocument>& want) {
    std::set<std::string> got_paths, want_paths;
    for (const auto& [p, d] : got) got_paths.insert(p);
    for (const auto& [p, d] : want) want_paths.insert(p);
    ASSERT_EQ(got_paths, want_paths);
    for (const auto& [path, w] : want) {
      const RenderedDocument& g = got.at(path);
      EXPECT_EQ(g.body, w.body) << path;
      EXPECT_EQ(g.status, w.status) << path;
      EXPECT_EQ(g.media_type, w.media_type) << path;
      EXPECT_EQ(g.etag, w.etag) << path;
      EXPECT_EQ(g.last_modified, w.last_modified) << path;
    }
  }

  SiteConfig config_;
  testing::FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Renderer> renderer_;
};

TEST_F(SiteExportTest, EmitsEveryPathWithTheBytesRenderGivesOnOneThread) {
  std::map<std::string, RenderedDocument> want = RenderEachPath();
  ASSERT_GT(want.size(), 400u);
  ExpectSame(Run(/*threads=*/1, kDefaultScanChunk), want);
}

// Chunks of 5 end inside pairs of stories published in the same second.
TEST_F(SiteExportTest, SmallScanChunksSplitNoTiesAndThreadsChangeNothing) {
  std::map<std::string, RenderedDocument> want = RenderEachPath();
  ExpectSame(Run(/*threads=*/3, /*chunk=*/5), want);
  ExpectSame(Run(/*threads=*/2, /*chunk=*/1), want);
}

TEST_F(SiteExportTest, TheSinksFirstErrorStopsTheRun) {
  std::atomic<int> calls{0};
  Renderer::DocumentSink sink = [&](const std::string& path, Result<RenderedDocument>) {
    if (++calls == 10) return Status::IoError("writing " + path, "disk full");
    return Status::Ok();
  };
  SiteExport run(site(), store_.get(), 2, sink, 7);
  Status s = run.Run();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.ToString().find("disk full"), std::string::npos) << s.ToString();
  EXPECT_LT(calls.load(), 200);
}

TEST_F(SiteExportTest, AnEmptyStoreStillHasHomeSectionsFeedsAndSitemaps) {
  store_ = store::memory::NewMemoryStore();
  renderer_ = NewRenderer(config_, store_.get(), &clock_).value();
  std::map<std::string, RenderedDocument> got = Run(2, kDefaultScanChunk);
  ExpectSame(got, RenderEachPath());
  EXPECT_EQ(got.count("/"), 1u);
  EXPECT_EQ(got.count("/world/rss.xml"), 1u);
  EXPECT_EQ(got.count("/sitemap.xml"), 1u);
}

}  // namespace
}  // namespace wirepress::publish
