// The one place that names concrete wire-format adapters and store
// backends: everything else sees only formats::FeedParser and store::Store.
//
// Thread-safety: call during start-up, before the registries are shared.
#ifndef WIREPRESS_CLI_REGISTRY_H_
#define WIREPRESS_CLI_REGISTRY_H_

#include "formats/registry.h"
#include "store/store.h"

namespace wirepress::cli {

// Every adapter, most specific first (sniffing ties go to the earlier).
void RegisterFormats(formats::FormatRegistry* registry);
// memory:, sqlite: and (when built with PostgreSQL) postgresql:.
void RegisterStores(store::StoreRegistry* registry);

}  // namespace wirepress::cli

#endif  // WIREPRESS_CLI_REGISTRY_H_
