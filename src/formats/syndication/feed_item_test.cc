#include "formats/syndication/feed_item.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "base/strings.h"
#include "formats/html_sanitizer.h"

namespace wirepress::formats::syndication {
namespace {

std::unique_ptr<XmlDocument> ParseXml(std::string_view xml) {
  auto doc = XmlDocument::Parse("t.xml", xml, nullptr);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(*doc) : nullptr;
}

// Every element of the document, in document order.
void AddElements(pugi::xml_node node, std::vector<pugi::xml_node>* out) {
  if (node.type() != pugi::node_element) return;
  out->push_back(node);
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) AddElements(c, out);
}

std::vector<pugi::xml_node> Elements(pugi::xml_node root) {
  std::vector<pugi::xml_node> out;
  AddElements(root, &out);
  return out;
}

bool PointsInto(std::string_view view, const std::string& storage) {
  return !view.empty() && view.data() >= storage.data() &&
         view.data() < storage.data() + storage.size();
}

// TextView is Text without the copy: the same answer for every element,
// whichever path it takes.
TEST(FeedItem, TextViewIsTextForEveryShapeOfField) {
  auto doc = ParseXml(
      "<r>"
      "<a>plain</a>"
      "<a>  padded \t\r\n</a>"
      "<a>one space between</a>"
      "<a>two  spaces</a>"
      "<a>tab\tinside</a>"
      "<a>line\r\nbreak</a>"
      "<a>T &amp; U</a>"
      "<a>&amp;nbsp;raw</a>"
      "<a>&#160;nbsp around&#160;</a>"
      "<a>caf\xC3\xA9 \xC3\xA0 la carte</a>"
      "<a>\xC2\xA9 2024</a>"
      "<a><![CDATA[  cdata  text ]]></a>"
      "<a><![CDATA[<b>html</b>]]></a>"
      "<a>text<b>and child</b></a>"
      "<a>a<!-- comment -->b</a>"
      "<a><b/></a>"
      "<a></a>"
      "<a/>"
      "<a>   </a>"
      "<a>x</a>"
      "<a> x </a>"
      "</r>");
  ASSERT_NE(doc, nullptr);
  for (pugi::xml_node a : Elements(doc->root())) {
    std::string storage;
    EXPECT_EQ(TextView(a, &storage), Text(a)) << a.first_child().value();
    EXPECT_EQ(FastText(a), Text(a)) << a.first_child().value();
  }
  std::string storage;
  EXPECT_EQ(TextView(pugi::xml_node(), &storage), "");
}

// Fields longer than one 16-byte block, with one flaw (or none) at every
// position: the block skip and the byte loop must agree with Text.
TEST(FeedItem, TextViewIsTextWithAFlawAtEveryPosition) {
  const std::string base = "Plain words, one space apart, for more than three blocks long";
  const std::vector<std::string> flaws = {"  ", "\t", "\n", "\r\n", "&amp;", "&#160;",
                                          "\xC2\xA0", "\xC3\xA9", " \t", "x", " "};
  for (const std::string& flaw : flaws) {
    for (size_t at = 0; at <= base.size(); ++at) {
      std::string field = base.substr(0, at) + flaw + base.substr(at);
      std::string xml = "<r><a>" + field + "</a><a>  " + field + "  </a></r>";
      auto doc = ParseXml(xml);
      ASSERT_NE(doc, nullptr);
      for (pugi::xml_node a : Elements(doc->root())) {
        std::string storage;
        EXPECT_EQ(TextView(a, &storage), Text(a)) << field;
      }
    }
  }
}

TEST(FeedItem, TextViewReadsSimpleFieldsInPlace) {
  auto doc = ParseXml("<r><a> 2013-07-29 16:03:54 </a><b>x  y</b></r>");
  ASSERT_NE(doc, nullptr);
  std::string storage = "unchanged";
  std::string_view a = TextView(Child(doc->root(), "a"), &storage);
  EXPECT_EQ(a, "2013-07-29 16:03:54");
  EXPECT_EQ(storage, "unchanged");
  std::string_view b = TextView(Child(doc->root(), "b"), &storage);
  EXPECT_EQ(b, "x y");
  EXPECT_TRUE(PointsInto(b, storage));
}

TEST(FeedItem, RawTextViewIsRawText) {
  auto doc = ParseXml(
      "<r><a><![CDATA[<p>one\r\n two</p>]]></a><a>T &amp; U</a>"
      "<a>x<![CDATA[<y>]]>z</a><a>t<b>skipped</b>u</a><a><b>only</b></a><a/>"
      "<a><!-- only a comment --></a></r>");
  ASSERT_NE(doc, nullptr);
  for (pugi::xml_node a : Elements(doc->root())) {
    std::string storage;
    EXPECT_EQ(RawTextView(a, &storage), RawText(a));
  }
}

// NamespaceScope caches what the items' parent declares; declarations on
// an item or a field still win.
TEST(FeedItem, NamespaceScopeAgreesWithNamespaceOf) {
  auto doc = ParseXml(
      "<rss xmlns:dc='urn:dc' xmlns='urn:default' xmlns:wp='urn:wp:1.2'>"
      "<channel xmlns:m='urn:m'>"
      " <item><dc:a/><m:b/><c/><dc:d xmlns:dc='urn:own'/><dc:e/><x:f/><m:g/>"
      "  <wp:postmeta><wp:meta_key>k</wp:meta_key>"
      "   <wp:meta_value xmlns:wp='urn:inner'>v</wp:meta_value></wp:postmeta></item>"
      " <item xmlns:dc='urn:item-dc'><dc:a/><c other='1'/><wp:b/></item>"
      " <item xmlns='urn:item-default'><c/><dc:a/></item>"
      " <item rdf:about='x'><dc:a xml:lang='en'/></item>"
      "</channel>"
      "<item><m:b/><dc:a/><c/></item>"
      "</rss>");
  ASSERT_NE(doc, nullptr);
  NamespaceScope scope;
  for (pugi::xml_node item : Elements(doc->root())) {
    if (LocalName(item) != "item") continue;
    scope.Enter(item);
    for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      EXPECT_EQ(scope.OfChild(c), NamespaceOf(c)) << c.name();
    }
    for (pugi::xml_node e : Elements(item)) {
      EXPECT_EQ(scope.Of(e, item), NamespaceOf(e)) << e.name();
    }
  }
}

