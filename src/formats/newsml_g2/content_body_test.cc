#include "formats/newsml_g2/content_body.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/xml_reader.h"

namespace wirepress::formats::newsml_g2 {
namespace {

// Parses `xml` and reads the body of its root <contentSet>; the markup
// nodes die with the document, so they are serialised after html (as the
// sanitizer reads them) and cleared.
ContentBody Read(const std::string& xml) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(xml.c_str()));
  ContentBody b = ReadContentBody(doc.document_element());
  for (pugi::xml_node m : b.markup) b.html += InnerXml(m);
  b.markup.clear();
  return b;
}

TEST(ContentBody, KeepsNitfHeadAsHeadingAndBylineParagraph) {
  ContentBody b = Read(
      "<contentSet><inlineXML><nitf><body><body.head>"
      "<hedline><hl1>Fed holds</hl1><hl2>Rates unchanged</hl2></hedline>"
      "<byline>By<person>Ann Lee</person><byttl>Staff</byttl></byline>"
      "<abstract>Short version.</abstract></body.head>"
      "<body.content><block><p>First.</p></block></body.content>"
      "</body></nitf></inlineXML></contentSet>");
  EXPECT_EQ(b.html,
            "<h2>Fed holds</h2><h3>Rates unchanged</h3><p>By Ann Lee Staff</p>"
            "<block><p>First.</p></block>");
  EXPECT_EQ(b.headline, "Fed holds");
  EXPECT_EQ(b.byline, "By Ann Lee Staff");
  EXPECT_EQ(b.abstract, "Short version.");
}

TEST(ContentBody, FallsBackToNitfTitleForHeadline) {
  ContentBody b = Read(
      "<contentSet><inlineXML><nitf><head><title>The title</title></head>"
      "<body><body.content><p>x</p></body.content></body></nitf></inlineXML></contentSet>");
  EXPECT_EQ(b.headline, "The title");
}

TEST(ContentBody, ReadsXhtmlBodyWithoutHead) {
  ContentBody b = Read(
      "<contentSet><inlineXML><html xmlns='http://www.w3.org/1999/xhtml'>"
      "<head><title>T</title></head><body><p>One</p></body></html></inlineXML></contentSet>");
  EXPECT_EQ(b.html, "<p>One</p>");
}

TEST(ContentBody, SkipsEmptyRenditionForInlineData) {
  ContentBody b = Read(
      "<contentSet><inlineXML><html><body><p/></body></html></inlineXML>"
      "<inlineData contenttype='text/plain'>Line one.\n\nLine two.</inlineData></contentSet>");
  EXPECT_EQ(b.html, "<p>Line one.</p><p>Line two.</p>");
}

TEST(ContentBody, PrefersAnyInlineXmlWithTextToInlineData) {
  ContentBody b = Read(
      "<contentSet><inlineData contenttype='text/plain'>Data.</inlineData>"
      "<remoteContent href='http://x/a.jpg'/><inlineXML><html><body><p> </p></body></html>"
      "</inlineXML><x:inlineXML><html><body><p>Markup.</p></body></html></x:inlineXML>"
      "</contentSet>");
  EXPECT_EQ(b.html, "<p>Markup.</p>");
}

TEST(ContentBody, ReadsTheFirstInlineDataWithText) {
  ContentBody b = Read(
      "<contentSet><inlineData contenttype='text/plain'> </inlineData>"
      "<inlineXML><html><body/></html></inlineXML>"
      "<inlineData contenttype='text/plain'>Second.</inlineData>"
      "<inlineData contenttype='text/plain'>Third.</inlineData></contentSet>");
  EXPECT_EQ(b.html, "<p>Second.</p>");
}

TEST(ContentBody, SplitsTaggedPlainTextOnItsIndentedLines) {
  // ANSA: text/plain, but the text sits in a <p> in CDATA.
  ContentBody b = Read(
      "<contentSet><inlineData contenttype='text/plain'><![CDATA[<p>\n\n"
      "  (ANSA) - Rome - First\nline.\n   Second &amp; last.\n</p>]]></inlineData></contentSet>");
  EXPECT_EQ(b.html, "<p>(ANSA) - Rome - First line.</p><p>Second &amp; last.</p>");
}

