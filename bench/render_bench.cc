// render_bench: how long the renderer takes for the documents a reader
// hits most — a story page and the home page — over an in-memory store of
// realistic stories, so the figures are the renderer's own cost (template
// data, mustache, escaping, hashing) plus the store's listing queries.
//
//   cmake --build build --target render_bench && ./build/bench/render_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "model/permalink.h"
#include "publish/renderer.h"
#include "publish/story_view.h"
#include "store/memory/memory_store.h"
#include "testing/fake_clock.h"
#include "testing/story_builder.h"

namespace wirepress::publish {
namespace {

constexpr Timestamp kNow{1557921600};
constexpr int kStories = 2000;

std::string Body(int i) {
  std::string body;
  for (int p = 0; p < 10; ++p) {
    body += "<p>Paragraph " + std::to_string(p) + " of story " + std::to_string(i) +
            ": the United States and Russia have agreed on ways to break a deadlock in finding "
            "a political solution in war-ravaged Syria, officials said after talks.</p>";
  }
  return body;
}

struct Site {
  testing::FakeClock clock{kNow};
  std::unique_ptr<store::Store> store = store::memory::NewMemoryStore();
  std::unique_ptr<Renderer> renderer;
  std::string story_path;

  Site() {
    const char* sections[] = {"world", "business", "sports", "politics"};
    for (int i = 0; i < kStories; ++i) {
      std::string section = sections[i % 4];
      Timestamp at{kNow.seconds - 60 * i};
      store::PutRequest req = testing::StoryBuilder()
                                  .Uri("urn:bench:" + std::to_string(i))
                                  .Headline("Headline number " + std::to_string(i) + " on talks")
                                  .Description("A summary of story " + std::to_string(i) + ".")
                                  .Body(Body(i))
                                  .Keywords({"Syria", "Topic " + std::to_string(i % 50)})
                                  .Section(section)
                                  .Request(at);
      req.story.dateline = {"Sochi", "Russia", "May 15", "AFP"};
      req.path = model::StoryPath(section, at, req.story.headline, req.story.uri);
      if (i == kStories / 2) story_path = req.path;
      if (!store->Put(req).ok()) std::abort();
    }
    SiteConfig config;
    config.base_url = "https://news.example";
    config.theme_dir = WIREPRESS_SOURCE_DIR "/templates";
    config.images = DefaultLibraryImages(config);
    auto r = NewRenderer(config, store.get(), &clock);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      std::abort();
    }
    renderer = std::move(r).value();
  }
};

Site& TheSite() {
  static Site* site = new Site();
  return *site;
}

void Run(benchmark::State& state, const std::string& path) {
  Renderer& r = *TheSite().renderer;
  size_t bytes = 0;
  for (auto _ : state) {
    auto doc = r.Render(path);
    if (!doc.ok()) state.SkipWithError(doc.status().ToString().c_str());
    bytes += doc->body.size();
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_StoryPage(benchmark::State& state) { Run(state, TheSite().story_path); }

// The store queries a story page makes (the record, then related stories
// by tag and by section): subtract from BM_StoryPage for the renderer's
// own cost.
void BM_StoryPageStoreQueriesOnly(benchmark::State& state) {
  Site& site = TheSite();
  for (auto _ : state) {
    auto record = site.store->GetByPath(site.story_path);
    store::StoryQuery by_tag;
    by_tag.tag = "syria";
    by_tag.limit = 6;
    store::StoryQuery by_section;
    by_section.section = record->section;
    by_section.limit = 6;
    auto a = site.store->List(by_tag);
    auto b = site.store->List(by_section);
    benchmark::DoNotOptimize(a);
    benchmark::DoNotOptimize(b);
  }
}
void BM_HomePage(benchmark::State& state) { Run(state, "/"); }
void BM_SectionPage5(benchmark::State& state) { Run(state, "/world/page/5/"); }
void BM_RssFeed(benchmark::State& state) { Run(state, "/rss.xml"); }

BENCHMARK(BM_StoryPage)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_StoryPage)->Unit(benchmark::kMicrosecond)->Threads(2);
BENCHMARK(BM_StoryPageStoreQueriesOnly)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HomePage)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SectionPage5)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RssFeed)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace wirepress::publish

BENCHMARK_MAIN();
