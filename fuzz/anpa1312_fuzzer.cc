// libFuzzer target for the anpa1312 adapter; seeds: tools/fuzz.sh.
#include "formats/anpa1312/anpa_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::anpa1312::NewAnpaParser)
