#include "store/sqlite/writes.h"

#include <set>
#include <string>

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
  stmt.Bind(r->story.uri).Bind(r->path);
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

Status DeleteIndexRows(Connection* c, std::int64_t id) {
  for (const char* sql : {"DELETE FROM story_tags WHERE story_id = ?",
                          "DELETE FROM stories_fts WHERE rowid = ?"}) {
    WP_ASSIGN_OR_RETURN(Statement stmt, c->Prepare(sql));
    stmt.Bind(id);
    WP_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
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

Status IndexText(Connection* c, const StoryRecord& r) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("INSERT INTO stories_fts (rowid, headline, description, body) "
                                 "VALUES (?, ?, ?, ?)"));
  stmt.Bind(r.id)
      .Bind(r.story.headline)
      .Bind(r.story.description_text)
      .Bind(HtmlToText(r.story.body_html));
  return stmt.Run();
}

}  // namespace

Status WriteRecord(Connection* c, StoryRecord* record, std::string* json_out) {
  std::string json = model::StoryToJson(record->story);
  if (record->id == 0) {
    WP_RETURN_IF_ERROR(Insert(c, record, json));
  } else {
    WP_RETURN_IF_ERROR(Update(c, *record, json));
    WP_RETURN_IF_ERROR(DeleteIndexRows(c, record->id));
  }
  WP_RETURN_IF_ERROR(InsertTags(c, *record));
  if (record->state == StoryState::kLive) WP_RETURN_IF_ERROR(IndexText(c, *record));
  if (json_out != nullptr) *json_out = std::move(json);
  return Status::Ok();
}

Status AppendHistory(Connection* c, const model::Story& story, Timestamp applied_at,
                     const std::string& json) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("INSERT INTO revisions (uri, version, story, applied_at) "
                                 "VALUES (?, ?, ?, ?)"));
  stmt.Bind(story.uri).Bind(story.version).Bind(json.empty() ? model::StoryToJson(story) : json)
      .Bind(applied_at.seconds);
  return stmt.Run();
}

Status AppendChange(Connection* c, std::int64_t story_id, PutAction action, Timestamp at) {
  WP_ASSIGN_OR_RETURN(Statement stmt,
                      c->Prepare("INSERT INTO changes (story_id, action, at) VALUES (?, ?, ?)"));
  stmt.Bind(story_id).Bind(PutActionName(action)).Bind(at.seconds);
  return stmt.Run();
}

}  // namespace wirepress::store::sqlite
