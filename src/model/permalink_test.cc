#include "model/permalink.h"

#include <gtest/gtest.h>

namespace wirepress::model {
namespace {

TEST(Permalink, PathHasSectionDateSlugAndHash) {
  std::string p = StoryPath("world", *ParseIso8601("2019-05-15T08:00:00Z"),
                            "Pompeo Says Agreed with Putin", "urn:afp:1");
  EXPECT_EQ(p.substr(0, 45), "/world/2019/05/15/pompeo-says-agreed-with-put");
  EXPECT_EQ(p.size(), std::string("/world/2019/05/15/pompeo-says-agreed-with-putin-").size() + 8);
  EXPECT_NE(p, StoryPath("world", *ParseIso8601("2019-05-15T08:00:00Z"),
                         "Pompeo Says Agreed with Putin", "urn:afp:2"));
}

TEST(Permalink, AssignsSectionFromSubjectsThenKeywords) {
  Story s;
  s.subjects = {{"medtop:15000000", "sport", "medtop"}};
  EXPECT_EQ(AssignSection(s, DefaultSections()), "sports");
  Story b;
  b.keywords = {"Earnings"};
  EXPECT_EQ(AssignSection(b, DefaultSections()), "business");
  Story none;
  EXPECT_EQ(AssignSection(none, DefaultSections(), "news"), "news");
}

}  // namespace
}  // namespace wirepress::model
