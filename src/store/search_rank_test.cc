#include "store/search_rank.h"

#include <gmock/gmock.h>

namespace wirepress::store {
namespace {

using ::testing::ElementsAre;

constexpr std::int64_t kDay = 24 * 3600;
constexpr Timestamp kT0{1557900000};

Timestamp At(std::int64_t seconds) { return Timestamp{kT0.seconds + seconds}; }

std::vector<std::int64_t> Ids(const std::vector<SearchCandidate>& c) {
  std::vector<std::int64_t> out;
  for (const SearchCandidate& x : c) out.push_back(x.id);
  return out;
}

TEST(RankSearchWindow, MoreRelevantFirstAmongStoriesOfTheSameTime) {
  std::vector<SearchCandidate> w = {{1, 1.0, kT0}, {2, 10.0, kT0}, {3, 3.0, kT0}};
  RankSearchWindow(&w);
  EXPECT_THAT(Ids(w), ElementsAre(2, 3, 1));
}

TEST(RankSearchWindow, MuchNewerMatchOutranksSlightlyMoreRelevantOldOne) {
  std::vector<SearchCandidate> w = {{1, 2.0, kT0}, {2, 1.0, At(3 * kDay)}};
  RankSearchWindow(&w);
  EXPECT_THAT(Ids(w), ElementsAre(2, 1));
}

TEST(RankSearchWindow, MuchMoreRelevantMatchOutranksSlightlyNewerOne) {
  std::vector<SearchCandidate> w = {{1, 10.0, kT0}, {2, 1.0, At(3600)}};
  RankSearchWindow(&w);
  EXPECT_THAT(Ids(w), ElementsAre(1, 2));
}

TEST(RankSearchWindow, OneHalfLifeNewerWeighsAsTwiceTheRelevance) {
  EXPECT_NEAR(SearchScore(1.0, At(kSearchHalfLifeSeconds)), SearchScore(2.0, kT0), 1e-9);
}

TEST(RankSearchWindow, EqualScoresGoNewestThenHighestIdFirst) {
  std::vector<SearchCandidate> w = {{1, 1.0, kT0}, {3, 1.0, kT0}, {2, 1.0, kT0}};
  RankSearchWindow(&w);
  EXPECT_THAT(Ids(w), ElementsAre(3, 2, 1));
}

TEST(RankSearchWindow, NonPositiveRelevanceRanksLast) {
  std::vector<SearchCandidate> w = {{1, 0.0, At(30 * kDay)}, {2, 1e-9, kT0}};
  RankSearchWindow(&w);
  EXPECT_THAT(Ids(w), ElementsAre(2, 1));
}

TEST(PlanSearchPage, PageInsideTheWindowNeedsNoTail) {
  SearchPage p = PlanSearchPage(kSearchWindow, 20, 40);
  EXPECT_EQ(p.window_begin, 40u);
  EXPECT_EQ(p.window_end, 60u);
  EXPECT_EQ(p.tail_limit, 0);
}

TEST(PlanSearchPage, ShortWindowHasNothingBehindIt) {
  SearchPage p = PlanSearchPage(5, 20, 0);
  EXPECT_EQ(p.window_begin, 0u);
  EXPECT_EQ(p.window_end, 5u);
  EXPECT_EQ(p.tail_limit, 0);
  EXPECT_EQ(PlanSearchPage(5, 20, 10).window_begin, 5u);
}

TEST(PlanSearchPage, PageAcrossTheWindowEndContinuesIntoTheTail) {
  SearchPage p = PlanSearchPage(kSearchWindow, 20, kSearchWindow - 5);
  EXPECT_EQ(p.window_begin, static_cast<size_t>(kSearchWindow - 5));
  EXPECT_EQ(p.window_end, static_cast<size_t>(kSearchWindow));
  EXPECT_EQ(p.tail_offset, 0);
  EXPECT_EQ(p.tail_limit, 15);
}

TEST(PlanSearchPage, PageBeyondTheWindowSkipsIntoTheTail) {
  SearchPage p = PlanSearchPage(kSearchWindow, 20, kSearchWindow + 30);
  EXPECT_EQ(p.window_begin, p.window_end);
  EXPECT_EQ(p.tail_offset, 30);
  EXPECT_EQ(p.tail_limit, 20);
}

TEST(PlanSearchPage, NoLimitTakesTheWholeWindowAndTail) {
  SearchPage p = PlanSearchPage(kSearchWindow, 0, -3);
  EXPECT_EQ(p.window_begin, 0u);
  EXPECT_EQ(p.window_end, static_cast<size_t>(kSearchWindow));
  EXPECT_EQ(p.tail_offset, 0);
  EXPECT_EQ(p.tail_limit, -1);
}

}  // namespace
}  // namespace wirepress::store
