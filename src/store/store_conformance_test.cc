#include "store/store_conformance_test.h"

#include <gmock/gmock.h>

#include <thread>
#include <vector>

#include "base/strings.h"
#include "store/search_rank.h"
#include "testing/story_builder.h"

// Queries below name only the fields a case filters on ({.section = "x"});
// the rest keep their defaults by design, which GCC 12 warns about anyway.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace wirepress::store {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::StoryBuilder;

namespace {

constexpr Timestamp kT0{1557900000};  // 2019-05-15T06:00:00Z
constexpr Timestamp kT1{1557903600};
constexpr Timestamp kT2{1557907200};
constexpr Timestamp kT3{1557910800};

std::vector<std::string> Uris(const std::vector<StoryRecord>& records) {
  std::vector<std::string> out;
  for (const StoryRecord& r : records) out.push_back(r.story.uri);
  return out;
}

std::vector<PutAction> Actions(const std::vector<Change>& changes) {
  std::vector<PutAction> out;
  for (const Change& c : changes) out.push_back(c.action);
  return out;
}

}  // namespace

void PrintTo(const StoreFactory& factory, std::ostream* os) { *os << factory.name; }

std::string StoreFactoryName(const ::testing::TestParamInfo<StoreFactory>& info) {
  return info.param.name;
}

void StoreConformanceTest::SetUp() {
  auto opened = GetParam().open();
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store_ = std::move(opened).value();
}

PutOutcome StoreConformanceTest::MustPut(const PutRequest& request) {
  auto out = store_->Put(request);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : PutOutcome{};
}

namespace {

// The value of `r`; fails the test (naming `what`) and returns T{} on error.
template <typename T>
T Must(Result<T> r, const char* what) {
  EXPECT_TRUE(r.ok()) << what << ": " << r.status().ToString();
  return r.ok() ? std::move(r).value() : T{};
}
#define MUST(expr) Must((expr), #expr)

}  // namespace

TEST_P(StoreConformanceTest, CreatesAndFindsByIdUriAndPath) {
  model::Story story = StoryBuilder()
                           .Uri("urn:a")
                           .Headline("Pompeo meets Putin")
                           .Description("In Sochi.")
                           .Keywords({"Syria", "Russia"})
                           .Subject("medtop:11000000", "politics")
                           .VersionCreated(kT0)
                           .FirstCreated(kT0)
                           .Build();
  PutOutcome out = MustPut({story, "world", "/world/2019/05/15/pompeo-1", kT1});
  EXPECT_EQ(out.action, PutAction::kCreated);
  EXPECT_GT(out.record.id, 0);
  EXPECT_EQ(out.record.story, story);

  StoryRecord by_id = MUST(store_->GetById(out.record.id));
  EXPECT_EQ(by_id, out.record);
  EXPECT_EQ(MUST(store_->GetByUri("urn:a")), out.record);
  EXPECT_EQ(MUST(store_->GetByPath("/world/2019/05/15/pompeo-1")), out.record);
  EXPECT_EQ(by_id.published_at, kT1);
  EXPECT_EQ(by_id.section, "world");
}

TEST_P(StoreConformanceTest, AbsentStoriesAreNotFound) {
  EXPECT_EQ(store_->GetById(42).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetByUri("urn:none").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetByPath("/none").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Kill("urn:none", "x", kT0).status().code(), StatusCode::kNotFound);
  EXPECT_THAT(MUST(store_->History("urn:none")), IsEmpty());
}

TEST_P(StoreConformanceTest, NewerVersionUpdatesInPlace) {
  PutOutcome first = MustPut(StoryBuilder().Uri("u").Version("1").Section("world").Request(kT0));
  PutOutcome second = MustPut(
      StoryBuilder().Uri("u").Version("2").Headline("Updated").Section("politics").Request(kT1));
  EXPECT_EQ(second.action, PutAction::kUpdated);
  ASSERT_TRUE(second.previous);
  EXPECT_EQ(*second.previous, first.record);
  StoryRecord now = MUST(store_->GetByUri("u"));
  EXPECT_EQ(now.id, first.record.id);
  EXPECT_EQ(now.path, first.record.path);
  EXPECT_EQ(now.section, "politics");
  EXPECT_EQ(now.story.headline, "Updated");
  EXPECT_EQ(now.revisions, 2);
  EXPECT_EQ(now.published_at, kT0);
  EXPECT_EQ(now.updated_at, kT1);
  EXPECT_EQ(MUST(store_->Count({.section = "world"})), 0);
  EXPECT_EQ(MUST(store_->Count({.section = "politics"})), 1);
}

TEST_P(StoreConformanceTest, StaleAndDuplicateVersionsWriteNothing) {
  PutOutcome first = MustPut(StoryBuilder().Uri("u").Version("3").Request(kT0));
  for (const char* version : {"3", "2"}) {
    PutOutcome out =
        MustPut(StoryBuilder().Uri("u").Version(version).Headline("Changed").Request(kT1));
    EXPECT_EQ(out.action, PutAction::kUnchanged) << version;
    EXPECT_EQ(out.record, first.record);
  }
  EXPECT_EQ(MUST(store_->GetByUri("u")), first.record);
  EXPECT_EQ(MUST(store_->History("u")).size(), 1u);
  EXPECT_EQ(MUST(store_->ChangesSince(0, 100)).size(), 1u);
}

