// Revision rules: which of two versions of the same agency story wins.
//
// Agencies number versions differently: small integers (AP "2"), large
// opaque numbers that are not monotonic (Reuters "1542761538" may precede
// "978556838"), or nothing. The rule, in order:
//   1. both have versioncreated and they differ → the later one is newer;
//   2. both versions are integers and differ → the larger is newer;
//   3. versions differ as strings → the incoming one is newer (arrival order);
//   4. otherwise the incoming one is the same revision (a duplicate).
// A kill is always applied, whatever its version.
//
// Thread-safety: pure functions.
#ifndef WIREPRESS_MODEL_REVISION_H_
#define WIREPRESS_MODEL_REVISION_H_

#include "model/story.h"

namespace wirepress::model {

enum class RevisionOrder { kOlder, kSame, kNewer };

// How `incoming` relates to `current` (both with the same StoryKey).
RevisionOrder CompareRevision(const Story& current, const Story& incoming);

}  // namespace wirepress::model

#endif  // WIREPRESS_MODEL_REVISION_H_
