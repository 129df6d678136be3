// Lifecycle: the one decision every Store backend makes inside Put, Kill
// and ReleaseDue, written as pure functions so that SQLite, PostgreSQL and
// the in-memory store cannot drift apart. A backend reads the existing
// record inside its transaction, asks these functions what to do, and
// writes the result:
//
//   begin → read existing by key (model::StoryKey) → DecidePut → if
//   WritesRecord: write record (+ history, + change log) → commit
//
// Stores written before keys existed hold NewsML 1.2 stories under their
// full guid ("<key>:<revision>"). When a Put's story has a key (key !=
// uri) and nothing is stored under it, the backend looks for a story whose
// uri is the key followed by ":" (the newest when there are several),
// re-keys it to the key in the same transaction and hands it to DecidePut
// after AdoptUnderKey: the lazy adoption that replaces a migration. Other
// formats never look (their key is their uri).
//
// Rules (store/store.h states the contract):
//   - a story killed earlier rejects every later delivery (kRejected);
//   - a kill (model::IsKill) is applied whatever its version; a kill for an
//     unknown uri stores a killed tombstone so the story never appears;
//   - otherwise model::CompareRevision decides: older/same → kUnchanged;
//   - a new story whose embargo is after `now` is held (kEmbargoed) with
//     published_at = the embargo time; an update of a held story stays held
//     while its (possibly moved) embargo is in the future;
//   - an embargo on a newer version of a story that is already live is
//     ignored: the text is public already;
//   - published_at is the first time the story went (or goes) live and
//     never moves once live; updated_at moves on every applied change;
//   - the path is fixed at creation (corrections and updates keep it); the
//     section follows the latest version;
//   - a story an operator holds takes newer versions and stays held until
//     released; a kill (agency or operator) still withdraws it for good.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_STORE_LIFECYCLE_H_
#define WIREPRESS_STORE_LIFECYCLE_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "store/store.h"

namespace wirepress::store {

// True when `action` means the record changed and must be written (and a
// change logged): kCreated, kEmbargoed, kUpdated, kKilled.
bool WritesRecord(PutAction action);

// Decides what Put does with `request` given the stored record for its uri
// (nullopt when the uri is new). The outcome's record is the state after
// the call; for a new story its id is 0 and the backend assigns one. When
// !WritesRecord(action) the record equals *existing and nothing may be
// written. Every written Put also appends request.story to the history.
PutOutcome DecidePut(const std::optional<StoryRecord>& existing, const PutRequest& request);

// Gives *existing, a record found for a Put under `key`, that key when it
// was stored under its full guid (adopted, see above): the record is
// keyed on `key` from now on. No-op otherwise.
void AdoptUnderKey(const std::string& key, std::optional<StoryRecord>* existing);

// Decides an operator kill of `existing`: kKilled with `reason` (or a
// default reason when empty), or kUnchanged when it is already killed.
// Operator kills add no history entry: no new version arrived.
PutOutcome DecideKill(const StoryRecord& existing, std::string_view reason, Timestamp now);

// Decides an operator hold: kHeld with `reason` (or a default), or
// kUnchanged when `existing` is already held or killed.
PutOutcome DecideHold(const StoryRecord& existing, std::string_view reason, Timestamp now);

// Decides the release of a hold: back to live (action kReleaseAction), or
// embargoed (kEmbargoed) while published_at, the embargo, is after `now`;
// kUnchanged when `existing` is not held.
PutOutcome DecideReleaseHold(const StoryRecord& existing, Timestamp now);

// True when `record` is embargoed and its embargo (published_at) is <= now.
bool EmbargoDue(const StoryRecord& record, Timestamp now);

// The record after its embargo is lifted at `now`: kLive, published_at
// stays the embargo time, updated_at = now.
// REQUIRES: EmbargoDue(record, now).
StoryRecord Release(StoryRecord record, Timestamp now);

// The change-log action ReleaseDue records: the story appears on the site
// for the first time, so caches treat it as created.
inline constexpr PutAction kReleaseAction = PutAction::kCreated;

// "live", "embargoed", "killed": the stored spelling, shared by backends.
std::string_view StoryStateName(StoryState state);
// Inverse of StoryStateName; nullopt for any other text.
std::optional<StoryState> ParseStoryState(std::string_view name);
// Inverse of PutActionName; nullopt for any other text.
std::optional<PutAction> ParsePutAction(std::string_view name);

}  // namespace wirepress::store

#endif  // WIREPRESS_STORE_LIFECYCLE_H_
