#include "formats/html_sanitizer.h"

#include <gtest/gtest.h>

#include "base/strings.h"
#include "formats/xml_reader.h"

namespace wirepress::formats {
namespace {

TEST(HtmlSanitizer, KeepsParagraphsAndSimpleMarkup) {
  EXPECT_EQ(SanitizeHtml("<p>A <b>bold</b> and <em>it</em>.</p><p>Two</p>"),
            "<p>A <b>bold</b> and <em>it</em>.</p><p>Two</p>");
}

TEST(HtmlSanitizer, DropsScriptsStylesAndFramesWithTheirContent) {
  EXPECT_EQ(SanitizeHtml("<p>x</p><script>alert(1)</script><style>p{}</style>"
                         "<iframe src=\"http://e\">f</iframe><object>o</object><embed src=x>"),
            "<p>x</p>");
}

TEST(HtmlSanitizer, RemovesEventHandlersAndStyleAttributes) {
  EXPECT_EQ(SanitizeHtml("<p onclick=\"x()\" style=\"color:red\" class=\"c\">t</p>"
                         "<img src=\"http://i/a.jpg\" onerror=\"x()\" alt=\"a\">"),
            "<p>t</p><p><img src=\"http://i/a.jpg\" alt=\"a\"></p>");
}

TEST(HtmlSanitizer, ReadsVoidElementsWrittenTheHtmlWay) {
  EXPECT_EQ(SanitizeHtml("<p>one<br>two<BR >three</p><hr><p>"
                         "<img src=\"http://i/a.jpg\" alt='a > b' onerror=\"x()\">x</p>"),
            "<p>one<br>two<br>three</p><hr><p><img src=\"http://i/a.jpg\" alt=\"a &gt; b\">x</p>");
  EXPECT_EQ(SanitizeHtml("<p>a<br></br>b<embed src=x>c</p>"), "<p>a<br><br>bc</p>");
}

// Parsed XHTML (a NewsML-G2 body) is written from the tree: the same rules
// as for its serialised text, prefixes and xmlns attributes dropped.
TEST(HtmlSanitizer, SanitizesParsedXhtmlLikeItsSerialisedText) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(
      "<body xmlns:h='x'><h:p class='c' onclick='x()'>One &amp; <h:b>two</h:b>"
      "<h:script>bad()</h:script></h:p><h:a href='javascript:x' xmlns:href='http://e/'>l</h:a>"
      "<h:br/>tail &amp;nbsp;<h:img src='/i.jpg' onerror='x()'/></body>"));
  pugi::xml_node body = doc.document_element();
  SanitizeOptions o;
  o.base_url = "https://wire.example/a/b.xml";
  const std::string want =
      "<p>One &amp; <b>two</b></p><p><a>l</a></p><p>tail \u00a0"
      "<img src=\"https://wire.example/i.jpg\"></p>";
  EXPECT_EQ(SanitizeXmlChildren({body}, o), want);
  EXPECT_EQ(SanitizeHtml(InnerXml(body), o), want);
}

TEST(HtmlSanitizer, WritesSeveralParsedParentsAsOneSequence) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<r><c>one <i>x</i></c><e>two<p>three</p></e></r>"));
  pugi::xml_node r = doc.document_element();
  EXPECT_EQ(SanitizeXmlChildren({r.child("c"), r.child("e")}),
            "<p>one <i>x</i>two</p><p>three</p>");
}

TEST(HtmlSanitizer, ReadsCdataInParsedXhtmlAsHtml) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<body><p>x</p><![CDATA[<p>y<script>z()</script></p>]]></body>"));
  EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}), "<p>x</p><p>y</p>");
}

TEST(HtmlSanitizer, FlattensParsedXmlNestedBeyondItsDepthLimit) {
  std::string deep = "<r>";
  for (int i = 0; i < 100000; ++i) deep += "<div><b>";
  deep += "x<script>alert(1)</script>";
  for (int i = 0; i < 100000; ++i) deep += "</b></div>";
  deep += "</r>";
  pugi::xml_document doc;  // pugixml itself is not depth-limited
  ASSERT_TRUE(doc.load_string(deep.c_str()));
  EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}), "<p>x alert(1)</p>");
}

