#pragma once
// Loader internals (not for use outside config/): typed, position-aware access
// to one TOML table. Every failure throws ConfigError whose what() is
// "FILE:LINE:COLUMN: message", the position being that of the offending key
// or value (or of the table's header when a required key is missing).
#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wardcast::config {

// Throws ConfigError at `where` (the region's path is the file's name).
[[noreturn]] void failAt(const toml::source_region& where, const std::string& message);
// The same, for the file as a whole (line 1, column 1).
[[noreturn]] void failInFile(const std::string& file, const std::string& message);

// "a string", "an integer", ... for messages.
std::string describeType(const toml::node& node);
// `value` quoted for a message: "noon".
std::string inQuotes(std::string_view value);
// "a, b, c".
std::string joinNames(const std::vector<std::string>& names);
// The candidate closest to `word` when it is an obvious typo, else "".
std::string closestName(std::string_view word, const std::vector<std::string>& candidates);

// Whether a required key may be absent.
enum class Need { kRequired = 1, kOptional };

// A string value and where it stands in the file.
struct LocatedText {
  std::string value;
  toml::source_region where;
};

// The array of tables `key` of `parent` ([[window]], [[emergency.area]]);
// nullptr when absent. Throws when `key` is something else. `header` is how
// the tables are declared, for messages: "[[emergency.area]]".
const toml::array* tableArray(const toml::table& parent, std::string_view key,
                              std::string_view header);

// Ids and group names: letters, digits, '-', '_' and '.', starting with a
// letter or digit (so "group:ward" and "kind:led" stay unambiguous).
void checkName(const LocatedText& name, std::string_view what);

class TableReader {
 public:
  // `label` names the table in messages: "[station]", "[[channel]] \"ward\"".
  // Throws at the first key not in `known`, suggesting the closest known key.
  TableReader(const toml::table& table, std::string label, std::vector<std::string> known);

  const toml::table& table() const { return table_; }
  const std::string& label() const { return label_; }
  const toml::node* find(std::string_view key) const;
  // Renames the table for later messages (once its id is known).
  void relabel(std::string label) { label_ = std::move(label); }

  std::optional<LocatedText> text(std::string_view key, Need need) const;
  // Any number (integers are accepted), within [min, max] inclusive.
  std::optional<double> number(std::string_view key, double min, double max,
                               std::string_view unit) const;
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<bool> flag(std::string_view key) const;
  // An array of strings; empty when absent and optional. A required array
  // must also be non-empty.
  std::vector<LocatedText> texts(std::string_view key, Need need) const;

  [[noreturn]] void failMissing(std::string_view key, std::string_view expected) const;
  [[noreturn]] void failValue(std::string_view key, const std::string& message) const;

 private:
  const toml::node& require(std::string_view key) const;
  [[noreturn]] void failType(std::string_view key, const toml::node& node,
                             std::string_view expected) const;

  const toml::table& table_;
  std::string label_;
};

}  // namespace wardcast::config
