#include "formats/newsml_g2/item_reader.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "formats/newsml_g2/content_body.h"

namespace wirepress::formats::newsml_g2 {
namespace {

using model::Signal;

// Reads the root item of `xml` with a context that collects warnings.
struct Fixture {
  explicit Fixture(std::string xml) : bytes(std::move(xml)) {
    auto parsed = XmlDocument::Parse("item.xml", bytes, &warnings);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    doc = std::move(parsed.value());
  }
  model::Story Read(std::string_view base_url = {}) {
    ItemContext ctx{doc.get(), base_url, 0, &warnings};
    auto story = ReadItem(doc->root(), ctx);
    EXPECT_TRUE(story.ok()) << story.status().ToString();
    return story.ok() ? story.value() : model::Story{};
  }
  std::string bytes;  // the document reads them in place
  std::vector<Diagnostic> warnings;
  std::unique_ptr<XmlDocument> doc;
};

TEST(ParseDatelineText, SplitsPlaceAgencyCountryAndDate) {
  EXPECT_EQ(ParseDatelineText("London (dpa) - "), (model::Dateline{"London", "", "", "dpa"}));
  EXPECT_EQ(ParseDatelineText("Sochi (Russia), May 15 (AFP)"),
            (model::Dateline{"Sochi", "Russia", "May 15", "AFP"}));
  EXPECT_EQ(ParseDatelineText("FORT WASHINGTON, Pa."),
            (model::Dateline{"FORT WASHINGTON, Pa.", "", "", ""}));
  EXPECT_EQ(ParseDatelineText("MARCH 04, 2013"), (model::Dateline{"", "", "MARCH 04, 2013", ""}));
  EXPECT_EQ(ParseDatelineText("2014-07-17 00:24:11 GMT+00:00"),
            (model::Dateline{"", "", "2014-07-17 00:24:11 GMT+00:00", ""}));
  EXPECT_TRUE(ParseDatelineText("  ").empty());
}

TEST(SignalFromQcode, MapsIptcAndReutersCodes) {
  EXPECT_EQ(SignalFromQcode("sig:update"), Signal::kUpdate);
  EXPECT_EQ(SignalFromQcode("sig:correction"), Signal::kCorrection);
  EXPECT_EQ(SignalFromQcode("sig:kill"), Signal::kKill);
  EXPECT_EQ(SignalFromQcode("edStat:C"), Signal::kCorrection);
  EXPECT_EQ(SignalFromQcode("edStat:D"), Signal::kKill);
  EXPECT_EQ(SignalFromQcode("sig:routing"), Signal::kNone);
}

TEST(SignalFromText, ReadsWritethruCorrectedAndUpdateMarkers) {
  EXPECT_EQ(SignalFromText("BC-US--Earns-Nutrisystem, 1st Ld-Writethru", "x"), Signal::kUpdate);
  EXPECT_EQ(SignalFromText("", "CORRECTED-S. Illinois battles flooding"), Signal::kCorrection);
  EXPECT_EQ(SignalFromText("", "UPDATE 2-Primeira Liga Results"), Signal::kUpdate);
  EXPECT_EQ(SignalFromText("US-ECONOMY", "Updates are coming"), Signal::kNone);
}

TEST(ItemReader, ReadsIdentityTimesAndLifecycle) {
  Fixture f(
      "<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/' guid='urn:x' version='3'>"
      "<itemMeta><itemClass qcode='ninat:picture'/>"
      "<versionCreated>2018-10-21T16:25:32-05:00</versionCreated>"
      "<firstCreated>2016-10-18T13:12:21Z</firstCreated>"
      "<embargoed>2018-10-23T12:00:00Z</embargoed>"
      "<pubStatus qcode='stat:withheld'/><signal qcode='sig:correction'/></itemMeta>"
      "</newsItem>");
  model::Story s = f.Read();
  EXPECT_EQ(s.uri, "urn:x");
  EXPECT_EQ(s.version, "3");
  EXPECT_EQ(s.type, "picture");
  EXPECT_EQ(FormatIso8601(*s.versioncreated), "2018-10-21T21:25:32Z");
  EXPECT_EQ(FormatIso8601(*s.firstcreated), "2016-10-18T13:12:21Z");
  EXPECT_EQ(FormatIso8601(*s.embargoed), "2018-10-23T12:00:00Z");
  EXPECT_EQ(s.pubstatus, model::PubStatus::kWithheld);
  EXPECT_EQ(s.signals, Signal::kCorrection);
}

TEST(ItemReader, WarnsAboutDatesWithoutZoneAndUnknownCodes) {
  Fixture f(
      "<newsItem guid='g' version='1'>\n<itemMeta>\n"
      "<versionCreated>2019-04-15T13:49:15</versionCreated>\n"
      "<pubStatus qcode='stat:whatever'/>\n</itemMeta>\n</newsItem>");
  model::Story s = f.Read();
  EXPECT_EQ(FormatIso8601(*s.versioncreated), "2019-04-15T13:49:15Z");
  ASSERT_EQ(f.warnings.size(), 2u);
  EXPECT_EQ(f.warnings[0].ToString(),
            "item.xml:3:2: date \"2019-04-15T13:49:15\" has no time zone; read as UTC\n"
            "<versionCreated>2019-04-15T13:49:15</versionCreated>\n ^");
  EXPECT_EQ(f.warnings[1].ToString(),
            "item.xml:4:2: unknown pubStatus \"stat:whatever\"; read as usable\n"
            "<pubStatus qcode='stat:whatever'/>\n ^");
}

TEST(ItemReader, ReadsContentMeta) {
  Fixture f(
      "<newsItem guid='g' version='1' xml:lang='fi-FI'><contentMeta>"
      "<urgency>3</urgency><located><name>Pittsburgh</name>"
      "<broader type='cptype:country'><name>United States</name></broader></located>"
      "<creator><name>Meredith Jameson</name></creator>"
      "<subject qcode='medtop:04000000'><name>economy</name></subject>"
      "<subject literal='ID0E2E' type='cpnat:poi'/>"
      "<keyword>Fed</keyword><keyword/>"
      "<slugline>US-Fed</slugline>"
      "<headline role='hld:subHeadline'>Sub</headline><headline>Main</headline>"
      "<dateline>PITTSBURGH (AP) - </dateline>"
      "<description role='drol:summary'>Summary.</description>"
      "<creditline>AP</creditline></contentMeta></newsItem>");
  model::Story s = f.Read();
  EXPECT_EQ(s.urgency, 3);
  EXPECT_EQ(s.located, "Pittsburgh");
  EXPECT_EQ(s.byline, "Meredith Jameson");
  ASSERT_EQ(s.subjects.size(), 1u);
  EXPECT_EQ(s.subjects[0], (model::Subject{"medtop:04000000", "economy", "medtop"}));
  EXPECT_EQ(s.keywords, std::vector<std::string>{"Fed"});
  EXPECT_EQ(s.slugline, "US-Fed");
  EXPECT_EQ(s.headline, "Main");
  EXPECT_EQ(s.dateline, (model::Dateline{"PITTSBURGH", "United States", "", "AP"}));
  EXPECT_EQ(s.description_text, "Summary.");
  EXPECT_EQ(s.agency, "AP");
  EXPECT_EQ(s.language, "fi-FI");
}

TEST(ItemReader, PrefersLanguageTagToXmlLang) {
  Fixture f(
      "<newsItem guid='g' xml:lang='it-IT'><contentMeta><language tag='it'/>"
      "</contentMeta></newsItem>");
  EXPECT_EQ(f.Read().language, "it");
}

TEST(ItemReader, NamesAgencyFromProviderDomain) {
  Fixture f(
      "<newsItem guid='g'><itemMeta><provider literal='reuters.com'/></itemMeta>"
      "</newsItem>");
  EXPECT_EQ(f.Read().agency, "Reuters");
}

TEST(ItemReader, SanitizesBodyAndResolvesLinks) {
  Fixture f(
      "<newsItem guid='g'><contentSet><inlineXML><html><body>"
      "<p onclick='x()'>Hi <a href='/more'>more</a></p><script>alert(1)</script>"
      "</body></html></inlineXML></contentSet></newsItem>");
  EXPECT_EQ(f.Read("https://wire.example.com/feed/").body_html,
            "<p>Hi <a href=\"https://wire.example.com/more\" rel=\"nofollow noopener\">more</a>"
            "</p>");
}

// The NITF head is HTML and the content parsed markup: both are kept, the
// head first; markup alone becomes the whole body.
TEST(ItemReader, JoinsTheSanitizedNitfHeadAndContent) {
  Fixture head_and_content(
      "<newsItem guid='g'><contentSet><inlineXML><nitf><body><body.head><hedline>"
      "<hl1>Head &amp; line</hl1></hedline></body.head><body.content><p>One</p>"
      "<script>x</script><p>Two</p></body.content></body></nitf></inlineXML>"
      "</contentSet></newsItem>");
  model::Story s = head_and_content.Read();
  EXPECT_EQ(s.body_html, "<h2>Head &amp; line</h2><p>One</p><p>Two</p>");
  EXPECT_EQ(s.headline, "Head & line");
  Fixture content_only(
      "<newsItem guid='g'><contentSet><inlineXML><html><body><p>One</p></body></html>"
      "</inlineXML></contentSet></newsItem>");
  EXPECT_EQ(content_only.Read().body_html, "<p>One</p>");
}

TEST(ItemReader, TakesLargestImageRenditionAsPicture) {
  Fixture f(
      "<newsItem guid='g'><itemMeta><itemClass qcode='ninat:picture'/></itemMeta>"
      "<contentMeta><headline>Crash site</headline><by>John Smith</by></contentMeta>"
      "<contentSet>"
      "<remoteContent contenttype='image/jpeg' href='http://x/t.jpg' width='100' height='50'/>"
      "<remoteContent contenttype='image/jpeg' href='http://x/b.jpg' width='900' height='600'/>"
      "<remoteContent contenttype='image/jpeg' href='tag:x,2017:1.jpg' width='9000'/>"
      "</contentSet></newsItem>");
  model::Story s = f.Read();
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0],
            (model::Picture{"http://x/b.jpg", "Crash site", "John Smith", "image/jpeg", 900, 600}));
}

