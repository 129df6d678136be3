// libFuzzer target for the newsml_g2 adapter; seeds: tools/fuzz.sh.
#include "formats/newsml_g2/newsml_g2_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::newsml_g2::NewNewsmlG2Parser)