TEST(HtmlSanitizer, RejectsDangerousUrlSchemesHoweverDisguised) {
  for (const char* href : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:x",
                           "&#106;avascript:x", "vbscript:x", "data:text/html;base64,xx"}) {
    std::string out = SanitizeHtml(std::string("<a href=\"") + href + "\">t</a>");
    EXPECT_EQ(out, "<p><a>t</a></p>") << href;
  }
}

TEST(HtmlSanitizer, ResolvesRelativeUrlsAgainstTheBase) {
  SanitizeOptions o;
  o.base_url = "https://wire.example/news/world/item.html";
  EXPECT_EQ(SanitizeHtml("<a href=\"../img/a.jpg\">a</a> <a href=\"/x\">b</a>", o),
            "<p><a href=\"https://wire.example/news/img/a.jpg\" rel=\"nofollow noopener\">a</a> "
            "<a href=\"https://wire.example/x\" rel=\"nofollow noopener\">b</a></p>");
}

TEST(HtmlSanitizer, WrapsLooseTextAndDemotesH1) {
  EXPECT_EQ(SanitizeHtml("Loose <i>text</i><br>more<h1>Head</h1>"),
            "<p>Loose <i>text</i></p><p>more</p><h2>Head</h2>");
}

TEST(HtmlSanitizer, UnknownTagsAreUnwrapped) {
  EXPECT_EQ(SanitizeHtml("<div><p>In <font color=red>div</font></p></div>"), "<p>In div</p>");
}

TEST(HtmlSanitizer, EscapesTextSoNothingBecomesMarkup) {
  EXPECT_EQ(SanitizeHtml("<p>&lt;script&gt;x&lt;/script&gt;</p>"),
            "<p>&lt;script&gt;x&lt;/script&gt;</p>");
}

TEST(ResolveUrl, HandlesTheCommonForms) {
  EXPECT_EQ(ResolveUrl("http://a/b/c", "d"), "http://a/b/d");
  EXPECT_EQ(ResolveUrl("http://a/b/c", "//x/y"), "http://x/y");
  EXPECT_EQ(ResolveUrl("http://a", "d"), "http://a/d");
  EXPECT_EQ(ResolveUrl("http://a/b/", "javascript:x"), "");
}

// An absolute reference is returned as written when its scheme, read as a
// browser would (entities decoded, control characters and spaces dropped,
// any case), is http(s) or mailto; the base's scheme is read the same way.
TEST(ResolveUrl, ReadsSchemesHoweverTheyAreWritten) {
  const std::string base = "https://wire.example/a/b.xml";
  EXPECT_EQ(ResolveUrl(base, "http://x/y.jpg"), "http://x/y.jpg");
  EXPECT_EQ(ResolveUrl(base, "HTTPS://x/"), "HTTPS://x/");
  EXPECT_EQ(ResolveUrl(base, "ht\ttp://x/"), "ht\ttp://x/");
  EXPECT_EQ(ResolveUrl(base, "h&#116;tp://x/?a&b"), "h&#116;tp://x/?a&b");
  EXPECT_EQ(ResolveUrl(base, "mailto:a@b"), "mailto:a@b");
  EXPECT_EQ(ResolveUrl(base, "\x01javascript:x"), "");
  EXPECT_EQ(ResolveUrl(base, "java&#x0A;script:x"), "");
  EXPECT_EQ(ResolveUrl(base, "ftp://x/"), "");
  EXPECT_EQ(ResolveUrl(base, "x/y:z"), "https://wire.example/a/x/y:z");
  EXPECT_EQ(ResolveUrl(base, "&#58;x"), "https://wire.example/a/&#58;x");
  EXPECT_EQ(ResolveUrl(base, ""), "https://wire.example/a/");
  EXPECT_EQ(ResolveUrl("HT\tTP://a/b", "//x/y"), "http://x/y");
  EXPECT_EQ(ResolveUrl("ht&#116;p://a/b/", "c"), "ht&#116;p://a/b/c");
  EXPECT_EQ(ResolveUrl("ftp://a/b/", "c"), "");
  EXPECT_EQ(ResolveUrl("a/b/", "c"), "");
}