// A rendition's attributes are read in one walk that stops once all four
// are found: the first of each local name counts, before or after the rest.
TEST(ItemReader, ReadsTheFirstOfRepeatedRenditionAttributes) {
  Fixture f(
      "<newsItem guid='g'><contentMeta><headline>H</headline></contentMeta><contentSet>"
      "<remoteContent x:href='http://x/first.jpg' contenttype='image/jpeg' rendition='r' "
      "href='http://x/second.jpg' width='10' x:width='11' height='20' contenttype='text/plain' "
      "width='12' height='21' x:height='22'/>"
      "</contentSet></newsItem>");
  model::Story s = f.Read();
  ASSERT_EQ(s.pictures.size(), 1u);
  EXPECT_EQ(s.pictures[0], (model::Picture{"http://x/first.jpg", "", "", "image/jpeg", 10, 20}));
}

// Fields are read in place when Text() would return their text unchanged;
// whatever the text, the result must be Text()'s. Lengths around 16 cover
// the block-wise check and its tail.
TEST(ItemReader, ReadsFieldTextExactlyAsText) {
  const std::string long_word(40, 'x');
  std::vector<std::string> texts = {
      "",
      "Plain",
      "Two words",
      "  leading and trailing  ",
      "double  space",
      "fifteen bytes x",
      "sixteen bytes xy",
      "seventeen bytes x",
      "a block of sixteen  then a double space",
      "a block of fifteen  then a double space",
      long_word + " " + long_word,
      long_word + "  " + long_word,
      long_word + " ",
      "tab\there",
      "line\nbreak",
      "cr\r\nlf",
      "no\xC2\xA0"
      "break space",
      "caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve",
      "x" + long_word + "\xC2\xA0",
      "AT&amp;T",
      "Fish &amp; chips &mdash; and more than sixteen bytes",
      "&nbsp;",
      "<![CDATA[in  cdata]]>",
      "<![CDATA[cdata]]>",
      "mixed <b>bold</b> text",
      "<b>only bold</b>",
      std::string(15, 'a') + "  b",  // a double space across 16 bytes
      std::string(20, 'a') + "  b",  // ... within the last 16
      std::string(20, 'a') + " b c",
      std::string(20, 'a') + "\tb",
      std::string(20, 'a') + "&amp;",
      std::string(30, 'a') +
          "\xC2\xA0"
          "b",
      std::string(32, 'a'),
  };
  // Every length up to 17 (the 8-15 byte check reads the first and last 8
  // bytes as one block) with a double space, a tab, an entity or a
  // no-break space at every place.
  for (size_t n = 2; n <= 17; ++n) {
    for (size_t at = 0; at + 2 <= n; ++at) {
      for (std::string_view odd : {"  ", " \t", "&amp;", "\xC2\xA0"}) {
        std::string text(n, 'a');
        text.replace(at, 2, odd);
        texts.push_back(text);
      }
    }
  }
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    Fixture f("<newsItem guid='g'><contentMeta><headline>" + text + "</headline><slugline>" + text +
              "</slugline><subject qcode='a:b'><name>" + text +
              "</name></subject></contentMeta></newsItem>");
    std::string expected = Text(Path(f.doc->root(), {"contentMeta", "headline"}));
    model::Story s = f.Read();
    EXPECT_EQ(s.headline, expected);
    EXPECT_EQ(s.slugline, expected);
    ASSERT_EQ(s.subjects.size(), 1u);
    EXPECT_EQ(s.subjects[0].name, expected);
  }
}

