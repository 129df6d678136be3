#include "store/postgres/pg_rows.h"

#include <algorithm>

#include "base/strings.h"
#include "model/permalink.h"
#include "model/story_json.h"
#include "store/lifecycle.h"
#include "store/postgres/pg_search.h"

namespace wirepress::store::postgres {

const char* const kRecordColumns =
    "id, path, section, state, extract(epoch FROM published_at)::bigint, "
    "extract(epoch FROM updated_at)::bigint, revisions, kill_reason, story";

Result<StoryRecord> ReadRecord(const PGresult* r, int row) {
  StoryRecord rec;
  rec.id = PgInt64(r, row, 0);
  rec.path = PgText(r, row, 1);
  rec.section = PgText(r, row, 2);
  std::string_view state = PgText(r, row, 3);
  std::optional<StoryState> parsed = ParseStoryState(state);
  if (!parsed) {
    return Status::Internal("reading story id " + std::to_string(rec.id),
                            "unknown state '" + std::string(state) + "'");
  }
  rec.state = *parsed;
  rec.published_at = Timestamp{PgInt64(r, row, 4)};
  rec.updated_at = Timestamp{PgInt64(r, row, 5)};
  rec.revisions = static_cast<int>(PgInt64(r, row, 6));
  rec.kill_reason = PgText(r, row, 7);
  auto story = model::StoryFromJson(PgText(r, row, 8));
  if (!story.ok()) {
    return story.status().Wrap(StatusCode::kInternal,
                               "reading story id " + std::to_string(rec.id));
  }
  rec.story = std::move(story).value();
  return rec;
}

Result<std::vector<StoryRecord>> ReadRecords(const PGresult* r) {
  std::vector<StoryRecord> out;
  int rows = PQntuples(r);
  out.reserve(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    WP_ASSIGN_OR_RETURN(StoryRecord rec, ReadRecord(r, i));
    out.push_back(std::move(rec));
  }
  return out;
}

void AddRecordValues(const StoryRecord& record, const std::string& story_json,
                     PgParams* params) {
  std::vector<std::string> tags;
  for (const std::string& k : record.story.keywords) {
    std::string slug = model::TagSlug(k);
    if (!slug.empty() && std::find(tags.begin(), tags.end(), slug) == tags.end()) {
      tags.push_back(std::move(slug));
    }
  }
  params->Add(record.section)
      .Add(std::string(StoryStateName(record.state)))
      .Add(record.published_at.seconds)
      .Add(record.updated_at.seconds)
      .Add(std::int64_t{record.revisions})
      .Add(record.kill_reason)
      .Add(AsciiLower(model::CreditAgency(record.story)))
      .AddTextArray(tags)
      .Add(TsVectorLiteral(record.story))
      .Add(story_json);
}

Result<Change> ReadChange(const PGresult* r, int row) {
  Change c;
  c.seq = PgInt64(r, row, 0);
  c.story_id = PgInt64(r, row, 1);
  std::string_view action = PgText(r, row, 2);
  std::optional<PutAction> parsed = ParsePutAction(action);
  if (!parsed) {
    return Status::Internal("reading change " + std::to_string(c.seq),
                            "unknown action '" + std::string(action) + "'");
  }
  c.action = *parsed;
  c.at = Timestamp{PgInt64(r, row, 3)};
  return c;
}

}  // namespace wirepress::store::postgres