// Tag soup is parsed by gumbo in an arena up to a size, with malloc
// beyond it; the tree, and so the output, is the same either way.
TEST(HtmlSanitizer, ParsesTagSoupOfAnySizeAlike) {
  const std::string soup = "<p>a &amp; b</i>c<br>d</p>";
  const std::string want = "<p>a &amp; bc<br>d</p>";
  EXPECT_EQ(SanitizeHtml(soup), want);
  for (size_t copies : {10, 2'000, 5'000}) {  // ~250 B, ~50 KB (arena grows), ~125 KB (malloc)
    std::string html, expected;
    for (size_t i = 0; i < copies; ++i) {
      html += soup;
      expected += want;
    }
    EXPECT_EQ(SanitizeHtml(html), expected) << copies;
  }
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

// The same input through the XML fast path and the HTML5 parser (forced by
// a trailing unclosed <br>, which is not well-formed XML) must agree.
TEST(HtmlSanitizer, XmlFastPathAgreesWithHtml5Path) {
  const char* cases[] = {
      "<p>A <b>bold</b> &amp; <a href=\"/x\" onclick=\"y\">link</a></p><div><p>In div</p></div>",
      "Loose <i>text</i><h1>Head</h1><script>alert(1)</script><p>after</p>",
      "<p>caf&#233; &amp; cr&#232;me</p><table><tbody><tr><td colspan=\"2\">x</td></tr></tbody></table>",
      "<p><img src=\"javascript:x\" alt=\"a\"/><a href=\"JaVaScRiPt:x\">t</a></p>",
  };
  SanitizeOptions o;
  o.base_url = "https://wire.example/a/b.html";
  for (const char* c : cases) {
    std::string xml_path = SanitizeHtml(c, o);
    std::string html_path = SanitizeHtml(std::string(c) + "<br>", o);
    EXPECT_EQ(xml_path, html_path) << c;
  }
}

TEST(HtmlSanitizer, XmlFastPathDecodesHtmlEntitiesInText) {
  EXPECT_EQ(SanitizeHtml("<p>a&amp;nbsp;b</p>"), "<p>a\xC2\xA0" "b</p>");
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

TEST(HtmlSanitizer, HostileNestingIsFlattenedToTextQuickly) {
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div><b>";
  deep += "x<script>alert(1)</script>";
  std::string out = SanitizeHtml(deep);
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_EQ(out.find("<b>"), std::string::npos);
  EXPECT_NE(out.find("x"), std::string::npos);
}

// Stray end tags close nothing: counted as closing a level, they hid
// 20,000 nested divs from the depth bound (gumbo then took over a second).
TEST(HtmlSanitizer, StrayEndTagsDoNotHideHostileNesting) {
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<blockquote></i>";
  deep += "x";
  std::string out = SanitizeHtml(deep);
  EXPECT_EQ(out.find("<blockquote"), std::string::npos) << "not flattened";
  EXPECT_NE(out.find("x"), std::string::npos);
}

TEST(HtmlSanitizer, MatchingEndTagsCloseTheirLevel) {
  std::string flat;
  for (int i = 0; i < 2000; ++i) flat += "<p><b>w</B></p>";
  std::string out = SanitizeHtml(flat);
  EXPECT_NE(out.find("<p><b>w</b></p>"), std::string::npos) << out.substr(0, 80);
}

TEST(HtmlSanitizer, OrdinaryNestingKeepsItsMarkup) {
  std::string nested;
  for (int i = 0; i < 50; ++i) nested += "<blockquote>";
  nested += "q";
  for (int i = 0; i < 50; ++i) nested += "</blockquote>";
  EXPECT_EQ(SanitizeHtml(nested).substr(0, 24), "<blockquote><blockquote>");
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

TEST(HtmlSanitizer, DepthScanIsLinearOnTagsWithoutAttributes) {
  // 900 KB of <b> once took 55 s: the tag-name scan searched to the end.
  std::string many;
  for (int i = 0; i < 300000; ++i) many += "<b>";
  std::string out = SanitizeHtml(many + "x");
  EXPECT_EQ(out, "<p>x</p>");
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

// Found by html_sanitizer_fuzzer: the XML fast path passed invalid bytes on.
TEST(HtmlSanitizer, OutputIsValidUtf8WhateverTheInput) {
  std::string out = SanitizeHtml("\xbe?xml vers\xff\xff\xf8 embed\xbf\xbf");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out, "<p>\xEF\xBF\xBD?xml vers\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD embed\xEF\xBF\xBD\xEF\xBF\xBD</p>");
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

pugi::xml_document ParseXhtml(const char* text) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(text, pugi::parse_default | pugi::parse_ws_pcdata_single)) << text;
  return doc;
}

// pugixml writes a numeric reference to a surrogate or beyond U+10FFFF as
// bytes that are not UTF-8; the tree writer's cheap validity proof must
// send those to the text path, which replaces them.
TEST(HtmlSanitizer, InvalidReferencesInParsedXhtmlTakeTheTextPath) {
  const std::string fffd3 = "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
  const std::string fffd4 = fffd3 + "\xEF\xBF\xBD";
  struct Case {
    const char* xml;
    std::string want;
  } cases[] = {
      {"<body><p>a &#xD800; b</p></body>", "<p>a " + fffd3 + " b</p>"},
      {"<body><p>&#x110000;</p></body>", "<p>" + fffd4 + "</p>"},
      {"<body><p>&#x400000;</p></body>", "<p>" + fffd4 + "</p>"},
      // Long enough for the bad bytes to be met 16 at a time.
      {"<body><p>&#xD800; and a tail longer than sixteen bytes</p></body>",
       "<p>" + fffd3 + " and a tail longer than sixteen bytes</p>"},
      {"<body><p>a head longer than sixteen bytes &#x400000;</p></body>",
       "<p>a head longer than sixteen bytes " + fffd4 + "</p>"},
      {"<body><p title='&#xDFFF;'>t</p><img alt='&#xD800;' src='/i'/></body>",
       "<p>t</p><p><img alt=\"" + fffd3 + "\" src=\"/i\"></p>"},
  };
  for (const Case& c : cases) {
    pugi::xml_document doc = ParseXhtml(c.xml);
    std::string out = SanitizeXmlChildren({doc.document_element()});
    EXPECT_EQ(out, c.want) << c.xml;
    EXPECT_TRUE(IsValidUtf8(out)) << c.xml;
  }
}

// The output's largest byte is found 64, then 16, then 1 byte at a time:
// a bad reference is caught wherever it falls.
TEST(HtmlSanitizer, InvalidReferencesAreFoundAtEveryOffset) {
  const std::string fffd3 = "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
  for (size_t head = 0; head < 140; ++head) {
    for (size_t tail : {0, 5, 21, 70}) {
      std::string xml = "<body><p>" + std::string(head, 'h') + "&#xD800;" +
                        std::string(tail, 't') + "</p></body>";
      pugi::xml_document doc = ParseXhtml(xml.c_str());
      EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}),
                "<p>" + std::string(head, 'h') + fffd3 + std::string(tail, 't') + "</p>")
          << head << " " << tail;
    }
  }
}

