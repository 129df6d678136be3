// libFuzzer target for the nitf adapter; seeds: tools/fuzz.sh.
#include "formats/nitf/nitf_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::nitf::NewNitfParser)
