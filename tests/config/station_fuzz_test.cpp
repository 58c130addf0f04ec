// Mutated station files (SPEC §8: parsers are fuzzed): whatever the bytes,
// the loader either returns a station or throws ConfigError with a
// "FILE:LINE:COLUMN: message" what(), never another exception or a crash.
#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <typeinfo>

#include "config/station_config.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;

namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

// One random edit: a byte deleted, inserted or replaced, or a line deleted,
// duplicated or swapped with another.
std::string mutate(const std::string& text, std::mt19937& rng) {
  static const std::string kAlphabet = "[]{}=\"',#.:-_ \n0123456789abcdefxyz\xc4\x90\xff";
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::string out = text;
  switch (pick(6)) {
    case 0:
      out.erase(pick(out.size()), 1);
      break;
    case 1:
      out.insert(out.begin() + long(pick(out.size())), kAlphabet[pick(kAlphabet.size())]);
      break;
    case 2:
      out[pick(out.size())] = kAlphabet[pick(kAlphabet.size())];
      break;
    default: {
      auto lines = splitLines(out);
      auto i = pick(lines.size()), j = pick(lines.size());
      if (lines.size() < 2) break;
      if (pick(3) == 0)
        lines.erase(lines.begin() + long(i));
      else if (pick(2) == 0)
        lines.insert(lines.begin() + long(i), lines[j]);
      else
        std::swap(lines[i], lines[j]);
      out = joinLines(lines);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("mutated station files load or fail with a positioned ConfigError") {
  TempDir dir;
  const std::string demo = readFile(sourceDir() / "config" / "demo" / "wardcast.toml");
  const auto file = dir / "wardcast.toml";
  const std::regex positioned(
      "^" + std::regex_replace(file.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
      R"(:[1-9][0-9]*:[1-9][0-9]*: .+)");
  std::mt19937 rng(20260415);
  int loaded = 0, rejected = 0;
  for (int round = 0; round < 1000; ++round) {
    std::string text = demo;
    int edits = 1 + int(rng() % 3);
    for (int e = 0; e < edits; ++e) text = mutate(text, rng);
    writeFile(file, text);
    try {
      loadStationConfig(file, dir / "data");
      ++loaded;
    } catch (const ConfigError& error) {
      ++rejected;
      INFO("mutated file:\n" << text);
      REQUIRE(std::regex_search(error.what(), positioned));
    } catch (const std::exception& error) {
      FAIL("unexpected " << typeid(error).name() << ": " << error.what() << "\nfile:\n" << text);
    }
  }
  // Both outcomes occur: the mutations are neither all harmless nor all fatal.
  CHECK(loaded > 0);
  CHECK(rejected > 0);
}