TEST(ContentBody, KeepsHtmlInlineDataAsHtml) {
  ContentBody b = Read(
      "<contentSet><inlineData contenttype='text/html'>&lt;p&gt;Hi&lt;/p&gt;</inlineData>"
      "</contentSet>");
  EXPECT_EQ(b.html, "<p>Hi</p>");
}

TEST(ContentBody, ReportsBodiesNestedTooDeeply) {
  std::string xml = "<contentSet><inlineXML>";
  for (int i = 0; i < kMaxBodyDepth + 5; ++i) xml += "<div>";
  xml += "x";
  for (int i = 0; i < kMaxBodyDepth + 5; ++i) xml += "</div>";
  xml += "</inlineXML></contentSet>";
  ContentBody b = Read(xml);
  EXPECT_TRUE(b.too_deep);
  EXPECT_EQ(b.html, "");
}

// inlineXML's children are level 1; text does not count as a level.
std::string NestedDivs(int levels) {
  std::string xml = "<contentSet><inlineXML>";
  for (int i = 0; i < levels; ++i) xml += "<div>";
  xml += "x";
  for (int i = 0; i < levels; ++i) xml += "</div>";
  return xml + "</inlineXML></contentSet>";
}

TEST(ContentBody, AcceptsBodiesNestedExactlyToTheLimit) {
  ContentBody b = Read(NestedDivs(kMaxBodyDepth));
  EXPECT_FALSE(b.too_deep);
  EXPECT_NE(b.html.find(">x<"), std::string::npos);
}

TEST(ContentBody, RefusesTheFirstElementBeyondTheLimit) {
  std::string xml = NestedDivs(kMaxBodyDepth + 1);
  pugi::xml_document doc;  // too_deep points into it
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  ContentBody b = ReadContentBody(doc.document_element());
  ASSERT_TRUE(b.too_deep);
  EXPECT_EQ(b.too_deep.offset_debug(), 23 + 5 * kMaxBodyDepth + 1);
  EXPECT_FALSE(b.too_deep.first_child().first_child());  // the innermost div
}

TEST(ContentBody, KeepsXhtmlAsParsedMarkup) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(
      "<contentSet><inlineXML><html><body><p>One</p></body></html></inlineXML></contentSet>"));
  ContentBody b = ReadContentBody(doc.document_element());
  EXPECT_EQ(b.html, "");
  ASSERT_EQ(b.markup.size(), 1u);
  EXPECT_STREQ(b.markup[0].name(), "body");
}

TEST(ContentBody, KeepsANitfHeadAfterTheContentInDocumentOrder) {
  ContentBody b = Read(
      "<contentSet><inlineXML><nitf><body><body.content><p>Text.</p></body.content>"
      "<body.head><hedline><hl1>Late head</hl1></hedline></body.head>"
      "<body.end><p>End.</p></body.end></body></nitf></inlineXML></contentSet>");
  EXPECT_EQ(b.html, "<p>Text.</p><h2>Late head</h2><p>End.</p>");
}

TEST(ContentBody, SkipsMarkupRenditionsWithOnlyBlankText) {
  ContentBody b = Read(
      "<contentSet><inlineXML><html><body><p> </p><br/></body></html></inlineXML>"
      "<inlineXML><html><body><p>&amp;#32;</p></body></html></inlineXML>"
      "<inlineXML><html><body><p>Real</p></body></html></inlineXML></contentSet>");
  EXPECT_EQ(b.html, "<p>Real</p>");
}

TEST(ContentBody, IsEmptyWithoutContentSet) {
  EXPECT_EQ(ReadContentBody(pugi::xml_node()).html, "");
}

}  // namespace
}  // namespace wirepress::formats::newsml_g2
