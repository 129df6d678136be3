// libFuzzer target for the ritzau adapter; seeds: tools/fuzz.sh.
#include "formats/ritzau/ritzau_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::ritzau::NewRitzauParser)