TEST_P(StoreConformanceTest, HistoryKeepsEveryAppliedVersionOldestFirst) {
  MustPut(StoryBuilder().Uri("u").Version("1").Headline("One").Request(kT0));
  MustPut(StoryBuilder().Uri("u").Version("2").Headline("Two").Request(kT1));
  MustPut(StoryBuilder().Uri("u").Version("1").Headline("Stale").Request(kT2));
  MustPut(StoryBuilder().Uri("u").Version("3").Correction("Fixes a name.").Request(kT2));
  std::vector<model::Story> history = MUST(store_->History("u"));
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].headline, "One");
  EXPECT_EQ(history[1].headline, "Two");
  EXPECT_EQ(history[2].correction_note, "Fixes a name.");
  EXPECT_EQ(history[2], StoryBuilder().Uri("u").Version("3").Correction("Fixes a name.").Build());
}

// NewsML 1.2 guids end in the revision: the versions share a key instead.
TEST_P(StoreConformanceTest, VersionsAreTiedByKeyWhenTheGuidCarriesTheVersion) {
  auto version = [](const char* n, const char* headline) {
    return StoryBuilder()
        .Uri(std::string("urn:newsml:afp.com:20240101:TX-1:") + n)
        .Key("urn:newsml:afp.com:20240101:TX-1")
        .Version(n)
        .Headline(headline);
  };
  PutOutcome first = MustPut(version("1", "One").Request(kT0));
  EXPECT_EQ(first.action, PutAction::kCreated);
  PutOutcome second = MustPut(version("2", "Two").Path("/elsewhere").Request(kT1));
  EXPECT_EQ(second.action, PutAction::kUpdated);
  EXPECT_EQ(second.record.id, first.record.id);
  EXPECT_EQ(second.record.path, first.record.path);
  EXPECT_EQ(MustPut(version("1", "Stale").Request(kT2)).action, PutAction::kUnchanged);
  EXPECT_EQ(MustPut(version("2", "Two").Request(kT2)).action, PutAction::kUnchanged);

  StoryRecord now = MUST(store_->GetByUri("urn:newsml:afp.com:20240101:TX-1"));
  EXPECT_EQ(now.story.uri, "urn:newsml:afp.com:20240101:TX-1:2");
  EXPECT_EQ(now.story.headline, "Two");
  EXPECT_EQ(now.revisions, 2);
  EXPECT_EQ(MUST(store_->Count({})), 1);
  std::vector<model::Story> history = MUST(store_->History("urn:newsml:afp.com:20240101:TX-1"));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0], version("1", "One").Build());
  EXPECT_EQ(history[1], version("2", "Two").Build());
  EXPECT_EQ(MUST(store_->Kill("urn:newsml:afp.com:20240101:TX-1", "legal", kT3)).action,
            PutAction::kKilled);
}

// Stores written before keys hold NewsML 1.2 stories under the full guid;
// the first version with a key adopts the story instead of starting a
// second one beside it.
TEST_P(StoreConformanceTest, KeyedVersionAdoptsTheStoryStoredUnderItsGuid) {
  const std::string key = "urn:newsml:afp.com:20240101:TX-1";
  auto version = [&](const char* n) {
    return StoryBuilder().Uri(key + ":" + n).Key(key).Version(n).Headline(
        std::string("Version ") + n);
  };
  MustPut(StoryBuilder().Uri("urn:newsml:afp.com:20240101:TX-10:1").Headline("Other").Request(kT0));
  // The old rules: no key, stored under the guid.
  PutOutcome old = MustPut(
      StoryBuilder().Uri(key + ":1").Version("1").Headline("Version 1").Request(kT0));
  PutOutcome second = MustPut(version("2").Request(kT1));
  EXPECT_EQ(second.action, PutAction::kUpdated);
  EXPECT_EQ(second.record.id, old.record.id);
  EXPECT_EQ(second.record.path, old.record.path);
  EXPECT_EQ(MUST(store_->Count({})), 2);
  StoryRecord now = MUST(store_->GetByUri(key));
  EXPECT_EQ(now.story.headline, "Version 2");
  EXPECT_EQ(now.revisions, 2);
  std::vector<model::Story> history = MUST(store_->History(key));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].uri, key + ":1");
  EXPECT_EQ(history[1], version("2").Build());
  EXPECT_EQ(MustPut(version("2").Request(kT2)).action, PutAction::kUnchanged);

  std::vector<PutOutcome> kill = MUST(store_->PutBatch(
      {version("3").PubStatus(model::PubStatus::kCanceled).Request(kT2)}));
  ASSERT_EQ(kill.size(), 1u);
  EXPECT_EQ(kill[0].action, PutAction::kKilled);
  EXPECT_EQ(kill[0].record.id, old.record.id);
  EXPECT_EQ(MUST(store_->Count({})), 1);
  EXPECT_EQ(MUST(store_->GetByUri(key)).state, StoryState::kKilled);
  EXPECT_EQ(MustPut(version("2").Request(kT3)).action, PutAction::kRejected);
}

