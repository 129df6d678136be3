#include "ingest/spool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <thread>
#include <utility>

#include "ingest/line_format_for_test.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/forwarding_store.h"
#include "testing/memory_file_system.h"

namespace wirepress::ingest {
namespace {

// A store whose writes fail with Unavailable while `down` is set, and
// with an I/O error for one story's row.
class FlakyStore final : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  bool down = false;
  std::string down_for_uri;  // Put of this uri alone fails
  int batches = 0;           // PutBatch calls
  Result<store::PutOutcome> Put(const store::PutRequest& r) override {
    if (down) return Status::Unavailable("database", "connection refused");
    if (r.story.uri == down_for_uri) return Status::IoError("database", "disk I/O error");
    return ForwardingStore::Put(r);
  }
  // The default PutBatch (one Put each), so a batch meets Put's failures.
  Result<std::vector<store::PutOutcome>> PutBatch(
      const std::vector<store::PutRequest>& r) override {
    ++batches;
    if (during_batch) std::exchange(during_batch, nullptr)();
    return Store::PutBatch(r);
  }
  std::function<void()> during_batch;  // runs once, inside the next PutBatch
};

class SpoolTest : public ::testing::Test {
 protected:
  SpoolTest()
      : fs_(&clock_),
        registry_(LineRegistry()),
        memory_(store::memory::NewMemoryStore()),
        store_(memory_.get()),
        pipeline_(IngestOptions{}, registry_.get(), &store_, &clock_),
        spool_(Options(), &pipeline_, &fs_, &clock_) {}

  static SpoolOptions Options() {
    SpoolOptions o;
    o.inbox_dir = "data/inbox";
    o.data_dir = "data";
    return o;
  }
  void Drop(const std::string& name, std::string_view bytes) {
    ASSERT_TRUE(fs_.WriteFileAtomic("data/inbox/" + name, bytes).ok());
  }

  testing::FakeClock clock_{*ParseIso8601("2019-05-15T10:00:00Z")};
  testing::MemoryFileSystem fs_;
  std::unique_ptr<formats::FormatRegistry> registry_;
  std::unique_ptr<store::Store> memory_;
  FlakyStore store_;
  Pipeline pipeline_;
  Spool spool_;
};

TEST_F(SpoolTest, CommittedInputMovesToProcessedByDay) {
  Drop("a.txt", "LINES\nu1|Headline|<p>b</p>\n");
  auto r = spool_.ProcessFile("a.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->disposition, SpoolDisposition::kProcessed);
  EXPECT_EQ(r->archived_path, "data/processed/2019/05/15/a.txt");
  EXPECT_EQ(fs_.Files(), std::vector<std::string>{"data/processed/2019/05/15/a.txt"});
  EXPECT_TRUE(store_.GetByUri("u1").ok());
}

TEST_F(SpoolTest, BadInputMovesToFailedWithTheFullDiagnostic) {
  Drop("bad.txt", "LINES\n!bad\n");
  auto r = spool_.ProcessFile("bad.txt");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->disposition, SpoolDisposition::kFailed);
  EXPECT_EQ(*fs_.ReadFile("data/failed/bad.txt"), "LINES\n!bad\n");
  EXPECT_EQ(*fs_.ReadFile("data/failed/bad.txt.reason.txt"),
            "data/inbox/bad.txt:2:1: bad line\n!bad\n^\n\nerror: InvalidInput\n"
            "failed at: 2019-05-15T10:00:00Z\n");
  EXPECT_EQ(*spool_.archive().ListFailed(), std::vector<std::string>{"bad.txt"});
}

TEST_F(SpoolTest, ProcessAllGoesInNameOrderAndSkipsPartialsAndDotfiles) {
  std::vector<std::string> order;
  pipeline_.AddListener([&](const store::PutOutcome& o) { order.push_back(o.record.story.uri); });
  Drop("b.txt", "LINES\nb|B|<p>b</p>\n");
  Drop("a.txt", "LINES\na|A|<p>a</p>\n");
  Drop(".hidden", "LINES\nh|H|<p>h</p>\n");
  Drop("c.txt.part", "LINES\nc|C|<p>c</p>\n");
  Drop("d.tmp", "LINES\nd|D|<p>d</p>\n");
  auto stats = spool_.ProcessAll();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->processed, 2);
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(fs_.Exists("data/inbox/.hidden"));
  EXPECT_TRUE(fs_.Exists("data/inbox/c.txt.part"));
  EXPECT_TRUE(fs_.Exists("data/inbox/d.tmp"));
}