// Valid text with the bytes that make the writer check UTF-8 in full
// (0xED: Hangul; 0xF0: emoji; 0xEE: private use) is kept as it is.
TEST(HtmlSanitizer, ParsedXhtmlKeepsValidTextWithHighLeadBytes) {
  pugi::xml_document doc =
      ParseXhtml("<body><p>\xED\x95\x9C &#x1F600; &#xE000; caf\xC3\xA9</p></body>");
  EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}),
            "<p>\xED\x95\x9C \xF0\x9F\x98\x80 \xEE\x80\x80 caf\xC3\xA9</p>");
}

// What the tree writer skips (dropped elements, children of void ones)
// is still checked: these take the text path and agree with it.
TEST(HtmlSanitizer, ParsedXhtmlChecksSubtreesItDoesNotWrite) {
  struct Case {
    const char* xml;
    const char* want;
  } cases[] = {
      {"<body><p>x</p><script><![CDATA[<p>y</p>]]></script></body>", "<p>x</p>"},
      {"<body><p>x</p><br><![CDATA[<p>y</p>]]></br></body>", "<p>x</p><p>y</p>"},
      {"<body><p>x<img src='/a'><![CDATA[<p>y</p>]]></img></p></body>",
       "<p>x<img src=\"/a\"></p><p>y</p><p></p>"},
      {"<body><script><a:1b>z</a:1b></script><p>x</p></body>", "<p>x</p>"},
      {"<body><div a:1b='v'><p>x</p></div></body>", "<p>x</p>"},
  };
  for (const Case& c : cases) {
    pugi::xml_document doc = ParseXhtml(c.xml);
    pugi::xml_node body = doc.document_element();
    EXPECT_EQ(SanitizeXmlChildren({body}), c.want) << c.xml;
    EXPECT_EQ(SanitizeHtml(InnerXml(body)), c.want) << c.xml;
  }
}

