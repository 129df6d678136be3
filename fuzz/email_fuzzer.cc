// libFuzzer target for the email adapter; seeds: tools/fuzz.sh.
#include "formats/email/email_parser.h"
#include "fuzz/fuzz_adapter.h"

WIREPRESS_ADAPTER_FUZZER(wirepress::formats::email::NewEmailParser)
