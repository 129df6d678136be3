// The read-only JSON API: the latest stories (filtered by section or tag,
// paged by limit/offset) and one story by id. Each story is the ninjs-style
// model::StoryToJson object with the site's own fields in front of it.
#include <algorithm>

#include "base/strings.h"
#include "model/story_json.h"
#include "publish/json_text.h"
#include "publish/site_renderer.h"
#include "publish/story_view.h"

namespace wirepress::publish {
namespace {

constexpr std::string_view kJsonType = "application/json; charset=utf-8";
constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 100;
constexpr int kMaxOffset = 100000;

std::string_view StateName(store::StoryState s) {
  switch (s) {
    case store::StoryState::kLive: return "live";
    case store::StoryState::kEmbargoed: return "embargoed";
    case store::StoryState::kKilled: return "killed";
    case store::StoryState::kHeld: return "held";
  }
  return "live";
}

int IntParam(std::string_view query, std::string_view name, int fallback, int lo, int hi) {
  int v = fallback;
  if (!ParseInt(QueryParam(query, name), &v)) v = fallback;
  return std::clamp(v, lo, hi);
}

// `head` is "{...}" with the site fields; `story` is StoryToJson's object.
std::string MergeObjects(const std::string& head, const std::string& story) {
  if (story.size() <= 2) return head;  // "{}"
  return head.substr(0, head.size() - 1) + "," + story.substr(1);
}

}  // namespace

std::string SiteRenderer::ApiStoryJson(const store::StoryRecord& record) const {
  JsonObject head;
  head.AddInt("id", record.id)
      .Add("path", record.path)
      .Add("url", AbsoluteUrl(config_, record.path))
      .Add("state", StateName(record.state))
      .Add("section", record.section)
      .Add("published_at", FormatIso8601(record.published_at))
      .Add("updated_at", FormatIso8601(record.updated_at))
      .AddInt("revisions", record.revisions);
  return MergeObjects(head.str(), model::StoryToJson(record.story));
}

Result<RenderedDocument> SiteRenderer::RenderApiList(std::string_view query) {
  store::StoryQuery q;
  q.section = QueryParam(query, "section");
  q.tag = QueryParam(query, "tag");
  q.limit = IntParam(query, "limit", kDefaultLimit, 1, kMaxLimit);
  q.offset = IntParam(query, "offset", 0, 0, kMaxOffset);
  WP_ASSIGN_OR_RETURN(std::vector<store::StoryRecord> stories, store_->List(q));
  WP_ASSIGN_OR_RETURN(std::int64_t total, store_->Count(q));
  std::string list = "[";
  Timestamp modified;
  for (const store::StoryRecord& r : stories) {
    if (list.size() > 1) list += ',';
    list += ApiStoryJson(r);
    modified = std::max(modified, r.updated_at);
  }
  list += ']';
  JsonObject out;
  out.AddRaw("stories", list).AddInt("total", total).AddInt("limit", q.limit).AddInt("offset", q.offset);
  return MakeDocument(std::string(kApiStoriesPath), std::string(kJsonType), out.str() + "\n",
                      modified);
}

Result<RenderedDocument> SiteRenderer::RenderApiStory(std::int64_t id) {
  std::string path = ApiStoryPath(id);
  WP_ASSIGN_OR_RETURN(store::StoryRecord record, store_->GetById(id));
  if (record.state == store::StoryState::kEmbargoed || record.state == store::StoryState::kHeld) {
    return Status::NotFound(path, "no such story");
  }
  if (record.state == store::StoryState::kKilled) {
    JsonObject gone;
    gone.AddInt("id", record.id).Add("path", record.path).Add("state", "killed");
    return MakeDocument(path, std::string(kJsonType), gone.str() + "\n", record.updated_at, 410);
  }
  return MakeDocument(path, std::string(kJsonType), ApiStoryJson(record) + "\n",
                      record.updated_at);
}

}  // namespace wirepress::publish
