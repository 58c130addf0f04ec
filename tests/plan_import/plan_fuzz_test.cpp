// Mutated plans (SPEC §8: parsers are fuzzed): whatever the text, `plan
// import` either writes a campaign file that loads back without an error,
// or refuses with a message, never another exception or a crash. Mutations
// are the damage real extracted plans carry, at random: bytes and lines
// lost or repeated, stray tabs (table cells), markers and frequency words
// in the wrong place, invalid UTF-8, a text cut short.
#include <catch2/catch.hpp>

#include <random>

#include "content/plan_import/campaign.hpp"
#include "content/plan_import/plan_document.hpp"
#include "tests/plan_import/plan_variants.hpp"
#include "tests/support/test_support.hpp"

using namespace wardcast;
using namespace wardcast::test;

namespace {

const char* kFragments[] = {"\t", "\n", "I. ", "II. NỘI DUNG ", "1. ", "a) ", "đ) ", "- ", "+ ", "STT\tNhiệm vụ\t",
                            "hàng tuần", "hàng tháng", "định kỳ", "thường xuyên", "trước ngày 31/12/2026",
                            "loa truyền thanh", "màn hình LED", "tổ dân phố", "\xff", "\xc3", "ngày   tháng",
                            "**", "<b>", "\f", "Trang 2", "0", "99999999999999999999", "/", " "};

std::size_t pick(std::mt19937& rng, std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }

std::size_t lineStart(const std::string& text, std::size_t at) {
  auto nl = text.rfind('\n', at);
  return nl == std::string::npos ? 0 : nl + 1;
}

// The first code point boundary at or after `at` (edits keep the UTF-8
// valid; invalid bytes come only from the fragments that carry them).
std::size_t boundary(const std::string& text, std::size_t at) {
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// One random edit of the text.
void mutateOnce(std::string& text, std::mt19937& rng) {
  if (text.empty()) {
    text = kFragments[pick(rng, std::size(kFragments))];
    return;
  }
  std::size_t at = boundary(text, pick(rng, text.size()));
  switch (pick(rng, 7)) {
    case 0: text.erase(at, boundary(text, at + 1 + pick(rng, 40)) - at); break;
    case 1: text.insert(at, kFragments[pick(rng, std::size(kFragments))]); break;
    case 2:  // a character replaced by any printable ASCII
      text.replace(at, boundary(text, at + 1) - at, 1, char(' ' + pick(rng, 95)));
      break;
    case 3: {  // a line repeated elsewhere
      std::size_t start = lineStart(text, at), end = text.find('\n', at);
      std::string line = text.substr(start, (end == std::string::npos ? text.size() : end) - start) + "\n";
      text.insert(lineStart(text, pick(rng, text.size())), line);
      break;
    }
    case 4: {  // a line lost
      std::size_t start = lineStart(text, at), end = text.find('\n', at);
      text.erase(start, (end == std::string::npos ? text.size() : end + 1) - start);
      break;
    }
    case 5: text.resize(at); break;  // cut short
    default: text.insert(lineStart(text, at), kFragments[pick(rng, std::size(kFragments))]); break;
  }
}

std::vector<std::string> seedPlans() {
  std::vector<std::string> plans{tanAnPlan()};
  for (const char* name : {"huong-tra-2026.txt", "bac-hong-linh-2026.txt", "me-linh-2024.txt"})
    plans.push_back(readFile(samplePlansDir() / name));
  return plans;
}

}  // namespace

TEST_CASE("mutated plans: a campaign file that loads back, or a refusal with a reason") {
  TempDir dir;
  std::mt19937 rng(20261125);
  int imported = 0, refused = 0;
  for (const std::string& plan : seedPlans()) {
    for (int round = 0; round < 120; ++round) {
      std::string text = plan;
      int edits = 1 + int(pick(rng, round < 60 ? 3 : 25));
      for (int e = 0; e < edits; ++e) mutateOnce(text, rng);
      auto file = dir / ("plan-" + std::to_string(round) + ".txt");
      writeFile(file, text);
      INFO("round " << round << " of a plan starting " << plan.substr(0, 40) << "; text kept in " << file);
      auto document = readPlanDocument(file);
      if (!document) {
        CHECK_FALSE(document.error().message.empty());
        ++refused;
        continue;
      }
      ImportOptions options;
      options.source_name = file.filename().string();
      options.fallback_year = 2026;
      auto result = importPlan(*document, options);
      if (!result) {
        CHECK(result.error().kind == ErrorKind::kInvalidInput);
        CHECK_FALSE(result.error().message.empty());
        ++refused;
        continue;
      }
      CHECK_FALSE(result->campaign.topics.empty());
      auto campaign_file = dir / "campaign.toml";
      writeFile(campaign_file, campaignToToml(*result));
      CHECK_NOTHROW(loadCampaignFile(campaign_file));
      std::filesystem::remove(file);
      ++imported;
    }
  }
  WARN("mutated plans: " << imported << " imported, " << refused << " refused");
  CHECK(imported > 0);
  CHECK(refused > 0);
}
