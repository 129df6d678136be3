// The SQL the PostgreSQL store runs: one named statement per operation
// (prepared once per connection by PgConnection), and the listing filters
// that pick one statement per combination of StoryQuery fields. The
// column list of story reads is pg_rows.h's kRecordColumns; the tables
// are schema.sql's.
//
// Thread-safety: constants and pure functions.
#ifndef WIREPRESS_STORE_POSTGRES_PG_STATEMENTS_H_
#define WIREPRESS_STORE_POSTGRES_PG_STATEMENTS_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_search.h"
#include "store/store.h"

namespace wirepress::store::postgres {

// Story reads by key ($1); the *Lock* ones take the row lock FOR UPDATE.
extern const PgStatement kGetById, kGetByUri, kGetByPath, kLockByUri;
// Kill's lookup: $1 is a uri or a path; the uri wins when both match.
extern const PgStatement kLockByUriOrPath;
// Put's lookup for a story whose key is not its guid: kLockByUri, else a
// story stored under "$1:<revision>" before keys, adopted (re-keyed to $1).
extern const PgStatement kLockOrAdopt;
// Embargoed stories due at $1 (epoch seconds), locked, oldest first.
extern const PgStatement kLockDue;
// Search (store/search_rank.h). kMaxStoryId: the highest story id (0:
// none). kSearchWindowQuery: $1 tsquery, $2 window size, $3.. the lower id
// bound of each slice (SearchSliceBounds; the first has no upper bound);
// rows (id, relevance, epoch published_at, the highest story id) of the
// newest $2 live matches, in no order.
// kGetLiveByIds: the live records whose id is in $1 (bigint[]), in no
// order. kSearchTail: live records matching $1 with id < $2, highest id
// first, $3 limit (NULL: none), $4 offset.
extern const PgStatement kMaxStoryId, kSearchWindowQuery, kGetLiveByIds, kSearchTail;
// How many ids (counted back from the highest) each slice of the window
// query reaches, newest first; the last slice is everything older.
inline constexpr std::array<std::int64_t, 5> kSearchSlices = {600, 2400, 8000, 26000, 80000};
// kSearchWindowQuery's $3.. for a store whose highest id is `max_id`.
inline std::vector<std::int64_t> SearchSliceBounds(std::int64_t max_id) {
  std::vector<std::int64_t> out;
  for (std::int64_t reach : kSearchSlices) out.push_back(max_id - reach);
  return out;
}
// The window query (same rows as kSearchWindowQuery) for the slices of a
// plan (pg_search.h: PlanSearchSlices): $1 tsquery, $2 window size, then
// each slice's bound or bucket tsquery, added to `params` (which holds $1
// and $2 already). Unprepared: each is planned with its real values.
PgStatement SearchWindowStatement(const std::vector<SearchSlice>& slices, PgParams* params);
// pg_stats' most common lexemes of stories.search and their shares (one
// row each; a null lexeme ends the list).
extern const PgStatement kWordShares;
// Story writes: insert ($1 uri, $2 path) or update ($1 id), then
// pg_rows.h's AddRecordValues, version, history JSON (NULL: no history
// row) and change action (NULL: logged later with kLogChanges). They
// return the story id, or no row when another transaction inserted the
// same uri or path first.
extern const PgStatement kInsert, kUpdate;
// Makes the ids in $1 live at $2; their changes are logged separately.
extern const PgStatement kRelease;
// Appends changes: $1 ids, $2 action names, $3 epoch seconds.
extern const PgStatement kLogChanges;
extern const PgStatement kBegin, kCommit;
// The uri owning path $1 (no row when none).
extern const PgStatement kPathOwner;
extern const PgStatement kNextEmbargo, kHistory, kChangesSince;
// PruneChanges: the cut (first seq logged at or after $1, epoch seconds;
// one past the newest, or 0), then one slice of the delete.
extern const PgStatement kFirstChangeAtOrAfter, kDeleteChangesBelow;
// The distinct agencies of live stories (stored lower-cased), sorted.
extern const PgStatement kAgencies;

// The WHERE clause of a listing with only the filters `q` sets, and its
// parameters; every combination gets its own prepared statement, named by
// `key`, whose plan can use the matching partial index.
struct ListFilter {
  std::string where = "WHERE state = 'live'";
  std::string key;
  PgParams params;
};
ListFilter BuildFilter(const StoryQuery& q);

// "SELECT kRecordColumns FROM stories <tail>", named `name`.
PgStatement SelectStories(std::string name, const std::string& tail);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_STATEMENTS_H_
