// Search text for PostgreSQL: a story's words as a tsvector literal and a
// query's words as a tsquery literal, both cut by store::SearchWords, so
// that PostgreSQL matches exactly what the memory and SQLite backends
// match (PostgreSQL's own parser would split "e-mail" or "example.com"
// differently). Headline words carry weight A, description words B and
// body words D; ts_rank's default weights {D 0.1, C 0.2, B 0.4, A 1.0}
// then rank a headline hit above any body-only hit.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_STORE_POSTGRES_PG_SEARCH_H_
#define WIREPRESS_STORE_POSTGRES_PG_SEARCH_H_

#include <string>
#include <string_view>

#include "model/story.h"

namespace wirepress::store::postgres {

// The tsvector literal ("'putin':1A 'syria':2A,9") of `story`'s headline,
// description and body text. Stays inside PostgreSQL's limits: words
// longer than 2046 bytes are dropped, positions stop at 16383, at most 256
// positions per word, and about 1 MB of distinct words. Words are
// store::SearchWords', folded as SQLite's unicode61 tokenizer folds
// (invalid UTF-8 separates words).
std::string TsVectorLiteral(const model::Story& story);

// The tsquery literal for `text`: every word must match, the last one as
// a prefix ("'syria' & 'cease':*"). "" when `text` has no words, or a
// word too long for any stored story to hold.
std::string TsQueryLiteral(std::string_view text);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_SEARCH_H_
