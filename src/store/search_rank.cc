#include "store/search_rank.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace wirepress::store {

double SearchScore(double relevance, Timestamp published_at) {
  // In log space, so that the order does not depend on a reference time:
  // relevance x 2^(t / h) overflows for any real t, its logarithm does not.
  static const double kPerSecond = std::log(2.0) / static_cast<double>(kSearchHalfLifeSeconds);
  double log_relevance = relevance > 0 ? std::log(relevance)
                                       : std::numeric_limits<double>::lowest() / 2;
  return log_relevance + static_cast<double>(published_at.seconds) * kPerSecond;
}

void RankSearchWindow(std::vector<SearchCandidate>* window) {
  std::vector<std::pair<double, const SearchCandidate*>> keyed;
  keyed.reserve(window->size());
  for (const SearchCandidate& c : *window) {
    keyed.emplace_back(SearchScore(c.relevance, c.published_at), &c);
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    if (a.second->published_at != b.second->published_at) {
      return a.second->published_at > b.second->published_at;
    }
    return a.second->id > b.second->id;
  });
  std::vector<SearchCandidate> ranked;
  ranked.reserve(keyed.size());
  for (const auto& [score, c] : keyed) ranked.push_back(*c);
  *window = std::move(ranked);
}

SearchPage PlanSearchPage(size_t window_size, int limit, int offset) {
  SearchPage page;
  const std::int64_t begin = std::max(offset, 0);
  const std::int64_t size = static_cast<std::int64_t>(window_size);
  page.window_begin = static_cast<size_t>(std::min(begin, size));
  page.window_end = limit > 0 ? static_cast<size_t>(std::min(begin + limit, size)) : window_size;
  if (window_size < static_cast<size_t>(kSearchWindow)) return page;  // no older matches
  const std::int64_t taken = static_cast<std::int64_t>(page.window_end - page.window_begin);
  if (limit > 0 && taken == limit) return page;
  page.tail_offset = std::max<std::int64_t>(begin - size, 0);
  page.tail_limit = limit > 0 ? limit - taken : -1;
  return page;
}

}  // namespace wirepress::store
