#include "testing/story_builder.h"

#include <utility>

namespace wirepress::testing {

StoryBuilder::StoryBuilder() {
  story_.uri = "urn:test:story";
  story_.version = "1";
  story_.headline = "Test story";
  story_.agency = "AFP";
  story_.language = "en";
  story_.body_html = "<p>Test body.</p>";
  story_.format = "test";
}

StoryBuilder& StoryBuilder::Uri(std::string uri) {
  story_.uri = std::move(uri);
  return *this;
}
StoryBuilder& StoryBuilder::Key(std::string key) {
  story_.key = std::move(key);
  return *this;
}
StoryBuilder& StoryBuilder::Version(std::string version) {
  story_.version = std::move(version);
  return *this;
}
StoryBuilder& StoryBuilder::Headline(std::string headline) {
  story_.headline = std::move(headline);
  return *this;
}
StoryBuilder& StoryBuilder::Description(std::string text) {
  story_.description_text = std::move(text);
  return *this;
}
StoryBuilder& StoryBuilder::Body(std::string html) {
  story_.body_html = std::move(html);
  return *this;
}
StoryBuilder& StoryBuilder::Agency(std::string agency) {
  story_.agency = std::move(agency);
  return *this;
}
StoryBuilder& StoryBuilder::Keywords(std::vector<std::string> keywords) {
  story_.keywords = std::move(keywords);
  return *this;
}
StoryBuilder& StoryBuilder::Subject(std::string code, std::string name) {
  story_.subjects.push_back({std::move(code), std::move(name), ""});
  return *this;
}
StoryBuilder& StoryBuilder::VersionCreated(Timestamp t) {
  story_.versioncreated = t;
  return *this;
}
StoryBuilder& StoryBuilder::FirstCreated(Timestamp t) {
  story_.firstcreated = t;
  return *this;
}
StoryBuilder& StoryBuilder::Embargo(Timestamp t) {
  story_.embargoed = t;
  return *this;
}
StoryBuilder& StoryBuilder::Kill() {
  story_.signals = story_.signals | model::Signal::kKill;
  return *this;
}
StoryBuilder& StoryBuilder::Correction(std::string note) {
  story_.signals = story_.signals | model::Signal::kCorrection;
  story_.correction_note = std::move(note);
  return *this;
}
StoryBuilder& StoryBuilder::PubStatus(model::PubStatus status) {
  story_.pubstatus = status;
  return *this;
}
StoryBuilder& StoryBuilder::Section(std::string section) {
  section_ = std::move(section);
  return *this;
}
StoryBuilder& StoryBuilder::Path(std::string path) {
  path_ = std::move(path);
  return *this;
}

store::PutRequest StoryBuilder::Request(Timestamp now) const {
  std::string path = path_;
  if (path.empty()) {
    path = "/" + section_ + "/";
    for (char c : model::StoryKey(story_)) {
      path += (c == '/' || c == '?' || c == '#' || c == ' ') ? '-' : c;
    }
  }
  return store::PutRequest{story_, section_, std::move(path), now};
}

}  // namespace wirepress::testing
