#include "formats/iptc7901/iptc7901_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::iptc7901 {
namespace {

using testing::OtherCorpusHeads;
using testing::ReadCorpusFile;

model::Story ParseOne(std::string_view bytes) {
  auto parser = NewIptc7901Parser();
  auto r = parser->Parse(Input{"dpa.txt", bytes, {}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || r->stories.size() != 1) return {};
  return r->stories[0];
}

TEST(Iptc7901Parser, AgreesWithTheCorpus) {
  auto parser = NewIptc7901Parser();
  EXPECT_EQ(testing::CheckCorpus(*parser, "iptc7901"), std::vector<std::string>{});
}

TEST(Iptc7901Parser, ReadsTheDpaStory) {
  model::Story s = ParseOne(ReadCorpusFile("iptc7901/IPTC7901.txt"));
  EXPECT_EQ(s.urgency, 4);
  EXPECT_EQ(s.slugline, "Germany-politics");
  EXPECT_EQ(s.keywords, std::vector<std::string>{"Germany-politics"});
  EXPECT_EQ(s.dateline, (model::Dateline{"Berlin", "", "", "dpa"}));
  EXPECT_EQ(s.agency, "dpa");
  EXPECT_EQ(s.uri, "urn:wirepress:iptc7901:dpa:germany-politics:nov-13");
  ASSERT_EQ(s.subjects.size(), 1u);
  EXPECT_EQ(s.subjects[0].code, "i");
  EXPECT_TRUE(StartsWith(s.body_html, "<p>Negotiations between German conservatives headed by "
                                      "Chancellor Angela Merkel"));
  EXPECT_TRUE(EndsWith(s.body_html, "sworn in for a third term before Christmas.</p>"));
  for (const char* note : {"NOTEBOOK", "not for publication", "Wolfgang", "dpa wsz"}) {
    EXPECT_EQ(s.body_html.find(note), std::string::npos) << note;
  }
  EXPECT_FALSE(s.firstcreated);  // the trailer has no year
}

TEST(Iptc7901Parser, ReadsMarkersAndBylineAroundTheHeadline) {
  model::Story s = ParseOne(ReadCorpusFile("iptc7901/dpa_four_line.txt"));
  EXPECT_EQ(s.byline, "By dpa correspondents");
  EXPECT_TRUE(model::HasSignal(s.signals, model::Signal::kUpdate));
  EXPECT_EQ(s.keywords, (std::vector<std::string>{"Switzerland", "migration", "UN"}));
  EXPECT_EQ(s.located, "Geneva");
  EXPECT_EQ(s.body_html.find("Refile"), std::string::npos);
}

TEST(Iptc7901Parser, ReadsWindows1252) {
  model::Story s = ParseOne("\x01" "eca1 3 i 10  dpa 1\r\n\r\nX/\r\n\x02M\xFCnchen talks =\r\n\r\n"
                            "M\xFCnchen (dpa) - Text.\r\n\x03" "120000 GMT Jan 2\r\n");
  EXPECT_EQ(s.headline, "M\xC3\xBCnchen talks");
  EXPECT_EQ(s.located, "M\xC3\xBCnchen");
  EXPECT_EQ(s.body_html, "<p>Text.</p>");
}

TEST(Iptc7901Parser, MarksCorrectionsAndKills) {
  model::Story fix = ParseOne("\x01" "eca1 3 i 10  dpa 1\r\n\x02" "CORRECTION\nHead =\r\nText.\r\n");
  EXPECT_TRUE(model::HasSignal(fix.signals, model::Signal::kCorrection));
  model::Story kill = ParseOne("\x01" "eca1 3 i 10  dpa 1\r\n\x02KILL\nHead =\r\nText.\r\n");
  EXPECT_TRUE(model::IsKill(kill));
}

TEST(Iptc7901Parser, ScriptInBodyIsOnlyText) {
  model::Story s = ParseOne("\x01" "eca1 3 i 10  dpa 1\r\n\x02Head =\r\n<script>x()</script>\r\n");
  EXPECT_EQ(s.body_html, "<p>&lt;script&gt;x()&lt;/script&gt;</p>");
}

TEST(Iptc7901Parser, NotIptc7901IsAnErrorAtTheStart) {
  auto parser = NewIptc7901Parser();
  auto r = parser->Parse(Input{"in/a.txt", "Hello\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in/a.txt:1:1: not IPTC 7901: a message starts with SOH (0x01)\nHello\n^");
}

TEST(Iptc7901Parser, EmptyStoryIsAnError) {
  auto parser = NewIptc7901Parser();
  auto r = parser->Parse(Input{"in/a.txt", "\x01" "eca1 3 i 10  dpa 1\n\x02\n\x03\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in/a.txt:2:1: no headline and no body after STX\n\x02\n^");
}

TEST(Iptc7901Parser, GarbageDoesNotCrash) {
  std::string bytes = "\x01garbage\x02";
  for (int i = 0; i < 100000; ++i) bytes += static_cast<char>(i * 7919 % 256);
  auto parser = NewIptc7901Parser();
  auto r = parser->Parse(Input{"g.txt", bytes, {}});
  EXPECT_TRUE(r.ok() || r.status().code() == StatusCode::kInvalidInput);
}

TEST(Iptc7901Parser, SniffsOnly7901) {
  auto parser = NewIptc7901Parser();
  EXPECT_EQ(parser->Sniff(ReadCorpusFile("iptc7901/IPTC7901.txt")), Confidence::kCertain);
  for (const char* file : {"anpa1312/anpa-1.tst", "anpa1312/ap_anpa-3.tst",
                           "email-rfc822/simple_email.txt", "nitf/aap.xml", "ninjs/ninjs1.json"}) {
    EXPECT_EQ(parser->Sniff(ReadCorpusFile(file)), Confidence::kNo) << file;
  }
}

TEST(Iptc7901Parser, SniffSaysNoToEveryOtherCorpusFile) {
  auto parser = NewIptc7901Parser();
  auto files = OtherCorpusHeads("iptc7901");
  EXPECT_GT(files.size(), 50u);
  for (const auto& [file, head] : files) {
    EXPECT_EQ(parser->Sniff(head), Confidence::kNo) << file;
  }
}

TEST(Iptc7901Parser, HugeLinesAreReadWithoutDeepRecursion) {
  std::string letters(1u << 20, 'A');
  std::string bytes = "\x01" + letters + "\n\x02Head =\n" + letters + " (dpa) - x\n\ndpa" +
                      std::string(1u << 19, 'a') + "\n";
  auto parser = NewIptc7901Parser();
  auto r = parser->Parse(Input{"big.txt", bytes, {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->warnings.size(), 1u);  // the header line
}

TEST(Iptc7901Parser, OversizedInputIsACleanError) {
  std::string bytes = "\x01" + std::string(5u << 20, 'a');
  auto parser = NewIptc7901Parser();
  auto r = parser->Parse(Input{"big.txt", bytes, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "big.txt: input is 5242881 bytes, over the 4 MiB limit for an IPTC 7901 story");
}

}  // namespace
}  // namespace wirepress::formats::iptc7901
