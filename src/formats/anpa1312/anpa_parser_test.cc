#include "formats/anpa1312/anpa_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::anpa1312 {
namespace {

using testing::OtherCorpusHeads;
using testing::ReadCorpusFile;

model::Story ParseOne(std::string_view bytes) {
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"ap.tst", bytes, {}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || r->stories.size() != 1) return {};
  return r->stories[0];
}

// A minimal transmission in the AP layout.
std::string Transmission(std::string_view service, std::string_view text) {
  return "\x16\x16\x01W1234\x1f" "asian\n" + std::string(service) + "\n\x02" +
         std::string(text) + "\n\t   \x03" "AP-WF-06-29-17 2350GMT<\n\x0c\n\x04";
}

TEST(AnpaParser, AgreesWithTheCorpus) {
  auto parser = NewAnpaParser();
  EXPECT_EQ(testing::CheckCorpus(*parser, "anpa1312"), std::vector<std::string>{});
}

TEST(AnpaParser, ReadsTheFlashStory) {
  model::Story s = ParseOne(ReadCorpusFile("anpa1312/anpa-1.tst"));
  EXPECT_EQ(s.urgency, 1);
  EXPECT_EQ(s.slugline, "Argentina-Cancer Beauty");
  EXPECT_EQ(s.agency, "AP");
  EXPECT_EQ(s.dateline, (model::Dateline{"BUENOS AIRES", "Argentina", "", "AP"}));
  EXPECT_EQ(s.located, "BUENOS AIRES");
  ASSERT_EQ(s.subjects.size(), 1u);
  EXPECT_EQ(s.subjects[0], (model::Subject{"l", "Lifestyle", "anpa-category"}));
  EXPECT_EQ(s.uri, "urn:wirepress:anpa1312:2013-11-13:argentina-cancer-beauty");
  EXPECT_NE(s.body_html.find("<hr>"), std::string::npos);
  EXPECT_EQ(s.body_html.find("Eds:"), std::string::npos);
  EXPECT_TRUE(EndsWith(s.body_html, "<p>APTN contributor Kacey Cherry in Buenos Aires helped with this story.</p>"));
}

TEST(AnpaParser, MarksWriteThroughsAsUpdates) {
  model::Story s = ParseOne(ReadCorpusFile("anpa1312/ap_anpa-3.tst"));
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kUpdate));
  EXPECT_EQ(s.urgency, 5);
  EXPECT_EQ(s.slugline, "Giant Lobster Death");
}

TEST(AnpaParser, KeepsTablesPreformatted) {
  model::Story s = ParseOne(ReadCorpusFile("anpa1312/ap_anpa-2.tst"));
  EXPECT_TRUE(StartsWith(s.body_html, "<pre>AMERICAN LEAGUE\nEast Division\n"));
  EXPECT_NE(s.body_html.find("Toronto;19;21;.475;6;3\xC2\xBD;"), std::string::npos);
  EXPECT_NE(s.body_html.find("Tampa  Bay;17;19"), std::string::npos);
  EXPECT_TRUE(EndsWith(s.body_html, "</pre>"));
}

TEST(AnpaParser, AlertWithoutHeadlineUsesItsLead) {
  model::Story s = ParseOne(ReadCorpusFile("anpa1312/ap_anpa-5.tst"));
  EXPECT_EQ(s.urgency, 2);
  EXPECT_EQ(s.headline,
            "Hawaii files court challenge to Trump administration's definition of close U.S. "
            "relationship needed to avoid travel ban.");
}

TEST(AnpaParser, AlertsOfOneDayGetDistinctUris) {
  model::Story a = ParseOne(Transmission("b a\x13\x11 BC-US--APNewsAlert 06-29 0010",
                                         "^BC-US--APNewsAlert,17<\n\t   HONOLULU (AP) _ One.\n"));
  model::Story b = ParseOne(Transmission("b a\x13\x11 BC-US--APNewsAlert 06-29 0010",
                                         "^BC-US--APNewsAlert,17<\n\t   HONOLULU (AP) _ Two.\n"));
  EXPECT_EQ(a.uri, "urn:wirepress:anpa1312:2017-06-29:apnewsalert:one");
  EXPECT_NE(a.uri, b.uri);
}

TEST(AnpaParser, DigestOfHeadlinesBecomesParagraphs) {
  model::Story s = ParseOne(ReadCorpusFile("anpa1312/anpa-4.tst"));
  EXPECT_TRUE(StartsWith(s.body_html, "<p>Ex-bodyguard testifies about lewd messages sent to Paltrow</p>"));
}

