#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <filesystem>

#include "model/story_json.h"
#include "store/search_text.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/reads.h"
#include "store/sqlite/schema.h"
#include "store/store_conformance_test.h"
#include "testing/story_builder.h"

namespace wirepress::store::sqlite {
namespace {

namespace fs = std::filesystem;
using testing::StoryBuilder;

constexpr Timestamp kT0{1557900000};
constexpr Timestamp kT1{1557903600};
constexpr Timestamp kT2{1557907200};

// A directory for this process' databases, removed when the tests end.
class TempDirEnvironment : public ::testing::Environment {
 public:
  static const fs::path& Root() {
    static const fs::path root =
        fs::path(::testing::TempDir()) / ("wirepress_sqlite_" + std::to_string(::getpid()));
    return root;
  }
  // A fresh database path: <root>/<n>/site.db (the directory does not exist
  // yet, so every open also tests that the store creates it).
  static std::string NewDbPath() {
    static std::atomic<int> counter{0};
    return (Root() / std::to_string(counter++) / "site.db").string();
  }
  void TearDown() override { fs::remove_all(Root()); }
};
const auto* const kTempDirs = ::testing::AddGlobalTestEnvironment(new TempDirEnvironment);

INSTANTIATE_TEST_SUITE_P(
    Sqlite, StoreConformanceTest,
    ::testing::Values(StoreFactory{"file",
                                   [] {
                                     return OpenSqliteStore(TempDirEnvironment::NewDbPath(),
                                                            StoreOptions{});
                                   }},
                      StoreFactory{"memory",
                                   [] { return OpenSqliteStore(":memory:", StoreOptions{}); }}),
    StoreFactoryName);

// WAL frames in `path`-wal: its size less the header, over (header + page).
std::int64_t WalBytes(const std::string& path) {
  std::error_code error;
  auto size = fs::file_size(path + "-wal", error);
  return error ? 0 : static_cast<std::int64_t>(size);
}

// A writer connection on a fresh file with table t, for the checkpointer.
std::unique_ptr<Connection> NewWriter(const std::string& path) {
  fs::create_directories(fs::path(path).parent_path());
  auto writer = Connection::Open(path, ConnectionOptions{});
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_TRUE((*writer)->Exec("CREATE TABLE t (x BLOB)", "creating t").ok());
  return std::move(writer).value();
}

// One transaction adding ~4 pages (4 KiB each) to t.
void CommitFourPages(Connection* writer) {
  ASSERT_TRUE(writer->Exec("INSERT INTO t VALUES (randomblob(16000))", "inserting").ok());
}

TEST(SqliteCheckpointer, CopiesTheWalIntoTheDatabaseOffTheWritersThread) {
  std::string path = TempDirEnvironment::NewDbPath();
  std::unique_ptr<Connection> writer = NewWriter(path);
  // Below restart_pages the writer never checkpoints: only the thread can.
  auto checkpointer = Checkpointer::Start(writer.get(), ConnectionOptions{},
                                          {.passive_pages = 16, .restart_pages = 100000,
                                           .writer_pages = 200000});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status().ToString();
  for (int i = 0; i < 50; ++i) CommitFourPages(writer.get());
  std::int64_t db_bytes = 0;
  for (int wait = 0; wait < 500 && db_bytes < 100 * 4096; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    db_bytes = static_cast<std::int64_t>(fs::file_size(path));
  }
  EXPECT_GE(db_bytes, 100 * 4096);
}

TEST(SqliteCheckpointer, KeepsTheWalBoundedWhileTheWriterCommits) {
  std::string path = TempDirEnvironment::NewDbPath();
  std::unique_ptr<Connection> writer = NewWriter(path);
  auto checkpointer = Checkpointer::Start(
      writer.get(), ConnectionOptions{},
      {.passive_pages = 16, .restart_pages = 64, .writer_pages = 256});
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status().ToString();
  std::int64_t most = 0;
  for (int i = 0; i < 750; ++i) {  // 3,000 pages in all
    CommitFourPages(writer.get());
    most = std::max(most, WalBytes(path));
  }
  // The WAL was started over again and again. How far past writer_pages it
  // gets depends on how many of these tiny commits land while a checkpoint's
  // fsync runs (the writer retries after each), so the bound is loose; a WAL
  // that never restarts holds all 3,000 pages.
  EXPECT_LE(most, 1500 * (4096 + 24) + 32);
  checkpointer->reset();
  // Detached, the writer checkpoints by itself again; nothing was lost.
  CommitFourPages(writer.get());
  auto count = writer->Prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->Int(0), 751);
}

TEST(SqlitePathFromUrl, AcceptsAbsoluteRelativeAndMemory) {
  EXPECT_EQ(*SqlitePathFromUrl("sqlite:///var/lib/wirepress/site.db"),
            "/var/lib/wirepress/site.db");
  EXPECT_EQ(*SqlitePathFromUrl("sqlite:data/site.db"), "data/site.db");
  EXPECT_EQ(*SqlitePathFromUrl("sqlite::memory:"), ":memory:");
}

TEST(SqlitePathFromUrl, RejectsHostsAndEmptyPaths) {
  for (const char* url : {"sqlite://host/site.db", "sqlite:", "sqlite:///", "postgresql://x"}) {
    auto path = SqlitePathFromUrl(url);
    EXPECT_EQ(path.status().code(), StatusCode::kInvalidInput) << url;
  }
  EXPECT_EQ(SqlitePathFromUrl("sqlite://host/site.db").status().message(),
            "opening store 'sqlite://host/site.db': expected sqlite:///absolute/path.db or "
            "sqlite:relative/path.db");
}

TEST(SqliteStore, OpensThroughTheRegistryCreatingTheDirectory) {
  StoreRegistry registry;
  RegisterSqliteStore(&registry);
  std::string path = TempDirEnvironment::NewDbPath();
  auto store = registry.Open("sqlite://" + path, StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE(fs::exists(path));
}

TEST(SqliteStore, UnwritableLocationIsAnIoError) {
  auto store = OpenSqliteStore("/proc/wirepress/site.db", StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError) << store.status().ToString();
  EXPECT_NE(store.status().message().find("/proc/wirepress"), std::string::npos);
}

TEST(SqliteStore, KeepsEverythingAcrossCloseAndReopen) {
  std::string path = TempDirEnvironment::NewDbPath();
  StoryRecord live, killed;
  {
    auto store = OpenSqliteStore(path, StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Store& s = **store;
    ASSERT_TRUE(s.Put(StoryBuilder().Uri("a").Keywords({"Syria"}).Headline("Ceasefire")
                          .Request(kT0)).ok());
    ASSERT_TRUE(s.Put(StoryBuilder().Uri("a").Version("2").Keywords({"Syria"})
                          .Headline("Ceasefire holds").Request(kT1)).ok());
    ASSERT_TRUE(s.Put(StoryBuilder().Uri("b").Request(kT0)).ok());
    ASSERT_TRUE(s.Kill("b", "Legal", kT1).ok());
    ASSERT_TRUE(s.Put(StoryBuilder().Uri("c").Embargo(kT2).Request(kT0)).ok());
    live = *s.GetByUri("a");
    killed = *s.GetByUri("b");
  }
  auto reopened = OpenSqliteStore(path, StoreOptions{});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  Store& s = **reopened;
  EXPECT_EQ(*s.GetById(live.id), live);
  EXPECT_EQ(*s.GetByPath(killed.path), killed);
  StoryQuery syria;
  syria.tag = "syria";
  EXPECT_EQ(s.Count(syria).value(), 1);
  EXPECT_EQ(s.Search({.text = "holds"})->size(), 1u);
  EXPECT_EQ(s.History("a")->size(), 2u);
  EXPECT_EQ(s.ChangesSince(0, 0)->size(), 5u);
  EXPECT_EQ(*s.NextEmbargo(), kT2);
  EXPECT_EQ(s.Put(StoryBuilder().Uri("b").Version("9").Request(kT2))->action,
            PutAction::kRejected);
  // A new story after reopening never reuses an id or a change seq.
  PutOutcome d = *s.Put(StoryBuilder().Uri("d").Request(kT2));
  EXPECT_GT(d.record.id, live.id);
  EXPECT_EQ(s.ChangesSince(0, 0)->back().seq, 6);
}

// More than one prune slice (10,000 rows per write transaction).
TEST(SqliteStore, PruneChangesDeletesABacklogInSlices) {
  auto opened = OpenSqliteStore(TempDirEnvironment::NewDbPath(), StoreOptions{});
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& s = **opened;
  std::vector<PutRequest> batch;
  for (int i = 0; i < 10050; ++i) {
    batch.push_back(StoryBuilder().Uri("u" + std::to_string(i)).Request(kT0));
  }
  ASSERT_TRUE(s.PutBatch(batch).ok());
  ASSERT_TRUE(s.Put(StoryBuilder().Uri("new").Request(kT2)).ok());
  EXPECT_EQ(*s.PruneChanges(kT1), 10050);
  std::vector<Change> left = *s.ChangesSince(0, 0);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].seq, 10051);
}

TEST(SqliteStore, TwoStoresOnOneFileSeeEachOthersWrites) {
  std::string path = TempDirEnvironment::NewDbPath();
  auto writer = OpenSqliteStore(path, StoreOptions{});
  auto reader = OpenSqliteStore(path, StoreOptions{});
  ASSERT_TRUE(writer.ok() && reader.ok());
  ASSERT_TRUE((*writer)->Put(StoryBuilder().Uri("a").Request(kT0)).ok());
  EXPECT_EQ((*reader)->GetByUri("a")->story.uri, "a");
  EXPECT_EQ((*reader)->Put(StoryBuilder().Uri("a").Request(kT1))->action, PutAction::kUnchanged);
}

TEST(SqliteStore, AnUpdateTakesTheOldWordsOutOfSearchEvenFromInvalidUtf8) {
  // The contentless index removes a row with the values read back from the
  // stored JSON, where invalid UTF-8 has become U+FFFD; "Zeb\xf4\x90\x80\x80ra" must
  // not leave a stale "zeb..." term behind (SQLite reads F4 90 80 80 as the
  // code point 0x110000, a token character; U+FFFD separates).
  auto store = OpenSqliteStore(":memory:", StoreOptions{});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(
      (*store)->Put(StoryBuilder().Uri("a").Headline("Quake Zeb\xf4\x90\x80\x80ra").Request(kT0))
          .ok());
  ASSERT_EQ((*store)->Search({"quake"})->size(), 1u);
  ASSERT_TRUE(
      (*store)->Put(StoryBuilder().Uri("a").Version("2").Headline("Calm").Request(kT1)).ok());
  EXPECT_TRUE((*store)->Search({"zeb"})->empty());
  EXPECT_TRUE((*store)->Search({"quake"})->empty());
  EXPECT_EQ((*store)->Search({"calm"})->size(), 1u);
}

TEST(SqliteStore, ConflictNamesTheStoryAndTheConstraint) {
  auto store = OpenSqliteStore(":memory:", StoreOptions{});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Put(StoryBuilder().Uri("a").Path("/same").Request(kT0)).ok());
  auto out = (*store)->Put(StoryBuilder().Uri("b").Path("/same").Request(kT0));
  EXPECT_EQ(out.status().message(),
            "storing new story b at /same: running \"INSERT INTO stories (section, state, "
            "published_at, updated_at, revisions, kill_reason, agency, headline, story, uri, "
            "path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\" (:memory:): UNIQUE constraint "
            "failed: stories.path");
}

