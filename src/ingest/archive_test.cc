#include "ingest/archive.h"

#include <gtest/gtest.h>

#include "testing/fake_clock.h"
#include "testing/memory_file_system.h"

namespace wirepress::ingest {
namespace {

class ArchiveTest : public ::testing::Test {
 protected:
  testing::FakeClock clock_{*ParseIso8601("2019-05-15T23:59:59Z")};
  testing::MemoryFileSystem fs_;
  InputArchive archive_{"data", &fs_, &clock_};
};

TEST_F(ArchiveTest, ReasonTextIsTheDiagnosticThenCodeAndTime) {
  Status why = Status::InvalidInput("in/a.xml:3:5", "bad tag").Wrap(StatusCode::kInvalidInput,
                                                                    "in/a.xml: cannot parse");
  EXPECT_EQ(FormatReason(why, clock_.Now()),
            "in/a.xml: cannot parse\n  caused by: in/a.xml:3:5: bad tag\n\n"
            "error: InvalidInput\nfailed at: 2019-05-15T23:59:59Z\n");
}

TEST_F(ArchiveTest, KeptPushBodiesGoToFailedOrProcessedByDay) {
  auto failed = archive_.KeepFailed("p.txt", "body", Status::InvalidInput("push:p.txt", "empty"));
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(*failed, "data/failed/p.txt");
  EXPECT_EQ(*fs_.ReadFile("data/failed/p.txt"), "body");
  EXPECT_EQ(archive_.FailureReason("p.txt")->substr(0, 18), "push:p.txt: empty\n");
  auto done = archive_.KeepProcessed("p.txt", "body");
  EXPECT_EQ(*done, "data/processed/2019/05/15/p.txt");
}

TEST_F(ArchiveTest, ListFailedShowsInputsNotReasonsAndNoFolderMeansNone) {
  EXPECT_TRUE(archive_.ListFailed()->empty());
  ASSERT_TRUE(archive_.KeepFailed("b", "x", Status::InvalidInput("b", "no")).ok());
  ASSERT_TRUE(archive_.KeepFailed("a", "x", Status::InvalidInput("a", "no")).ok());
  ASSERT_TRUE(archive_.KeepFailed("a", "y", Status::InvalidInput("a", "again")).ok());
  EXPECT_EQ(*archive_.ListFailed(), (std::vector<std::string>{"a", "a.1", "b"}));
  EXPECT_EQ(*fs_.ReadFile("data/failed/a.1"), "y");
}

TEST_F(ArchiveTest, ReplayRefusesReasonFilesAndUnknownNames) {
  ASSERT_TRUE(archive_.KeepFailed("a", "x", Status::InvalidInput("a", "no")).ok());
  EXPECT_EQ(archive_.Replay("a.reason.txt", "data/inbox").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(archive_.Replay("zzz", "data/inbox").status().message(),
            "replaying data/failed/zzz: no such failed input");
}

}  // namespace
}  // namespace wirepress::ingest
