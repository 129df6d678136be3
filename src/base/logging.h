// Logging: one line per event on stderr, "ts level event key=value ...",
// written through spdlog (kept out of this header so that including it
// costs nothing).
//
// Thread-safety: all functions are safe from any thread.
#ifndef WIREPRESS_BASE_LOGGING_H_
#define WIREPRESS_BASE_LOGGING_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace wirepress {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };

// One key=value pair; values with spaces or quotes are quoted on output.
using LogField = std::pair<std::string_view, std::string_view>;

void SetLogLevel(LogLevel level);
// Parses "debug", "info", "warn", "error", "off"; returns false otherwise.
bool ParseLogLevel(std::string_view name, LogLevel* out);

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});
inline void LogInfo(std::string_view e, std::initializer_list<LogField> f = {}) { Log(LogLevel::kInfo, e, f); }
inline void LogWarn(std::string_view e, std::initializer_list<LogField> f = {}) { Log(LogLevel::kWarn, e, f); }
inline void LogError(std::string_view e, std::initializer_list<LogField> f = {}) { Log(LogLevel::kError, e, f); }
inline void LogDebug(std::string_view e, std::initializer_list<LogField> f = {}) { Log(LogLevel::kDebug, e, f); }

// Formats the fields as logfmt ("a=1 b=\"x y\""); exposed for tests.
std::string FormatLogFields(std::initializer_list<LogField> fields);

}  // namespace wirepress

#endif  // WIREPRESS_BASE_LOGGING_H_
