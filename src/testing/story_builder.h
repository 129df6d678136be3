// StoryBuilder: a fluent way for tests to write the one or two fields a
// case is about and get a valid story for the rest:
//
//   model::Story s = StoryBuilder().Uri("x").Version("2").Headline("H").Build();
//   store::PutRequest r = StoryBuilder().Uri("x").Section("sports").Request(now);
//
// Defaults: uri "urn:test:story", version "1", headline "Test story",
// agency "AFP", language "en", a one-paragraph body, pubstatus usable.
//
// Thread-safety: a value; one builder per thread.
#ifndef WIREPRESS_TESTING_STORY_BUILDER_H_
#define WIREPRESS_TESTING_STORY_BUILDER_H_

#include <string>
#include <vector>

#include "base/time.h"
#include "model/story.h"
#include "store/store.h"

namespace wirepress::testing {

class StoryBuilder {
 public:
  StoryBuilder();

  StoryBuilder& Uri(std::string uri);
  // The versionless key, for guids that carry the version (model::StoryKey).
  StoryBuilder& Key(std::string key);
  StoryBuilder& Version(std::string version);
  StoryBuilder& Headline(std::string headline);
  StoryBuilder& Description(std::string text);
  StoryBuilder& Body(std::string html);
  StoryBuilder& Agency(std::string agency);
  StoryBuilder& Keywords(std::vector<std::string> keywords);
  StoryBuilder& Subject(std::string code, std::string name = {});
  StoryBuilder& VersionCreated(Timestamp t);
  StoryBuilder& FirstCreated(Timestamp t);
  StoryBuilder& Embargo(Timestamp t);
  // Marks the version as a kill (signal kKill).
  StoryBuilder& Kill();
  // Marks the version as a correction with `note`.
  StoryBuilder& Correction(std::string note);
  StoryBuilder& PubStatus(model::PubStatus status);
  // Section and path used by Request(); the path defaults to
  // "/<section>/<uri>" with non-path characters replaced.
  StoryBuilder& Section(std::string section);
  StoryBuilder& Path(std::string path);

  model::Story Build() const { return story_; }
  // A PutRequest for the story as ingest would make it, at `now`.
  store::PutRequest Request(Timestamp now) const;

 private:
  model::Story story_;
  std::string section_ = "world";
  std::string path_;
};

}  // namespace wirepress::testing

#endif  // WIREPRESS_TESTING_STORY_BUILDER_H_
