// Connection: one sqlite3 handle with its prepared statements cached, and
// the small RAII types the SQLite store is written with (Statement for one
// execution of a cached statement, Transaction for BEGIN/COMMIT/ROLLBACK).
//
// Every error is a Status naming what was being done plus sqlite3_errmsg,
// with a code mapped from the SQLite result: BUSY/LOCKED → Unavailable,
// CONSTRAINT → Conflict, IOERR/FULL/CANTOPEN/READONLY → IoError, else
// Internal.
//
// Thread-safety: a Connection (and its Statements) must be used by one
// thread at a time; the store hands connections out under its own locks.
#ifndef WIREPRESS_STORE_SQLITE_CONNECTION_H_
#define WIREPRESS_STORE_SQLITE_CONNECTION_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

namespace wirepress::store::sqlite {

struct ConnectionOptions {
  int busy_timeout_ms = 5000;  // wait this long for another writer's lock
  bool sync_full = false;      // synchronous=FULL instead of NORMAL
  bool read_only = false;      // query_only: a reader connection
};

class Connection;

// One execution of a cached prepared statement. Binds are positional in
// call order; the statement is reset and unbound when this is destroyed,
// ready for the next use.
class Statement {
 public:
  Statement(Connection* connection, sqlite3_stmt* stmt) : connection_(connection), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(std::int64_t value);
  Statement& Bind(std::string_view text);
  Statement& BindNull();

  // Advances to the next row: true when a row is ready, false when done.
  // The first failed Bind is reported here.
  Result<bool> Step();
  // Runs a statement that returns no rows (or ignores them).
  Status Run();

  std::int64_t Int(int column) const;
  double Double(int column) const;
  // The column as text; empty for NULL.
  std::string Text(int column) const;
  bool IsNull(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* stmt_;
  int next_index_ = 1;
  int bind_error_ = SQLITE_OK;
};

class Connection {
 public:
  // Opens (creating if missing) the database at `path` (":memory:" allowed)
  // and sets busy_timeout, synchronous and foreign_keys. Writers also
  // switch the file to WAL. IoError/Unavailable naming the path.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The cached statement for `sql`, prepared on first use.
  Result<Statement> Prepare(const std::string& sql);
  // Runs one or more statements without results (schema, pragmas).
  Status Exec(const std::string& sql, std::string_view what);

  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // The Status for the connection's last error, `what` being the operation.
  Status Error(std::string_view what, int rc) const;
  const std::string& path() const { return path_; }
  // The sqlite3 handle, for what this class does not wrap (the WAL hook).
  sqlite3* handle() const { return db_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// BEGIN IMMEDIATE on construction (so the write lock is taken up front and
// a busy database fails fast instead of deadlocking on upgrade); ROLLBACK on
// destruction unless Commit succeeded.
class Transaction {
 public:
  // REQUIRES: no transaction is open on `connection`.
  static Result<std::unique_ptr<Transaction>> Begin(Connection* connection);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;
  bool done_ = false;
};

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_CONNECTION_H_
