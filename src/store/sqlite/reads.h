// Reads: the SELECTs of the SQLite store, each a function over one
// connection, so the store can run them on a pooled reader or inside the
// writer's transaction alike. Rows become StoryRecords through
// model::StoryFromJson; a row that does not parse is an Internal error
// naming the story id.
//
// Thread-safety: as for the Connection passed in.
#ifndef WIREPRESS_STORE_SQLITE_READS_H_
#define WIREPRESS_STORE_SQLITE_READS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "model/story.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace wirepress::store::sqlite {

// The record with this id / uri / path, or nullopt when there is none.
Result<std::optional<StoryRecord>> FindById(Connection* c, std::int64_t id);
Result<std::optional<StoryRecord>> FindByUri(Connection* c, const std::string& uri);
Result<std::optional<StoryRecord>> FindByPath(Connection* c, const std::string& path);

// Live records matching `q`, newest first (store/store.h).
Result<std::vector<StoryRecord>> ListLive(Connection* c, const StoryQuery& q);
Result<std::int64_t> CountLive(Connection* c, const StoryQuery& q);

// Live records matching every word of `q.text` (the last as a prefix), in
// store/search_rank.h's order; relevance is wp_rank
// (search_rank_function.h) with column weights headline 10, description 3,
// body 1. Empty when the text has no words.
Result<std::vector<StoryRecord>> SearchLive(Connection* c, const SearchQuery& q);

// Embargoed records whose embargo is <= now, earliest first.
Result<std::vector<StoryRecord>> DueEmbargoes(Connection* c, Timestamp now);
Result<std::optional<Timestamp>> EarliestEmbargo(Connection* c);
// The distinct agencies of live stories, ignoring case, sorted.
Result<std::vector<std::string>> ReadAgencies(Connection* c);

// Stored versions of `uri`, oldest first; empty for an unknown uri.
Result<std::vector<model::Story>> ReadHistory(Connection* c, const std::string& uri);
// Changes with seq > after, oldest first, at most `limit` (<= 0: all).
Result<std::vector<Change>> ReadChanges(Connection* c, std::int64_t after, int limit);
// The seq of the oldest change logged at or after `at`; one past the
// newest seq when there is none (0 for an empty log).
Result<std::int64_t> FirstChangeAtOrAfter(Connection* c, Timestamp at);

// The FTS5 MATCH expression for `text`: each word quoted, the last with a
// prefix star, implicitly ANDed. Empty when there are no words.
std::string FtsMatchExpression(std::string_view text);

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_READS_H_
