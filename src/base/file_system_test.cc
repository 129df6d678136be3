#include "base/file_system.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace wirepress {
namespace {

class RealFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/wirepress-fs-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  std::string dir_;
};

TEST_F(RealFileSystemTest, WriteAtomicCreatesParentsAndReadsBack) {
  FileSystem& fs = RealFileSystem();
  std::string path = JoinPath(dir_, "a/b/c.txt");
  ASSERT_TRUE(fs.WriteFileAtomic(path, "hello").ok());
  EXPECT_EQ(*fs.ReadFile(path), "hello");
  auto names = fs.ListDir(JoinPath(dir_, "a/b"));
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"c.txt"});  // no temp file left
}

TEST_F(RealFileSystemTest, MissingFileIsNotFoundNamingThePath) {
  auto r = RealFileSystem().ReadFile(JoinPath(dir_, "nope"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), dir_ + "/nope: no such file");
}

TEST_F(RealFileSystemTest, FileRenamedOverThePathIsAnotherFile) {
  FileSystem& fs = RealFileSystem();
  std::string path = JoinPath(dir_, "latest.xml");
  ASSERT_TRUE(fs.WriteFileAtomic(path, "same").ok());
  Result<FileInfo> first = fs.Stat(path);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(FileChanged(*first, *fs.Stat(path)));
  // Same size, most likely the same second: only the inode tells.
  ASSERT_TRUE(fs.WriteFileAtomic(path, "sam2").ok());
  EXPECT_TRUE(FileChanged(*first, *fs.Stat(path)));
  ASSERT_TRUE(fs.Remove(path).ok());
  EXPECT_TRUE(FileChanged(*first, *fs.Stat(path)));
}

TEST(Paths, JoinBaseDir) {
  EXPECT_EQ(JoinPath("a/", "/b"), "a/b");
  EXPECT_EQ(BaseName("x/y/z.xml"), "z.xml");
  EXPECT_EQ(DirName("x/y/z.xml"), "x/y");
  EXPECT_EQ(DirName("z.xml"), ".");
}

}  // namespace
}  // namespace wirepress
