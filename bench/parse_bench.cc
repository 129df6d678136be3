// parse_bench: parse throughput per wire format, in MB/s and stories/s,
// over the real agency samples in the corpus (../shared/corpus/wire), next
// to a plain pugixml DOM parse of the same bytes for XML formats (issue 3:
// NewsML-G2 and RSS must reach at least 50% of that baseline).
//
// Adding a format is one row in kFormats (plus its library in
// bench/CMakeLists.txt). Run:
//   build/bench/parse_bench --benchmark_min_time=1
// WIREPRESS_CORPUS_DIR overrides the corpus location.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "formats/format.h"
#include "formats/anpa1312/anpa_parser.h"
#include "formats/ap_media/ap_media_parser.h"
#include "formats/email/email_parser.h"
#include "formats/iptc7901/iptc7901_parser.h"
#include "formats/newsml_1/newsml_1_parser.h"
#include "formats/newsml_g2/newsml_g2_parser.h"
#include "formats/ninjs/ninjs_parser.h"
#include "formats/nitf/nitf_parser.h"
#include "formats/ritzau/ritzau_parser.h"
#include "formats/syndication/rss_atom_parser.h"
#include "formats/xml_reader.h"

namespace wirepress {
namespace {

using formats::FeedParser;

// One row per format: its name, its factory, its corpus folder, and
// whether a pugixml DOM parse is a meaningful baseline (XML formats).
struct FormatRow {
  const char* name;
  std::unique_ptr<FeedParser> (*make_parser)();
  const char* corpus_folder;
  bool xml;
};

const FormatRow kFormats[] = {
    {"newsml-g2", &formats::newsml_g2::NewNewsmlG2Parser, "newsml-g2", true},
    {"rss-atom", &formats::syndication::NewRssAtomParser, "rss-atom", true},
    {"nitf", &formats::nitf::NewNitfParser, "nitf", true},
    {"newsml-1.2", &formats::newsml_1::NewNewsml1Parser, "newsml-1.2", true},
    {"ritzau-xml", &formats::ritzau::NewRitzauParser, "ritzau-xml", true},
    {"ninjs", &formats::ninjs::NewNinjsParser, "ninjs", false},
    {"ap-media-json", &formats::ap_media::NewApMediaParser, "ap-media-json", false},
    {"anpa1312", &formats::anpa1312::NewAnpaParser, "anpa1312", false},
    {"iptc7901", &formats::iptc7901::NewIptc7901Parser, "iptc7901", false},
    {"email-rfc822", &formats::email::NewEmailParser, "email-rfc822", false},
};

struct CorpusFile {
  std::string path;
  std::string bytes;
};

std::string CorpusDir() {
  if (const char* env = std::getenv("WIREPRESS_CORPUS_DIR")) return env;
  return WIREPRESS_CORPUS_DIR;
}

std::vector<CorpusFile> LoadFolder(const std::string& folder) {
  std::vector<CorpusFile> files;
  std::filesystem::path dir = std::filesystem::path(CorpusDir()) / folder;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back({e.path().string(), ss.str()});
  }
  return files;
}

size_t TotalBytes(const std::vector<CorpusFile>& files) {
  size_t n = 0;
  for (const CorpusFile& f : files) n += f.bytes.size();
  return n;
}

void ReportRates(benchmark::State& state, size_t bytes, size_t stories) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * stories));
  state.counters["stories/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * stories), benchmark::Counter::kIsRate);
}

// The adapter: every corpus file of the format, parsed into stories.
void BM_Parse(benchmark::State& state, const FormatRow* row, const std::vector<CorpusFile>* files) {
  std::unique_ptr<FeedParser> parser = row->make_parser();
  size_t stories = 0;
  for (auto _ : state) {
    stories = 0;
    for (const CorpusFile& f : *files) {
      auto result = parser->Parse(formats::Input{f.path, f.bytes, {}});
      if (!result.ok()) {
        state.SkipWithError(result.status().ToString().c_str());
        return;
      }
      stories += result->stories.size();
      benchmark::DoNotOptimize(result);
    }
  }
  ReportRates(state, TotalBytes(*files), stories);
}

// The baseline: a plain pugixml DOM parse of the same bytes.
void BM_PugixmlBaseline(benchmark::State& state, const std::vector<CorpusFile>* files) {
  for (auto _ : state) {
    for (const CorpusFile& f : *files) {
      pugi::xml_document doc;
      pugi::xml_parse_result r = doc.load_buffer(f.bytes.data(), f.bytes.size());
      benchmark::DoNotOptimize(r);
      benchmark::DoNotOptimize(doc.first_child());
    }
  }
  ReportRates(state, TotalBytes(*files), 0);
}

// The shared XML reader alone (XmlDocument::Parse: UTF-8 check, one copy,
// pugixml in place with the adapters' flags, depth bound), no extraction:
// with PugixmlBaseline it tells how much of an adapter's pugixml time is
// the reader's own work and how much the caches it shares with extraction.
void BM_XmlDocument(benchmark::State& state, const std::vector<CorpusFile>* files) {
  for (auto _ : state) {
    for (const CorpusFile& f : *files) {
      auto doc = formats::XmlDocument::Parse(f.path, f.bytes, nullptr);
      benchmark::DoNotOptimize(doc);
    }
  }
  ReportRates(state, TotalBytes(*files), 0);
}

// Registers Parse/<format> and, for XML formats, PugixmlBaseline/<format>
// and XmlDocument/<format>.
// Returns false when a row's corpus folder is empty (wrong corpus path).
bool RegisterAll(std::vector<std::unique_ptr<std::vector<CorpusFile>>>* storage) {
  for (const FormatRow& row : kFormats) {
    storage->push_back(std::make_unique<std::vector<CorpusFile>>(LoadFolder(row.corpus_folder)));
    const std::vector<CorpusFile>* files = storage->back().get();
    if (files->empty()) {
      std::cerr << "parse_bench: no corpus files in " << CorpusDir() << "/" << row.corpus_folder
                << "\n";
      return false;
    }
    benchmark::RegisterBenchmark((std::string("Parse/") + row.name).c_str(), BM_Parse, &row, files);
    if (row.xml) {
      benchmark::RegisterBenchmark((std::string("PugixmlBaseline/") + row.name).c_str(),
                                   BM_PugixmlBaseline, files);
      benchmark::RegisterBenchmark((std::string("XmlDocument/") + row.name).c_str(),
                                   BM_XmlDocument, files);
    }
  }
  return true;
}

}  // namespace
}  // namespace wirepress

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::unique_ptr<std::vector<wirepress::CorpusFile>>> storage;
  if (!wirepress::RegisterAll(&storage)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
