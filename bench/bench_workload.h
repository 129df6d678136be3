// The synthetic workload the store and ingest benchmarks share, so the
// SQLite, PostgreSQL and end-to-end figures describe the same stories:
// ~3 KB stories drawn from a fixed made-up vocabulary used Zipf-like (a few
// very common words, a long tail), as real text skews search indexes.
#ifndef WIREPRESS_BENCH_BENCH_WORKLOAD_H_
#define WIREPRESS_BENCH_BENCH_WORKLOAD_H_

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "model/story.h"
#include "store/store.h"

namespace wirepress::bench {

inline constexpr Timestamp kStart{1557900000};

class TextGenerator {
 public:
  explicit TextGenerator(std::uint32_t seed) : rng_(seed) {
    std::uniform_int_distribution<int> len(3, 10), letter('a', 'z');
    for (int i = 0; i < 5000; ++i) {
      std::string w;
      for (int n = len(rng_); n > 0; --n) w += static_cast<char>(letter(rng_));
      vocabulary_.push_back(w);
    }
  }
  const std::string& Word() {
    // Squaring a uniform variate favours low indexes: word 0 is commonest.
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return vocabulary_[static_cast<size_t>(u * u * static_cast<double>(vocabulary_.size()))];
  }
  std::string Words(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += ' ';
      out += Word();
    }
    return out;
  }
  const std::string& VocabularyWord(size_t i) const { return vocabulary_[i]; }

 private:
  std::mt19937 rng_;
  std::vector<std::string> vocabulary_;
};

// A story of ~3 KB: headline, standfirst, 8 paragraphs, keywords.
inline model::Story MakeStory(TextGenerator* text, std::int64_t n) {
  model::Story s;
  s.uri = "urn:bench:story:" + std::to_string(n);
  s.version = "1";
  s.headline = text->Words(9);
  s.description_text = text->Words(30);
  for (int p = 0; p < 8; ++p) s.body_html += "<p>" + text->Words(55) + ".</p>";
  s.agency = "AFP";
  s.language = "en";
  s.keywords = {text->Word(), text->Word(), text->Word()};
  s.subjects = {{"medtop:11000000", "politics", "medtop"}};
  s.dateline = {"Sochi", "Russia", "May 15", "AFP"};
  s.firstcreated = s.versioncreated = Timestamp{kStart.seconds + n};
  return s;
}

inline store::PutRequest MakeRequest(model::Story story, std::int64_t n) {
  std::string path = "/world/2019/05/15/story-" + std::to_string(n);
  return store::PutRequest{std::move(story), "world", std::move(path),
                           Timestamp{kStart.seconds + n}};
}

}  // namespace wirepress::bench

#endif  // WIREPRESS_BENCH_BENCH_WORKLOAD_H_
