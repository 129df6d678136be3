// Rows of the stories table to and from StoryRecord: the column list every
// read selects, the decoding of a result row, and the values a write
// binds. Kept apart from the store so the column order lives in one place.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_STORE_POSTGRES_PG_ROWS_H_
#define WIREPRESS_STORE_POSTGRES_PG_ROWS_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace wirepress::store::postgres {

// The select list (from "stories") that ReadRecord decodes.
extern const char* const kRecordColumns;

// The record in `row` of `r`. Internal when the row is corrupt (an
// unknown state, story JSON that does not parse).
Result<StoryRecord> ReadRecord(const PGresult* r, int row);
// Every row of `r`.
Result<std::vector<StoryRecord>> ReadRecords(const PGresult* r);

// Appends, in this order, the values a write of `record` stores besides
// its id, uri and path: section, state, published_at, updated_at,
// revisions, kill_reason, agency, tags, search, story JSON ($n..$n+9).
// Timestamps are epoch seconds for to_timestamp().
void AddRecordValues(const StoryRecord& record, const std::string& story_json,
                     PgParams* params);

// The Change in `row` of a (seq, story_id, action, epoch at) result.
Result<Change> ReadChange(const PGresult* r, int row);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_ROWS_H_
