#include "store/sqlite/reads.h"

#include <algorithm>

#include "model/story_json.h"
#include "store/lifecycle.h"
#include "store/search_rank.h"
#include "store/search_text.h"

namespace wirepress::store::sqlite {
namespace {

constexpr const char* kColumns =
    "s.id, s.path, s.section, s.state, s.published_at, s.updated_at, s.revisions, "
    "s.kill_reason, s.story";

// Relevance (search_rank_function.h) with column weights for (headline,
// description, body): a headline hit must outrank body-only hits.
constexpr const char* kRank = "wp_rank(stories_fts, 10.0, 3.0, 1.0)";

Result<StoryRecord> ReadRecord(const Statement& row) {
  StoryRecord r;
  r.id = row.Int(0);
  r.path = row.Text(1);
  r.section = row.Text(2);
  std::string state = row.Text(3);
  std::optional<StoryState> parsed = ParseStoryState(state);
  if (!parsed) {
    return Status::Internal("reading story id " + std::to_string(r.id),
                            "unknown state '" + state + "'");
  }
  r.state = *parsed;
  r.published_at = Timestamp{row.Int(4)};
  r.updated_at = Timestamp{row.Int(5)};
  r.revisions = static_cast<int>(row.Int(6));
  r.kill_reason = row.Text(7);
  auto story = model::StoryFromJson(row.Text(8));
  if (!story.ok()) {
    return story.status().Wrap(StatusCode::kInternal, "reading story id " + std::to_string(r.id));
  }
  r.story = std::move(story).value();
  return r;
}

Result<std::vector<StoryRecord>> ReadAll(Statement* stmt) {
  std::vector<StoryRecord> out;
  while (true) {
    WP_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return out;
    WP_ASSIGN_OR_RETURN(StoryRecord r, ReadRecord(*stmt));
    out.push_back(std::move(r));
  }
}

Result<std::optional<StoryRecord>> ReadOne(Statement* stmt) {
  WP_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::optional<StoryRecord>();
  WP_ASSIGN_OR_RETURN(StoryRecord r, ReadRecord(*stmt));
  return std::optional<StoryRecord>(std::move(r));
}

Result<std::optional<StoryRecord>> FindBy(Connection* c, const std::string& column,
                                          const std::string& value) {
  WP_ASSIGN_OR_RETURN(Statement stmt, c->Prepare(std::string("SELECT ") + kColumns +
                                                 " FROM stories s WHERE s." + column + " = ?"));
  stmt.Bind(value);
  return ReadOne(&stmt);
}

// "FROM ... WHERE ..." for a listing query; BindFilters binds in the same
// order. The SQL depends only on which filters are set (and how many
// agency names), so few variants are prepared and cached per connection.
std::string FromWhere(const StoryQuery& q) {
  std::string sql = " FROM stories s";
  if (!q.tag.empty()) sql += " JOIN story_tags t ON t.story_id = s.id AND t.tag_slug = ?";
  // The state name is one of four fixed words, never input.
  sql += " WHERE s.state = '" + std::string(StoryStateName(q.state)) + "'";
  if (!q.section.empty()) sql += " AND s.section = ?";
  if (size_t n = AgencyNames(q).size(); n > 0) {  // COLLATE NOCASE column
    sql += " AND s.agency IN (?";
    for (size_t i = 1; i < n; ++i) sql += ", ?";
    sql += ")";
  }
  if (q.published_from) sql += " AND s.published_at >= ?";
  if (q.published_to) sql += " AND s.published_at < ?";
  return sql;
}

void BindFilters(const StoryQuery& q, Statement* stmt) {
  if (!q.tag.empty()) stmt->Bind(q.tag);
  if (!q.section.empty()) stmt->Bind(q.section);
  for (const std::string& name : AgencyNames(q)) stmt->Bind(name);
  if (q.published_from) stmt->Bind(q.published_from->seconds);
  if (q.published_to) stmt->Bind(q.published_to->seconds);
}

void BindPage(int limit, int offset, Statement* stmt) {
  stmt->Bind(static_cast<std::int64_t>(limit > 0 ? limit : -1));
  stmt->Bind(static_cast<std::int64_t>(offset > 0 ? offset : 0));
}

}  // namespace

Result<std::optional<StoryRecord>> FindById(Connection* c, std::int64_t id) {
  WP_ASSIGN_OR_RETURN(Statement stmt, c->Prepare(std::string("SELECT ") + kColumns +
                                                 " FROM stories s WHERE s.id = ?"));
  stmt.Bind(id);
  return ReadOne(&stmt);
}

Result<std::optional<StoryRecord>> FindByUri(Connection* c, const std::string& uri) {
  return FindBy(c, "uri", uri);
}

Result<std::optional<StoryRecord>> FindByPath(Connection* c, const std::string& path) {
  return FindBy(c, "path", path);
}

Result<std::vector<StoryRecord>> ListLive(Connection* c, const StoryQuery& q) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare(std::string("SELECT ") + kColumns + FromWhere(q) +
                                 " ORDER BY s.published_at DESC, s.id DESC LIMIT ? OFFSET ?"));
  BindFilters(q, &stmt);
  BindPage(q.limit, q.offset, &stmt);
  return ReadAll(&stmt);
}