// AddCategory reads a label that needs no collapsing in place; every
// shape of label must still give CollapseWhitespace's answer.
TEST(FeedItem, AddCategoryNamesAreCollapsedLabels) {
  for (std::string_view label :
       {"World", "  padded \t\r\n", "one space between", "two  spaces", "tab\tinside",
        "line\r\nbreak", "T & U", "\xC2\xA0nbsp around\xC2\xA0", "caf\xC3\xA9 \xC3\xA0 la carte",
        "\xC2\xA9 2024", "a\xC2\xA0\xC2\xA0" "b", " ", "\v\f", "x \n", "ab c d e f g h i j k l m n o p"}) {
    model::Story tag, subject;
    AddCategory("term", label, {}, &tag);
    AddCategory("term", label, "section", &subject);
    std::string name = CollapseWhitespace(label);
    std::string shown = "\"" + std::string(label) + "\"";
    ASSERT_EQ(tag.keywords.size(), 1u) << shown;
    EXPECT_EQ(tag.keywords[0], name) << shown;
    ASSERT_EQ(subject.subjects.size(), 1u) << shown;
    EXPECT_EQ(subject.subjects[0].name, name) << shown;
    EXPECT_EQ(subject.subjects[0].code, "term") << shown;
  }
  // Without a label the trimmed term is the name; duplicates are dropped.
  model::Story s;
  AddCategory("  Sport  ", {}, {}, &s);
  AddCategory("Sport", "", "tag", &s);
  AddCategory("Sport  news", {}, "post_tag", &s);
  EXPECT_EQ(s.keywords, (std::vector<std::string>{"Sport", "Sport news"}));
  AddCategory(" \t", {}, {}, &s);
  EXPECT_EQ(s.keywords.size(), 2u);
}

