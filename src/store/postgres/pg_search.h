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

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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
// The same for words already split and folded by SearchWords.
std::string TsQueryLiteral(const std::vector<std::string>& words);

// What share of stories hold each word, from pg_stats' most common
// elements of stories.search (ANALYZE's sample); words it does not list
// are rarer than `unlisted_below`. Empty before the first ANALYZE.
struct WordShares {
  std::map<std::string, double, std::less<>> share;
  double unlisted_below = 0;
};

// The estimated share of stories matching all `words` (the last one as a
// prefix), taking words as independent; 0 when `shares` is empty.
double EstimateMatchShare(const WordShares& shares, const std::vector<std::string>& words);

// Search buckets (schema.sql migration 4): story `id`'s bucket holds ids
// [bucket << kSearchBucketBits, (bucket + 1) << kSearchBucketBits).
inline constexpr int kSearchBucketBits = 8;
// The most buckets one slice names (its tsquery lists each one).
inline constexpr std::int64_t kMaxBucketsPerSlice = 512;

// One branch of the search window query, newest ids first
// (pg_statements.h: SearchWindowStatement). kNewer: every match with id >
// `above`, as the planner sees fit (ids past the newest bucket: stories
// stored since the store last read the highest id). kWalk: every live
// story with id > `above`, read newest first and tested one by one (best
// for a word in most stories: about window / share rows read). kBuckets:
// the matches in buckets [last_bucket, first_bucket], found by the GIN
// index alone (only matching rows read). kRest: every match with id <
// `below` (0: no bound), as the planner sees fit.
struct SearchSlice {
  enum class Kind { kNewer, kWalk, kBuckets, kRest };
  Kind kind = Kind::kRest;
  std::int64_t above = 0;
  std::int64_t first_bucket = 0, last_bucket = 0;
  std::int64_t below = 0;
};

// The slices to find the newest `window` matches when about `share` of
// stories match and the highest id was `max_id` (a guess: ids above it
// are searched too, so a cached, older highest id misses nothing): each
// reads about 1.5-3x the window in rows. Empty when `share` is unknown
// (<= 0).
std::vector<SearchSlice> PlanSearchSlices(std::int64_t max_id, double share, int window);

// The tsquery literal naming buckets [last, first] ("'_b3' | '_b2'").
std::string BucketQueryLiteral(std::int64_t first, std::int64_t last);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_SEARCH_H_
