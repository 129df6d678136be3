// libFuzzer target for the newsml_1 adapter; seeds: tools/fuzz.sh.
#include "formats/newsml_1/newsml_1_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::newsml_1::NewNewsml1Parser)
