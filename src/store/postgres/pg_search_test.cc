#include "store/postgres/pg_search.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/postgres/postgres_store.h"
#include "testing/story_builder.h"

namespace wirepress::store::postgres {
namespace {

using testing::StoryBuilder;

TEST(TsVectorLiteral, WeighsHeadlineDescriptionAndBody) {
  model::Story s = StoryBuilder()
                       .Headline("Syria talks")
                       .Description("In Sochi")
                       .Body("<p>Talks on&nbsp;Syria.</p>")
                       .Build();
  EXPECT_EQ(TsVectorLiteral(s), "'in':3B 'on':6 'sochi':4B 'syria':1A,7 'talks':2A,5");
}

TEST(TsVectorLiteral, SplitsAtInvalidUtf8AndDropsOverlongWords) {
  model::Story s = StoryBuilder().Headline("bad\xFFly " + std::string(2047, 'x') + " ok").Body("")
                       .Build();
  EXPECT_EQ(TsVectorLiteral(s), "'bad':1A 'ly':2A 'ok':3A");
}

TEST(TsVectorLiteral, FoldsLikeTheOtherBackends) {
  model::Story s = StoryBuilder().Headline("ZÜRICH Ελλάδα").Body("<p>«São»</p>").Build();
  EXPECT_EQ(TsVectorLiteral(s), "'sao':3 'zurich':1A 'ελλάδα':2A");
}

TEST(TsVectorLiteral, StopsAtPostgresLimits) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "w ";
  std::string v = TsVectorLiteral(StoryBuilder().Headline("").Body(body).Build());
  // 256 positions at most, the last ones below 16384.
  EXPECT_EQ(std::count(v.begin(), v.end(), ','), 255);
  EXPECT_EQ(v.substr(0, 9), "'w':1,2,3");
}

TEST(TsQueryLiteral, AllWordsLastAsPrefix) {
  EXPECT_EQ(TsQueryLiteral("SYRIA  cease"), "'syria' & 'cease':*");
  EXPECT_EQ(TsQueryLiteral("\"quoted\" AND (NOT*"), "'quoted' & 'and' & 'not':*");
  EXPECT_EQ(TsQueryLiteral("  !! "), "");
  EXPECT_EQ(TsQueryLiteral("a " + std::string(3000, 'x')), "");
}

TEST(EstimateMatchShare, MultipliesWordSharesAndSumsAPrefixsWords) {
  WordShares shares{{{"syria", 0.2}, {"cease", 0.1}, {"ceasefire", 0.3}, {"talks", 0.5}}, 0.1};
  EXPECT_DOUBLE_EQ(EstimateMatchShare(shares, {"talks"}), 0.5);
  EXPECT_DOUBLE_EQ(EstimateMatchShare(shares, {"syria", "cease"}), 0.2 * 0.4);
  // Unlisted: rarer than the rarest listed word, taken as half of it.
  EXPECT_DOUBLE_EQ(EstimateMatchShare(shares, {"zebra"}), 0.05);
  EXPECT_DOUBLE_EQ(EstimateMatchShare(WordShares{}, {"talks"}), 0);
}

TEST(PlanSearchSlices, WalksCommonWordsBucketsRarerOnesAndLeavesFewToTheIndex) {
  using Kind = SearchSlice::Kind;
  EXPECT_TRUE(PlanSearchSlices(100000, 0, 200).empty());
  // 0.1% of 100,000: 100 matches in all.
  auto few = PlanSearchSlices(100000, 0.001, 200);
  ASSERT_EQ(few.size(), 1u);
  EXPECT_EQ(few[0].kind, Kind::kRest);
  EXPECT_EQ(few[0].below, 0);
  // Half: walk the newest 3 * 200 / 0.5 = 1200 ids, then the rest.
  auto common = PlanSearchSlices(100000, 0.5, 200);
  ASSERT_EQ(common.size(), 2u);
  EXPECT_EQ(common[0].kind, Kind::kWalk);
  EXPECT_EQ(common[0].above, 98800);
  EXPECT_EQ(common[1].kind, Kind::kRest);
  EXPECT_EQ(common[1].below, 98801);
  // 5%: the ids past the newest bucket (stored since max_id was read),
  // buckets for 6,000 ids (23 + 1 for the part-filled newest one), then
  // 4x and 16x as many, then the rest.
  auto rare = PlanSearchSlices(1000000, 0.05, 200);
  ASSERT_EQ(rare.size(), 5u);
  EXPECT_EQ(rare[0].kind, Kind::kNewer);
  EXPECT_EQ(rare[0].above, (((1000000 >> 8) + 1) << 8) - 1);
  EXPECT_EQ(rare[1].kind, Kind::kBuckets);
  EXPECT_EQ(rare[1].first_bucket, 1000000 >> 8);
  EXPECT_EQ(rare[1].last_bucket, (1000000 >> 8) - 23);
  EXPECT_EQ(rare[2].first_bucket, rare[1].last_bucket - 1);
  EXPECT_EQ(rare[2].last_bucket, rare[2].first_bucket - 93);
  EXPECT_EQ(rare[3].last_bucket, rare[3].first_bucket - 375);
  EXPECT_EQ(rare[4].kind, Kind::kRest);
  EXPECT_EQ(rare[4].below, rare[3].last_bucket << kSearchBucketBits);
  // Buckets down to bucket 0: no rest.
  auto small = PlanSearchSlices(100000, 0.05, 200);
  ASSERT_EQ(small.size(), 4u);
  EXPECT_EQ(small[3].kind, Kind::kBuckets);
  EXPECT_EQ(small[3].last_bucket, 0);
}

TEST(PlanSearchSlices, NamesAtMostSoManyBucketsPerSlice) {
  using Kind = SearchSlice::Kind;
  // A word in 0.01% of 100 million stories: 1.5M ids, 5,860 buckets, for
  // the first slice alone; each slice is capped and the slices still meet.
  auto huge = PlanSearchSlices(100000000, 0.0002, 200);
  ASSERT_EQ(huge.size(), 5u);
  std::int64_t next = 100000000 >> kSearchBucketBits;
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(huge[i].kind, Kind::kBuckets);
    EXPECT_EQ(huge[i].first_bucket, next);
    EXPECT_EQ(huge[i].first_bucket - huge[i].last_bucket + 1, kMaxBucketsPerSlice);
    next = huge[i].last_bucket - 1;
  }
  EXPECT_EQ(huge[4].kind, Kind::kRest);
  EXPECT_EQ(huge[4].below, (next + 1) << kSearchBucketBits);
}

TEST(BucketQueryLiteral, NamesEveryBucketNewestFirst) {
  EXPECT_EQ(BucketQueryLiteral(12, 10), "'_b12' | '_b11' | '_b10'");
}

TEST(RedactUrl, HidesPasswords) {
  EXPECT_EQ(RedactUrl("postgresql://wp:s3cret@db:5432/site"), "postgresql://wp:***@db:5432/site");
  EXPECT_EQ(RedactUrl("postgres://wp@db/site?password=x&sslmode=require"),
            "postgres://wp@db/site?password=***&sslmode=require");
  EXPECT_EQ(RedactUrl("postgresql://db/site"), "postgresql://db/site");
  EXPECT_EQ(RedactUrl("host=db password=x dbname=site"), "host=db password=*** dbname=site");
}

}  // namespace
}  // namespace wirepress::store::postgres
