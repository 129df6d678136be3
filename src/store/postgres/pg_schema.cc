#include "store/postgres/pg_schema.h"

#include "base/strings.h"
#include "store/postgres/schema_sql.h"

namespace wirepress::store::postgres {
namespace {

constexpr std::string_view kHeader = "-- migration:";

// Serialises migrators on one database (per schema); the key only has to
// differ from the change-log lock's.
const PgStatement kLockMigrations{
    "wp_lock_migrations",
    "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':wirepress.migrate', 0))"};
const PgStatement kCurrentVersion{"wp_schema_version",
                                  "SELECT coalesce(max(version), 0) FROM schema_version"};
const PgStatement kRecordVersion{"wp_record_schema_version",
                                 "INSERT INTO schema_version (version) VALUES ($1)"};
constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version integer PRIMARY KEY,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

const std::vector<Migration>& BuiltinMigrations() {
  // pg_schema_test checks the embedded schema parses; a broken one is a bug.
  static const std::vector<Migration> kMigrations = [] {
    auto parsed = ParseMigrations(kSchemaSql);
    return parsed.ok() ? std::move(parsed).value() : std::vector<Migration>{};
  }();
  return kMigrations;
}

Status ApplyMissing(PgConnection* conn, int current) {
  for (const Migration& m : BuiltinMigrations()) {
    if (m.version <= current) continue;
    std::string what = "applying PostgreSQL schema migration " + std::to_string(m.version);
    WP_RETURN_IF_ERROR(conn->Exec(what, m.sql));
    WP_RETURN_IF_ERROR(
        conn->Run(what, kRecordVersion, PgParams().Add(std::int64_t{m.version})).status());
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Migration>> ParseMigrations(std::string_view schema) {
  std::vector<Migration> out;
  for (std::string_view line : Split(schema, '\n')) {
    if (StartsWith(line, kHeader)) {
      int version = 0;
      if (!ParseInt(Trim(line.substr(kHeader.size())), &version) ||
          version != static_cast<int>(out.size()) + 1) {
        return Status::InvalidInput("reading schema migrations",
                                    "expected migration " + std::to_string(out.size() + 1) +
                                        ", found \"" + std::string(line) + "\"");
      }
      out.push_back({version, ""});
    } else if (!out.empty()) {
      out.back().sql.append(line).append("\n");
    }
  }
  if (out.empty()) return Status::InvalidInput("reading schema migrations", "none found");
  return out;
}

int LatestSchemaVersion() { return static_cast<int>(BuiltinMigrations().size()); }

Status Migrate(PgConnection* conn) {
  const std::string what = "migrating the PostgreSQL schema";
  if (BuiltinMigrations().empty()) return Status::Internal(what, "the built-in schema is empty");
  WP_RETURN_IF_ERROR(conn->Exec(what, "BEGIN"));
  Status status = [&]() -> Status {
    WP_RETURN_IF_ERROR(conn->Run(what, kLockMigrations, PgParams()).status());
    WP_RETURN_IF_ERROR(conn->Exec(what, kCreateVersionTable));
    WP_ASSIGN_OR_RETURN(PgResult r, conn->Run(what, kCurrentVersion, PgParams()));
    int current = static_cast<int>(PgInt64(r.get(), 0, 0));
    if (current > LatestSchemaVersion()) {
      return Status::InvalidInput(what, "database schema version " + std::to_string(current) +
                                            " is newer than this build's " +
                                            std::to_string(LatestSchemaVersion()) +
                                            "; upgrade wirepress");
    }
    WP_RETURN_IF_ERROR(ApplyMissing(conn, current));
    return conn->Exec(what, "COMMIT");
  }();
  if (!status.ok() && conn->in_transaction()) {
    (void)conn->Exec("rolling back a failed migration", "ROLLBACK");
  }
  return status;
}

}  // namespace wirepress::store::postgres
