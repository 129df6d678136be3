// Templates: the theme's mustache templates, loaded and compiled once, then
// rendered with a TemplateData tree. Wraps the kainjow mustache library,
// which stays private to templates.cc.
//
// Lookup: "<name>.mustache" is taken from the user template_dir when it has
// one, else from the shipped theme_dir. "{{> partial}}" includes
// "partials/<partial>.mustache" (looked up the same way); partials are
// inlined at load time so each template is compiled exactly once. Lambdas
// and set-delimiter tags ("{{=<% %>=}}") are not supported: the theme does
// not need them, and without them rendering only reads compiled state.
//
// Thread-safety: a loaded TemplateSet is immutable; Render may be called
// from many threads at once.
#ifndef WIREPRESS_PUBLISH_TEMPLATES_H_
#define WIREPRESS_PUBLISH_TEMPLATES_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/file_system.h"
#include "base/status.h"
#include "publish/output_format.h"

namespace wirepress::publish {

// A value a template sees: a string, a boolean, a list or an object.
// Strings are escaped by the template's Escaping on {{x}} and inserted
// verbatim on {{{x}}}. An empty string and an empty list are falsy in
// {{#x}} sections, so templates can write {{#caption}}...{{/caption}}.
class TemplateData {
 public:
  enum class Kind { kObject, kString, kBool, kList };

  TemplateData() = default;  // an empty object
  TemplateData(std::string s) : kind_(Kind::kString), string_(std::move(s)) {}  // NOLINT
  TemplateData(const char* s) : kind_(Kind::kString), string_(s) {}             // NOLINT
  TemplateData(bool b) : kind_(Kind::kBool), bool_(b) {}                        // NOLINT
  static TemplateData List() { TemplateData d; d.kind_ = Kind::kList; return d; }

  // Object: sets `key` (replacing an earlier value). REQUIRES: kind kObject.
  TemplateData& Set(std::string key, TemplateData value);
  // List: appends. REQUIRES: kind kList.
  TemplateData& Push(TemplateData value);

  Kind kind() const { return kind_; }
  const std::string& string() const { return string_; }
  bool boolean() const { return bool_; }
  const std::vector<TemplateData>& items() const { return items_; }
  const std::vector<std::pair<std::string, TemplateData>>& fields() const { return fields_; }
  // The field `key` of an object, or nullptr.
  const TemplateData* Find(std::string_view key) const;
  bool empty_list() const { return kind_ == Kind::kList && items_.empty(); }

 private:
  Kind kind_ = Kind::kObject;
  std::string string_;
  bool bool_ = false;
  std::vector<TemplateData> items_;
  std::vector<std::pair<std::string, TemplateData>> fields_;
};

class TemplateSet {
 public:
  virtual ~TemplateSet() = default;

  // The named template applied to `data`. NotFound for a name that was not
  // loaded; Internal if the library reports a render error.
  virtual Result<std::string> Render(std::string_view name, const TemplateData& data) const = 0;
  virtual bool Has(std::string_view name) const = 0;
};

// Where to load from and what to compile.
struct TemplateSource {
  std::string template_dir;  // user overrides; "" = none
  std::string theme_dir;     // the shipped theme
  // Template names (without ".mustache") and how each escapes variables.
  std::vector<std::pair<std::string, Escaping>> names;
};

// Loads and compiles every template in `source.names`. NotFound names a
// template missing from both folders; InvalidInput names the file and
// "line L, column C" when a template (or a partial it includes) does not
// compile, or when partials include each other in a cycle.
Result<std::unique_ptr<TemplateSet>> LoadTemplates(const TemplateSource& source, FileSystem& fs);

}  // namespace wirepress::publish

#endif  // WIREPRESS_PUBLISH_TEMPLATES_H_
