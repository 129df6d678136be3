#include "ingest/change_follower.h"

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/story_builder.h"

namespace wirepress::ingest {
namespace {

TEST(ChangeFollower, PassesOnChangesMadeAfterItStarted) {
  auto store = store::memory::NewMemoryStore();
  Timestamp now{1557914400};
  ASSERT_TRUE(store->Put(testing::StoryBuilder().Uri("old").Request(now)).ok());
  std::vector<store::PutOutcome> seen;
  testing::FakeClock clock(now);
  ChangeFollower follower(ChangeFollowerOptions{}, store.get(), &clock,
                          [&](const store::PutOutcome& o) { seen.push_back(o); });
  ASSERT_TRUE(follower.SkipToEnd().ok());
  EXPECT_EQ(*follower.Poll(), 0);

  ASSERT_TRUE(store->Put(testing::StoryBuilder().Uri("new").Request(now)).ok());
  ASSERT_TRUE(store->Kill("new", "legal", now).ok());
  EXPECT_EQ(*follower.Poll(), 2);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].action, store::PutAction::kCreated);
  EXPECT_EQ(seen[1].action, store::PutAction::kKilled);
  EXPECT_EQ(seen[1].record.state, store::StoryState::kKilled);
  EXPECT_EQ(seen[1].record.story.uri, "new");
  ASSERT_TRUE(seen[1].previous.has_value());
  EXPECT_EQ(seen[1].previous->state, store::StoryState::kLive);
  EXPECT_EQ(*follower.Poll(), 0);
}

TEST(ChangeFollower, PrunesEntriesOlderThanTheRetentionOncePerInterval) {
  auto store = store::memory::NewMemoryStore();
  Timestamp t0{1557914400};
  testing::FakeClock clock(t0);
  ChangeFollowerOptions options;
  options.retain_hours = 24;
  options.prune_every_s = 3600;
  ChangeFollower follower(options, store.get(), &clock, nullptr);
  ASSERT_TRUE(store->Put(testing::StoryBuilder().Uri("a").Request(t0)).ok());
  EXPECT_EQ(*follower.PruneIfDue(), 0);  // the first prune runs; nothing is a day old
  clock.Advance(1800);
  ASSERT_TRUE(store->Put(testing::StoryBuilder().Uri("b").Request(clock.Now())).ok());

  clock.Advance(24 * 3600 - 1800 + 60);  // "a" is a day old, "b" not yet
  EXPECT_EQ(*follower.PruneIfDue(), 1);
  EXPECT_EQ(store->ChangesSince(0, 0)->size(), 1u);
  clock.Advance(1800);  // "b" is a day old, but the last prune was 30 min ago
  EXPECT_EQ(*follower.PruneIfDue(), 0);
  EXPECT_EQ(store->ChangesSince(0, 0)->size(), 1u);
  clock.Advance(1800);
  EXPECT_EQ(*follower.PruneIfDue(), 1);
  EXPECT_TRUE(store->ChangesSince(0, 0)->empty());

  ChangeFollowerOptions keep_all = options;
  keep_all.retain_hours = 0;
  ASSERT_TRUE(store->Put(testing::StoryBuilder().Uri("c").Request(clock.Now())).ok());
  clock.Advance(365 * 24 * 3600);
  EXPECT_EQ(*ChangeFollower(keep_all, store.get(), &clock, nullptr).PruneIfDue(), 0);
  EXPECT_EQ(store->ChangesSince(0, 0)->size(), 1u);
}

}  // namespace
}  // namespace wirepress::ingest
