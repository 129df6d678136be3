#include "store/sqlite/sqlite_store.h"

#include <functional>
#include <utility>
#include <vector>

#include "base/file_system.h"
#include "base/logging.h"
#include "base/strings.h"
#include "base/thread_annotations.h"
#include "store/lifecycle.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/reads.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/writes.h"

namespace wirepress::store::sqlite {
namespace {

constexpr std::string_view kMemoryPath = ":memory:";

template <typename T>
Result<T> Found(Result<std::optional<T>> found, std::string_view what) {
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound(what, "no such story");
  return std::move(**found);
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::unique_ptr<Checkpointer> checkpointer,
              ConnectionOptions reader_options, size_t max_idle_readers, bool in_memory)
      : path_(writer->path()),
        in_memory_(in_memory),
        reader_options_(reader_options),
        max_idle_readers_(max_idle_readers),
        writer_(std::move(writer)),
        checkpointer_(std::move(checkpointer)) {}

  Result<PutOutcome> Put(const PutRequest& request) override;
  Result<std::vector<PutOutcome>> PutBatch(const std::vector<PutRequest>& requests) override;
  Result<StoryRecord> GetById(std::int64_t id) override;
  Result<StoryRecord> GetByUri(const std::string& uri) override;
  Result<StoryRecord> GetByPath(const std::string& path) override;
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
  // Runs `fn` on a reader connection (the writer for an in-memory db).
  template <typename T>
  Result<T> Read(const std::function<Result<T>(Connection*)>& fn) EXCLUDES(writer_mu_);
  // Runs `fn` in a write transaction, committing only when it succeeds.
  template <typename T>
  Result<T> Write(const std::function<Result<T>(Connection*)>& fn) EXCLUDES(writer_mu_);

  // An idle reader, or a newly opened one when none is idle.
  Result<std::unique_ptr<Connection>> AcquireReader() EXCLUDES(pool_mu_);
  // Keeps `reader` for reuse unless max_idle_readers_ are idle already.
  void ReleaseReader(std::unique_ptr<Connection> reader) EXCLUDES(pool_mu_);

  const std::string path_;
  const bool in_memory_;
  const ConnectionOptions reader_options_;
  const size_t max_idle_readers_;

  Mutex writer_mu_;
  const std::unique_ptr<Connection> writer_ PT_GUARDED_BY(writer_mu_);
  // Checkpoints the WAL off the writer's thread; null in memory. Declared
  // after writer_: detaches from it before it closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  Mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_ GUARDED_BY(pool_mu_);
};

template <typename T>
Result<T> SqliteStore::Read(const std::function<Result<T>(Connection*)>& fn) {
  if (in_memory_) {
    MutexLock lock(&writer_mu_);
    return fn(writer_.get());
  }
  WP_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, AcquireReader());
  Result<T> result = fn(reader.get());
  ReleaseReader(std::move(reader));
  return result;
}

template <typename T>
Result<T> SqliteStore::Write(const std::function<Result<T>(Connection*)>& fn) {
  MutexLock lock(&writer_mu_);
  WP_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> txn, Transaction::Begin(writer_.get()));
  WP_ASSIGN_OR_RETURN(T value, fn(writer_.get()));
  WP_RETURN_IF_ERROR(txn->Commit());
  return value;
}

