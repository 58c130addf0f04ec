#pragma once
// Helpers for the forwarding-path tests: render an item into an air
// rendition, collect a program's events, and judge what a receiver heard
// (which tone a block is, the longest quiet stretch).
#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "media/rendition/air_rendition.hpp"
#include "media/program_event.hpp"

namespace wardcast::test {

// Renders `item` with `cache` on `io` (30 s deadline); fails the test on an error.
std::filesystem::path renderItem(boost::asio::io_context& io, media::AirRenditionCache& cache,
                                 const media::ProgramItem& item);

// A program's events, in the order they came.
struct ProgramEvents {
  std::vector<media::ProgramEvent> all;
  std::size_t count(media::ProgramEvent::Kind kind, const std::string& item = {}) const;
  // The first event of `kind` about `item`, or null.
  const media::ProgramEvent* find(media::ProgramEvent::Kind kind, const std::string& item) const;
  // The link state the last kOutputUp/kOutputDown reported (false before any).
  bool outputUp() const;
};

enum class Heard { kSilence = 1, kLow, kHigh, kOther };
// What a block of mono 48 kHz samples sounds like: silence (peak below
// `silence_peak`), the 440 Hz tone (kLow), the 880 Hz tone (kHigh) or other.
Heard classify(const float* block, std::size_t size, float silence_peak);
// The longest run of samples quieter than -60 dBFS in [begin, end).
std::size_t longestQuiet(const std::vector<float>& pcm, std::size_t begin, std::size_t end);

}  // namespace wardcast::test
