// SiteCorpus: a store filled with a few hundred varied stories for tests
// that compare whole exported sites: every section (and one that is not
// configured), tags shared by many stories and tags of one or two, a "story"
// keyword and blank ones, agencies differing only in case, no agency,
// pictures, datelines, descriptions, corrections, updates, stories tied on
// the same second, several months, the last 48 hours (news sitemap),
// killed and embargoed stories.
//
// Thread-safety: a plain function; call it before readers start.
#ifndef WIREPRESS_TESTING_SITE_CORPUS_H_
#define WIREPRESS_TESTING_SITE_CORPUS_H_

#include "base/status.h"
#include "base/time.h"
#include "store/store.h"

namespace wirepress::testing {

// Puts `n` stories published before `now` (and a few embargoed after it),
// then updates, kills and corrects some. Deterministic for a given n.
Status PutSiteCorpus(store::Store* store, Timestamp now, int n);

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_SITE_CORPUS_H_
