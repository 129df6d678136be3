// Search ranking: the one order every backend gives the stories matching a
// search, so that "relevance and recency" means the same thing on SQLite,
// PostgreSQL and the in-memory store. The backends differ only in how they
// measure relevance (SQLite: wp_rank, BM25 per column without IDF, weights
// headline 10, description 3, body 1; PostgreSQL: ts_rank with headline
// words weight A, description B, body D; memory: 10 / 3 / 1 per word by
// its best field). In all three a headline hit weighs about ten body hits.
//
// The order of all live matches:
//   1. The window: the kSearchWindow matches with the highest story ids
//      (ids follow the order stories were first stored, which is the order
//      they were published, except an embargoed story, stored before it
//      goes live). Within it, best score first, where
//        score = ln(relevance) + published_at * ln(2) / kSearchHalfLife,
//      that is relevance x 2^(published_at / half-life): a story published
//      one half-life later counts as twice as relevant. Ties: later
//      published_at, then higher id.
//   2. Every older match, highest id first.
// Bounding the ranked set is what keeps search fast at any archive size:
// a common word matches most stories, and scoring them all costs time in
// proportion to the archive. For a news site the newest matches are the
// ones worth ranking; older ones are still found, by paging on.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_STORE_SEARCH_RANK_H_
#define WIREPRESS_STORE_SEARCH_RANK_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/time.h"

namespace wirepress::store {

// How many of the newest matches are ranked by score.
inline constexpr int kSearchWindow = 200;
// A match this much more recent counts as twice as relevant.
inline constexpr std::int64_t kSearchHalfLifeSeconds = 24 * 3600;

// One match in the window, as a backend measured it.
struct SearchCandidate {
  std::int64_t id = 0;
  double relevance = 0;  // > 0, higher is better; <= 0 counts as the least relevant
  Timestamp published_at;
};

// ln(relevance) + published_at * ln 2 / kSearchHalfLifeSeconds.
double SearchScore(double relevance, Timestamp published_at);

// Sorts `window` into window order (best score first, see above).
void RankSearchWindow(std::vector<SearchCandidate>* window);

// The part of the order one page (limit <= 0: no limit; offset < 0 counts
// as 0) covers: ranked window positions [window_begin, window_end), then,
// when tail_limit != 0, tail_offset matches skipped and tail_limit taken
// (-1: all) from the matches older than the window, highest id first.
struct SearchPage {
  size_t window_begin = 0;
  size_t window_end = 0;
  std::int64_t tail_offset = 0;
  std::int64_t tail_limit = 0;
};
// `window_size` is how many matches the window query returned (at most
// kSearchWindow); a window that is not full has no tail behind it.
SearchPage PlanSearchPage(size_t window_size, int limit, int offset);

}  // namespace wirepress::store

#endif  // WIREPRESS_STORE_SEARCH_RANK_H_
