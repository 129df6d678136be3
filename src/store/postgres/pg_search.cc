#include "store/postgres/pg_search.h"

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

std::string TsQueryLiteral(std::string_view text) {
  std::vector<std::string> words = SearchWords(text);
  std::string out;
  for (const std::string& word : words) {
    if (word.size() > kMaxWordBytes) return "";  // no stored story can match
    if (!out.empty()) out += " & ";
    out += Quoted(word);
  }
  if (!out.empty()) out += ":*";
  return out;
}

}  // namespace wirepress::store::postgres
