#include "publish/templates.h"

#include <gtest/gtest.h>

#include <thread>

#include "testing/memory_file_system.h"

namespace wirepress::publish {
namespace {

class TemplatesTest : public ::testing::Test {
 protected:
  void Write(const std::string& path, std::string_view text) {
    ASSERT_TRUE(fs_.WriteFileAtomic(path, text).ok());
  }
  Result<std::unique_ptr<TemplateSet>> Load(std::vector<std::pair<std::string, Escaping>> names) {
    return LoadTemplates({"/site", "/theme", std::move(names)}, fs_);
  }
  testing::MemoryFileSystem fs_;
};

TEST_F(TemplatesTest, UserTemplatesOverrideTheThemeAndPartialsAreInlined) {
  Write("/theme/page.mustache", "<h1>{{title}}</h1>{{> footer}}");
  Write("/theme/partials/footer.mustache", "<footer>theme {{site}}</footer>");
  Write("/site/partials/footer.mustache", "<footer>mine {{site}}</footer>");
  auto set = Load({{"page", Escaping::kHtml}});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  TemplateData data;
  data.Set("title", "A & B").Set("site", "S");
  EXPECT_EQ((*set)->Render("page", data).value(), "<h1>A &amp; B</h1><footer>mine S</footer>");
}

TEST_F(TemplatesTest, EscapingFollowsTheFormat) {
  Write("/theme/j.mustache", "{\"t\": \"{{t}}\", \"raw\": {{{r}}}}");
  Write("/theme/t.mustache", "{{t}}");
  auto set = Load({{"j", Escaping::kJson}, {"t", Escaping::kNone}});
  ASSERT_TRUE(set.ok());
  TemplateData data;
  data.Set("t", "say \"hi\"\n</script>").Set("r", "[1]");
  EXPECT_EQ((*set)->Render("j", data).value(),
            "{\"t\": \"say \\\"hi\\\"\\n\\u003c/script\\u003e\", \"raw\": [1]}");
  EXPECT_EQ((*set)->Render("t", data).value(), "say \"hi\"\n</script>");
}

TEST_F(TemplatesTest, EmptyStringsAndListsAreFalsy) {
  Write("/theme/s.mustache", "{{#a}}A={{a}}{{/a}}{{^b}}no-b{{/b}}{{#l}}[{{.}}]{{/l}}");
  auto set = Load({{"s", Escaping::kHtml}});
  ASSERT_TRUE(set.ok());
  TemplateData data;
  data.Set("a", "").Set("b", "").Set("l", TemplateData::List());
  EXPECT_EQ((*set)->Render("s", data).value(), "no-b");
  TemplateData list = TemplateData::List();
  list.Push("x").Push("y");
  data.Set("a", "1").Set("l", std::move(list));
  EXPECT_EQ((*set)->Render("s", data).value(), "A=1no-b[x][y]");
}

TEST_F(TemplatesTest, ControlCharactersAreDroppedFromMarkup) {
  Write("/theme/x.mustache", "<t>{{t}}</t>");
  auto set = Load({{"x", Escaping::kHtml}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ((*set)->Render("x", TemplateData().Set("t", "a\x01" "b\tc")).value(), "<t>ab\tc</t>");
}

TEST_F(TemplatesTest, CompileErrorsNameFileAndLine) {
  Write("/theme/ok.mustache", "fine {{> bad}}");
  Write("/theme/partials/bad.mustache", "line one\n  {{#open}}never closed\n");
  auto set = Load({{"ok", Escaping::kHtml}});
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(set.status().message(),
            "/theme/partials/bad.mustache: line 2, column 3: Unclosed section \"open\"");
}

TEST_F(TemplatesTest, MissingTemplatesAndPartialCyclesAreErrors) {
  EXPECT_EQ(Load({{"nope", Escaping::kHtml}}).status().code(), StatusCode::kNotFound);
  Write("/theme/a.mustache", "{{> b}}");
  Write("/theme/partials/b.mustache", "{{> b}}");
  auto cyc = Load({{"a", Escaping::kHtml}});
  EXPECT_EQ(cyc.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(cyc.status().message().find("cycle"), std::string::npos);
}

TEST_F(TemplatesTest, RendersConcurrently) {
  Write("/theme/c.mustache", "{{#items}}<li>{{name}}</li>{{/items}}");
  auto set = Load({{"c", Escaping::kHtml}});
  ASSERT_TRUE(set.ok());
  TemplateData items = TemplateData::List();
  for (int i = 0; i < 50; ++i) items.Push(TemplateData().Set("name", std::to_string(i)));
  TemplateData data;
  data.Set("items", std::move(items));
  std::string expected = (*set)->Render("c", data).value();
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) mismatches += (*set)->Render("c", data).value() != expected;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace wirepress::publish
