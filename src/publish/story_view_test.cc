#include "publish/story_view.h"

#include <gtest/gtest.h>

namespace wirepress::publish {
namespace {

model::Story Pompeo() {
  model::Story s;
  s.headline = "Pompeo Says Agreed with Putin on Syria Progress";
  s.agency = "AFP";
  s.dateline = {"Sochi", "Russia", "May 15", "AFP"};
  s.description_text = "The United States and Russia have agreed.";
  s.body_html = "<p>The United States and Russia have agreed.</p><p>Second.</p>";
  return s;
}

TEST(StoryView, DatelineText) {
  EXPECT_EQ(DatelineText(Pompeo()), "Sochi (Russia), May 15 (AFP)");
  model::Story s = Pompeo();
  s.dateline = {"Paris", "", "", ""};
  EXPECT_EQ(DatelineText(s), "Paris (AFP)");  // the credit agency fills in
  s.dateline = {};
  EXPECT_EQ(DatelineText(s), "");
}

TEST(StoryView, LeadRepeatsDescriptionAlsoBehindADateline) {
  model::Story s = Pompeo();
  EXPECT_TRUE(LeadRepeatsDescription(s));
  s.body_html = "<p>SOCHI, Russia (AFP) &mdash; The United States and Russia have agreed.</p>";
  EXPECT_TRUE(LeadRepeatsDescription(s));
  s.body_html = "<p class=\"x\">Something  else\n entirely.</p>";
  EXPECT_FALSE(LeadRepeatsDescription(s));
  s.description_text = "";
  EXPECT_TRUE(LeadRepeatsDescription(s));  // nothing to print twice
}

TEST(StoryView, FirstParagraphTextDecodesAndStripsMarkup) {
  EXPECT_EQ(FirstParagraphText("<h2>x</h2><p>A &amp; <b>B</b>&#8212;C&#x21;</p><p>no</p>"),
            "A & B \xE2\x80\x94" "C!");
  EXPECT_EQ(FirstParagraphText("<pre>no paragraph</pre>"), "");
}

TEST(StoryView, BodyWithDatelineLeadsTheFirstParagraphOnce) {
  model::Story s = Pompeo();
  EXPECT_EQ(BodyWithDateline(s),
            "<p><span class=\"dateline\">Sochi (Russia), May 15 (AFP)</span> The United States "
            "and Russia have agreed.</p><p>Second.</p>");
  s.body_html = "<p>SOCHI, Russia (AFP) - Text.</p>";
  EXPECT_EQ(BodyWithDateline(s), s.body_html);  // the agency already wrote it
  s.body_html = "<ul><li>Only a list</li></ul>";
  EXPECT_EQ(BodyWithDateline(s),
            "<p><span class=\"dateline\">Sochi (Russia), May 15 (AFP)</span> </p><ul><li>Only a "
            "list</li></ul>");
}

TEST(StoryView, ChooseImagePrefersStoryThenTagThenSectionThenAny) {
  SiteConfig config;
  config.images = {{"/any.svg", "Any", "", "", 1, 1},
                   {"/world.svg", "World", "world", "", 1, 1},
                   {"/syria.svg", "Syria", "", "syria", 1, 1}};
  store::StoryRecord r;
  r.section = "world";
  r.story = Pompeo();
  EXPECT_EQ(ChooseImage(r, config)->href, "/world.svg");
  r.story.keywords = {"Syria"};
  EXPECT_EQ(ChooseImage(r, config)->href, "/syria.svg");
  r.section = "sports";
  r.story.keywords.clear();
  EXPECT_EQ(ChooseImage(r, config)->href, "/any.svg");
  r.story.pictures = {{" ", "", "", "", 0, 0}, {"https://x/p.jpg", "Cap", "", "", 0, 0}};
  EXPECT_EQ(ChooseImage(r, config)->href, "https://x/p.jpg");
  r.story.pictures.clear();
  config.images.clear();
  EXPECT_FALSE(ChooseImage(r, config));
}

TEST(StoryView, DisclaimerPerAgencyElseSite) {
  SiteConfig config;
  config.name = "Wire Daily";
  config.disclaimer = "From {agency} via {site}.";
  config.agencies["REUTERS"] = AgencyConfig{"Reuters", "", "Reuters text for {site}.", false};
  model::Story s = Pompeo();
  EXPECT_EQ(Disclaimer(config, s), "From AFP via Wire Daily.");
  s.agency = "Reuters";
  EXPECT_EQ(Disclaimer(config, s), "Reuters text for Wire Daily.");
}

TEST(StoryView, TextDirectionAndTags) {
  EXPECT_EQ(TextDirection("ar"), "rtl");
  EXPECT_EQ(TextDirection("he-IL"), "rtl");
  EXPECT_EQ(TextDirection("fa_IR"), "rtl");
  EXPECT_EQ(TextDirection("ur"), "rtl");
  EXPECT_EQ(TextDirection("en"), "ltr");
  EXPECT_EQ(TextDirection(""), "ltr");
  model::Story s;
  s.keywords = {"Syria", " syria ", "", "Vladimir Putin"};
  EXPECT_EQ(StoryTags(s), (std::vector<std::string>{"Syria", "Vladimir Putin"}));
}

}  // namespace
}  // namespace wirepress::publish
