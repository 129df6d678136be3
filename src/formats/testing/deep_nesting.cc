#include "formats/testing/deep_nesting.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "formats/xml_reader.h"

namespace wirepress::formats::testing {

void ExpectRefusesDeepNesting(const FeedParser& parser, std::string_view opening) {
  constexpr int kNested = 200000;
  std::string xml(opening);
  for (int i = 0; i < kNested; ++i) xml += "<b>";
  Result<ParseResult> r = parser.Parse(Input{"deep.xml", xml, {}});
  ASSERT_FALSE(r.ok()) << parser.name() << " accepted " << kNested << " nested elements";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  // `opening` holds the root and the levels below it down to
  // opening_levels; the first <b> is one level further. The refused element
  // is the first at level kMaxXmlDepth + 1; its column is that of its name.
  const int opening_levels = static_cast<int>(std::count(opening.begin(), opening.end(), '<')) - 1;
  const size_t b_index = static_cast<size_t>(kMaxXmlDepth + 1 - (opening_levels + 1));
  const size_t column = opening.size() + 3 * b_index + 2;
  const std::string m = r.status().message();
  EXPECT_EQ(m.substr(0, m.find('\n')),
            "deep.xml:1:" + std::to_string(column) + ": elements nested more than " +
                std::to_string(kMaxXmlDepth) + " levels deep; refusing the document");
}

}  // namespace wirepress::formats::testing
