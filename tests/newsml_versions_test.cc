// NewsML 1.2 revisions through what `wirepress ingest` runs (issue 4): the
// real adapter, the ingest pipeline and a SQLite database. A PublicIdentifier
// ends in its RevisionId, so the revisions of one item have different guids;
// they must still replace each other in place, keyed on ProviderId, DateId
// and NewsItemId.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "base/time.h"
#include "formats/newsml_1/newsml_1_parser.h"
#include "formats/registry.h"
#include "ingest/pipeline.h"
#include "model/permalink.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fake_clock.h"

namespace wirepress {
namespace {

constexpr const char* kKey = "urn:newsml:afp.com:20240101T090000Z:TX-PAR-ABC12";

// `text` with every "{name}" replaced by its value.
std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    std::string field = "{" + name + "}";
    for (size_t at = text.find(field); at != std::string::npos;
         at = text.find(field, at + value.size())) {
      text.replace(at, field.size(), value);
    }
  }
  return text;
}

// Revision `rev` of one AFP item, created at 09:0<rev>.
std::string Revision(int rev, const std::string& headline) {
  return Fill(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2"><NewsEnvelope><DateAndTime>20240101T09000{R}Z</DateAndTime></NewsEnvelope>
<NewsItem><Identification><NewsIdentifier><ProviderId>afp.com</ProviderId>
<DateId>20240101T090000Z</DateId><NewsItemId>TX-PAR-ABC12</NewsItemId>
<RevisionId PreviousRevision="{P}" Update="N">{R}</RevisionId>
<PublicIdentifier>{KEY}:{R}</PublicIdentifier></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20240101T090000Z</FirstCreated>
<ThisRevisionCreated>20240101T09000{R}Z</ThisRevisionCreated><Status FormalName="Usable"/>
</NewsManagement><NewsComponent><NewsLines><HeadLine>{H}</HeadLine></NewsLines>
<ContentItem><DataContent>Body of revision {R}.</DataContent></ContentItem></NewsComponent>
</NewsItem></NewsML>
)",
      {{"KEY", kKey}, {"R", std::to_string(rev)}, {"P", std::to_string(rev - 1)}, {"H", headline}});
}

class NewsmlVersionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wirepress-newsml-versions-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto s = store::sqlite::OpenSqliteStore(dir_ + "/site.db", {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    registry_.Register(formats::newsml_1::NewNewsml1Parser());
    pipeline_ = std::make_unique<ingest::Pipeline>(ingest::IngestOptions{}, &registry_,
                                                   store_.get(), &clock_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Ingests one file; returns the action taken on its one story.
  store::PutAction Ingest(const std::string& name, const std::string& xml) {
    auto r = pipeline_->Ingest({name, xml, ""});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || r->outcomes.size() != 1) {
      ADD_FAILURE() << name << ": expected one outcome";
      return store::PutAction::kRejected;
    }
    clock_.Advance(60);
    return r->outcomes[0].action;
  }

  std::string dir_;
  testing::FakeClock clock_{*ParseIso8601("2024-01-01T10:00:00Z")};
  std::unique_ptr<store::Store> store_;
  formats::FormatRegistry registry_;
  std::unique_ptr<ingest::Pipeline> pipeline_;
};

TEST_F(NewsmlVersionsTest, SecondRevisionReplacesTheFirstInPlace) {
  ASSERT_EQ(Ingest("inbox/rev1.xml", Revision(1, "Quake hits coast")), store::PutAction::kCreated);
  auto first = store_->GetByUri(kKey);
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  EXPECT_EQ(Ingest("inbox/rev2.xml", Revision(2, "Quake kills dozens on coast")),
            store::PutAction::kUpdated);
  auto now = store_->GetByUri(kKey);
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_EQ(now->id, first->id);
  EXPECT_EQ(now->path, first->path);  // same URL
  EXPECT_EQ(now->story.headline, "Quake kills dozens on coast");
  EXPECT_EQ(now->story.uri, std::string(kKey) + ":2");  // the guid as sent
  EXPECT_EQ(now->revisions, 2);
  EXPECT_EQ(store_->Count({}).value(), 1);
  EXPECT_EQ(store_->GetByPath(first->path).value().story.version, "2");
  auto history = store_->History(kKey);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].headline, "Quake hits coast");
  EXPECT_EQ((*history)[0].uri, std::string(kKey) + ":1");
  EXPECT_EQ((*history)[1].headline, "Quake kills dozens on coast");
}

TEST_F(NewsmlVersionsTest, FirstRevisionArrivingAfterTheSecondChangesNothing) {
  ASSERT_EQ(Ingest("inbox/rev2.xml", Revision(2, "Quake kills dozens on coast")),
            store::PutAction::kCreated);
  auto before = store_->GetByUri(kKey);
  ASSERT_TRUE(before.ok()) << before.status().ToString();

  EXPECT_EQ(Ingest("inbox/rev1.xml", Revision(1, "Quake hits coast")),
            store::PutAction::kUnchanged);
  EXPECT_EQ(Ingest("inbox/rev2-again.xml", Revision(2, "Quake kills dozens on coast")),
            store::PutAction::kUnchanged);
  auto after = store_->GetByUri(kKey);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(*after, *before);
  EXPECT_EQ(store_->Count({}).value(), 1);
  EXPECT_EQ(store_->History(kKey).value().size(), 1u);
  EXPECT_EQ(store_->ChangesSince(0, 100).value().size(), 1u);
}

// The permalink comes from the key, not the guid: whichever revision
// arrives first, the story gets the same URL.
TEST_F(NewsmlVersionsTest, PathComesFromTheKeyNotTheRevisionsGuid) {
  ASSERT_EQ(Ingest("inbox/rev2.xml", Revision(2, "Quake hits coast")), store::PutAction::kCreated);
  auto rec = store_->GetByUri(kKey);
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  EXPECT_EQ(rec->path, model::StoryPath(rec->section, *ParseIso8601("2024-01-01T09:00:00Z"),
                                        "Quake hits coast", kKey));
}

}  // namespace
}  // namespace wirepress