TEST(FeedItem, XmlBaseBelowAppliesOnlyTheNodesOwnBase) {
  auto doc = ParseXml(
      "<feed xml:base='http://example.com/a/'><entry xml:base='b/'><content xml:base='c/'/>"
      "</entry><entry><content/></entry><entry xml:base='javascript:x'/></feed>");
  ASSERT_NE(doc, nullptr);
  for (std::string_view fallback : {"", "http://fallback.example/x/"}) {
    for (pugi::xml_node n : Elements(doc->root())) {
      if (n == doc->root()) continue;
      EXPECT_EQ(XmlBaseBelow(XmlBaseFor(n.parent(), fallback), n), XmlBaseFor(n, fallback))
          << n.name();
    }
  }
}

// The straightforward forms of the paragraph steps of FeedHtmlToBody (a
// lower-cased copy, CR turned into LF, Split into lines, a vector of
// chunks): the reference the copy-free ones must match.
std::string ReferenceBody(std::string_view html) {
  if (Trim(html).empty()) return {};
  static constexpr std::array<std::string_view, 14> kBlocks = {
      "p", "div", "br", "ul", "ol", "table", "blockquote", "pre",
      "h1", "h2", "h3", "h4", "h5", "h6"};
  std::string lower = AsciiLower(html);
  bool paragraphs = false;
  for (size_t pos = lower.find('<'); pos != std::string::npos; pos = lower.find('<', pos + 1)) {
    std::string_view rest = std::string_view(lower).substr(pos + 1);
    std::string_view name = rest.substr(0, rest.find_first_of(" \t\r\n/>"));
    if (std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end()) paragraphs = true;
  }
  std::string prepared(html);
  if (!paragraphs) {
    std::string text(html);
    std::replace(text.begin(), text.end(), '\r', '\n');
    bool blank_lines = text.find("\n\n") != std::string::npos;
    std::vector<std::string> chunks;
    std::string current;
    for (std::string_view line : Split(text, '\n')) {
      if (Trim(line).empty() || !blank_lines) {
        if (!Trim(current).empty()) chunks.push_back(current);
        current.clear();
        if (Trim(line).empty()) continue;
      }
      current += current.empty() ? std::string(Trim(line)) : "<br/>" + std::string(Trim(line));
    }
    if (!Trim(current).empty()) chunks.push_back(current);
    prepared.clear();
    for (const std::string& c : chunks) {
      bool block = StartsWithIgnoreCase(c, "<hr") || StartsWithIgnoreCase(c, "<figure") ||
                   StartsWithIgnoreCase(c, "<iframe");
      prepared += block ? c : "<p>" + c + "</p>";
    }
  }
  SanitizeOptions options;
  options.base_url = "http://example.com/";
  return SanitizeHtml(prepared, options);
}

TEST(FeedItem, FeedHtmlToBodyMakesParagraphsLikeTheReference) {
  const std::vector<std::string> inputs = {
      "one line",
      "line one\nline two",
      "para one\n\npara two",
      "para one\r\n\r\npara two\r\nsame para",
      "old mac\rlines\r\rnew para",
      "mixed\n\r\nbreaks\r",
      "  indented\t\n\t\n  \n trailing  ",
      "\xC2\xA0nbsp line\xC2\xA0\n\xC2\xA0\n next",
      "caf\xC3\xA9\n\nna\xC3\xAFve",
      "<HR>\n\ntext after rule",
      "<Figure><img src='a.jpg'/></Figure>\n\ncaption",
      "<iframe src='https://v.example/x'></iframe>\nnext",
      "<hr\n\nsplit tag",
      "<fig\nure>",
      "text with <P>markup</P>\n\nkept as it is",
      "<Br/>line\nline",
      "<H2>Title</H2>\nbody",
      "<blockquote>q</blockquote>",
      "<b>bold</b>\n\n<i>italic</i> &amp; more",
      "T &amp; U\n\n&lt;not a tag&gt;",
      "unclosed <b>bold\n\nnext",
      "\n\n\n",
      "",
      " ",
      "a",
      "a\n",
      "\na",
      "<",
      "x <",
  };
  for (const std::string& html : inputs) {
    EXPECT_EQ(FeedHtmlToBody(html, "http://example.com/"), ReferenceBody(html)) << html;
  }
}

}  // namespace
}  // namespace wirepress::formats::syndication
