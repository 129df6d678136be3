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

TEST(RedactUrl, HidesPasswords) {
  EXPECT_EQ(RedactUrl("postgresql://wp:s3cret@db:5432/site"), "postgresql://wp:***@db:5432/site");
  EXPECT_EQ(RedactUrl("postgres://wp@db/site?password=x&sslmode=require"),
            "postgres://wp@db/site?password=***&sslmode=require");
  EXPECT_EQ(RedactUrl("postgresql://db/site"), "postgresql://db/site");
  EXPECT_EQ(RedactUrl("host=db password=x dbname=site"), "host=db password=*** dbname=site");
}

}  // namespace
}  // namespace wirepress::store::postgres