// A first version with a key also adopts through a batch, and a guid-keyed
// story of another item that merely shares the prefix is left alone.
TEST_P(StoreConformanceTest, KeyedBatchAdoptsOnlyItsOwnItem) {
  const std::string key = "urn:newsml:afp.com:20240101:TX-2";
  PutOutcome other = MustPut(StoryBuilder().Uri(key + "0:1").Version("1").Request(kT0));
  PutOutcome old = MustPut(StoryBuilder().Uri(key + ":1").Version("1").Request(kT0));
  std::vector<PutOutcome> out = MUST(store_->PutBatch(
      {StoryBuilder().Uri(key + ":2").Key(key).Version("2").Headline("Two").Request(kT1),
       StoryBuilder().Uri(key + "0:2").Key(key + "0").Version("2").Request(kT1)}));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].action, PutAction::kUpdated);
  EXPECT_EQ(out[0].record.id, old.record.id);
  EXPECT_EQ(out[1].action, PutAction::kUpdated);
  EXPECT_EQ(out[1].record.id, other.record.id);
  EXPECT_EQ(MUST(store_->Count({})), 2);
  EXPECT_EQ(MUST(store_->GetByUri(key)).story.headline, "Two");
}

// An agency kill of a NewsML 1.2 story arrives as a new guid (a canceled
// revision); a late copy of an earlier revision must not bring it back.
TEST_P(StoreConformanceTest, KillUnderANewGuidRejectsStaleRedelivery) {
  const std::string key = "urn:newsml:afp.com:20240101:TX-3";
  auto version = [&](const char* n) {
    return StoryBuilder().Uri(key + ":" + n).Key(key).Version(n);
  };
  EXPECT_EQ(MustPut(version("1").Request(kT0)).action, PutAction::kCreated);
  EXPECT_EQ(MustPut(version("2").Request(kT1)).action, PutAction::kUpdated);
  EXPECT_EQ(MustPut(version("3").PubStatus(model::PubStatus::kCanceled).Request(kT2)).action,
            PutAction::kKilled);
  EXPECT_EQ(MustPut(version("2").Request(kT3)).action, PutAction::kRejected);
  EXPECT_EQ(MUST(store_->Count({})), 0);
}

// An agency page lists every name its slug stands for ("EFE", "EFE.").
TEST_P(StoreConformanceTest, AgencyFilterAcceptsAnyOfSeveralNames) {
  MustPut(StoryBuilder().Uri("a").Agency("EFE").Request(kT0));
  MustPut(StoryBuilder().Uri("b").Agency("EFE.").Request(kT1));
  MustPut(StoryBuilder().Uri("c").Agency("efe").Request(kT2));
  MustPut(StoryBuilder().Uri("d").Agency("Reuters").Request(kT3));
  StoryQuery q;
  q.agencies = {"efe", "Efe."};
  EXPECT_EQ(MUST(store_->Count(q)), 3);
  std::vector<StoryRecord> listed = MUST(store_->List(q));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].story.uri, "c");
  EXPECT_EQ(listed[2].story.uri, "a");
  q.agencies = {"EFE."};
  q.agency = "REUTERS";
  listed = MUST(store_->List(q));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].story.uri, "d");
  EXPECT_EQ(listed[1].story.uri, "b");
  q.agencies = {"EFE", "efe"};
  q.agency.clear();
  EXPECT_EQ(MUST(store_->Count(q)), 2);
}

TEST_P(StoreConformanceTest, AgenciesAreTheLiveStoriesCreditsOncePerName) {
  EXPECT_THAT(MUST(store_->Agencies()), IsEmpty());
  MustPut(StoryBuilder().Uri("a").Agency("Agence France-Presse").Request(kT0));
  MustPut(StoryBuilder().Uri("b").Agency("AGENCE FRANCE-PRESSE").Request(kT1));
  MustPut(StoryBuilder().Uri("c").Agency("Reuters").Request(kT1));
  MustPut(StoryBuilder().Uri("d").Agency("").Request(kT1));
  MustPut(StoryBuilder().Uri("e").Agency("Held Agency").Request(kT1));
  MustPut(StoryBuilder().Uri("f").Agency("Killed Agency").Request(kT1));
  MustPut(StoryBuilder().Uri("g").Agency("Embargoed Agency").Embargo(kT3).Request(kT1));
  MUST(store_->Hold("e", "review", kT2));
  MUST(store_->Kill("f", "legal", kT2));
  std::vector<std::string> agencies = MUST(store_->Agencies());
  ASSERT_EQ(agencies.size(), 2u);
  EXPECT_TRUE(EqualsIgnoreCase(agencies[0], "Agence France-Presse")) << agencies[0];
  EXPECT_TRUE(EqualsIgnoreCase(agencies[1], "Reuters")) << agencies[1];
}

