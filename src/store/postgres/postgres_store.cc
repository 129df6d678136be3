#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "model/story_json.h"
#include "store/lifecycle.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_search.h"
#include "store/postgres/pg_statements.h"
#include "store/search_rank.h"
#include "store/search_text.h"

namespace wirepress::store::postgres {
namespace {

// A Put that loses a race (another worker inserted the same uri first)
// reads the winner's row and decides again; a transaction the server
// aborted (deadlock victim) runs again from the start. Two attempts
// normally suffice.
constexpr int kMaxPutAttempts = 8;

// Serialization failure or deadlock: the server aborted the transaction
// and running it again will do.
bool IsRetryable(const PgErrorInfo& info) {
  return info.sqlstate == "40001" || info.sqlstate == "40P01";
}

// LIMIT NULL is no limit, which is what limit <= 0 means.
void AddPage(int limit, int offset, PgParams* p) {
  if (limit > 0) {
    p->Add(std::int64_t{limit});
  } else {
    p->AddNull();
  }
  p->Add(std::int64_t{std::max(offset, 0)});
}

// The one row of a lookup, or NotFound naming `what`.
Result<StoryRecord> OneRecord(Result<PgResult> r, const std::string& what) {
  if (!r.ok()) return r.status();
  if (PQntuples(r->get()) == 0) return Status::NotFound(what, "no such story");
  return ReadRecord(r->get(), 0);
}

Result<std::optional<StoryRecord>> MaybeRecord(const PGresult* r) {
  if (PQntuples(r) == 0) return std::optional<StoryRecord>();
  WP_ASSIGN_OR_RETURN(StoryRecord rec, ReadRecord(r, 0));
  return std::optional<StoryRecord>(std::move(rec));
}

// Runs `body` (returning a Result) between BEGIN and COMMIT; rolls back
// when it fails.
template <typename F>
auto InTransaction(PgConnection* conn, const std::string& what, F body) -> decltype(body()) {
  WP_RETURN_IF_ERROR(conn->Exec(what, "BEGIN"));
  auto result = body();
  if (result.ok()) {
    WP_RETURN_IF_ERROR(conn->Exec(what + " (committing)", "COMMIT"));
  } else if (conn->in_transaction()) {
    // A failed rollback leaves the connection in a transaction; the pool
    // then closes it, which rolls back on the server.
    (void)conn->Exec(what + " (rolling back)", "ROLLBACK");
  }
  return result;
}

// Change-log entries a transaction appends with one wirepress_log_changes
// call just before it commits (PutBatch, ReleaseDue), so the change-log
// lock is held for that call and the commit only.
class PendingChanges {
 public:
  void Add(std::int64_t story_id, PutAction action, Timestamp at) {
    ids_.push_back(story_id);
    actions_.emplace_back(PutActionName(action));
    ats_.push_back(at.seconds);
  }
  Status Flush(PgConnection* c, const std::string& what) {
    if (ids_.empty()) return Status::Ok();
    PgParams p;
    p.AddInt64Array(ids_).AddTextArray(actions_).AddInt64Array(ats_);
    return c->Run(what, kLogChanges, p).status();
  }

 private:
  std::vector<std::int64_t> ids_;
  std::vector<std::string> actions_;
  std::vector<std::int64_t> ats_;
};

// Sleeps before retry `n` + 1 of a deadlocked transaction: a random time
// up to 2^n ms (at most 128). Two workers whose batches lock the same rows
// in opposite orders deadlock again if both retry at once, and on a loaded
// machine they can stay in step for all kMaxPutAttempts; the random wait
// lets one of them finish first.
void BackOff(int n) {
  thread_local std::minstd_rand rng(std::random_device{}());
  int most = 1 << std::min(n, 7);
  std::this_thread::sleep_for(
      std::chrono::milliseconds(std::uniform_int_distribution<int>(0, most)(rng)));
}

// Runs `attempt` (one transaction's work, setting its bool* when the
// server aborted it as a deadlock victim) in a transaction, and again from
// the start after such an abort.
template <typename F>
auto WithRetries(PgConnection* c, const std::string& what, F attempt)
    -> decltype(attempt(nullptr)) {
  for (int n = 1;; ++n) {
    bool retry = false;
    auto out = InTransaction(c, what, [&] { return attempt(&retry); });
    if (!retry) return out;
    if (n == kMaxPutAttempts) {
      return Status::Unavailable(what, "still losing races after " + std::to_string(n) +
                                           " attempts: " + out.status().message());
    }
    BackOff(n);
  }
}

class PostgresStore final : public Store {
 public:
  PostgresStore(std::string url, int pool_size) : pool_(std::move(url), pool_size) {}

