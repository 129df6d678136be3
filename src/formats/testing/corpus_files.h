// Test helper: reading the shared wire corpus (../shared/corpus/wire), one
// folder of agency samples per format, from the adapters' tests.
//
// Failures are reported through GoogleTest (EXPECT-style: the test goes on
// and fails at the end), so call these only from inside a TEST.
//
// Test-only (library wp_formats_testing).
#ifndef WIREPRESS_FORMATS_TESTING_CORPUS_FILES_H_
#define WIREPRESS_FORMATS_TESTING_CORPUS_FILES_H_

#include <string>
#include <utility>
#include <vector>

namespace wirepress::formats::testing {

// The bytes of `file`, a path relative to CorpusDir() ("nitf/aap.xml").
// A file that cannot be read is a test failure naming it, and gives "".
std::string ReadCorpusFile(const std::string& file);

// (path relative to CorpusDir(), first 8 KiB) for every corpus sample
// outside the folder `own_dir` ("anpa1312"): what the registry's sniffing
// would see of every other format. Files at the top of the corpus
// (expected.jsonl, SOURCES.md) are not samples and are left out. A file
// that cannot be read is a test failure naming it.
std::vector<std::pair<std::string, std::string>> OtherCorpusHeads(const std::string& own_dir);

}  // namespace wirepress::formats::testing

#endif  // WIREPRESS_FORMATS_TESTING_CORPUS_FILES_H_
