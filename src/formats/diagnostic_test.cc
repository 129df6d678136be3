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

}  // namespace
}  // namespace wirepress::formats