  // Opens the first connection and migrates the schema.
  Status Open() {
    WP_ASSIGN_OR_RETURN(PgPool::Lease lease, pool_.Acquire());
    return Migrate(lease.get());
  }

  Result<PutOutcome> Put(const PutRequest& request) override;
  Result<std::vector<PutOutcome>> PutBatch(const std::vector<PutRequest>& requests) override;
  Result<StoryRecord> GetById(std::int64_t id) override {
    return Get("story id " + std::to_string(id), kGetById, PgParams().Add(id));
  }
  Result<StoryRecord> GetByUri(const std::string& uri) override {
    return Get("story uri " + uri, kGetByUri, PgParams().Add(uri));
  }
  Result<StoryRecord> GetByPath(const std::string& path) override {
    return Get("story path " + path, kGetByPath, PgParams().Add(path));
  }
  Result<std::vector<StoryRecord>> List(const StoryQuery& q) override;
  Result<std::int64_t> Count(const StoryQuery& q) override;
  Result<std::vector<StoryRecord>> Search(const SearchQuery& q) override;
  Result<PutOutcome> Operate(const std::string& uri_or_path, const std::string& what,
                             const OperatorDecision& decide) override;
  Result<std::vector<StoryRecord>> ReleaseDue(Timestamp now) override;
  Result<std::optional<Timestamp>> NextEmbargo() override;
  Result<std::vector<std::string>> Agencies() override;
  Result<std::vector<model::Story>> History(const std::string& uri) override;
  Result<std::vector<Change>> ChangesSince(std::int64_t after, int limit) override;
  Result<std::int64_t> PruneChanges(Timestamp before) override;

 private:
  // Calls `f` with a pooled connection; Unavailable (in context `what`)
  // when none can be opened.
  template <typename F>
  auto WithConnection(const std::string& what, F f) -> decltype(f(nullptr)) {
    auto lease = pool_.Acquire();
    if (!lease.ok()) return lease.status().WithContext(what);
    return f(lease->get());
  }

  Result<StoryRecord> Get(const std::string& what, const PgStatement& stmt, PgParams params) {
    return WithConnection(what, [&](PgConnection* c) {
      return OneRecord(c->Run(what, stmt, params), what);
    });
  }

  // One Put inside a transaction; sets *retry when the server aborted the
  // transaction (deadlock) and it should run again from the start. An
  // insert that lost to another worker is retried in place. Change-log
  // entries go to `deferred` when given, else are written with the story.
  Result<PutOutcome> TryPut(PgConnection* c, const PutRequest& request, const std::string& what,
                            PendingChanges* deferred, bool* retry);
  // Writes outcome->record (a new one gets its id) with its history row
  // (unless `version` is null: operator kills add none) and change row
  // (or adds it to `deferred`). Sets *lost, writing nothing, when another
  // transaction inserted the same story first.
  Status Write(PgConnection* c, const std::string& what, PutOutcome* outcome,
               const model::Story* version, PendingChanges* deferred, bool* lost,
               bool* retry);
  Status LostInsert(PgConnection* c, const std::string& what, const StoryRecord& rec,
                    bool* lost);
  // Reads the write's result `r`: the new id, or *lost when nothing was
  // written because another worker inserted the story first.
  Status FinishWrite(PgConnection* c, const std::string& what, const PGresult* r,
                     PutOutcome* outcome, PendingChanges* deferred, bool* lost);
  // The whole batch in four round trips: [BEGIN, lock each uri's row],
  // [every write], [log the changes], [COMMIT]. Nothing (and the
  // transaction rolled back) when the batch needs the one-story-at-a-time
  // path instead, which then gives the exact outcome or error: a uri twice
  // in the batch (a later version must see the earlier one's row), an
  // insert lost to another worker, or any error.
  std::optional<std::vector<PutOutcome>> PipelinedBatch(PgConnection* c,
                                                        const std::vector<PutRequest>& requests,
                                                        const std::string& what);
  // One Put in two round trips: [BEGIN, read FOR UPDATE], then [write,
  // COMMIT]. Leaves a failed transaction open for the caller to roll back.
  Result<PutOutcome> PutOnce(PgConnection* c, const PutRequest& request, const std::string& what,
                             bool* lost, bool* retry);