TEST_P(StoreConformanceTest, AgencyKillWithdrawsAndBlocksRedelivery) {
  PutOutcome first =
      MustPut(StoryBuilder().Uri("u").Headline("Doomed").Keywords({"Syria"}).Request(kT0));
  PutOutcome kill =
      MustPut(StoryBuilder().Uri("u").Version("2").Kill().Correction("Legal.").Request(kT1));
  EXPECT_EQ(kill.action, PutAction::kKilled);
  StoryRecord gone = MUST(store_->GetByPath(first.record.path));
  EXPECT_EQ(gone.state, StoryState::kKilled);
  EXPECT_EQ(gone.kill_reason, "Legal.");
  EXPECT_THAT(MUST(store_->List({})), IsEmpty());
  EXPECT_EQ(MUST(store_->Count({.tag = "syria"})), 0);
  EXPECT_THAT(MUST(store_->Search({.text = "doomed"})), IsEmpty());

  PutOutcome again = MustPut(StoryBuilder().Uri("u").Version("3").Request(kT2));
  EXPECT_EQ(again.action, PutAction::kRejected);
  EXPECT_EQ(MUST(store_->GetByUri("u")), gone);
  std::vector<model::Story> history = MUST(store_->History("u"));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0], first.record.story);
  EXPECT_EQ(history[1].correction_note, "Legal.");
}

TEST_P(StoreConformanceTest, KillBeforeTheStoryKeepsItOff) {
  EXPECT_EQ(MustPut(StoryBuilder().Uri("u").Kill().Request(kT0)).action, PutAction::kKilled);
  EXPECT_EQ(MustPut(StoryBuilder().Uri("u").Version("1").Request(kT1)).action,
            PutAction::kRejected);
  EXPECT_EQ(MUST(store_->Count({})), 0);
}

TEST_P(StoreConformanceTest, OperatorKillsByUriOrPath) {
  PutOutcome a = MustPut(StoryBuilder().Uri("a").Request(kT0));
  PutOutcome b = MustPut(StoryBuilder().Uri("b").Request(kT0));
  PutOutcome by_uri = MUST(store_->Kill("a", "Court order", kT1));
  EXPECT_EQ(by_uri.action, PutAction::kKilled);
  EXPECT_EQ(by_uri.record.kill_reason, "Court order");
  PutOutcome by_path = MUST(store_->Kill(b.record.path, "", kT1));
  EXPECT_EQ(by_path.action, PutAction::kKilled);
  EXPECT_EQ(by_path.record.id, b.record.id);
  EXPECT_EQ(MUST(store_->GetById(a.record.id)).state, StoryState::kKilled);
  EXPECT_EQ(MUST(store_->Kill("a", "again", kT2)).action, PutAction::kUnchanged);
  EXPECT_EQ(MUST(store_->Count({})), 0);
  EXPECT_EQ(MUST(store_->History("a")).size(), 1u);
}

TEST_P(StoreConformanceTest, HoldWithdrawsUntilReleasedAndTakesUpdatesMeanwhile) {
  PutOutcome a = MustPut(StoryBuilder().Uri("a").Headline("Quarry report").Request(kT0));
  PutOutcome held = MUST(store_->Hold(a.record.path, "", kT1));
  EXPECT_EQ(held.action, PutAction::kHeld);
  EXPECT_EQ(held.record.state, StoryState::kHeld);
  EXPECT_EQ(held.record.kill_reason, "held by the editor");
  ASSERT_TRUE(held.previous.has_value());
  EXPECT_EQ(held.previous->state, StoryState::kLive);
  EXPECT_THAT(MUST(store_->List({})), IsEmpty());
  EXPECT_EQ(MUST(store_->Count({})), 0);
  EXPECT_THAT(MUST(store_->Search({.text = "quarry"})), IsEmpty());
  StoryQuery held_query;
  held_query.state = StoryState::kHeld;
  EXPECT_THAT(Uris(MUST(store_->List(held_query))), ElementsAre("a"));
  EXPECT_EQ(MUST(store_->Hold("a", "again", kT1)).action, PutAction::kUnchanged);

  // A newer version while held: kept (and in the history), still held.
  PutOutcome update =
      MustPut(StoryBuilder().Uri("a").Version("2").Headline("Quarry report, update").Request(kT2));
  EXPECT_EQ(update.action, PutAction::kUpdated);
  EXPECT_EQ(update.record.state, StoryState::kHeld);
  EXPECT_THAT(MUST(store_->Search({.text = "quarry"})), IsEmpty());
  EXPECT_EQ(MUST(store_->History("a")).size(), 2u);

  PutOutcome released = MUST(store_->ReleaseHold("a", kT3));
  EXPECT_EQ(released.action, PutAction::kCreated);
  EXPECT_EQ(released.record.state, StoryState::kLive);
  EXPECT_EQ(released.record.path, a.record.path);
  EXPECT_EQ(released.record.published_at, kT0);
  EXPECT_EQ(released.record.story.headline, "Quarry report, update");
  EXPECT_EQ(MUST(store_->GetByUri("a")), released.record);
  EXPECT_THAT(Uris(MUST(store_->List({}))), ElementsAre("a"));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "update"}))), ElementsAre("a"));
  EXPECT_THAT(MUST(store_->List(held_query)), IsEmpty());
  EXPECT_EQ(MUST(store_->ReleaseHold("a", kT3)).action, PutAction::kUnchanged);
  EXPECT_THAT(Actions(MUST(store_->ChangesSince(0, 10))),
              ElementsAre(PutAction::kCreated, PutAction::kHeld, PutAction::kUpdated,
                          PutAction::kCreated));
}

