#include "store/postgres/pg_schema.h"

#include <gtest/gtest.h>

namespace wirepress::store::postgres {
namespace {

TEST(PgSchema, BuiltinSchemaParses) { EXPECT_GE(LatestSchemaVersion(), 1); }

TEST(PgSchema, SplitsNumberedMigrations) {
  auto m = ParseMigrations("-- intro\n-- migration: 1\nCREATE TABLE a ();\n-- migration: 2\nX;");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->size(), 2u);
  EXPECT_EQ((*m)[0].version, 1);
  EXPECT_EQ((*m)[0].sql, "CREATE TABLE a ();\n");
  EXPECT_EQ((*m)[1].sql, "X;\n");
}

TEST(PgSchema, RejectsGapsAndEmptySchemas) {
  EXPECT_EQ(ParseMigrations("-- migration: 2\nX;\n").status().message(),
            "reading schema migrations: expected migration 1, found \"-- migration: 2\"");
  EXPECT_EQ(ParseMigrations("nothing").status().code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace wirepress::store::postgres
