#include "model/revision.h"

#include "base/strings.h"

namespace wirepress::model {

RevisionOrder CompareRevision(const Story& current, const Story& incoming) {
  if (current.versioncreated && incoming.versioncreated &&
      *current.versioncreated != *incoming.versioncreated) {
    return *incoming.versioncreated > *current.versioncreated ? RevisionOrder::kNewer
                                                              : RevisionOrder::kOlder;
  }
  long long a = 0, b = 0;
  if (ParseInt64(current.version, &a) && ParseInt64(incoming.version, &b) && a != b) {
    return b > a ? RevisionOrder::kNewer : RevisionOrder::kOlder;
  }
  if (current.version != incoming.version) return RevisionOrder::kNewer;
  return RevisionOrder::kSame;
}

}  // namespace wirepress::model
