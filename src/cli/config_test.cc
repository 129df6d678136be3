#include "cli/config.h"

#include <gtest/gtest.h>

#include "testing/memory_file_system.h"

namespace wirepress::cli {
namespace {

TEST(Config, DefaultsDeriveStoreAndInboxFromDataDir) {
  Config c;
  EXPECT_EQ(c.StoreUrl(), "sqlite:data/wirepress.db");
  EXPECT_EQ(c.InboxDir(), "data/inbox");
  EXPECT_EQ(c.server.port, 8080);
  c.data_dir = "/srv/wp";
  EXPECT_EQ(c.StoreUrl(), "sqlite:/srv/wp/wirepress.db");
  EXPECT_EQ(c.Spool().inbox_dir, "/srv/wp/inbox");
}

TEST(Config, ReadsEverySection) {
  auto c = ParseConfig(R"toml(
data_dir = "var"
store = "memory:"
[site]
name = "LatestLY"
base_url = "https://example.com/"
disclaimer = "Unedited {agency} copy."
default_section = "news"
[server]
port = 9090
push_token = "t0k"
[[sections]]
slug = "news"
name = "News"
subject_prefixes = ["medtop:11"]
[agencies.AFP]
full_name = "Agence France-Presse"
news_noindex = true
[[images]]
href = "/static/images/world.jpg"
caption = "World. (File Image)"
section = "news"
)toml", "wirepress.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->data_dir, "var");
  EXPECT_EQ(c->StoreUrl(), "memory:");
  EXPECT_EQ(c->site.name, "LatestLY");
  EXPECT_EQ(c->site.base_url, "https://example.com");
  EXPECT_EQ(c->server.port, 9090);
  EXPECT_EQ(c->server.push_token, "t0k");
  ASSERT_EQ(c->site.sections.size(), 1u);
  EXPECT_EQ(c->ingest.sections[0].subject_prefixes[0], "medtop:11");
  EXPECT_EQ(c->ingest.default_section, "news");
  EXPECT_EQ(c->site.agencies.at("AFP").full_name, "Agence France-Presse");
  EXPECT_TRUE(c->site.agencies.at("AFP").news_noindex);
  EXPECT_EQ(c->site.images.at(0).caption, "World. (File Image)");
}

TEST(Config, UnknownKeyIsAnErrorWithItsPlace) {
  auto c = ParseConfig("[server]\nprot = 80\n", "site.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "site.toml:2:8: server.prot: unknown key");
}

TEST(Config, WrongTypeAndRangeAreErrors) {
  EXPECT_EQ(ParseConfig("[server]\nport = \"80\"\n", "a.toml").status().message(),
            "a.toml:2:8: server.port: expected an integer in 0..65535");
  EXPECT_EQ(ParseConfig("[server]\nport = 70000\n", "a.toml").status().message(),
            "a.toml:2:8: server.port: expected an integer in 0..65535");
}

TEST(Config, SyntaxErrorNamesLineAndColumn) {
  auto c = ParseConfig("[site\nname = 1\n", "bad.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(c.status().message().rfind("bad.toml:1:", 0) == 0) << c.status().message();
}

TEST(Config, LoadReadsThroughTheFileSystem) {
  testing::MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFileAtomic("w.toml", "data_dir = \"d\"\n").ok());
  EXPECT_EQ(LoadConfig("w.toml", fs)->InboxDir(), "d/inbox");
  EXPECT_EQ(LoadConfig("none.toml", fs).status().code(), StatusCode::kNotFound);
}

TEST(Config, ReadsFeedsAndPings) {
  auto c = ParseConfig(
      "[site]\nbase_url = \"https://news.example/\"\n"
      "[[feeds]]\nurl = \"https://wire.example/afp.rss\"\ninterval = 5\n"
      "quiet_after = 600\nagency = \"AFP\"\n"
      "[[feeds]]\nurl = \"http://wire.example/ap.xml\"\n"
      "[pings]\nwebsub_hub = \"https://hub.example/\"\n"
      "indexnow_endpoint = \"https://search.example/indexnow\"\nindexnow_key = \"0f1e2d3c4b5a\"\n",
      "f.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->poller.feeds.size(), 2u);
  EXPECT_EQ(c->poller.feeds[0].url, "https://wire.example/afp.rss");
  EXPECT_EQ(c->poller.feeds[0].interval_s, 5);
  EXPECT_EQ(c->poller.feeds[0].quiet_after_s, 600);
  EXPECT_EQ(c->poller.feeds[0].agency, "AFP");
  EXPECT_EQ(c->poller.feeds[1].interval_s, 60);
  EXPECT_EQ(c->poller.feeds[1].quiet_after_s, 0);
  EXPECT_EQ(c->pings.websub_hub, "https://hub.example/");
  EXPECT_EQ(c->pings.indexnow_key, "0f1e2d3c4b5a");
  EXPECT_EQ(c->pings.base_url, "https://news.example");
}

TEST(Config, FeedsAndPingsAreOffByDefault) {
  auto c = ParseConfig("", "e.toml");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->poller.feeds.empty());
  EXPECT_TRUE(c->pings.websub_hub.empty());
  EXPECT_TRUE(c->pings.indexnow_endpoint.empty());
}

TEST(Config, BadFeedsAndPingsAreErrors) {
  EXPECT_EQ(ParseConfig("[[feeds]]\nurl = \"ftp://x/\"\n", "a.toml").status().message(),
            "a.toml:2:7: feeds.url: every [[feeds]] needs an http:// or https:// url");
  EXPECT_EQ(ParseConfig("[[feeds]]\nurl = \"http://x/\"\ninterval = 0\n", "a.toml")
                .status().message(),
            "a.toml:3:12: feeds.interval: expected an integer in 1..86400");
  EXPECT_EQ(ParseConfig("[pings]\nindexnow_endpoint = \"http://x/\"\n", "a.toml")
                .status().message(),
            "a.toml:2:21: pings.indexnow_key: needed when indexnow_endpoint is set");
  EXPECT_EQ(ParseConfig("[pings]\nindexnow_key = \"../x.txt\"\n", "a.toml").status().message(),
            "a.toml:2:16: pings.indexnow_key: expected 8 to 128 characters a-z, A-Z, 0-9 or '-'");
}

TEST(Config, ShippedSampleIsValid) {
  auto c = LoadConfig(WIREPRESS_SOURCE_DIR "/wirepress.toml", RealFileSystem());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->StoreUrl(), "sqlite:data/wirepress.db");
  EXPECT_EQ(c->site.agencies.at("AFP").full_name, "Agence France-Presse");
  EXPECT_EQ(c->site.sections.size(), model::DefaultSections().size());
}

}  // namespace
}  // namespace wirepress::cli
