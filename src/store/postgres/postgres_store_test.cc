// The PostgreSQL store against a real server (tools/with_postgres.sh):
// the shared conformance suite, then what only this backend has — schema
// migrations, errors when the server is gone, reconnecting, NOTIFY.
#include "store/postgres/postgres_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_test_db.h"
#include "store/store_conformance_test.h"
#include "testing/story_builder.h"

namespace wirepress::store {

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformanceTest,
                         ::testing::Values(StoreFactory{"Postgres",
                                                        [] {
                                                          return postgres::OpenFreshStore();
                                                        }}),
                         StoreFactoryName);

namespace postgres {
namespace {

using ::testing::HasSubstr;
using testing::StoryBuilder;

constexpr Timestamp kT0{1557900000};

// Runs `sql` on the schema `url` points at; fails the test on error.
void MustExec(const std::string& url, const std::string& sql) {
  auto conn = PgConnection::Connect(url);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  Status s = (*conn)->Exec("test setup", sql);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

TEST(PostgresStore, OpeningTwiceMigratesOnce) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  ASSERT_TRUE(OpenPostgresStore(*url, {}).ok());
  auto again = OpenPostgresStore(*url, {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto conn = PgConnection::Connect(*url);
  ASSERT_TRUE(conn.ok());
  auto r = (*conn)->Run("reading versions",
                        {"versions", "SELECT count(*), max(version) FROM schema_version"},
                        PgParams());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(PgInt64(r->get(), 0, 0), LatestSchemaVersion());
  EXPECT_EQ(PgInt64(r->get(), 0, 1), LatestSchemaVersion());
}

TEST(PostgresStore, RefusesANewerSchema) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok());
  ASSERT_TRUE(OpenPostgresStore(*url, {}).ok());
  MustExec(*url, "INSERT INTO schema_version (version) VALUES (" +
                     std::to_string(LatestSchemaVersion() + 1) + ")");
  auto store = OpenPostgresStore(*url, {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(store.status().message(), HasSubstr("is newer than this build's"));
}

// A database from before migration 4 holds tsvectors folded the old way
// (ASCII lower case only, any non-ASCII byte a letter); opening it with
// this build rebuilds those of non-ASCII stories.
TEST(PostgresStore, MigrationFourRefoldsTheSearchTextOfExistingStories) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  {
    auto store = OpenPostgresStore(*url, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Put(StoryBuilder().Uri("z").Headline("Zürich «votes»").Request(kT0)).ok());
    ASSERT_TRUE((*store)->Put(StoryBuilder().Uri("a").Headline("Ascii votes").Request(kT0)).ok());
  }
  // Back to version 3: its objects gone, the old tsvectors.
  MustExec(*url, "DROP TRIGGER stories_search_bucket ON stories; "
                 "DROP FUNCTION wirepress_search_bucket(); "
                 "UPDATE stories SET search = '''zürich'':1A ''«votes»'':2A' WHERE uri = 'z'; "
                 "UPDATE stories SET search = '''ascii'':1A ''votes'':2A' WHERE uri = 'a'; "
                 "DELETE FROM schema_version WHERE version >= 4");
  auto store = OpenPostgresStore(*url, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto found = (*store)->Search({.text = "ZURICH"});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].story.uri, "z");
  auto votes = (*store)->Search({.text = "votes"});
  ASSERT_TRUE(votes.ok()) << votes.status().ToString();
  EXPECT_EQ(votes->size(), 2u);
  // The queue is gone; the schema is at the latest version again.
  auto conn = PgConnection::Connect(*url);
  ASSERT_TRUE(conn.ok());
  auto r = (*conn)->Run("checking", {"", "SELECT to_regclass('search_rebuild') IS NULL, "
                                         "max(version) FROM schema_version"}, PgParams());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(PgText(r->get(), 0, 0), "t");
  EXPECT_EQ(PgInt64(r->get(), 0, 1), LatestSchemaVersion());
  // Every story got its search bucket (ids 1 and 2: bucket 0); "z" was
  // rebuilt from its JSON, "a" (ASCII only) kept its tsvector.
  auto b = (*conn)->Run("checking", {"", "SELECT string_agg(search::text, ' | ' ORDER BY id) "
                                         "FROM stories"}, PgParams());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(PgText(b->get(), 0, 0),
            "'_b0' 'body':4 'test':3 'votes':2A 'zurich':1A | '_b0' 'ascii':1A 'votes':2A");
}

// With pg_stats (after ANALYZE) the window is found by slices planned from
// the words' shares (walk, buckets, the rest); the results must be the ones
// the fixed slices give before ANALYZE, for every kind of plan.
TEST(PostgresStore, SearchPlannedFromStatisticsFindsWhatFixedSlicesFind) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto store = OpenPostgresStore(*url, {});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  constexpr int kStories = 3000;
  std::vector<PutRequest> batch;
  for (int i = 0; i < kStories; ++i) {
    std::string words = "every";
    if (i % 2 == 0) words += " half";          // walk
    if (i % 5 == 0) words += " fifth";         // buckets, then the rest
    if (i % 10 == 0) words += " tenth";        // buckets
    if (i % 50 == 0) words += " fiftieth";     // few: the GIN index alone
    if (i < 900) words += " early";            // walk finds none, the rest does
    batch.push_back(StoryBuilder().Uri("s" + std::to_string(i)).Headline(words)
                        .Body(i % 7 == 0 ? "<p>every half every</p>" : "<p>x</p>")
                        .Request(Timestamp{kT0.seconds + 60 * i}));
  }
  ASSERT_TRUE((*store)->PutBatch(batch).ok());
  const std::vector<std::string> queries = {"every", "half", "fifth", "tenth", "fiftieth",
                                            "early", "ten",  "fift",  "every tenth"};
  auto search_all = [&](int limit, int offset) {
    std::vector<std::vector<std::string>> out;
    for (const std::string& q : queries) {
      auto found = (*store)->Search({.text = q, .limit = limit, .offset = offset});
      EXPECT_TRUE(found.ok()) << found.status().ToString();
      std::vector<std::string> uris;
      if (found.ok()) {
        for (const StoryRecord& r : *found) uris.push_back(r.story.uri);
      }
      out.push_back(std::move(uris));
    }
    return out;
  };
  auto fixed_all = search_all(0, 0);
  auto fixed_page = search_all(20, 190);
  EXPECT_EQ(fixed_all[0].size(), static_cast<size_t>(kStories));
  EXPECT_EQ(fixed_all[5].size(), 900u);
  MustExec(*url, "ANALYZE stories");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the shares are read again
  EXPECT_EQ(search_all(0, 0), fixed_all);
  EXPECT_EQ(search_all(20, 190), fixed_page);

