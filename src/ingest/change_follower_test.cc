#include "ingest/change_follower.h"

#include <gtest/gtest.h>

#include "store/memory/memory_store.h"
#include "testing/story_builder.h"

namespace wirepress::ingest {
namespace {

TEST(ChangeFollower, PassesOnChangesMadeAfterItStarted) {
  auto store = store::memory::NewMemoryStore();
  Timestamp now{1557914400};
  ASSERT_TRUE(store->Put(testing::StoryBuilder().Uri("old").Request(now)).ok());
  std::vector<store::PutOutcome> seen;
  ChangeFollower follower(ChangeFollowerOptions{}, store.get(),
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

}  // namespace
}  // namespace wirepress::ingest
