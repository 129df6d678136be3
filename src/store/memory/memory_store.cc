#include "store/memory/memory_store.h"

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/strings.h"
#include "base/thread_annotations.h"
#include "model/permalink.h"
#include "store/lifecycle.h"
#include "store/search_rank.h"
#include "store/search_text.h"

namespace wirepress::store::memory {
namespace {

// Search weight of a query word found in each field; a headline hit must
// outrank any number of body-only hits of the same words in practice.
constexpr int kHeadlineWeight = 10;
constexpr int kDescriptionWeight = 3;
constexpr int kBodyWeight = 1;

// A stored record plus what List and Search look at, computed on write.
struct Entry {
  StoryRecord record;
  std::vector<std::string> tags;  // model::TagSlug of each keyword
  std::vector<std::string> headline_words, description_words, body_words;
};

bool HasWord(const std::vector<std::string>& words, const std::string& w, bool prefix) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& x) {
    return prefix ? StartsWith(x, w) : x == w;
  });
}

// The score of `e` for `words` (0 when some word is missing).
int Score(const Entry& e, const std::vector<std::string>& words) {
  int score = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    bool prefix = i + 1 == words.size();
    int best = HasWord(e.headline_words, words[i], prefix)      ? kHeadlineWeight
               : HasWord(e.description_words, words[i], prefix) ? kDescriptionWeight
               : HasWord(e.body_words, words[i], prefix)        ? kBodyWeight
                                                                : 0;
    if (best == 0) return 0;
    score += best;
  }
  return score;
}

// `agencies` is AgencyNames(q), worked out once per query.
bool Matches(const Entry& e, const StoryQuery& q, const std::vector<std::string>& agencies) {
  const StoryRecord& r = e.record;
  if (r.state != q.state) return false;
  if (!q.section.empty() && r.section != q.section) return false;
  if (!q.tag.empty() && std::find(e.tags.begin(), e.tags.end(), q.tag) == e.tags.end()) {
    return false;
  }
  if (!agencies.empty()) {
    std::string_view agency = model::CreditAgency(r.story);
    if (std::none_of(agencies.begin(), agencies.end(),
                     [&](const std::string& n) { return EqualsIgnoreCase(agency, n); })) {
      return false;
    }
  }
  if (q.published_from && r.published_at < *q.published_from) return false;
  if (q.published_to && r.published_at >= *q.published_to) return false;
  return true;
}

bool NewerFirst(const StoryRecord* a, const StoryRecord* b) {
  if (a->published_at != b->published_at) return a->published_at > b->published_at;
  return a->id > b->id;
}

// Applies offset and limit (<= 0: none) to an ordered list.
std::vector<StoryRecord> Page(const std::vector<const StoryRecord*>& all, int limit,
                              int offset) {
  std::vector<StoryRecord> out;
  size_t begin = static_cast<size_t>(std::max(offset, 0));
  for (size_t i = begin; i < all.size(); ++i) {
    if (limit > 0 && out.size() >= static_cast<size_t>(limit)) break;
    out.push_back(*all[i]);
  }
  return out;
}

class MemoryStore final : public Store {
 public:
  Result<PutOutcome> Put(const PutRequest& request) override;
  Result<StoryRecord> GetById(std::int64_t id) override;
  Result<StoryRecord> GetByUri(const std::string& uri) override;
  Result<StoryRecord> GetByPath(const std::string& path) override;
  Result<std::vector<StoryRecord>> List(const StoryQuery& q) override;
  Result<std::int64_t> Count(const StoryQuery& q) override;
  Result<std::vector<std::string>> Agencies() override;
  Result<std::vector<StoryRecord>> Search(const SearchQuery& q) override;
  Result<PutOutcome> Operate(const std::string& uri_or_path, const std::string& what,
                             const OperatorDecision& decide) override;
  Result<std::vector<StoryRecord>> ReleaseDue(Timestamp now) override;
  Result<std::optional<Timestamp>> NextEmbargo() override;
  Result<std::vector<model::Story>> History(const std::string& uri) override;
  Result<std::vector<Change>> ChangesSince(std::int64_t after, int limit) override;
  Result<std::int64_t> PruneChanges(Timestamp before) override;

 private:
  // The entry for a uri/path/id, or nullptr.
  template <typename Index>
  Entry* Find(const Index& index, const std::string& key) REQUIRES(mu_);
  // The entry for the story a Put of `story` is about: by its key, else
  // (a NewsML 1.2 story stored before keys, under its full guid) a story
  // whose uri is the key plus ":<revision>", which is re-keyed to the key.
  Entry* FindForPut(const model::Story& story) REQUIRES(mu_);
  Entry* FindById(std::int64_t id) REQUIRES(mu_);
  // Stores outcome->record (assigning an id to a new one) and logs the change.
  Status Write(PutOutcome* outcome, Timestamp at) REQUIRES(mu_);
  std::vector<const StoryRecord*> Matching(const StoryQuery& q) REQUIRES(mu_);

