#include "store/sqlite/connection.h"

#include <utility>

#include "store/sqlite/search_rank_function.h"

namespace wirepress::store::sqlite {
namespace {

Status StatusFor(int rc, std::string_view what, std::string_view why) {
  switch (rc & 0xff) {  // the primary result code
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Unavailable(what, why);
    case SQLITE_CONSTRAINT: return Status::Conflict(what, why);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM: return Status::IoError(what, why);
    default: return Status::Internal(what, why);
  }
}

std::string PragmasFor(const ConnectionOptions& options) {
  std::string sql = "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms) + ";";
  sql += "PRAGMA foreign_keys = ON;";
  sql += options.sync_full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
  if (options.read_only) {
    sql += "PRAGMA query_only = ON;";
  } else {
    // WAL lets readers run during a write; the setting persists in the file.
    sql += "PRAGMA journal_mode = WAL;";
    // Checkpoint every 16k pages (64 MiB of WAL) instead of SQLite's 1k: a
    // backlog's hot pages (indexes, FTS segments) are copied into the
    // database once per checkpoint, not sixteen times. Ingest of 10k
    // stories: 3.3 s instead of 4.2 s (doc/benchmarks.md). Costs up to
    // 64 MiB of disk and a longer WAL replay after a crash.
    sql += "PRAGMA wal_autocheckpoint = 16384;";
    // The writer's page cache: 64 MiB instead of 2 MiB, and reads through
    // a memory map instead of read(2) copies. At 100k stories the unique
    // indexes (uri, path) and the FTS segments being merged no longer fit
    // in 2 MiB and were re-read through the kernel for every batch: ingest
    // of 100k stories 39.0 s -> 31.3 s CPU (doc/benchmarks.md).
    sql += "PRAGMA cache_size = -65536;";
    sql += "PRAGMA mmap_size = 1073741824;";
  }
  return sql;
}

}  // namespace

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      next_index_(other.next_index_),
      bind_error_(other.bind_error_) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, next_index_++, value);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, next_index_++, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::BindNull() {
  int rc = sqlite3_bind_null(stmt_, next_index_++);
  if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Result<bool> Statement::Step() {
  auto what = [this] { return std::string("running \"") + sqlite3_sql(stmt_) + "\""; };
  if (bind_error_ != SQLITE_OK) return connection_->Error("binding for " + what(), bind_error_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->Error(what(), rc);
}

Status Statement::Run() {
  while (true) {
    WP_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                     const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = StatusFor(rc, "opening SQLite database " + path,
                         db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<Connection> connection(new Connection(db, path));
  WP_RETURN_IF_ERROR(connection->Exec(PragmasFor(options), "configuring SQLite database " + path));
  WP_RETURN_IF_ERROR(RegisterSearchRank(db));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<Statement> Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return Error("preparing \"" + sql + "\"", rc);
    it = statements_.emplace(sql, stmt).first;
  }
  return Statement(this, it->second);
}

Status Connection::Exec(const std::string& sql, std::string_view what) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string why = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return StatusFor(rc, std::string(what) + " (" + path_ + ")", why);
}

Status Connection::Error(std::string_view what, int rc) const {
  return StatusFor(rc, std::string(what) + " (" + path_ + ")", sqlite3_errmsg(db_));
}

Result<std::unique_ptr<Transaction>> Transaction::Begin(Connection* connection) {
  WP_RETURN_IF_ERROR(connection->Exec("BEGIN IMMEDIATE", "starting a write transaction"));
  return std::unique_ptr<Transaction>(new Transaction(connection));
}

Transaction::~Transaction() {
  if (done_) return;
  // Nothing useful can be done if ROLLBACK fails: the connection returns to
  // autocommit when the database is closed, and the next BEGIN reports it.
  (void)connection_->Exec("ROLLBACK", "rolling back");
}

Status Transaction::Commit() {
  WP_RETURN_IF_ERROR(connection_->Exec("COMMIT", "committing a write transaction"));
  done_ = true;
  return Status::Ok();
}

}  // namespace wirepress::store::sqlite