  // The store remembers the highest id its last search saw; stories
  // stored since (past its newest bucket) must still be found, first.
  std::vector<PutRequest> newer;
  for (int i = kStories; i < kStories + 600; ++i) {
    newer.push_back(StoryBuilder().Uri("s" + std::to_string(i)).Headline("every tenth")
                        .Request(Timestamp{kT0.seconds + 60 * i}));
  }
  ASSERT_TRUE((*store)->PutBatch(newer).ok());
  auto found = (*store)->Search({.text = "tenth", .limit = 0});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 300u + 600u);
  std::set<std::string> window;
  for (size_t i = 0; i < 200; ++i) window.insert((*found)[i].story.uri);
  for (int i = kStories + 400; i < kStories + 600; ++i) {
    EXPECT_TRUE(window.contains("s" + std::to_string(i))) << i;
  }
}

TEST(PostgresStore, UnreachableServerIsUnavailableAndHidesThePassword) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  auto store = OpenPostgresStore("postgresql://wp:s3cret@127.0.0.1:1/none", {});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(store.status().message(),
              HasSubstr("opening PostgreSQL store postgresql://wp:***@127.0.0.1:1/none"));
  EXPECT_THAT(store.status().message(), ::testing::Not(HasSubstr("s3cret")));
}

TEST(PostgresStore, ReconnectsAfterTheServerDropsItsConnections) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok());
  auto store = OpenPostgresStore(*url, {.pool_size = 1});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto put = (*store)->Put(StoryBuilder().Uri("u").Request(kT0));
  ASSERT_TRUE(put.ok()) << put.status().ToString();

  // What a server restart or an idle-connection reaper does.
  MustExec(TestServerUrl(),
           "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
           "WHERE application_name = 'wirepress' AND pid <> pg_backend_pid()");
  auto lost = (*store)->GetById(put->record.id);
  EXPECT_EQ(lost.status().code(), StatusCode::kUnavailable) << lost.status().ToString();
  auto again = (*store)->GetById(put->record.id);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, put->record);
}

