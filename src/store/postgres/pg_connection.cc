#include "store/postgres/pg_connection.h"

#include <cstdlib>
#include <utility>

#include "base/logging.h"
#include "base/strings.h"

namespace wirepress::store::postgres {
namespace {

// Server notices ("relation already exists, skipping") would go to stderr
// by default; they are debugging detail, not errors.
void OnNotice(void*, const char* message) {
  LogDebug("postgres_notice", {{"message", Trim(message)}});
}

// libpq messages span lines ("ERROR:  ...\nDETAIL:  ..."); logs and CLI
// output want one line.
std::string OneLine(std::string_view message) { return CollapseWhitespace(message); }

void AppendArrayElement(std::string* out, std::string_view value) {
  out->push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

PgParams& PgParams::Add(std::string value) {
  values_.emplace_back(std::move(value));
  return *this;
}

PgParams& PgParams::AddNull() {
  values_.emplace_back(std::nullopt);
  return *this;
}

PgParams& PgParams::AddTextArray(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal.push_back(',');
    AppendArrayElement(&literal, values[i]);
  }
  literal.push_back('}');
  return Add(std::move(literal));
}

PgParams& PgParams::AddInt64Array(const std::vector<std::int64_t>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal.push_back(',');
    literal += std::to_string(values[i]);
  }
  literal.push_back('}');
  return Add(std::move(literal));
}

std::vector<const char*> PgParams::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

Status PgParams::Check(std::string_view context) const {
  for (size_t i = 0; i < values_.size(); ++i) {
    if (values_[i] && values_[i]->find('\0') != std::string::npos) {
      return Status::InvalidInput(context, "parameter $" + std::to_string(i + 1) +
                                               " contains a NUL byte");
    }
  }
  return Status::Ok();
}

StatusCode PgStatusCode(std::string_view sqlstate) {
  if (sqlstate.empty()) return StatusCode::kUnavailable;  // no answer from the server
  std::string_view cls = sqlstate.substr(0, 2);
  if (cls == "08" || cls == "53" || cls == "58") return StatusCode::kUnavailable;
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03" ||
      sqlstate == "57014") {
    return StatusCode::kUnavailable;  // shutdown, restart, cancel or statement timeout
  }
  if (sqlstate == "23505" || sqlstate == "40001" || sqlstate == "40P01") {
    return StatusCode::kConflict;
  }
  if (cls == "22") return StatusCode::kInvalidInput;
  return StatusCode::kInternal;
}

Status PgError(std::string_view context, PGconn* conn, const PGresult* result,
               PgErrorInfo* info) {
  std::string sqlstate, constraint, message;
  if (result != nullptr) {
    const char* s = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const char* c = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    sqlstate = s ? s : "";
    constraint = c ? c : "";
    message = OneLine(PQresultErrorMessage(result));
  }
  if (message.empty()) message = OneLine(PQerrorMessage(conn));
  if (message.empty()) message = "no answer from the server";
  if (info != nullptr) *info = PgErrorInfo{sqlstate, constraint};
  StatusCode code = PgStatusCode(sqlstate);
  if (PQstatus(conn) != CONNECTION_OK) code = StatusCode::kUnavailable;
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  switch (code) {
    case StatusCode::kUnavailable: return Status::Unavailable(context, message);
    case StatusCode::kConflict: return Status::Conflict(context, message);
    case StatusCode::kInvalidInput: return Status::InvalidInput(context, message);
    default: return Status::Internal(context, message);
  }
}

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& url) {
  // Keywords before "dbname" are defaults the URL may override; those after
  // it are forced (the store reads and writes UTF-8).
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                            "client_encoding", nullptr};
  const char* values[] = {"10", "wirepress", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Status::Unavailable("connecting to PostgreSQL", "out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    Status status = Status::Unavailable("connecting to PostgreSQL", OneLine(PQerrorMessage(conn)));
    PQfinish(conn);
    return status;
  }
  PQsetNoticeProcessor(conn, OnNotice, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Status PgConnection::Exec(std::string_view context, const std::string& sql) {
  PgResult r(PQexec(conn_, sql.c_str()));
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::Ok();
  return PgError(context, conn_, r.get());
}

Status PgConnection::Prepare(std::string_view context, const PgStatement& statement) {
  if (prepared_.count(statement.name) != 0) return Status::Ok();
  PgResult r(PQprepare(conn_, statement.name.c_str(), statement.sql.c_str(), 0, nullptr));
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
    return PgError(std::string(context) + " (preparing " + statement.name + ")", conn_, r.get());
  }
  prepared_.insert(statement.name);
  return Status::Ok();
}

Result<PgResult> PgConnection::Run(std::string_view context, const PgStatement& statement,
                                   const PgParams& params, PgErrorInfo* info) {
  WP_RETURN_IF_ERROR(params.Check(context));
  if (Status s = Prepare(context, statement); !s.ok()) {
    if (info != nullptr) *info = PgErrorInfo{};
    return s;
  }
  std::vector<const char*> values = params.Pointers();
  PgResult r(PQexecPrepared(conn_, statement.name.c_str(), params.size(), values.data(), nullptr,
                            nullptr, /*resultFormat=*/0));
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
  return PgError(context, conn_, r.get(), info);
}

bool PgConnection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::in_transaction() const {
  PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

std::string_view PgText(const PGresult* r, int row, int col) {
  return std::string_view(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
}

bool PgIsNull(const PGresult* r, int row, int col) { return PQgetisnull(r, row, col) != 0; }

std::int64_t PgInt64(const PGresult* r, int row, int col) {
  return std::strtoll(PQgetvalue(r, row, col), nullptr, 10);
}

}  // namespace wirepress::store::postgres
