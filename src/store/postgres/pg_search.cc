#include "store/postgres/pg_search.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "base/strings.h"
#include "store/search_text.h"

namespace wirepress::store::postgres {
namespace {

// PostgreSQL's tsvector limits (tsearch/ts_type.h): MAXSTRLEN, MAXENTRYPOS,
// MAXNUMPOS and MAXSTRPOS; past them tsvector input fails or truncates.
constexpr size_t kMaxWordBytes = 2046;
constexpr int kMaxPosition = 16383;
constexpr size_t kMaxPositionsPerWord = 256;
constexpr size_t kMaxLexemeBytes = 1000000;

// A word as PostgreSQL will accept it: valid UTF-8, quoted.
std::string Quoted(std::string_view word) {
  std::string valid = IsValidUtf8(word) ? std::string(word) : SanitizeUtf8(word);
  std::string out = "'";
  for (char c : valid) {
    if (c == '\'') out += '\'';
    if (c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

class VectorBuilder {
 public:
  void AddText(std::string_view text, char weight) {
    for (std::string& word : SearchWords(text)) Add(std::move(word), weight);
  }

  std::string Literal() const {
    std::string out;
    for (const auto& [word, positions] : words_) {
      if (!out.empty()) out += ' ';
      out += Quoted(word);
      for (size_t i = 0; i < positions.size(); ++i) {
        out += i == 0 ? ':' : ',';
        out += std::to_string(positions[i].first);
        if (positions[i].second != 'D') out += positions[i].second;  // D is the default
      }
    }
    return out;
  }

 private:
  void Add(std::string word, char weight) {
    if (word.size() > kMaxWordBytes) return;
    if (position_ < kMaxPosition) ++position_;
    auto it = words_.find(word);
    if (it == words_.end()) {
      if (lexeme_bytes_ + word.size() > kMaxLexemeBytes) return;
      lexeme_bytes_ += word.size();
      it = words_.emplace(std::move(word), Positions{}).first;
    }
    Positions& p = it->second;
    // Past kMaxPosition every word lands on the same position; keep one.
    if (p.size() < kMaxPositionsPerWord && (p.empty() || p.back().first != position_)) {
      p.emplace_back(position_, weight);
    }
  }

  using Positions = std::vector<std::pair<int, char>>;
  std::map<std::string, Positions> words_;
  int position_ = 0;
  size_t lexeme_bytes_ = 0;
};

}  // namespace

std::string TsVectorLiteral(const model::Story& story) {
  VectorBuilder builder;
  builder.AddText(story.headline, 'A');
  builder.AddText(story.description_text, 'B');
  builder.AddText(HtmlToText(story.body_html), 'D');
  return builder.Literal();
}

std::string TsQueryLiteral(std::string_view text) { return TsQueryLiteral(SearchWords(text)); }

std::string TsQueryLiteral(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (word.size() > kMaxWordBytes) return "";  // no stored story can match
    if (!out.empty()) out += " & ";
    out += Quoted(word);
  }
  if (!out.empty()) out += ":*";
  return out;
}

double EstimateMatchShare(const WordShares& shares, const std::vector<std::string>& words) {
  if (shares.share.empty() || words.empty()) return 0;
  // A word pg_stats does not list is rarer than the rarest it lists.
  const double unlisted = shares.unlisted_below / 2;
  double out = 1;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    double share = 0;
    if (i + 1 < words.size()) {
      auto it = shares.share.find(w);
      share = it != shares.share.end() ? it->second : 0;
    } else {  // a prefix: every listed word it starts
      for (auto it = shares.share.lower_bound(w);
           it != shares.share.end() && it->first.compare(0, w.size(), w) == 0; ++it) {
        share += it->second;
      }
    }
    out *= std::min(1.0, std::max(share, unlisted));
  }
  return out;
}

std::vector<SearchSlice> PlanSearchSlices(std::int64_t max_id, double share, int window) {
  using Kind = SearchSlice::Kind;
  if (share <= 0) return {};
  // Few matches in all: the GIN index reads them all, cheaply.
  if (share * static_cast<double>(max_id) <= window) return {{.kind = Kind::kRest}};
  // A word in most stories: walking the newest ids finds the window after
  // about window / share rows; the walk stops at 3x that.
  if (share >= 0.25) {
    auto reach = static_cast<std::int64_t>(std::ceil(3 * window / share));
    return {{.kind = Kind::kWalk, .above = max_id - reach},
            {.kind = Kind::kRest, .below = max_id - reach + 1}};
  }
  // Rarer: buckets reaching about 1.5x the window's matches, then four
  // times as many ids per slice, at most three slices, then the rest.
  // Ids past the newest bucket (stored since `max_id` was read) first.
  std::vector<SearchSlice> out = {
      {.kind = Kind::kNewer,
       .above = (((max_id >> kSearchBucketBits) + 1) << kSearchBucketBits) - 1}};
  auto ids = static_cast<std::int64_t>(std::ceil(1.5 * window / share));
  std::int64_t next = max_id >> kSearchBucketBits;  // the newest bucket not yet in a slice
  for (int i = 0; i < 3 && next >= 0; ++i, ids *= 4) {
    // +1: the newest bucket is partly filled. At most kMaxBucketsPerSlice:
    // a rare word in a huge archive would otherwise name tens of thousands
    // of buckets, and the statement's text is parsed for every search.
    std::int64_t buckets = std::min((ids >> kSearchBucketBits) + 1, kMaxBucketsPerSlice);
    std::int64_t last = std::max<std::int64_t>(0, next - buckets + 1);
    out.push_back({.kind = Kind::kBuckets, .first_bucket = next, .last_bucket = last});
    next = last - 1;
  }
  if (next >= 0) out.push_back({.kind = Kind::kRest, .below = (next + 1) << kSearchBucketBits});
  return out;
}

std::string BucketQueryLiteral(std::int64_t first, std::int64_t last) {
  std::string out;
  for (std::int64_t b = first; b >= last; --b) {
    if (!out.empty()) out += " | ";
    out += "'_b" + std::to_string(b) + "'";
  }
  return out;
}

}  // namespace wirepress::store::postgres