TEST(PostgresStore, NotifiesListenersOfEveryCommittedChange) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok());
  auto store = OpenPostgresStore(*url, {});
  ASSERT_TRUE(store.ok());
  PGconn* listener = PQconnectdb(url->c_str());
  ASSERT_EQ(PQstatus(listener), CONNECTION_OK) << PQerrorMessage(listener);
  PQclear(PQexec(listener, "LISTEN wirepress_changes"));

  ASSERT_TRUE((*store)->Put(StoryBuilder().Uri("u").Request(kT0)).ok());
  auto changes = (*store)->ChangesSince(0, 0);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);

  PGnotify* note = nullptr;
  for (int i = 0; i < 50 && note == nullptr; ++i) {
    pollfd pfd{PQsocket(listener), POLLIN, 0};
    poll(&pfd, 1, 100);
    PQconsumeInput(listener);
    note = PQnotifies(listener);
  }
  ASSERT_NE(note, nullptr) << "no NOTIFY within 5 s";
  EXPECT_STREQ(note->relname, kChangesChannel);
  EXPECT_EQ(std::string(note->extra), std::to_string(changes->front().seq));
  PQfreemem(note);
  PQfinish(listener);
}

TEST(PostgresStore, SearchCopesWithHugeAndOddText) {
  auto store = OpenFreshStore();
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::string body = "<p>";
  for (int i = 0; i < 40000; ++i) body += "word" + std::to_string(i % 500) + " ";
  body += std::string(3000, 'x') + " caf\xC3\xA9 bad\xFF" "byte it's back\\slash</p>";
  auto put = (*store)->Put(StoryBuilder().Uri("big").Headline("Giant").Body(body).Request(kT0));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  for (const char* q : {"giant", "word499", "caf\xC3\xA9", "it", "back slash"}) {
    auto hits = (*store)->Search({.text = q});
    ASSERT_TRUE(hits.ok()) << q << ": " << hits.status().ToString();
    EXPECT_EQ(hits->size(), 1u) << q;
  }
  auto none = (*store)->Search({.text = std::string(3000, 'x')});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->empty());
}

// Search ranks the newest 200 matches; pages past them still work, and a
// headline hit among the newest outranks body hits.
TEST(PostgresStore, SearchRanksWithinTheNewestMatchesAndPagesPastThem) {
  auto store = OpenFreshStore();
  ASSERT_TRUE(store.ok());
  std::vector<PutRequest> batch;
  for (int i = 0; i < 700; ++i) {
    bool head = i == 650;
    batch.push_back(StoryBuilder()
                        .Uri("u" + std::to_string(i))
                        .Headline(head ? "Common ground" : "Story " + std::to_string(i))
                        .Body("<p>A common word.</p>")
                        .Request(Timestamp{kT0.seconds + i}));
  }
  ASSERT_TRUE((*store)->PutBatch(batch).ok());
  auto top = (*store)->Search({.text = "common", .limit = 3});
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  ASSERT_EQ(top->size(), 3u);
  EXPECT_EQ((*top)[0].story.uri, "u650");
  EXPECT_EQ((*top)[1].story.uri, "u699");
  EXPECT_EQ((*top)[2].story.uri, "u698");
  auto tail = (*store)->Search({.text = "common", .limit = 10, .offset = 695});
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->size(), 5u);
  auto all = (*store)->Search({.text = "com", .limit = 0});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 700u);
}

TEST(PostgresStore, RejectsNulBytesInsteadOfCuttingThem) {
  auto store = OpenFreshStore();
  ASSERT_TRUE(store.ok());
  auto put = (*store)->Put(StoryBuilder().Uri(std::string("a\0b", 3)).Request(kT0));
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidInput) << put.status().ToString();
}

// The write fails after the read succeeded: the pipelined COMMIT is
// skipped, the transaction rolled back, and the connection stays usable.
TEST(PostgresStore, FailedWriteRollsBackAndKeepsWorking) {
  auto store = OpenFreshStore({.pool_size = 1});
  ASSERT_TRUE(store.ok());
  auto bad = (*store)->Put(StoryBuilder().Uri("u").Path("/bad\xFF").Request(kT0));
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput) << bad.status().ToString();
  EXPECT_EQ((*store)->GetByUri("u").status().code(), StatusCode::kNotFound);
  auto good = (*store)->Put(StoryBuilder().Uri("u").Request(kT0));
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->action, PutAction::kCreated);
  EXPECT_EQ((*store)->ChangesSince(0, 0)->size(), 1u);
}

TEST(PostgresStore, RegistersBothSchemes) {
  StoreRegistry registry;
  RegisterPostgresStore(&registry);
  for (std::string url : {"postgresql://127.0.0.1:1/x", "postgres://127.0.0.1:1/x"}) {
    auto store = registry.Open(url, {});
    EXPECT_EQ(store.status().code(), StatusCode::kUnavailable) << store.status().ToString();
  }
}

}  // namespace
}  // namespace postgres
}  // namespace wirepress::store