TEST(Schema, EmbeddedMigrationsParseInOrder) {
  auto parsed = ParseMigrations(
      "-- header\n-- migration: 1\nCREATE TABLE a (x);\n-- migration: 2\nCREATE TABLE b (y);");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].sql, "CREATE TABLE b (y);\n");
  EXPECT_EQ((*parsed)[0].version, 1);
  EXPECT_GE(LatestSchemaVersion(), 1);
  EXPECT_EQ(ParseMigrations("-- migration: 2\nx;\n").status().message(),
            "reading schema migrations: expected migration 1, found \"-- migration: 2\"");
}

TEST(Schema, RefusesADatabaseNewerThanThisBuild) {
  std::string path = TempDirEnvironment::NewDbPath();
  ASSERT_TRUE(OpenSqliteStore(path, StoreOptions{}).ok());
  {
    auto c = Connection::Open(path, ConnectionOptions{});
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Exec("PRAGMA user_version = 99", "test").ok());
  }
  auto store = OpenSqliteStore(path, StoreOptions{});
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(store.status().message().find("schema version 99 is newer"), std::string::npos)
      << store.status().message();
}

TEST(Schema, MigratesAVersionOneDatabaseKeepingSearchAndHistory) {
  std::string path = TempDirEnvironment::NewDbPath();
  fs::create_directories(fs::path(path).parent_path());
  model::Story v1 = StoryBuilder().Uri("a").Headline("Ceasefire in Syria")
                        .Body("<p>Talks &amp; tanks</p>").Build();
  {
    // A story as release 1 stored it: the row, the search text in an FTS5
    // table with content, and a full copy in the history.
    auto c = Connection::Open(path, ConnectionOptions{});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(MigrateTo(c->get(), 1).ok());
    std::string json = model::StoryToJson(v1);
    auto row = (*c)->Prepare(
        "INSERT INTO stories (id, uri, path, section, state, published_at, updated_at, "
        "revisions, agency, headline, story) VALUES (7, 'a', '/world/a', 'world', 'live', ?, ?, "
        "1, '', ?, ?)");
    ASSERT_TRUE(row.ok());
    ASSERT_TRUE(row->Bind(kT0.seconds).Bind(kT0.seconds).Bind(v1.headline).Bind(json).Run().ok());
    auto fts = (*c)->Prepare(
        "INSERT INTO stories_fts (rowid, headline, description, body) VALUES (7, ?, '', ?)");
    ASSERT_TRUE(fts.ok());
    ASSERT_TRUE(fts->Bind(v1.headline).Bind(HtmlToText(v1.body_html)).Run().ok());
    auto history = (*c)->Prepare(
        "INSERT INTO revisions (uri, version, story, applied_at) VALUES ('a', '1', ?, ?)");
    ASSERT_TRUE(history.ok());
    ASSERT_TRUE(history->Bind(json).Bind(kT0.seconds).Run().ok());
    ASSERT_TRUE((*c)->Exec("INSERT INTO story_tags (tag_slug, story_id) VALUES ('syria', 7)",
                           "tagging").ok());
  }
  auto store = OpenSqliteStore(path, StoreOptions{});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  ASSERT_EQ(s.Search({.text = "tanks"})->size(), 1u);
  EXPECT_EQ(s.Search({.text = "tanks"})->front().id, 7);
  // Migration 3 rebuilt stories and story_tags: ids, tags and the new
  // 'held' state all work on the migrated file.
  StoryQuery tagged;
  tagged.tag = "syria";
  ASSERT_EQ(s.List(tagged)->size(), 1u);
  EXPECT_EQ(s.List(tagged)->front().id, 7);
  ASSERT_EQ(s.Hold("a", "", kT1)->action, PutAction::kHeld);
  ASSERT_EQ(s.ReleaseHold("a", kT1)->action, PutAction::kCreated);

  // The update must take every word of the old text out of the index.
  PutOutcome v2 = *s.Put(StoryBuilder().Uri("a").Version("2").Headline("Truce holds")
                             .Body("<p>Quiet night</p>").Request(kT1));
  EXPECT_EQ(v2.action, PutAction::kUpdated);
  for (const char* gone : {"syria", "ceasefire", "talks", "tanks"}) {
    EXPECT_EQ(s.Search({.text = gone})->size(), 0u) << gone;
  }
  EXPECT_EQ(s.Search({.text = "quiet truce"})->size(), 1u);
  std::vector<model::Story> versions = *s.History("a");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0], v1);
  EXPECT_EQ(versions[1].headline, "Truce holds");

  auto c = Connection::Open(path, ConnectionOptions{});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE((*c)->Exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')",
                         "checking the search index").ok());
  auto fk = (*c)->Prepare("PRAGMA foreign_key_check");
  ASSERT_TRUE(fk.ok());
  EXPECT_FALSE(*fk->Step());  // no row: every tag points at a story
  // Migration 4 set the search index's merge policy.
  auto config = (*c)->Prepare("SELECT k, v FROM stories_fts_config WHERE k LIKE '%merge'");
  ASSERT_TRUE(config.ok());
  std::vector<std::string> merge;
  while (*config->Step()) merge.push_back(config->Text(0) + "=" + config->Text(1));
  EXPECT_EQ(merge, (std::vector<std::string>{"automerge=8"}));
}

