#include "store/sqlite/search_rank_function.h"

#include <sqlite3.h>

#include <vector>

namespace wirepress::store::sqlite {
namespace {

constexpr double kK1 = 1.2;  // FTS5 bm25's constants
constexpr double kB = 0.75;

void SetRank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nargs,
             sqlite3_value** args) {
  const int columns = api->xColumnCount(fts);
  const size_t phrases = static_cast<size_t>(api->xPhraseCount(fts));
  sqlite3_int64 rows = 0;
  int hits = 0;
  if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xInstCount(fts, &hits) != SQLITE_OK) {
    sqlite3_result_double(ctx, 1.0);
    return;
  }
  // Hits of each word in each column.
  std::vector<int> tf(phrases * static_cast<size_t>(columns), 0);
  for (int i = 0; i < hits; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) continue;
    if (phrase < 0 || static_cast<size_t>(phrase) >= phrases || column < 0 || column >= columns) {
      continue;
    }
    ++tf[static_cast<size_t>(phrase) * static_cast<size_t>(columns) + static_cast<size_t>(column)];
  }
  double score = 0;
  for (int c = 0; c < columns; ++c) {
    sqlite3_int64 total = 0;
    int length = 0;
    if (api->xColumnTotalSize(fts, c, &total) != SQLITE_OK ||
        api->xColumnSize(fts, c, &length) != SQLITE_OK) {
      continue;
    }
    double average = rows > 0 && total > 0 ? static_cast<double>(total) / static_cast<double>(rows)
                                           : 1.0;
    double norm = kK1 * (1 - kB + kB * static_cast<double>(length) / average);
    double weight = c < nargs ? sqlite3_value_double(args[c]) : 1.0;
    for (size_t p = 0; p < phrases; ++p) {
      double f = tf[p * static_cast<size_t>(columns) + static_cast<size_t>(c)];
      if (f > 0) score += weight * f * (kK1 + 1) / (f + norm);
    }
  }
  sqlite3_result_double(ctx, score > 0 ? score : 1.0);
}

}  // namespace

Status RegisterSearchRank(sqlite3* db) {
  // The documented way to reach FTS5's C API: SELECT fts5(?) hands back a
  // pointer bound with the type "fts5_api_ptr".
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    (void)sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) {
    return Status::Internal("registering the search rank function", "SQLite has no FTS5");
  }
  if (int rc = api->xCreateFunction(api, "wp_rank", nullptr, SetRank, nullptr); rc != SQLITE_OK) {
    return Status::Internal("registering the search rank function", sqlite3_errstr(rc));
  }
  return Status::Ok();
}

}  // namespace wirepress::store::sqlite