TEST_P(StoreConformanceTest, AKillWinsOverAHoldAndAKilledStoryCannotBeHeld) {
  MustPut(StoryBuilder().Uri("a").Request(kT0));
  MustPut(StoryBuilder().Uri("b").Request(kT0));
  MUST(store_->Hold("a", "", kT1));
  EXPECT_EQ(MUST(store_->Kill("a", "Legal", kT2)).record.state, StoryState::kKilled);
  EXPECT_EQ(MUST(store_->ReleaseHold("a", kT3)).action, PutAction::kUnchanged);
  EXPECT_EQ(MUST(store_->GetByUri("a")).state, StoryState::kKilled);
  MUST(store_->Kill("b", "Legal", kT1));
  EXPECT_EQ(MUST(store_->Hold("b", "", kT2)).action, PutAction::kUnchanged);
  EXPECT_EQ(store_->Hold("urn:none", "", kT0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ReleaseHold("urn:none", kT0).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, AStoryHeldBeforeItsEmbargoWaitsForItAfterRelease) {
  MustPut(StoryBuilder().Uri("e").Embargo(kT3).Request(kT0));
  MUST(store_->Hold("e", "", kT1));
  EXPECT_THAT(MUST(store_->ReleaseDue(kT3)), IsEmpty());  // a hold is not an embargo
  PutOutcome released = MUST(store_->ReleaseHold("e", kT2));
  EXPECT_EQ(released.action, PutAction::kEmbargoed);
  EXPECT_EQ(released.record.state, StoryState::kEmbargoed);
  EXPECT_THAT(MUST(store_->List({})), IsEmpty());
  EXPECT_THAT(Uris(MUST(store_->ReleaseDue(kT3))), ElementsAre("e"));
}

TEST_P(StoreConformanceTest, EmbargoHoldsUntilReleased) {
  PutOutcome held =
      MustPut(StoryBuilder().Uri("e").Headline("Secret result").Embargo(kT2).Request(kT0));
  MustPut(StoryBuilder().Uri("later").Embargo(kT3).Request(kT0));
  EXPECT_EQ(held.action, PutAction::kEmbargoed);
  EXPECT_EQ(MUST(store_->GetByUri("e")).state, StoryState::kEmbargoed);
  EXPECT_THAT(MUST(store_->List({})), IsEmpty());
  EXPECT_THAT(MUST(store_->Search({.text = "secret"})), IsEmpty());
  EXPECT_EQ(MUST(store_->NextEmbargo()), kT2);
  EXPECT_THAT(MUST(store_->ReleaseDue(kT1)), IsEmpty());

  std::vector<StoryRecord> released = MUST(store_->ReleaseDue(kT2));
  ASSERT_THAT(Uris(released), ElementsAre("e"));
  EXPECT_EQ(released[0].state, StoryState::kLive);
  EXPECT_EQ(released[0].published_at, kT2);
  EXPECT_EQ(MUST(store_->GetByUri("e")), released[0]);
  EXPECT_THAT(Uris(MUST(store_->List({}))), ElementsAre("e"));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "secret"}))), ElementsAre("e"));
  EXPECT_EQ(MUST(store_->NextEmbargo()), kT3);
  MUST(store_->ReleaseDue(kT3));
  EXPECT_EQ(MUST(store_->NextEmbargo()), std::nullopt);
  EXPECT_THAT(Actions(MUST(store_->ChangesSince(0, 10))),
              ElementsAre(PutAction::kEmbargoed, PutAction::kEmbargoed, PutAction::kCreated,
                          PutAction::kCreated));
}

