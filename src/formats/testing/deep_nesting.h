// Test helper: every XML adapter must refuse a document nested deeper than
// kMaxXmlDepth with the XML reader's error, never overflow the stack on it.
// One check, shared by the adapters' tests.
//
// Failures are reported through GoogleTest (EXPECT-style), so call this
// only from inside a TEST.
//
// Test-only (library wp_formats_testing).
#ifndef WIREPRESS_FORMATS_TESTING_DEEP_NESTING_H_
#define WIREPRESS_FORMATS_TESTING_DEEP_NESTING_H_

#include <string_view>

#include "formats/format.h"

namespace wirepress::formats::testing {

// Parses `opening` (start tags only, the root element first: "<NewsML>
// <NewsItem>") followed by 200,000 nested <b>, as "deep.xml", and expects
// InvalidInput whose first line is exactly
//   deep.xml:1:<column>: elements nested more than 512 levels deep; refusing the document
// with the column of the first element more than 512 levels below the root.
void ExpectRefusesDeepNesting(const FeedParser& parser, std::string_view opening);

}  // namespace wirepress::formats::testing

#endif  // WIREPRESS_FORMATS_TESTING_DEEP_NESTING_H_
