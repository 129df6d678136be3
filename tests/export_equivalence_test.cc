// The fast full export (Exporter::Export → SiteRenderer::RenderAll, one
// scan of the store) against the per-path one (every path of AllPaths()
// rendered on its own, as ExportPaths does): on a real SQLite database and
// on the in-memory store, both must write the same files with the same
// bytes, _gone lists included (issue 5). Files go to a MemoryFileSystem:
// exporter_test covers real files.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>

#include "model/permalink.h"
#include "publish/exporter.h"
#include "publish/renderer.h"
#include "publish/site_paths.h"
#include "publish/story_view.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"
#include "testing/forwarding_store.h"
#include "testing/memory_file_system.h"
#include "testing/site_corpus.h"
#include "testing/story_builder.h"

namespace wirepress {
namespace {

constexpr Timestamp kNow{1557921600};  // 2019-05-15T12:00:00Z

// Path → contents of every file under `dir`.
std::map<std::string, std::string> ReadTree(FileSystem& fs, const std::string& dir) {
  std::map<std::string, std::string> files;
  auto names = fs.ListDir(dir);
  EXPECT_TRUE(names.ok()) << names.status().ToString();
  if (!names.ok()) return files;
  for (const std::string& name : *names) {
    std::string path = JoinPath(dir, name);
    if (fs.Stat(path).value().is_directory) {
      files.merge(ReadTree(fs, path));
    } else {
      files[path.substr(path.find('/', 1))] = fs.ReadFile(path).value();
    }
  }
  return files;
}

class ExportEquivalenceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wirepress-export-eq-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    if (GetParam() == "sqlite") {
      auto s = store::sqlite::OpenSqliteStore(dir_ + "/site.db", {});
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      store_ = std::move(s).value();
    } else {
      store_ = store::memory::NewMemoryStore();
    }
    ASSERT_TRUE(testing::PutSiteCorpus(store_.get(), kNow, 300).ok());
    config_.name = "Wire Daily";
    config_.base_url = "https://news.example";
    config_.theme_dir = std::string(WIREPRESS_SOURCE_DIR) + "/templates";
    config_.agencies["AFP"] = publish::AgencyConfig{"AFP", "Agence France-Presse", "", false};
    config_.agencies["XNA"] = publish::AgencyConfig{"XNA", "Example News Agency", "", true};
    config_.images = publish::DefaultLibraryImages(config_);
    config_.page_size = 6;
    config_.feed_size = 8;
    auto r = publish::NewRenderer(config_, store_.get(), &clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    renderer_ = std::move(r).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  testing::FakeClock clock_{kNow};
  std::unique_ptr<store::Store> store_;
  publish::SiteConfig config_;
  std::unique_ptr<publish::Renderer> renderer_;
};

TEST_P(ExportEquivalenceTest, FullExportWritesTheSameFilesAsRenderingEachPath) {
  testing::MemoryFileSystem fs;
  publish::Exporter exporter(renderer_.get(), &fs, {.threads = 2});
  auto fast = exporter.Export("/fast");
  ASSERT_TRUE(fast.ok()) << fast.status().ToString();
  auto paths = renderer_->AllPaths();
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  auto slow = exporter.ExportPaths("/each", *paths);
  ASSERT_TRUE(slow.ok()) << slow.status().ToString();

  std::map<std::string, std::string> want = ReadTree(fs, "/each");
  std::map<std::string, std::string> got = ReadTree(fs, "/fast");
  ASSERT_GT(want.size(), 500u);
  std::vector<std::string> missing, extra, differ;
  for (const auto& [file, body] : want) {
    auto it = got.find(file);
    if (it == got.end())
      missing.push_back(file);
    else if (it->second != body)
      differ.push_back(file);
  }
  for (const auto& [file, body] : got) {
    if (want.count(file) == 0) extra.push_back(file);
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " missing, first " << missing[0];
  EXPECT_TRUE(extra.empty()) << extra.size() << " extra, first " << extra[0];
  EXPECT_TRUE(differ.empty()) << differ.size() << " differ, first " << differ[0];
  EXPECT_EQ(fast->written, slow->written);
  EXPECT_EQ(fast->gone, slow->gone);
  EXPECT_GT(fast->gone, 10);
  EXPECT_FALSE(got["/_gone.map"].empty());
}

// An agency missing from the config whose name has a hyphen: its slug
// "deutsche-presse-agentur" cannot be turned back into the name, which must
// come from the stored stories, or the story's credit link leads nowhere.
TEST_P(ExportEquivalenceTest, UnconfiguredHyphenatedAgencyPageListsItsStories) {
  store::PutRequest req = testing::StoryBuilder()
                              .Uri("urn:dpa:1")
                              .Headline("Bundestag passes the budget")
                              .Agency("Deutsche Presse-Agentur")
                              .Request(kNow);
  req.path = model::StoryPath("world", kNow, req.story.headline, req.story.uri);
  auto put = store_->Put(req);
  ASSERT_TRUE(put.ok()) << put.status().ToString();

  testing::MemoryFileSystem fs;
  publish::Exporter exporter(renderer_.get(), &fs, {.threads = 2});
  auto stats = exporter.Export("/out");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  std::map<std::string, std::string> files = ReadTree(fs, "/out");
  std::string story = files[req.path + ".html"];
  if (story.empty()) story = files[req.path + "/index.html"];
  EXPECT_NE(story.find("href=\"/agency/deutsche-presse-agentur/\""), std::string::npos)
      << "no credit link in the exported story page of " << req.path;
  std::string page = files["/agency/deutsche-presse-agentur/index.html"];
  EXPECT_NE(page.find("Bundestag passes the budget"), std::string::npos)
      << "agency page missing or without the story";
  EXPECT_NE(files["/agency/deutsche-presse-agentur/rss.xml"].find("Bundestag passes the budget"),
            std::string::npos);
}

// Names sharing a slug ("AFP" configured and "AFP.", two spellings of an
// unconfigured agency): the export's agency pages (by slug) list what the
// store's query for every such name lists, page for page.
TEST_P(ExportEquivalenceTest, AgencyPagesOfNamesSharingASlugMatchRenderingEachPath) {
  int n = 0;
  for (const char* agency : {"AFP.", "Agencia X", "Agencia-X", "agencia x"}) {
    for (int i = 0; i < 4; ++i, ++n) {
      store::PutRequest req = testing::StoryBuilder()
                                  .Uri("urn:slug:" + std::to_string(n))
                                  .Headline("Shared slug story " + std::to_string(n))
                                  .Agency(agency)
                                  .Request(Timestamp{kNow.seconds - 7 * n});
      req.path = model::StoryPath("world", req.now, req.story.headline, req.story.uri);
      auto put = store_->Put(req);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
  }
  testing::MemoryFileSystem fs;
  publish::Exporter exporter(renderer_.get(), &fs, {.threads = 2});
  ASSERT_TRUE(exporter.Export("/fast").ok());
  std::vector<std::string> paths;
  for (const char* slug : {"afp", "agencia-x"}) {
    publish::Listing listing{publish::ListingKind::kAgency, slug};
    for (int p = 1; p <= 3; ++p) paths.push_back(publish::ListingPagePath(listing, p));
    paths.push_back(publish::ListingDir(listing) + "rss.xml");
  }
  ASSERT_TRUE(exporter.ExportPaths("/each", paths).ok());
  std::map<std::string, std::string> want = ReadTree(fs, "/each");
  std::map<std::string, std::string> got = ReadTree(fs, "/fast");
  // 12 stories of the spellings over pages of 6: two pages and the feed.
  EXPECT_EQ(std::count_if(want.begin(), want.end(),
                          [](const auto& f) { return f.first.starts_with("/agency/agencia-x/"); }),
            3);
  for (const auto& [file, body] : want) {
    EXPECT_EQ(got[file], body) << file;
  }
  EXPECT_NE(got["/agency/agencia-x/index.html"].find("<title>Agencia X"), std::string::npos);
  EXPECT_NE(got["/agency/afp/index.html"].find("Shared slug story 0"), std::string::npos);
}

// The export works from its own scan of the store: agency pages resolve
// their names from the scanned stories, not by asking the live store again
// (which may have moved on since), so a store whose Agencies() fails
// still exports them.
class NoAgenciesStore : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  Result<std::vector<std::string>> Agencies() override {
    return Status::Unavailable("listing the agencies", "not during an export");
  }
};

TEST_P(ExportEquivalenceTest, ExportResolvesAgencyPagesFromItsScan) {
  NoAgenciesStore store(store_.get());
  auto renderer = publish::NewRenderer(config_, &store, &clock_);
  ASSERT_TRUE(renderer.ok()) << renderer.status().ToString();
  testing::MemoryFileSystem fs;
  publish::Exporter exporter(renderer->get(), &fs, {.threads = 2});
  auto stats = exporter.Export("/out");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  std::map<std::string, std::string> files = ReadTree(fs, "/out");
  EXPECT_FALSE(files["/agency/afp/index.html"].empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, ExportEquivalenceTest, ::testing::Values("sqlite", "memory"));

}  // namespace
}  // namespace wirepress
