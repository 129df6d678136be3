#include "ingest/scheduler.h"

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/story_builder.h"

namespace wirepress::ingest {
namespace {

class SchedulerTest : public ::testing::Test {
 protected:
  SchedulerTest()
      : store_(store::memory::NewMemoryStore()),
        scheduler_(SchedulerOptions{}, store_.get(), &clock_,
                   [this](const store::PutOutcome& o) { released_.push_back(o); }) {}

  testing::FakeClock clock_{Timestamp{1000000}};
  std::unique_ptr<store::Store> store_;
  std::vector<store::PutOutcome> released_;
  Scheduler scheduler_;
};

TEST_F(SchedulerTest, ReleasesEmbargoedStoryAtItsTimeAndNotifies) {
  auto put = store_->Put(
      testing::StoryBuilder().Uri("e1").Embargo(Timestamp{1000100}).Request(clock_.Now()));
  ASSERT_TRUE(put.ok());
  ASSERT_EQ(put->action, store::PutAction::kEmbargoed);

  EXPECT_EQ(*scheduler_.ReleaseDue(), 0);
  EXPECT_EQ(*scheduler_.MillisUntilNext(), 30000);  // capped at max_sleep_ms
  clock_.Advance(95);
  EXPECT_EQ(*scheduler_.MillisUntilNext(), 5000);
  clock_.Advance(5);
  EXPECT_EQ(*scheduler_.MillisUntilNext(), 0);
  EXPECT_EQ(*scheduler_.ReleaseDue(), 1);
  ASSERT_EQ(released_.size(), 1u);
  EXPECT_EQ(released_[0].action, store::PutAction::kCreated);
  EXPECT_EQ(released_[0].record.state, store::StoryState::kLive);
  ASSERT_TRUE(released_[0].previous.has_value());
  EXPECT_EQ(released_[0].previous->state, store::StoryState::kEmbargoed);
  EXPECT_EQ(*scheduler_.ReleaseDue(), 0);
}

TEST_F(SchedulerTest, NothingPendingSleepsTheMaximum) {
  EXPECT_EQ(*scheduler_.MillisUntilNext(), SchedulerOptions{}.max_sleep_ms);
}

TEST_F(SchedulerTest, ThreadReleasesWhatIsAlreadyDueAndStops) {
  ASSERT_TRUE(store_->Put(testing::StoryBuilder().Uri("e2").Embargo(Timestamp{1000010})
                              .Request(clock_.Now())).ok());
  clock_.Advance(20);
  scheduler_.Start();
  for (int i = 0; i < 200 && store_->GetByUri("e2")->state != store::StoryState::kLive; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  scheduler_.Stop();
  EXPECT_EQ(store_->GetByUri("e2")->state, store::StoryState::kLive);
}

}  // namespace
}  // namespace wirepress::ingest
