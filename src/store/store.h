// Store: where published stories live, with their history, state and
// search index. Backends (store/sqlite, store/postgres, store/memory) all
// pass the same contract suite (store/store_conformance_test.h).
//
// Stories are keyed on model::StoryKey: the uri, or the versionless key an
// adapter sets when the agency's guid carries the version (NewsML 1.2). The
// "uri" of GetByUri, History and the operator actions is that key.
//
// The store applies the story lifecycle atomically inside Put:
//   - first version of a key            → kCreated (or kEmbargoed)
//   - newer version (model/revision.h)  → kUpdated, same id and path
//   - older or identical version        → kUnchanged, nothing written
//   - kill (pubstatus canceled / signal) → kKilled; the row stays, state
//     kKilled, so the URL answers 410 and re-deliveries are kRejected
// Every version that changes something is kept in the history.
//
// Thread-safety: a Store is safe to use from many threads at once.
#ifndef WIREPRESS_STORE_STORE_H_
#define WIREPRESS_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "model/story.h"

namespace wirepress::store {

// kHeld: withdrawn by an operator pending review (admin "Hold"); listed
// nowhere, its URL answers 404 like an embargoed one, and ReleaseHold puts it
// back. Unlike a kill it takes later versions (and stays held).
enum class StoryState { kLive, kEmbargoed, kKilled, kHeld };

// A story as stored: the current version plus what the site needs.
struct StoryRecord {
  std::int64_t id = 0;       // assigned by the store; stable
  std::string path;          // permalink, fixed at creation
  std::string section;       // section slug
  StoryState state = StoryState::kLive;
  Timestamp published_at;    // first time it went live (or will, if embargoed)
  Timestamp updated_at;      // last change: dateModified, sitemap lastmod
  int revisions = 1;         // versions applied so far
  std::string kill_reason;   // set when state == kKilled
  model::Story story;        // the current version

  bool operator==(const StoryRecord&) const = default;
};

// What the caller (ingest) decided about a story before storing it.
struct PutRequest {
  model::Story story;
  std::string section;  // section slug (model::AssignSection)
  std::string path;     // permalink used if the story is new (model::StoryPath)
  Timestamp now;        // ingest time: published_at/updated_at, embargo check
};

enum class PutAction {
  kCreated,    // new and live
  kEmbargoed,  // new or updated, held until story.embargoed
  kUpdated,    // a newer version replaced the live one
  kUnchanged,  // stale or duplicate version: nothing written
  kKilled,     // withdrawn now
  kRejected,   // the story was killed earlier; this delivery is ignored
  kHeld,       // held by an operator (Store::Hold)
};
std::string_view PutActionName(PutAction a);

struct PutOutcome {
  PutAction action = PutAction::kUnchanged;
  StoryRecord record;                    // state after the call
  std::optional<StoryRecord> previous;   // state before, if the story existed
};

// Filters for listings; all set fields must match. Results are newest
// first by published_at, then id. Only stories in `state` are listed: kLive
// for everything readers see (the admin page lists kHeld ones).
struct StoryQuery {
  StoryState state = StoryState::kLive;
  std::string section;   // section slug
  std::string tag;       // tag slug (model::TagSlug of a keyword)
  std::string agency;    // agency name, case-insensitive
  // Agency names, case-insensitive: stories credited to any of them (or
  // to `agency`) match. An agency page lists every name its slug stands for.
  std::vector<std::string> agencies;
  std::optional<Timestamp> published_from;  // inclusive
  std::optional<Timestamp> published_to;    // exclusive
  int limit = 20;        // <= 0: no limit
  int offset = 0;
};

// q.agencies plus q.agency when set: the names an agency filter accepts
// (empty: no agency filter).
std::vector<std::string> AgencyNames(const StoryQuery& q);

struct SearchQuery {
  std::string text;  // words; all must match (prefix match on the last one)
  int limit = 20;
  int offset = 0;
};

// One entry in the change log every backend keeps, so several servers can
// invalidate their caches from one shared database.
struct Change {
  std::int64_t seq = 0;
  std::int64_t story_id = 0;
  PutAction action = PutAction::kUpdated;
  Timestamp at;

  bool operator==(const Change&) const = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies one version (see the lifecycle above) in one transaction.
  virtual Result<PutOutcome> Put(const PutRequest& request) = 0;

  // Applies several versions in order, exactly as calling Put for each
  // would, and returns their outcomes in the same order. A backend may
  // commit them together (SQLite: one transaction, so a feed of 50 items
  // costs one commit instead of 50). On error, a prefix of the batch may
  // have been applied (SQLite: none of it); a caller that must store every
  // good story can retry the batch one Put at a time. The default calls Put
  // for each request.
  virtual Result<std::vector<PutOutcome>> PutBatch(const std::vector<PutRequest>& requests);

