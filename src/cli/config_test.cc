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
