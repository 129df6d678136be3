#include "formats/xml_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// LocalNameOf passes bytes above ':' with one compare and tells the rest
// apart: digits, '-', '.', non-ASCII, several colons, empty parts.
TEST(XmlReader, LocalNameOfTakesThePartAfterTheLastColon) {
  EXPECT_EQ(LocalNameOf(""), "");
  EXPECT_EQ(LocalNameOf("body"), "body");
  EXPECT_EQ(LocalNameOf("nitf:body"), "body");
  EXPECT_EQ(LocalNameOf("a:b:c"), "c");
  EXPECT_EQ(LocalNameOf("x:"), "");
  EXPECT_EQ(LocalNameOf(":y"), "y");
  EXPECT_EQ(LocalNameOf("ns-1.2:body.head-3"), "body.head-3");
  EXPECT_EQ(LocalNameOf("h1"), "h1");
  EXPECT_EQ(LocalNameOf("9:0"), "0");
  EXPECT_EQ(LocalNameOf("\xC3\xA9t\xC3\xA9:na\xC3\xAFve"), "na\xC3\xAFve");
  EXPECT_EQ(LocalNameOf("_a:_b"), "_b");
  // A name of unknown length is read up to its NUL only.
  const char buffer[] = {'p', ':', 'q', '\0', ':', 'r', '\0'};
  EXPECT_EQ(LocalNameOf(buffer), "q");
}

TEST(XmlReader, IsNullAnswersAsOperatorBool) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<a>t<b/></a>"));
  pugi::xml_node a = doc.document_element();
  for (pugi::xml_node n : {pugi::xml_node(), pugi::xml_node(doc), a, a.first_child(),
                           a.last_child(), a.last_child().next_sibling(), a.parent().parent(),
                           a.child("none")}) {
    EXPECT_EQ(IsNull(n), !n);
  }
  EXPECT_TRUE(IsNull(a.child("none")));
  EXPECT_FALSE(IsNull(a.first_child()));  // the text node
}

TEST(XmlReader, ChildIndexResolvesEachChildsNamespaceLikeItsScope) {
  auto doc = XmlDocument::Parse("ns.xml",
                                "<rss xmlns:dc='urn:dc' xmlns='urn:default'><channel xmlns:m='urn:m'>"
                                "<item><dc:a/><m:b/><c/><dc:d xmlns:dc='urn:own'/><dc:e/>"
                                "<x:f/><m:g/></item></channel></rss>",
                                nullptr);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ChildIndex item(Path((*doc)->root(), {"channel", "item"}));
  std::vector<std::string_view> uris;
  for (const ChildIndex::Entry& e : item) uris.push_back(item.NamespaceOf(e));
  EXPECT_EQ(uris, (std::vector<std::string_view>{"urn:dc", "urn:m", "urn:default", "urn:own",
                                                 "urn:dc", "", "urn:m"}));
}

