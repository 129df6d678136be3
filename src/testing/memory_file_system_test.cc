#include "testing/memory_file_system.h"

#include <gtest/gtest.h>

#include "testing/fake_clock.h"

namespace wirepress::testing {
namespace {

TEST(NormalizePath, FoldsSlashesDotsAndParents) {
  EXPECT_EQ(NormalizePath("a//b/./c/"), "a/b/c");
  EXPECT_EQ(NormalizePath("/x/../y"), "/y");
  EXPECT_EQ(NormalizePath(""), ".");
  EXPECT_EQ(NormalizePath("/"), "/");
}

TEST(MemoryFileSystem, WriteCreatesParentsAndReadsBack) {
  FakeClock clock(Timestamp{100});
  MemoryFileSystem fs(&clock);
  ASSERT_TRUE(fs.WriteFileAtomic("data/inbox/a.txt", "hello").ok());
  EXPECT_EQ(*fs.ReadFile("data//inbox/./a.txt"), "hello");
  auto info = fs.Stat("data/inbox");
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->is_directory);
  auto file = fs.Stat("data/inbox/a.txt");
  EXPECT_EQ(file->size, 5u);
  EXPECT_EQ(file->modified, Timestamp{100});
}

TEST(MemoryFileSystem, MissingFileIsNotFoundNamingThePath) {
  MemoryFileSystem fs;
  Result<std::string> r = fs.ReadFile("nope.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "nope.txt: no such file");
  EXPECT_FALSE(fs.Stat("nope.txt")->exists);
}

TEST(MemoryFileSystem, ListDirGivesSortedNamesOfFilesAndDirs) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFileAtomic("d/b.txt", "").ok());
  ASSERT_TRUE(fs.WriteFileAtomic("d/a.txt", "").ok());
  ASSERT_TRUE(fs.WriteFileAtomic("d/sub/c.txt", "").ok());
  EXPECT_EQ(*fs.ListDir("d"), (std::vector<std::string>{"a.txt", "b.txt", "sub"}));
  EXPECT_EQ(fs.ListDir("missing").status().code(), StatusCode::kNotFound);
}

TEST(MemoryFileSystem, RenameMovesAndCreatesTargetDirs) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFileAtomic("in/a", "x").ok());
  ASSERT_TRUE(fs.Rename("in/a", "out/2019/a").ok());
  EXPECT_FALSE(fs.Exists("in/a"));
  EXPECT_EQ(*fs.ReadFile("out/2019/a"), "x");
  EXPECT_EQ(fs.Rename("in/a", "x").code(), StatusCode::kNotFound);
}

TEST(MemoryFileSystem, InjectedFailuresHitOnlyThePrefix) {
  MemoryFileSystem fs;
  fs.FailWritesUnder("data/failed");
  EXPECT_EQ(fs.WriteFileAtomic("data/failed/a", "x").code(), StatusCode::kIoError);
  EXPECT_TRUE(fs.WriteFileAtomic("data/ok/a", "x").ok());
  fs.FailWritesUnder("");
  EXPECT_TRUE(fs.WriteFileAtomic("data/failed/a", "x").ok());
}

}  // namespace
}  // namespace wirepress::testing
