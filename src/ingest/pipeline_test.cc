#include "ingest/pipeline.h"

#include <gtest/gtest.h>

#include <thread>

#include "ingest/line_format_for_test.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/forwarding_store.h"

namespace wirepress::ingest {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest()
      : registry_(LineRegistry()),
        store_(store::memory::NewMemoryStore()),
        pipeline_(IngestOptions{}, registry_.get(), store_.get(), &clock_) {}

  Result<IngestReport> Ingest(std::string_view source, std::string_view bytes) {
    return pipeline_.Ingest({source, bytes, ""});
  }

  testing::FakeClock clock_{*ParseIso8601("2019-05-15T10:00:00Z")};
  std::unique_ptr<formats::FormatRegistry> registry_;
  std::unique_ptr<store::Store> store_;
  Pipeline pipeline_;
};

TEST_F(PipelineTest, StoresStoryWithAgencySectionAndPermalink) {
  auto r = Ingest("in/a.txt", "LINES\nu1|Putin meets Pompeo|<p>Body</p>|2019-05-14T08:00:00Z\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->outcomes.size(), 1u);
  EXPECT_EQ(r->outcomes[0].action, store::PutAction::kCreated);
  auto rec = store_->GetByUri("u1");
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->story.agency, "AFP");  // from the dateline
  EXPECT_EQ(rec->section, "world");
  EXPECT_EQ(rec->path, model::StoryPath("world", *ParseIso8601("2019-05-14T08:00:00Z"),
                                        "Putin meets Pompeo", "u1"));
  EXPECT_EQ(rec->story.format, "lines");
  EXPECT_EQ(rec->story.source, "in/a.txt");
}

TEST_F(PipelineTest, PermalinkUsesIngestTimeWhenFirstCreatedIsUnknown) {
  ASSERT_TRUE(Ingest("a.txt", "LINES\nu1|Headline|<p>b</p>\n").ok());
  EXPECT_EQ(store_->GetByUri("u1")->path,
            model::StoryPath("world", clock_.Now(), "Headline", "u1"));
}

TEST_F(PipelineTest, DerivesStableUriFromFileNameAndHeadline) {
  auto first = Ingest("inbox/story.txt", "LINES\n|Same headline|<p>one</p>\n");
  auto again = Ingest("failed/story.txt", "LINES\n|Same   headline|<p>one</p>\n");
  ASSERT_TRUE(first.ok() && again.ok());
  std::string uri = first->outcomes[0].record.story.uri;
  EXPECT_EQ(uri, DeriveUri("x/story.txt", "Same headline"));
  EXPECT_TRUE(StartsWith(uri, "urn:wirepress:"));
  EXPECT_EQ(again->outcomes[0].record.story.uri, uri);
  EXPECT_EQ(again->outcomes[0].action, store::PutAction::kUnchanged);
  EXPECT_NE(DeriveUri("other.txt", "Same headline"), uri);
}

