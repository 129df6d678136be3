#include "formats/json_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/json_reader_nlohmann.h"

namespace wirepress::formats {
namespace {

Result<Json> Load(std::string_view text, const JsonLimits& limits = {}) {
  return LoadJson(Input{"in.json", text, ""}, text, limits);
}

TEST(JsonReader, LoadsObjectsInDocumentOrder) {
  auto r = Load(R"({"b": 1, "a": 2})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->begin().key(), "b");
}

TEST(JsonReader, SyntaxErrorPointsAtLineAndColumn) {
  auto r = Load("{\n  \"a\": }\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in.json:2:8: invalid JSON: syntax error while parsing value - unexpected '}'; "
            "expected '[', '{', or a literal\n"
            "  \"a\": }\n"
            "       ^");
}

TEST(JsonReader, RefusesNestingDeeperThanTheLimit) {
  JsonLimits limits;
  limits.max_depth = 2;
  auto r = Load("[[[1]]]", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "in.json:1:3: JSON nested deeper than 2 levels\n[[[1]]]\n  ^");
  EXPECT_TRUE(Load("[[1]]", limits).ok());
}

TEST(JsonReader, BracketsInsideStringsDoNotCountAsNesting) {
  EXPECT_EQ(JsonTooDeepAt(R"(["[[[\"[[["])", 1), std::string_view::npos);
  EXPECT_EQ(JsonTooDeepAt("[[", 1), 1u);
}

TEST(JsonReader, RefusesInputOverTheSizeLimit) {
  JsonLimits limits;
  limits.max_bytes = 3;
  auto r = Load("[1,2]", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "in.json: input is 5 bytes; JSON input is limited to 3 bytes");
  limits.too_large = [](size_t bytes, size_t limit) {
    return std::to_string(bytes) + ">" + std::to_string(limit);
  };
  EXPECT_EQ(Load("[1,2]", limits).status().message(), "in.json: 5>3");
}

TEST(JsonReader, MemberLookupExactOrIgnoringCase) {
  auto r = Load(R"({"versionCreated": "x", "n": 7, "f": 1.5, "l": [1], "o": {}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Member(*r, "versioncreated"), nullptr);
  EXPECT_EQ(Str(*r, "versioncreated", KeyMatch::kIgnoreCase), "x");
  EXPECT_EQ(Str(*r, "n"), "7");
  EXPECT_EQ(Str(*r, "f"), "");
  EXPECT_EQ(Str(*r, "missing"), "");
  EXPECT_EQ(Array(*r, "l").size(), 1u);
  EXPECT_TRUE(Array(*r, "o").is_array());
  EXPECT_TRUE(Object(*r, "o").is_object());
  EXPECT_TRUE(Object(*r, "l").empty());
  EXPECT_EQ(Member(Json::array(), "a"), nullptr);
}

TEST(JsonReader, IsoTimeMemberWarnsAboutBadDatesAndMissingZones) {
  auto r = Load(R"({"a": "2024-05-01T10:00:00Z", "b": "yesterday", "c": "2024-05-01T10:00:00"})");
  ASSERT_TRUE(r.ok());
  std::vector<Diagnostic> warnings;
  EXPECT_EQ(IsoTimeMember(*r, "A", KeyMatch::kIgnoreCase, "in.json", &warnings),
            ParseIso8601("2024-05-01T10:00:00Z"));
  EXPECT_FALSE(IsoTimeMember(*r, "missing", KeyMatch::kExact, "in.json", &warnings));
  EXPECT_TRUE(warnings.empty());
  EXPECT_FALSE(IsoTimeMember(*r, "b", KeyMatch::kExact, "in.json", &warnings));
  EXPECT_EQ(IsoTimeMember(*r, "c", KeyMatch::kExact, "in.json", &warnings),
            ParseIso8601("2024-05-01T10:00:00Z"));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].ToString(), "in.json: b \"yesterday\" is not an ISO 8601 date; ignored");
  EXPECT_EQ(warnings[1].ToString(),
            "in.json: c \"2024-05-01T10:00:00\" has no time zone; taken as UTC");
}

TEST(JsonReader, SniffHelpersWorkOnRawBytes) {
  EXPECT_EQ(SkipJsonSpace("\xEF\xBB\xBF \n{"), "{");
  EXPECT_EQ(SkipJsonSpace("  "), "");
  EXPECT_TRUE(HasJsonKey(R"({"uri" : 1})", "uri"));
  EXPECT_FALSE(HasJsonKey(R"({"x": "uri"})", "uri"));
  EXPECT_EQ(FirstJsonTokenOffset("  \n[]"), 3u);
  EXPECT_EQ(FirstJsonTokenOffset("   "), 0u);
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

// Found by ap_media_fuzzer: nlohmann throws out_of_range (not parse_error)
// for a number it cannot hold, which escaped and terminated the process.
TEST(JsonReader, NumberOverflowIsAnErrorNotACrash) {
  std::string text = "{\"a\": 8e3055}";
  auto r = LoadJson(Input{"feed.json", text, {}}, text, JsonLimits{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "feed.json: invalid JSON: number overflow parsing '8e3055'");
}

}  // namespace
}  // namespace wirepress::formats
