// libFuzzer target for the iptc7901 adapter; seeds: tools/fuzz.sh.
#include "formats/iptc7901/iptc7901_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::iptc7901::NewIptc7901Parser)