TEST_P(StoreConformanceTest, ListFiltersAndPagesNewestFirst) {
  MustPut(StoryBuilder().Uri("a").Section("world").Agency("AFP").Keywords({"Vladimir Putin"})
              .Request(kT0));
  MustPut(StoryBuilder().Uri("b").Section("sports").Agency("Reuters").Keywords({"Football"})
              .Request(kT1));
  MustPut(StoryBuilder().Uri("c").Section("world").Agency("afp").Keywords({"Syria"})
              .Request(kT2));
  MustPut(StoryBuilder().Uri("d").Section("world").Agency("AP").Request(kT3));

  EXPECT_THAT(Uris(MUST(store_->List({}))), ElementsAre("d", "c", "b", "a"));
  EXPECT_THAT(Uris(MUST(store_->List({.section = "world"}))), ElementsAre("d", "c", "a"));
  EXPECT_THAT(Uris(MUST(store_->List({.tag = "vladimir-putin"}))), ElementsAre("a"));
  EXPECT_THAT(Uris(MUST(store_->List({.agency = "AFP"}))), ElementsAre("c", "a"));
  EXPECT_THAT(Uris(MUST(store_->List({.published_from = kT1, .published_to = kT3}))),
              ElementsAre("c", "b"));
  EXPECT_THAT(Uris(MUST(store_->List({.limit = 2, .offset = 1}))), ElementsAre("c", "b"));
  EXPECT_THAT(Uris(MUST(store_->List({.limit = 0}))), ElementsAre("d", "c", "b", "a"));
  EXPECT_THAT(Uris(MUST(store_->List({.section = "world", .agency = "afp", .limit = 1}))),
              ElementsAre("c"));
  EXPECT_EQ(MUST(store_->Count({.section = "world", .limit = 1})), 3);
  EXPECT_EQ(MUST(store_->Count({.tag = "syria"})), 1);
  EXPECT_EQ(MUST(store_->Count({.section = "health"})), 0);
}

TEST_P(StoreConformanceTest, SameTimeListsNewestIdFirst) {
  MustPut(StoryBuilder().Uri("a").Request(kT0));
  MustPut(StoryBuilder().Uri("b").Request(kT0));
  EXPECT_THAT(Uris(MUST(store_->List({}))), ElementsAre("b", "a"));
}

TEST_P(StoreConformanceTest, UpdateReplacesTags) {
  MustPut(StoryBuilder().Uri("u").Version("1").Keywords({"Syria"}).Request(kT0));
  MustPut(StoryBuilder().Uri("u").Version("2").Keywords({"Iran"}).Request(kT1));
  EXPECT_EQ(MUST(store_->Count({.tag = "syria"})), 0);
  EXPECT_EQ(MUST(store_->Count({.tag = "iran"})), 1);
}

TEST_P(StoreConformanceTest, SearchRanksHeadlineAboveBodyThenNewest) {
  MustPut(StoryBuilder().Uri("body-old").Headline("Talks resume")
              .Body("<p>The ceasefire in Syria holds.</p>").Request(kT0));
  MustPut(StoryBuilder().Uri("head").Headline("Syria ceasefire holds")
              .Body("<p>Talks resume.</p>").Request(kT1));
  MustPut(StoryBuilder().Uri("body-new").Headline("Talks resume")
              .Body("<p>The ceasefire in Syria holds.</p>").Request(kT2));
  MustPut(StoryBuilder().Uri("other").Headline("Markets rally").Request(kT3));

  EXPECT_THAT(Uris(MUST(store_->Search({.text = "syria"}))),
              ElementsAre("head", "body-new", "body-old"));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "SYRIA ceasefire"}))),
              ElementsAre("head", "body-new", "body-old"));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "syria markets"}))), IsEmpty());
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "mark"}))), ElementsAre("other"));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "syria", .limit = 1, .offset = 1}))),
              ElementsAre("body-new"));
  EXPECT_THAT(MUST(store_->Search({.text = "  !! "})), IsEmpty());
  EXPECT_THAT(MUST(store_->Search({.text = "\"quoted\" AND (NOT*"})), IsEmpty());
}

// One folding on every backend, SQLite FTS5's "unicode61 remove_diacritics
// 2" (store/search_text.h): case in every script, accents of Latin letters
// only, punctuation outside ASCII between words.
TEST_P(StoreConformanceTest, SearchFoldsCaseAndLatinAccentsLikeSqlite) {
  MustPut(StoryBuilder().Uri("zurich").Headline("Zürich votes").Request(kT0));
  MustPut(StoryBuilder().Uri("sao").Headline("Rain in São Paulo")
              .Body("<p>«Chuva» — forte.</p>").Request(kT0));
  MustPut(StoryBuilder().Uri("greece").Headline("Ελλάδα: εκλογές").Request(kT0));
  MustPut(StoryBuilder().Uri("moscow").Headline("МОСКВА сегодня").Request(kT0));
  MustPut(StoryBuilder().Uri("lodz").Headline("ŁÓDŹ derby").Request(kT0));

  for (const char* query : {"zurich", "Zürich", "ZÜRICH", "zuri", "ZÜR"}) {
    EXPECT_THAT(Uris(MUST(store_->Search({.text = query}))), ElementsAre("zurich")) << query;
  }
  for (const char* query : {"sao paulo", "SÃO PAULO", "são", "chuva", "forte", "CHUVA FORTE"}) {
    EXPECT_THAT(Uris(MUST(store_->Search({.text = query}))), ElementsAre("sao")) << query;
  }
  for (const char* query : {"Ελλάδα", "ελλάδα", "ΕΛΛΆΔΑ", "ελλ", "ΕΚΛΟΓΈΣ"}) {
    EXPECT_THAT(Uris(MUST(store_->Search({.text = query}))), ElementsAre("greece")) << query;
  }
  // Like unicode61, Greek keeps its accents: "ελλαδα" is another word.
  EXPECT_THAT(MUST(store_->Search({.text = "ελλαδα"})), IsEmpty());
  for (const char* query : {"Москва", "москва", "МОСКВА", "моск"}) {
    EXPECT_THAT(Uris(MUST(store_->Search({.text = query}))), ElementsAre("moscow")) << query;
  }
  // "Ł" is a letter of its own, not "L" with an accent; "Ó" and "Ź" are.
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "łodz"}))), ElementsAre("lodz"));
  EXPECT_THAT(MUST(store_->Search({.text = "lodz"})), IsEmpty());
}

