// libFuzzer target for the json_feed adapter; seeds: tools/fuzz.sh.
#include "formats/syndication/json_feed_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::syndication::NewJsonFeedParser)