  // pg_stats' word shares for planning the search window, read again
  // every ten minutes (every second while ANALYZE has not run yet); the
  // search that reads them holds shares_mu_ for that round trip.
  Result<std::shared_ptr<const WordShares>> Shares(PgConnection* c, const std::string& what);

  PgPool pool_;
  std::mutex shares_mu_;
  std::shared_ptr<const WordShares> shares_;  // guarded by shares_mu_
  std::chrono::steady_clock::time_point shares_read_;  // guarded by shares_mu_
  // The highest story id the last search's window query saw (-1: none
  // yet); only where the next search's slices start, never a bound.
  std::atomic<std::int64_t> search_max_id_{-1};
};

Result<std::shared_ptr<const WordShares>> PostgresStore::Shares(PgConnection* c,
                                                               const std::string& what) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(shares_mu_);
  const auto max_age = shares_ && !shares_->share.empty() ? std::chrono::seconds(600)
                                                          : std::chrono::seconds(1);
  if (shares_ && now - shares_read_ < max_age) return shares_;
  WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kWordShares, PgParams()));
  auto shares = std::make_shared<WordShares>();
  double rarest = 1;
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    if (PgIsNull(r.get(), i, 0)) break;  // the min/max/null-share entries follow
    double share = PgDouble(r.get(), i, 1);
    rarest = std::min(rarest, share);
    shares->share.emplace(std::string(PgText(r.get(), i, 0)), share);
  }
  shares->unlisted_below = shares->share.empty() ? 0 : rarest;
  shares_ = std::move(shares);
  shares_read_ = now;
  return shares_;
}

// Put's read of the story `s` is a version of (kLockOrAdopt only when its
// key is not its guid: other formats pay nothing for the adoption).
PgStep LockStep(const model::Story& s) {
  const std::string& key = model::StoryKey(s);
  return PgStep{key == s.uri ? &kLockByUri : &kLockOrAdopt, PgParams().Add(key)};
}

// The record Put found for `request`, keyed on its key (store/lifecycle.h).
Result<std::optional<StoryRecord>> Existing(const PGresult* r, const PutRequest& request) {
  WP_ASSIGN_OR_RETURN(std::optional<StoryRecord> existing, MaybeRecord(r));
  AdoptUnderKey(model::StoryKey(request.story), &existing);
  return existing;
}

PgStep WriteStep(const PutOutcome& outcome, const model::Story* version, bool log_change) {
  const StoryRecord& rec = outcome.record;
  std::string history_json = version ? model::StoryToJson(*version) : std::string();
  std::string record_json = version && *version == rec.story ? history_json
                                                             : model::StoryToJson(rec.story);
  PgParams p;
  bool insert = rec.id == 0;
  if (insert) {
    p.Add(model::StoryKey(rec.story)).Add(rec.path);
  } else {
    p.Add(rec.id);
  }
  AddRecordValues(rec, record_json, &p);
  p.Add(version ? version->version : rec.story.version);
  if (version) {
    p.Add(std::move(history_json));
  } else {
    p.AddNull();
  }
  if (log_change) {
    p.Add(std::string(PutActionName(outcome.action)));
  } else {
    p.AddNull();
  }
  return PgStep{insert ? &kInsert : &kUpdate, std::move(p)};
}