TEST(HtmlSanitizer, ParsedXhtmlNamesIgnoreCaseAndLongNamesAreUnwrapped) {
  pugi::xml_document doc = ParseXhtml(
      "<body><P>Upper <B>bold</B></P><blockquotexxxxxxxxxx>long</blockquotexxxxxxxxxx>"
      "<SCRIPT>x()</SCRIPT></body>");
  EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}), "<p>Upper <b>bold</b></p><p>long</p>");
}

// The scheme is read off the URL without decoding it unless a reference
// comes before the scheme's end; both ways agree with a browser's reading.
TEST(HtmlSanitizer, ReadsUrlSchemesWithAndWithoutReferences) {
  SanitizeOptions o;
  o.base_url = "https://wire.example/a/b.xml";
  auto link = [](const std::string& href) {
    return "<p><a href=\"" + href + "\" rel=\"nofollow noopener\">t</a></p>";
  };
  const std::string dropped = "<p><a>t</a></p>";
  struct Case {
    std::string href, want;
  } cases[] = {
      {"x/y:z", link("https://wire.example/a/x/y:z")},
      {"?a:b", link("https://wire.example/a/?a:b")},
      {"#frag:x", link("https://wire.example/a/#frag:x")},
      {":x", link("https://wire.example/a/:x")},  // an empty scheme is none
      {"&#58;x", link("https://wire.example/a/:x")},
      {"//h/p", link("https://h/p")},
      {"HTTP://x/", link("HTTP://x/")},
      {" Mailto:a@b ", link("Mailto:a@b")},
      {"ma&#105;lto:x", link("mailto:x")},
      {"httpsx:y", dropped},
      {"mailtox:y", dropped},
      {"\x01javascript:x", dropped},
      {"java&#x0A;script:x", dropped},
      {"h&amp;ttp:x", dropped},
  };
  for (const Case& c : cases) {
    std::string in = "<p><a href=\"" + c.href + "\">t</a></p>";
    EXPECT_EQ(SanitizeHtml(in, o), c.want) << c.href;
  }
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

// The tag scan that bounds the depth also finds "<!" and "<?": such input
// goes to the HTML5 parser, which reads CDATA in HTML as a bogus comment
// (the XML path would have kept "<b>x</b>" as text).
TEST(HtmlSanitizer, DeclarationsSendHtmlToTheHtml5Parser) {
  EXPECT_EQ(SanitizeHtml("<p>a<![CDATA[<b>x</b>]]></p>"), "<p>ax]]&gt;</p>");
  EXPECT_EQ(SanitizeHtml("<p>a</p><!-- c --><p>b</p>"), "<p>a</p><p>b</p>");
  EXPECT_EQ(SanitizeHtml("<p>a<br>b</p><?php x ?>"), "<p>a<br>b</p>");
  // After a start tag that never ends, the scan still finds them.
  EXPECT_EQ(SanitizeHtml("<p>x</p><b <!-- y"), "<p>x</p>");
  EXPECT_EQ(SanitizeHtml("<P>one<BR>two<IMG SRC='/i'>three</P>"),
            "<p>one<br>two<img src=\"/i\">three</p>");
}

}  // namespace
}  // namespace wirepress::formats