TEST_F(SpoolTest, StoreOutageLeavesTheInputInTheInboxForRetry) {
  Drop("a.txt", "LINES\nu1|H|<p>b</p>\n");
  store_.down = true;
  auto r = spool_.ProcessFile("a.txt");
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(fs_.Exists("data/inbox/a.txt"));
  auto stats = spool_.ProcessAll();
  EXPECT_EQ(stats->retried_later, 1);
  store_.down = false;
  EXPECT_EQ(spool_.ProcessAll()->processed, 1);
  EXPECT_FALSE(fs_.Exists("data/inbox/a.txt"));
}

TEST_F(SpoolTest, BacklogGoesInBatchesAndABadFileFailsAlone) {
  SpoolOptions o = Options();
  o.max_batch_files = 2;
  Spool spool(o, &pipeline_, &fs_, &clock_);
  Drop("a.txt", "LINES\na|A|<p>a</p>\n");
  Drop("b.txt", "LINES\nb|B|<p>b</p>\n");
  Drop("c.txt", "LINES\n!bad\n");
  Drop("d.txt", "LINES\nd|D|<p>d</p>\n");
  Drop("e.txt", "LINES\ne|E|<p>e</p>\n");
  auto stats = spool.ProcessAll();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->processed, 4);
  EXPECT_EQ(stats->failed, 1);
  EXPECT_EQ(store_.batches, 3);  // [a b] [c d] [e]
  EXPECT_EQ(*spool.archive().ListFailed(), std::vector<std::string>{"c.txt"});
  EXPECT_TRUE(fs_.Exists("data/processed/2019/05/15/d.txt"));
  EXPECT_TRUE(store_.GetByUri("e").ok());
}

TEST_F(SpoolTest, StoreErrorInABatchKeepsOnlyItsOwnFileInTheInbox) {
  Drop("a.txt", "LINES\na|A|<p>a</p>\n");
  Drop("b.txt", "LINES\nb|B|<p>b</p>\n");
  Drop("c.txt", "LINES\nc|C|<p>c</p>\n");
  store_.down_for_uri = "b";
  auto stats = spool_.ProcessAll();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->processed, 2);
  EXPECT_EQ(stats->retried_later, 1);
  EXPECT_TRUE(fs_.Exists("data/inbox/b.txt"));
  EXPECT_FALSE(fs_.Exists("data/inbox/c.txt"));
  EXPECT_TRUE(store_.GetByUri("c").ok());
}

TEST_F(SpoolTest, FileRenamedOverWhileItsStoryCommitsIsReadInItsTurn) {
  Drop("latest.txt", "LINES\nu1|First|<p>b</p>\n");
  // The agency replaces its file of a fixed name while the first one's
  // story is being stored.
  store_.during_batch = [&] { Drop("latest.txt", "LINES\nu2|Second|<p>b</p>\n"); };
  auto first = spool_.ProcessAll();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->processed, 0);
  EXPECT_EQ(first->retried_later, 1);
  EXPECT_EQ(fs_.ReadFile("data/inbox/latest.txt").value(), "LINES\nu2|Second|<p>b</p>\n");
  auto second = spool_.ProcessAll();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->processed, 1);
  EXPECT_EQ(store_.GetByUri("u1")->story.headline, "First");
  EXPECT_EQ(store_.GetByUri("u2")->story.headline, "Second");
  EXPECT_FALSE(fs_.Exists("data/inbox/latest.txt"));
}

