// libFuzzer target for the ninjs adapter; seeds: tools/fuzz.sh.
#include "formats/ninjs/ninjs_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::ninjs::NewNinjsParser)
