#include "store/postgres/pg_statements.h"

#include <string_view>
#include <utility>

#include "base/strings.h"
#include "store/lifecycle.h"
#include "store/postgres/pg_rows.h"

namespace wirepress::store::postgres {

PgStatement SelectStories(std::string name, const std::string& tail) {
  return {std::move(name), std::string("SELECT ") + kRecordColumns + " FROM stories " + tail};
}

const PgStatement kGetById = SelectStories("wp_get_by_id", "WHERE id = $1");
const PgStatement kGetByUri = SelectStories("wp_get_by_uri", "WHERE uri = $1");
const PgStatement kGetByPath = SelectStories("wp_get_by_path", "WHERE path = $1");
const PgStatement kLockByUri = SelectStories("wp_lock_by_uri", "WHERE uri = $1 FOR UPDATE");
// kLockByUri for a key that is not the guid (store/lifecycle.h): else the
// newest story stored before keys under "$1:<revision>", re-keyed to $1.
// story_versions hang off the id, so only stories.uri changes. The range
// is the uri index's seek (exact under the C collations with_postgres.sh
// and doc/postgres.md set up); starts_with keeps it exact under others.
// Two workers adopting the same story: the second's FOR UPDATE re-reads
// the row, whose uri no longer matches, and its insert then loses the
// race, and its retry finds the row by key.
const PgStatement kLockOrAdopt{
    "wp_lock_or_adopt",
    std::string("WITH locked AS (SELECT ") + kRecordColumns +
        " FROM stories WHERE uri = $1::text FOR UPDATE), "
        "adopted AS (UPDATE stories SET uri = $1 WHERE id = ("
        "SELECT id FROM stories WHERE uri >= $1 || ':' AND uri < $1 || ';' "
        "AND starts_with(uri, $1 || ':') AND NOT EXISTS (SELECT 1 FROM locked) "
        "ORDER BY id DESC LIMIT 1 FOR UPDATE) RETURNING " +
        kRecordColumns +
        ") SELECT * FROM locked UNION ALL SELECT * FROM adopted"};
const PgStatement kLockByUriOrPath = SelectStories(
    "wp_lock_by_uri_or_path",
    "WHERE uri = $1 OR path = $1 ORDER BY uri = $1 DESC LIMIT 1 FOR UPDATE");
const PgStatement kLockDue = SelectStories(
    "wp_lock_due",
    "WHERE state = 'embargoed' AND published_at <= to_timestamp($1) "
    "ORDER BY published_at, id FOR UPDATE");
// Search (store/search_rank.h): the window query returns the newest $2
// matches' (id, ts_rank, epoch published_at); they are ranked in C++ and
// the page's rows read by id. Rows are ~7 KB (the tsvector stays in the
// row), one per page, so the cost is the rows read. Neither single plan
// bounds that: walking the primary key newest first reads 1/frequency rows
// per match (thousands for a word in 3% of stories), and the GIN index
// reads every match in the archive before keeping the newest. So the id
// range is cut into slices, newest first, each its own branch of a UNION
// ALL under the LIMIT: a branch runs only while the window is not yet full,
// and the planner picks per slice (walk for a common word, GIN AND the
// primary key range for a rarer one), reading about the window's rows.
// Unprepared, so each slice is planned with its real bounds and words.
// Used until ANALYZE has filled pg_stats; then SearchWindowStatement
// plans slices from the words' shares (pg_search.h: PlanSearchSlices).
// The highest story id, read once per statement (an InitPlan: one step
// down the primary key), so that the next search places its slices
// without a round trip of its own.
constexpr char kHighestId[] = "(SELECT coalesce(max(id), 0) FROM stories)";
PgStatement MakeSearchWindowQuery() {
  const std::string branch =
      "(SELECT id FROM stories WHERE state = 'live' AND search @@ $1::tsquery";
  std::string slices;
  for (size_t i = 0; i <= kSearchSlices.size(); ++i) {
    if (i > 0) slices += " UNION ALL ";
    slices += branch;
    if (i < kSearchSlices.size()) slices += " AND id > $" + std::to_string(i + 3);
    if (i > 0) slices += " AND id <= $" + std::to_string(i + 2);
    slices += " ORDER BY id DESC LIMIT $2)";
  }
  return {"",
          std::string("SELECT s.id, ts_rank(s.search, $1::tsquery)::float8, "
                      "extract(epoch FROM s.published_at)::bigint, ") + kHighestId + " FROM (" +
              slices + " LIMIT $2) m JOIN stories s ON s.id = m.id"};
}
PgStatement SearchWindowStatement(const std::vector<SearchSlice>& slices, PgParams* params) {
  using Kind = SearchSlice::Kind;
  std::string branches;
  for (const SearchSlice& s : slices) {
    if (!branches.empty()) branches += " UNION ALL ";
    auto param = [&](std::string value) {
      params->Add(std::move(value));
      return "$" + std::to_string(params->size());
    };
    branches += "(SELECT id FROM stories WHERE state = 'live' AND ";
    switch (s.kind) {
      case Kind::kNewer:
        branches += "search @@ $1::tsquery AND id > " + param(std::to_string(s.above));
        break;
      case Kind::kWalk:
        // IS TRUE hides the test from the GIN index: the rows are walked.
        branches += "(search @@ $1::tsquery) IS TRUE AND id > " + param(std::to_string(s.above));
        break;
      case Kind::kBuckets:
        branches += "search @@ ($1::tsquery && " +
                    param(BucketQueryLiteral(s.first_bucket, s.last_bucket)) + "::tsquery)";
        break;
      case Kind::kRest:
        branches += "search @@ $1::tsquery";
        if (s.below > 0) branches += " AND id < " + param(std::to_string(s.below));
        break;
    }
    branches += " ORDER BY id DESC LIMIT $2)";
  }
  return {"",
          std::string("SELECT s.id, ts_rank(s.search, $1::tsquery)::float8, "
                      "extract(epoch FROM s.published_at)::bigint, ") + kHighestId + " FROM (SELECT id FROM (" +
              branches + ") u LIMIT $2) m JOIN stories s ON s.id = m.id"};
}
const PgStatement kWordShares{
    "wp_word_shares",
    "SELECT u.e, u.f FROM pg_stats s, "
    "unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(e, f) "
    "WHERE s.schemaname = current_schema() AND s.tablename = 'stories' "
    "AND s.attname = 'search' "
    // The bucket lexemes (`_b<n>`, pg_search.h) are no words anyone
    // searches for; left in, they would take the places of real ones.
    "AND left(u.e, 2) IS DISTINCT FROM '_b'"};
const PgStatement kMaxStoryId{"wp_max_story_id", "SELECT coalesce(max(id), 0) FROM stories"};
const PgStatement kSearchWindowQuery = MakeSearchWindowQuery();
// State re-checked: a story killed since the window query must not show.
const PgStatement kGetLiveByIds =
    SelectStories("wp_get_live_by_ids", "WHERE id = ANY($1::bigint[]) AND state = 'live'");
const PgStatement kSearchTail{
    "",
    std::string("SELECT ") + kRecordColumns + " FROM stories "
    "WHERE state = 'live' AND search @@ $1::tsquery AND id < $2 "
    "ORDER BY id DESC LIMIT $3 OFFSET $4"};

// Writes: the story row, its history row (unless the history story is
// null: operator kills add none) and, unless the action is null (PutBatch
// logs once at the end), the change-log row, in one statement;
// wirepress_log_changes comes last because its lock is held until commit.
const PgStatement kInsert{
    "wp_insert",
    "WITH s AS (INSERT INTO stories (uri, path, section, state, published_at, updated_at, "
    "revisions, kill_reason, agency, tags, search, story) VALUES ($1, $2, $3, $4, "
    "to_timestamp($5::bigint), to_timestamp($6::bigint), $7, $8, $9, $10::text[], "
    "$11::tsvector, $12) ON CONFLICT DO NOTHING RETURNING id), "
    "v AS (INSERT INTO story_versions (story_id, version, applied_at, story) "
    "SELECT id, $13, to_timestamp($6::bigint), $14::text FROM s WHERE $14::text IS NOT NULL) "
    "SELECT id, CASE WHEN $15::text IS NULL THEN 0 ELSE wirepress_log_changes(ARRAY[id], "
    "ARRAY[$15::text], ARRAY[$6::bigint]) END FROM s"};
const PgStatement kUpdate{
    "wp_update",
    "WITH s AS (UPDATE stories SET section = $2, state = $3, "
    "published_at = to_timestamp($4::bigint), updated_at = to_timestamp($5::bigint), "
    "revisions = $6, kill_reason = $7, agency = $8, tags = $9::text[], "
    "search = $10::tsvector, story = $11 WHERE id = $1 RETURNING id), "
    "v AS (INSERT INTO story_versions (story_id, version, applied_at, story) "
    "SELECT id, $12, to_timestamp($5::bigint), $13::text FROM s WHERE $13::text IS NOT NULL) "
    "SELECT id, CASE WHEN $14::text IS NULL THEN 0 ELSE wirepress_log_changes(ARRAY[id], "
    "ARRAY[$14::text], ARRAY[$5::bigint]) END FROM s"};
const PgStatement kRelease{
    "wp_release",
    "UPDATE stories SET state = 'live', updated_at = to_timestamp($2::bigint) "
    "WHERE id = ANY($1::bigint[])"};
const PgStatement kLogChanges{"wp_log_changes",
                              "SELECT wirepress_log_changes($1::bigint[], $2::text[], "
                              "$3::bigint[])"};
const PgStatement kBegin{"wp_begin", "BEGIN"};
const PgStatement kCommit{"wp_commit", "COMMIT"};
const PgStatement kPathOwner{"wp_path_owner", "SELECT uri FROM stories WHERE path = $1"};
const PgStatement kNextEmbargo{
    "wp_next_embargo",
    "SELECT extract(epoch FROM min(published_at))::bigint FROM stories "
    "WHERE state = 'embargoed'"};
// A skip scan of the partial index stories_live_agency: one index probe
// per agency rather than a DISTINCT over every live row.
const PgStatement kAgencies{
    "wp_agencies",
    "WITH RECURSIVE a(name) AS ("
    "(SELECT agency FROM stories WHERE state = 'live' AND agency > '' ORDER BY agency LIMIT 1) "
    "UNION ALL "
    "SELECT (SELECT agency FROM stories WHERE state = 'live' AND agency > a.name "
    "ORDER BY agency LIMIT 1) FROM a WHERE a.name IS NOT NULL) "
    "SELECT name FROM a WHERE name IS NOT NULL"};
const PgStatement kHistory{
    "wp_history",
    "SELECT v.story FROM story_versions v JOIN stories s ON s.id = v.story_id "
    "WHERE s.uri = $1 ORDER BY v.id"};
const PgStatement kChangesSince{
    "wp_changes_since",
    "SELECT seq, story_id, action, extract(epoch FROM at)::bigint FROM changes "
    "WHERE seq > $1 ORDER BY seq LIMIT $2"};
const PgStatement kFirstChangeAtOrAfter{
    "wp_first_change_at_or_after",
    "SELECT coalesce((SELECT seq FROM changes WHERE at >= to_timestamp($1) ORDER BY seq LIMIT 1), "
    "(SELECT max(seq) + 1 FROM changes), 0)"};
const PgStatement kDeleteChangesBelow{
    "wp_delete_changes_below",
    "DELETE FROM changes WHERE seq < least($1::bigint, (SELECT min(seq) FROM changes) + $2)"};

ListFilter BuildFilter(const StoryQuery& q) {
  ListFilter f;
  if (q.state != StoryState::kLive) {
    // One of four fixed words, never input; live keeps the partial indexes.
    f.where = "WHERE state = '" + std::string(StoryStateName(q.state)) + "'";
    f.key = std::string(StoryStateName(q.state)) + "_";
  }
  // Adds " AND <before>$n<after>" binding `value` as $n.
  auto add = [&f](char key, std::string_view before, std::string value, std::string_view after) {
    f.params.Add(std::move(value));
    f.where += " AND ";
    f.where += before;
    f.where += "$" + std::to_string(f.params.size());
    f.where += after;
    f.key += key;
  };
  if (!q.section.empty()) add('s', "section = ", q.section, "");
  if (!q.tag.empty()) add('t', "tags @> ARRAY[", q.tag, "::text]");
  // Agencies are stored lower-cased; one statement per number of names.
  std::vector<std::string> agencies = AgencyNames(q);
  for (size_t i = 0; i < agencies.size(); ++i) {
    f.params.Add(AsciiLower(agencies[i]));
    f.where += i == 0 ? " AND agency IN (" : ", ";
    f.where += "$" + std::to_string(f.params.size());
    f.key += 'a';
  }
  if (!agencies.empty()) f.where += ")";
  if (q.published_from) {
    add('f', "published_at >= to_timestamp(", std::to_string(q.published_from->seconds), ")");
  }
  if (q.published_to) {
    add('u', "published_at < to_timestamp(", std::to_string(q.published_to->seconds), ")");
  }
  return f;
}

}  // namespace wirepress::store::postgres