Result<std::int64_t> CountLive(Connection* c, const StoryQuery& q) {
  WP_ASSIGN_OR_RETURN(Statement stmt, c->Prepare("SELECT count(*)" + FromWhere(q)));
  BindFilters(q, &stmt);
  WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

std::string FtsMatchExpression(std::string_view text) {
  std::string match;
  // Words hold only letters, digits and UTF-8 bytes, so quoting needs no
  // escapes and FTS5 operators in the user's text ("NOT", "*") are inert.
  for (const std::string& word : SearchWords(text)) {
    if (!match.empty()) match += ' ';
    match += '"' + word + '"';
  }
  if (!match.empty()) match += '*';
  return match;
}

Result<std::vector<StoryRecord>> SearchLive(Connection* c, const SearchQuery& q) {
  std::string match = FtsMatchExpression(q.text);
  if (match.empty()) return std::vector<StoryRecord>{};
  // The window (store/search_rank.h): FTS5 walks the matches in rowid
  // order, newest first, and stops after kSearchWindow, so relevance is
  // computed for those only; a word in most stories costs no more than a
  // rare one.
  // The stories row gives published_at (read before the JSON column, so
  // the story's overflow pages stay unread) and re-checks the state.
  WP_ASSIGN_OR_RETURN(
      Statement window_stmt,
      c->Prepare(std::string("SELECT f.rowid, ") + kRank + ", s.published_at"
                 " FROM stories_fts f JOIN stories s ON s.id = f.rowid"
                 " WHERE stories_fts MATCH ? AND s.state = 'live'"
                 " ORDER BY f.rowid DESC LIMIT ?"));
  window_stmt.Bind(match).Bind(std::int64_t{kSearchWindow});
  std::vector<SearchCandidate> window;
  while (true) {
    WP_ASSIGN_OR_RETURN(bool row, window_stmt.Step());
    if (!row) break;
    window.push_back({window_stmt.Int(0), window_stmt.Double(1), Timestamp{window_stmt.Int(2)}});
  }
  RankSearchWindow(&window);
  SearchPage page = PlanSearchPage(window.size(), q.limit, q.offset);
  std::vector<StoryRecord> out;
  for (size_t i = page.window_begin; i < page.window_end; ++i) {
    // A separate read: a story killed since the window query is left out.
    WP_ASSIGN_OR_RETURN(std::optional<StoryRecord> r, FindById(c, window[i].id));
    if (r && r->state == StoryState::kLive) out.push_back(std::move(*r));
  }
  if (page.tail_limit == 0) return out;
  // Older matches, newest first: the same walk, past the window.
  WP_ASSIGN_OR_RETURN(
      Statement tail_stmt,
      c->Prepare(std::string("SELECT ") + kColumns +
                 " FROM stories_fts f JOIN stories s ON s.id = f.rowid"
                 " WHERE stories_fts MATCH ? AND f.rowid < ? AND s.state = 'live'"
                 " ORDER BY f.rowid DESC LIMIT ? OFFSET ?"));
  std::int64_t oldest = window.empty() ? 0 : window.front().id;
  for (const SearchCandidate& w : window) oldest = std::min(oldest, w.id);
  tail_stmt.Bind(match).Bind(oldest).Bind(page.tail_limit).Bind(page.tail_offset);
  WP_ASSIGN_OR_RETURN(std::vector<StoryRecord> tail, ReadAll(&tail_stmt));
  for (StoryRecord& r : tail) out.push_back(std::move(r));
  return out;
}

Result<std::vector<StoryRecord>> DueEmbargoes(Connection* c, Timestamp now) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare(std::string("SELECT ") + kColumns +
                                 " FROM stories s WHERE s.state = 'embargoed' AND "
                                 "s.published_at <= ? ORDER BY s.published_at, s.id"));
  stmt.Bind(now.seconds);
  return ReadAll(&stmt);
}

