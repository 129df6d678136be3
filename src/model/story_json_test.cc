#include "model/story_json.h"

#include <gtest/gtest.h>

namespace wirepress::model {
namespace {

TEST(StoryJson, RoundTripsEveryField) {
  Story s;
  s.uri = "urn:newsml:afp.com:20190515:abc";
  s.version = "2";
  s.signals = Signal::kUpdate | Signal::kCorrection;
  s.urgency = 3;
  s.headline = "Pompeo Says Agreed with Putin on Syria Progress";
  s.byline = "By A. Reporter";
  s.located = "Sochi";
  s.firstcreated = Timestamp{1557900000};
  s.versioncreated = Timestamp{1557900600};
  s.embargoed = Timestamp{1557901000};
  s.language = "en";
  s.subjects = {{"medtop:11000000", "politics", "medtop"}};
  s.keywords = {"Syria", "Russia"};
  s.description_text = "Lead.";
  s.body_html = "<p>Lead.</p>";
  s.correction_note = "Fixes a name.";
  s.agency = "AFP";
  s.dateline = {"Sochi", "Russia", "May 15", "AFP"};
  s.pictures = {{"/img/a.jpg", "Caption", "AFP", "image/jpeg", 800, 600}};
  s.source = "inbox/a.txt";
  s.format = "plain-text";
  auto back = StoryFromJson(StoryToJson(s));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, s);
}

TEST(StoryJson, UsesNinjsKeys) {
  Story s;
  s.uri = "u";
  s.headline = "H";
  s.firstcreated = Timestamp{0};
  EXPECT_EQ(StoryToJson(s),
            R"({"firstcreated":"1970-01-01T00:00:00Z","headline":"H","pubstatus":"usable","type":"text","uri":"u"})");
}

TEST(StoryJson, BadTimeNamesTheKey) {
  auto r = StoryFromJson(R"({"uri":"u","firstcreated":"soon"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "story json: key 'firstcreated': not an ISO 8601 time: soon");
}

TEST(StoryJson, InvalidUtf8BecomesReplacementChar) {
  Story s;
  s.headline = "caf\xE9";
  EXPECT_NE(StoryToJson(s).find("caf\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace wirepress::model
