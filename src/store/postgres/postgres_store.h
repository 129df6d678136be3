// The PostgreSQL Store, for sites where several ingest workers and servers
// share one database (doc/postgres.md). Each store keeps a pool of up to
// StoreOptions::pool_size libpq connections, created on demand, with its
// statements prepared once per connection. Opening a store applies any
// missing schema migrations (store/postgres/schema.sql).
//
// Put reads the story row FOR UPDATE, asks store/lifecycle.h what to do
// and writes the story, its tags and search vector, a history row and a
// change-log row in one transaction, so workers putting the same uri at
// once never lose or duplicate a story: one creates it, the others see it.
// Every committed change also sends NOTIFY on channel "wirepress_changes"
// (payload: the newest seq) for servers that LISTEN instead of polling
// ChangesSince.
//
// Errors: Unavailable when the server cannot be reached or a connection
// drops (the pool reconnects on the next call; retry later); Conflict for
// a path already used by another uri; the PostgreSQL message is included.
//
// Thread-safety: as for every Store, any method from any thread.
#ifndef WIREPRESS_STORE_POSTGRES_POSTGRES_STORE_H_
#define WIREPRESS_STORE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace wirepress::store::postgres {

// The NOTIFY channel every committed change is announced on.
inline constexpr char kChangesChannel[] = "wirepress_changes";

// Connects to `url` ("postgresql://user@host:port/db?sslmode=..." or
// "postgres://..."; any libpq connection URI), migrates the schema and
// returns the store. Unavailable when the server cannot be reached;
// InvalidInput when the database's schema is newer than this build.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const StoreOptions& options);

// Registers the "postgresql" scheme (StoreRegistry maps "postgres" to it).
// `registry` is not owned.
void RegisterPostgresStore(StoreRegistry* registry);

// `url` with any password replaced by "***", for messages and logs.
std::string RedactUrl(const std::string& url);

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_POSTGRES_STORE_H_
