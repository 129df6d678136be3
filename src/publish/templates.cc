#include "publish/templates.h"

#include <kainjow/mustache.hpp>

#include <cstdio>
#include <set>
#include <unordered_map>

#include "base/strings.h"

namespace wirepress::publish {
namespace km = kainjow::mustache;

TemplateData& TemplateData::Set(std::string key, TemplateData value) {
  for (auto& [k, v] : fields_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  fields_.emplace_back(std::move(key), std::move(value));
  return *this;
}

TemplateData& TemplateData::Push(TemplateData value) {
  items_.push_back(std::move(value));
  return *this;
}

const TemplateData* TemplateData::Find(std::string_view key) const {
  for (const auto& [k, v] : fields_) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {

constexpr std::string_view kExtension = ".mustache";
constexpr int kMaxPartialDepth = 16;
// Output buffer reserved up front: a story page is ~10-20 KB, and growing a
// string there from empty copies it about ten times.
constexpr size_t kRenderReserve = 16 * 1024;

std::string JsonStringEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      // "<" and ">" escaped so the text is also safe inside <script>.
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

// HTML/XML escaping that also drops the C0 control characters XML 1.0
// forbids (wire copy sometimes carries them), so feeds stay well-formed.
// Copies runs of plain bytes at once: escaping dominates feed rendering.
std::string MarkupEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::string_view rep;
    switch (c) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      default:
        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') continue;
    }
    out.append(s, run, i - run);
    out.append(rep);
    run = i + 1;
  }
  out.append(s, run, std::string::npos);
  return out;
}

km::mustache::escape_handler EscapeFor(Escaping e) {
  switch (e) {
    case Escaping::kHtml: return MarkupEscape;
    case Escaping::kJson: return JsonStringEscape;
    case Escaping::kNone: return [](const std::string& s) { return s; };
  }
  return MarkupEscape;
}

// A leaf value, or an empty container of the right kind for Fill().
km::data Shell(const TemplateData& d) {
  switch (d.kind()) {
    // An empty string is falsy for {{#x}}, as in most mustache engines
    // (kainjow treats it as true) and still renders as nothing in {{x}};
    // a false value also stops the lookup from climbing to outer contexts.
    case TemplateData::Kind::kString:
      return d.string().empty() ? km::data(false) : km::data(d.string());
    case TemplateData::Kind::kBool: return km::data(d.boolean());
    case TemplateData::Kind::kList: return km::data(km::data::type::list);
    case TemplateData::Kind::kObject: break;
  }
  return km::data(km::data::type::object);
}

// Converts `d` into `out` (made by Shell(d)) top-down. kainjow copies a
// whole subtree whenever a value is inserted, so building bottom-up would
// copy every string once per nesting level; inserting empty shells and
// filling them in place copies each string once. kainjow only hands out
// const pointers to stored values, but they are not const objects (`out`
// owns them), so writing through const_cast is well-defined.
void Fill(const TemplateData& d, km::data* out) {
  if (d.kind() == TemplateData::Kind::kList) {
    for (const TemplateData& item : d.items()) {
      out->push_back(Shell(item));
      Fill(item, const_cast<km::data*>(&out->list_value().back()));
    }
  } else if (d.kind() == TemplateData::Kind::kObject) {
    for (const auto& [key, value] : d.fields()) {
      out->set(key, Shell(value));
      Fill(value, const_cast<km::data*>(out->get(key)));
    }
  }
}

km::data ToMustache(const TemplateData& d) {
  km::data out = Shell(d);
  Fill(d, &out);
  return out;
}

// "Unclosed tag at 123" → "line 4, column 7: Unclosed tag" for `text`.
std::string LocateError(const std::string& message, const std::string& text) {
  size_t at = message.rfind(" at ");
  long long offset = 0;
  if (at == std::string::npos || !ParseInt64(message.substr(at + 4), &offset) || offset < 0) {
    return message;
  }
  int line = 1, column = 1;
  for (size_t i = 0; i < static_cast<size_t>(offset) && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
         message.substr(0, at);
}

// Reads templates from the override folder, then the theme, and inlines
// partials. Files are cached so a partial used by many templates is read
// (and checked) once.
class Loader {
 public:
  Loader(const TemplateSource& source, FileSystem& fs) : source_(source), fs_(fs) {}

  // The text of `name` with every partial inlined.
  Result<std::string> Expand(const std::string& name, int depth = 0) {
    if (depth > kMaxPartialDepth) {
      return Status::InvalidInput("template " + name, "partials include each other in a cycle");
    }
    WP_ASSIGN_OR_RETURN(const File* file, Read(name));
    std::string out;
    std::string_view text = file->text;
    size_t pos = 0;
    while (true) {
      size_t open = text.find("{{>", pos);
      if (open == std::string_view::npos) break;
      size_t close = text.find("}}", open);
      if (close == std::string_view::npos) break;  // Read() already rejected this
      out.append(text.substr(pos, open - pos));
      std::string partial = "partials/" + std::string(Trim(text.substr(open + 3, close - open - 3)));
      WP_ASSIGN_OR_RETURN(std::string inner, Expand(partial, depth + 1));
      out += inner;
      pos = close + 2;
    }
    out.append(text.substr(pos));
    return out;
  }

 private:
  struct File {
    std::string path;
    std::string text;
  };

  Result<const File*> Read(const std::string& name) {
    if (auto it = files_.find(name); it != files_.end()) return &it->second;
    File file;
    WP_ASSIGN_OR_RETURN(file.path, Locate(name));
    WP_ASSIGN_OR_RETURN(file.text, fs_.ReadFile(file.path));
    // Compile the file on its own so errors point into the file itself.
    km::mustache check(file.text);
    if (!check.is_valid()) {
      return Status::InvalidInput(file.path, LocateError(check.error_message(), file.text));
    }
    return &files_.emplace(name, std::move(file)).first->second;
  }

  Result<std::string> Locate(const std::string& name) {
    std::string file = name + std::string(kExtension);
    for (const std::string& dir : {source_.template_dir, source_.theme_dir}) {
      if (dir.empty()) continue;
      std::string path = JoinPath(dir, file);
      WP_ASSIGN_OR_RETURN(FileInfo info, fs_.Stat(path));
      if (info.exists) return path;
    }
    return Status::NotFound("template " + file,
                            "not in '" + source_.template_dir + "' or '" + source_.theme_dir + "'");
  }

  const TemplateSource& source_;
  FileSystem& fs_;
  std::unordered_map<std::string, File> files_;
};

class MustacheSet final : public TemplateSet {
 public:
  Status Add(const std::string& name, const std::string& text, Escaping escaping) {
    auto tmpl = std::make_unique<km::mustache>(text);
    if (!tmpl->is_valid()) {
      return Status::InvalidInput("template " + name, LocateError(tmpl->error_message(), text));
    }
    tmpl->set_custom_escape(EscapeFor(escaping));
    templates_[name] = std::move(tmpl);
    return Status::Ok();
  }

  Result<std::string> Render(std::string_view name, const TemplateData& data) const override {
    auto it = templates_.find(std::string(name));
    if (it == templates_.end()) return Status::NotFound("template " + std::string(name));
    // kainjow's render() is not const, but with partials inlined and no
    // lambdas in the data it only reads the compiled tree; all mutable
    // state lives in the per-call context. That is what makes concurrent
    // renders of one template safe.
    std::string out;
    out.reserve(kRenderReserve);
    it->second->render(ToMustache(data), [&out](const std::string& piece) { out += piece; });
    if (!it->second->is_valid()) {
      return Status::Internal("rendering template " + std::string(name), it->second->error_message());
    }
    return out;
  }

  bool Has(std::string_view name) const override {
    return templates_.count(std::string(name)) != 0;
  }

 private:
  std::unordered_map<std::string, std::unique_ptr<km::mustache>> templates_;
};

}  // namespace

Result<std::unique_ptr<TemplateSet>> LoadTemplates(const TemplateSource& source, FileSystem& fs) {
  Loader loader(source, fs);
  auto set = std::make_unique<MustacheSet>();
  for (const auto& [name, escaping] : source.names) {
    WP_ASSIGN_OR_RETURN(std::string text, loader.Expand(name));
    WP_RETURN_IF_ERROR(set->Add(name, text, escaping));
  }
  return std::unique_ptr<TemplateSet>(std::move(set));
}

}  // namespace wirepress::publish
