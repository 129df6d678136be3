// libFuzzer target for the plain_text adapter; seeds: tools/fuzz.sh.
#include "formats/plain_text/plain_text_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::plain_text::NewPlainTextParser)