TEST(XmlReader, NamespaceOfMatchesOnlyWholeDeclarations) {
  auto doc = XmlDocument::Parse("ns.xml",
                                "<r xmlns:dcx='urn:x' xmlnsdc='urn:y' xmlnsx='urn:z' xmlns:d='urn:d' "
                                "xmlns:dc='urn:dc' xmlns:dcterms='urn:t'><i><dc:a/><b/><dcterms:c "
                                "xmlns='urn:own'/><d:e/></i></r>",
                                nullptr);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ChildIndex item(Child((*doc)->root(), "i"));
  std::vector<std::string_view> uris;
  for (const ChildIndex::Entry& e : item) uris.push_back(item.NamespaceOf(e));
  EXPECT_EQ(uris, (std::vector<std::string_view>{"urn:dc", "", "urn:t", "urn:d"}));
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

// The root plus 512 nested elements below it is the deepest accepted.
std::string NestedA(int levels_below_root, std::string_view innermost) {
  std::string xml;
  for (int i = 0; i <= levels_below_root; ++i) xml += "<a>";
  xml += innermost;
  for (int i = 0; i <= levels_below_root; ++i) xml += "</a>";
  return xml;
}

TEST(XmlReader, AcceptsElementsNested512LevelsBelowTheRoot) {
  EXPECT_TRUE(XmlDocument::Parse("ok.xml", NestedA(512, ""), nullptr).ok());
}

TEST(XmlReader, RefusesAnElement513LevelsBelowTheRoot) {
  auto doc = XmlDocument::Parse("deep.xml", NestedA(513, ""), nullptr);
  ASSERT_FALSE(doc.ok());
  const std::string m = doc.status().message();
  EXPECT_EQ(m.substr(0, m.find('\n')),
            "deep.xml:1:1541: elements nested more than 512 levels deep; refusing the document");
}

TEST(XmlReader, CountsTextInsideTheDeepestElementAsALevel) {
  auto doc = XmlDocument::Parse("deep.xml", NestedA(512, "x"), nullptr);
  ASSERT_FALSE(doc.ok());
  const std::string m = doc.status().message();
  EXPECT_EQ(m.substr(0, m.find('\n')),
            "deep.xml:1:1540: elements nested more than 512 levels deep; refusing the document");
}

TEST(XmlReader, ReadsValidUtf8InPlaceAndParsesItsCopy) {
  const std::string xml = "<a>caf\xC3\xA9 <b>\xE2\x80\x94</b> \xF0\x9F\x93\xB0</a>";
  auto doc = XmlDocument::Parse("u.xml", xml, nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)->text().data(), xml.data());
  EXPECT_EQ(Text((*doc)->root()), "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0");
}

TEST(XmlReader, AcceptsManyShallowTagsAmongMultiByteText) {
  // More than 512 '<' but nothing deep: the count only decides whether
  // the tree is walked.
  std::string xml = "<a>";
  for (int i = 0; i < 600; ++i) xml += "<p>Z\xC3\xBCrich \xE2\x80\x94 <i>x</i></p>";
  xml += "</a>";
  auto doc = XmlDocument::Parse("wide.xml", xml, nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(Text(Child((*doc)->root(), "p")), "Z\xC3\xBCrich \xE2\x80\x94 x");
}

TEST(XmlReader, RefusesDeepNestingInTextThatIsNotUtf8) {
  // Decoded from Latin-1 first: the '<' are counted in the decoded text.
  auto doc = XmlDocument::Parse(
      "deep.xml", "<?xml version='1.0' encoding='ISO-8859-1'?>" + NestedA(513, "Z\xFCrich"),
      nullptr);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("nested more than 512 levels deep"), std::string::npos);
}

TEST(XmlReader, RefusesDeepNestingAfterAByteOrderMark) {
  auto doc = XmlDocument::Parse("deep.xml", "\xEF\xBB\xBF" + NestedA(513, ""), nullptr);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("nested more than 512 levels deep"), std::string::npos);
  auto ok = XmlDocument::Parse("ok.xml", "\xEF\xBB\xBF" + NestedA(512, ""), nullptr);
  EXPECT_TRUE(ok.ok());
}

TEST(NodeNestedDeeperThan, CountsTextNodesOnlyWhenAskedTo) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<r><a><b>x</b></a><c/></r>"));
  pugi::xml_node r = doc.document_element();
  EXPECT_EQ(NodeNestedDeeperThan(r, 1, NestingCount::kAllNodes).name(), std::string("b"));
  EXPECT_EQ(NodeNestedDeeperThan(r, 1, NestingCount::kElementsOnly).name(), std::string("b"));
  EXPECT_EQ(NodeNestedDeeperThan(r, 2, NestingCount::kAllNodes).value(), std::string("x"));
  EXPECT_FALSE(NodeNestedDeeperThan(r, 2, NestingCount::kElementsOnly));
  EXPECT_FALSE(NodeNestedDeeperThan(r, 3, NestingCount::kAllNodes));
}

TEST(NodeNestedDeeperThan, StaysInsideTheRootsSubtree) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<r><a/><b><c><d/></c></b></r>"));
  EXPECT_FALSE(NodeNestedDeeperThan(doc.document_element().child("a"), 0,
                                    NestingCount::kAllNodes));
  EXPECT_FALSE(NodeNestedDeeperThan(pugi::xml_node(), 0, NestingCount::kAllNodes));
}