// The Status for a failed write of `rec`; sets *retry for a deadlock.
Status WriteError(const std::string& what, const Status& status, const PgErrorInfo& info,
                  const StoryRecord& rec, bool* retry) {
  *retry = IsRetryable(info);
  if (info.sqlstate == "23505" && info.constraint == "stories_path_key") {
    return Status::Conflict(what, "path " + rec.path + " is already used by another story");
  }
  return status;
}

Status PostgresStore::FinishWrite(PgConnection* c, const std::string& what, const PGresult* r,
                                  PutOutcome* outcome, PendingChanges* deferred, bool* lost) {
  StoryRecord& rec = outcome->record;
  if (PQntuples(r) == 0) return LostInsert(c, what, rec, lost);
  if (rec.id == 0) rec.id = PgInt64(r, 0, 0);
  if (deferred) deferred->Add(rec.id, outcome->action, rec.updated_at);
  return Status::Ok();
}

Status PostgresStore::Write(PgConnection* c, const std::string& what, PutOutcome* outcome,
                            const model::Story* version, PendingChanges* deferred,
                            bool* lost, bool* retry) {
  PgStep step = WriteStep(*outcome, version, /*log_change=*/deferred == nullptr);
  PgErrorInfo info;
  auto r = c->Run(what, *step.statement, step.params, &info);
  if (!r.ok()) return WriteError(what, r.status(), info, outcome->record, retry);
  return FinishWrite(c, what, r->get(), outcome, deferred, lost);
}

// The insert hit a uri or path another transaction committed after our
// read (ON CONFLICT DO NOTHING waited for it, and leaves our transaction
// usable). Two workers storing the same new story collide on both, and
// PostgreSQL may report either, so the path's owner decides: another uri
// means a real conflict, otherwise reading again finds our uri's row.
Status PostgresStore::LostInsert(PgConnection* c, const std::string& what,
                                 const StoryRecord& rec, bool* lost) {
  WP_ASSIGN_OR_RETURN(PgResult owner, c->Run(what, kPathOwner, PgParams().Add(rec.path)));
  if (PQntuples(owner.get()) > 0 && PgText(owner.get(), 0, 0) != model::StoryKey(rec.story)) {
    return Status::Conflict(what, "path " + rec.path + " is already used by another story");
  }
  *lost = true;
  return Status::Ok();
}

Result<PutOutcome> PostgresStore::TryPut(PgConnection* c, const PutRequest& request,
                                         const std::string& what, PendingChanges* deferred,
                                         bool* retry) {
  for (int attempt = 1;; ++attempt) {
    PgErrorInfo info;
    PgStep lock = LockStep(request.story);
    auto r = c->Run(what, *lock.statement, lock.params, &info);
    if (!r.ok()) {
      *retry = IsRetryable(info);
      return r.status();
    }
    WP_ASSIGN_OR_RETURN(std::optional<StoryRecord> existing, Existing(r->get(), request));
    PutOutcome outcome = DecidePut(existing, request);
    if (!WritesRecord(outcome.action)) return outcome;
    bool lost = false;
    WP_RETURN_IF_ERROR(Write(c, what, &outcome, &request.story, deferred, &lost, retry));
    if (!lost) return outcome;
    if (attempt == kMaxPutAttempts) {
      return Status::Unavailable(what, "another writer kept storing this uri first");
    }
  }
}