TEST_F(PipelineTest, RejectsInputWhoseOnlyStoryHasNoHeadlineOrBody) {
  auto r = Ingest("in/b.txt", "LINES\nu2||\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), "in/b.txt: story 1: has neither a headline nor a body");
  EXPECT_EQ(store_->GetByUri("u2").status().code(), StatusCode::kNotFound);
}

TEST_F(PipelineTest, SkipsEmptyItemsOfAFeedWithAWarning) {
  auto r = Ingest("in/feed.txt", "LINES\nu1|Fine|<p>x</p>\nu2||\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->outcomes.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].ToString(),
            "in/feed.txt: skipped story 2: has neither a headline nor a body");
  EXPECT_TRUE(store_->GetByUri("u1").ok());
  EXPECT_EQ(store_->GetByUri("u2").status().code(), StatusCode::kNotFound);
}

TEST_F(PipelineTest, ParseErrorCarriesTheDiagnostic) {
  auto r = Ingest("in/c.txt", "LINES\n!bad\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "in/c.txt:2:1: bad line\n!bad\n^");
}

TEST_F(PipelineTest, UnknownFormatAndOversizeInputAreInvalidInput) {
  EXPECT_EQ(Ingest("g.bin", "\x01\x02garbage").status().code(), StatusCode::kInvalidInput);
  IngestOptions small;
  small.max_input_bytes = 4;
  Pipeline p(small, registry_.get(), store_.get(), &clock_);
  auto r = p.Ingest({"big.txt", "LINES\n", ""});
  EXPECT_EQ(r.status().message(), "big.txt: input is 6 bytes; the limit is 4");
}

TEST_F(PipelineTest, ListenersHearEveryOutcomeAndEveryInput) {
  std::vector<store::PutAction> actions;
  std::vector<StatusCode> inputs;
  Pipeline p(IngestOptions{}, registry_.get(), store_.get(), &clock_);
  p.AddListener([&](const store::PutOutcome& o) { actions.push_back(o.action); });
  p.AddInputListener([&](std::string_view, const Result<IngestReport>& r) {
    inputs.push_back(r.status().code());
  });
  ASSERT_TRUE(p.Ingest({"a", "LINES\nu1|H|<p>b</p>\n", ""}).ok());
  ASSERT_TRUE(p.Ingest({"a", "LINES\nu1|H|<p>b</p>\n", ""}).ok());
  EXPECT_FALSE(p.Ingest({"a", "LINES\n!bad\n", ""}).ok());
  EXPECT_EQ(actions, (std::vector<store::PutAction>{store::PutAction::kCreated,
                                                    store::PutAction::kUnchanged}));
  EXPECT_EQ(inputs, (std::vector<StatusCode>{StatusCode::kOk, StatusCode::kOk,
                                             StatusCode::kInvalidInput}));
}

TEST_F(PipelineTest, IngestBatchFailsABadInputAloneAndKeepsTheOthersInOrder) {
  std::vector<std::string> heard;
  pipeline_.AddListener([&](const store::PutOutcome& o) { heard.push_back(o.record.story.uri); });
  std::vector<formats::Input> inputs = {{"a", "LINES\nu1|H1|<p>b</p>\nu2|H2|<p>b</p>\n", ""},
                                        {"bad", "LINES\n!bad\n", ""},
                                        {"c", "LINES\nu3|H3|<p>b</p>\n", ""},
                                        {"d", "LINES\nu1|H1|<p>b</p>\n", ""}};
  std::vector<Result<IngestReport>> r = pipeline_.IngestBatch(inputs);
  ASSERT_EQ(r.size(), 4u);
  ASSERT_TRUE(r[0].ok()) << r[0].status().ToString();
  ASSERT_EQ(r[0]->outcomes.size(), 2u);
  EXPECT_EQ(r[0]->outcomes[1].record.story.uri, "u2");
  EXPECT_EQ(r[1].status().code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(r[2].ok());
  EXPECT_EQ(r[2]->outcomes[0].action, store::PutAction::kCreated);
  ASSERT_TRUE(r[3].ok());
  EXPECT_EQ(r[3]->outcomes[0].action, store::PutAction::kUnchanged);
  EXPECT_EQ(heard, (std::vector<std::string>{"u1", "u2", "u3", "u1"}));
  EXPECT_TRUE(store_->GetByUri("u3").ok());
}

// A memory store whose PutBatch always fails with `code`, as a batch does
// when one of its stories hits an error (or the database is busy); Put
// works and is counted.
class BatchFailsStore : public testing::ForwardingStore {
 public:
  BatchFailsStore(store::Store* inner, StatusCode code = StatusCode::kIoError)
      : ForwardingStore(inner), code_(code) {}
  Result<std::vector<store::PutOutcome>> PutBatch(
      const std::vector<store::PutRequest>&) override {
    return code_ == StatusCode::kUnavailable
               ? Status::Unavailable("storing a batch", "database is locked")
               : Status::IoError("storing a batch", "disk on fire");
  }
  Result<store::PutOutcome> Put(const store::PutRequest& request) override {
    ++puts;
    return ForwardingStore::Put(request);
  }
  int puts = 0;

 private:
  StatusCode code_;
};

TEST_F(PipelineTest, IngestBatchStoresEachInputAloneWhenTheBatchFails) {
  std::unique_ptr<store::Store> memory = store::memory::NewMemoryStore();
  BatchFailsStore store(memory.get());
  Pipeline pipeline(IngestOptions{}, registry_.get(), &store, &clock_);
  std::vector<formats::Input> inputs = {{"a", "LINES\nu1|H1|<p>b</p>\nu2|H2|<p>b</p>\n", ""},
                                        {"bad", "LINES\n!bad\n", ""},
                                        {"c", "LINES\nu3|H3|<p>b</p>\n", ""}};
  std::vector<Result<IngestReport>> r = pipeline.IngestBatch(inputs);
  ASSERT_EQ(r.size(), 3u);
  ASSERT_TRUE(r[0].ok()) << r[0].status().ToString();
  ASSERT_EQ(r[0]->outcomes.size(), 2u);
  EXPECT_EQ(r[0]->outcomes[0].record.story.headline, "H1");
  EXPECT_EQ(r[0]->outcomes[1].record.story.uri, "u2");
  EXPECT_EQ(r[1].status().code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(r[2].ok()) << r[2].status().ToString();
  EXPECT_EQ(r[2]->outcomes[0].action, store::PutAction::kCreated);
  EXPECT_EQ(store.GetByUri("u3")->story.headline, "H3");
}

TEST_F(PipelineTest, IngestBatchLeavesEveryInputForLaterWhenTheStoreIsBusy) {
  std::unique_ptr<store::Store> memory = store::memory::NewMemoryStore();
  BatchFailsStore store(memory.get(), StatusCode::kUnavailable);
  Pipeline pipeline(IngestOptions{}, registry_.get(), &store, &clock_);
  std::vector<formats::Input> inputs = {{"a", "LINES\nu1|H1|<p>b</p>\n", ""},
                                        {"bad", "LINES\n!bad\n", ""},
                                        {"c", "LINES\nu3|H3|<p>b</p>\n", ""}};
  std::vector<Result<IngestReport>> r = pipeline.IngestBatch(inputs);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(r[1].status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r[2].status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(store.puts, 0);  // no input waits for the lock again on its own
}

// A batch as IngestStream takes it: the inputs view the batch's own texts.
struct TestBatch {
  std::vector<std::string> texts;
  std::vector<formats::Input> inputs;
};

TEST_F(PipelineTest, IngestStreamCommitsEachBatchInOrderAndReadsAheadOnAnotherThread) {
  std::vector<std::vector<std::string>> batches = {
      {"LINES\nu1|H1|<p>b</p>\n", "LINES\nu2|H2|<p>b</p>\n"},
      {"LINES\n!bad\n", "LINES\nu3|H3|<p>b</p>\n"},
      {"LINES\nu1|H1|<p>b</p>\n"}};
  size_t next = 0;
  std::thread::id caller = std::this_thread::get_id();
  int read_elsewhere = 0;
  std::vector<std::string> log;
  pipeline_.IngestStream<TestBatch>(
      [&]() -> std::unique_ptr<TestBatch> {
        if (std::this_thread::get_id() != caller) ++read_elsewhere;
        if (next == batches.size()) return nullptr;
        auto batch = std::make_unique<TestBatch>();
        batch->texts = batches[next++];
        for (const std::string& t : batch->texts) batch->inputs.push_back({"in", t, ""});
        return batch;
      },
      [&](TestBatch& batch, std::vector<Result<IngestReport>>& results) {
        ASSERT_EQ(results.size(), batch.inputs.size());
        for (const Result<IngestReport>& r : results) {
          if (!r.ok()) {
            log.push_back(std::string(StatusCodeName(r.status().code())));
            continue;
          }
          for (const store::PutOutcome& o : r->outcomes) {
            log.push_back(o.record.story.uri + " " + std::string(store::PutActionName(o.action)));
          }
        }
      });
  EXPECT_EQ(log, (std::vector<std::string>{"u1 created", "u2 created", "InvalidInput",
                                           "u3 created", "u1 unchanged"}));
  // Every read but the first (nothing commits yet to overlap it with) ran on
  // the worker: two batches and the end of the stream.
  EXPECT_EQ(read_elsewhere, 3);
  EXPECT_TRUE(store_->GetByUri("u3").ok());
}

}  // namespace
}  // namespace wirepress::ingest