TEST(XmlReader, SubtreeNestingBoundCountsOnlyTheSubtreesText) {
  // a's text, up to where c starts, holds 3 start tags (<b, <b, and the '<'
  // of <c, last in the range); the 3 after it must not count for a.
  auto doc = XmlDocument::Parse("t.xml", "<r><a><b/><b/></a><c><d/><d/><d/></c></r>", nullptr);
  ASSERT_TRUE(doc.ok());
  pugi::xml_node a = Child((*doc)->root(), "a");
  pugi::xml_node c = Child((*doc)->root(), "c");
  EXPECT_FALSE((*doc)->SubtreeCouldNestDeeperThan(a, 3));
  EXPECT_TRUE((*doc)->SubtreeCouldNestDeeperThan(a, 2));
  // c is the last child: its text runs to the end (<d x3; </c, </r open
  // nothing).
  EXPECT_FALSE((*doc)->SubtreeCouldNestDeeperThan(c, 3));
  EXPECT_TRUE((*doc)->SubtreeCouldNestDeeperThan(c, 2));
}

TEST(XmlReader, SubtreeNestingBoundSkipsEndTagsInLongText) {
  // Past the 16-byte steps, with every "</" once split across two steps:
  // 40 elements, 80 '<'.
  for (int pad = 0; pad < 16; ++pad) {
    std::string xml = "<r><a>" + std::string(static_cast<size_t>(pad), ' ');
    for (int i = 0; i < 40; ++i) xml += "<p>x</p>";
    xml += "</a></r>";
    auto doc = XmlDocument::Parse("t.xml", xml, nullptr);
    ASSERT_TRUE(doc.ok());
    pugi::xml_node a = Child((*doc)->root(), "a");
    EXPECT_FALSE((*doc)->SubtreeCouldNestDeeperThan(a, 40)) << pad;
    EXPECT_TRUE((*doc)->SubtreeCouldNestDeeperThan(a, 39)) << pad;
  }
}

TEST(XmlReader, SubtreeNestingBoundKnowsASmallDocumentAtOnce) {
  // 5 and 6 '<' in all: no subtree can hold more, decoded from Latin-1 or
  // not. Below that, a's one start tag decides.
  for (std::string xml : {std::string("<r><a><b/></a></r>"),
                          std::string("<?xml version='1.0' encoding='ISO-8859-1'?><r><a>\xE9<b/></a></r>")}) {
    auto doc = XmlDocument::Parse("t.xml", xml, nullptr);
    ASSERT_TRUE(doc.ok());
    pugi::xml_node a = Child((*doc)->root(), "a");
    EXPECT_FALSE((*doc)->SubtreeCouldNestDeeperThan(a, 6));
    EXPECT_FALSE((*doc)->SubtreeCouldNestDeeperThan(a, 2));
    EXPECT_TRUE((*doc)->SubtreeCouldNestDeeperThan(a, 0));
    EXPECT_TRUE((*doc)->SubtreeCouldNestDeeperThan(pugi::xml_node(), 6));
  }
}

TEST(XmlReader, SubtreeNestingBoundIsUnknownForAnEmptyNode) {
  auto doc = XmlDocument::Parse("t.xml", "<r/>", nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE((*doc)->SubtreeCouldNestDeeperThan(pugi::xml_node(), 100));
}

TEST(ChildIndex, FindsElementChildrenByLocalNameInDocumentOrder) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<r>text<x:a n='1'/><!--c--><b/><a n='2'/></r>"));
  ChildIndex index(doc.document_element());
  EXPECT_EQ(index.parent(), doc.document_element());
  EXPECT_EQ(std::string(index.First("a").attribute("n").value()), "1");
  EXPECT_FALSE(index.First("c"));
  std::vector<std::string> seen;
  for (const ChildIndex::Entry& e : index) seen.push_back(std::string(e.local_name));
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "a"}));
  ChildIndex empty{pugi::xml_node()};
  EXPECT_EQ(empty.begin(), empty.end());
}

TEST(XmlReader, InnerXmlWritesEmptyVoidElementsSelfClosed) {
  auto doc = XmlDocument::Parse("b.xml", "<body><p>a<br/>b</p><hr></hr></body>", nullptr);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(InnerXml((*doc)->root()), "<p>a<br/>b</p><hr/>");
}

}  // namespace
}  // namespace wirepress::formats