Result<std::unique_ptr<Connection>> SqliteStore::AcquireReader() {
  {
    MutexLock lock(&pool_mu_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  // Opened outside the lock: opening touches the file and may be slow.
  return Connection::Open(path_, reader_options_);
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> reader) {
  MutexLock lock(&pool_mu_);
  if (idle_readers_.size() < max_idle_readers_) idle_readers_.push_back(std::move(reader));
}

// A story stored before keys under the full guid of `key`'s story
// ("<key>:<revision>", the newest if several), re-keyed to `key` with its
// history (store/lifecycle.h). The uri range is one seek on the unique
// index; stories.uri and revisions.uri compare binary.
Result<std::optional<StoryRecord>> AdoptByGuid(Connection* c, const std::string& key) {
  WP_ASSIGN_OR_RETURN(Statement find,
                      c->Prepare("SELECT uri FROM stories WHERE uri >= ?1 || ':' AND "
                                 "uri < ?1 || ';' ORDER BY id DESC LIMIT 1"));
  find.Bind(key);
  WP_ASSIGN_OR_RETURN(bool row, find.Step());
  if (!row) return std::optional<StoryRecord>();
  std::string guid = find.Text(0);
  for (const char* table : {"stories", "revisions"}) {
    WP_ASSIGN_OR_RETURN(Statement rekey, c->Prepare(std::string("UPDATE ") + table +
                                                    " SET uri = ? WHERE uri = ?"));
    rekey.Bind(key).Bind(guid);
    WP_RETURN_IF_ERROR(rekey.Run());
  }
  return FindByUri(c, key);
}

// One Put inside the caller's write transaction.
Result<PutOutcome> ApplyPut(Connection* c, const PutRequest& request) {
  const std::string& key = model::StoryKey(request.story);
  WP_ASSIGN_OR_RETURN(std::optional<StoryRecord> existing, FindByUri(c, key));
  if (!existing && key != request.story.uri) {
    WP_ASSIGN_OR_RETURN(existing, AdoptByGuid(c, key));
    AdoptUnderKey(key, &existing);
  }
  PutOutcome out = DecidePut(existing, request);
  if (!WritesRecord(out.action)) return out;
  WP_RETURN_IF_ERROR(WriteRecord(c, &out.record, existing ? &*existing : nullptr));
  // A kill keeps the previous text in the record; history gets the kill.
  bool current = out.record.story == request.story;
  WP_RETURN_IF_ERROR(AppendHistory(c, request.story, request.now, current));
  WP_RETURN_IF_ERROR(AppendChange(c, out.record.id, out.action, request.now));
  return out;
}

Result<PutOutcome> SqliteStore::Put(const PutRequest& request) {
  return Write<PutOutcome>([&](Connection* c) { return ApplyPut(c, request); });
}

Result<std::vector<PutOutcome>> SqliteStore::PutBatch(const std::vector<PutRequest>& requests) {
  return Write<std::vector<PutOutcome>>(
      [&](Connection* c) -> Result<std::vector<PutOutcome>> {
        std::vector<PutOutcome> outcomes;
        outcomes.reserve(requests.size());
        for (const PutRequest& request : requests) {
          WP_ASSIGN_OR_RETURN(PutOutcome out, ApplyPut(c, request));
          outcomes.push_back(std::move(out));
        }
        return outcomes;
      });
}

Result<StoryRecord> SqliteStore::GetById(std::int64_t id) {
  return Found(Read<std::optional<StoryRecord>>([&](Connection* c) { return FindById(c, id); }),
               "story id " + std::to_string(id));
}

Result<StoryRecord> SqliteStore::GetByUri(const std::string& uri) {
  return Found(Read<std::optional<StoryRecord>>([&](Connection* c) { return FindByUri(c, uri); }),
               "story uri " + uri);
}

Result<StoryRecord> SqliteStore::GetByPath(const std::string& path) {
  return Found(
      Read<std::optional<StoryRecord>>([&](Connection* c) { return FindByPath(c, path); }),
      "story path " + path);
}

Result<std::vector<StoryRecord>> SqliteStore::List(const StoryQuery& q) {
  return Read<std::vector<StoryRecord>>([&](Connection* c) { return ListLive(c, q); });
}

Result<std::int64_t> SqliteStore::Count(const StoryQuery& q) {
  return Read<std::int64_t>([&](Connection* c) { return CountLive(c, q); });
}

Result<std::vector<StoryRecord>> SqliteStore::Search(const SearchQuery& q) {
  return Read<std::vector<StoryRecord>>([&](Connection* c) { return SearchLive(c, q); });
}

Result<PutOutcome> SqliteStore::Operate(const std::string& uri_or_path, const std::string& what,
                                        const OperatorDecision& decide) {
  return Write<PutOutcome>([&](Connection* c) -> Result<PutOutcome> {
    WP_ASSIGN_OR_RETURN(std::optional<StoryRecord> existing, FindByUri(c, uri_or_path));
    if (!existing) {
      WP_ASSIGN_OR_RETURN(existing, FindByPath(c, uri_or_path));
    }
    if (!existing) return Status::NotFound(what + " story " + uri_or_path, "no such story");
    PutOutcome out = decide(*existing);
    if (!WritesRecord(out.action)) return out;
    WP_RETURN_IF_ERROR(WriteRecord(c, &out.record, &*existing));
    WP_RETURN_IF_ERROR(AppendChange(c, out.record.id, out.action, out.record.updated_at));
    return out;
  });
}

Result<std::vector<StoryRecord>> SqliteStore::ReleaseDue(Timestamp now) {
  // The scheduler calls this often; most calls find nothing, and checking
  // on a reader first keeps them off the write lock.
  WP_ASSIGN_OR_RETURN(std::optional<Timestamp> next, NextEmbargo());
  if (!next || *next > now) return std::vector<StoryRecord>{};
  return Write<std::vector<StoryRecord>>([&](Connection* c) -> Result<std::vector<StoryRecord>> {
    WP_ASSIGN_OR_RETURN(std::vector<StoryRecord> due, DueEmbargoes(c, now));
    for (StoryRecord& r : due) {
      StoryRecord before = r;
      r = Release(std::move(r), now);
      WP_RETURN_IF_ERROR(WriteRecord(c, &r, &before));
      WP_RETURN_IF_ERROR(AppendChange(c, r.id, kReleaseAction, now));
    }
    return due;
  });
}

Result<std::optional<Timestamp>> SqliteStore::NextEmbargo() {
  return Read<std::optional<Timestamp>>([](Connection* c) { return EarliestEmbargo(c); });
}

Result<std::vector<std::string>> SqliteStore::Agencies() {
  return Read<std::vector<std::string>>([](Connection* c) { return ReadAgencies(c); });
}

Result<std::vector<model::Story>> SqliteStore::History(const std::string& uri) {
  return Read<std::vector<model::Story>>([&](Connection* c) { return ReadHistory(c, uri); });
}

Result<std::vector<Change>> SqliteStore::ChangesSince(std::int64_t after, int limit) {
  return Read<std::vector<Change>>([&](Connection* c) { return ReadChanges(c, after, limit); });
}

Result<std::int64_t> SqliteStore::PruneChanges(Timestamp before) {
  // The cut is found on a reader (it walks the old entries once); the
  // deletes go by seq, kPruneChangesSlice rows per write transaction, so a first
  // prune of years of log never holds the write lock for long.
  WP_ASSIGN_OR_RETURN(std::int64_t cut, Read<std::int64_t>([&](Connection* c) {
                        return FirstChangeAtOrAfter(c, before);
                      }));
  std::int64_t removed = 0;
  for (;;) {
    WP_ASSIGN_OR_RETURN(std::int64_t n, Write<std::int64_t>([&](Connection* c) {
                          return DeleteChangesBelow(c, cut, kPruneChangesSlice);
                        }));
    removed += n;
    if (n < kPruneChangesSlice) return removed;
  }
}

}  // namespace

Result<std::string> SqlitePathFromUrl(const std::string& url) {
  auto invalid = [&](std::string_view why) {
    return Status::InvalidInput("opening store '" + url + "'", why);
  };
  constexpr std::string_view kScheme = "sqlite:";
  if (!StartsWith(url, kScheme)) return invalid("not a sqlite: URL");
  std::string rest = url.substr(kScheme.size());
  if (rest == kMemoryPath) return rest;
  if (StartsWith(rest, "//")) {
    rest = rest.substr(2);
    if (!StartsWith(rest, "/")) {
      return invalid("expected sqlite:///absolute/path.db or sqlite:relative/path.db");
    }
  }
  if (rest.empty() || EndsWith(rest, "/")) return invalid("no database file named");
  return rest;
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  bool in_memory = path == kMemoryPath;
  if (!in_memory && DirName(path) != ".") {
    Status made = RealFileSystem().MakeDirs(DirName(path));
    if (!made.ok()) return made.WithContext("opening SQLite database " + path);
  }
  ConnectionOptions writer_options{options.busy_timeout_ms, options.sync_full, false};
  WP_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer, Connection::Open(path, writer_options));
  WP_RETURN_IF_ERROR(Migrate(writer.get()));
  std::unique_ptr<Checkpointer> checkpointer;
  if (!in_memory) {
    // Without the thread (no connection or thread to be had), the writer
    // keeps SQLite's own automatic checkpoints: slower, still correct.
    Result<std::unique_ptr<Checkpointer>> started =
        Checkpointer::Start(writer.get(), writer_options);
    if (started.ok()) {
      checkpointer = std::move(started).value();
    } else {
      LogWarn("sqlite.checkpointer", {{"db", path}, {"error", started.status().message()}});
    }
  }
  ConnectionOptions reader_options = writer_options;
  reader_options.read_only = true;
  size_t max_idle = static_cast<size_t>(options.pool_size > 0 ? options.pool_size : 1);
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(
      std::move(writer), std::move(checkpointer), reader_options, max_idle, in_memory));
}

void RegisterSqliteStore(StoreRegistry* registry) {
  registry->Register("sqlite", [](const std::string& url, const StoreOptions& options)
                                   -> Result<std::unique_ptr<Store>> {
    WP_ASSIGN_OR_RETURN(std::string path, SqlitePathFromUrl(url));
    return OpenSqliteStore(path, options);
  });
}

}  // namespace wirepress::store::sqlite