Result<PutOutcome> PostgresStore::PutOnce(PgConnection* c, const PutRequest& request,
                                          const std::string& what, bool* lost, bool* retry) {
  std::vector<PgStep> read;
  read.push_back({&kBegin, PgParams()});
  read.push_back(LockStep(request.story));
  PgErrorInfo info;
  auto rows = c->RunPipelined(what, read, &info);
  if (!rows.ok()) {
    *retry = IsRetryable(info);
    return rows.status();
  }
  WP_ASSIGN_OR_RETURN(std::optional<StoryRecord> existing,
                      Existing((*rows)[1].get(), request));
  PutOutcome outcome = DecidePut(existing, request);
  if (!WritesRecord(outcome.action)) {
    WP_RETURN_IF_ERROR(c->Exec(what, "COMMIT"));
    return outcome;
  }
  std::vector<PgStep> write;
  write.push_back(WriteStep(outcome, &request.story, /*log_change=*/true));
  write.push_back({&kCommit, PgParams()});
  auto written = c->RunPipelined(what, write, &info);
  if (!written.ok()) return WriteError(what, written.status(), info, outcome.record, retry);
  // After a lost insert the (empty) transaction is committed already; the
  // caller starts again and finds the other worker's row.
  WP_RETURN_IF_ERROR(FinishWrite(c, what, (*written)[0].get(), &outcome, nullptr, lost));
  return outcome;
}

Result<PutOutcome> PostgresStore::Put(const PutRequest& request) {
  const std::string what = "storing story " + request.story.uri;
  return WithConnection(what, [&](PgConnection* c) -> Result<PutOutcome> {
    for (int attempt = 1;; ++attempt) {
      bool lost = false, retry = false;
      auto out = PutOnce(c, request, what, &lost, &retry);
      if (!out.ok() && c->in_transaction()) (void)c->Exec(what + " (rolling back)", "ROLLBACK");
      if (out.ok() ? !lost : !retry) return out;
      if (attempt == kMaxPutAttempts) {
        return Status::Unavailable(what, "still losing races after " + std::to_string(attempt) +
                                             " attempts");
      }
    }
  });
}

std::optional<std::vector<PutOutcome>> PostgresStore::PipelinedBatch(
    PgConnection* c, const std::vector<PutRequest>& requests, const std::string& what) {
  std::set<std::string_view> uris;
  for (const PutRequest& r : requests) {
    if (!uris.insert(model::StoryKey(r.story)).second) return std::nullopt;
  }
  auto give_up = [&]() -> std::optional<std::vector<PutOutcome>> {
    if (c->in_transaction()) (void)c->Exec(what + " (rolling back)", "ROLLBACK");
    return std::nullopt;
  };
  // Rows are locked in request order, as the one-by-one path does.
  std::vector<PgStep> reads;
  reads.reserve(requests.size() + 1);
  reads.push_back({&kBegin, PgParams()});
  for (const PutRequest& r : requests) {
    reads.push_back(LockStep(r.story));
  }
  auto rows = c->RunPipelined(what, reads);
  if (!rows.ok()) return give_up();
  std::vector<PutOutcome> outcomes;
  outcomes.reserve(requests.size());
  std::vector<PgStep> writes;
  std::vector<size_t> written;  // the outcome each write is for
  for (size_t i = 0; i < requests.size(); ++i) {
    auto existing = Existing((*rows)[i + 1].get(), requests[i]);
    if (!existing.ok()) return give_up();
    outcomes.push_back(DecidePut(*existing, requests[i]));
    if (!WritesRecord(outcomes.back().action)) continue;
    writes.push_back(WriteStep(outcomes.back(), &requests[i].story, /*log_change=*/false));
    written.push_back(i);
  }
  PendingChanges changes;
  if (!writes.empty()) {
    auto results = c->RunPipelined(what, writes);
    if (!results.ok()) return give_up();
    for (size_t k = 0; k < written.size(); ++k) {
      const PGresult* r = (*results)[k].get();
      if (PQntuples(r) == 0) return give_up();  // lost an insert race
      StoryRecord& rec = outcomes[written[k]].record;
      if (rec.id == 0) rec.id = PgInt64(r, 0, 0);
      changes.Add(rec.id, outcomes[written[k]].action, rec.updated_at);
    }
  }
  if (!changes.Flush(c, what).ok()) return give_up();
  if (!c->Exec(what + " (committing)", "COMMIT").ok()) return give_up();
  return outcomes;
}

