#include "formats/xml_sniff.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

TEST(RootElementName, SkipsPrologToTheRootsLocalName) {
  EXPECT_EQ(RootElementName("<nitf>"), "nitf");
  EXPECT_EQ(RootElementName("\xEF\xBB\xBF<?xml version='1.0'?>\n<!-- a > b -->\n"
                            "<!DOCTYPE nitf SYSTEM 'nitf.dtd'>\n<ns:nitf xmlns:ns='x'>"),
            "nitf");
  EXPECT_EQ(RootElementName("  <NewsML/>"), "NewsML");
}

TEST(RootElementName, EmptyWhenNotXml) {
  EXPECT_EQ(RootElementName(""), "");
  EXPECT_EQ(RootElementName("{\"a\": 1}"), "");
  EXPECT_EQ(RootElementName("<!-- never closed"), "");
  EXPECT_EQ(RootElementName("<?xml version='1.0'?> text"), "");
}

}  // namespace
}  // namespace wirepress::formats