  Mutex mu_;
  std::vector<Entry> entries_ GUARDED_BY(mu_);  // entries_[id - 1]
  // By StoryKey; ordered, so the uris starting with a key are one range.
  std::map<std::string, std::int64_t> by_uri_ GUARDED_BY(mu_);
  std::unordered_map<std::string, std::int64_t> by_path_ GUARDED_BY(mu_);
  std::unordered_map<std::string, std::vector<model::Story>> history_ GUARDED_BY(mu_);
  // changes_[i] has seq pruned_ + i + 1.
  std::deque<Change> changes_ GUARDED_BY(mu_);
  std::int64_t pruned_ GUARDED_BY(mu_) = 0;
};

template <typename Index>
Entry* MemoryStore::Find(const Index& index, const std::string& key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : FindById(it->second);
}

Entry* MemoryStore::FindForPut(const model::Story& story) {
  const std::string& key = model::StoryKey(story);
  if (Entry* e = Find(by_uri_, key)) return e;
  if (key == story.uri) return nullptr;
  // The newest such story, as the SQLite and PostgreSQL stores pick.
  Entry* adopted = nullptr;
  auto end = by_uri_.lower_bound(key + ";");
  for (auto it = by_uri_.lower_bound(key + ":"); it != end; ++it) {
    Entry* e = FindById(it->second);
    if (adopted == nullptr || e->record.id > adopted->record.id) adopted = e;
  }
  if (adopted == nullptr) return nullptr;
  std::string old_uri = model::StoryKey(adopted->record.story);
  by_uri_.erase(old_uri);
  by_uri_[key] = adopted->record.id;
  auto h = history_.find(old_uri);
  if (h != history_.end()) {
    history_[key] = std::move(h->second);
    history_.erase(old_uri);
  }
  return adopted;
}

Entry* MemoryStore::FindById(std::int64_t id) {
  if (id < 1 || id > static_cast<std::int64_t>(entries_.size())) return nullptr;
  return &entries_[static_cast<size_t>(id - 1)];
}

Entry MakeEntry(const StoryRecord& r) {
  Entry e{r, {}, SearchWords(r.story.headline), SearchWords(r.story.description_text),
          SearchWords(HtmlToText(r.story.body_html))};
  for (const std::string& k : r.story.keywords) e.tags.push_back(model::TagSlug(k));
  return e;
}

Status MemoryStore::Write(PutOutcome* outcome, Timestamp at) {
  StoryRecord& r = outcome->record;
  if (r.id == 0) {
    if (by_path_.count(r.path) != 0) {
      return Status::Conflict("storing story " + r.story.uri,
                              "path " + r.path + " is already used by another story");
    }
    r.id = static_cast<std::int64_t>(entries_.size()) + 1;
    entries_.push_back(MakeEntry(r));
    by_uri_[model::StoryKey(r.story)] = r.id;
    by_path_[r.path] = r.id;
  } else {
    *FindById(r.id) = MakeEntry(r);
  }
  changes_.push_back(Change{pruned_ + static_cast<std::int64_t>(changes_.size()) + 1, r.id,
                            outcome->action, at});
  return Status::Ok();
}

Result<PutOutcome> MemoryStore::Put(const PutRequest& request) {
  MutexLock lock(&mu_);
  std::optional<StoryRecord> existing;
  if (Entry* e = FindForPut(request.story)) existing = e->record;
  AdoptUnderKey(model::StoryKey(request.story), &existing);
  PutOutcome outcome = DecidePut(existing, request);
  if (!WritesRecord(outcome.action)) return outcome;
  WP_RETURN_IF_ERROR(Write(&outcome, request.now));
  history_[model::StoryKey(request.story)].push_back(request.story);
  return outcome;
}

Result<StoryRecord> MemoryStore::GetById(std::int64_t id) {
  MutexLock lock(&mu_);
  if (Entry* e = FindById(id)) return e->record;
  return Status::NotFound("story id " + std::to_string(id), "no such story");
}

Result<StoryRecord> MemoryStore::GetByUri(const std::string& uri) {
  MutexLock lock(&mu_);
  if (Entry* e = Find(by_uri_, uri)) return e->record;
  return Status::NotFound("story uri " + uri, "no such story");
}

Result<StoryRecord> MemoryStore::GetByPath(const std::string& path) {
  MutexLock lock(&mu_);
  if (Entry* e = Find(by_path_, path)) return e->record;
  return Status::NotFound("story path " + path, "no such story");
}

std::vector<const StoryRecord*> MemoryStore::Matching(const StoryQuery& q) {
  std::vector<const StoryRecord*> out;
  const std::vector<std::string> agencies = AgencyNames(q);
  for (const Entry& e : entries_) {
    if (Matches(e, q, agencies)) out.push_back(&e.record);
  }
  return out;
}

Result<std::vector<StoryRecord>> MemoryStore::List(const StoryQuery& q) {
  MutexLock lock(&mu_);
  std::vector<const StoryRecord*> all = Matching(q);
  std::sort(all.begin(), all.end(), NewerFirst);
  return Page(all, q.limit, q.offset);
}