Result<std::optional<Timestamp>> EarliestEmbargo(Connection* c) {
  WP_ASSIGN_OR_RETURN(Statement stmt, c->Prepare("SELECT min(published_at) FROM stories "
                                                 "WHERE state = 'embargoed'"));
  WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || stmt.IsNull(0)) return std::optional<Timestamp>();
  return std::optional<Timestamp>(Timestamp{stmt.Int(0)});
}

Result<std::vector<std::string>> ReadAgencies(Connection* c) {
  // A skip scan of stories_by_agency (agency, state, ...) instead of a
  // DISTINCT that SQLite runs over stories_by_state and every row (65 ms
  // at 100k stories, doc/benchmarks.md): `a` seeks from one agency to the
  // next whatever the state, then `live` makes one equality seek on
  // (agency, 'live') per agency. Seeking straight for the next live name
  // would walk every embargoed, held and killed entry of each agency
  // ('killed' < 'live'), and kill tombstones are never removed. The
  // agency column is COLLATE NOCASE, so ">" skips other spellings of the
  // same name; the name returned is a live story's spelling.
  WP_ASSIGN_OR_RETURN(
      Statement stmt,
      c->Prepare("WITH RECURSIVE a(name) AS ("
                 "SELECT (SELECT agency FROM stories WHERE agency > '' ORDER BY agency LIMIT 1) "
                 "UNION ALL "
                 "SELECT (SELECT agency FROM stories WHERE agency > a.name "
                 "ORDER BY agency LIMIT 1) FROM a WHERE a.name IS NOT NULL), "
                 "live(name) AS MATERIALIZED (SELECT (SELECT s.agency FROM stories s "
                 "WHERE s.agency = a.name AND s.state = 'live' LIMIT 1) "
                 "FROM a WHERE a.name IS NOT NULL) "
                 "SELECT name FROM live WHERE name IS NOT NULL"));
  std::vector<std::string> out;
  while (true) {
    WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.Text(0));
  }
}

Result<std::vector<model::Story>> ReadHistory(Connection* c, const std::string& uri) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("SELECT CASE r.story WHEN '' THEN s.story ELSE r.story END "
                                 "FROM revisions r LEFT JOIN stories s ON s.uri = r.uri "
                                 "WHERE r.uri = ? ORDER BY r.id"));
  stmt.Bind(uri);
  std::vector<model::Story> out;
  while (true) {
    WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    auto story = model::StoryFromJson(stmt.Text(0));
    if (!story.ok()) {
      return story.status().Wrap(StatusCode::kInternal, "reading the history of " + uri);
    }
    out.push_back(std::move(story).value());
  }
}

Result<std::vector<Change>> ReadChanges(Connection* c, std::int64_t after, int limit) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("SELECT seq, story_id, action, at FROM changes WHERE seq > ? "
                                 "ORDER BY seq LIMIT ?"));
  stmt.Bind(after).Bind(static_cast<std::int64_t>(limit > 0 ? limit : -1));
  std::vector<Change> out;
  while (true) {
    WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    std::string action = stmt.Text(2);
    std::optional<PutAction> parsed = ParsePutAction(action);
    if (!parsed) {
      return Status::Internal("reading change " + std::to_string(stmt.Int(0)),
                              "unknown action '" + action + "'");
    }
    out.push_back(Change{stmt.Int(0), stmt.Int(1), *parsed, Timestamp{stmt.Int(3)}});
  }
}

Result<std::int64_t> FirstChangeAtOrAfter(Connection* c, Timestamp at) {
  // Walks seq order from the oldest and stops at the first new entry: as
  // many rows as there are to delete, not the whole log.
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("SELECT coalesce((SELECT seq FROM changes WHERE at >= ? "
                                 "ORDER BY seq LIMIT 1), (SELECT max(seq) + 1 FROM changes), 0)"));
  stmt.Bind(at.seconds);
  WP_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

}  // namespace wirepress::store::sqlite
