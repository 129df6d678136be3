#include "store/sqlite/writes.h"

#include <set>
#include <string>

#include "base/strings.h"
#include "model/permalink.h"
#include "model/story_json.h"
#include "store/lifecycle.h"
#include "store/search_text.h"

namespace wirepress::store::sqlite {
namespace {

// Binds the columns shared by INSERT and UPDATE, in this order.
void BindColumns(const StoryRecord& r, const std::string& json, Statement* stmt) {
  stmt->Bind(r.section)
      .Bind(StoryStateName(r.state))
      .Bind(r.published_at.seconds)
      .Bind(r.updated_at.seconds)
      .Bind(static_cast<std::int64_t>(r.revisions))
      .Bind(r.kill_reason)
      .Bind(model::CreditAgency(r.story))
      .Bind(r.story.headline)
      .Bind(json);
}

Status Insert(Connection* c, StoryRecord* r, const std::string& json) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("INSERT INTO stories (section, state, published_at, updated_at, "
                                 "revisions, kill_reason, agency, headline, story, uri, path) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindColumns(*r, json, &stmt);
  stmt.Bind(model::StoryKey(r->story)).Bind(r->path);
  Status s = stmt.Run();
  if (!s.ok()) return s.WithContext("storing new story " + r->story.uri + " at " + r->path);
  r->id = c->LastInsertId();
  return Status::Ok();
}

Status Update(Connection* c, const StoryRecord& r, const std::string& json) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("UPDATE stories SET section = ?, state = ?, published_at = ?, "
                                 "updated_at = ?, revisions = ?, kill_reason = ?, agency = ?, "
                                 "headline = ?, story = ? WHERE id = ?"));
  BindColumns(r, json, &stmt);
  stmt.Bind(r.id);
  Status s = stmt.Run();
  if (!s.ok()) return s.WithContext("updating story " + r.story.uri);
  return Status::Ok();
}

Status DeleteTags(Connection* c, std::int64_t id) {
  WP_ASSIGN_OR_RETURN(Statement stmt, c->Prepare("DELETE FROM story_tags WHERE story_id = ?"));
  stmt.Bind(id);
  return stmt.Run();
}

Status InsertTags(Connection* c, const StoryRecord& r) {
  std::set<std::string> slugs;
  for (const std::string& k : r.story.keywords) {
    if (std::string slug = model::TagSlug(k); !slug.empty()) slugs.insert(std::move(slug));
  }
  for (const std::string& slug : slugs) {
    WP_ASSIGN_OR_RETURN(Statement stmt,
                        c->Prepare("INSERT INTO story_tags (tag_slug, story_id) VALUES (?, ?)"));
    stmt.Bind(slug).Bind(r.id);
    WP_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
}

// Adds (or, with `remove`, takes out) the search-index row of story `id`.
// stories_fts is contentless (schema.sql, migration 2): it keeps no text,
// so a row is removed by giving back the very values it was indexed with,
// computed here from the same story by the same code. Values that differ
// would leave stale terms behind, which FTS5 cannot detect.
Status IndexText(Connection* c, std::int64_t id, const model::Story& story, bool remove) {
  WP_ASSIGN_OR_RETURN(
      Statement stmt,
      c->Prepare(remove ? "INSERT INTO stories_fts (stories_fts, rowid, headline, description, "
                          "body) VALUES ('delete', ?, ?, ?, ?)"
                        : "INSERT INTO stories_fts (rowid, headline, description, body) "
                          "VALUES (?, ?, ?, ?)"));
  stmt.Bind(id).Bind(story.headline).Bind(story.description_text).Bind(HtmlToText(story.body_html));
  return stmt.Run();
}

// Before the stories row of `uri` changes its JSON, gives the history row
// that refers to it (revisions.story = '', see AppendHistory) its own copy.
Status KeepSupersededVersion(Connection* c, const std::string& uri) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("UPDATE revisions SET story = (SELECT story FROM stories "
                                 "WHERE uri = ?1) WHERE uri = ?1 AND story = ''"));
  stmt.Bind(uri);
  return stmt.Run();
}

}  // namespace

Status WriteRecord(Connection* c, StoryRecord* record, const StoryRecord* previous) {
  std::string json = model::StoryToJson(record->story);
  if (record->id == 0) {
    WP_RETURN_IF_ERROR(Insert(c, record, json));
  } else {
    if (previous == nullptr) {
      return Status::Internal("updating story " + record->story.uri,
                              "the stored record before the update was not given");
    }
    if (previous->story != record->story) {
      WP_RETURN_IF_ERROR(KeepSupersededVersion(c, model::StoryKey(previous->story)));
    }
    WP_RETURN_IF_ERROR(Update(c, *record, json));
    WP_RETURN_IF_ERROR(DeleteTags(c, record->id));
    if (previous->state == StoryState::kLive) {
      WP_RETURN_IF_ERROR(IndexText(c, record->id, previous->story, /*remove=*/true));
    }
  }
  WP_RETURN_IF_ERROR(InsertTags(c, *record));
  if (record->state == StoryState::kLive) {
    // The row will be removed with the values read back from `json`. Text
    // with invalid UTF-8 (no adapter emits it, but the store does not rely
    // on that) comes back with U+FFFD in its place, so index exactly that.
    const model::Story& s = record->story;
    if (IsValidUtf8(s.headline) && IsValidUtf8(s.description_text) &&
        IsValidUtf8(s.body_html)) {
      WP_RETURN_IF_ERROR(IndexText(c, record->id, s, /*remove=*/false));
    } else {
      WP_ASSIGN_OR_RETURN(model::Story read_back, model::StoryFromJson(json));
      WP_RETURN_IF_ERROR(IndexText(c, record->id, read_back, /*remove=*/false));
    }
  }
  return Status::Ok();
}

Status AppendHistory(Connection* c, const model::Story& story, Timestamp applied_at,
                     bool current) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("INSERT INTO revisions (uri, version, story, applied_at) "
                                 "VALUES (?, ?, ?, ?)"));
  stmt.Bind(model::StoryKey(story))
      .Bind(story.version)
      .Bind(current ? std::string() : model::StoryToJson(story))
      .Bind(applied_at.seconds);
  return stmt.Run();
}

Status AppendChange(Connection* c, std::int64_t story_id, PutAction action, Timestamp at) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("INSERT INTO changes (story_id, action, at) VALUES (?, ?, ?)"));
  stmt.Bind(story_id).Bind(PutActionName(action)).Bind(at.seconds);
  return stmt.Run();
}

Result<std::int64_t> DeleteChangesBelow(Connection* c, std::int64_t below, std::int64_t limit) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("DELETE FROM changes WHERE seq < min(?, "
                                 "(SELECT min(seq) FROM changes) + ?)"));
  stmt.Bind(below).Bind(limit);
  WP_RETURN_IF_ERROR(stmt.Run());
  return static_cast<std::int64_t>(sqlite3_changes(c->handle()));
}

}  // namespace wirepress::store::sqlite
