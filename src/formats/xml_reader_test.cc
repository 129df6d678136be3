#include "formats/xml_reader.h"

#include <gtest/gtest.h>

namespace wirepress::formats {
namespace {

TEST(XmlReader, MatchesElementsByLocalName) {
  std::vector<Diagnostic> w;
  auto doc = XmlDocument::Parse("t.xml",
                                "<nitf:nitf xmlns:nitf='x'><nitf:head><nitf:title>T &amp; "
                                "U</nitf:title></nitf:head></nitf:nitf>",
                                &w);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(Text(Path((*doc)->root(), {"head", "title"})), "T & U");
  EXPECT_TRUE(w.empty());
}

TEST(XmlReader, ErrorNamesFileLineColumn) {
  auto doc = XmlDocument::Parse("inbox/bad.xml", "", nullptr);
  ASSERT_FALSE(doc.ok());
  auto doc2 = XmlDocument::Parse("inbox/bad.xml", "not xml at all", nullptr);
  ASSERT_FALSE(doc2.ok());
  EXPECT_EQ(doc2.status().message(),
            "inbox/bad.xml:1:15: XML error: No document element found\nnot xml at all\n              ^");
}

TEST(XmlReader, RecoversTruncatedDocumentsWithAWarning) {
  std::vector<Diagnostic> w;
  auto doc = XmlDocument::Parse("cut.xml", "<a>\n<b>kept</b>\n<c>cut", &w);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(Text(Child((*doc)->root(), "b")), "kept");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].line, 3);
}

TEST(XmlReader, NeverExpandsEntitiesFromTheDtd) {
  // Billion laughs and an external entity: neither is expanded or fetched.
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&lol2;&xxe;</a>";
  std::vector<Diagnostic> w;
  auto doc = XmlDocument::Parse("bomb.xml", bomb, &w);
  ASSERT_TRUE(doc.ok());
  std::string text = Text((*doc)->root());
  EXPECT_EQ(text.find("root:"), std::string::npos);
  EXPECT_LT(text.size(), 32u);
}

TEST(XmlReader, DecodesLatin1Declared) {
  auto doc = XmlDocument::Parse(
      "l.xml", "<?xml version='1.0' encoding='ISO-8859-1'?><a>Z\xFCrich</a>", nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(Text((*doc)->root()), "Z\xC3\xBCrich");
}

TEST(XmlReader, InnerXmlDropsPrefixesAndNamespaces) {
  auto doc = XmlDocument::Parse(
      "b.xml", "<body xmlns:h='x'><h:p class=\"a\">One &amp; two</h:p></body>", nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(InnerXml((*doc)->root()), "<p class=\"a\">One &amp; two</p>");
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

TEST(XmlReader, RefusesNestingDeeperThan512) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  auto doc = XmlDocument::Parse("deep.xml", deep, nullptr);
  ASSERT_FALSE(doc.ok());
  const std::string m = doc.status().message();
  EXPECT_EQ(m.substr(0, m.find('\n')), "deep.xml:1:1541: elements nested more than 512 levels deep; refusing the document");
}

TEST(XmlReader, InnerXmlWritesEmptyVoidElementsSelfClosed) {
  auto doc = XmlDocument::Parse("b.xml", "<body><p>a<br/>b</p><hr></hr></body>", nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(InnerXml((*doc)->root()), "<p>a<br/>b</p><hr/>");
}

}  // namespace
}  // namespace wirepress::formats