// One transaction for the whole batch: one commit instead of one per
// story. Each request still locks its uri's row and sees the earlier ones.
// The pipelined path first; the one-story-at-a-time path (with its retries)
// when that one gives up.
Result<std::vector<PutOutcome>> PostgresStore::PutBatch(const std::vector<PutRequest>& requests) {
  if (requests.empty()) return std::vector<PutOutcome>{};
  const std::string what = "storing a batch of " + std::to_string(requests.size()) + " stories";
  return WithConnection(what, [&](PgConnection* c) -> Result<std::vector<PutOutcome>> {
    if (auto done = PipelinedBatch(c, requests, what)) return std::move(*done);
    return WithRetries(c, what, [&](bool* retry) -> Result<std::vector<PutOutcome>> {
      std::vector<PutOutcome> outcomes;
      outcomes.reserve(requests.size());
      PendingChanges changes;
      for (const PutRequest& request : requests) {
        WP_ASSIGN_OR_RETURN(
            PutOutcome out,
            TryPut(c, request, "storing story " + request.story.uri, &changes, retry));
        outcomes.push_back(std::move(out));
      }
      WP_RETURN_IF_ERROR(changes.Flush(c, what));
      return outcomes;
    });
  });
}

Result<std::vector<StoryRecord>> PostgresStore::List(const StoryQuery& q) {
  const std::string what = "listing stories";
  ListFilter f = BuildFilter(q);
  AddPage(q.limit, q.offset, &f.params);
  int n = f.params.size();
  PgStatement stmt = SelectStories("wp_list_" + f.key,
                            f.where + " ORDER BY published_at DESC, id DESC LIMIT $" +
                                std::to_string(n - 1) + " OFFSET $" + std::to_string(n));
  return WithConnection(what, [&](PgConnection* c) -> Result<std::vector<StoryRecord>> {
    WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, stmt, f.params));
    return ReadRecords(r.get());
  });
}

Result<std::int64_t> PostgresStore::Count(const StoryQuery& q) {
  const std::string what = "counting stories";
  ListFilter f = BuildFilter(q);
  PgStatement stmt{"wp_count_" + f.key, "SELECT count(*) FROM stories " + f.where};
  return WithConnection(what, [&](PgConnection* c) -> Result<std::int64_t> {
    WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, stmt, f.params));
    return PgInt64(r.get(), 0, 0);
  });
}

Result<std::vector<StoryRecord>> PostgresStore::Search(const SearchQuery& q) {
  const std::string what = "searching for \"" + q.text + "\"";
  const std::vector<std::string> words = SearchWords(q.text);
  std::string query = TsQueryLiteral(words);
  if (query.empty()) return std::vector<StoryRecord>{};
  return WithConnection(what, [&](PgConnection* c) -> Result<std::vector<StoryRecord>> {
    // The highest id the last search saw (every window query returns it):
    // the slices reach past it, so stories stored since are found too.
    std::int64_t max_id = search_max_id_.load(std::memory_order_relaxed);
    if (max_id < 0) {
      WP_ASSIGN_OR_RETURN(PgResult max_id_row, c->Run(what, kMaxStoryId, PgParams()));
      max_id = PgInt64(max_id_row.get(), 0, 0);
    }
    WP_ASSIGN_OR_RETURN(std::shared_ptr<const WordShares> shares, Shares(c, what));
    std::vector<SearchSlice> slices =
        PlanSearchSlices(max_id, EstimateMatchShare(*shares, words), kSearchWindow);
    PgParams wp;
    wp.Add(query).Add(std::int64_t{kSearchWindow});
    PgStatement window_query = kSearchWindowQuery;
    if (slices.empty()) {  // no statistics yet: fixed slices
      for (std::int64_t bound : SearchSliceBounds(max_id)) wp.Add(bound);
    } else {
      window_query = SearchWindowStatement(slices, &wp);
    }
    WP_ASSIGN_OR_RETURN(PgResult w, c->Run(what, window_query, wp));
    std::vector<SearchCandidate> window;
    for (int i = 0; i < PQntuples(w.get()); ++i) {
      window.push_back({PgInt64(w.get(), i, 0), PgDouble(w.get(), i, 1),
                        Timestamp{PgInt64(w.get(), i, 2)}});
    }
    if (PQntuples(w.get()) > 0) {
      search_max_id_.store(PgInt64(w.get(), 0, 3), std::memory_order_relaxed);
    }
    RankSearchWindow(&window);
    SearchPage page = PlanSearchPage(window.size(), q.limit, q.offset);
    std::vector<std::int64_t> ids;
    for (size_t i = page.window_begin; i < page.window_end; ++i) ids.push_back(window[i].id);
    std::vector<StoryRecord> out;
    if (!ids.empty()) {
      WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kGetLiveByIds, PgParams().AddInt64Array(ids)));
      WP_ASSIGN_OR_RETURN(std::vector<StoryRecord> rows, ReadRecords(r.get()));
      for (std::int64_t id : ids) {  // in ranked order
        auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& x) { return x.id == id; });
        if (it != rows.end()) out.push_back(std::move(*it));
      }
    }
    if (page.tail_limit == 0) return out;
    std::int64_t oldest = window.front().id;
    for (const SearchCandidate& x : window) oldest = std::min(oldest, x.id);
    PgParams tail;
    tail.Add(query).Add(oldest);
    if (page.tail_limit > 0) {
      tail.Add(page.tail_limit);
    } else {
      tail.AddNull();
    }
    tail.Add(page.tail_offset);
    WP_ASSIGN_OR_RETURN(PgResult t, c->Run(what, kSearchTail, tail));
    WP_ASSIGN_OR_RETURN(std::vector<StoryRecord> older, ReadRecords(t.get()));
    for (StoryRecord& r : older) out.push_back(std::move(r));
    return out;
  });
}

