#include "store/lifecycle.h"

#include <gtest/gtest.h>

#include "testing/story_builder.h"

namespace wirepress::store {
namespace {

using testing::StoryBuilder;

constexpr Timestamp kT0{1557900000};
constexpr Timestamp kT1{1557903600};
constexpr Timestamp kT2{1557907200};

StoryRecord Stored(const PutRequest& r) {
  PutOutcome out = DecidePut(std::nullopt, r);
  out.record.id = 7;
  return out.record;
}

TEST(DecidePut, NewStoryIsCreatedLiveAtNow) {
  PutRequest r = StoryBuilder().Uri("a").Section("sports").Path("/sports/a").Request(kT0);
  PutOutcome out = DecidePut(std::nullopt, r);
  EXPECT_EQ(out.action, PutAction::kCreated);
  EXPECT_FALSE(out.previous);
  EXPECT_EQ(out.record.id, 0);
  EXPECT_EQ(out.record.state, StoryState::kLive);
  EXPECT_EQ(out.record.path, "/sports/a");
  EXPECT_EQ(out.record.section, "sports");
  EXPECT_EQ(out.record.published_at, kT0);
  EXPECT_EQ(out.record.updated_at, kT0);
  EXPECT_EQ(out.record.revisions, 1);
  EXPECT_EQ(out.record.story, r.story);
}

TEST(DecidePut, NewStoryUnderFutureEmbargoIsHeldUntilTheEmbargo) {
  PutOutcome out = DecidePut(std::nullopt, StoryBuilder().Embargo(kT1).Request(kT0));
  EXPECT_EQ(out.action, PutAction::kEmbargoed);
  EXPECT_EQ(out.record.state, StoryState::kEmbargoed);
  EXPECT_EQ(out.record.published_at, kT1);
  EXPECT_EQ(out.record.updated_at, kT0);
}

TEST(DecidePut, NewStoryWithPastEmbargoIsLive) {
  PutOutcome out = DecidePut(std::nullopt, StoryBuilder().Embargo(kT0).Request(kT0));
  EXPECT_EQ(out.action, PutAction::kCreated);
  EXPECT_EQ(out.record.state, StoryState::kLive);
  EXPECT_EQ(out.record.published_at, kT0);
}

TEST(DecidePut, KillForUnknownStoryStoresTombstone) {
  PutOutcome out = DecidePut(std::nullopt, StoryBuilder().Kill().Request(kT0));
  EXPECT_EQ(out.action, PutAction::kKilled);
  EXPECT_EQ(out.record.state, StoryState::kKilled);
  EXPECT_EQ(out.record.kill_reason, "withdrawn by the agency");
}

TEST(DecidePut, NewerVersionUpdatesInPlaceKeepingIdPathAndPublishedAt) {
  StoryRecord old = Stored(StoryBuilder().Version("1").Section("world").Request(kT0));
  PutRequest r = StoryBuilder().Version("2").Headline("New").Section("politics").Request(kT1);
  PutOutcome out = DecidePut(old, r);
  EXPECT_EQ(out.action, PutAction::kUpdated);
  ASSERT_TRUE(out.previous);
  EXPECT_EQ(*out.previous, old);
  EXPECT_EQ(out.record.id, 7);
  EXPECT_EQ(out.record.path, old.path);
  EXPECT_NE(out.record.path, r.path);
  EXPECT_EQ(out.record.section, "politics");
  EXPECT_EQ(out.record.published_at, kT0);
  EXPECT_EQ(out.record.updated_at, kT1);
  EXPECT_EQ(out.record.revisions, 2);
  EXPECT_EQ(out.record.story.headline, "New");
}

TEST(DecidePut, CorrectionKeepsThePath) {
  StoryRecord old = Stored(StoryBuilder().Version("1").Request(kT0));
  PutOutcome out = DecidePut(
      old, StoryBuilder().Version("2").Correction("Fixes a name.").Path("/other").Request(kT1));
  EXPECT_EQ(out.action, PutAction::kUpdated);
  EXPECT_EQ(out.record.path, old.path);
  EXPECT_EQ(out.record.story.correction_note, "Fixes a name.");
}

TEST(DecidePut, OlderVersionChangesNothing) {
  StoryRecord old = Stored(StoryBuilder().Version("3").Request(kT0));
  PutOutcome out = DecidePut(old, StoryBuilder().Version("2").Request(kT1));
  EXPECT_EQ(out.action, PutAction::kUnchanged);
  EXPECT_EQ(out.record, old);
  EXPECT_FALSE(WritesRecord(out.action));
}

TEST(DecidePut, DuplicateVersionChangesNothing) {
  StoryRecord old = Stored(StoryBuilder().Version("3").Request(kT0));
  PutOutcome out = DecidePut(old, StoryBuilder().Version("3").Headline("Other").Request(kT1));
  EXPECT_EQ(out.action, PutAction::kUnchanged);
  EXPECT_EQ(out.record, old);
}

TEST(DecidePut, LaterVersionCreatedWinsOverVersionNumber) {
  StoryRecord old =
      Stored(StoryBuilder().Version("1542761538").VersionCreated(kT0).Request(kT0));
  PutOutcome out =
      DecidePut(old, StoryBuilder().Version("978556838").VersionCreated(kT1).Request(kT1));
  EXPECT_EQ(out.action, PutAction::kUpdated);
}

TEST(DecidePut, KillAppliesWhateverItsVersion) {
  StoryRecord old = Stored(StoryBuilder().Version("5").Request(kT0));
  PutOutcome out = DecidePut(
      old, StoryBuilder().Version("1").Kill().Correction("Legal reasons.").Request(kT1));
  EXPECT_EQ(out.action, PutAction::kKilled);
  EXPECT_EQ(out.record.state, StoryState::kKilled);
  EXPECT_EQ(out.record.kill_reason, "Legal reasons.");
  EXPECT_EQ(out.record.updated_at, kT1);
  EXPECT_EQ(out.record.path, old.path);
  EXPECT_EQ(out.record.story, old.story);  // the 410 page names what was withdrawn
}

TEST(DecidePut, CanceledPubStatusIsAKill) {
  StoryRecord old = Stored(StoryBuilder().Request(kT0));
  PutOutcome out = DecidePut(
      old, StoryBuilder().Version("2").PubStatus(model::PubStatus::kCanceled).Request(kT1));
  EXPECT_EQ(out.action, PutAction::kKilled);
}

TEST(DecidePut, KilledStoryRejectsEveryLaterDelivery) {
  StoryRecord old = Stored(StoryBuilder().Version("1").Request(kT0));
  StoryRecord killed = DecidePut(old, StoryBuilder().Kill().Request(kT1)).record;
  for (const PutRequest& r : {StoryBuilder().Version("9").Request(kT2),
                              StoryBuilder().Kill().Request(kT2)}) {
    PutOutcome out = DecidePut(killed, r);
    EXPECT_EQ(out.action, PutAction::kRejected);
    EXPECT_EQ(out.record, killed);
    EXPECT_FALSE(WritesRecord(out.action));
  }
}

TEST(DecidePut, UpdateOfHeldStoryStaysHeldAndFollowsTheEmbargo) {
  StoryRecord old = Stored(StoryBuilder().Version("1").Embargo(kT1).Request(kT0));
  PutOutcome out = DecidePut(old, StoryBuilder().Version("2").Embargo(kT2).Request(kT0));
  EXPECT_EQ(out.action, PutAction::kEmbargoed);
  EXPECT_EQ(out.record.state, StoryState::kEmbargoed);
  EXPECT_EQ(out.record.published_at, kT2);
}

TEST(DecidePut, UpdateLiftingTheEmbargoGoesLiveNow) {
  StoryRecord old = Stored(StoryBuilder().Version("1").Embargo(kT2).Request(kT0));
  PutOutcome out = DecidePut(old, StoryBuilder().Version("2").Request(kT1));
  EXPECT_EQ(out.action, PutAction::kUpdated);
  EXPECT_EQ(out.record.state, StoryState::kLive);
  EXPECT_EQ(out.record.published_at, kT1);
}

TEST(DecidePut, EmbargoOnUpdateOfLiveStoryIsIgnored) {
  StoryRecord old = Stored(StoryBuilder().Version("1").Request(kT0));
  PutOutcome out = DecidePut(old, StoryBuilder().Version("2").Embargo(kT2).Request(kT1));
  EXPECT_EQ(out.action, PutAction::kUpdated);
  EXPECT_EQ(out.record.state, StoryState::kLive);
  EXPECT_EQ(out.record.published_at, kT0);
}

TEST(DecideKill, OperatorKillWithdrawsWithReason) {
  StoryRecord old = Stored(StoryBuilder().Request(kT0));
  PutOutcome out = DecideKill(old, "Court order", kT1);
  EXPECT_EQ(out.action, PutAction::kKilled);
  EXPECT_EQ(out.record.state, StoryState::kKilled);
  EXPECT_EQ(out.record.kill_reason, "Court order");
  EXPECT_EQ(out.record.updated_at, kT1);
  EXPECT_EQ(out.record.revisions, old.revisions);
}

TEST(DecideKill, DefaultsTheReasonAndIsIdempotent) {
  StoryRecord old = Stored(StoryBuilder().Request(kT0));
  PutOutcome first = DecideKill(old, "", kT1);
  EXPECT_EQ(first.record.kill_reason, "withdrawn by the editor");
  PutOutcome again = DecideKill(first.record, "x", kT2);
  EXPECT_EQ(again.action, PutAction::kUnchanged);
  EXPECT_EQ(again.record, first.record);
}

TEST(Release, LiftsDueEmbargoKeepingPublishedAt) {
  StoryRecord held = Stored(StoryBuilder().Embargo(kT1).Request(kT0));
  EXPECT_FALSE(EmbargoDue(held, kT0));
  EXPECT_TRUE(EmbargoDue(held, kT1));
  StoryRecord live = Release(held, kT2);
  EXPECT_EQ(live.state, StoryState::kLive);
  EXPECT_EQ(live.published_at, kT1);
  EXPECT_EQ(live.updated_at, kT2);
  EXPECT_FALSE(EmbargoDue(live, kT2));
}

TEST(Names, RoundTrip) {
  for (StoryState s : {StoryState::kLive, StoryState::kEmbargoed, StoryState::kKilled}) {
    EXPECT_EQ(ParseStoryState(StoryStateName(s)), s);
  }
  for (PutAction a : {PutAction::kCreated, PutAction::kEmbargoed, PutAction::kUpdated,
                      PutAction::kUnchanged, PutAction::kKilled, PutAction::kRejected}) {
    EXPECT_EQ(ParsePutAction(PutActionName(a)), a);
  }
  EXPECT_FALSE(ParseStoryState("gone"));
  EXPECT_FALSE(ParsePutAction("deleted"));
}

}  // namespace
}  // namespace wirepress::store
