// libFuzzer target for the syndication adapter; seeds: tools/fuzz.sh.
#include "formats/syndication/rss_atom_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::syndication::NewRssAtomParser)