TEST(AnpaParser, ReadsWindows1252) {
  model::Story s = ParseOne(Transmission("r a\x13\x11 BC-Test 06-29 0010", "^BC-US--Test,10<\n^Caf\xE9 head<\n\t   Body.\n"));
  EXPECT_EQ(s.headline, "Caf\xC3\xA9 head");
  EXPECT_EQ(s.firstcreated, ParseIso8601("2017-06-29T23:50:00Z"));
}

TEST(AnpaParser, MarksKillsAndCorrections) {
  model::Story kill = ParseOne(Transmission("b a\x13\x11 BC-Test Kill 06-29 0010",
                                            "^BC-US--Test, Kill,10<\n^Head<\n\t   Body.\n"));
  EXPECT_TRUE(model::IsKill(kill));
  model::Story fix = ParseOne(Transmission("r a\x13\x11 BC-Test 06-29 0010",
                                           "^BC-US--Test,10<\n^Head<\n^Eds: Corrects name.<\n\t   Body.\n"));
  EXPECT_TRUE(model::HasSignal(fix.signals, model::Signal::kCorrection));
}

TEST(AnpaParser, ScriptInBodyIsOnlyText) {
  model::Story s = ParseOne(Transmission("r a\x13\x11 BC-Test 06-29 0010",
                                         "^BC-US--Test,10<\n^Head<\n\t   <script>x()</script>\n"));
  EXPECT_EQ(s.body_html, "<p>&lt;script&gt;x()&lt;/script&gt;</p>");
}

TEST(AnpaParser, NotAnpaIsAnErrorAtTheStart) {
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"in/x.tst", "Hello\nworld\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in/x.tst:1:1: not ANPA-1312: a transmission starts with SYN SYN SOH (0x16 0x16 "
            "0x01)\nHello\n^");
}

TEST(AnpaParser, MissingStxIsAnError) {
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"in/x.tst", "\x16\x16\x01W1\x1f" "a\nr a\x13\x11 BC-X 01-01\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "in/x.tst:3:1: no STX (0x02): the story text never starts\n\n^");
}

TEST(AnpaParser, EmptyStoryIsAnError) {
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"in/x.tst", "\x16\x16\x01W1\x1f" "a\nr a\x13\x11 BC-X 01-01\n\x02\x03\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in/x.tst:3:1: no headline and no body between STX and ETX\n\x02\x03\n^");
}

TEST(AnpaParser, GarbageAfterTheHeaderDoesNotCrash) {
  std::string bytes = "\x16\x16\x01W1\x1f" "a\n\x02";
  for (int i = 0; i < 100000; ++i) bytes += static_cast<char>(i * 7919 % 256);
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"g.tst", bytes, {}});
  EXPECT_TRUE(r.ok() || r.status().code() == StatusCode::kInvalidInput);
  if (r.ok()) {
    EXPECT_FALSE(r->warnings.empty());
  }
}

TEST(AnpaParser, SniffsOnlyAnpa) {
  auto parser = NewAnpaParser();
  EXPECT_EQ(parser->Sniff(ReadCorpusFile("anpa1312/anpa-1.tst")), Confidence::kCertain);
  for (const char* file : {"iptc7901/IPTC7901.txt", "iptc7901/dpa_two_line.txt",
                           "email-rfc822/simple_email.txt", "nitf/aap.xml", "ninjs/ninjs1.json"}) {
    EXPECT_EQ(parser->Sniff(ReadCorpusFile(file)), Confidence::kNo) << file;
  }
  EXPECT_EQ(parser->Sniff("Sochi (Russia), May 15 (AFP) Text"), Confidence::kNo);
}

TEST(AnpaParser, SniffSaysNoToEveryOtherCorpusFile) {
  auto parser = NewAnpaParser();
  auto files = OtherCorpusHeads("anpa1312");
  EXPECT_GT(files.size(), 50u);
  for (const auto& [file, head] : files) {
    EXPECT_EQ(parser->Sniff(head), Confidence::kNo) << file;
  }
}

TEST(AnpaParser, HugeLinesAreReadWithoutDeepRecursion) {
  std::string letters(1u << 20, 'A');
  std::string bytes = "\x16\x16\x01W1\x1f" "a\n" + letters + "\n\x02^X<\n\t" + letters + "\n\x03" + letters;
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"big.tst", bytes, {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->warnings.size(), 2u);  // service line, trailer
}

TEST(AnpaParser, OversizedInputIsACleanError) {
  std::string bytes = "\x16\x16\x01" + std::string(5u << 20, 'a');
  auto parser = NewAnpaParser();
  auto r = parser->Parse(Input{"big.tst", bytes, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "big.tst: input is 5242883 bytes, over the 4 MiB limit for an ANPA-1312 story");
}

}  // namespace
}  // namespace wirepress::formats::anpa1312