Result<PutOutcome> PostgresStore::Operate(const std::string& uri_or_path, const std::string& action,
                                      const OperatorDecision& decide) {
  const std::string what = action + " story " + uri_or_path;
  return WithConnection(what, [&](PgConnection* c) {
    return InTransaction(c, what, [&]() -> Result<PutOutcome> {
      WP_ASSIGN_OR_RETURN(StoryRecord existing,
                          OneRecord(c->Run(what, kLockByUriOrPath, PgParams().Add(uri_or_path)),
                                    what));
      PutOutcome outcome = decide(existing);
      if (!WritesRecord(outcome.action)) return outcome;
      bool retry = false;  // no insert race: the row exists and is locked
      bool lost = false;  // the row exists and is locked: no insert to lose
      WP_RETURN_IF_ERROR(Write(c, what, &outcome, nullptr, nullptr, &lost, &retry));
      return outcome;
    });
  });
}

Result<std::vector<StoryRecord>> PostgresStore::ReleaseDue(Timestamp now) {
  const std::string what = "releasing embargoed stories";
  return WithConnection(what, [&](PgConnection* c) {
    return InTransaction(c, what, [&]() -> Result<std::vector<StoryRecord>> {
      WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kLockDue, PgParams().Add(now.seconds)));
      WP_ASSIGN_OR_RETURN(std::vector<StoryRecord> due, ReadRecords(r.get()));
      std::vector<StoryRecord> released;
      std::vector<std::int64_t> ids;
      PendingChanges changes;
      for (StoryRecord& rec : due) {
        if (!EmbargoDue(rec, now)) continue;
        ids.push_back(rec.id);
        changes.Add(rec.id, kReleaseAction, now);
        released.push_back(Release(std::move(rec), now));
      }
      if (ids.empty()) return released;
      PgParams p;
      p.AddInt64Array(ids).Add(now.seconds);
      WP_RETURN_IF_ERROR(c->Run(what, kRelease, p).status());
      WP_RETURN_IF_ERROR(changes.Flush(c, what));
      return released;
    });
  });
}

Result<std::optional<Timestamp>> PostgresStore::NextEmbargo() {
  const std::string what = "finding the next embargo";
  return WithConnection(what, [&](PgConnection* c) -> Result<std::optional<Timestamp>> {
    WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kNextEmbargo, PgParams()));
    if (PgIsNull(r.get(), 0, 0)) return std::optional<Timestamp>();
    return std::optional<Timestamp>(Timestamp{PgInt64(r.get(), 0, 0)});
  });
}

