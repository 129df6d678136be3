#include "store/search_text.h"

#include <gtest/gtest.h>

namespace wirepress::store {
namespace {

TEST(HtmlToText, DropsTagsBetweenWordsAndDecodesEntities) {
  EXPECT_EQ(HtmlToText("<p>Tom &amp; Jerry</p><p>said&nbsp;hi</p>"),
            " Tom & Jerry  said hi ");
  EXPECT_EQ(HtmlToText("a &unknown; b"), "a &unknown; b");
}

TEST(SearchWords, SplitsOnPunctuationLowercasesAndDropsLatinAccents) {
  EXPECT_EQ(SearchWords("Putin, Pompeo: Zürich 2019!"),
            (std::vector<std::string>{"putin", "pompeo", "zurich", "2019"}));
  EXPECT_TRUE(SearchWords(" -- ").empty());
}

TEST(SearchWords, FoldsLikeSqliteUnicode61RemoveDiacritics2) {
  EXPECT_EQ(SearchWords("SÃO PAULO naïve CAFÉ İstanbul Ǆemal"),
            (std::vector<std::string>{"sao", "paulo", "naive", "cafe", "istanbul", "ǆemal"}));
  // Decomposed accents are dropped too; letters that are no base letter
  // plus accents stay.
  EXPECT_EQ(SearchWords("Zu\xcc\x88rich ŁÓDŹ Øre straẞe"),
            (std::vector<std::string>{"zurich", "łodz", "øre", "straße"}));
  // Other scripts: case folded (final sigma too), accents kept.
  EXPECT_EQ(SearchWords("ΣΊΣΥΦΟΣ Ελλάδα Ёлка МОСКВА"),
            (std::vector<std::string>{"σίσυφοσ", "ελλάδα", "ёлка", "москва"}));
}

TEST(SearchWords, SplitsAtNonAsciiPunctuationAndKeepsCjkRunsWhole) {
  EXPECT_EQ(SearchWords("«Chuva» x–y a—b 東京タワー"),
            (std::vector<std::string>{"chuva", "x", "y", "a", "b", "東京タワー"}));
}

TEST(SearchWords, InvalidUtf8SeparatesWords) {
  EXPECT_EQ(SearchWords("ab\xff\xfe" "cd"), (std::vector<std::string>{"ab", "cd"}));
}

}  // namespace
}  // namespace wirepress::store
