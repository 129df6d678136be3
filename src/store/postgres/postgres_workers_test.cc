// Several ingest workers and servers on one PostgreSQL database, each with
// its own Store (its own connection pool), as in production: the same uri
// put by two workers at once is created exactly once, nothing is lost, and
// a server following ChangesSince sees every change once, in order.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/postgres_store.h"
#include "store/postgres/pg_test_db.h"
#include "testing/story_builder.h"

namespace wirepress::store::postgres {
namespace {

using testing::StoryBuilder;

constexpr Timestamp kT0{1557900000};
constexpr Timestamp kT1{1557903600};

class PostgresWorkersTest : public ::testing::Test {
 protected:
  // Opens `n` stores on one new schema, like n processes on one database.
  void OpenWorkers(int n) {
    auto url = NewSchemaUrl();
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    for (int i = 0; i < n; ++i) {
      auto store = OpenPostgresStore(*url, {.pool_size = 2});
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      workers_.push_back(std::move(store).value());
    }
  }

  std::vector<std::unique_ptr<Store>> workers_;
};

std::string UriOf(int i) { return "urn:race:" + std::to_string(i); }

TEST_F(PostgresWorkersTest, SameUriFromTwoWorkersIsCreatedOnce) {
  ASSERT_NO_FATAL_FAILURE(OpenWorkers(2));
  constexpr int kStories = 300;
  std::vector<std::vector<PutAction>> actions(2, std::vector<PutAction>(kStories));
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kStories; ++i) {
        auto out = workers_[w]->Put(StoryBuilder().Uri(UriOf(i)).Request(kT0));
        if (!out.ok()) {
          ADD_FAILURE() << out.status().ToString();
          ++errors;
          continue;
        }
        actions[w][i] = out->action;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(errors, 0);
  for (int i = 0; i < kStories; ++i) {
    std::multiset<PutAction> got{actions[0][i], actions[1][i]};
    EXPECT_EQ(got, (std::multiset<PutAction>{PutAction::kCreated, PutAction::kUnchanged}))
        << UriOf(i);
  }
  EXPECT_EQ(*workers_[0]->Count({}), kStories);
  EXPECT_EQ(workers_[1]->ChangesSince(0, 0)->size(), static_cast<size_t>(kStories));
  EXPECT_EQ(workers_[0]->History(UriOf(7))->size(), 1u);
}

TEST_F(PostgresWorkersTest, TwoVersionsRacingKeepTheNewest) {
  ASSERT_NO_FATAL_FAILURE(OpenWorkers(2));
  constexpr int kStories = 200;
  std::vector<std::vector<PutAction>> actions(2, std::vector<PutAction>(kStories));
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kStories; ++i) {
        // Worker 0 delivers version 1, worker 1 version 2 of every story.
        auto req = StoryBuilder().Uri(UriOf(i)).Version(w == 0 ? "1" : "2").Request(kT0);
        auto out = workers_[w]->Put(req);
        ASSERT_TRUE(out.ok()) << out.status().ToString();
        actions[w][i] = out->action;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kStories; ++i) {
    int created = (actions[0][i] == PutAction::kCreated ? 1 : 0) +
                  (actions[1][i] == PutAction::kCreated ? 1 : 0);
    EXPECT_EQ(created, 1) << UriOf(i);
    // Version 1 after version 2 changes nothing; version 2 after 1 updates.
    if (actions[1][i] == PutAction::kCreated) {
      EXPECT_EQ(actions[0][i], PutAction::kUnchanged) << UriOf(i);
    } else {
      EXPECT_EQ(actions[1][i], PutAction::kUpdated) << UriOf(i);
    }
    auto rec = workers_[0]->GetByUri(UriOf(i));
    ASSERT_TRUE(rec.ok());
    EXPECT_EQ(rec->story.version, "2") << UriOf(i);
    EXPECT_EQ(rec->revisions, static_cast<int>(workers_[0]->History(UriOf(i))->size()));
  }
  EXPECT_EQ(*workers_[1]->Count({}), kStories);
}

// A server polling ChangesSince while four workers write must never skip
// a change: a seq it has passed may not commit later.
TEST_F(PostgresWorkersTest, ChangeFollowerSeesEveryChangeOnceInOrder) {
  ASSERT_NO_FATAL_FAILURE(OpenWorkers(5));
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 150;
  std::atomic<int> writers_left{kWriters};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        std::string uri = "urn:w" + std::to_string(w) + ":" + std::to_string(i);
        EXPECT_TRUE(workers_[w]->Put(StoryBuilder().Uri(uri).Request(kT0)).ok());
        EXPECT_TRUE(workers_[w]->Put(StoryBuilder().Uri(uri).Version("2").Request(kT1)).ok());
      }
      --writers_left;
    });
  }
  Store* server = workers_[kWriters].get();
  std::int64_t cursor = 0;
  std::map<std::int64_t, int> seen;  // story id -> changes seen
  bool done = false;
  while (!done) {
    done = writers_left == 0;  // one more full read after the last commit
    auto page = server->ChangesSince(cursor, 50);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const Change& c : *page) {
      ASSERT_GT(c.seq, cursor);
      cursor = c.seq;
      ++seen[c.story_id];
    }
    if (page->size() == 50) done = false;
  }
  for (std::thread& t : threads) t.join();
  // Everything committed was seen, and nothing after: the log holds
  // exactly what the follower read.
  auto all = server->ChangesSince(0, 0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), static_cast<size_t>(2 * kWriters * kPerWriter));
  EXPECT_EQ(seen.size(), static_cast<size_t>(kWriters * kPerWriter));
  for (const auto& [id, n] : seen) EXPECT_EQ(n, 2) << "story " << id;
}