Result<std::int64_t> MemoryStore::Count(const StoryQuery& q) {
  MutexLock lock(&mu_);
  return static_cast<std::int64_t>(Matching(q).size());
}

Result<std::vector<std::string>> MemoryStore::Agencies() {
  MutexLock lock(&mu_);
  std::map<std::string, std::string> by_lower;  // the first spelling seen
  for (const Entry& e : entries_) {
    if (e.record.state != StoryState::kLive) continue;
    std::string_view agency = model::CreditAgency(e.record.story);
    if (!agency.empty()) by_lower.try_emplace(AsciiLower(agency), agency);
  }
  std::vector<std::string> out;
  for (auto& [lower, name] : by_lower) out.push_back(std::move(name));
  return out;
}

Result<std::vector<StoryRecord>> MemoryStore::Search(const SearchQuery& q) {
  std::vector<std::string> words = SearchWords(q.text);
  if (words.empty()) return std::vector<StoryRecord>{};
  MutexLock lock(&mu_);
  // entries_ is in id order: walk it backwards, as the SQL backends walk
  // their indexes, ranking the newest kSearchWindow matches (search_rank.h).
  std::vector<SearchCandidate> window;
  std::vector<const StoryRecord*> older;
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->record.state != StoryState::kLive) continue;
    int score = Score(*it, words);
    if (score == 0) continue;
    if (window.size() < static_cast<size_t>(kSearchWindow)) {
      window.push_back({it->record.id, static_cast<double>(score), it->record.published_at});
    } else {
      older.push_back(&it->record);
    }
  }
  RankSearchWindow(&window);
  SearchPage page = PlanSearchPage(window.size(), q.limit, q.offset);
  std::vector<StoryRecord> out;
  for (size_t i = page.window_begin; i < page.window_end; ++i) {
    out.push_back(FindById(window[i].id)->record);
  }
  if (page.tail_limit == 0) return out;
  std::vector<StoryRecord> tail =
      Page(older, page.tail_limit > 0 ? static_cast<int>(page.tail_limit) : 0,
           static_cast<int>(page.tail_offset));
  for (StoryRecord& r : tail) out.push_back(std::move(r));
  return out;
}

Result<PutOutcome> MemoryStore::Operate(const std::string& uri_or_path, const std::string& what,
                                    const OperatorDecision& decide) {
  MutexLock lock(&mu_);
  Entry* e = Find(by_uri_, uri_or_path);
  if (e == nullptr) e = Find(by_path_, uri_or_path);
  if (e == nullptr) return Status::NotFound(what + " story " + uri_or_path, "no such story");
  PutOutcome outcome = decide(e->record);
  if (WritesRecord(outcome.action)) WP_RETURN_IF_ERROR(Write(&outcome, outcome.record.updated_at));
  return outcome;
}

Result<std::vector<StoryRecord>> MemoryStore::ReleaseDue(Timestamp now) {
  MutexLock lock(&mu_);
  std::vector<StoryRecord> released;
  for (Entry& e : entries_) {
    if (!EmbargoDue(e.record, now)) continue;
    PutOutcome outcome{kReleaseAction, Release(e.record, now), e.record};
    WP_RETURN_IF_ERROR(Write(&outcome, now));
    released.push_back(outcome.record);
  }
  std::sort(released.begin(), released.end(), [](const auto& a, const auto& b) {
    return a.published_at != b.published_at ? a.published_at < b.published_at : a.id < b.id;
  });
  return released;
}

Result<std::optional<Timestamp>> MemoryStore::NextEmbargo() {
  MutexLock lock(&mu_);
  std::optional<Timestamp> next;
  for (const Entry& e : entries_) {
    if (e.record.state != StoryState::kEmbargoed) continue;
    if (!next || e.record.published_at < *next) next = e.record.published_at;
  }
  return next;
}

Result<std::vector<model::Story>> MemoryStore::History(const std::string& uri) {
  MutexLock lock(&mu_);
  auto it = history_.find(uri);
  if (it == history_.end()) return std::vector<model::Story>{};
  return it->second;
}

Result<std::vector<Change>> MemoryStore::ChangesSince(std::int64_t after, int limit) {
  MutexLock lock(&mu_);
  std::vector<Change> out;
  for (size_t i = static_cast<size_t>(std::max<std::int64_t>(after - pruned_, 0));
       i < changes_.size(); ++i) {
    if (limit > 0 && out.size() >= static_cast<size_t>(limit)) break;
    out.push_back(changes_[i]);
  }
  return out;
}

Result<std::int64_t> MemoryStore::PruneChanges(Timestamp before) {
  MutexLock lock(&mu_);
  std::int64_t removed = 0;
  while (!changes_.empty() && changes_.front().at < before) {
    changes_.pop_front();
    ++pruned_;
    ++removed;
  }
  return removed;
}

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

void RegisterMemoryStore(StoreRegistry* registry) {
  registry->Register("memory", [](const std::string&, const StoreOptions&)
                                   -> Result<std::unique_ptr<Store>> { return NewMemoryStore(); });
}

}  // namespace wirepress::store::memory