namespace wirepress::formats {
namespace {

// Every name of the header's lists, in either case, is found in the tag
// table; names that are not listed are unwrapped.
TEST(HtmlSanitizer, KnowsEveryListedTagInEitherCase) {
  const std::string kept[] = {
      "a",  "abbr",  "b",     "blockquote", "caption", "cite", "code",  "dd",
      "dl", "dt",    "em",    "figcaption", "figure",  "h2",   "h3",    "h4",
      "h5", "h6",    "i",     "li",         "mark",    "ol",   "p",     "pre",
      "q",  "s",     "small", "strong",     "sub",     "sup",  "table", "tbody",
      "td", "tfoot", "th",    "thead",      "tr",      "u",    "ul"};
  const std::string dropped[] = {
      "applet",   "audio",    "base",     "button",   "canvas",    "embed",  "form",   "frame",
      "frameset", "head",     "iframe",   "input",    "link",      "math",   "meta",   "noembed",
      "noframes", "noscript", "object",   "param",    "plaintext", "script", "select", "source",
      "style",    "svg",      "template", "textarea", "title",     "track",  "video",  "xmp"};
  for (bool upper : {false, true}) {
    auto cased = [&](std::string n) { return upper ? AsciiUpper(n) : n; };
    for (const std::string& n : kept) {
      std::string xml = "<body><" + cased(n) + ">x</" + cased(n) + "></body>";
      pugi::xml_document doc = ParseXhtml(xml.c_str());
      EXPECT_NE(SanitizeXmlChildren({doc.document_element()}).find("<" + n + ">x</" + n + ">"),
                std::string::npos)
          << xml;
    }
    for (const std::string& n : dropped) {
      std::string xml = "<body><p>y</p><" + cased(n) + ">x</" + cased(n) + "></body>";
      pugi::xml_document doc = ParseXhtml(xml.c_str());
      EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}), "<p>y</p>") << xml;
    }
    for (const std::string n : {"br", "hr", "img"}) {  // void: no content, no end tag
      std::string xml = "<body><p>y<" + cased(n) + ">x</" + cased(n) + "></p></body>";
      pugi::xml_document doc = ParseXhtml(xml.c_str());
      EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}), "<p>y<" + n + "></p>") << xml;
    }
    pugi::xml_document h1 =
        ParseXhtml(upper ? "<body><H1>x</H1></body>" : "<body><h1>x</h1></body>");
    EXPECT_EQ(SanitizeXmlChildren({h1.document_element()}), "<h2>x</h2>");
  }
  for (const char* n : {"blink", "span", "div", "pp", "scrip", "scripts", "h7", "tablex", "x"}) {
    std::string xml = std::string("<body><") + n + ">x</" + n + "></body>";
    pugi::xml_document doc = ParseXhtml(xml.c_str());
    EXPECT_EQ(SanitizeXmlChildren({doc.document_element()}), "<p>x</p>") << xml;
  }
}

}  // namespace
}  // namespace wirepress::formats