Result<std::vector<std::string>> PostgresStore::Agencies() {
  const std::string what = "listing the agencies";
  return WithConnection(what, [&](PgConnection* c) -> Result<std::vector<std::string>> {
    WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kAgencies, PgParams()));
    std::vector<std::string> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) out.emplace_back(PgText(r.get(), i, 0));
    return out;
  });
}

Result<std::vector<model::Story>> PostgresStore::History(const std::string& uri) {
  const std::string what = "reading the history of " + uri;
  return WithConnection(what, [&](PgConnection* c) -> Result<std::vector<model::Story>> {
    WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kHistory, PgParams().Add(uri)));
    std::vector<model::Story> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      auto story = model::StoryFromJson(PgText(r.get(), i, 0));
      if (!story.ok()) return story.status().Wrap(StatusCode::kInternal, what);
      out.push_back(std::move(story).value());
    }
    return out;
  });
}

Result<std::vector<Change>> PostgresStore::ChangesSince(std::int64_t after, int limit) {
  const std::string what = "reading changes after " + std::to_string(after);
  PgParams p;
  p.Add(after);
  if (limit > 0) {
    p.Add(std::int64_t{limit});
  } else {
    p.AddNull();
  }
  return WithConnection(what, [&](PgConnection* c) -> Result<std::vector<Change>> {
    WP_ASSIGN_OR_RETURN(PgResult r, c->Run(what, kChangesSince, p));
    std::vector<Change> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      WP_ASSIGN_OR_RETURN(Change change, ReadChange(r.get(), i));
      out.push_back(change);
    }
    return out;
  });
}

Result<std::int64_t> PostgresStore::PruneChanges(Timestamp before) {
  // Each statement commits on its own: slices of kPruneChangesSlice rows keep a
  // first prune of years of log from holding row locks for long. Deleting
  // old rows never races wirepress_log_changes, which only appends.
  const std::string what = "pruning the change log";
  return WithConnection(what, [&](PgConnection* c) -> Result<std::int64_t> {
    WP_ASSIGN_OR_RETURN(PgResult first,
                        c->Run(what, kFirstChangeAtOrAfter, PgParams().Add(before.seconds)));
    const std::int64_t cut = PgInt64(first.get(), 0, 0);
    std::int64_t removed = 0;
    for (;;) {
      WP_ASSIGN_OR_RETURN(PgResult r,
                          c->Run(what, kDeleteChangesBelow, PgParams().Add(cut).Add(kPruneChangesSlice)));
      long long n = 0;
      if (!ParseInt64(PQcmdTuples(r.get()), &n)) {
        return Status::Internal(what, "DELETE reported no row count");
      }
      removed += n;
      if (n < kPruneChangesSlice) return removed;
    }
  });
}

// Replaces what follows `key` up to one of `ends` with "***".
void RedactAfter(std::string* s, std::string_view key, std::string_view ends) {
  for (size_t at = s->find(key); at != std::string::npos; at = s->find(key, at + 1)) {
    size_t begin = at + key.size();
    size_t end = s->find_first_of(ends, begin);
    s->replace(begin, (end == std::string::npos ? s->size() : end) - begin, "***");
  }
}

}  // namespace

std::string RedactUrl(const std::string& url) {
  std::string out = url;
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t host_end = out.find_first_of("/?", scheme + 3);
    size_t at = out.rfind('@', host_end == std::string::npos ? out.size() : host_end);
    if (at != std::string::npos && at > scheme) {
      size_t colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  RedactAfter(&out, "password=", "& ");
  return out;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const StoreOptions& options) {
  auto store = std::make_unique<PostgresStore>(url, std::max(options.pool_size, 1));
  if (Status s = store->Open(); !s.ok()) {
    return s.WithContext("opening PostgreSQL store " + RedactUrl(url));
  }
  return std::unique_ptr<Store>(std::move(store));
}

void RegisterPostgresStore(StoreRegistry* registry) {
  registry->Register("postgresql", OpenPostgresStore);
}

}  // namespace wirepress::store::postgres