TEST(ItemReader, FindsRepeatedFieldsAnywhereInContentMeta) {
  Fixture f(
      "<newsItem guid='g'><contentMeta>"
      "<creator literal='x'/><subject qcode='a:1'/>"
      "<infoSource role='isrol:originfo'><name>Other</name></infoSource>"
      "<subject literal='local'/><keyword>k1</keyword><subject qcode='b:2'><name>Two</name>"
      "</subject><creator><name>Jane Roe</name></creator>"
      "<description>plain</description><description role='drol:summary'>Best</description>"
      "<description role='drol:summary'>Later</description>"
      "<infoSource role='cRole:source'><name>afp</name></infoSource>"
      "<language tag=' '/><language tag='de'/><keyword>k2</keyword>"
      "<headline role='x'>First</headline><headline role='y'>Second</headline>"
      "</contentMeta></newsItem>");
  model::Story s = f.Read();
  EXPECT_EQ(s.subjects, (std::vector<model::Subject>{{"a:1", "", "a"}, {"b:2", "Two", "b"}}));
  EXPECT_EQ(s.byline, "Jane Roe");
  EXPECT_EQ(s.agency, "AFP");
  EXPECT_EQ(s.description_text, "Best");
  EXPECT_EQ(s.language, "de");
  EXPECT_EQ(s.keywords, (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(s.headline, "First");
}

TEST(ItemReader, ReadsPrefixedElementsAndAttributes) {
  Fixture f(
      "<g2:newsItem xmlns:g2='http://iptc.org/std/nar/2006-10-01/' g2:guid=' urn:p ' "
      "xml:lang='sv'><g2:itemMeta><g2:itemClass g2:qcode='ninat:video'/>"
      "<g2:provider g2:qcode='nprov:stt.fi'/></g2:itemMeta>"
      "<g2:contentMeta><g2:headline>Rubrik</g2:headline>"
      "<g2:subject g2:qcode='medtop:1'><g2:name>Ett</g2:name></g2:subject>"
      "</g2:contentMeta></g2:newsItem>");
  model::Story s = f.Read();
  EXPECT_EQ(s.uri, "urn:p");
  EXPECT_EQ(s.type, "video");
  EXPECT_EQ(s.agency, "STT");
  EXPECT_EQ(s.headline, "Rubrik");
  EXPECT_EQ(s.subjects, (std::vector<model::Subject>{{"medtop:1", "Ett", "medtop"}}));
  EXPECT_EQ(s.language, "sv");
}

TEST(ItemReader, MatchesWholeLocalNamesOnly) {
  Fixture f(
      "<newsItem guid='g'><contentMeta>"
      "<subjects qcode='no:1'/><subjec qcode='no:2'/><xsubject qcode='no:3'/>"
      "<subject qcodes='no:4' q:qcodex='no:5' a:b:qcode=' yes:1 '><a:b:name>One</a:b:name>"
      "<names>no</names></subject>"
      "<a:b:subject qcode:x='no:6' qcode='yes:2'><nam>no</nam><name>Two</name></a:b:subject>"
      "<subject :qcode='yes:3'/>"
      "<headlines>no</headlines><head>no</head><x:headline>Yes</x:headline>"
      "</contentMeta></newsItem>");
  model::Story s = f.Read();
  EXPECT_EQ(s.subjects,
            (std::vector<model::Subject>{
                {"yes:1", "One", "yes"}, {"yes:2", "Two", "yes"}, {"yes:3", "", "yes"}}));
  EXPECT_EQ(s.headline, "Yes");
}

// The child and attribute walks end on an empty node or attribute, and
// step over text, CDATA and comments between fields and over a nameless
// attribute (only the pugixml API makes one).
TEST(ItemReader, StepsOverTextNodesAndNamelessAttributes) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(
      "<newsItem guid='g' xml:lang='fi'>text<itemMeta><!-- c --><itemClass qcode='ninat:text'/>"
      "x</itemMeta><contentMeta><![CDATA[y]]><headline role='a' x:role='b'>H</headline>"
      "<subject qcode='a:1'>z<name>N</name></subject>z</contentMeta>t</newsItem>",
      pugi::parse_default | pugi::parse_comments));
  pugi::xml_node item = doc.document_element();
  item.prepend_attribute("").set_value("nameless");
  item.child("contentMeta").child("headline").append_attribute("");
  std::vector<Diagnostic> warnings;
  ItemContext ctx{nullptr, {}, 0, &warnings};
  auto story = ReadItem(item, ctx);
  ASSERT_TRUE(story.ok()) << story.status().ToString();
  EXPECT_EQ(story->uri, "g");
  EXPECT_EQ(story->language, "fi");
  EXPECT_EQ(story->type, "text");
  EXPECT_EQ(story->headline, "H");
  EXPECT_EQ(story->subjects, (std::vector<model::Subject>{{"a:1", "N", "a"}}));
}

