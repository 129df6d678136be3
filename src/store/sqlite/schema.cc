#include "store/sqlite/schema.h"

#include "base/strings.h"
#include "store/sqlite/schema_sql.h"

namespace wirepress::store::sqlite {
namespace {

constexpr std::string_view kHeader = "-- migration:";

const std::vector<Migration>& BuiltinMigrations() {
  // The embedded schema is checked by schema_test; a broken one is a bug.
  static const std::vector<Migration> kMigrations = [] {
    auto parsed = ParseMigrations(kSchemaSql);
    return parsed.ok() ? std::move(parsed).value() : std::vector<Migration>{};
  }();
  return kMigrations;
}

Result<int> UserVersion(Connection* connection) {
  WP_ASSIGN_OR_RETURN(Statement stmt, connection->Prepare("PRAGMA user_version"));
  WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? static_cast<int>(stmt.Int(0)) : 0;
}

// Re-reads the version inside the write transaction: another process may
// have applied the migration since we first looked.
Status ApplyIfNeeded(Connection* connection, const Migration& m) {
  std::string what = "applying schema migration " + std::to_string(m.version);
  WP_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(connection));
  WP_ASSIGN_OR_RETURN(int current, UserVersion(connection));
  if (current >= m.version) return txn->Commit();
  WP_RETURN_IF_ERROR(connection->Exec(m.sql, what));
  WP_RETURN_IF_ERROR(connection->Exec(
      "PRAGMA user_version = " + std::to_string(m.version), what));
  return txn->Commit();
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

Status Migrate(Connection* connection) { return MigrateTo(connection, LatestSchemaVersion()); }

Status MigrateTo(Connection* connection, int version) {
  const std::vector<Migration>& migrations = BuiltinMigrations();
  if (migrations.empty()) {
    return Status::Internal("migrating " + connection->path(), "the built-in schema is empty");
  }
  WP_ASSIGN_OR_RETURN(int current, UserVersion(connection));
  if (current > LatestSchemaVersion()) {
    return Status::InvalidInput(
        "opening " + connection->path(),
        "database schema version " + std::to_string(current) +
            " is newer than this build's " + std::to_string(LatestSchemaVersion()));
  }
  for (const Migration& m : migrations) {
    if (m.version > current && m.version <= version) {
      WP_RETURN_IF_ERROR(ApplyIfNeeded(connection, m));
    }
  }
  return Status::Ok();
}

}  // namespace wirepress::store::sqlite
