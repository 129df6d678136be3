// libFuzzer target for the ap_media adapter; seeds: tools/fuzz.sh.
#include "formats/ap_media/ap_media_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::ap_media::NewApMediaParser)
