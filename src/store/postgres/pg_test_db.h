// Test-only: a fresh, empty PostgreSQL store per test case on the server
// WIREPRESS_PG_URL names (tools/with_postgres.sh starts one). Each call
// makes a new schema ("wp_test_<pid>_<n>") and a URL whose search_path
// points at it, so cases never see each other's rows; the schemas are
// dropped when the test program ends. Without WIREPRESS_PG_URL every test
// in the program is skipped.
//
// Thread-safety: NewSchemaUrl and OpenFreshStore may run on any thread.
#ifndef WIREPRESS_STORE_POSTGRES_PG_TEST_DB_H_
#define WIREPRESS_STORE_POSTGRES_PG_TEST_DB_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace wirepress::store::postgres {

// The server's URL, or "" when WIREPRESS_PG_URL is unset.
std::string TestServerUrl();

// A URL for a new, empty schema on the test server.
Result<std::string> NewSchemaUrl();

// A store on a new, empty schema.
Result<std::unique_ptr<Store>> OpenFreshStore(const StoreOptions& options = {});

}  // namespace wirepress::store::postgres

#endif  // WIREPRESS_STORE_POSTGRES_PG_TEST_DB_H_
