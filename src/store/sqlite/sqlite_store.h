// The SQLite Store: the default backend, one database file in WAL mode.
// Writes go through one writer connection under a mutex, each Put in one
// BEGIN IMMEDIATE transaction; reads use a small pool of reader
// connections that WAL lets run while a write is in progress. An in-memory
// database (":memory:") is private to one connection, so there every call
// uses the writer connection.
//
// URLs: "sqlite:///abs/path.db" (absolute), "sqlite:relative/path.db",
// "sqlite::memory:". The parent directory of the file is created if
// missing; the schema (schema.sql) is migrated on open.
//
// Thread-safety: every method may be called from any thread. Several
// processes may share one file; their writes serialise on SQLite's lock,
// waiting up to StoreOptions::busy_timeout_ms before Unavailable.
#ifndef WIREPRESS_STORE_SQLITE_SQLITE_STORE_H_
#define WIREPRESS_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace wirepress::store::sqlite {

// The database path a "sqlite:" URL names (":memory:" for sqlite::memory:).
// InvalidInput for another scheme, an empty path or a URL with a host
// ("sqlite://host/x").
Result<std::string> SqlitePathFromUrl(const std::string& url);

// Opens (creating and migrating as needed) the database at `path`.
// IoError when the file or its directory cannot be created; InvalidInput
// when the file's schema is newer than this build.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options);

// Registers the "sqlite" scheme. `registry` is not owned.
void RegisterSqliteStore(StoreRegistry* registry);

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_SQLITE_STORE_H_
