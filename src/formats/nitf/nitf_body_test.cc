#include "formats/nitf/nitf_body.h"

#include <gtest/gtest.h>

#include "formats/xml_reader.h"

namespace wirepress::formats::nitf {
namespace {

NitfBody Convert(std::string_view xml, std::string_view base_url = {}) {
  auto doc = XmlDocument::Parse("b.xml", xml, nullptr);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? ConvertBody((*doc)->root(), base_url) : NitfBody{};
}

TEST(NitfBody, UnwrapsNitfInlineTags) {
  EXPECT_EQ(Convert("<body.content><p><person>Shane Warne</person> of "
                    "<location>Australia</location> in <chron>2004</chron></p></body.content>")
                .html,
            "<p>Shane Warne of Australia in 2004</p>");
}

TEST(NitfBody, MapsHl2ToHeadingAndUnwrapsBlock) {
  EXPECT_EQ(Convert("<body.content><block><hl2>Local Nooks</hl2><p>Text</p></block>"
                    "</body.content>")
                .html,
            "<h2>Local Nooks</h2><p>Text</p>");
}

TEST(NitfBody, LineBreaksStaySingle) {
  EXPECT_EQ(Convert("<body.content><p>a <br />b</p></body.content>").html, "<p>a <br>b</p>");
}

TEST(NitfBody, DropsEmptyParagraphs) {
  EXPECT_EQ(Convert("<body.content><p>a</p><p/>\n<p>  </p><p>b</p></body.content>").html,
            "<p>a</p><p>b</p>");
}

TEST(NitfBody, EmptyBodyGivesEmptyHtml) {
  EXPECT_EQ(Convert("<body.content>\n  <p/>\n</body.content>").html, "");
}

TEST(NitfBody, SkipsNonImageMedia) {
  NitfBody b = Convert(
      "<body.content><media media-type='audio'><media-reference "
      "source='a.mp3'/></media><p>x</p></body.content>");
  EXPECT_TRUE(b.pictures.empty());
  EXPECT_EQ(b.html, "<p>x</p>");
}

TEST(NitfBody, ResolvesRelativeLinks) {
  EXPECT_EQ(Convert("<body.content><p><a href='/s/1'>more</a></p></body.content>",
                    "https://wire.example/x/")
                .html,
            "<p><a href=\"https://wire.example/s/1\" rel=\"nofollow noopener\">more</a></p>");
}

}  // namespace
}  // namespace wirepress::formats::nitf
