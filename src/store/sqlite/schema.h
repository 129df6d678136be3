// Schema: brings a SQLite database up to the schema in schema.sql, one
// numbered migration at a time, recording progress in PRAGMA user_version.
//
// Thread-safety: run once per database, on the writer connection, before
// other connections use it.
#ifndef WIREPRESS_STORE_SQLITE_SCHEMA_H_
#define WIREPRESS_STORE_SQLITE_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/sqlite/connection.h"

namespace wirepress::store::sqlite {

struct Migration {
  int version = 0;
  std::string sql;
};

// The migrations in `schema` (text with "-- migration: N" headers), in
// order. InvalidInput when the numbers are not 1, 2, 3, ...
Result<std::vector<Migration>> ParseMigrations(std::string_view schema);

// The schema version this build writes (the last migration's number).
int LatestSchemaVersion();

// Applies every built-in migration newer than the database's user_version,
// each in its own transaction. InvalidInput when the database is newer than
// this build (a downgrade), naming both versions.
Status Migrate(Connection* connection);

// Applies the built-in migrations up to and including `version` only, so
// tests can build a database as an older release left it.
Status MigrateTo(Connection* connection, int version);

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_SCHEMA_H_