TEST_P(StoreConformanceTest, SearchRanksMuchNewerMatchAboveSlightlyMoreRelevantOldOne) {
  constexpr std::int64_t kDay = 24 * 3600;
  MustPut(StoryBuilder().Uri("old").Headline("Rain")
              .Body("<p>The flood rose. A second flood followed.</p>").Request(kT0));
  MustPut(StoryBuilder().Uri("new").Headline("Rain")
              .Body("<p>The flood rose. The river followed.</p>")
              .Request(Timestamp{kT0.seconds + 3 * kDay}));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "flood"}))), ElementsAre("new", "old"));
}

TEST_P(StoreConformanceTest, SearchRanksHeadlineMatchAboveABodyMatchADayNewer) {
  constexpr std::int64_t kDay = 24 * 3600;
  MustPut(StoryBuilder().Uri("head").Headline("Flood warning for the coast")
              .Body("<p>Officials spoke.</p>").Request(kT0));
  MustPut(StoryBuilder().Uri("body").Headline("Officials spoke")
              .Body("<p>A flood warning for the coast.</p>")
              .Request(Timestamp{kT0.seconds + kDay}));
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "flood"}))), ElementsAre("head", "body"));
}

// Only the newest kSearchWindow matches are ranked; older ones follow,
// newest first, and paging walks the whole order exactly once.
TEST_P(StoreConformanceTest, SearchRanksTheNewestWindowThenListsOlderMatchesNewestFirst) {
  std::vector<PutRequest> batch;
  // The oldest story is the most relevant (headline) but outside the window.
  batch.push_back(StoryBuilder().Uri("s0").Headline("Flood").Request(kT0));
  const int total = kSearchWindow + 6;
  for (int i = 1; i < total; ++i) {
    std::string n = std::to_string(i);
    batch.push_back(StoryBuilder().Uri("s" + n).Headline("Rain " + n)
                        .Body(i == 3 ? "<p>Not a match.</p>" : "<p>A flood.</p>")
                        .Request(Timestamp{kT0.seconds + i}));
  }
  batch.push_back(StoryBuilder().Uri("s2").Version("2").Kill().Request(kT3));
  batch.push_back(StoryBuilder().Uri("s200").Version("2").Kill().Request(kT3));
  batch.push_back(StoryBuilder().Uri("s" + std::to_string(total - 1)).Version("2")
                      .Headline("Flood at the dam").Request(kT3));
  ASSERT_TRUE(store_->PutBatch(batch).ok());

  // Matches: s0..s205 without s3 (no match), s2 and s200 (killed).
  std::vector<std::string> expected = {"s" + std::to_string(total - 1)};  // headline now
  for (int i = total - 2; i >= 0; --i) {
    if (i != 3 && i != 2 && i != 200) expected.push_back("s" + std::to_string(i));
  }
  // The window is s205..s5 (200 matches): ranked, the updated headline
  // first, the rest by recency; s4, s1 and s0 follow, newest first, so s0's
  // headline match does not lift it.
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "flood", .limit = 0}))),
              ::testing::ElementsAreArray(expected));
  std::vector<std::string> paged;
  for (int offset = 0; offset < total; offset += 7) {
    for (std::string& uri : Uris(MUST(store_->Search({.text = "flo", .limit = 7,
                                                      .offset = offset})))) {
      paged.push_back(std::move(uri));
    }
  }
  EXPECT_EQ(paged, expected);
}

TEST_P(StoreConformanceTest, SearchSeesTheCurrentVersionOnly) {
  MustPut(StoryBuilder().Uri("u").Version("1").Headline("Earthquake hits").Request(kT0));
  MustPut(StoryBuilder().Uri("u").Version("2").Headline("Flood hits").Request(kT1));
  EXPECT_THAT(MUST(store_->Search({.text = "earthquake"})), IsEmpty());
  EXPECT_THAT(Uris(MUST(store_->Search({.text = "flood"}))), ElementsAre("u"));
}

