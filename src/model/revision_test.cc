#include "model/revision.h"

#include <gtest/gtest.h>

namespace wirepress::model {
namespace {

Story V(std::string version, std::int64_t vc = 0) {
  Story s;
  s.uri = "tag:x";
  s.version = std::move(version);
  if (vc) s.versioncreated = Timestamp{vc};
  return s;
}

TEST(Revision, LaterVersionCreatedWinsOverVersionNumber) {
  // Reuters' version ids are not monotonic; the timestamps are.
  EXPECT_EQ(CompareRevision(V("1542761538", 100), V("978556838", 200)), RevisionOrder::kNewer);
  EXPECT_EQ(CompareRevision(V("978556838", 200), V("1542761538", 100)), RevisionOrder::kOlder);
}

TEST(Revision, IntegerVersionsCompareNumerically) {
  EXPECT_EQ(CompareRevision(V("2"), V("10")), RevisionOrder::kNewer);
  EXPECT_EQ(CompareRevision(V("10"), V("2")), RevisionOrder::kOlder);
}

TEST(Revision, SameVersionIsADuplicate) {
  EXPECT_EQ(CompareRevision(V("3", 50), V("3", 50)), RevisionOrder::kSame);
  EXPECT_EQ(CompareRevision(V(""), V("")), RevisionOrder::kSame);
}

}  // namespace
}  // namespace wirepress::model