TEST(FtsMatchExpression, QuotesWordsAndStarsTheLast) {
  EXPECT_EQ(FtsMatchExpression("Putin \"Pompeo\" NOT sy"), "\"putin\" \"pompeo\" \"not\" \"sy\"*");
  EXPECT_EQ(FtsMatchExpression(" * "), "");
}

// wp_rank's relevance of each row of a small FTS5 table for `match`, by rowid.
std::vector<double> Ranks(const std::vector<std::string>& rows, const std::string& match) {
  auto c = Connection::Open(":memory:", ConnectionOptions{});
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE((*c)->Exec("CREATE VIRTUAL TABLE t USING fts5 (headline, body)", "creating").ok());
  for (const std::string& row : rows) {
    EXPECT_TRUE((*c)->Exec("INSERT INTO t VALUES (" + row + ")", "inserting").ok());
  }
  auto stmt = (*c)->Prepare("SELECT wp_rank(t, 10.0, 1.0) FROM t WHERE t MATCH ? ORDER BY rowid");
  EXPECT_TRUE(stmt.ok());
  stmt->Bind(match);
  std::vector<double> out;
  while (true) {
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    if (!row.ok() || !*row) break;
    out.push_back(stmt->Double(0));
  }
  return out;
}

TEST(WpRank, WeighsAHeadlineHitAboveABodyHit) {
  std::vector<double> r = Ranks({"'flood warning', 'officials spoke'",
                                 "'officials spoke', 'flood warning'"}, "flood");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_GT(r[0], 8 * r[1]);
}

TEST(WpRank, MoreHitsRankHigherButSaturate) {
  std::vector<double> r = Ranks({"'x', 'flood a b c'", "'x', 'flood flood b c'",
                                 "'x', 'flood flood flood flood'"}, "flood");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_LT(r[0], r[1]);
  EXPECT_LT(r[1], r[2]);
  EXPECT_LT(r[2], 2.2 * r[0]);  // k1 + 1 bounds one word's score
}

TEST(WpRank, IgnoresHowManyRowsHoldAWord) {
  // bm25 would score "common" near zero here (it is in every row); wp_rank
  // scores one hit of either word alike.
  std::vector<double> r = Ranks({"'x', 'common rare'", "'x', 'common y'", "'x', 'common z'"},
                                "common");
  std::vector<double> rare = Ranks({"'x', 'common rare'", "'x', 'common y'", "'x', 'common z'"},
                                   "rare");
  ASSERT_EQ(r.size(), 3u);
  ASSERT_EQ(rare.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0], rare[0]);
  EXPECT_GT(r[0], 0.1);
}

}  // namespace
}  // namespace wirepress::store::sqlite