TEST_P(StoreConformanceTest, ChangesSinceIsOrderedAndPaged) {
  PutOutcome a = MustPut(StoryBuilder().Uri("a").Request(kT0));
  PutOutcome b = MustPut(StoryBuilder().Uri("b").Request(kT1));
  MustPut(StoryBuilder().Uri("a").Version("2").Request(kT2));
  MustPut(StoryBuilder().Uri("a").Version("2").Request(kT2));  // unchanged: not logged
  MUST(store_->Kill("b", "x", kT3));
  std::vector<Change> all = MUST(store_->ChangesSince(0, 100));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_THAT(Actions(all), ElementsAre(PutAction::kCreated, PutAction::kCreated,
                                        PutAction::kUpdated, PutAction::kKilled));
  EXPECT_EQ(all[0].story_id, a.record.id);
  EXPECT_EQ(all[3].story_id, b.record.id);
  EXPECT_EQ(all[3].at, kT3);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].seq, all[i - 1].seq);
  std::vector<Change> page = MUST(store_->ChangesSince(all[0].seq, 2));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0], all[1]);
  EXPECT_EQ(page[1], all[2]);
  EXPECT_THAT(MUST(store_->ChangesSince(all[3].seq, 10)), IsEmpty());
}

TEST_P(StoreConformanceTest, PruneChangesDropsTheOldEndAndSeqKeepsRising) {
  MustPut(StoryBuilder().Uri("a").Request(kT0));
  MustPut(StoryBuilder().Uri("b").Request(kT1));
  MustPut(StoryBuilder().Uri("c").Request(kT2));
  std::vector<Change> all = MUST(store_->ChangesSince(0, 100));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(MUST(store_->PruneChanges(kT0)), 0);  // nothing before the first
  EXPECT_EQ(MUST(store_->PruneChanges(kT2)), 2);
  EXPECT_THAT(MUST(store_->ChangesSince(0, 100)), ElementsAre(all[2]));
  // A follower that had read up to a pruned seq keeps its place.
  EXPECT_THAT(MUST(store_->ChangesSince(all[0].seq, 100)), ElementsAre(all[2]));
  EXPECT_EQ(MUST(store_->PruneChanges(kT3)), 1);
  EXPECT_THAT(MUST(store_->ChangesSince(0, 100)), IsEmpty());
  EXPECT_EQ(MUST(store_->PruneChanges(kT3)), 0);  // an empty log
  MustPut(StoryBuilder().Uri("d").Request(kT3));
  std::vector<Change> after = MUST(store_->ChangesSince(all[2].seq, 100));
  ASSERT_EQ(after.size(), 1u);  // seqs are never reused
  EXPECT_GT(after[0].seq, all[2].seq);
  // The stories themselves are untouched.
  EXPECT_TRUE(store_->GetByUri("a").ok());
}

TEST_P(StoreConformanceTest, PutBatchAppliesInOrderLikeSinglePuts) {
  auto outcomes = store_->PutBatch({StoryBuilder().Uri("a").Version("1").Request(kT0),
                                    StoryBuilder().Uri("a").Version("2").Request(kT1),
                                    StoryBuilder().Uri("a").Version("1").Request(kT1),
                                    StoryBuilder().Uri("b").Kill().Request(kT1)});
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  std::vector<PutAction> actions;
  for (const PutOutcome& o : *outcomes) actions.push_back(o.action);
  EXPECT_THAT(actions, ElementsAre(PutAction::kCreated, PutAction::kUpdated,
                                   PutAction::kUnchanged, PutAction::kKilled));
  EXPECT_EQ(MUST(store_->GetByUri("a")), (*outcomes)[1].record);
  EXPECT_EQ(MUST(store_->History("a")).size(), 2u);
  EXPECT_EQ(MUST(store_->ChangesSince(0, 0)).size(), 3u);
  EXPECT_THAT(MUST(store_->PutBatch({})), IsEmpty());
}

TEST_P(StoreConformanceTest, PathTakenByAnotherUriIsAConflict) {
  MustPut(StoryBuilder().Uri("a").Path("/same").Request(kT0));
  auto out = store_->Put(StoryBuilder().Uri("b").Path("/same").Request(kT0));
  EXPECT_EQ(out.status().code(), StatusCode::kConflict) << out.status().ToString();
  EXPECT_EQ(store_->GetByUri("b").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(MUST(store_->ChangesSince(0, 10)).size(), 1u);
}

TEST_P(StoreConformanceTest, ConcurrentPutsLoseNothing) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string uri = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto created = store_->Put(StoryBuilder().Uri(uri).Request(kT0));
        auto updated = store_->Put(StoryBuilder().Uri(uri).Version("2").Request(kT1));
        EXPECT_TRUE(created.ok() && updated.ok()) << uri;
        auto listed = store_->List({.limit = 5});  // readers run beside writers
        EXPECT_TRUE(listed.ok()) << listed.status().ToString();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(MUST(store_->Count({})), kThreads * kPerThread);
  EXPECT_EQ(MUST(store_->ChangesSince(0, 0)).size(), 2u * kThreads * kPerThread);
  EXPECT_EQ(MUST(store_->GetByUri("t3-7")).revisions, 2);
}

}  // namespace wirepress::store
