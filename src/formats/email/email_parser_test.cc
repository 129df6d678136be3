#include "formats/email/email_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/strings.h"
#include "formats/testing/corpus_expectations.h"
#include "formats/testing/corpus_files.h"

namespace wirepress::formats::email {
namespace {

using testing::OtherCorpusHeads;
using testing::ReadCorpusFile;

model::Story ParseOne(std::string_view bytes) {
  auto parser = NewEmailParser();
  auto r = parser->Parse(Input{"mail.eml", bytes, {}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok() || r->stories.size() != 1) return {};
  return r->stories[0];
}

TEST(EmailParser, AgreesWithTheCorpus) {
  auto parser = NewEmailParser();
  EXPECT_EQ(testing::CheckCorpus(*parser, "email-rfc822"), std::vector<std::string>{});
}

TEST(EmailParser, ReadsTheSimpleEmail) {
  model::Story s = ParseOne(ReadCorpusFile("email-rfc822/simple_email.txt"));
  EXPECT_EQ(s.uri, "CAHU3GgVHd6C_RSMQXvOhr6V-Ya0LwdBkqpbZ_qUwGF8JvhrQVg@mail.gmail.com");
  EXPECT_EQ(s.firstcreated, ParseIso8601("2015-02-19T06:18:40Z"));
  EXPECT_EQ(s.byline, "a sender");
  EXPECT_EQ(s.body_html, "<p>body text</p>");
  EXPECT_EQ(s.format, "email-rfc822");
}

TEST(EmailParser, MislabelledSubjectComesOutRight) {
  model::Story s = ParseOne(ReadCorpusFile("email-rfc822/odd_charset_email.txt"));
  EXPECT_EQ(s.headline, "TravTalk\xE2\x80\x99s Special for TAAI convention");
  EXPECT_EQ(s.byline, "Ben Everill");
  EXPECT_NE(s.body_html.find("<p>LOS ANGELES, March 10 AAP \xE2\x80\x93 Adam Scott is hoping to live up "
                             "to his favourite tag as he searches for more competitive reps in his "
                             "Masters preparations.</p>"),
            std::string::npos);
  EXPECT_EQ(s.body_html.find("confidential"), std::string::npos);
  EXPECT_EQ(s.firstcreated, ParseIso8601("2015-03-10T21:17:01Z"));
}

TEST(EmailParser, ReadsGoogleFormFields) {
  model::Story s = ParseOne(ReadCorpusFile("email-rfc822/googleform.txt"));
  EXPECT_EQ(s.headline, "TEST NZ HEADER");
  EXPECT_EQ(s.slugline, "NZTEST");
  EXPECT_EQ(s.description_text, "Something about the NZ story here.");
  EXPECT_EQ(s.urgency, 1);
  EXPECT_EQ(s.byline, "E Harvey");
  EXPECT_EQ(s.located, "AUCKLAND");
  EXPECT_EQ(s.agency, "AAP");
  EXPECT_EQ(s.keywords, (std::vector<std::string>{"INTERNATIONAL NEWS", "ARTICLE (NEWS)"}));
  EXPECT_TRUE(StartsWith(s.body_html, "<p>Prisoners allegedly drunk on homebrew"));
  EXPECT_EQ(Split(s.body_html, '/').size(), 4u);  // three paragraphs
}

TEST(EmailParser, HtmlOnlyMailIsSanitized) {
  model::Story s = ParseOne(
      "From: Desk <desk@afp.com>\r\nSubject: Fwd: Head\r\nDate: Tue, 15 May 2018 10:00:00 GMT\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n"
      "<p onclick=\"x()\">Text</p><script>alert(1)</script>\r\n");
  EXPECT_EQ(s.headline, "Head");
  EXPECT_EQ(s.agency, "AFP");
  EXPECT_EQ(s.body_html, "<p>Text</p>");
  EXPECT_TRUE(StartsWith(s.uri, "urn:wirepress:email:"));
}

TEST(EmailParser, HardWrappedPlainTextJoinsLines) {
  model::Story s = ParseOne("From: a@b.c\r\nSubject: S\r\n\r\nOne line\r\nwrapped.\r\n\r\nTwo.\r\n");
  EXPECT_EQ(s.body_html, "<p>One line wrapped.</p><p>Two.</p>");
}

TEST(EmailParser, NotAnEmailIsAnErrorAtTheFirstLine) {
  auto parser = NewEmailParser();
  auto r = parser->Parse(Input{"in/m.eml", "\n\nHello world\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in/m.eml:3:1: not an e-mail: expected a header block (From:, Subject:, Date: ...) "
            "at the start\nHello world\n^");
}

TEST(EmailParser, MailWithoutSubjectOrBodyIsAnError) {
  auto parser = NewEmailParser();
  auto r = parser->Parse(Input{"in/m.eml", "From: a@b.c\nTo: d@e.f\n\n\n", {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "in/m.eml:1:1: no Subject header and no text body\nFrom: a@b.c\n^");
}

TEST(EmailParser, GarbageBodyDoesNotCrash) {
  std::string bytes = "From: a@b.c\nSubject: x\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\n";
  for (int i = 0; i < 100000; ++i) bytes += static_cast<char>(i * 7919 % 256);
  auto parser = NewEmailParser();
  auto r = parser->Parse(Input{"g.eml", bytes, {}});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST(EmailParser, SniffsOnlyMail) {
  auto parser = NewEmailParser();
  EXPECT_EQ(parser->Sniff(ReadCorpusFile("email-rfc822/simple_email.txt")), Confidence::kCertain);
  EXPECT_EQ(parser->Sniff(ReadCorpusFile("email-rfc822/googleform.txt")), Confidence::kCertain);
  for (const char* file : {"anpa1312/anpa-1.tst", "iptc7901/IPTC7901.txt", "nitf/aap.xml",
                           "ninjs/ninjs1.json", "rss-atom/wenn.xml"}) {
    EXPECT_EQ(parser->Sniff(ReadCorpusFile(file)), Confidence::kNo) << file;
  }
  EXPECT_EQ(parser->Sniff("Headline: x\n\nSochi (Russia), May 15 (AFP) Text"), Confidence::kNo);
}

TEST(EmailParser, SniffSaysNoToEveryOtherCorpusFile) {
  auto parser = NewEmailParser();
  auto files = OtherCorpusHeads("email-rfc822");
  EXPECT_GT(files.size(), 50u);
  for (const auto& [file, head] : files) {
    EXPECT_EQ(parser->Sniff(head), Confidence::kNo) << file;
  }
}

TEST(EmailParser, OversizedTextPartIsACleanError) {
  std::string bytes = "From: a@b.c\nSubject: x\n\n" + std::string(5u << 20, '\n');
  auto parser = NewEmailParser();
  auto r = parser->Parse(Input{"big.eml", bytes, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "big.eml: text part is 5242880 bytes, over the 4 MiB limit for story text");
}

}  // namespace
}  // namespace wirepress::formats::email
