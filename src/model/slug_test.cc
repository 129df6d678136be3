#include "model/slug.h"

#include <gtest/gtest.h>

namespace wirepress::model {
namespace {

TEST(Slug, LowercasesAndHyphenates) {
  EXPECT_EQ(Slugify("Pompeo Says Agreed with Putin on Syria Progress"),
            "pompeo-says-agreed-with-putin-on-syria-progress");
  EXPECT_EQ(Slugify("  U.S. -- Russia: talks!  "), "u-s-russia-talks");
  EXPECT_EQ(Slugify("Putin's dacha"), "putins-dacha");
}

TEST(Slug, TransliteratesOtherScripts) {
  EXPECT_EQ(Slugify("Путин встретил Помпео"), "putin-vstretil-pompeo");
  EXPECT_EQ(Slugify("Café à Zürich"), "cafe-a-zurich");
  EXPECT_EQ(Slugify("Αθήνα"), "athena");
}

TEST(Slug, CutsAtAWordAndNeverReturnsEmpty) {
  EXPECT_EQ(Slugify("alpha beta gamma delta", 12), "alpha-beta");
  EXPECT_EQ(Slugify("!!!"), "story");
}

}  // namespace
}  // namespace wirepress::model
