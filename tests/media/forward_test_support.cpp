#include "tests/media/forward_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include "tests/media/media_test_support.hpp"

namespace wardcast::test {
using namespace std::chrono_literals;

std::filesystem::path renderItem(boost::asio::io_context& io, media::AirRenditionCache& cache,
                                 const media::ProgramItem& item) {
  std::optional<Result<std::filesystem::path>> result;
  cache.ensure(item, [&](Result<std::filesystem::path> r) { result = std::move(r); });
  REQUIRE(runUntil(
      io, [&] { return result.has_value(); }, 30s));
  if (!result->ok()) FAIL(result->error().message);
  return result->value();
}

std::size_t ProgramEvents::count(media::ProgramEvent::Kind kind, const std::string& item) const {
  return std::size_t(std::count_if(all.begin(), all.end(), [&](const media::ProgramEvent& e) {
    return e.kind == kind && (item.empty() || e.item_id == item);
  }));
}

const media::ProgramEvent* ProgramEvents::find(media::ProgramEvent::Kind kind, const std::string& item) const {
  for (const auto& e : all)
    if (e.kind == kind && e.item_id == item) return &e;
  return nullptr;
}

bool ProgramEvents::outputUp() const {
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (it->kind == media::ProgramEvent::Kind::kOutputUp) return true;
    if (it->kind == media::ProgramEvent::Kind::kOutputDown) return false;
  }
  return false;
}

Heard classify(const float* block, std::size_t size, float silence_peak) {
  float peak = 0;
  for (std::size_t i = 0; i < size; ++i) peak = std::max(peak, std::fabs(block[i]));
  if (peak < silence_peak) return Heard::kSilence;
  double low = tonePower(block, size, 48000, 440), high = tonePower(block, size, 48000, 880);
  if (low > 10 * high && low > 1e-4) return Heard::kLow;
  if (high > 10 * low && high > 1e-4) return Heard::kHigh;
  return Heard::kOther;
}

std::size_t longestQuiet(const std::vector<float>& pcm, std::size_t begin, std::size_t end) {
  std::size_t longest = 0, run = 0;
  for (std::size_t i = begin; i < end; ++i) {
    run = std::fabs(pcm[i]) < 1e-3f ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace wardcast::test
