// The PostgreSQL schema and its migrations. schema.sql (embedded at
// configure time) holds numbered blocks; Migrate applies the ones a
// database lacks, each recorded in the schema_version table, inside one
// transaction that holds an advisory lock, so several workers and servers
// starting at once apply every block exactly once and never see a half
// migrated schema.
//
// Thread-safety: pure functions plus Migrate, which uses the connection it
// is given.
#ifndef WIREPRESS_STORE_POSTGRES_PG_SCHEMA_H_
#define WIREPRESS_STORE_POSTGRES_PG_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/postgres/pg_connection.h"

namespace wirepress::store::postgres {

struct Migration {
  int version = 0;  // 1, 2, ... in order
  std::string sql;  // one or more statements
};

// Splits schema text at "-- migration: N" lines. InvalidInput when the
// numbers are not 1, 2, 3, ... or there are none.
Result<std::vector<Migration>> ParseMigrations(std::string_view schema);

// The newest version the built-in schema defines.
int LatestSchemaVersion();

// Brings the database (the first schema on the connection's search_path)
// to LatestSchemaVersion(). InvalidInput when the database is newer than
// this build; the Status of the failing statement otherwise.
Status Migrate(PgConnection* conn);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_SCHEMA_H_
