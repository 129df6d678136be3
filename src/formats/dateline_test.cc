#include "formats/dateline.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

model::Dateline DatelineOf(std::string_view p) {
  auto m = MatchDateline(p);
  return m ? m->dateline : model::Dateline{};
}

TEST(Dateline, ReadsPlaceCountryDateAndAgency) {
  std::string_view p = "Sochi (Russia), May 15 (AFP) The United States and Russia";
  auto m = MatchDateline(p);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline, (model::Dateline{"Sochi", "Russia", "May 15", "AFP"}));
  EXPECT_EQ(p.substr(m->length), "The United States and Russia");
  EXPECT_EQ(m->month, 5);
  EXPECT_EQ(m->day, 15);
  EXPECT_EQ(m->year, 0);
}

TEST(Dateline, ReadsTheCommonAgencyForms) {
  EXPECT_EQ(DatelineOf("NEW DELHI, May 15 (PTI) - The"),
            (model::Dateline{"NEW DELHI", "", "May 15", "PTI"}));
  EXPECT_EQ(DatelineOf("Mumbai, May 15 (IANS) The"),
            (model::Dateline{"Mumbai", "", "May 15", "IANS"}));
  EXPECT_EQ(DatelineOf("WASHINGTON (AP) \xE2\x80\x94 The"),
            (model::Dateline{"WASHINGTON", "", "", "AP"}));
  EXPECT_EQ(DatelineOf("LONDON, May 15 (Reuters) - The"),
            (model::Dateline{"LONDON", "", "May 15", "Reuters"}));
  EXPECT_EQ(DatelineOf("BUENOS AIRES, Argentina (AP) _ For"),
            (model::Dateline{"BUENOS AIRES", "Argentina", "", "AP"}));
  EXPECT_EQ(DatelineOf("Berlin (dpa) - Negotiations"), (model::Dateline{"Berlin", "", "", "dpa"}));
}

TEST(Dateline, TakesTheLeadAfterTheDash) {
  std::string_view p = "LONDON, May 15 (Reuters) - Shares fell.";
  auto m = MatchDateline(p);
  ASSERT_TRUE(m);
  EXPECT_EQ(p.substr(m->length), "Shares fell.");
}

TEST(Dateline, ReadsAYearWhenGiven) {
  auto m = MatchDateline("PARIS, June 3, 2019 (AFP) - Text");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline.date, "June 3, 2019");
  EXPECT_EQ(m->year, 2019);
  EXPECT_EQ(m->month, 6);
  EXPECT_EQ(m->day, 3);
}

TEST(Dateline, IgnoresSentencesThatMerelyCiteAnAgency) {
  EXPECT_FALSE(MatchDateline("Shares rose sharply (Reuters) on Monday"));
  EXPECT_FALSE(MatchDateline("The United States and Russia have agreed"));
  EXPECT_FALSE(MatchDateline(""));
}

TEST(Dateline, DpaStyleNeedsCapitalisedPlaceAndHyphen) {
  std::string_view p = "Berlin (dpa) - Negotiations between German conservatives";
  auto m = MatchDateline(p, DatelineStyle::kDpa);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline, (model::Dateline{"Berlin", "", "", "dpa"}));
  EXPECT_EQ(p.substr(m->length), "Negotiations between German conservatives");
  EXPECT_EQ(m->month, 0);
  EXPECT_FALSE(MatchDateline("BERLIN (dpa) Negotiations", DatelineStyle::kDpa));
  EXPECT_FALSE(MatchDateline("LONDON, May 15 (Reuters) - x", DatelineStyle::kDpa));
  EXPECT_FALSE(MatchDateline("Berlin (dpa) _ x", DatelineStyle::kDpa));
}

TEST(Dateline, ApStyleNeedsCapitalPlaceAndUnderscore) {
  std::string_view p = "BUENOS AIRES, Argentina (AP) _ An Argentine beauty queen";
  auto m = MatchDateline(p, DatelineStyle::kAp);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dateline, (model::Dateline{"BUENOS AIRES", "Argentina", "", "AP"}));
  EXPECT_EQ(p.substr(m->length), "An Argentine beauty queen");
  EXPECT_TRUE(MatchDateline("WASHINGTON (AP) _ x", DatelineStyle::kAp));
  EXPECT_FALSE(MatchDateline("WASHINGTON (AP) - x", DatelineStyle::kAp));
  EXPECT_FALSE(MatchDateline("Washington (AP) _ x", DatelineStyle::kAp));
}

TEST(TrailingCredit, FindsTheAgencyClosingTheLastParagraph) {
  std::string_view p = "with Putin. (AFP)";
  auto c = MatchTrailingCredit(p, "AFP");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->agency, "AFP");
  EXPECT_EQ(p.substr(0, c->start), "with Putin.");
  EXPECT_TRUE(MatchTrailingCredit("end. (Reuters)", ""));
}

TEST(TrailingCredit, IgnoresOrdinaryParentheses) {
  EXPECT_FALSE(MatchTrailingCredit("he said (in French)", ""));
  EXPECT_FALSE(MatchTrailingCredit("the capital (Kyiv)", "AFP"));
  EXPECT_FALSE(MatchTrailingCredit("no parentheses", ""));
}

}  // namespace
}  // namespace wirepress::formats