// Batches locking the same rows in opposite orders deadlock; the loser is
// rolled back and retried, so every story still lands exactly once.
TEST_F(PostgresWorkersTest, BatchesInOppositeOrdersSurviveDeadlocks) {
  ASSERT_NO_FATAL_FAILURE(OpenWorkers(2));
  constexpr int kStories = 400;
  constexpr int kBatch = 25;
  std::vector<int> created(2, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      std::vector<PutRequest> batch;
      for (int n = 0; n < kStories; ++n) {
        int i = w == 0 ? n : kStories - 1 - n;
        batch.push_back(StoryBuilder().Uri(UriOf(i)).Request(kT0));
        if (batch.size() < kBatch) continue;
        auto out = workers_[w]->PutBatch(batch);
        ASSERT_TRUE(out.ok()) << out.status().ToString();
        for (const PutOutcome& o : *out) created[w] += o.action == PutAction::kCreated ? 1 : 0;
        batch.clear();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(created[0] + created[1], kStories);
  EXPECT_EQ(*workers_[0]->Count({}), kStories);
  EXPECT_EQ(workers_[1]->ChangesSince(0, 0)->size(), static_cast<size_t>(kStories));
}

TEST_F(PostgresWorkersTest, WorkersOpeningAtOnceMigrateOnce) {
  auto url = NewSchemaUrl();
  ASSERT_TRUE(url.ok());
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto store = OpenPostgresStore(*url, {.pool_size = 1});
      EXPECT_TRUE(store.ok()) << store.status().ToString();
      if (store.ok()) ++opened;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(opened, 6);
}

TEST_F(PostgresWorkersTest, KillFromOneWorkerBlocksRedeliveryToAnother) {
  ASSERT_NO_FATAL_FAILURE(OpenWorkers(2));
  auto put = workers_[0]->Put(StoryBuilder().Uri("u").Request(kT0));
  ASSERT_TRUE(put.ok());
  ASSERT_EQ(workers_[1]->Kill("u", "Legal", kT1)->action, PutAction::kKilled);
  EXPECT_EQ(workers_[0]->Put(StoryBuilder().Uri("u").Version("2").Request(kT1))->action,
            PutAction::kRejected);
}

}  // namespace
}  // namespace wirepress::store::postgres
