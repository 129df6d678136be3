#include "base/status.h"

#include <gtest/gtest.h>

namespace wirepress {
namespace {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidInput("halving " + std::to_string(x), "odd number");
  return x / 2;
}

Result<int> Quarter(int x) {
  WP_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(Status, MessageIsContextThenReason) {
  Status s = Status::IoError("/tmp/x", "No such file or directory");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.ToString(), "IoError: /tmp/x: No such file or directory");
}

TEST(Status, WrapKeepsTheCauseChain) {
  Status inner = Status::Unavailable("connecting to db", "refused");
  Status outer = inner.Wrap(StatusCode::kInternal, "ingesting a.xml");
  EXPECT_EQ(outer.ToString(),
            "Internal: ingesting a.xml\n  caused by: Unavailable: connecting to db: refused");
}

TEST(Result, PropagatesErrorsThroughAssignOrReturn) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "halving 3: odd number");
}

}  // namespace
}  // namespace wirepress
