// Writes: the INSERTs and UPDATEs of the SQLite store. Each must run inside
// the writer's transaction (connection.h: Transaction), so a Put's record,
// tags, search index, history and change-log rows commit together or not
// at all.
//
// Thread-safety: as for the Connection passed in.
#ifndef WIREPRESS_STORE_SQLITE_WRITES_H_
#define WIREPRESS_STORE_SQLITE_WRITES_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "base/time.h"
#include "model/story.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace wirepress::store::sqlite {

// Inserts `record` when its id is 0 (and sets the id), else updates the row
// with that id; then replaces its tags and its search-index row (indexed
// only while live). Conflict when a new record's uri or path is taken.
// `previous` is the stored record before this write (nullptr when new): the
// contentless search index drops its row by being given the text it
// indexed, and a version it replaces gets its own history copy first
// (KeepSupersededVersion).
// REQUIRES: a transaction is open on `c`; previous != nullptr when
// record->id != 0.
Status WriteRecord(Connection* c, StoryRecord* record, const StoryRecord* previous);

// Appends `story` to the history of its uri. `current` says it is the
// version WriteRecord just stored in the stories row: the history then
// refers to that row's JSON (revisions.story = '') instead of keeping a
// second copy, until a newer version replaces it.
// REQUIRES: a transaction is open on `c`.
Status AppendHistory(Connection* c, const model::Story& story, Timestamp applied_at,
                     bool current);

// Appends one change-log entry.
// REQUIRES: a transaction is open on `c`.
Status AppendChange(Connection* c, std::int64_t story_id, PutAction action, Timestamp at);
// Deletes at most `limit` of the oldest changes with seq < `below`;
// returns how many it deleted.
Result<std::int64_t> DeleteChangesBelow(Connection* c, std::int64_t below, std::int64_t limit);

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_WRITES_H_