  // NotFound when absent. Killed stories are returned (state kKilled).
  virtual Result<StoryRecord> GetById(std::int64_t id) = 0;
  virtual Result<StoryRecord> GetByUri(const std::string& uri) = 0;
  virtual Result<StoryRecord> GetByPath(const std::string& path) = 0;

  // Live stories matching `q`, newest first.
  virtual Result<std::vector<StoryRecord>> List(const StoryQuery& q) = 0;
  // Number of live stories matching `q` (ignores limit/offset).
  virtual Result<std::int64_t> Count(const StoryQuery& q) = 0;
  // The distinct credit agencies (model::CreditAgency) of live stories,
  // each once ignoring case, in no particular spelling of that case
  // (PostgreSQL keeps them lower-cased), sorted. What an agency page's slug
  // is resolved against, since a slug cannot be turned back into a name.
  virtual Result<std::vector<std::string>> Agencies() = 0;
  // Live stories matching every word of q.text (the last as a prefix), by
  // relevance and recency: the order store/search_rank.h defines.
  virtual Result<std::vector<StoryRecord>> Search(const SearchQuery& q) = 0;

  // Operator actions on the story with this uri, else this path; NotFound
  // if neither. The decisions are store/lifecycle.h's, applied by Operate.
  // Withdraws a story (operator kill).
  Result<PutOutcome> Kill(const std::string& uri_or_path, const std::string& reason,
                          Timestamp now);
  // Holds a live or embargoed story (operator "Hold"): kHeld, or kUnchanged
  // when it is already held or killed. No history entry.
  Result<PutOutcome> Hold(const std::string& uri_or_path, const std::string& reason,
                          Timestamp now);
  // Puts a held story back: live (action kCreated, as for an embargo's
  // release), or embargoed while its embargo is still ahead; kUnchanged when
  // it is not held.
  Result<PutOutcome> ReleaseHold(const std::string& uri_or_path, Timestamp now);

  // What Kill, Hold and ReleaseHold share, for backends to implement (call
  // those three instead): in one transaction, finds the story by uri, else
  // by path (NotFound "<what> story <uri_or_path>"), asks `decide`, and when
  // the outcome WritesRecord, writes the record and logs the change at the
  // record's updated_at. No history entry: no new version arrived.
  using OperatorDecision = std::function<PutOutcome(const StoryRecord&)>;
  virtual Result<PutOutcome> Operate(const std::string& uri_or_path, const std::string& what,
                                     const OperatorDecision& decide) = 0;
  // Makes live every embargoed story whose embargo is <= now; returns them.
  virtual Result<std::vector<StoryRecord>> ReleaseDue(Timestamp now) = 0;
  // The earliest pending embargo, if any (the scheduler sleeps until then).
  virtual Result<std::optional<Timestamp>> NextEmbargo() = 0;

  // All stored versions of a uri, oldest first.
  virtual Result<std::vector<model::Story>> History(const std::string& uri) = 0;

  // Changes with seq > after, oldest first, at most `limit`.
  virtual Result<std::vector<Change>> ChangesSince(std::int64_t after, int limit) = 0;
  // Deletes the oldest entries of the change log, those logged before
  // `before`, up to the first entry logged at or after it (clocks of
  // several writers may disagree a little; what that leaves is deleted
  // next time). Returns how many. A seq is never reused, so a follower
  // keeps its place; one lagging behind the cut misses what was deleted,
  // which is why callers keep days of log (ChangeFollowerOptions). Large
  // prunes run in slices of kPruneChangesSlice rows, each its own short
  // write transaction.
  virtual Result<std::int64_t> PruneChanges(Timestamp before) = 0;
  static constexpr std::int64_t kPruneChangesSlice = 10000;
};

struct StoreOptions {
  // SQLite: busy timeout before a locked database is an Unavailable error.
  int busy_timeout_ms = 5000;
  // SQLite: synchronous=FULL survives power loss; NORMAL (with WAL) survives
  // process crashes, which is what kill -9 tests; FULL costs ~2× on ingest.
  bool sync_full = false;
  // PostgreSQL: connections in the pool. SQLite: reader connections kept
  // open for reuse (WAL readers run beside the one writer); readers beyond
  // this open a connection for the call.
  int pool_size = 4;
};

// Maps URL schemes ("sqlite", "postgresql", "memory") to backend
// factories. cli/ registers the concrete backends.
class StoreRegistry {
 public:
  using Factory =
      std::function<Result<std::unique_ptr<Store>>(const std::string& url, const StoreOptions&)>;
  void Register(std::string scheme, Factory factory);
  // Opens `url` ("sqlite:///var/lib/wirepress/site.db", "sqlite:data/site.db",
  // "postgresql://user@host/db", "memory:"). InvalidInput for an unknown
  // scheme, naming the known ones.
  Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options) const;

 private:
  std::map<std::string, Factory> factories_;
};

}  // namespace wirepress::store

#endif  // WIREPRESS_STORE_STORE_H_
