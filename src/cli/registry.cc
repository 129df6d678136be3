#include "cli/registry.h"

#include "formats/anpa1312/anpa_parser.h"
#include "formats/ap_media/ap_media_parser.h"
#include "formats/email/email_parser.h"
#include "formats/iptc7901/iptc7901_parser.h"
#include "formats/newsml_1/newsml_1_parser.h"
#include "formats/newsml_g2/newsml_g2_parser.h"
#include "formats/ninjs/ninjs_parser.h"
#include "formats/nitf/nitf_parser.h"
#include "formats/plain_text/plain_text_parser.h"
#include "formats/ritzau/ritzau_parser.h"
#include "formats/syndication/json_feed_parser.h"
#include "formats/syndication/rss_atom_parser.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#ifdef WIREPRESS_WITH_POSTGRES
#include "store/postgres/postgres_store.h"
#endif

namespace wirepress::cli {

void RegisterFormats(formats::FormatRegistry* registry) {
  // XML and JSON formats recognise their roots with certainty; within a
  // family the specific profile precedes the generic one (BBC LDRS and AP
  // Media before plain ninjs). The line-oriented formats only guess, so
  // they come last, plain text the very last.
  registry->Register(formats::newsml_g2::NewNewsmlG2Parser());
  registry->Register(formats::newsml_1::NewNewsml1Parser());
  registry->Register(formats::nitf::NewNitfParser());
  registry->Register(formats::ritzau::NewRitzauParser());
  registry->Register(formats::syndication::NewRssAtomParser());
  registry->Register(formats::ninjs::NewBbcLdrsParser());
  registry->Register(formats::ap_media::NewApMediaParser());
  registry->Register(formats::ninjs::NewNinjsParser());
  registry->Register(formats::syndication::NewJsonFeedParser());
  registry->Register(formats::email::NewEmailParser());
  registry->Register(formats::iptc7901::NewIptc7901Parser());
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
