// PgConnection: one libpq connection with RAII ownership, statements that
// are prepared on first use, and every failure turned into a Status built
// as (what we were doing, PQerrorMessage). Nothing here throws; libpq
// does not either.
//
// Error codes: a lost or refused connection, a server shutting down, too
// many connections or a full disk is Unavailable (retry later); a unique
// violation, serialization failure or deadlock is Conflict; bad data
// (invalid UTF-8, a value out of range) is InvalidInput; anything else is
// Internal. Callers that must tell conflicts apart pass a PgErrorInfo.
//
// Thread-safety: a PgConnection is used by one thread at a time (PgPool
// hands each caller its own).
#ifndef WIREPRESS_STORE_POSTGRES_PG_CONNECTION_H_
#define WIREPRESS_STORE_POSTGRES_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace wirepress::store::postgres {

// Owns a PGresult.
struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// A named statement, prepared once per connection the first time it runs.
// An empty name runs the text unprepared, planned for its actual values
// every time (for queries whose best plan depends on them).
struct PgStatement {
  std::string name;  // unique per statement text, or "" (unprepared)
  std::string sql;   // $1..$n parameters
};

// The SQLSTATE ("23505") and, for constraint violations, the constraint
// name of a failed statement; empty when the failure was not the server's.
struct PgErrorInfo {
  std::string sqlstate;
  std::string constraint;
};

// Text-format parameters for one statement; absent values are SQL NULL.
class PgParams {
 public:
  PgParams& Add(std::string value);
  PgParams& Add(std::int64_t value) { return Add(std::to_string(value)); }
  PgParams& AddNull();
  // A text[] literal ({"a","b"}) of `values`.
  PgParams& AddTextArray(const std::vector<std::string>& values);
  // A bigint[] literal of `values`.
  PgParams& AddInt64Array(const std::vector<std::int64_t>& values);

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for PQexecPrepared; valid while *this is unchanged.
  std::vector<const char*> Pointers() const;
  // InvalidInput when a value holds a NUL byte (libpq would cut it there).
  Status Check(std::string_view context) const;

 private:
  std::vector<std::optional<std::string>> values_;
};

// One statement of a pipeline (PgConnection::RunPipelined).
struct PgStep {
  const PgStatement* statement;  // not owned
  PgParams params;
};

class PgConnection {
 public:
  // Connects to `url` ("postgresql://user@host:port/db?..." or any libpq
  // connection string). Unavailable when the server cannot be reached or
  // refuses the login, with libpq's reason.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more SQL commands without parameters (DDL, BEGIN, COMMIT).
  Status Exec(std::string_view context, const std::string& sql);
  // Runs `statement` (preparing it first if this connection has not yet)
  // and returns its rows. `context` names what we were doing. On failure
  // `*info` (if given) says which SQLSTATE the server reported.
  Result<PgResult> Run(std::string_view context, const PgStatement& statement,
                       const PgParams& params, PgErrorInfo* info = nullptr);

  // Runs `steps` in one round trip (libpq pipeline mode) and returns their
  // results in order. The server skips the steps after a failing one; the
  // failing step's Status is returned (and `*info` filled) then. A
  // transaction opened by an earlier step stays open: the caller rolls
  // back.
  Result<std::vector<PgResult>> RunPipelined(std::string_view context,
                                             const std::vector<PgStep>& steps,
                                             PgErrorInfo* info = nullptr);

  // False once the connection is broken; the pool then drops it.
  bool healthy() const;
  // True while a transaction block is open (or failed and not rolled back).
  bool in_transaction() const;

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Status Prepare(std::string_view context, const PgStatement& statement);

  // Sends `steps` (preparing statements not yet prepared), then a sync.
  // Appends to `*commands` what each sent command was: the index of the
  // step it executes, or -1 - index for preparing that step's statement.
  bool SendPipeline(const std::vector<PgStep>& steps, std::vector<int>* commands);

  PGconn* conn_;
  std::set<std::string> prepared_;
  bool broken_ = false;  // the protocol state is unknown after a failed pipeline
};

// The Status for a failed `result` (which may be null) on `conn`; fills
// `*info` when given.
Status PgError(std::string_view context, PGconn* conn, const PGresult* result,
               PgErrorInfo* info = nullptr);
// The Status code for a SQLSTATE (see the file comment); "" (no server
// answer) is Unavailable.
StatusCode PgStatusCode(std::string_view sqlstate);

// Row access helpers: the text of (row, col), or its value parsed.
std::string_view PgText(const PGresult* r, int row, int col);
bool PgIsNull(const PGresult* r, int row, int col);
std::int64_t PgInt64(const PGresult* r, int row, int col);
double PgDouble(const PGresult* r, int row, int col);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_CONNECTION_H_
