// Test helper: checks an adapter against ../shared/corpus/wire/expected.jsonl,
// the real agency samples with their expected fields.
//
// For each expected record of a format, the file is parsed with the given
// parser and the story is found by guid (or, for records without one, by
// its position among the file's records). Every key present in the record
// must match: guid, version, pubstatus, headline, byline, located, urgency,
// language, firstcreated, versioncreated, embargoed, subject_codes (in
// order), body_starts_with (first 60 chars of the body as text).
//
// Test-only (library wp_formats_testing).
#ifndef WIREPRESS_FORMATS_TESTING_CORPUS_EXPECTATIONS_H_
#define WIREPRESS_FORMATS_TESTING_CORPUS_EXPECTATIONS_H_

#include <functional>
#include <string>
#include <vector>

#include "formats/format.h"

namespace wirepress::formats::testing {

// The corpus folder (WIREPRESS_CORPUS_DIR, or ../shared/corpus/wire).
std::string CorpusDir();

// Field mismatches as "file#guid: key: expected X, got Y", one per line;
// empty when everything agrees. `format` is the expected.jsonl "format".
std::vector<std::string> CheckCorpus(const FeedParser& parser, const std::string& format);

// The stories of one corpus file (`file` relative to CorpusDir(), as in
// expected.jsonl), however they are produced: an adapter, or the CLI.
// Problems other than a failed parse may be appended to *errors.
using CorpusParse = std::function<Result<std::vector<model::Story>>(
    const std::string& file, std::vector<std::string>* errors)>;

// CheckCorpus for any producer of stories. `format` "" checks every record
// of every format; `compare_format` also compares the record's "format"
// with Story::format (set by the registry, not by every adapter).
std::vector<std::string> CheckCorpusRecords(const CorpusParse& parse, const std::string& format,
                                            bool compare_format);

// The same for one already-parsed story against one record (JSON text).
std::vector<std::string> CompareStory(const model::Story& story, const std::string& record_json);

// The story's body as expected.jsonl measures it: tags stripped, entities
// decoded, whitespace collapsed, first 60 characters (code points).
std::string BodyStart(const model::Story& story);

}  // namespace wirepress::formats::testing

#endif  // WIREPRESS_FORMATS_TESTING_CORPUS_EXPECTATIONS_H_
