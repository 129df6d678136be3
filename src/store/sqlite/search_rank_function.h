// wp_rank: the relevance SQLite search ranks by (store/search_rank.h), an
// FTS5 auxiliary function registered on every connection:
//
//   SELECT wp_rank(stories_fts, 10.0, 3.0, 1.0) FROM stories_fts WHERE ...
//
// It is BM25 per column (k1 = 1.2, b = 0.75; each column's hits saturate
// and are length-normalised on their own, then weighted by the column's
// argument and summed, so a headline hit weighs ~10 body hits as the
// weights say, where FTS5's bm25 saturates the weighted sum and makes it
// ~2) without the inverse document frequency: FTS5's bm25 counts, on
// its first call, every row matching each query word, which for a word in
// most stories reads that word's whole doclist and made one search cost
// time in proportion to the archive. Every match contains every query word
// (they are ANDed), so IDF would only weigh one word's repetitions against
// another's. Returns a value > 0, higher is better; 1.0 when the row's hits
// cannot be read (an FTS table built with detail=none).
//
// Thread-safety: as for the connection it is registered on.
#ifndef WIREPRESS_STORE_SQLITE_SEARCH_RANK_FUNCTION_H_
#define WIREPRESS_STORE_SQLITE_SEARCH_RANK_FUNCTION_H_

#include "base/status.h"

struct sqlite3;

namespace wirepress::store::sqlite {

// Registers wp_rank on `db`. Internal when this SQLite has no FTS5.
Status RegisterSearchRank(sqlite3* db);

}  // namespace wirepress::store::sqlite

#endif  // WIREPRESS_STORE_SQLITE_SEARCH_RANK_FUNCTION_H_
