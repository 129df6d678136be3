#include "store/postgres/pg_schema.h"

#include "base/strings.h"
#include "model/story_json.h"
#include "store/postgres/pg_search.h"
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

// Migration 4's queue of stories whose tsvector needs rebuilding, taken
// 500 at a time: (id, story JSON) of each.
const PgStatement kTakeSearchRebuild{
    "wp_take_search_rebuild",
    "WITH b AS (DELETE FROM search_rebuild WHERE id IN "
    "(SELECT id FROM search_rebuild ORDER BY id LIMIT 500) RETURNING id) "
    "SELECT b.id, s.story FROM b LEFT JOIN stories s USING (id)"};
const PgStatement kSetSearch{"wp_set_search",
                             "UPDATE stories SET search = $2::tsvector WHERE id = $1"};
constexpr int kSearchRebuildMigration = 4;

// Rebuilds the tsvector of every story migration 4 queued, from its JSON,
// with this build's search text (pg_search.h), then drops the queue.
Status RebuildQueuedSearchText(PgConnection* conn) {
  const std::string what = "rebuilding search text (schema migration 4)";
  for (;;) {
    WP_ASSIGN_OR_RETURN(PgResult r, conn->Run(what, kTakeSearchRebuild, PgParams()));
    if (PQntuples(r.get()) == 0) break;
    std::vector<PgStep> updates;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      if (PgIsNull(r.get(), i, 1)) continue;
      auto story = model::StoryFromJson(PgText(r.get(), i, 1));
      if (!story.ok()) return story.status().Wrap(StatusCode::kInternal, what);
      PgParams p;
      p.Add(PgInt64(r.get(), i, 0)).Add(TsVectorLiteral(*story));
      updates.push_back({&kSetSearch, std::move(p)});
    }
    if (!updates.empty()) WP_RETURN_IF_ERROR(conn->RunPipelined(what, updates).status());
  }
  return conn->Exec(what, "DROP TABLE search_rebuild");
}

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
    if (m.version == kSearchRebuildMigration) WP_RETURN_IF_ERROR(RebuildQueuedSearchText(conn));
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