TEST(SignalFromText, IgnoresCase) {
  EXPECT_EQ(SignalFromText("x WRITETHRU", ""), Signal::kUpdate);
  EXPECT_EQ(SignalFromText("Correction appended", ""), Signal::kCorrection);
  EXPECT_EQ(SignalFromText("CoRrEcTeD", ""), Signal::kCorrection);
  EXPECT_EQ(SignalFromText("correct", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("writethr", ""), Signal::kNone);
  // Words anywhere, overlapping, cut short at the end, or split.
  EXPECT_EQ(SignalFromText("ccorrectED", ""), Signal::kCorrection);
  EXPECT_EQ(SignalFromText("correctcorrection", ""), Signal::kCorrection);
  EXPECT_EQ(SignalFromText("wwritethru-CORRECTED", ""), Signal::kUpdate | Signal::kCorrection);
  EXPECT_EQ(SignalFromText("correcte", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("correctio", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("correct ed", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("write thru", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("c", ""), Signal::kNone);
  EXPECT_EQ(SignalFromText("\xC3\xA9" "correction" "\xC3\xA9", ""), Signal::kCorrection);
}

TEST(ItemReader, RefusesBodiesNestedTooDeeply) {
  std::string xml = "<newsItem guid='g'><contentSet><inlineXML>\n";
  for (int i = 0; i <= kMaxBodyDepth; ++i) xml += "<div>\n";
  xml += "x";
  for (int i = 0; i <= kMaxBodyDepth; ++i) xml += "</div>";
  xml += "</inlineXML></contentSet></newsItem>";
  Fixture f(xml);
  ItemContext ctx{f.doc.get(), {}, 0, &f.warnings};
  auto story = ReadItem(f.doc->root(), ctx);
  ASSERT_FALSE(story.ok());
  EXPECT_EQ(story.status().message(),
            "item.xml:202:2: body is nested deeper than 200 elements; refusing to process it\n"
            "<div>\n ^");
}

}  // namespace
}  // namespace wirepress::formats::newsml_g2
