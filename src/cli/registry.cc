#include "cli/registry.h"

#include "formats/anpa1312/anpa_parser.h"
#include "formats/newsml_g2/newsml_g2_parser.h"
#include "formats/ninjs/ninjs_parser.h"
#include "formats/nitf/nitf_parser.h"
#include "formats/plain_text/plain_text_parser.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#ifdef WIREPRESS_WITH_POSTGRES
#include "store/postgres/postgres_store.h"
#endif

namespace wirepress::cli {

void RegisterFormats(formats::FormatRegistry* registry) {
  // XML and JSON formats recognise their roots with certainty; the
  // line-oriented ones (ANPA, plain text) only guess, so they come last.
  registry->Register(formats::newsml_g2::NewNewsmlG2Parser());
  registry->Register(formats::nitf::NewNitfParser());
  registry->Register(formats::ninjs::NewBbcLdrsParser());
  registry->Register(formats::ninjs::NewNinjsParser());
  registry->Register(formats::anpa1312::NewAnpaParser());
  registry->Register(formats::plain_text::NewPlainTextParser());
}

void RegisterStores(store::StoreRegistry* registry) {
  store::memory::RegisterMemoryStore(registry);
  store::sqlite::RegisterSqliteStore(registry);
#ifdef WIREPRESS_WITH_POSTGRES
  store::postgres::RegisterPostgresStore(registry);
#endif
}

}  // namespace wirepress::cli
