#include "model/story_json.h"

#include <gtest/gtest.h>

namespace wirepress::model {
namespace {

TEST(StoryJson, RoundTripsEveryField) {
  Story s;
  s.uri = "urn:newsml:afp.com:20190515:abc:2";
  s.key = "urn:newsml:afp.com:20190515:abc";
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

// Every field set, including the optional ones written only when set, and
// text that needs each kind of escape.
Story EveryField() {
  Story s;
  s.uri = "urn:newsml:afp.com:20190515:abc:2";
  s.key = "urn:newsml:afp.com:20190515:abc";
  s.version = "2";
  s.type = "text";
  s.pubstatus = PubStatus::kCanceled;
  s.signals = Signal::kUpdate | Signal::kKill;
  s.urgency = 1;
  s.headline = "Quote \" backslash \\ tab \t nl \n cr \r bs \b ff \f nul-ish \x01\x1f del \x7f";
  s.slugline = "SYRIA-TALKS";
  s.byline = "By \xc3\xa9l\xc3\xa8ve \xe2\x80\x94 \xf0\x9f\x93\xb0";
  s.located = "Sochi";
  s.firstcreated = Timestamp{1557900000};
  s.versioncreated = Timestamp{1557900600};
  s.embargoed = Timestamp{1557901000};
  s.language = "ar";
  s.subjects = {{"medtop:11000000", "politics", "medtop"}, {"x", "", ""}};
  s.keywords = {"Syria", "", "Ru\"ssia"};
  s.description_text = "Lead.";
  s.body_html = "<p class=\"x\">Lead &amp; more.</p>";
  s.correction_note = "Fixes a name.";
  s.agency = "AFP";
  s.dateline = {"", "", "May 15", ""};
  s.pictures = {{"/img/a.jpg", "Caption", "AFP", "image/jpeg", 800, 600},
                {"/img/b.jpg", "", "", "", 0, 0}};
  s.source = "inbox/a.txt";
  s.format = "plain-text";
  return s;
}

TEST(StoryJson, WritesTheSameBytesAsTheReferenceSerialiser) {
  Story full = EveryField();
  EXPECT_EQ(StoryToJson(full), StoryToJsonForTest(full));
  EXPECT_EQ(StoryToJson(Story{}), StoryToJsonForTest(Story{}));
  Story partial;
  partial.uri = "u";
  partial.dateline.place = "Sochi";
  partial.urgency = 9;
  partial.keywords = {"k"};
  EXPECT_EQ(StoryToJson(partial), StoryToJsonForTest(partial));
  auto back = StoryFromJson(StoryToJson(full));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, full);
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
  s.headline = "ok";
  s.keywords = {"bad\xff"};
  EXPECT_EQ(StoryToJson(s), StoryToJsonForTest(s));
  EXPECT_NE(StoryToJson(s).find("bad\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace wirepress::model