TEST_F(SpoolTest, SameNameTwiceKeepsBothInputs) {
  Drop("a.txt", "LINES\nu1|H|<p>b</p>\n");
  ASSERT_TRUE(spool_.ProcessFile("a.txt").ok());
  Drop("a.txt", "LINES\nu1|H|<p>b</p>\n");
  auto r = spool_.ProcessFile("a.txt");
  EXPECT_EQ(r->archived_path, "data/processed/2019/05/15/a.txt.1");
}

TEST_F(SpoolTest, SettledScanLeavesFreshFilesAlone) {
  Drop("a.txt", "LINES\nu1|H|<p>b</p>\n");
  EXPECT_EQ(spool_.ProcessAll(/*only_settled=*/true)->processed, 0);
  clock_.Advance(5);
  EXPECT_EQ(spool_.ProcessAll(/*only_settled=*/true)->processed, 1);
}

TEST_F(SpoolTest, ReplayMovesFailedInputBackAndKeepsItsReason) {
  Drop("bad.txt", "LINES\n!bad\n");
  ASSERT_TRUE(spool_.ProcessFile("bad.txt").ok());
  clock_.Advance(60);
  auto back = spool_.Replay("bad.txt");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, "data/inbox/bad.txt");
  EXPECT_TRUE(fs_.Exists("data/inbox/bad.txt"));
  EXPECT_TRUE(fs_.Exists("data/failed/replayed/bad.txt.20190515T100100Z.reason.txt"));
  EXPECT_EQ(spool_.Replay("nope.txt").status().code(), StatusCode::kNotFound);
}

TEST(SpoolNames, IgnoresDotfilesAndPartialWrites) {
  EXPECT_TRUE(Spool::IsIgnoredName(".x"));
  EXPECT_TRUE(Spool::IsIgnoredName("a.tmp"));
  EXPECT_TRUE(Spool::IsIgnoredName("a.part"));
  EXPECT_TRUE(Spool::IsIgnoredName("a.txt~"));
  EXPECT_TRUE(Spool::IsIgnoredName("a.txt.tmp.123.4"));
  EXPECT_FALSE(Spool::IsIgnoredName("afp-123.xml"));
}

// The one test on the real kernel: inotify sees a file renamed into the
// inbox and the spool processes it within a bounded time.
TEST(SpoolWatch, PicksUpFileMovedIntoTheInbox) {
  char tmpl[] = "/tmp/wirepress-spool-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string root = tmpl;
  auto registry = LineRegistry();
  auto store = store::memory::NewMemoryStore();
  Pipeline pipeline(IngestOptions{}, registry.get(), store.get(), &SystemClock());
  SpoolOptions o;
  o.inbox_dir = root + "/inbox";
  o.data_dir = root;
  Spool spool(o, &pipeline, &RealFileSystem(), &SystemClock());
  ASSERT_TRUE(RealFileSystem().WriteFileAtomic(root + "/inbox/early.txt",
                                               "LINES\nearly|Early|<p>e</p>\n").ok());
  ASSERT_TRUE(spool.Start().ok());
  ASSERT_TRUE(RealFileSystem().WriteFileAtomic(root + "/late.txt", "LINES\nlate|Late|<p>l</p>\n").ok());
  ASSERT_TRUE(RealFileSystem().Rename(root + "/late.txt", root + "/inbox/late.txt").ok());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((!store->GetByUri("late").ok() || !store->GetByUri("early").ok()) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  spool.Stop();
  EXPECT_TRUE(store->GetByUri("early").ok());
  EXPECT_TRUE(store->GetByUri("late").ok());
  EXPECT_TRUE(RealFileSystem().ListDir(root + "/inbox")->empty());
  std::system(("rm -rf '" + root + "'").c_str());
}

}  // namespace
}  // namespace wirepress::ingest
