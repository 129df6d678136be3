#include "formats/diagnostic.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

TEST(Diagnostic, PointsAtLineAndColumnWithCaret) {
  std::string text = "<a>\n  <b>oops</c>\n</a>\n";
  Diagnostic d = DiagnosticAt("inbox/x.xml", text, text.find("</c>"), "mismatched end tag");
  EXPECT_EQ(d.ToString(),
            "inbox/x.xml:2:10: mismatched end tag\n"
            "  <b>oops</c>\n"
            "         ^");
}

TEST(Diagnostic, WithoutAPlaceIsSourceAndMessage) {
  Diagnostic d{"feed.xml", 0, 0, "no items", ""};
  EXPECT_EQ(d.ToString(), "feed.xml: no items");
}

TEST(Diagnostic, AtLineFindsTheLine) {
  Diagnostic d = DiagnosticAtLine("a.txt", "one\ntwo\nthree", 3, 2, "bad");
  EXPECT_EQ(d.ToString(), "a.txt:3:2: bad\nthree\n ^");
}

TEST(Diagnostic, CheckInputSizeNamesSizeAndLimit) {
  EXPECT_TRUE(CheckInputSize("a.xml", 10, 10, "a NITF document").ok());
  Status s = CheckInputSize("a.xml", 11, 10, "a NITF document");
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "a.xml: input is 11 bytes; a NITF document may have at most 10 bytes");
}

}  // namespace
}  // namespace wirepress::formats
