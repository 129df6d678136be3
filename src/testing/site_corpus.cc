#include "testing/site_corpus.h"

#include <string>
#include <vector>

#include "model/permalink.h"
#include "testing/story_builder.h"

namespace wirepress::testing {
namespace {

const char* const kSections[] = {
    "world",      "sports",  "business", "politics",
    "technology", "science", "weather"};  // "weather" is not configured
const char* const kAgencies[] = {"AFP", "afp", "Reuters", "XNA", "", "Press Trust of India"};

std::vector<std::string> Keywords(int i) {
  std::vector<std::string> k;
  if (i % 9 == 0) return k;
  k.push_back("Topic " + std::to_string(i % 13));
  if (i % 3 == 0) k.push_back("Rare " + std::to_string(i % 41));
  if (i % 5 == 0) k.push_back("Story");
  if (i % 11 == 0) k.push_back("  ");
  if (i % 4 == 0) k.push_back("topic " + std::to_string(i % 13));  // same slug, other case
  return k;
}

StoryBuilder Build(int i) {
  StoryBuilder b;
  std::string n = std::to_string(i);
  b.Uri("urn:corpus:" + n)
      .Headline("Story " + n + (i % 2 ? " on markets & <trade>" : " about the storm"))
      .Agency(kAgencies[i % 6])
      .Keywords(Keywords(i))
      .Body("<p>Lead paragraph of story " + n + ".</p><p>Second paragraph " + n + ".</p>");
  if (i % 3 == 1) b.Description("What story " + n + " is about.");
  if (i % 10 == 7) b.Correction(i % 20 == 7 ? "An earlier version misspelt a name." : "");
  return b;
}

// Pairs of stories share a second; a few are weeks older (more months).
Timestamp PublishedAt(Timestamp now, int i) {
  std::int64_t t = now.seconds - 60 - (i / 2) * 3 * 3600;
  if (i % 50 == 3) t -= 70 * 86400;
  return Timestamp{t};
}

}  // namespace

Status PutSiteCorpus(store::Store* store, Timestamp now, int n) {
  for (int i = 0; i < n; ++i) {
    std::string section = kSections[i % 7];
    Timestamp at = PublishedAt(now, i);
    store::PutRequest req = Build(i).Section(section).Request(at);
    if (i % 4 == 0) {
      req.story.pictures.push_back({"https://img.example/" + std::to_string(i) + ".jpg",
                                    i % 8 == 0 ? "A caption" : "", "AFP", "image/jpeg", 800, 450});
    }
    if (i % 6 == 2) req.story.dateline = {"Sochi", "Russia", "May 15", ""};
    if (i % 19 == 5) req.story.embargoed = Timestamp{now.seconds + 3600};
    req.path = model::StoryPath(section, at, req.story.headline, req.story.uri);
    WP_RETURN_IF_ERROR(store->Put(req).status());
  }
  for (int i = 0; i < n; i += 8) {  // newer versions: updated_at moves, path stays
    store::PutRequest req = Build(i)
                                .Version("2")
                                .Section(kSections[i % 7])
                                .Request(Timestamp{PublishedAt(now, i).seconds + 30});
    req.story.headline += " (updated)";
    WP_RETURN_IF_ERROR(store->Put(req).status());
  }
  for (int i = 1; i < n; i += 17) {
    WP_RETURN_IF_ERROR(store->Kill("urn:corpus:" + std::to_string(i), "legal", now).status());
  }
  return Status::Ok();
}

}  // namespace wirepress::testing
