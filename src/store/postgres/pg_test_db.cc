#include "store/postgres/pg_test_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"

namespace wirepress::store::postgres {
namespace {

std::string SchemaPrefix() { return "wp_test_" + std::to_string(getpid()) + "_"; }

// Skips every test when there is no server, and drops this program's
// schemas at the end when there is one.
class PgTestEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (TestServerUrl().empty()) {
      GTEST_SKIP() << "WIREPRESS_PG_URL is not set; run through tools/with_postgres.sh "
                      "(ctest -L pg does)";
    }
  }
  void TearDown() override {
    if (TestServerUrl().empty()) return;
    auto conn = PgConnection::Connect(TestServerUrl());
    if (!conn.ok()) return;
    // One DO block: every schema this process created, in one round trip.
    (void)(*conn)->Exec("dropping test schemas",
                        "DO $$DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace "
                        "WHERE nspname LIKE '" + SchemaPrefix() + "%' LOOP "
                        "EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END$$");
  }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new PgTestEnvironment);

}  // namespace

std::string TestServerUrl() {
  const char* url = std::getenv("WIREPRESS_PG_URL");
  return url ? url : "";
}

Result<std::string> NewSchemaUrl() {
  static std::atomic<int> counter{0};
  std::string url = TestServerUrl();
  if (url.empty()) return Status::Unavailable("making a test schema", "WIREPRESS_PG_URL is unset");
  std::string schema = SchemaPrefix() + std::to_string(counter++);
  WP_ASSIGN_OR_RETURN(auto conn, PgConnection::Connect(url));
  WP_RETURN_IF_ERROR(conn->Exec("making test schema " + schema,
                                "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " +
                                    schema));
  // libpq URI parameters are percent-decoded: "-c search_path=<schema>".
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "options=-csearch_path%3D" + schema;
  return url;
}

Result<std::unique_ptr<Store>> OpenFreshStore(const StoreOptions& options) {
  WP_ASSIGN_OR_RETURN(std::string url, NewSchemaUrl());
  return OpenPostgresStore(url, options);
}

}  // namespace wirepress::store::postgres
