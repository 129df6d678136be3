#include "store/lifecycle.h"

#include "model/revision.h"

namespace wirepress::store {
namespace {

constexpr std::string_view kDefaultKillReason = "withdrawn by the agency";
constexpr std::string_view kDefaultOperatorReason = "withdrawn by the editor";
constexpr std::string_view kDefaultHoldReason = "held by the editor";

bool HeldUntilLater(const model::Story& story, Timestamp now) {
  return story.embargoed && *story.embargoed > now;
}

std::string AgencyKillReason(const model::Story& kill) {
  if (!kill.correction_note.empty()) return kill.correction_note;
  if (!kill.description_text.empty()) return kill.description_text;
  return std::string(kDefaultKillReason);
}

PutOutcome Unchanged(PutAction action, const StoryRecord& existing) {
  return PutOutcome{action, existing, existing};
}

PutOutcome Create(const PutRequest& request) {
  StoryRecord r;
  r.path = request.path;
  r.section = request.section;
  r.story = request.story;
  r.updated_at = request.now;
  r.published_at = request.now;
  PutAction action = PutAction::kCreated;
  if (model::IsKill(request.story)) {
    // A kill before the story itself (feeds reorder): keep a tombstone so
    // the story is rejected when it does arrive.
    r.state = StoryState::kKilled;
    r.kill_reason = AgencyKillReason(request.story);
    action = PutAction::kKilled;
  } else if (HeldUntilLater(request.story, request.now)) {
    r.state = StoryState::kEmbargoed;
    r.published_at = *request.story.embargoed;
    action = PutAction::kEmbargoed;
  }
  return PutOutcome{action, std::move(r), std::nullopt};
}

PutOutcome ApplyKill(const StoryRecord& existing, std::string reason, Timestamp now) {
  StoryRecord r = existing;
  r.state = StoryState::kKilled;
  r.kill_reason = std::move(reason);
  r.updated_at = now;
  return PutOutcome{PutAction::kKilled, std::move(r), existing};
}

// A newer version. A live or held story keeps its state and publication
// time (a held story takes the new text and its history; the hold stands).
PutOutcome Update(const StoryRecord& existing, const PutRequest& request) {
  StoryRecord r = existing;
  r.story = request.story;
  r.section = request.section;
  r.updated_at = request.now;
  r.revisions = existing.revisions + 1;
  PutAction action = PutAction::kUpdated;
  if (existing.state == StoryState::kEmbargoed) {
    if (HeldUntilLater(request.story, request.now)) {
      r.published_at = *request.story.embargoed;
      action = PutAction::kEmbargoed;
    } else {
      // The new version lifts the embargo: the story goes live now.
      r.state = StoryState::kLive;
      r.published_at = request.now;
    }
  }
  return PutOutcome{action, std::move(r), existing};
}

}  // namespace

bool WritesRecord(PutAction action) {
  return action != PutAction::kUnchanged && action != PutAction::kRejected;
}

void AdoptUnderKey(const std::string& key, std::optional<StoryRecord>* existing) {
  if (*existing && model::StoryKey((*existing)->story) != key) (*existing)->story.key = key;
}

PutOutcome DecidePut(const std::optional<StoryRecord>& existing, const PutRequest& request) {
  if (!existing) return Create(request);
  if (existing->state == StoryState::kKilled) return Unchanged(PutAction::kRejected, *existing);
  if (model::IsKill(request.story)) {
    PutOutcome out = ApplyKill(*existing, AgencyKillReason(request.story), request.now);
    out.record.revisions = existing->revisions + 1;
    return out;
  }
  if (model::CompareRevision(existing->story, request.story) != model::RevisionOrder::kNewer) {
    return Unchanged(PutAction::kUnchanged, *existing);
  }
  return Update(*existing, request);
}

PutOutcome DecideHold(const StoryRecord& existing, std::string_view reason, Timestamp now) {
  if (existing.state == StoryState::kKilled || existing.state == StoryState::kHeld) {
    return Unchanged(PutAction::kUnchanged, existing);
  }
  StoryRecord r = existing;
  r.state = StoryState::kHeld;
  r.kill_reason = std::string(reason.empty() ? kDefaultHoldReason : reason);
  r.updated_at = now;
  return PutOutcome{PutAction::kHeld, std::move(r), existing};
}

PutOutcome DecideReleaseHold(const StoryRecord& existing, Timestamp now) {
  if (existing.state != StoryState::kHeld) return Unchanged(PutAction::kUnchanged, existing);
  StoryRecord r = existing;
  r.kill_reason.clear();
  r.updated_at = now;
  PutAction action = kReleaseAction;
  if (existing.published_at > now) {
    r.state = StoryState::kEmbargoed;  // held before its embargo: wait for it
    action = PutAction::kEmbargoed;
  } else {
    r.state = StoryState::kLive;
  }
  return PutOutcome{action, std::move(r), existing};
}

PutOutcome DecideKill(const StoryRecord& existing, std::string_view reason, Timestamp now) {
  if (existing.state == StoryState::kKilled) return Unchanged(PutAction::kUnchanged, existing);
  return ApplyKill(existing,
                   std::string(reason.empty() ? kDefaultOperatorReason : reason), now);
}

bool EmbargoDue(const StoryRecord& record, Timestamp now) {
  return record.state == StoryState::kEmbargoed && record.published_at <= now;
}

StoryRecord Release(StoryRecord record, Timestamp now) {
  record.state = StoryState::kLive;
  record.updated_at = now;
  return record;
}

std::string_view StoryStateName(StoryState state) {
  switch (state) {
    case StoryState::kLive: return "live";
    case StoryState::kEmbargoed: return "embargoed";
    case StoryState::kKilled: return "killed";
    case StoryState::kHeld: return "held";
  }
  return "live";
}

std::optional<StoryState> ParseStoryState(std::string_view name) {
  for (StoryState s :
       {StoryState::kLive, StoryState::kEmbargoed, StoryState::kKilled, StoryState::kHeld}) {
    if (StoryStateName(s) == name) return s;
  }
  return std::nullopt;
}

std::optional<PutAction> ParsePutAction(std::string_view name) {
  for (PutAction a : {PutAction::kCreated, PutAction::kEmbargoed, PutAction::kUpdated,
                      PutAction::kUnchanged, PutAction::kKilled, PutAction::kRejected,
                      PutAction::kHeld}) {
    if (PutActionName(a) == name) return a;
  }
  return std::nullopt;
}

}  // namespace wirepress::store
