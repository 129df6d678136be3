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
  if (statement.name.empty() || prepared_.count(statement.name) != 0) return Status::Ok();
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
  PgResult r(statement.name.empty()
                 ? PQexecParams(conn_, statement.sql.c_str(), params.size(), nullptr,
                                values.data(), nullptr, nullptr, /*resultFormat=*/0)
                 : PQexecPrepared(conn_, statement.name.c_str(), params.size(), values.data(),
                                  nullptr, nullptr, /*resultFormat=*/0));
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
  return PgError(context, conn_, r.get(), info);
}

bool PgConnection::SendPipeline(const std::vector<PgStep>& steps, std::vector<int>* commands) {
  std::set<std::string> preparing;
  for (size_t i = 0; i < steps.size(); ++i) {
    const PgStatement& st = *steps[i].statement;
    if (!st.name.empty() && prepared_.count(st.name) == 0 && preparing.insert(st.name).second) {
      if (!PQsendPrepare(conn_, st.name.c_str(), st.sql.c_str(), 0, nullptr)) return false;
      commands->push_back(-1 - static_cast<int>(i));
    }
    std::vector<const char*> values = steps[i].params.Pointers();
    int n = steps[i].params.size();
    if (!(st.name.empty()
              ? PQsendQueryParams(conn_, st.sql.c_str(), n, nullptr, values.data(), nullptr,
                                  nullptr, 0)
              : PQsendQueryPrepared(conn_, st.name.c_str(), n, values.data(), nullptr, nullptr,
                                    0))) {
      return false;
    }
    commands->push_back(static_cast<int>(i));
  }
  return PQpipelineSync(conn_) == 1;
}

Result<std::vector<PgResult>> PgConnection::RunPipelined(std::string_view context,
                                                         const std::vector<PgStep>& steps,
                                                         PgErrorInfo* info) {
  if (info != nullptr) *info = PgErrorInfo{};
  for (const PgStep& step : steps) WP_RETURN_IF_ERROR(step.params.Check(context));
  if (PQenterPipelineMode(conn_) != 1) return PgError(context, conn_, nullptr);
  std::vector<int> commands;
  if (!SendPipeline(steps, &commands)) {
    broken_ = true;  // part of a pipeline may be on the wire
    return PgError(context, conn_, nullptr);
  }
  std::vector<PgResult> results(steps.size());
  Status status;
  for (int command : commands) {
    PgResult r(PQgetResult(conn_));
    if (!r) {
      broken_ = true;
      return PgError(context, conn_, nullptr);
    }
    while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);  // the command's end (NULL)
    ExecStatusType st = PQresultStatus(r.get());
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    size_t step = static_cast<size_t>(command < 0 ? -1 - command : command);
    if (ok && command < 0) prepared_.insert(steps[step].statement->name);
    if (!ok && st != PGRES_PIPELINE_ABORTED && status.ok()) {
      status = PgError(context, conn_, r.get(), info);
    }
    if (ok && command >= 0) results[step] = std::move(r);
  }
  PgResult sync(PQgetResult(conn_));
  if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC ||
      PQexitPipelineMode(conn_) != 1) {
    broken_ = true;
    if (status.ok()) status = PgError(context, conn_, nullptr);
  }
  if (!status.ok()) return status;
  return results;
}

bool PgConnection::healthy() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

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

double PgDouble(const PGresult* r, int row, int col) {
  return std::strtod(PQgetvalue(r, row, col), nullptr);
}

}  // namespace wirepress::store::postgres
